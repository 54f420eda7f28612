# The commands the README gives. `make demo` and `make test` install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DIR := data/demo
DEMO_DB := data/warehouse.duckdb
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: install demo demo-data serve test test-fast bench bench-quick bench-etl bench-dashboard clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo-data: install
	test -f $(DEMO_DIR)/.complete || ( rm -rf $(DEMO_DIR) && \
		$(PY) -m etl generate --out $(DEMO_DIR) && touch $(DEMO_DIR)/.complete )
	$(PY) -m etl load $(DEMO_DIR) --db $(DEMO_DB)

demo: demo-data serve

serve: install
	$(PY) -m dashboard demo-users
	LEEFLOON_WAREHOUSE=$(DEMO_DB) LEEFLOON_BIND=$(HOST):$(PORT) \
		$(VENV)/bin/gunicorn app:server -c gunicorn.conf.py

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not e2e and not slow"

bench: install
	$(PY) bench/run.py

bench-quick: install
	$(PY) bench/run.py --quick

bench-etl: install
	$(PY) bench/bench_etl.py

bench-dashboard: install
	$(PY) bench/bench_dashboard.py

clean:
	rm -rf $(DEMO_DIR) data/warehouse*.duckdb* bench/results

# Two commands do everything on a fresh machine: `make extract` and `make test`.
# The virtual environment is (re)built whenever pyproject.toml is newer than it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: extract test lint bench clean fuzz

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline.load.dictionary
	$(PY) -m pipeline extract $(ARGS)

test: $(STAMP)
	$(PY) -m pytest -q $(ARGS)

# Speed against a bare pdfplumber pass, re-run time, peak memory: extracted/bench/bench.json.
bench: $(STAMP)
	$(PY) bench/bench.py $(ARGS)

# Damaged copies of the corpus PDFs through the real build (tests/fuzz.py); the summary
# (cases by outcome, findings, slowest case, peak memory) goes to extracted/fuzz/fuzz.json.
N ?= 1000
fuzz: $(STAMP)
	$(PY) tests/fuzz.py --cases $(N) $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline schemas tests

clean:
	rm -rf .cache build *.egg-info

.PHONY: docs notebooks

# docs/data-dictionary.md, generated from the schemas (a test fails when it is stale).
docs: $(STAMP)
	$(PY) -m pipeline.load.dictionary

# Runs notebooks/*.ipynb on extracted/warehouse.duckdb; figures go to extracted/figures/.
notebooks: $(STAMP)
	$(PY) -m pipeline.output.notebooks

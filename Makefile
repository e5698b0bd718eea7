# Learning by Descent. `make book` builds the site, `make test` runs everything CI checks.
# Both create the virtual environment .venv from requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
# Every tool below (jupyter, pytest, the notebook kernel) comes from the venv.
export PATH := $(BIN):$(PATH)
BUILD := jupyter-book build . --all -W -n --keep-going

.PHONY: venv book test lab student bench clean

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

book: venv
	$(BUILD)
	@echo "The book is built: open file://$(abspath _build/html/index.html)"

test: venv
	ruff check .
	$(BUILD)
	pytest -n 2 --dist loadfile

lab: venv
	jupyter lab chapters/

student: venv
	python -m descent.tools.student chapters _build/student

bench: venv
	python -m descent.tools.bench

clean:
	rm -rf _build

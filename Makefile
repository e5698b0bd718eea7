# Learning by Descent. `make book` builds the site, `make test` runs everything CI checks.
# Both create the virtual environment .venv from requirements.txt on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
# Every tool below (jupyter, pytest, the notebook kernel) comes from the venv.
export PATH := $(BIN):$(PATH)
# One thread per process: the notebooks are small, and two cores shared by two test workers
# run far slower with oversubscribed BLAS/OpenMP threads.
export OMP_NUM_THREADS := 1
# A clean build: no page of an earlier build survives, every notebook is executed again.
BUILD := rm -rf _build/html && jupyter-book build . --all -W -n --keep-going
# MathJax comes from the npm registry (pinned in package-lock.json) and is served with the
# site, which then needs no CDN. Only the parts the pages use are copied.
MATHJAX := _build/vendor/mathjax
MATHJAX_PARTS := tex-mml-chtml.js input/tex/extensions output/chtml/fonts/woff-v2 ui a11y sre
# The learner's workspace (git-ignored), and the time limit of each graded notebook, in s.
PRACTICE ?= practice
GRADE_TIMEOUT ?= 120

.PHONY: venv assets book test lab workspace practice practice-reset student grade pdf bench clean

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

assets: $(MATHJAX)/tex-mml-chtml.js
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
$(MATHJAX)/tex-mml-chtml.js: node_modules/.package-lock.json
	for part in $(MATHJAX_PARTS); do mkdir -p $(MATHJAX)/$$(dirname $$part) && \
	  cp -r node_modules/mathjax/es5/$$part $(MATHJAX)/$$part; done

book: venv assets
	$(BUILD)
	python -m tools.pdf --optional
	@echo "The book is built: open file://$(abspath _build/html/index.html)"

test: venv assets
	ruff check .
	$(BUILD)
	pytest -n 2 --dist loadfile

lab: venv
	jupyter lab chapters/ $(if $(filter 0,$(shell id -u)),--allow-root)

# The learner's own notebooks. No target ever overwrites or deletes a file in $(PRACTICE):
# `workspace` adds the chapters that are missing, `practice-reset` backs up before replacing.
workspace: venv
	python -m tools.workspace chapters $(PRACTICE)

practice: workspace
	jupyter lab $(PRACTICE)/ $(if $(filter 0,$(shell id -u)),--allow-root)

practice-reset: venv
	python -m tools.workspace chapters $(PRACTICE) --reset "$(CHAPTER)"

# Notebooks to hand out (rewritten on every run: not a place to work in).
student: venv
	python -m tools.student chapters _build/student

# Grade a class: SUBMISSIONS=dir holds dir/<learner>/<chapter>.ipynb; writes dir/grades.csv.
grade: venv
	$(if $(SUBMISSIONS),,$(error say which folder to grade: make grade SUBMISSIONS=dir))
	python -m tools.grade "$(SUBMISSIONS)" --timeout $(GRADE_TIMEOUT)

# The whole book as one PDF, printed from the built site by Debian's Chromium (needs a CJK
# font: .ci/run installs fonts-wqy-microhei); also copied into the site as book.pdf.
pdf: book
	python -m tools.pdf

bench: venv
	python -m tools.bench

clean:
	rm -rf _build

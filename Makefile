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
# Warnings are errors in every build; --keep-going reports all of them at once.
SPHINXOPTS  ?= -W --keep-going -q
SPHINXBUILD  = $(BIN)/sphinx-build -c . $(SPHINXOPTS)

# Dates in catalogs and editions come from the last commit, so rebuilding a commit changes
# nothing (reproducible output, quiet catalog diffs).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

EDITIONS     := $(shell $(PYTHON) -m brochure.editions codes)
TRANSLATIONS := $(shell $(PYTHON) -m brochure.editions translations)

.DEFAULT_GOAL := help
.PHONY: help venv catalogs editions site update-po test clean $(addprefix html-,$(EDITIONS)) $(addprefix epub-,$(EDITIONS))

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

catalogs: $(VENV)/.installed ## Compile outdated .po catalogs to .mo, once, before parallel builds
	$(PY) -m brochure.tools.compile_catalogs

$(addprefix html-,$(EDITIONS)): html-%: catalogs ## Build one HTML edition, e.g. make html-tr
	$(SPHINXBUILD) -b html -D language=$* -d $(BUILDDIR)/doctrees/$*/html source $(BUILDDIR)/html/$*

$(addprefix epub-,$(EDITIONS)): epub-%: catalogs ## Build one ePub edition, e.g. make epub-de
	$(SPHINXBUILD) -b epub -D language=$* -d $(BUILDDIR)/doctrees/$*/epub source $(BUILDDIR)/epub/$*

editions: catalogs ## Build every edition as HTML and ePub and assemble _build/site/
	$(MAKE) --no-print-directory -j$(JOBS) $(foreach code,$(EDITIONS),html-$(code) epub-$(code))
	$(PY) -m brochure.tools.assemble_site

update-po: $(VENV)/.installed ## Regenerate the templates and update the catalogs with sphinx-intl
	$(SPHINXBUILD) -b gettext source $(BUILDDIR)/gettext
	@# Sphinx's template strings are replaced by the project's interface template (below).
	rm -f $(BUILDDIR)/gettext/sphinx.pot
	$(PY) -m brochure.tools.interface_catalog
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locale -w 79 $(addprefix -l ,$(TRANSLATIONS))
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext-interface -d locale -w 79 \
	  $(addprefix -l ,$(filter-out en,$(EDITIONS)))

test: editions ## Build every edition, then run the test suite
	$(BIN)/pytest

clean: ## Remove all build output (keeps the virtual environment)
	rm -rf $(BUILDDIR)
	find locale -name '*.mo' -delete

# The book's build. `make book` builds the site with every format in both
# editions; `make test` builds what it checks and runs the test suite. Each rule
# is thin: the work is done by Sphinx (with the factbook extension) and scripts/.

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
SPHINX     := $(BIN)/sphinx-build
# Incremental: Sphinx re-reads changed pages; factbook re-reads the pages showing a
# changed fact; a changed extension re-reads the pages it registered (bookbuild/).
SPHINXOPTS ?= -n -W --keep-going -q
# One Sphinx per core: the two editions build side by side (formats of one edition
# that run at once share its charts; factbook draws them under a lock).
MAKEFLAGS  += --jobs=$(shell nproc 2>/dev/null || echo 2)
# The layout, defined once in book/layout.py (conf.py reads it too): BUILD, STAGE
# (each format of each edition), SITE (the assembled site), EDITIONS, and per
# edition its folder in the site SITE_DIR.<ed> and its staged PDF.<ed>, EPUB.<ed>.
$(foreach assignment,$(shell $(PYTHON) -m book.layout),$(eval $(assignment)))
# SOURCE_DATE_EPOCH pins the book's dates: the caller's, else the last commit's. Outside
# git it is the time of the run, which is then no input of the build (it would
# rebuild everything on every run).
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
COMMIT_TIME := $(shell git log -1 --format=%ct 2>/dev/null)
DATE_VARIABLE := $(if $(COMMIT_TIME),SOURCE_DATE_EPOCH)
export SOURCE_DATE_EPOCH := $(or $(COMMIT_TIME),$(shell date +%s))
else
DATE_VARIABLE := SOURCE_DATE_EPOCH
export SOURCE_DATE_EPOCH
endif
export PYTHONHASHSEED := 0

# Everything the book is made from: a change to any of these rebuilds.
SOURCES := conf.py facts.yaml provenance.yaml $(shell find docs factbook bookpublish bookformats bookweb bookbuild book _static _templates locales -type f \
             -not -path 'docs/_generated/*' -not -name '*.pyc' -not -name '*.mo' 2>/dev/null)

# Build variables: a change of value rebuilds what they affect, as a changed file
# does. Their values are written to a stamp, rewritten only when one of them changed
# (compared at every run; a dry run `make -n` only shows what would rebuild).
BUILD_VARIABLES := BOOK_BASE_URL READTHEDOCS_CANONICAL_URL $(DATE_VARIABLE)
VARIABLES       := $(BUILD)/variables
VARIABLE_VALUES := $(foreach v,$(BUILD_VARIABLES),$v=$($v))
# The list of source files: a file added or removed (a deleted chapter) makes each
# format write all its pages afresh, so no page of a deleted chapter survives and
# every page's navigation lists the chapters that exist.
SOURCE_LIST     := $(BUILD)/sources
ifneq ($(VARIABLE_VALUES),$(file < $(VARIABLES)))
$(VARIABLES): FORCE
endif
ifneq ($(sort $(SOURCES)),$(file < $(SOURCE_LIST)))
$(SOURCE_LIST): FORCE
endif
$(VARIABLES):
	@mkdir -p $(@D) && printf '%s\n' '$(VARIABLE_VALUES)' >$@
$(SOURCE_LIST):
	@mkdir -p $(@D) && printf '%s\n' '$(sort $(SOURCES))' >$@
FORCE:
# What a format of an edition is built from: files, the variables, the list of files.
INPUTS := $(SOURCES) $(VARIABLES) $(SOURCE_LIST)
# Outputs of a format made afresh when the list of source files changed.
afresh_if_list_changed = $(if $(filter $(SOURCE_LIST),$?),rm -rf $1)

# Sphinx through scripts/once.py: the two editions build at once and report the same
# problems of the data and the chapters; each line is printed once, and a failed
# build waits for the other builds of this run, so make's own lines come last.
RUN  := $(BUILD)/runs/$(shell date +%s%N)-$(shell echo $$PPID)
ONCE  = $(BIN)/python scripts/once.py $(RUN) --

.PHONY: book html pdf epub test check echoes bench clean distclean live sysdeps gettext po linkcheck lock FORCE

book: $(SITE)/.complete

# -- environment ---------------------------------------------------------------
# The venv is exactly the lock: made afresh (--clear), so a package dropped from
# the lock goes away; pip stays the one the Python ships (no unpinned upgrade).
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

# After editing pyproject.toml: regenerate the lock with the command in its header.
UV_VERSION := 0.13.9
lock:
	$(PYTHON) -m venv $(BUILD)/tools
	$(BUILD)/tools/bin/pip install -q uv==$(UV_VERSION)
	PATH=$(CURDIR)/$(BUILD)/tools/bin:$$PATH $$(sed -n '2s/^#  *//p' requirements.lock) >/dev/null

$(BUILD)/.sysdeps: scripts/system-deps.sh
	scripts/system-deps.sh build
	@mkdir -p $(BUILD) && touch $@

sysdeps: $(BUILD)/.sysdeps
# Order-only (after |): the system packages must be there, but a changed
# installer script re-runs itself without rebuilding the book.
ENV := $(VENV)/.installed | $(BUILD)/.sysdeps

# -- each format of each edition, in a staging area ---------------------------------
# $* is the edition (zh, en); BOOK_LANG selects it in conf.py.
$(STAGE)/%/html.built: $(INPUTS) $(ENV)
	$(call afresh_if_list_changed,$(STAGE)/$*/html)
	BOOK_LANG=$* $(ONCE) $(SPHINX) -b html $(SPHINXOPTS) -d $(BUILD)/doctrees/$*-html docs $(STAGE)/$*/html
	$(if $(filter en,$*),$(UNTRANSLATED))
	touch $@

# The PDF through Typst (booktypst, issue 20): a tagged PDF/UA-1 book per edition. The
# builder assembles and compiles the whole book on every run; its configuration
# (booktypst/conf) is the book's conf.py plus the extension.
TYPST_SOURCES := $(wildcard booktypst/*.py booktypst/*.typ booktypst/conf/*.py)
$(STAGE)/%/pdf.built: $(INPUTS) $(TYPST_SOURCES) $(ENV)
	$(call afresh_if_list_changed,$(STAGE)/$*/typst)
	BOOK_LANG=$* $(ONCE) $(SPHINX) -b typst -c booktypst/conf $(SPHINXOPTS) -d $(BUILD)/doctrees/$*-typst docs $(STAGE)/$*/typst
	touch $@

$(STAGE)/%/epub.built: $(INPUTS) $(ENV)
	rm -rf $(STAGE)/$*/epub  # stale files would be packed into the EPUB
	BOOK_LANG=$* $(ONCE) $(SPHINX) -b epub $(SPHINXOPTS) -d $(BUILD)/doctrees/$*-epub docs $(STAGE)/$*/epub
	touch $@

html: $(EDITIONS:%=$(STAGE)/%/html.built)

pdf: $(EDITIONS:%=$(STAGE)/%/pdf.built)
epub: $(EDITIONS:%=$(STAGE)/%/epub.built)

# -- publish: assemble the site beside the old one, then swap it in -------------
# A failed build above stops make here, so $(SITE) keeps the last good site.
# Each edition in its folder (book/layout.py: Chinese at the root, English in en/).
# Depends on the stamps themselves (not the phony names): with nothing changed,
# a second `make book` does nothing at all. The PDF and EPUB come first: the
# HTML's download lists give their sizes (conf.py: bookformats_download_sources);
# only when the site is assembled, so `make html` stays quick. A PDF made again
# for its own sources (booktypst/) makes the HTML again too, for its size.
ifneq ($(filter book test bench,$(or $(MAKECMDGOALS),book)),)
$(foreach ed,$(EDITIONS),$(eval $(STAGE)/$(ed)/html.built: $(STAGE)/$(ed)/pdf.built | $(STAGE)/$(ed)/epub.built))
endif
# An edition's HTML in its folder of the site, its PDF and EPUB in the folder's downloads.
publish_edition = mkdir -p $(SITE).next/$(SITE_DIR.$1)$(DOWNLOADS) \
  && cp -a $(STAGE)/$1/html/. $(SITE).next/$(SITE_DIR.$1) \
  && cp $(PDF.$1) $(EPUB.$1) $(SITE).next/$(SITE_DIR.$1)$(DOWNLOADS)
$(SITE)/.complete: Makefile book/layout.py $(foreach ed,$(EDITIONS),$(foreach f,pdf epub html,$(STAGE)/$(ed)/$(f).built))
	rm -rf $(SITE).next
	$(foreach ed,$(EDITIONS),$(call publish_edition,$(ed)) &&) true
	# Source maps (6.8 MB of the theme's) serve only browser developer tools.
	find $(SITE).next \( -name .buildinfo.bak -o -name '*webpack-macros.html' -o -name '*.map' \) -delete
	touch $(SITE).next/.complete
	rm -rf $(SITE).old && if [ -d $(SITE) ]; then mv $(SITE) $(SITE).old; fi
	mv $(SITE).next $(SITE) && rm -rf $(SITE).old
	@echo "Site ready: $(SITE)/index.html (English: $(SITE)/en/index.html)"

# -- translations ------------------------------------------------------------------
# After the English HTML: a warning for each message of the Chinese text that has no
# English yet (or a fuzzy one); the page shows the Chinese until it is translated.
UNTRANSLATED = $(BIN)/python scripts/untranslated.py
# `make po` after changing Chinese text: changed messages become fuzzy/untranslated.
gettext: $(ENV)
	$(SPHINX) -b gettext -E -q docs $(BUILD)/gettext

po: gettext
	$(BIN)/sphinx-intl update -p $(BUILD)/gettext -l en -d locales

# -- checks ---------------------------------------------------------------------------
$(BUILD)/.testdeps: scripts/system-deps.sh package-lock.json
	scripts/system-deps.sh test
	npm ci --silent --no-audit --no-fund
	@mkdir -p $(BUILD) && touch $@

# cffconvert (checks CITATION.cff) pins an old jsonschema: an environment of its own.
CFFCONVERT := $(VENV)/tools/cffconvert/bin/cffconvert
$(CFFCONVERT): tests/cffconvert.lock $(VENV)/.installed
	$(PYTHON) -m venv $(VENV)/tools/cffconvert
	$(VENV)/tools/cffconvert/bin/pip install -q --require-hashes -r $<
	touch $@

test: book $(BUILD)/.testdeps $(CFFCONVERT)
	$(BIN)/python -m pytest -n auto --maxschedchunk 1  # one worker per core, handed one test at a time

# The quick check while editing: data, number formatting and the extension on its
# small test project, the English catalogues against the Chinese text and the term
# base against catalogues, data and chart labels (no book build, no browser).
# The translations and the term base first: an untranslated paragraph or a term
# break is reported within seconds, before the longer tests run.
TEXT_TESTS := tests/test_catalogues.py \
  tests/test_editorial.py::test_term_base_is_well_formed \
  tests/test_editorial.py::test_term_base_gives_each_key_once \
  tests/test_editorial.py::test_glossary_headwords_are_the_term_base \
  tests/test_editorial.py::test_data_labels_use_the_term_base \
  tests/test_editorial.py::test_chart_labels_use_the_term_base \
  tests/test_editorial.py::test_catalogues_hold_no_stale_entries \
  tests/test_editorial.py::test_translating_guide_draws_on_the_term_base \
  tests/test_editorial.py::test_pinyin_is_one_form_per_term \
  tests/test_editorial.py::test_standing_amounts_are_dated_at_the_articles_date
QUICK_TESTS := tests/test_data.py tests/test_numbers.py tests/test_schema.py tests/test_provenance.py \
  tests/test_extension.py tests/test_mutations.py \
  'tests/test_robustness.py::test_yaml_syntax_error_in_the_real_book_is_one_located_line[zh]' \
  tests/test_robustness.py::test_after_a_stopped_build_the_fix_leaves_no_page_with_the_old_number \
  tests/test_authoring.py
check: $(VENV)/.installed
	$(BIN)/python -m pytest -n auto -q $(TEXT_TESTS)
	$(BIN)/python -m pytest -n auto -q $(QUICK_TESTS)

# An editor's aid, not a check: chapter sentences that keep a source sentence's order
# (needs the source beside the repository, as in CI: ../shared/source).
echoes: $(VENV)/.installed
	$(BIN)/python scripts/echoes.py

linkcheck: $(ENV)
	$(SPHINX) -b linkcheck -q docs $(BUILD)/linkcheck \
	  || { echo "broken external links: see $(BUILD)/linkcheck/output.txt"; exit 1; }

bench: book $(BUILD)/.testdeps  # Lighthouse and Chromium come with the test tools
	$(BIN)/python scripts/bench.py

# Live preview of one edition (BOOK_LANG=en for English) at http://127.0.0.1:$(PORT)/:
# rebuilds what a saved file changed (a chapter, facts.yaml, a chart, a translation)
# and reloads the browser; problems show in this terminal as file:line: message.
BOOK_LANG ?= zh
PORT      ?= 8000
live: $(VENV)/.installed
	BOOK_LANG=$(BOOK_LANG) $(BIN)/python scripts/live.py -b html -n -q \
	  -d $(BUILD)/live/doctrees-$(BOOK_LANG) docs $(BUILD)/live/$(BOOK_LANG) \
	  --host 127.0.0.1 --port $(PORT) --re-ignore '(_generated|__pycache__)' \
	  --watch facts.yaml --watch provenance.yaml --watch conf.py --watch factbook --watch bookpublish --watch bookformats --watch bookweb --watch bookbuild --watch book \
	  --watch locales --watch _static --watch _templates

clean:
	rm -rf $(BUILD) docs/_generated

distclean: clean
	rm -rf $(VENV) node_modules

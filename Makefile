# The book's build. `make book` builds the site with every format; `make test`
# builds what it checks and runs the test suite. Each rule is thin: the work is
# done by Sphinx (with the factbook extension) and scripts/.

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
SPHINX    := $(BIN)/sphinx-build
# -E: the whole book rereads in seconds, and extension changes then always show.
SPHINXOPTS ?= -E -n -W --keep-going -q
BUILD     := _build
STAGE     := $(BUILD)/stage
SITE      := $(BUILD)/html
BASENAME  := tianqiao-2023-zh
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
export PYTHONHASHSEED := 0

# Everything the book is made from: a change to any of these rebuilds.
SOURCES := conf.py facts.yaml $(shell find docs factbook scripts _static -type f \
             -not -path 'docs/_generated/*' -not -name '*.pyc' 2>/dev/null)

.PHONY: book html pdf epub test test-fast bench clean distclean live sysdeps

book: $(SITE)/.complete

# -- environment ---------------------------------------------------------------
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

sysdeps:
	scripts/system-deps.sh build

$(BUILD)/.sysdeps: scripts/system-deps.sh
	scripts/system-deps.sh build
	@mkdir -p $(BUILD) && touch $@

ENV := $(VENV)/.installed $(BUILD)/.sysdeps

# -- the three formats (built in a staging area) ----------------------------------
$(STAGE)/html/.built: $(ENV) $(SOURCES)
	$(SPHINX) -b html $(SPHINXOPTS) -d $(BUILD)/doctrees/html docs $(STAGE)/html
	touch $@

$(STAGE)/latex/$(BASENAME).pdf: $(ENV) $(SOURCES)
	$(SPHINX) -b latex $(SPHINXOPTS) -d $(BUILD)/doctrees/latex docs $(STAGE)/latex
	$(MAKE) -C $(STAGE)/latex LATEXMKOPTS="-quiet -interaction=nonstopmode" all-pdf >$(STAGE)/latex.log 2>&1 \
	  || { tail -40 $(STAGE)/latex.log; echo "LaTeX failed: see $(STAGE)/latex.log"; exit 1; }

$(STAGE)/epub/$(BASENAME).epub: $(ENV) $(SOURCES)
	rm -rf $(STAGE)/epub  # stale files would be packed into the EPUB
	$(SPHINX) -b epub $(SPHINXOPTS) -d $(BUILD)/doctrees/epub docs $(STAGE)/epub

html: $(STAGE)/html/.built
pdf: $(STAGE)/latex/$(BASENAME).pdf
epub: $(STAGE)/epub/$(BASENAME).epub

# -- publish: assemble the site beside the old one, then swap it in -------------
# A failed build above stops here, so $(SITE) keeps the last good site.
$(SITE)/.complete: $(STAGE)/html/.built $(STAGE)/latex/$(BASENAME).pdf $(STAGE)/epub/$(BASENAME).epub
	rm -rf $(SITE).next && cp -a $(STAGE)/html $(SITE).next && rm -f $(SITE).next/.built
	mkdir -p $(SITE).next/downloads
	cp $(STAGE)/latex/$(BASENAME).pdf $(STAGE)/epub/$(BASENAME).epub $(SITE).next/downloads/
	touch $(SITE).next/.complete
	rm -rf $(SITE).old && if [ -d $(SITE) ]; then mv $(SITE) $(SITE).old; fi
	mv $(SITE).next $(SITE) && rm -rf $(SITE).old
	@echo "Site ready: $(SITE)/index.html"

# -- checks ---------------------------------------------------------------------------
$(BUILD)/.testdeps: scripts/system-deps.sh
	scripts/system-deps.sh test
	@mkdir -p $(BUILD) && touch $@

test: book $(BUILD)/.testdeps
	$(BIN)/python -m pytest

test-fast: html
	$(BIN)/python -m pytest -m "not browser" tests/test_extension.py tests/test_data.py

bench: book
	$(BIN)/python scripts/bench.py

live: $(ENV)
	$(BIN)/python -m http.server -d $(SITE) 8000

clean:
	rm -rf $(BUILD) docs/_generated

distclean: clean
	rm -rf $(VENV)

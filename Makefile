# The publication's commands. `make help` lists them.
#   make all     build every edition into $(BUILDDIR)
#   make test    run the test suite
# Any folder of pages builds the same way: make all SOURCEDIR=pages BUILDDIR=/tmp/out

SOURCEDIR ?= source
BUILDDIR  ?= _build
CONFDIR   ?= .
STRICT    ?= 1
JOBS      ?= auto
SPHINXOPTS ?=
PYTHON_SYSTEM ?= python3
VENV      ?= .venv

PYTHON := $(VENV)/bin/python
SPHINX := $(PYTHON) -m sphinx
ifeq ($(STRICT),1)
STRICTOPTS := -W --keep-going
endif
# One doctree cache for every builder: the Markdown is parsed once for all editions.
BUILDOPTS = -c $(CONFDIR) -d $(BUILDDIR)/doctrees -j $(JOBS) $(STRICTOPTS) $(SPHINXOPTS)

.PHONY: release translations all html pdf verapdf epub linkcheck test clean help venv check page serve bench
# Each translation (publication_languages in conf.py) is built after the source language,
# with its own doctree cache: python -m languages.build
LANGOPTS = -c $(CONFDIR) -j $(JOBS) $(STRICTOPTS) $(SPHINXOPTS)
LANGBUILD = PYTHONPATH="$(CONFDIR)/_ext" $(PYTHON) -m languages.build

## all: build the PDF, ePub and HTML editions into $(BUILDDIR), in every language (the site links to the first two)
# One Python process for the three builders (Sphinx imported once: _ext/all_editions.py);
# each edition is swapped in as `edition` below does, and a failed one keeps the last.
all: $(VENV)/.installed
	PYTHONPATH=$(CONFDIR)/_ext $(PYTHON) -m all_editions --sourcedir $(SOURCEDIR) \
	  --builddir $(BUILDDIR) --confdir $(CONFDIR) --jobs $(JOBS) $(if $(STRICTOPTS),--strict) \
	  -- $(SPHINXOPTS)

# Build one edition in $(BUILDDIR)/<folder>.new (a copy of the last one, so rebuilds stay
# incremental) and move it into place only when the build succeeded: a failed or killed
# build leaves the previous edition as it was (the failed output stays in <folder>.new).
# $(call edition,<folder>,<builder>,<more sphinx options>)
define edition
	rm -rf $(BUILDDIR)/$(1).new $(BUILDDIR)/$(1).old
	if [ -d $(BUILDDIR)/$(1) ]; then cp -a $(BUILDDIR)/$(1) $(BUILDDIR)/$(1).new; fi
	$(SPHINX) -b $(2) $(BUILDOPTS) $(3) $(SOURCEDIR) $(BUILDDIR)/$(1).new
	$(LANGBUILD) "$(2)" "$(SOURCEDIR)" "$(BUILDDIR)/$(1).new" "$(BUILDDIR)" -- $(LANGOPTS) $(3)
	if [ -d $(BUILDDIR)/$(1) ]; then mv $(BUILDDIR)/$(1) $(BUILDDIR)/$(1).old; fi
	mv $(BUILDDIR)/$(1).new $(BUILDDIR)/$(1) && rm -rf $(BUILDDIR)/$(1).old
	@echo "$(1) edition: $(BUILDDIR)/$(1)"
endef

## release: build every edition and freeze this version into editions/<version>/ (never overwritten)
RELEASES ?= $(SOURCEDIR)/../editions
CHANGES   ?= $(SOURCEDIR)/../CHANGES.md
release: all
	PYTHONPATH="$(CONFDIR)/_ext" $(PYTHON) -m record.release "$(BUILDDIR)/html" "$(RELEASES)" "$(CHANGES)"

## html: the website, into $(BUILDDIR)/html
html: $(VENV)/.installed
	$(call edition,html,html,-D editions_dir=$(BUILDDIR))

## pdf: the PDF (tagged PDF/UA-1 + PDF/A-2a, via Typst), into $(BUILDDIR)/pdf/<slug>.pdf
pdf: $(VENV)/.installed
	$(call edition,pdf,typst)

## verapdf: check the PDF with veraPDF (PDF/UA-1, then PDF/A-2a) if it is installed
VERAPDF ?= verapdf
verapdf:
	@command -v $(VERAPDF) >/dev/null || { echo "veraPDF is not installed: get it from https://verapdf.org/software/ (needs Java), then run make verapdf again"; exit 1; }
	@test -n "$$(ls $(BUILDDIR)/pdf/*.pdf 2>/dev/null)" || { echo "no PDF in $(BUILDDIR)/pdf: run make pdf first"; exit 1; }
	$(VERAPDF) --flavour ua1 --format text $(BUILDDIR)/pdf/*.pdf
	$(VERAPDF) --flavour 2a --format text $(BUILDDIR)/pdf/*.pdf

## epub: the ePub, into $(BUILDDIR)/epub
epub: $(VENV)/.installed
	$(call edition,epub,epub)

## translations: extract the text to translate (.pot) and update source/locales/<lang>/LC_MESSAGES/*.po
translations: $(VENV)/.installed
	$(SPHINX) -b gettext -c $(CONFDIR) -d "$(BUILDDIR)/doctrees-gettext" -j $(JOBS) $(SPHINXOPTS) "$(SOURCEDIR)" "$(BUILDDIR)/gettext"
	@PYTHONPATH="$(CONFDIR)/_ext" $(PYTHON) -m languages.update "$(CONFDIR)" "$(SOURCEDIR)" "$(BUILDDIR)/gettext"

## linkcheck: check every external link for a reader online (needs the internet; not in make test)
linkcheck: $(VENV)/.installed
	$(SPHINX) -b linkcheck $(BUILDOPTS) $(SOURCEDIR) $(BUILDDIR)/linkcheck

## check: check every page's front matter and plain language in a second, without building (file:line: message)
check: $(VENV)/.installed
	@PYTHONPATH="$(CONFDIR)/_ext" $(PYTHON) -m pageorder.check -c "$(CONFDIR)" "$(SOURCEDIR)"; status=$$?; \
	  PYTHONPATH="$(CONFDIR)/_ext" $(PYTHON) -m plainlanguage.check -c "$(CONFDIR)" "$(SOURCEDIR)" || status=1; \
	  exit $$status

## page: new page with the next free position: make page TITLE="Bike lanes" [SECTION=folder]
page: $(VENV)/.installed
	@# TITLE and SECTION reach the script through the environment: no shell quoting to get wrong
	@PYTHONPATH=$(CONFDIR)/_ext $(PYTHON) -m pageorder.newpage -c $(CONFDIR) $(SOURCEDIR)

## serve: live preview on http://127.0.0.1:8000/ (PORT=8001 for another) that rebuilds and reloads on save
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(VENV)/.installed
	@echo "Preview: http://$(HOST):$(PORT)/  (rebuilds on save; Ctrl+C stops)"
	$(PYTHON) -m sphinx_autobuild -b html -c $(CONFDIR) -d $(BUILDDIR)/serve-doctrees -j 1 \
	  --host $(HOST) --port $(PORT) --watch $(CONFDIR)/_ext --watch $(CONFDIR)/CITATION.cff \
	  $(SPHINXOPTS) $(SOURCEDIR) $(BUILDDIR)/serve

## test: run every test (installs the test tools first)
test: $(VENV)/.installed-test
	$(PYTHON) -m pytest $(PYTESTOPTS)

## bench: time our builds against Sphinx+Furo, Jekyll, LaTeX (ANCHORS=1 installs those first)
ANCHORS ?= 0
BENCHOPTS ?=
bench: $(VENV)/.installed-bench
ifeq ($(ANCHORS),1)
	bench/install-anchors
endif
	$(PYTHON) -m bench.run $(BENCHOPTS)

$(VENV)/.installed-bench: bench/requirements.txt constraints.txt $(VENV)/.installed
	$(PIP_INSTALL) -r bench/requirements.txt
	touch $@

## venv: create .venv and install requirements.txt
venv: $(VENV)/.installed

# constraints.txt pins every dependency's dependencies too: the same versions on every machine.
PIP_INSTALL = $(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt

$(VENV)/.installed: requirements.txt constraints.txt
	test -x $(PYTHON) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt constraints.txt $(VENV)/.installed
	$(PIP_INSTALL) -r requirements-test.txt
	touch $@

## clean: remove $(BUILDDIR)
clean:
	rm -rf $(BUILDDIR)

## help: list the commands
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

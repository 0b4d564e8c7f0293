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

# Paths are taken literally (spaces, quotes, `$`) and reach the shell single-quoted: $(call sq,…)
# Every variable a caller may set is read as $(value X), never $(X): make would run a
# `$(shell …)` in it (SOURCEDIR='$(shell …)' ran its command under `make -n release` too).
# SPHINXOPTS, PYTESTOPTS and BENCHOPTS are options for the shell to split: trusted, like
# conf.py (`-D extensions=…` loads any module).
# Make expands each variable it exports to a recipe's environment, and it exports every value
# set on the command line or in the environment: a `$(shell …)` there ran its command (not
# under `make -n`) and `make page TITLE='Fees $5'` wrote the title "Fees". Each such value
# holding a `$` is made a simple variable of its own text, which make exports as it is. One
# that also holds a line break, `#` or `\` is not exported at all: made a variable, its second
# line would be read as a line of this Makefile, and `\#` as the start of a comment.
define newline


endef
plain_name = $(if $(findstring :,$(1))$(findstring =,$(1))$(findstring #,$(1))$(findstring $$,$(1))$(findstring %,$(1)),,$(1))
literal_ok = $(if $(findstring $(newline),$(1))$(findstring #,$(1))$(findstring \,$(1)),,yes)
$(foreach v,$(.VARIABLES),$(if $(and $(call plain_name,$(v)),$(filter environment% command%,$(origin $(v))),$(findstring $$,$(value $(v)))),$(if $(call literal_ok,$(value $(v))),$(eval override $(v) := $(subst $$,$$$$,$(value $(v))))$(eval export $(v)),$(eval unexport $(v)))))
sq = '$(subst ','\'',$(1))'
# ` --title='<TITLE>'`: a value the environment could not carry (above) given as an argument
one_line_arg = $(if $(and $(value $(2)),$(if $(findstring $(newline),$(value $(2))),,y)), $(1)=$(call sq,$(value $(2))))
# A folder or setting with a line break in it: make runs each line of a recipe as a command of
# its own, so the shell got half a quoted name ("Unterminated quoted string"). Said in one line.
$(foreach v,SOURCEDIR BUILDDIR CONFDIR VENV JOBS RELEASES CHANGES,$(if $(findstring $(newline),$(value $(v))),$(error $(v) holds a line break, which no command of the build can take: name the folder (or give the value) on one line)))
B := $(call sq,$(value BUILDDIR))
S := $(call sq,$(value SOURCEDIR))
C := $(call sq,$(value CONFDIR))
V := $(value VENV)
PY := $(call sq,$(V)/bin/python)
J := $(call sq,$(value JOBS))

ifeq ($(value STRICT),1)
STRICTOPTS := -W --keep-going
endif
# JOBS neither auto nor a whole number from 1, for the targets that hand it to Sphinx
# themselves (edition_build.py checks it for the editions): Sphinx printed its usage and
# argparse's error. Pure make: the value is never run.
no_digits = $(subst 9,,$(subst 8,,$(subst 7,,$(subst 6,,$(subst 5,,$(subst 4,,$(subst 3,,$(subst 2,,$(subst 1,,$(subst 0,,$(1)))))))))))
bad_jobs = $(if $(and $(filter auto,$(value JOBS)),$(filter 1,$(words $(value JOBS)))),,$(if $(and $(value JOBS),$(filter 1,$(words $(value JOBS))),$(if $(call no_digits,$(value JOBS)),,ok),$(subst 0,,$(value JOBS))),,bad))
check_jobs = $(if $(bad_jobs),$(error JOBS='$(value JOBS)' is not a number of processes: write a whole number from 1 (JOBS=4) or JOBS=auto (one per core)))

# One doctree cache for every builder: the Markdown is parsed once for all editions.
BUILDOPTS = -c $(C) -d $(B)/doctrees -j $(J) $(STRICTOPTS) $(value SPHINXOPTS)

.PHONY: all release translations html pdf verapdf epub linkcheck test clean help venv check page serve bench

# Build one edition in $(BUILDDIR)/<folder>.new (a copy of the last one, so rebuilds stay
# incremental) and swap it into place only when the build succeeded, with the build folder
# locked: _ext/edition_build.py takes the paths as arguments, so no shell quoting is involved.
# A failed or killed build leaves the previous edition as it was (the failed output stays in
# <folder>.new). $(call edition,<folder>,<builder>,<more sphinx options>)
edition = $(PY) _ext/edition_build.py $(B) $(S) $(1) -b $(2) $(BUILDOPTS) $(3)
PDF_EDITION = $(call edition,pdf,typst)
EPUB_EDITION = $(call edition,epub,epub)
HTML_EDITION = $(call edition,html,html,-D editions_dir=$(B))

## all: build the PDF, ePub and HTML editions into $(BUILDDIR), in every language (the site
##      links to the first two), in one Python process; one edition failing never stops the
##      others: make all goes on and fails at the end
all: $(V)/.installed
	@$(PY) _ext/edition_build.py $(B) $(S) all $(BUILDOPTS)

## release: build every edition and freeze this version into editions/<version>/ (never overwritten)
#   RELEASES (default $(SOURCEDIR)/../editions), CHANGES (default $(SOURCEDIR)/../CHANGES.md)
ifeq ($(origin RELEASES),undefined)
R := $(call sq,$(value SOURCEDIR)/../editions)
else
R := $(call sq,$(value RELEASES))
endif
ifeq ($(origin CHANGES),undefined)
CH := $(call sq,$(value SOURCEDIR)/../CHANGES.md)
else
CH := $(call sq,$(value CHANGES))
endif
release: all
	PYTHONPATH=$(C)/_ext $(PY) -m record.release $(B)/html $(R) $(CH)

## translations: extract the text to translate (.pot) and update source/locales/<lang>/LC_MESSAGES/*.po
translations: $(V)/.installed
	$(check_jobs)$(PY) -m sphinx -b gettext -c $(C) -d $(B)/doctrees-gettext -j $(J) $(value SPHINXOPTS) $(S) $(B)/gettext
	@PYTHONPATH=$(C)/_ext $(PY) -m languages.update $(C) $(S) $(B)/gettext

## html: the website, into $(BUILDDIR)/html
html: $(V)/.installed
	@$(HTML_EDITION)

## pdf: the PDF (tagged PDF/UA-1 + PDF/A-2a, via Typst), into $(BUILDDIR)/pdf/<slug>.pdf
pdf: $(V)/.installed
	@$(PDF_EDITION)

## verapdf: check the PDF with veraPDF (PDF/UA-1, then PDF/A-2a) if it is installed
VERAPDF ?= verapdf
VP := $(call sq,$(value VERAPDF))
verapdf:
	@command -v $(VP) >/dev/null || { echo "veraPDF is not installed: get it from https://verapdf.org/software/ (needs Java), then run make verapdf again"; exit 1; }
	@test -n "$$(ls $(B)/pdf/*.pdf 2>/dev/null)" || { echo "no PDF in "$(B)"/pdf: run make pdf first"; exit 1; }
	$(VP) --flavour ua1 --format text $(B)/pdf/*.pdf
	$(VP) --flavour 2a --format text $(B)/pdf/*.pdf

## epub: the ePub, into $(BUILDDIR)/epub
epub: $(V)/.installed
	@$(EPUB_EDITION)

## linkcheck: check every external link for a reader online (needs the internet; not in make test)
linkcheck: $(V)/.installed
	$(check_jobs)$(PY) -m sphinx -b linkcheck $(BUILDOPTS) $(S) $(B)/linkcheck

## check: check every page's front matter and plain language in a second, without building (file:line: message)
check: $(V)/.installed
	@PYTHONPATH=$(C)/_ext $(PY) -m pageorder.check -c $(C) $(S); status=$$?; \
	  PYTHONPATH=$(C)/_ext $(PY) -m plainlanguage.check -c $(C) $(S) || status=1; \
	  exit $$status

## page: new page with the next free position: make page TITLE="Bike lanes" [SECTION=folder]
page: $(V)/.installed
	@# TITLE and SECTION reach the script through the environment: no shell quoting to get wrong
	@PYTHONPATH=$(C)/_ext $(PY) -m pageorder.newpage -c $(C) $(S)$(call one_line_arg,--title,TITLE)$(call one_line_arg,--section,SECTION)

## serve: live preview on http://127.0.0.1:8000/ (PORT=8001 for another) that rebuilds and reloads on save
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(V)/.installed
	@echo 'Preview: http://'$(call sq,$(value HOST)):$(call sq,$(value PORT))'/  (rebuilds on save; Ctrl+C stops)'
	$(PY) -m sphinx_autobuild -b html -c $(C) -d $(B)/serve-doctrees -j 1 \
	  --host $(call sq,$(value HOST)) --port $(call sq,$(value PORT)) --watch $(C)/_ext --watch $(C)/CITATION.cff \
	  $(value SPHINXOPTS) $(S) $(B)/serve

## test: run every test (installs the test tools first)
test: $(V)/.installed-test
	$(PY) -m pytest $(value PYTESTOPTS)

## bench: time our builds against Sphinx+Furo, Jekyll, LaTeX (ANCHORS=1 installs those first)
ANCHORS ?= 0
BENCHOPTS ?=
bench: $(V)/.installed-bench
ifeq ($(value ANCHORS),1)
	bench/install-anchors
endif
	$(PY) -m bench.run $(value BENCHOPTS)

$(V)/.installed-bench: bench/requirements.txt constraints.txt $(V)/.installed
	$(PIP_INSTALL) -r bench/requirements.txt
	touch $(call sq,$@)

## venv: create .venv and install requirements.txt
venv: $(V)/.installed

# constraints.txt pins every dependency's dependencies too: the same versions on every machine.
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt

$(V)/.installed: requirements.txt constraints.txt
	test -x $(PY) || $(call sq,$(value PYTHON_SYSTEM)) -m venv $(call sq,$(V))
	$(PIP_INSTALL) -r requirements.txt
	touch $(call sq,$@)

$(V)/.installed-test: requirements-test.txt constraints.txt $(V)/.installed
	$(PIP_INSTALL) -r requirements-test.txt
	touch $(call sq,$@)

## clean: remove $(BUILDDIR) (never one that holds the pages, the project, your home folder, or anything a build did not make)
clean:
	@$(call sq,$(value PYTHON_SYSTEM)) _ext/edition_build.py $(B) $(S) clean $(C)

## help: list the commands
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

"""Sphinx configuration for the publication (build with ``-c .``).

Metadata comes from ``CITATION.cff``; this file only says how the editions are made.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
import pagesource.suffixes  # noqa: E402

from publication import epoch  # noqa: E402

epoch.set_aside()  # before Sphinx imports its builders, which read SOURCE_DATE_EPOCH

# project, author, version, release, copyright, html_title, html_baseurl, epub_* and pdf_*
# come from CITATION.cff through the `publication` extension, unless set here or with -D.
language = "en"
root_doc = "index"
smartquotes = False  # the City's words stay exactly as written: no ' turned into ’

extensions = [
    "changes.glue",  # a builder's memories of what it wrote forgotten when its output was not kept
    "publication",  # CITATION.cff -> the metadata of every edition, loaded once
    "myst_parser",
    "safety",  # untrusted pages: no file from outside source/, no script links (README: Security)
    "rawhtml",  # a page's own HTML: no scripts, nothing remote, well-formed XHTML for the ePub
    "maths",  # $ is text unless a page says `math: true`; formulas as MathML, offline
    "sphinx_sitemap",
    "pageorder",
    "jekyll_compat",  # the City's old Jekyll pages: Liquid, kramdown, old URLs, dates
    "obsidian_compat",  # an Obsidian vault: [[links]], ![[pictures]], > [!note] callouts, %%comments%%
    "generators_compat",  # pages from MkDocs (!!! note, === tabs) and Hugo (+++ TOML, {{% notice %}}, {{< figure >}})
    "notion_compat",  # a Notion export: its <aside> callouts' Markdown read, in a box
    "gitbook_compat",  # a GitBook folder: SUMMARY.md orders, README.md lands, its {% hint %} blocks
    "loose_links",  # www.… without https://, Google Docs heading links, swapped text and address
    "epub_edition",  # -b epub: accessibility metadata, lang on every page, reproducible zip
    "citation",  # How to cite: the directive, citation files, "Cite this chapter"
    "website",  # only the site: head tags, editions panel, redirects, 404, robots, sitemap
    "typst_pdf",  # -b typst: the PDF edition (PDF/UA-1 + PDF/A-2a) through Typst
    "record",  # passage ids, passages.json, frozen releases, What changed
    "fastnav",  # Furo's sidebar rendered once per build, not per page (same bytes, bench/)
    "languages",  # translated editions: switcher, hreflang, lang="en" fallback, RTL, notices
    "plainlanguage",  # style.* advice: long sentences, reading grade, acronyms, link and alt text
    "buildcache",  # docutils settings and search stemming computed once per build
]

# Every suffix Jekyll read as Markdown (.md, .markdown, .mkd..., .MD too): one list, in
# pagesource/suffixes.py; an old site's own `markdown_ext:` adds to it (jekyll_compat)
source_suffix = pagesource.suffixes.source_suffix()
# What Jekyll leaves out too: a Ruby site's installed gems (vendor/bundle…), not a City
# section named vendor/ ("Working with the City as a vendor")
# (and Word's lock file `~$page.md`, its owner's name in a few bytes, left beside a file it has open)
exclude_patterns = ["_*", "**/_*", ".*", "**/.*", "~$*", "**/~$*", "node_modules", "vendor/bundle", "vendor/cache",
                    "vendor/gems", "vendor/ruby", "README.md"]
templates_path = ["_templates"]
# Folders outside the source folder that pages may include files or images from (the
# source folder itself is always allowed; everything else is refused)
safe_include_paths: list[str] = []

myst_title_to_header = True
# A City page's "call [3-1-1](tel:311)" is a phone link (MyST's own list lacks `tel`, so it was
# read as a page name that leads nowhere); `ftp` stays MyST's, for safety's refusal to say why.
myst_url_schemes = ["http", "https", "mailto", "ftp", "tel"]
myst_heading_anchors = 6
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist", "fieldlist", "strikethrough"]  # no dollarmath: $2,000 is money
# On a `math: true` page, pandoc's rule: no space inside $...$ and no digit after the closing $,
# so "$2,000 and $35" stays money there too
myst_dmath_allow_space = False
myst_dmath_allow_digits = False
suppress_warnings = [
    # MyST's front-matter warnings, at line 1 without a fix: pageorder says front matter that is
    # not YAML, not a mapping or an alias bomb at its line, and the maths parser says each `myst:`
    # setting a page may not make (maths/pagesettings.py) at its own line, before MyST sees it
    "myst.topmatter",
    # A heading that skips a level (`###` under the title, as the City's old pages do
    # throughout) nests by order: every edition numbers it one level down, nothing to fix.
    "myst.header",
    # Pygments could not colour a code block (Jekyll's docs: `{{ include.max-width }}` in a
    # ```liquid block): the block is shown as written all the same, nothing for an author to fix.
    "misc.highlighting_failure",
]

# Translations: `make translations` updates source/locales/<lang>/LC_MESSAGES/<page>.po,
# `make all` builds every edition in each language (the site of <lang> in _build/html/<lang>/).
source_language = language
publication_languages = ["es"]
translations_reviewed: list[str] = []  # add a language once a person has reviewed it
# Furo's own words in our languages; the pages' catalogs (source/locales) are compiled
# beside the doctrees and read from there (languages.use_compiled_catalogs)
locale_dirs = [str(HERE / "_ext" / "languages" / "locales")]
gettext_compact = False  # one catalog per page, so a translator sees which page a text is on

# Plain language (make check, and advice in builds that -W does not fail on; see README)
style_checks_strict = False  # True: advice fails a strict build like any warning
style_known_acronyms = ["DAISY", "ISO"]  # names our readers know in this form

# HTML
html_theme = "furo"
html_math_renderer = "mathml"  # MathML written at build time: no MathJax, no CDN
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = "%Y-%m-%d"
html_show_sphinx = False  # Furo's "Sphinx and @pradyunsg's" is English in every language; "Made with Furo" is not
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html"]
# What Furo lacks for WCAG 2.1 AA: visible focus, keyboard-operable drawers (_static/a11y.*)
html_static_path = ["_static"]
html_css_files = ["a11y.css"]
html_js_files = [("a11y.js", {"defer": "defer"}),
                 ("plural.js", {"priority": 300})]  # after doctools.js (200), before translations.js (500)
# Furo's sidebar, with the editions panel (PDF, ePub, checksums) after the navigation
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html",
                        "sidebar/navigation.html", "sidebar/editions.html",
                        "sidebar/ethical-ads.html", "sidebar/scroll-end.html",
                        "sidebar/variant-selector.html"]}
# Old address -> page (docname, site path or full URL); pages can also say `redirect_from:`
site_redirects: dict[str, str] = {}
# The City's own hosts (and their subdomains): a page's `redirect_to:` may send readers there
# by itself; to any other site its old address shows a notice with a link (redirect.external)
site_redirect_hosts: list[str] = ["austintexas.gov"]

# ePub
epub_show_urls = "no"
epub_exclude_files = ["search.html", "genindex.html", "sitemap.xml", ".buildinfo", ".buildinfo.bak"]
epub_use_index = False
epub_tocdepth = 6  # sections nest deeper than three folders; Sphinx cuts at 3 by default

# PDF (-b typst): cover, colophon and PDF metadata from CITATION.cff
pdf_subtitle = "What a smart city means for Austin"  # the cover's second line
pdf_paper = os.environ.get("PDF_PAPER", "letter")  # a US city; PDF_PAPER=a4 for A4

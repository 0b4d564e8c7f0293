"""What real-shaped folders of pages made and a validator refused (a sweep of every folder
on the build machine with EPUBCheck, the PDF structure check, axe and the Nu checker).

Each test builds the smallest folder with the shape that failed and runs that validator on
what it made: for EPUBCheck, errors and warnings both fail it.
"""

from __future__ import annotations

import base64
import zipfile

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages
from test_a11y_html import axe_source, axe_violations, browser, new_page, nu_checker, serve  # noqa: F401
from test_rawhtml import epubcheck_messages

# The WebP picture of a Google Docs export (a data: address), 40 x 20 pixels.
WEBP = ("UklGRkwAAABXRUJQVlA4IEAAAABQAwCdASooABQAPm02l0ikIyIhJWgAgA2JZwDQvoAAK/fDcAD+8DhD"
        "/raTNCmQ//2ln/1LP/qWf4wj7LOgAAAA")


def book_of(tmp_path, pages):
    source = write_pages(tmp_path / "src", pages)
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    return next((tmp_path / "epub").glob("*.epub")), built


def test_a_landing_page_whose_name_has_a_space_opens_the_book(tmp_path):
    """A folder without ``index.md`` (a Notion or Word export: ``Team roster.md``) is landed
    by its first page. The book named that page ``Team_roster.xhtml`` but its spine, guide,
    nav.xhtml and toc.ncx still said ``Team roster.xhtml``: nine EPUBCheck errors."""
    book, _ = book_of(tmp_path, {"Team roster.md": page("Team roster", 1, "The team."),
                                 "Budget memo.md": page("Budget memo", 2, "The memo.")})
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("content.opf").decode()
        nav = archive.read("nav.xhtml").decode()
    assert 'href="Team_roster.xhtml"' in nav
    assert '<itemref idref="epub-' in opf and "Team roster.xhtml" not in opf


def test_a_webp_picture_is_in_the_book(tmp_path):
    """EPUB 3.3 holds WebP (a core media type); Sphinx's ePub builder did not take it, so the
    page linked the picture where the build kept it, outside the book (RSC-007, RSC-026)."""
    book, built = book_of(tmp_path, {
        "index.md": page("Photos", 1, f"A data one: ![sign](<data:image/webp;base64,{WEBP}>)\n\n"
                                      "A file: ![corner](corner.webp)"),
        "corner.webp": base64.b64decode(WEBP)})
    assert "suitable image" not in built.output, built.output
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        pictures = [name for name in archive.namelist() if name.endswith(".webp")]
        text = archive.read("index.xhtml").decode()
    assert len(pictures) == 2
    assert 'alt="sign"' in text and 'alt="corner"' in text


def test_an_anchor_in_a_heading_is_on_the_page_once(tmp_path):
    """A Word document through pandoc marks its headings ``# []{#_Toc83712 .anchor}Summary``;
    the page's contents copied the heading with its anchor: one id twice (the Nu checker)."""
    source = write_pages(tmp_path / "src", {"index.md": page(
        "Report", 1, "# []{#_Toc83712 .anchor}Executive Summary\n\nWords.\n\n"
                     "## Next part\n\nBack to [the summary](#toc83712).")})
    built = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in built.output, built.output
    index = tmp_path / "html" / "index.html"
    assert nu_checker([index]) == []
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert soup.find(id="toc83712") is not None  # a link to it still leads somewhere
    assert "Executive Summary" in soup.find("article").get_text()


def test_a_link_holding_only_a_line_break_is_named(tmp_path, browser, axe_source):
    """A GitBook export (Boston's) put a badge's second link around a line break alone:
    ``[  ⏎](https://travis-ci.org/…)``, an ``<a><br></a>`` with nothing to say (axe's
    link-name). It is named by its address, and said where it is."""
    source = write_pages(tmp_path / "src", {"index.md": page(
        "Stack", 1, "Intro words.\n\n[![Build](https://example.org/b.png)](https://ci.example.org/x)[  \n"
                    "](https://ci.example.org/x)The main site is a CMS.")})
    built = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "index.md:8: WARNING: the link to 'https://ci.example.org/x' has no words" in built.output, \
        built.output
    with serve(tmp_path / "html") as site:
        context, tab = new_page(browser, "desktop")
        tab.goto(site + "index.html")
        assert axe_violations(tab, axe_source) == []
        context.close()


def test_a_sample_heading_in_page_html_is_not_above_its_section(tmp_path):
    """CFPB's design manual shows what each heading looks like with the element itself,
    ``<h1>Getting out of debt</h1>`` under ``#### Heading 1``: the next ``####`` then
    skipped from an h1 to an h4 (the Nu checker). A heading in the page's HTML is at most
    its section's level: it cannot end the section it is written in."""
    source = write_pages(tmp_path / "src", {"index.md": page(
        "Typography", 1, "## Web hierarchy\n\n### Headings\n\n#### Heading 1\n\nBig.\n\n"
                         "<h1>Getting out of debt</h1>\n\n#### Heading 2\n\nSmaller.\n\n"
                         '<h2 class="h2-ex">Getting out of debt</h2>\n\n### Body text\n\nWords.')})
    built = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in built.output, built.output
    index = tmp_path / "html" / "index.html"
    assert nu_checker([index]) == []
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    samples = [h.name for h in soup.find("article").find_all(string="Getting out of debt")[0].find_parents()
               if h.name and h.name[0] == "h" and h.name[1:].isdigit()]
    assert samples == ["h4"]


def test_a_formula_coloured_with_a_css_colour_name_keeps_the_book_valid(tmp_path):
    """MathJax pages colour formulas with any CSS name (``\\color{orange}``) and a hostile
    page with a quote in it; MathML (and so an ePub) knows sixteen names and ``#rgb``:
    EPUBCheck RSC-005. Such a colour is left out, the formula kept; ``red`` stays."""
    book, built = book_of(tmp_path, {"index.md": page(
        "Rates", 1, "$$\\color{orange}{x} + \\color{red}{y} + \\color{red\" onload=\"alert(9)}{z}$$",
        math="true")})
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        text = archive.read("index.xhtml").decode()
    assert 'mathcolor="red"' in text and "orange\"" not in text and "<mi>z</mi>" in text


def test_a_relative_link_to_no_file_of_the_book_is_its_words(tmp_path):
    """reST in an ``{eval-rst}`` block links by address as written (`` `rst <a%00b>`_ ``, a
    figure's ``:target: report.html``): in the book such an address names no file (EPUBCheck
    RSC-007). Its words stay, without the link; a link to a page of the book stays one."""
    book, _ = book_of(tmp_path, {
        "index.md": page("Home", 1, "```{eval-rst}\n`rst words <a%00b>`_ and `the site <other.html>`_ "
                                    "and `the page <other.xhtml>`_\n```"),
        "other.md": page("Other", 2, "Other words.")})
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        text = archive.read("index.xhtml").decode()
    assert "rst words" in text and "the site" in text and 'href="other.xhtml"' in text


def test_a_time_element_holding_no_date_keeps_the_page_valid(tmp_path):
    """``<time>next week</time>``: without ``datetime``, HTML wants the element's words to
    be a date or time (the Nu checker's error, hostile5t). It is shown as a ``<span>``, its
    words kept (in a paragraph each tag is read alone, without the words, so there a
    ``<time>`` needs its ``datetime``); one with ``datetime`` stays a ``<time>``."""
    source = write_pages(tmp_path / "src", {"index.md": page(
        "Dates", 1, 'Due <time>next week</time>, held <time>2024-01-05</time>, '
                    'met <time datetime="2024-01-04">Thursday</time>.')})
    built = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in built.output, built.output
    index = tmp_path / "html" / "index.html"
    assert nu_checker([index]) == []
    article = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").find("article")
    assert [t.get_text() for t in article.find_all("time")] == ["Thursday"]
    assert "Due next week, held 2024-01-05, met Thursday." in " ".join(article.get_text().split())


def test_a_picture_whose_bytes_are_no_picture_is_its_description_in_the_book(tmp_path):
    """A Google Docs export held ``data:image/png;base64,iVBORw0KGgo=``: a PNG's signature
    and nothing more. The book carried it (EPUBCheck PKG-021: corrupted image); it shows
    the picture's description instead, as the PDF does."""
    book, _ = book_of(tmp_path, {"index.md": page(
        "From Google Docs", 1, "Before.\n\n![A chart of the budget][image1]\n\nAfter.\n\n"
                               "[image1]: <data:image/png;base64,iVBORw0KGgo=>")})
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        text = archive.read("index.xhtml").decode()
    assert "A chart of the budget" in text and "<img" not in text

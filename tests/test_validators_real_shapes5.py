"""What this session's constructs made, through every validator, fifth sweep: MkDocs'
open ``???+`` boxes, kramdown's ``<details markdown="1">`` nested two deep, steps with
bullets at their column, a layout's ``<th>`` labels and JSON-LD, a fenced
``include_relative``, ``{{ site.url }}`` in another site's query, twin pages with ``lang:``,
``lang:`` and ``language:`` both, Chinese without a language, iframes, a translation; and
King County Solutions, Orbis Cascade and Leeds rebuilt. EPUBCheck, the XHTML and sitemap
XML parse, the Nu checker, axe at 1280 and 320 px, DAISY Ace and the PDF structure check
found nothing; the keyboard checks (the summaries reached by Tab, named, opened by Enter)
passed. What the suite's WCAG 2.2 checks axe cannot make (target size, language of parts)
found is tested here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages
from test_a11y_html import TARGETS_JS, browser, new_page, serve  # noqa: F401 (browser: a fixture)


def _article(html: Path) -> BeautifulSoup:
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")


def test_an_iframes_link_is_a_paragraph_of_its_own(tmp_path, browser):  # noqa: F811
    """Two ``<iframe>`` lines (a video, a map) on a page: each became a bare ``<a>`` straight
    in the page, the two side by side on one line 17 px tall, so on a phone each link's
    24 px target ran into the other's (WCAG 2.5.8, the suite's target-size check). Each
    frame's link now stands in its own paragraph, as a link to a video written alone does."""
    source = write_pages(tmp_path / "src", {"index.md": page("Parks", 1, (
        "Intro words.\n\n"
        '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>\n\n'
        '<iframe src="https://maps.example.org/embed?x=1" title="Map of the parks"></iframe>\n\n'
        '<div><iframe src="https://maps.example.org/embed?x=2" title="Second map"></iframe></div>\n\n'
        'A sentence with <iframe src="https://v.example.org/e" title="a video"></iframe> inside.\n'))})
    built = sphinx_build(source, tmp_path / "html", strict=False)
    assert "Traceback" not in built.output, built.output
    article = _article(tmp_path / "html" / "index.html")
    links = article.select('a[href*="embed"], a[href*="v.example.org"]')
    assert [a.get_text() for a in links] == ["https://www.youtube.com/embed/abc123", "Map of the parks",
                                             "Second map", "a video"], article
    assert [a.parent.name for a in links] == ["p", "p", "p", "p"], article
    assert "A sentence with" in links[3].parent.get_text()  # inside a sentence it stays there
    context, tab = new_page(browser, "phone")
    with serve(tmp_path / "html") as address:
        tab.goto(address + "index.html")
        crowded = tab.evaluate(TARGETS_JS)
    context.close()
    assert crowded == []
    book = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in book.output, book.output
    from test_rawhtml import epubcheck_messages

    assert epubcheck_messages(next((tmp_path / "epub").glob("*.epub")), ("ERROR", "FATAL", "WARNING")) == []


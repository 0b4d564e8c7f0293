"""Notion's callouts (``<aside>`` holding Markdown): their bold and links were shown as typed,
asterisks, brackets and address, in an HTML block; now read as Markdown in a box."""

from __future__ import annotations

import zipfile

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, page, write_pages
from notion_compat.asides import boxes

CALLOUT = "<aside>\n⚠️ **Decision needed** by Friday, see [the RFP](https://www.austintexas.gov/).\n\n</aside>"


def test_a_callout_becomes_a_container_line_for_line():
    text, found = boxes(f"Intro.\n\n{CALLOUT}\n\nAfter.")
    assert text.split("\n")[2:6] == [":::{container}", CALLOUT.split("\n")[1], "", ":::"]
    assert found == (3,)


@pytest.mark.parametrize("text", [
    "<aside>\n  <h4>Most Recent Posts</h4>\n  {% for post in site.posts %}\n  {% endfor %}\n</aside>",
    '<aside class="sidebar">\nWords.\n</aside>',  # an old site's element: kept as it is
    "```\n<aside>\nWords.\n</aside>\n```",
    "<aside>\nWords never closed.",
])
def test_what_is_not_a_notion_callout_is_left_as_written(text):
    assert boxes(text) == (text, ())


@pytest.fixture(scope="module")
def notion_export(tmp_path_factory):
    base = tmp_path_factory.mktemp("notion")
    source = write_pages(base / "source", {"index.md": page("Meeting Notes", 1, f"{CALLOUT}\n\nAfter.")})
    return base, build_every_edition(source, base)


def test_every_edition_shows_the_callout_as_a_box_of_formatted_words(notion_export):
    base, _ = notion_export
    article = BeautifulSoup((base / "html" / "index.html").read_text(encoding="utf-8"), "html.parser").article
    box = article.select_one("div.admonition")
    assert box.strong.get_text() == "Decision needed"
    assert box.find("a", href="https://www.austintexas.gov/").get_text() == "the RFP"
    assert "**" not in article.get_text() and "<aside" not in article.get_text()
    chapter = zipfile.ZipFile(next((base / "epub").glob("*.epub"))).read("index.xhtml").decode()
    assert "<strong>Decision needed</strong>" in chapter and "**" not in chapter
    typ = next(p for p in (base / "typst").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    assert '#admonition(none, [' in typ and '#strong[#"Decision needed"]' in typ
    pdf = "\n".join(p.extract_text() for p in pypdf.PdfReader(next((base / "typst").glob("*.pdf"))).pages)
    assert "Decision needed" in pdf and "**" not in pdf and "aside" not in pdf

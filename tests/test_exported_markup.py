"""Markdown exported by Word (pandoc), Google Docs, HackMD and Obsidian: its own markup was
published as typed, without a warning. pandoc's bracketed spans and attributes are read
(MyST's ``attrs_inline``)."""

from __future__ import annotations

import zipfile

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, jpeg_bytes, page, write_pages



@pytest.fixture(scope="module")
def pandoc_export(tmp_path_factory):
    base = tmp_path_factory.mktemp("pandoc")
    body = ("# []{#_Toc83712 .anchor}Executive Summary\n\n"
            "[Underlined]{.underline} words, see [the summary](#_Toc83712).\n\n"
            '![Map of the east zone](map.jpg){width="2in"}\n')
    source = write_pages(base / "source", {"index.md": page("Pilot report", 1, body), "map.jpg": jpeg_bytes()})
    return base, build_every_edition(source, base)


def test_pandoc_spans_and_attributes_are_read_in_every_edition(pandoc_export):
    base, _ = pandoc_export
    article = BeautifulSoup((base / "html" / "index.html").read_text(encoding="utf-8"), "html.parser").article
    assert article.select_one("span.underline").get_text() == "Underlined"
    assert article.find(id="toc83712") is not None and article.find("a", href="#toc83712") is not None
    assert "width: 2in" in article.find("img", alt="Map of the east zone")["style"]
    assert "{" not in article.get_text()
    book = zipfile.ZipFile(next((base / "epub").glob("*.epub")))
    chapter = book.read("index.xhtml").decode()
    assert 'class="underline"' in chapter and 'id="toc83712"' in chapter and "width: 2in" in chapter
    assert "{." not in chapter and "{width" not in chapter
    typ = next(p for p in (base / "typst").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    assert "width: 2in" in typ
    pdf = "\n".join(p.extract_text() for p in pypdf.PdfReader(next((base / "typst").glob("*.pdf"))).pages)
    assert "Underlined words" in pdf and "{" not in pdf

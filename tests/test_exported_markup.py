"""Markdown exported by Word (pandoc), Google Docs, HackMD and Obsidian: its own markup was
published as typed, without a warning. pandoc's bracketed spans and attributes are read
(MyST's ``attrs_inline``); what no edition can show is said at its line, saying what to write."""

from __future__ import annotations

import re
import zipfile

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, jpeg_bytes, page, sphinx_build, write_pages
from loose_links.exported import Kind, found_in, simple_table_rule


@pytest.mark.parametrize("words, kind", [
    ("Executive Summary {#executive-summary .unnumbered}", Kind.ATTRIBUTES),
    ('A picture. {width="6.5in" height="3.2in"}', Kind.ATTRIBUTES),
    ("CO~2~ and more", Kind.SUB_SUPERSCRIPT),
    ("the 12^th^ of May", Kind.SUB_SUPERSCRIPT),
    ("+-------+-------+\n| Zone  | Count |", Kind.GRID_TABLE),
    ("[TOC]", Kind.TOC),
    ("See [[Budget Notes]].", Kind.WIKILINK),
])
def test_export_syntax_is_found(words, kind):
    assert [found.kind for found in found_in(words)] == [kind]


@pytest.mark.parametrize("words", [
    "About ~5 minutes, or ~10 at most.", "2^10 bytes and x ^ y", "Write {name} in the template.",
    'The JSON {"a": 1} and a set {a, b}.', "The matrix [[1, 2], [3, 4]].", "a + b + c",
    "See the [TOC] link below, and 1 + 2.", "C:\\~1\\~ and home~/",
])
def test_ordinary_text_is_not_export_syntax(words):
    assert found_in(words) == []


def test_a_callout_only_at_a_quote_start():
    assert [f.kind for f in found_in("[!NOTE]\nRead this.", in_quote=True)] == [Kind.CALLOUT]
    assert found_in("[!NOTE] in a paragraph") == []


def test_a_simple_table_rule_has_words_above_and_two_columns():
    assert simple_table_rule("  ----------- --------", "  Metric      Before")
    assert not simple_table_rule("-----", "Words")
    assert not simple_table_rule("--- ---", "")


def test_each_kind_is_said_once_at_its_line_never_in_code(tmp_path):
    body = ("Intro.\n\n# Summary {#summary .unnumbered} (draft)\n\nCO~2~ fell.\n\nH~2~O.\n\n"
            "```\nCO~2~ [TOC] +---+---+\n```\n\n`x^2^` in code.\n\n[TOC]\n")
    source = write_pages(tmp_path / "src", {"index.md": page("Report", None, body)})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    said = [line for line in build.warnings if "[markup." in line]
    assert [re.search(r":(\d+): .*\[(markup\.[\w-]+)\]", line).groups() for line in said] == [
        ("7", "markup.attributes"), ("9", "markup.sub-superscript"), ("19", "markup.toc-marker")]
    assert "(and 1 more on the page: line 11)" in said[1]


@pytest.fixture(scope="module")
def pandoc_export(tmp_path_factory):
    base = tmp_path_factory.mktemp("pandoc")
    body = ("# []{#_Toc83712 .anchor}Executive Summary\n\n"
            "[Underlined]{.underline} words, see [the summary](#_Toc83712).\n\n"
            "A [highlighted]{.mark} word, [Small Capitals]{.smallcaps}, [both]{.underline .mark}.\n\n"
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


def test_words_word_underlined_or_highlighted_are_shown_so_in_every_edition(pandoc_export):
    """pandoc gives a Word document's underlined, highlighted and small-capital words as
    spans; they were shown as plain words in every edition."""
    base, _ = pandoc_export
    css = (base / "html" / "_static" / "a11y.css").read_text(encoding="utf-8")
    for rule in ("span.underline {\n  text-decoration: underline;",
                 "span.mark {\n  background-color: #fff3a3;\n  color: #1a1a1a;",
                 "span.smallcaps {\n  font-variant: small-caps;"):
        assert rule in css
    book = zipfile.ZipFile(next((base / "epub").glob("*.epub")))
    chapter = book.read("index.xhtml").decode()
    sheet = next(name for name in book.namelist() if name.endswith("a11y.css"))
    assert "a11y.css" in chapter and "span.mark" in book.read(sheet).decode()
    typ = next(p for p in (base / "typst").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    assert '#underline[#"Underlined"]' in typ and '#highlight[#"highlighted"]' in typ
    assert '#smallcaps[#"Small Capitals"]' in typ and '#underline[#highlight[#"both"]]' in typ
    pdf = "\n".join(p.extract_text() for p in pypdf.PdfReader(next((base / "typst").glob("*.pdf"))).pages)
    assert "A highlighted word" in pdf and "both." in pdf

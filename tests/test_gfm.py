"""GitHub's Markdown that Jekyll read (kramdown's default GFM input): struck-through words and
task lists, shown as meant in every edition, never as tildes and brackets."""

from __future__ import annotations

import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages
from test_pdf_support import build_pdf, text_of, the_pdf, words

BODY = ("Fee: ~~$500~~ $300, and `~~code~~` stays.\n\n"
        "- [x] Apply online\n- [ ] Pay the fee\n- [X]\n- [y] Not a task\n- [ ]Not one either\n\n"
        "1. [ ] Numbered task\n\n```\n- [ ] in code\n```\n")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return write_pages(tmp_path_factory.mktemp("gfm") / "src", {
        "index.md": page("Home", body="Welcome."),
        "todo.md": page("To do", 1, body=BODY)})


def test_the_site_strikes_words_through_and_shows_each_tasks_box(source, tmp_path):
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output  # strict: no warning for either
    article = BeautifulSoup((tmp_path / "html" / "todo.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert [d.get_text() for d in article.select("del")] == ["$500"]
    assert article.select_one("code").get_text() == "~~code~~"
    items = [" ".join(li.get_text().replace("\u00b6", "").split()) for li in article.select("li")]
    assert items == ["\u2611 Apply online", "\u2610 Pay the fee", "\u2611", "[y] Not a task",
                     "[ ]Not one either", "\u2610 Numbered task"]
    assert len(article.select("li.task-list-item")) == 4
    assert "- [ ] in code" in article.select_one("pre").get_text()
    assert "~~" not in article.get_text().replace("~~code~~", "")


def test_the_epub_and_the_pdf_show_the_same(source, tmp_path):
    epub = sphinx_build(source, tmp_path / "epub", "epub")
    assert epub.returncode == 0, epub.output
    with zipfile.ZipFile(next((tmp_path / "epub").glob("*.epub"))) as book:
        chapter = book.read("todo.xhtml").decode()
    assert "<del>$500</del>" in chapter and "\u2610 Pay the fee" in chapter
    pdf = build_pdf(source, tmp_path / "pdf")
    assert pdf.returncode == 0, pdf.output
    typ = next(p for p in (tmp_path / "pdf").glob("*.typ") if p.name != "book.typ")
    assert re.search(r'#strike\[#"\$500"\]', typ.read_text(encoding="utf-8"))
    text = words(text_of(the_pdf(tmp_path / "pdf")))
    assert "\u2611 Apply online" in text and "\u2610 Pay the fee" in text
    assert "~~" not in text.replace("~~code~~", "")

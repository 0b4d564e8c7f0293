"""Pages written for other site generators (MkDocs, Hugo, Docusaurus) dropped in.

Their boxes and shortcodes reached readers as raw syntax, or lost words without a warning:
Docusaurus' ``:::info[Hours]`` made the words a class name, MkDocs' ``!!! note "Hours"``
showed the marks and set its second paragraph as code."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup

from conftest import build_every_edition, sphinx_build, write_pages


def _article(out: Path, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"), "lxml").select_one("article")


def _book_texts(out: Path, chapter: str = "index.xhtml") -> list[str]:
    with zipfile.ZipFile(next((out / "epub").glob("*.epub"))) as book:
        epub = BeautifulSoup(book.read(chapter), "xml").get_text(" ")
    pdf = " ".join(p.extract_text() for p in pypdf.PdfReader(next((out / "typst").glob("*.pdf"))).pages)
    return [" ".join(epub.split()), " ".join(pdf.split())]


DOCUSAURUS = ("---\ntitle: Permits\nsidebar_position: 2\n---\n\n"
              ":::tip Pro tip for applicants\n\nApply before noon.\n\n:::\n\n"
              ":::info[Office hours]\nOpen at nine.\n:::\n\n"
              ":::danger\nNo open flames.\n:::\n")


def test_docusaurus_boxes_keep_their_titles_in_every_edition(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": DOCUSAURUS})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out" / "html")
    titles = [(box.get("class"), box.select_one(".admonition-title").get_text())
              for box in article.select(".admonition")]
    assert [t for _, t in titles] == ["Pro tip for applicants", "Office hours", "Danger"], titles
    assert "tip" in titles[0][0] and "note" in titles[1][0]
    for shown in _book_texts(tmp_path / "out"):
        for words in ("Pro tip for applicants", "Apply before noon.", "Office hours", "Open at nine."):
            assert words in shown, shown
    assert not any("info[" in w or "Office" in w for w in builds["html"].warnings)

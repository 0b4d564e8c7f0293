"""Problems the last session's testers found on real pages and left: words shown outside
their box, markup shown as typed, words one edition lost."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, page, write_pages


def _editions(tmp_path: Path, body: str, title: str = "Home", strict: bool = False):
    """Every edition of one page: (the builds, the site's article, the ePub page, the PDF's words)."""
    src = write_pages(tmp_path / "src", {"index.md": page(title, 1, body)})
    builds = build_every_edition(src, tmp_path / "out", strict=strict)
    html = BeautifulSoup((tmp_path / "out/html/index.html").read_text(encoding="utf-8"), "html.parser")
    epub = next((tmp_path / "out/epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        chapter = next(name for name in archive.namelist() if name.endswith("index.xhtml"))
        xhtml = BeautifulSoup(archive.read(chapter).decode("utf-8"), "html.parser")
    pdf = next((tmp_path / "out/typst").glob("*.pdf"))
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    return builds, html, xhtml, words


def _said(soup) -> str:
    return " ".join(soup.get_text().replace("¶", "").split())


def test_details_holding_markdown_holds_its_words_in_every_edition(tmp_path):
    """GitHub shows ``<details><summary>Fees</summary>``, Markdown, ``</details>`` as a box
    holding the Markdown; each tag alone was an empty box followed by its words."""
    body = ("Intro.\n\n<details><summary>Fees</summary>\n\nThe **fee** is five dollars.\n\n"
            "- first item\n- second item\n\n</details>\n\nAfter.\n\n<details open>\n<summary>Hours</summary>\n\n"
            "Open *daily*.\n\n</details>\n")
    builds, html, xhtml, words = _editions(tmp_path, body)
    assert not builds["html"].warnings, builds["html"].output
    for soup in (html, xhtml):
        boxes = soup.find_all("details")
        assert len(boxes) == 2, soup
        assert boxes[0].summary.get_text(strip=True) == "Fees"
        assert boxes[0].strong.get_text() == "fee" and "second item" in _said(boxes[0]), boxes[0]
        assert "After." not in _said(boxes[0])
        assert boxes[1].summary.get_text(strip=True) == "Hours" and boxes[1].has_attr("open")
        assert boxes[1].em.get_text() == "daily", boxes[1]
    assert "Fees The fee is five dollars." in words and "Hours Open daily." in words, words

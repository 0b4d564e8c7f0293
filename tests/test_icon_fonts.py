"""An icon font's ligature name (``<span class="material-icons">info</span>``) is no word:
Data Commons' notes printed "info Note:", the University of Idaho's "priority_highIMPORTANT:"."""

from __future__ import annotations

import zipfile

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, page, write_pages

BLOCK = ('<div class="alert">\n<span class="material-icons" aria-hidden="true">priority_high</span>'
         '<b>IMPORTANT:</b> Bring your permit.\n</div>\n')
INLINE = ('<span class="material-icons-outlined">info</span> **Note:** the office closes at five.\n\n'
          'Keep <span class="material-icons">the words</span> written here, and '
          '<span class="other">plain_name</span> too.\n')


def test_icon_names_are_in_no_edition_and_said(tmp_path):
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "notes.md": page("Notes", 1, body=BLOCK + "\n" + INLINE)})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    site = BeautifulSoup((tmp_path / "out" / "html" / "notes.html").read_text(), "html.parser")
    text = " ".join(site.find("article").get_text(" ").split())
    with zipfile.ZipFile(next((tmp_path / "out" / "epub").glob("*.epub"))) as book:
        chapter = " ".join(BeautifulSoup(book.read("notes.xhtml"), "html.parser").get_text(" ").split())
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(
        next((tmp_path / "out" / "typst").glob("*.pdf"))).pages).split())
    for edition in (text, chapter, pdf):
        assert "priority_high" not in edition and "info Note" not in edition.replace(":", "")
        assert "IMPORTANT:" in edition and "Bring your permit." in edition
        assert "the office closes at five." in edition
        assert "the words" in edition and "plain_name" in edition
    warnings = "\n".join(builds["html"].warnings)
    assert "notes.md:" in warnings
    assert "'priority_high'" in warnings and "'info'" in warnings and "icon font" in warnings

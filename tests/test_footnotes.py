"""Footnotes as people write them: a reference whose note was lost when the text was copied
from Word (``[^3]`` with no ``[^3]: …``), and a label written in another case than its note.

Docutils said the first as two errors in its own words ("Too many autonumbered footnote
references", "Unknown target name") and drew an error mark; the second was the same, though
the note is there.
"""

from __future__ import annotations

import zipfile

from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages
from test_pdf_support import text_of, the_pdf

PAGE = ("---\ntitle: Parking\nposition: 1\n---\n\n# Parking\n\n"
        "Meters run until 6 pm[^1] and\non Sundays[^3] at the [^Garage] rate.\n\n"
        "[^1]: Except on holidays.\n\n[^garage]: The garage rate is $2,000 a year.\n")


def test_a_reference_without_its_note_is_shown_as_typed_and_said_once(tmp_path):
    source = write_pages(tmp_path / "source", {"index.md": "---\ntitle: Guide\n---\n\nThe guide.\n",
                                                "parking.md": PAGE})
    builds = build_every_edition(source, tmp_path, strict=False)
    said = [w for w in builds["html"].warnings if "note-missing" in w or "docutils" in w or "footnote" in w]
    assert len(said) == 1, said
    assert "parking.md:9:" in said[0] and "[^3]" in said[0] and "[link.note-missing]" in said[0]

    article = BeautifulSoup((tmp_path / "html" / "parking.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert "on Sundays[^3] at the" in article.get_text()
    notes = article.select("a.footnote-reference")
    assert len(notes) == 2  # [^1] and [^Garage], whose note is written [^garage]
    assert "The garage rate is $2,000 a year." in article.get_text()

    with zipfile.ZipFile(tmp_path / "epub" / next(p.name for p in (tmp_path / "epub").glob("*.epub"))) as book:
        chapter = next(book.read(n).decode() for n in book.namelist() if n.endswith("parking.xhtml"))
    assert "on Sundays[^3] at the" in chapter

    text = " ".join(text_of(the_pdf(tmp_path / "typst")).split())
    assert "Sundays[^3] at the" in text and "The garage rate is $2,000 a year." in text

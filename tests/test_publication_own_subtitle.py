"""A folder with its own CITATION.cff gets none of this project's cover subtitle.

"Parks Report", a folder of pages with its own CITATION.cff (title, version, date, url),
printed "What a smart city means for Austin" (this project's ``pdf_subtitle``) on its PDF's
cover and colophon, under its own title: a line about another publication in the edition
a report cites. Its own abstract, when short, is the cover's second line instead, as for a
Jekyll site that names itself.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from conftest import sphinx_build, write_pages

CFF = ('cff-version: 1.2.0\nmessage: "Cite it."\ntitle: "Parks Report"\nauthors:\n'
       '  - name: "City of Austin"\nversion: "1.0"\ndate-released: "2026-11-20"\n'
       'url: "https://parks.example.org/"\n')


def cover(tmp_path: Path, cff: str) -> str:
    source = write_pages(tmp_path / "pages", {
        "CITATION.cff": cff, "index.md": "---\ntitle: Parks Report\n---\n\nWelcome.\n"})
    build = sphinx_build(source, tmp_path / "pdf", "typst")
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    reader = PdfReader(next((tmp_path / "pdf").glob("*.pdf")))
    return "\n".join(reader.pages[i].extract_text() for i in range(2))


def test_no_subtitle_of_this_project_on_another_publications_cover(tmp_path: Path) -> None:
    text = cover(tmp_path, CFF)
    assert "Parks Report" in text and "Version 1.0" in text and "parks.example.org" in text, text
    assert "smart city" not in text.casefold(), text


def test_its_own_short_abstract_is_the_covers_second_line(tmp_path: Path) -> None:
    text = cover(tmp_path, CFF + 'abstract: "Where the shade is."\n')
    assert "Where the shade is." in text and "smart city" not in text.casefold(), text

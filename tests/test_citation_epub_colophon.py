"""Every ePub says which version it is, when, and where it lives, to the person reading it.

A folder of pages without a How-to-cite page (``cite.md``, the ```{citation}``` directive)
made an ePub whose pages named no version, date or address: only the package metadata
did (``ibooks:version``), which no reading system shows. A reader citing the book could
not tell 1.0 from 1.1. The PDF has its colophon page; the ePub's first page now ends with
the colophon and the publication's citation when no page gives them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages

CFF = ('cff-version: 1.2.0\nmessage: "Cite it."\ntitle: "Parks Report"\nauthors:\n'
       '  - name: "City of Austin"\nversion: "1.1"\ndate-released: "2026-11-20"\n'
       'url: "https://parks.example.org/"\n')


def book_text(tmp_path: Path, pages: dict[str, str]) -> str:
    source = write_pages(tmp_path / "pages", {"CITATION.cff": CFF, **pages})
    build = sphinx_build(source, tmp_path / "epub", "epub")
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    with zipfile.ZipFile(next((tmp_path / "epub").glob("*.epub"))) as book:
        return "\n".join(" ".join(BeautifulSoup(book.read(n), "xml").get_text(" ").split())
                         for n in sorted(book.namelist()) if n.endswith(".xhtml"))


def test_an_epub_without_a_citation_page_names_its_version_date_and_address(tmp_path: Path) -> None:
    text = book_text(tmp_path, {"index.md": "---\ntitle: Parks Report\n---\n\nWelcome.\n"})
    assert "This is version 1.1 of Parks Report" in text and "November 20, 2026" in text, text
    assert "https://parks.example.org/editions/1.1/" in text, text  # the citation's address


def test_a_citation_page_is_not_repeated(tmp_path: Path) -> None:
    text = book_text(tmp_path, {"index.md": "---\ntitle: Parks Report\n---\n\nWelcome.\n",
                                "cite.md": "---\ntitle: How to cite\nposition: 9\n---\n\n```{citation}\n```\n"})
    assert text.count("This is version 1.1 of Parks Report") == 1, text

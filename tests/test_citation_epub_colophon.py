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


def test_the_colophon_heading_is_in_the_books_language(tmp_path: Path) -> None:
    """A Spanish ePub's colophon was headed "How to cite", English, and said to be Spanish:
    a screen reader read it with a Spanish voice. It is translated through the catalogs, or,
    in a language they lack, said to be English."""
    pages = {"CITATION.cff": CFF, "index.md": "---\ntitle: Parks Report\n---\n\nBienvenidos.\n"}
    for language, heading, lang in (("es", "Cómo citar", None), ("fi", "How to cite", "en")):
        source = write_pages(tmp_path / language / "pages", pages)
        build = sphinx_build(source, tmp_path / language / "epub", "epub",
                             extra=("-D", f"language={language}"))
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        with zipfile.ZipFile(next((tmp_path / language / "epub").glob("*.epub"))) as book:
            first = BeautifulSoup(book.read("index.xhtml"), "xml")
        rubric = first.select(".publication-citation > .rubric")[0]
        assert rubric.get_text(strip=True) == heading, rubric
        assert rubric.get("lang") == lang or rubric.get("xml:lang") == lang, rubric


def test_the_epubs_address_is_its_versions(tmp_path: Path) -> None:
    """The ePub's address identifier was the site's root, which shows the latest version, not
    the one in the book: a catalogue linking it sent readers to other words."""
    source = write_pages(tmp_path / "pages", {"CITATION.cff": CFF,
                                              "index.md": "---\ntitle: Parks Report\n---\n\nWelcome.\n"})
    for language, address in (("en", "editions/1.1/"), ("es", "editions/1.1/es/")):
        build = sphinx_build(source, tmp_path / language, "epub", extra=("-D", f"language={language}"))
        assert build.returncode == 0, build.output
        with zipfile.ZipFile(next((tmp_path / language).glob("*.epub"))) as book:
            opf = BeautifulSoup(book.read("content.opf"), "xml")
        identifiers = [element.get_text() for element in opf.find_all("dc:identifier")]
        assert identifiers == ["parks-report", f"https://parks.example.org/{address}"]

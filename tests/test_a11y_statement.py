"""The accessibility statement is a page of the publication, so it is in all three editions."""

from __future__ import annotations

import zipfile

from bs4 import BeautifulSoup
from pypdf import PdfReader

SECTIONS = ["Conformance target", "Known limits", "Ask for another format", "Contact us"]


def test_statement_is_on_the_website_with_every_section(publication):
    soup = BeautifulSoup((publication / "html" / "accessibility.html").read_bytes(), "lxml")
    assert soup.find("h1").get_text(strip=True).startswith("Accessibility statement")
    assert [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")] == SECTIONS
    text = soup.find("article").get_text(" ", strip=True)
    for fact in ("WCAG", "PDF/UA-1", "3-1-1", "7-1-1"):
        assert fact in text


def test_statement_comes_after_the_chapters(publication):
    """position: 900 keeps it at the end of the contents, after the chapters it is about."""
    soup = BeautifulSoup((publication / "html" / "index.html").read_bytes(), "lxml")
    contents = [a["href"] for a in soup.select(".publication-contents a.reference")]
    assert "accessibility.html" in contents
    assert contents.index("definition.html") < contents.index("accessibility.html")


def test_statement_is_a_chapter_of_the_epub(publication):
    with zipfile.ZipFile(publication / "epub" / "smart-city-austin.epub") as epub:
        package = BeautifulSoup(epub.read("content.opf"), "xml")
        text = BeautifulSoup(epub.read("accessibility.xhtml"), "xml").get_text(" ")
    item = package.find("item", href="accessibility.xhtml")
    reading_order = [ref["idref"] for ref in package.find("spine").find_all("itemref")
                     if ref.get("linear") != "no"]
    assert item["id"] in reading_order
    assert "Ask for another format" in text and "3-1-1" in text


def test_statement_is_in_the_pdf_with_a_bookmark(publication):
    reader = PdfReader(publication / "pdf" / "smart-city-austin.pdf")
    assert "Accessibility statement" in [item.title for item in reader.outline if hasattr(item, "title")]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Ask for another format" in text and "512-974-2000" in text

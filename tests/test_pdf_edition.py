"""The PDF edition of the real publication (``source/``), read back from the PDF."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
import typst
import yaml

from conftest import REPO
from seedtext import seed_blocks, split_front_matter
from test_pdf_support import (build_pdf, link_annotations, outline, page_texts,
                              struct_elements, structure_problems, text_of, the_pdf,
                              without_note_marks, words)

SOURCE = REPO / "source"


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``make pdf`` of the publication, built once for this module."""
    out = tmp_path_factory.mktemp("edition") / "pdf"
    build = build_pdf(SOURCE, out)
    assert build.returncode == 0, build.output
    assert build.warnings == [], build.output
    return the_pdf(out)


def chapter_titles() -> list[str]:
    """Top-level pages' titles in position order, read from their front matter."""
    pages = []
    for path in SOURCE.glob("*.md"):
        front, _ = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(front) or {}
        if path.stem != "index" and "position" in data:
            pages.append((int(data["position"]), str(data["title"])))
    return [title for _, title in sorted(pages)]


def test_the_pdf_is_named_after_the_publication_and_keeps_its_typst_source(edition: Path) -> None:
    assert edition.name == "smart-city-austin.pdf"
    assert edition.with_suffix(".typ").is_file()
    assert (edition.parent / "book.typ").is_file()


def test_every_seed_paragraph_is_in_the_pdf_verbatim(edition: Path) -> None:
    text = words(without_note_marks(text_of(edition)))
    for block in seed_blocks():
        assert block in text, f"missing from the PDF: {block!r}"
    for char in "“”’–":
        assert char in text


def test_bookmarks_follow_the_position_order(edition: Path) -> None:
    top = [title for depth, title in outline(edition) if depth == 0]
    assert top == chapter_titles()
    assert (1, "Let's talk about open government too") in outline(edition)


def test_metadata_comes_from_citation_cff(edition: Path) -> None:
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    info = pypdf.PdfReader(edition).metadata
    assert info.title == cff["title"]
    assert info.author == cff["authors"][0]["name"]
    assert info.subject == " ".join(cff["abstract"].split())
    assert info["/Keywords"] == ", ".join(cff["keywords"])
    assert info["/CreationDate"].startswith("D:" + str(cff["date-released"]).replace("-", ""))
    with pikepdf.open(edition) as doc:
        meta = doc.open_metadata()
        assert meta["dc:title"] == cff["title"]
        assert str(doc.Root.Lang) == "en"


def test_cover_and_colophon_say_what_edition_this_is(edition: Path) -> None:
    cover, colophon = (words(t) for t in page_texts(edition)[:2])
    assert "Smart City Austin" in cover and "City of Austin" in cover
    assert "Version 1.0.0" in cover and "November 25, 2026" in cover
    assert "License: CC-BY-4.0" in colophon
    assert "Latest version: https://smartcity.austintexas.gov/" in colophon
    assert ("City of Austin. (2026). Smart City Austin (Version 1.0.0). "
            "https://smartcity.austintexas.gov/editions/1.0.0/") in colophon  # this version, for good


def test_contents_headers_and_page_numbers(edition: Path) -> None:
    pages = [words(t) for t in page_texts(edition)]
    contents = pages[2]
    assert contents.startswith("Contents")
    for title in chapter_titles():
        assert title in contents
    chapter = next(i for i, t in enumerate(pages) if "Austin’s definition of a smart city" in t)
    # running header: publication and chapter; footer: the page number
    assert pages[chapter].startswith("Smart City Austin Defining “smart city” for Austin")
    assert pages[chapter].split()[-1].isdigit()


def _compile(typ: Path) -> bytes:
    """The PDF of ``typ`` as the builder compiles it (same fonts, standards and timestamp)."""
    from typst_pdf.fonts import package_folders

    compiler = typst.Compiler(str(typ), root=str(typ.parent), ignore_system_fonts=True,
                              font_paths=[str(folder) for folder in package_folders()])
    return compiler.compile(pdf_standards=["ua-1", "a-2a"], timestamp=0, format="pdf")


def test_the_contents_draft_lists_the_contents_and_changes_no_byte(
        edition: Path, tmp_path: Path) -> None:
    """The .typ hands book.typ the contents' titles, which it lays out in Typst's first
    pass (``contents-draft``): they are the bookmarks down to the contents' depth, in
    order, and the PDF is the same without them (the draft only saves a layout pass)."""
    typ = edition.with_suffix(".typ").read_text(encoding="utf-8")
    call = next(line for line in typ.splitlines() if line.startswith("#show: book.with("))
    draft = re.search(r"\(depth: (\d+), entries: \((.*)\)\)\)$", call)
    assert draft is not None, call
    depth = int(draft.group(1))
    entries = [(int(level), json.loads(f'"{title}"')) for level, title
               in re.findall(r'\((\d+), "((?:[^"\\]|\\.)*)"\), ', draft.group(2))]
    marks = [(level + 1, title) for level, title in outline(edition) if level < depth]
    assert entries == marks
    assert len(entries) > 5
    for name in (edition.with_suffix(".typ").name, "book.typ"):
        (tmp_path / name).write_bytes((edition.parent / name).read_bytes())
    without = tmp_path / "without-draft.typ"
    without.write_text(typ.replace(draft.group(0), f"(depth: {depth}, entries: ()))"),
                       encoding="utf-8")
    assert _compile(tmp_path / edition.with_suffix(".typ").name) == _compile(without)


def test_the_structure_is_tagged_and_archival(edition: Path) -> None:
    assert structure_problems(edition) == []
    with pikepdf.open(edition) as doc:
        kinds = [str(e.S) for e in struct_elements(doc)]
    assert kinds[:2] == ["/Document", "/Title"]  # the cover's title is the document title


def test_external_links_are_clickable_and_printed(edition: Path) -> None:
    iso = ("https://www.iso.org/files/live/sites/isoorg/files/developing_standards/docs/en/"
           "smart_cities_report-jtc1.pdf")
    uris = [link["uri"] for link in link_annotations(edition) if "uri" in link]
    assert iso in uris
    assert "https://opengovpartnership.bloomfire.com/" in uris
    text = text_of(edition)
    assert "".join(iso.split()) in "".join(text.split())  # the address, for paper readers
    assert any(link.get("internal") for link in link_annotations(edition))  # the contents


def test_make_pdf_builds_it(tmp_path: Path) -> None:
    result = subprocess.run(["make", "pdf", f"BUILDDIR={tmp_path}", "JOBS=1"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "pdf" / "smart-city-austin.pdf").is_file()

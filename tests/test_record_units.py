"""The plain-Python parts of the record extension: ids, diffs, notes, banner, release checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from record import changelog, diff, passages, publish, release, releases


def test_an_id_depends_on_the_text_only():
    a = passages.assign([("paragraph", "Austin  wants\ntechnology.", None)], set())
    b = passages.assign([("title", "Intro", None), ("paragraph", "Austin wants technology.", None)],
                        {"intro"})
    assert a[0].id == b[1].id and a[0].id.startswith("p-")
    assert b[0].id.startswith("h-") and b[0].kind == "heading"


def test_repeated_text_and_taken_ids_are_told_apart_in_reading_order():
    found = passages.assign([("paragraph", "Yes.", None)] * 3, set())
    base = found[0].id
    assert [p.id for p in found] == [base, f"{base}-2", f"{base}-3"]
    clash = passages.assign([("paragraph", "Yes.", None)], {base})
    assert clash[0].id == f"{base}-2"


def test_an_author_id_wins():
    found = passages.assign([("paragraph", "Text.", "budget-2026")], set())
    assert found[0].id == "budget-2026" and found[0].authored


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=6), st.text(max_size=30))
def test_an_edit_elsewhere_never_changes_an_id(texts, inserted):
    before = passages.assign([("paragraph", t, None) for t in texts], set())
    after = passages.assign([("paragraph", inserted + "\u2063", None)]
                            + [("paragraph", t, None) for t in texts], set())
    unique = [p for p in before if not p.id.count("-") > 1]
    assert {p.id for p in unique} <= {p.id for p in after}


def _p(chapter, ident, text):
    return {"chapter": chapter, "chapter_title": chapter.title(), "file": f"{chapter}.html",
            "id": ident, "text": text}


def test_what_changed_pairs_a_replaced_passage_and_marks_its_words():
    old = [_p("a", "p-1", "One."), _p("a", "p-2", "The old words here."), _p("a", "p-3", "Three.")]
    new = [_p("a", "p-1", "One."), _p("a", "p-9", "The new words here."), _p("a", "p-3", "Three."),
           _p("b", "p-4", "Brand new.")]
    chapters = diff.compare(old, new)
    assert [(c.docname, len(c.changed), len(c.added), len(c.removed)) for c in chapters] == \
        [("a", 1, 0, 0), ("b", 0, 1, 0)]
    assert diff.words("The old words here.", "The new words here.") == \
        [("=", "The "), ("-", "old"), ("+", "new"), ("=", " words here.")]


def test_release_notes_by_version(tmp_path):
    notes = tmp_path / "CHANGES.md"
    notes.write_text("# Notes\n\n## [1.1.0] - 2026-12-01\n\nFixed a figure.\n\n"
                     "## 1.0.0 (2026-11-25)\n\nFirst.\n", encoding="utf-8")
    found = changelog.sections(notes)
    assert found["1.1.0"] == ("Fixed a figure.", 3)
    assert found["1.0.0"][0] == "First."
    assert changelog.sections(tmp_path / "missing.md") == {}


def test_removing_the_banner_gives_back_the_frozen_bytes():
    page = b'<html><body class="x"><div><article role="main" id="furo-main-content">Text</article>'
    release_ = releases.Release("1.0.0", Path("/nowhere"))
    block = publish.banner(release_, "2026-11-25", "T", "1.1.0", "../../a.html", 2, False)
    shown = publish.with_banner(page, block)
    assert b"earlier edition" in shown and shown.index(block) > shown.index(b"<article")
    assert publish.strip_banner(shown) == page


def _site(folder: Path, version: str, text: str) -> Path:
    (folder / "editions").mkdir(parents=True)
    (folder / "editions" / "x.pdf").write_bytes(b"%PDF " + text.encode())
    (folder / "editions" / "x.epub").write_bytes(b"PK")
    (folder / "index.html").write_text(text)
    doc = {"version": version, "date": "2026-11-25", "title": "T",
           "passages": [{**_p("index", "p-1", text), "pdf_page": 1}]}
    (folder / "passages.json").write_text(json.dumps(doc))
    return folder


def test_a_release_is_frozen_once_and_never_overwritten(tmp_path):
    notes = tmp_path / "CHANGES.md"
    notes.write_text("## 1.0.0\n\nFirst.\n")
    store = tmp_path / "editions"
    site = _site(tmp_path / "one", "1.0.0", "Hello.")
    assert release.main(["release", str(site), str(store), str(notes)]) == 0
    frozen = releases.find(store)[0]
    assert [r.version for r in frozen] == ["1.0.0"]
    assert set(frozen[0].sums()) == {"editions/x.pdf", "editions/x.epub", "index.html",
                                     "passages.json"}
    assert release.main(["release", str(site), str(store), str(notes)]) == 0  # same bytes

    edited = _site(tmp_path / "two", "1.0.0", "Hello, world.")
    with pytest.raises(release.Refused, match="the text changed since version 1.0.0"):
        release.check(edited, frozen, notes)
    (site / "editions" / "x.epub").write_bytes(b"PK2")
    with pytest.raises(release.Refused, match="never overwritten"):
        release.check(site, frozen, notes)
    bumped = _site(tmp_path / "three", "1.1.0", "Hello, world.")
    with pytest.raises(release.Refused, match="no section for version 1.1.0"):
        release.check(bumped, frozen, notes)
    assert (store / "1.0.0" / "index.html").read_text() == "Hello."


def test_many_equal_paragraphs_get_their_ids_in_linear_time():
    """Each repeat of a text counted its id up from ``-2``: a page of 50,000 equal
    paragraphs ("a", a table's "—") held the build for minutes, 200,000 for most of an hour."""
    from conftest import ends_apart

    assert ends_apart("from record import passages\n"
                      "ids = [p.id for p in passages.assign([('paragraph', 'a', None)] * 200_000, set())]\n"
                      "assert ids[:3] == ['p-ca978112', 'p-ca978112-2', 'p-ca978112-3'], ids[:3]\n"
                      "assert len(set(ids)) == 200_000 and ids[-1] == 'p-ca978112-200000'", limit=120)

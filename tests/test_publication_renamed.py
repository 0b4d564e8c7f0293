"""A publication whose title changes: each edition keeps only the book of its new title.

Every build starts from a copy of the last edition (``make all``'s ``<edition>.new``). The
ePub builder put every file of its folder into the book, so the old ``first-name.epub``
failed each strict build after the rename with "unknown mimetype", at no file or line,
and the site lost its link to the ePub; the old PDF and citation files stayed beside the
new ones, for a reader to take for them."""

from __future__ import annotations

from pathlib import Path

from conftest import build_every_edition, write_pages

CFF = ("cff-version: 1.2.0\nmessage: Cite it.\ntitle: {title}\nauthors:\n  - name: City of Austin\n"
       "version: 1.0.0\ndate-released: '2024-04-01'\nurl: https://example.org/\n")


def test_a_renamed_publication_builds_strictly_with_only_its_new_books(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"CITATION.cff": CFF.format(title="First Name"),
                                            "index.md": "---\ntitle: Home\n---\n\nWords.\n"})
    build_every_edition(source, tmp_path / "out")
    (source / "CITATION.cff").write_text(CFF.format(title="Second Name"), encoding="utf-8")
    builds = build_every_edition(source, tmp_path / "out")
    assert not [w for build in builds.values() for w in build.warnings]
    books = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*")
                   if path.suffix in (".epub", ".pdf", ".typ", ".bib", ".ris") and path.name != "book.typ")
    assert books == ["epub/second-name.epub", "html/cite/second-name.bib", "html/cite/second-name.ris",
                     "typst/second-name.pdf", "typst/second-name.typ"], books

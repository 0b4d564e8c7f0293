"""The site's ``editions/`` holds only this build's PDF and ePub.

Version 1.0 "Parks Report" shipped ``editions/parks-report.pdf``; 1.1 was retitled "Parks
and Trees Report" and shipped ``parks-and-trees-report.pdf`` beside it, the old file left
in place: ``make release`` froze 1.0's PDF and ePub into 1.1 as files of that edition, and
the site kept serving them, unlisted in ``SHA256SUMS``, under the current edition.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from website import editions


def test_an_edition_file_of_an_earlier_build_is_removed(tmp_path: Path) -> None:
    new = tmp_path / "pdf" / "parks-and-trees-report.pdf"
    new.parent.mkdir()
    new.write_bytes(b"%PDF-1.1")
    site = tmp_path / "html"
    (site / "editions" / "1.0" / "editions").mkdir(parents=True)
    frozen = site / "editions" / "1.0" / "editions" / "parks-report.pdf"
    frozen.write_bytes(b"%PDF-1.0")
    for old in ("parks-report.pdf", "parks-report.epub"):
        (site / "editions" / old).write_bytes(b"old")
    edition = editions.Edition("pdf", "PDF", "application/pdf", new, new.stat().st_size,
                               hashlib.sha256(new.read_bytes()).hexdigest())
    editions.ship([edition], site)
    assert sorted(p.name for p in (site / "editions").iterdir()) == [
        "1.0", "SHA256SUMS", "parks-and-trees-report.pdf"]
    assert frozen.read_bytes() == b"%PDF-1.0"  # a published release is never touched

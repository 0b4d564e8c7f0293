"""Leftovers a citer hit in the round trip: release 1.0, edit, rename, translate, release 1.1.

Each test is one thing a report that cites the publication would get wrong for good.
"""

from __future__ import annotations

import datetime
import json

from test_record_tampered import built_site

from record import release


def _site_dated(folder, date: str):
    site = built_site(folder)
    data = json.loads((site / "passages.json").read_text())
    (site / "passages.json").write_text(json.dumps({**data, "date": date}))
    return site


def test_release_refuses_notes_dated_another_day_than_date_released(tmp_path, capsys):
    """CHANGES.md's `## 1.0.0 (2026-11-20)` and CITATION.cff's date-released 2026-11-25: the
    Editions page printed one day and every citation the other, frozen for good."""
    today = datetime.date.today().isoformat()
    site = _site_dated(tmp_path / "html", today)
    changes = tmp_path / "CHANGES.md"
    changes.write_text("# Release notes\n\n## [1.0.0] - 2020-01-02\n\nFirst.\n")
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(changes)]) == 1
    err = capsys.readouterr().err
    assert f"{changes}:3:" in err and "2020-01-02" in err and today in err, err
    assert "date-released" in err, err
    assert not (store / "1.0.0").exists()


def test_release_freezes_notes_dated_the_day_released_or_undated(tmp_path):
    today = datetime.date.today().isoformat()
    for heading in (f"## 1.0.0 ({today})", "## 1.0.0"):
        folder = tmp_path / heading.replace(" ", "_").replace("(", "").replace(")", "")
        site = _site_dated(folder / "html", today)
        (folder / "CHANGES.md").write_text(f"{heading}\n\nFirst.\n")
        store = folder / "editions"
        assert release.main(["release", str(site), str(store), str(folder / "CHANGES.md")]) == 0
        assert (store / "1.0.0" / "SHA256SUMS").is_file()

"""``make release`` freezes the date every citation of the version will print.

A release dated 2099-01-01 (a typo, or a date set ahead of the day) was frozen for good:
every APA/Chicago/MLA text, the .bib and .ris and the PDF's cover of that version named a
day that had not come, and a 1.1 dated before 1.0 made the later edition look older.
"""

from __future__ import annotations

import datetime
import json

from test_record_tampered import built_site, frozen_release

from record import release


def dated_site(folder, version: str, date: str):
    site = built_site(folder)
    data = json.loads((site / "passages.json").read_text())
    (site / "passages.json").write_text(json.dumps({**data, "version": version, "date": date}))
    return site


def notes(tmp_path, version: str):
    (tmp_path / "CHANGES.md").write_text(f"## {version}\n\nNotes.\n")
    return tmp_path / "CHANGES.md"


def test_a_release_dated_after_today_is_refused(tmp_path, capsys):
    ahead = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    site = dated_site(tmp_path / "html", "1.0.0", ahead)
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(notes(tmp_path, "1.0.0"))]) == 1
    err = capsys.readouterr().err
    assert f"date-released {ahead} is after today" in err and "CITATION.cff" in err, err
    assert not (store / "1.0.0").exists()


def test_a_release_dated_today_is_frozen(tmp_path):
    site = dated_site(tmp_path / "html", "1.0.0", datetime.date.today().isoformat())
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(notes(tmp_path, "1.0.0"))]) == 0
    assert (store / "1.0.0" / "SHA256SUMS").is_file()


def test_a_later_version_dated_before_an_earlier_release_is_refused(tmp_path, capsys):
    store = tmp_path / "editions"
    frozen_release(store, "0.9.0")  # dated 2020-01-01
    site = dated_site(tmp_path / "html", "1.0.0", "2019-06-01")
    assert release.main(["release", str(site), str(store), str(notes(tmp_path, "1.0.0"))]) == 1
    err = capsys.readouterr().err
    assert "2019-06-01 is before 2020-01-01, the date of the released 0.9.0" in err, err
    assert not (store / "1.0.0").exists()

"""``make release``: freeze the edition just built into ``editions/<version>/``.

    python -m record.release SITE RELEASES CHANGES

SITE is the built website (``_build/html``, which ships the PDF and the ePub), RELEASES
the folder of frozen releases, CHANGES the release notes. A release is never
overwritten: the same version with other bytes is refused, and so is changed text under
a version that is already released. Exit status 0 when frozen (or already frozen with
these very bytes), 1 with one clear message otherwise.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from packaging.version import Version

from publication import checksums

from . import changelog, frozen, releases


class Refused(Exception):
    """Why this build cannot be released (one message, with what to do)."""


def texts(document: dict) -> list[tuple[str, str, str]]:
    return [(p["chapter"], p["id"], p["text"]) for p in document["passages"]]


def check(site: Path, found: list[releases.Release], changes: Path) -> tuple[str, dict, bool]:
    """The version to freeze, the checksums of its files, and whether it is new."""
    mark = site / releases.UNUSABLE_CITATION
    if mark.is_file() and not mark.is_symlink():
        said = mark.read_text(encoding="utf-8", errors="replace")[:500]
        raise Refused(f"this build could not use its CITATION.cff and went on with other "
                      f"metadata, which a release would keep for good: {said}. Fix it (the "
                      "build said so), run make all, then make release")
    passages = site / releases.PASSAGES
    if not passages.is_file():
        raise Refused(f"{passages} is missing: build every edition first (make all)")
    current = json.loads(passages.read_text(encoding="utf-8"))
    version = current["version"]
    files = releases.site_files(site)
    for name, path in files.items():
        plain(site, name, path)
    sums = {name: checksums.sha256(path) for name, path in files.items()}
    if not any(n.endswith(".pdf") for n in sums) or not any(n.endswith(".epub") for n in sums):
        raise Refused(f"{site} does not ship the PDF and the ePub: run make all (PDF and ePub "
                      "before the website), then make release")
    if alias := next((r for r in found if r.key == Version(version) and r.version != version), None):
        raise Refused(
            f"version {version} is version {alias.version}, already released in {alias.folder} "
            "(version numbers are compared as numbers: 1.0 and 1.0.0 are one version, which "
            "a citation could not tell apart), and a release is never overwritten: set a "
            f"higher version in CITATION.cff and {changes.name}")
    same = next((r for r in found if r.version == version), None)
    if same is not None:
        if same.sums() == sums:
            return version, sums, False
        if texts(same.passages()) != texts(current):
            raise Refused(
                f"the text changed since version {version} was released, but CITATION.cff "
                f"still says version {version}. A release is never changed: set a new "
                "`version` and `date-released` in CITATION.cff, add a section for it to "
                f"{changes.name}, then run make release again")
        differ = sorted(n for n in set(sums) | set(same.sums()) if sums.get(n) != same.sums().get(n))
        raise Refused(
            f"version {version} is already released in {same.folder} and a release is never "
            f"overwritten; this build has the same text but other bytes in {len(differ)} "
            f"file(s) ({', '.join(differ[:3])}{', …' if len(differ) > 3 else ''}). Release "
            "the new layout as a new version (CITATION.cff and " + changes.name + ")")
    newer = [r.version for r in found if r.key > Version(version)]
    if newer:
        raise Refused(f"version {version} is older than the released {newer[-1]}: set a "
                      "higher version in CITATION.cff")
    date_problem(current.get("date"), found, version)
    if version not in changelog.sections(changes):
        raise Refused(f"{changes} has no section for version {version}: add `## {version}` "
                      "with what changed (its release notes), then run make release again")
    if (noted := changelog.heading_date(changes, version)) and noted[0] != str(current.get("date")):
        raise Refused(
            f"{changes}:{noted[1]}: the notes of version {version} are dated {noted[0]}, but "
            f"CITATION.cff's date-released is {current.get('date')}, which every citation of "
            f"{version} prints for good: make them the same day (the day you release; after "
            "changing CITATION.cff run make all), then make release")
    if not any(p["pdf_page"] for p in current["passages"]):
        raise Refused("passages.json has no PDF page numbers: build the PDF before the website "
                      "(make all does)")
    return version, sums, True


def date_problem(date: Any, found: list[releases.Release], version: str) -> None:
    """Refuse a release date no citation should print for good: one after today (UTC, with a
    day's grace for time zones) or before the date of an earlier version already released."""
    try:
        day = datetime.date.fromisoformat(str(date))
    except ValueError:
        raise Refused(f"passages.json gives no release date ({str(date)[:40]!r}): set "
                      "`date-released` in CITATION.cff, run make all, then make release") from None
    today = datetime.datetime.now(datetime.timezone.utc).date()
    if day > today + datetime.timedelta(days=1):
        raise Refused(f"date-released {day} is after today ({today}): every citation of version "
                      f"{version} would name a day that has not come. Set `date-released` in "
                      "CITATION.cff to the day you release, run make all, then make release")
    for earlier in releases.earlier(found, version):
        try:
            before = datetime.date.fromisoformat(str(earlier.passages()["date"]))
        except (ValueError, OSError, LookupError, TypeError, frozen.NotFrozen):
            continue
        if day < before:
            raise Refused(f"date-released {day} is before {before}, the date of the released "
                          f"{earlier.version}: version {version} would look older than it. Set "
                          "`date-released` in CITATION.cff to the day you release, run make all, "
                          "then make release")


def plain(site: Path, name: str, path: Path) -> None:
    """Refuse a file a release must not hold: the build publishes each frozen file only under
    a plain name and never through a link (``frozen``), so neither is frozen."""
    if path.is_symlink():
        raise Refused(f"{path} is a symbolic link: a release holds the files the build wrote, "
                      "never what a link points at (it may be outside the site). Remove it (or "
                      f"what put it there, such as html_extra_path) from {site}, run make all, "
                      "then make release")
    if not path.is_file():
        raise Refused(f"{path} is not a regular file; remove it, run make all, then make release")
    if problem := frozen.name_problem(name):
        raise Refused(f"{problem}: a release can hold only plain file names; rename it in the "
                      "pages, run make all, then make release")


def freeze(site: Path, target: Path, sums: dict[str, str]) -> None:
    """Copy the site into ``target`` through a temporary folder: all of it, or nothing. Each
    file is read through no link and written only if it still has the checksum frozen."""
    temporary = target.with_name(f".{target.name}.partial")
    if temporary.is_symlink() or temporary.is_file():
        temporary.unlink()
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    for name in sums:
        try:
            data = frozen.read(site, name, sums[name])
        except frozen.NotFrozen as why:
            raise Refused(f"{site / name} changed while it was being frozen ({why}); run make "
                          "release again") from None
        path = temporary / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (temporary / releases.SUMS).write_text(checksums.sums_text(sums), encoding="utf-8")
    temporary.rename(target)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    site, folder, changes = (Path(os.path.normpath(a)) for a in argv[1:])
    found, problems = releases.find(folder)
    for problem in problems:
        print(f"release: warning: {problem}", file=sys.stderr)
    try:
        version, sums, new = check(site, found, changes)
        if not new:
            print(f"release: version {version} is already frozen in {folder / version} with "
                  "these very bytes; nothing to do")
            return 0
        if folder.is_symlink():
            raise Refused(f"{folder} is a symbolic link: make release writes only inside the "
                          "releases folder itself. Make it a folder (or set RELEASES to one)")
        if os.path.lexists(folder / version):
            raise Refused(f"{folder / version} exists but is not a frozen release of these "
                          "files; move it away, then run make release again")
        folder.mkdir(parents=True, exist_ok=True)
        freeze(site, folder / version, sums)
    except Refused as why:
        print(f"release: refused: {why}", file=sys.stderr)
        return 1
    size = sum((folder / version / n).stat().st_size for n in sums)
    print(f"release: version {version} frozen in {folder / version} ({len(sums)} files, "
          f"{size / 1e6:.1f} MB). Commit it, then make all publishes it under "
          f"editions/{version}/ of the site.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

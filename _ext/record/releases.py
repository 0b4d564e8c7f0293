"""Frozen releases: ``editions/<version>/`` holds one edition's website exactly as built.

Plain Python. The frozen folder is the HTML site of that version (its ``editions/`` has
the PDF and the ePub, its ``passages.json`` every passage), with a ``SHA256SUMS`` of
every file in it. Nothing here ever rewrites a frozen file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from publication.checksums import read_sums

from . import frozen

SUMS = "SHA256SUMS"
PASSAGES = "passages.json"
HISTORY = "passage-history.json"
UNUSABLE_CITATION = ".unusable-citation"
"""In the built site when its CITATION.cff could not be used (the build went on with the
project's or stand-in metadata): what was wrong, one line."""


@dataclass(frozen=True)
class Release:
    """One frozen release."""

    version: str
    folder: Path
    language: str = ""  # "es/": the translation's site frozen inside the release

    def translation(self, folder: str) -> Release | None:
        """The release as the site in ``folder`` (``es/``) published it, if it holds that site."""
        if not folder:
            return self
        if f"{folder}{PASSAGES}" not in self.sums():
            return None
        return Release(self.version, self.folder / folder, folder)

    @property
    def key(self) -> Version:
        return Version(self.version)

    def sums(self) -> dict[str, str]:
        """Every frozen file's SHA-256 by its name in this site (a translation's without its
        ``es/``: the release's one SHA256SUMS is at its top)."""
        if not self.language:
            return read_sums(self.folder / SUMS)
        top = self.folder.parents[self.language.count("/") - 1]
        return {name[len(self.language):]: digest for name, digest in read_sums(top / SUMS).items()
                if name.startswith(self.language)}

    def passages(self) -> dict[str, Any]:
        return json.loads(frozen.read(self.folder, PASSAGES).decode("utf-8"))

    def file(self, relative: str) -> Path:
        return self.folder / relative


def find(folder: Path) -> tuple[list[Release], list[str]]:
    """The frozen releases, oldest first, and a problem per folder that is not one."""
    releases, problems = [], []
    if not folder.is_dir():
        return [], []
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            Version(child.name)
        except InvalidVersion:
            problems.append(f"{child}: not a version number; a release folder is named "
                            "after its version (1.0.0)")
            continue
        if not (child / SUMS).is_file() or not (child / PASSAGES).is_file():
            problems.append(f"{child}: no {SUMS} or {PASSAGES}; make release writes both")
            continue
        releases.append(Release(child.name, child))
    return sorted(releases, key=lambda r: r.key), problems


def site_files(site: Path) -> dict[str, Path]:
    """The files of a built site that belong to its edition: not the published archives
    (``editions/<version>/``) nor hidden build files (``.buildinfo``). A symbolic link is
    listed, never followed: ``make release`` refuses it rather than freeze what it points at."""
    out = {}
    for top, folders, files in os.walk(site):
        here = Path(top)
        inside = here.relative_to(site)
        kept = []
        for name in folders:
            if name.startswith("."):
                continue
            if (here / name).is_symlink():
                out[(inside / name).as_posix()] = here / name
            elif inside.parts != ("editions",):
                kept.append(name)
        folders[:] = kept
        for name in files:
            if not name.startswith(".") and not is_left_page(here / name):
                out[(inside / name).as_posix()] = here / name
    return dict(sorted(out.items()))


LEFT_PAGE = b"<!-- record:left-page -->\n"
"""Ends the page the site writes at the address of a released page that left the build:
the site writes it anew each time, and no release holds it (frozen into 1.1, its link to
``editions/1.0/…`` would lead, from ``editions/1.1/``, nowhere)."""


def is_left_page(path: Path) -> bool:
    if path.suffix != ".html" or path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as file:
            file.seek(max(0, path.stat().st_size - len(LEFT_PAGE)))
            return file.read() == LEFT_PAGE
    except OSError:
        return False


def earlier(releases: list[Release], version: str) -> list[Release]:
    """The releases before ``version``, oldest first."""
    mine = Version(version)
    return [r for r in releases if r.key < mine]

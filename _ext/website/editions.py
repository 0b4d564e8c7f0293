"""The downloadable editions (PDF, ePub): find them, describe them, ship them with the site.

Plain Python. ``make all`` builds the PDF and the ePub before the HTML; the HTML build
copies them into ``editions/`` of the site with a ``SHA256SUMS`` file, so the links work
wherever the folder is served. A missing edition is simply not offered.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from publication.atomic import write_if_changed
from publication.checksums import human_size, sha256, sums_text

FOLDER = "editions"
SUMS = "SHA256SUMS"
KINDS = (("pdf", "PDF", "application/pdf"), ("epub", "ePub", "application/epub+zip"))


@dataclass(frozen=True)
class Edition:
    """One edition file as the site offers it."""

    kind: str
    label: str
    media_type: str
    source: Path
    size: int
    sha256: str

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def path(self) -> str:
        """Where it lives in the site, relative to the site's root."""
        return f"{FOLDER}/{self.name}"

    @property
    def human_size(self) -> str:
        return human_size(self.size)


def expected(editions_dir: Path, slug: str) -> list[tuple[str, str, str, Path]]:
    """Where ``make pdf`` and ``make epub`` put each edition: ``<dir>/<kind>/<slug>.<kind>``."""
    return [(kind, label, media, editions_dir / kind / f"{slug}.{kind}")
            for kind, label, media in KINDS]


def find(editions_dir: Path, slug: str) -> tuple[list[Edition], list[Path]]:
    """The editions that exist, and the paths of those that do not (yet)."""
    found, missing = [], []
    for kind, label, media, path in expected(editions_dir, slug):
        if path.is_file():
            found.append(Edition(kind, label, media, path, path.stat().st_size, sha256(path)))
        else:
            missing.append(path)
    return found, missing


def sums(editions: list[Edition]) -> str:
    """``sha256sum`` format, so ``sha256sum -c SHA256SUMS`` checks a download."""
    return sums_text({e.name: e.sha256 for e in editions})


def ship(editions: list[Edition], outdir: Path) -> None:
    """Copy each edition into ``outdir/editions/`` and write ``SHA256SUMS`` beside them."""
    folder = outdir / FOLDER
    for edition in editions:
        target = folder / edition.name
        if not (target.is_file() and sha256(target) == edition.sha256):
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(edition.source, target)
    # an earlier build's edition (another title, another file name) would be served, and
    # frozen by make release, as this edition's: only this build's are kept
    names = {edition.name for edition in editions}
    stale = [p for p in folder.iterdir() if p.suffix in (".pdf", ".epub") and p.name not in names
             and (p.is_symlink() or p.is_file())] if folder.is_dir() else []
    for path in stale:
        path.unlink()
    if editions:
        write_if_changed(folder / SUMS, sums(editions).encode())
    else:
        (folder / SUMS).unlink(missing_ok=True)

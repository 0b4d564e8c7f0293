"""The publication's metadata, read from ``CITATION.cff`` (the one place it is kept)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Metadata:
    """What every edition says about itself."""

    title: str
    authors: tuple[str, ...]
    version: str
    date_released: _dt.date
    license: str
    url: str
    abstract: str
    keywords: tuple[str, ...]

    @property
    def slug(self) -> str:
        """One file-name-safe name for the editions, e.g. ``smart-city-austin``."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "publication"

    @property
    def author(self) -> str:
        return ", ".join(self.authors)

    @property
    def source_date_epoch(self) -> int:
        """The release date as seconds since 1970, the default edition timestamp."""
        moment = _dt.datetime.combine(self.date_released, _dt.time(), tzinfo=_dt.timezone.utc)
        return int(moment.timestamp())


def _person(entry: dict) -> str:
    if "name" in entry:
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "family-names") if k in entry)


def load(path: Path) -> Metadata:
    """Read ``CITATION.cff``; raise ``ValueError`` naming the field when one is missing."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [k for k in ("title", "authors", "version", "date-released", "url") if k not in data]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    released = data["date-released"]
    if isinstance(released, str):
        released = _dt.date.fromisoformat(released)
    return Metadata(
        title=str(data["title"]),
        authors=tuple(_person(a) for a in data["authors"]),
        version=str(data["version"]),
        date_released=released,
        license=str(data.get("license", "")),
        url=str(data["url"]),
        abstract=" ".join(str(data.get("abstract", "")).split()),
        keywords=tuple(str(k) for k in data.get("keywords", ())),
    )

"""The publication's metadata, read from ``CITATION.cff`` (the one place it is kept).

Plain Python, no Sphinx: ``conf.py``, the citation extension and the PDF builder all
read the same :class:`Metadata`. ``load`` checks the file against the Citation File
Format 1.2.0 schema first, so a typo fails every build with the field it concerns.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SCHEMA = Path(__file__).with_name("cff-1.2.0.schema.json")
REQUIRED = ("title", "authors", "version", "date-released", "url")


class _Loader(yaml.SafeLoader):
    """YAML without timestamps: dates stay text, so the schema (not PyYAML) judges them."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class InvalidCitation(ValueError):
    """``CITATION.cff`` cannot be used; the message names the file and each bad field."""


@dataclass(frozen=True)
class Place:
    """Where an author entity is, for the publisher's place in a citation."""

    city: str = ""
    region: str = ""

    def __str__(self) -> str:
        return ", ".join(p for p in (self.city, self.region) if p)


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
    doi: str = ""
    report_number: str = ""
    place: Place = Place()
    author_parts: tuple[tuple[str, str], ...] = ()
    """``(family, given)`` of each author in order; ``("", "")`` for an organisation."""

    @property
    def slug(self) -> str:
        """One file-name-safe name for the editions, e.g. ``smart-city-austin``."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "publication"

    @property
    def author(self) -> str:
        return ", ".join(self.authors)

    @property
    def publisher(self) -> str:
        """The first author: the City publishes what it writes."""
        return self.authors[0] if self.authors else ""

    @property
    def source_date_epoch(self) -> int:
        """The release date as seconds since 1970, the default edition timestamp."""
        moment = _dt.datetime.combine(self.date_released, _dt.time(), tzinfo=_dt.timezone.utc)
        return int(moment.timestamp())

    @property
    def identifier(self) -> str:
        """The one identifier to print: the DOI as a URL when there is one, else the URL."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def license_url(self) -> str:
        """A link to the license text, for readers and for machine-readable metadata."""
        return license_url(self.license)

    @property
    def citation_apa(self) -> str:
        """The whole publication in APA 7, as plain text (colophons, PDF, ePub)."""
        from citation.citations import apa, plain
        return plain(apa(self))


def license_url(spdx: str) -> str:
    """The canonical page of an SPDX license id; Creative Commons ids get their deed."""
    match = re.fullmatch(r"CC-(BY(?:-[A-Z]+)*)-(\d\.\d)", spdx or "")
    if match:
        return f"https://creativecommons.org/licenses/{match[1].lower()}/{match[2]}/"
    if spdx == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://spdx.org/licenses/{spdx}.html" if spdx else ""


def _person(entry: dict) -> str:
    if "name" in entry:
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "family-names") if k in entry)


def _as_json(value: Any) -> Any:
    """YAML dates become strings, as the CFF schema expects (its note to implementers)."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def _field(path: Any) -> str:
    """``authors[0].email`` from a jsonschema path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _closest(error: Any) -> Any:
    """For "valid under none of anyOf": the error of the branch that came closest.

    An author that is an entity fails the person branch on ``name`` and the entity branch
    on the real mistake; the branch with the fewest errors is the one the writer meant.
    """
    from jsonschema.exceptions import best_match

    while error.context:
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        error = best_match(min(branches.values(), key=len))
    return error


def schema_problems(data: Any) -> list[str]:
    """Every way ``data`` breaks the CFF 1.2.0 schema, one line each, naming the field."""
    import jsonschema

    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    problems = []
    for error in sorted(validator.iter_errors(_as_json(data)), key=lambda e: list(map(str, e.path))):
        detail = _closest(error)
        problems.append(f"{_field(detail.absolute_path)}: {detail.message}")
    return problems


def check(data: Any, path: Path) -> None:
    """Raise :class:`InvalidCitation` listing every schema problem and missing field."""
    problems = [] if isinstance(data, dict) else [f"(top level): expected `key: value` lines, "
                                                    f"not {type(data).__name__}"]
    if not problems:
        problems = schema_problems(data)
        problems += [f"{key}: required by the publication (every edition prints it)"
                     for key in REQUIRED if key not in data]
        problems += _preferred_citation_drift(data)
    if problems:
        raise InvalidCitation(f"{path} is not valid Citation File Format 1.2.0:\n"
                              + "\n".join(f"  - {p}" for p in problems))


def _license(value: Any) -> str:
    """CFF allows a list of SPDX ids (a choice of licenses): keep them all."""
    return " OR ".join(map(str, value)) if isinstance(value, list) else str(value or "")


def _preferred_citation_drift(data: dict) -> list[str]:
    """``preferred-citation`` repeats title, authors and url: they must not drift apart."""
    preferred = data.get("preferred-citation")
    if not isinstance(preferred, dict):
        return []
    return [f"preferred-citation.{key}: differs from the top-level `{key}`; make them equal"
            for key in ("title", "authors", "url") if key in preferred and key in data
            and _as_json(preferred[key]) != _as_json(data[key])]


def _identifier(data: dict, kind: str, words: str = "") -> str:
    for entry in data.get("identifiers") or ():
        if entry.get("type") == kind and words in str(entry.get("description", "")).lower():
            return str(entry.get("value", ""))
    return ""


def load(path: Path) -> Metadata:
    """Read and schema-check ``CITATION.cff``; raise :class:`InvalidCitation` naming the field."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as err:
        raise InvalidCitation(f"{path} is not valid YAML: {err}") from None
    check(data, path)
    try:
        released = _dt.date.fromisoformat(str(data["date-released"]))
    except ValueError:
        raise InvalidCitation(f"{path}: date-released: {data['date-released']!r} is not a day "
                              "of the calendar; write it as YYYY-MM-DD") from None
    first = data["authors"][0]
    return Metadata(
        title=str(data["title"]),
        authors=tuple(_person(a) for a in data["authors"]),
        version=str(data["version"]),
        date_released=released,
        license=_license(data.get("license", "")),
        url=str(data["url"]),
        abstract=" ".join(str(data.get("abstract", "")).split()),
        keywords=tuple(str(k) for k in data.get("keywords", ())),
        doi=str(data.get("doi") or _identifier(data, "doi")),
        report_number=_identifier(data, "other", "report number"),
        place=Place(str(first.get("city", "")), str(first.get("region", ""))),
        author_parts=tuple(("", "") if "name" in a else
                           (str(a.get("family-names", "")), str(a.get("given-names", "")))
                           for a in data["authors"]),
    )


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension (``extensions = ["publication", ...]``): see :mod:`.glue`."""
    from .glue import setup as setup_glue

    return setup_glue(app)

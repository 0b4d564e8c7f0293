"""The publication's metadata, read from ``CITATION.cff`` (the one place it is kept).

Plain Python, no Sphinx: ``conf.py``, the citation extension and the PDF builder all
read the same :class:`Metadata`. ``load`` checks the file against the Citation File
Format 1.2.0 schema first, so a typo fails every build with the field it concerns.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
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
    """``CITATION.cff`` cannot be used; the message names the file and each bad field
    (``line``: where the YAML could not be read, when that is why)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Place:
    """Where an author entity is, for the publisher's place in a citation."""

    city: str = ""
    region: str = ""

    def __str__(self) -> str:
        return ", ".join(p for p in (self.city, self.region) if p)


SLUG_LIMIT = 80
"""The longest slug: the editions' files add to it (``-<lang>``, ``.pages.json``, a dot in
front of a file being written, ``typst-…json``) and a file name holds 255 bytes."""


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

    def __post_init__(self) -> None:
        """A right-to-left override the title, abstract or an author's name leaves open
        (U+202E) closed where it ends, in every edition alike: the site closed the title's,
        the ePub's ``dc:title`` and ``toc.ncx`` did not, and turned what followed around."""
        from pagesource.titles import bidi_closers

        for name in ("title", "abstract"):
            value = getattr(self, name)
            if closing := bidi_closers(value):
                object.__setattr__(self, name, value + closing)
        if any(bidi_closers(author) for author in self.authors):
            object.__setattr__(self, "authors", tuple(a + bidi_closers(a) for a in self.authors))

    @property
    def slug(self) -> str:
        """One file-name-safe name for the editions, e.g. ``smart-city-austin``: the title's
        first words up to ``SLUG_LIMIT`` characters (a long title's whole slug made file
        names past the 255 bytes a disk holds, and every edition stopped)."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")
        if len(slug) > SLUG_LIMIT:
            cut = slug[:SLUG_LIMIT + 1]
            slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_LIMIT]
        return slug or "publication"

    @property
    def book_id(self) -> str:
        """The slug as an XML name, which the ePub's unique identifier must be.

        An XML name cannot start with a digit: a title like "18F Content Guide" gave
        ``18f-content-guide`` and an ePub that EPUBCheck refused.
        """
        return self.slug if self.slug[0].isalpha() else f"book-{self.slug}"

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
    def version_path(self) -> str:
        """Where the site keeps this version for good: ``editions/<version>/``.

        ``make release`` freezes a version and every later site publishes it there; the
        site's own address is always the latest version.
        """
        return f"editions/{self.version}/"

    @property
    def version_url(self) -> str:
        """``<url>editions/<version>/``: this version's permanent address."""
        return f"{self.url.rstrip('/')}/{self.version_path}"

    @property
    def cited_url(self) -> str:
        """What a citation of this version links: its DOI when it has one, else version_url."""
        return f"https://doi.org/{self.doi}" if self.doi else self.version_url

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
    named = " ".join(str(entry[k]) for k in ("given-names", "family-names") if k in entry)
    return named or str(entry.get("alias", ""))  # a person known by an alias only


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


_URL = re.compile(r"https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+", re.ASCII)
_URL_KEYS = {"url", "repository", "repository-code", "repository-artifact", "license-url"}
_MULTI_LINE_KEYS = {"abstract", "message"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Controls, lone surrogates and U+FFFE/U+FFFF: characters XML forbids (a title holding
one, YAML's ``\\uFFFE``, made the ePub's ``content.opf`` and ``toc.ncx`` no XML)."""
_LINE_BREAK = re.compile(r"[\n\r\t]")
ZIP_YEARS = (1980, 2107)
"""The years a zip file (the ePub) can date its entries with."""


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Any:
    """Every ``(path, text)`` in the data, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def version_problem(version: str) -> str | None:
    """Why ``version`` cannot name a release, or ``None``. Releases are kept in
    ``editions/<version>/`` and ordered as Python orders versions (PEP 440): ``Spring 2024``
    stopped the website's build with a traceback, and ``../../x`` named a folder outside
    the releases."""
    from packaging.version import InvalidVersion, Version

    try:
        Version(version)
    except InvalidVersion:
        pass
    else:
        if version == version.strip():
            return None
    return ("is not a version number (releases are kept in editions/<version>/ and ordered "
            "by it); write it as numbers and dots, e.g. \"1.2.0\" or \"2024.1\"")


def safety_problems(data: dict) -> list[str]:
    """What the schema lets through but would corrupt an edition or a citation file.

    The schema's patterns are searched with ``$``, which matches before a final line break,
    and its ``format: uri`` is not checked at all: a ``url`` with a line break wrote
    ``Disallow: /`` into robots.txt and split RIS records. Numbers that YAML reads
    (``version: 1.10`` is 1.1), authors without a printable name, and release dates a zip
    file cannot hold are refused too.
    """
    problems = []
    for path, text in _strings(data):
        key = str(path[-1]) if path else ""
        where = _field(path)
        if _CONTROL.search(text) or (key not in _MULTI_LINE_KEYS and _LINE_BREAK.search(text)):
            problems.append(f"{where}: has a line break or control character; write it on one line")
        elif key in _URL_KEYS and not _URL.fullmatch(text):
            problems.append(f"{where}: {text!r} is not an http(s) address without spaces")
    version = data.get("version")
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        problems.append(f"version: YAML read the number {version}; write the version in quotes "
                        "(`version: \"1.10\"`: unquoted, 1.10 is the number 1.1)")
    elif isinstance(version, str) and (why := version_problem(version)):
        problems.append(f"version: {version[:80]!r} {why}")
    for index, author in enumerate(data.get("authors") or ()):
        if isinstance(author, dict) and not any(author.get(k) for k in
                                                ("name", "family-names", "given-names", "alias")):
            problems.append(f"authors[{index}]: has no name; give `name` (an organisation) "
                            "or `given-names` and `family-names`")
    released = str(data.get("date-released", ""))
    if re.fullmatch(r"\d{4}-\d\d-\d\d", released) and not ZIP_YEARS[0] <= int(released[:4]) <= ZIP_YEARS[1]:
        problems.append(f"date-released: {released} is outside {ZIP_YEARS[0]}-{ZIP_YEARS[1]}, the "
                        "dates an ePub (a zip file) can hold")
    return problems


def check(data: Any, path: Path, schema_passed: bool = False) -> None:
    """Raise :class:`InvalidCitation` listing every schema problem and missing field
    (``schema_passed``: this very text passed the schema before, see :func:`load`)."""
    problems = [] if isinstance(data, dict) else [f"(top level): expected `key: value` lines, "
                                                    f"not {type(data).__name__}"]
    if not problems:
        problems = [] if schema_passed else schema_problems(data)
        problems += [f"{key}: required by the publication (every edition prints it)"
                     for key in REQUIRED if key not in data]
        problems += _preferred_citation_drift(data)
        problems += safety_problems(data)
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


MEMO_FORMAT = "1"
"""Part of what :func:`load`'s memo remembers: bumped if what passing the schema means changes."""


def schema_digest(text: str) -> str:
    """What a text that passed the schema is remembered by: the schema and the text."""
    digest = hashlib.sha256(f"{MEMO_FORMAT}\0".encode())
    digest.update(SCHEMA.read_bytes())
    digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


MEMO_KEEPS = 16
"""How many passed texts a memo remembers (the latest first): one per publication it serves."""


def _remembered(memo: Path) -> list[str]:
    try:
        return memo.read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return []


def _remember(memo: Path, digest: str) -> None:
    from .atomic import write_atomically

    kept = [digest, *(d for d in _remembered(memo) if d != digest)][:MEMO_KEEPS]
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(memo, "".join(f"{d}\n" for d in kept).encode("ascii"), durable=False)
    except OSError:
        pass  # not remembered: the next build checks the schema again


def load(path: Path, memo: Path | None = None) -> Metadata:
    """Read and schema-check ``CITATION.cff``; raise :class:`InvalidCitation` naming the field.

    ``memo`` is a file that remembers the last texts that passed the schema (a build keeps
    it with the installation: :func:`publication.glue.schema_memo`): the same text is not
    checked against the schema again, which spares every build, clean or not, jsonschema's
    import and check (~50 ms in each language's process). Every other check runs.
    """
    from pagesource import MAX_VALUES, expanded_size

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidCitation(f"{path} cannot be read ({err}); the publication's metadata lives "
                              "there: restore it, saved as UTF-8") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is not None and expanded_size(node, MAX_VALUES) > MAX_VALUES:
            raise InvalidCitation(f"{path}: its aliases (`*name`) expand to more than "
                                  f"{MAX_VALUES:,} values; write the values out")
        data = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(err, "problem", None) or str(err)
        raise InvalidCitation(f"{path} is not valid YAML (line {line}: {what}); write one "
                              "`key: value` per line, quoting values with `:`, `[` or `#`",
                              line) from None
    digest = schema_digest(text) if memo is not None else ""
    passed = memo is not None and digest in _remembered(memo)
    check(data, path, schema_passed=passed)
    try:
        released = _dt.date.fromisoformat(str(data["date-released"]))
    except ValueError:
        raise InvalidCitation(f"{path}: date-released: {data['date-released']!r} is not a day "
                              "of the calendar; write it as YYYY-MM-DD") from None
    first = data["authors"][0]
    meta = Metadata(
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
    if memo is not None and not passed:
        _remember(memo, digest)
    return meta


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension (``extensions = ["publication", ...]``): see :mod:`.glue`."""
    from .glue import setup as setup_glue

    return setup_glue(app)

"""One model of a page's source file, read once per build: text, front matter, problems.

Plain Python, no Sphinx. Page order, redirects, the Jekyll pages and ``make check`` all
read a page through :func:`read` (cached by path, modification time and size), so a file
is decoded and its YAML parsed once, with one loader and one set of rules:

- UTF-8; a byte order mark is dropped; a bad byte becomes U+FFFD and a problem with its line;
- front matter is the YAML between a first line ``---`` and the next ``---`` or ``...``;
- dates stay text (``date: 2019-02-30`` is Jekyll's business, see :mod:`.dates`), but an
  impossible YAML date makes the front matter invalid, as PyYAML would say;
- libyaml when PyYAML has it (ten times faster), PyYAML's own words for an error.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_FAST = getattr(yaml, "CSafeLoader", None)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Kind(enum.Enum):
    """What can be wrong with a page's source before anyone reads its meaning."""

    ENCODING = "encoding"
    """The file is not UTF-8; undecodable bytes were replaced."""

    YAML = "yaml"
    """The front matter is not valid YAML, or is never closed."""

    NOT_MAPPING = "not-mapping"
    """The front matter is valid YAML but not a ``key: value`` mapping."""


@dataclass(frozen=True)
class Problem:
    """One problem in a page's source, with the 1-based line it concerns."""

    kind: Kind
    line: int
    message: str


def _text_timestamp(loader: Any, node: yaml.ScalarNode) -> str:
    """A YAML date as the text that was written; an impossible one still fails the YAML."""
    yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # ValueError: `date: 2019-13-45`
    return node.value


def _loader(base: type) -> type:
    loader = type(f"Text{base.__name__}", (base,), {})
    loader.add_constructor(_TIMESTAMP, _text_timestamp)
    return loader


_LOADERS = tuple(_loader(base) for base in (_FAST, yaml.SafeLoader) if base is not None)


def load_yaml(source: str) -> tuple[Any, Any]:
    """``(node tree, data)`` of one YAML document, dates as text; raises YAMLError/ValueError.

    Parsed once: the node tree knows each key's line. An error is raised by PyYAML's own
    loader, whose message and line are the ones people know.
    """
    for i, loader_class in enumerate(_LOADERS):
        try:
            return _load_with(loader_class, source)
        except yaml.YAMLError:
            if i == len(_LOADERS) - 1:
                raise
    raise AssertionError("unreachable")


def _load_with(loader_class: type, source: str) -> tuple[Any, Any]:
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


@dataclass(frozen=True)
class PageSource:
    """A page's source as read: its text and lines, front matter, and what was wrong."""

    text: str
    lines: tuple[str, ...]
    data: dict[str, Any] = field(default_factory=dict)
    """The front matter (``{}`` when there is none or it cannot be read)."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """The 1-based line of each top-level front-matter key."""
    body_start: int = 0
    """The index in :attr:`lines` of the first line after the front matter."""
    problems: tuple[Problem, ...] = ()
    closed: bool = False
    """The page has front matter with its closing line."""

    @property
    def front_matter_valid(self) -> bool:
        """False when the front matter is broken YAML or no mapping (``data`` may be partial)."""
        return not any(p.kind is not Kind.ENCODING for p in self.problems)

    @property
    def body_offset(self) -> int:
        """The character offset in :attr:`text` where the body begins."""
        return sum(len(line) for line in self.text.splitlines(keepends=True)[:self.body_start])


def decode(raw: bytes) -> tuple[str, list[Problem]]:
    """The text of a file: UTF-8 without byte order mark; a bad byte is replaced and located."""
    problems: list[Problem] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        problems.append(Problem(
            Kind.ENCODING, line,
            f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be read); "
            "save it as UTF-8 in your editor",
        ))
        text = raw.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff"), problems


def parse(text: str, problems: list[Problem] | None = None) -> PageSource:
    """The :class:`PageSource` of a page's text (already decoded)."""
    problems = list(problems or ())
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return PageSource(text, tuple(lines), problems=tuple(problems))
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(Kind.YAML, 1, "the front matter that starts here is never closed; "
                                "add a line `---` after it"))
        return PageSource(text, tuple(lines), body_start=len(lines), problems=tuple(problems))
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    try:
        node, value = load_yaml("\n".join(lines[1:end]))
    except (yaml.YAMLError, ValueError) as err:  # ValueError: `date: 2019-13-45`
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = 2 + (mark.line if mark else 0)
        reason = getattr(err, "problem", None) or str(err) or "it cannot be read"
        problems.append(Problem(Kind.YAML, line, f"the front matter is not valid YAML ({reason}); "
                                "write one `key: value` per line"))
        if isinstance(err, ValueError):
            data, key_lines = _without_dates(lines[1:end])
    else:
        if isinstance(value, dict):
            data, key_lines = value, _key_lines(node)
        elif value is not None:
            problems.append(Problem(Kind.NOT_MAPPING, 2, "the front matter must be `key: value` "
                                    f"lines, not a {type(value).__name__}"))
    return PageSource(text, tuple(lines), data, key_lines, end + 1, tuple(problems), closed=True)


class _NoDates(yaml.SafeLoader):
    """Every date as text, even an impossible one (for readers that need only other keys)."""


_NoDates.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _key_lines(node: Any) -> dict[str, int]:
    return {key.value: 2 + key.start_mark.line for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)}


def _without_dates(lines: list[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """The front matter of a page whose only YAML error is an impossible date (still invalid)."""
    try:
        node, value = _load_with(_NoDates, "\n".join(lines))
    except (yaml.YAMLError, ValueError):
        return {}, {}
    return (value, _key_lines(node)) if isinstance(value, dict) else ({}, {})


_CACHE: dict[tuple[str, int, int], PageSource] = {}
_CACHE_SIZE = 4096


def read(path: Path | str) -> PageSource:
    """The :class:`PageSource` of a file, read once per version of it (path, mtime, size).

    A file that cannot be read is an empty page with no front matter.
    """
    try:
        stat = os.stat(path)
    except OSError:
        return parse("")
    key = (os.fspath(path), stat.st_mtime_ns, stat.st_size)
    found = _CACHE.get(key)
    if found is None:
        try:
            raw = Path(path).read_bytes()
        except OSError:
            return parse("")
        text, problems = decode(raw)
        found = parse(text, problems)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = found
    return found

"""Read what ordering needs from a Markdown page: front matter and first heading.

Plain Python with no Sphinx import, so it can be tested and reused (a quick checker,
the benchmark) without a build. Every problem keeps the line it was found on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fences import outside_fences
from .problems import Kind, Problem

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Page:
    """What one source page says about its place in the publication."""

    docname: str
    title: str | None = None
    position: int | None = None
    published: bool = True
    title_line: int = 1
    position_line: int = 1
    problems: tuple[Problem, ...] = field(default=())
    redirect: bool = False  # a Jekyll redirect page: a chapter only as a section's landing
    landing_problems: tuple[Problem, ...] = field(default=())  # reported if it lands a section

    @property
    def sort_title(self) -> str:
        """The title used for tie-breaks; the file name when there is no title."""
        return (self.title or self.docname.rsplit("/", 1)[-1]).casefold()


def read_page(docname: str, path: Path) -> Page:
    """Read ``path`` and return its :class:`Page`; never raises for bad content."""
    problems: list[Problem] = []
    text = _decode(path.read_bytes(), problems)
    if not text.strip():
        problems.append(Problem(Kind.EMPTY, 1, "the page is empty; give it front matter with "
                                "`title:` and `position:` and some text"))
        return Page(docname, problems=tuple(problems))

    lines = text.splitlines()
    data, keylines, body_start = _front_matter(lines, problems)
    # A redirect page is no chapter, unless it lands a section (Jekyll's `folder.md` that
    # redirects to its first page): then its title and position name and order the section.
    redirect = is_redirect(data)
    own: list[Problem] = [] if redirect else problems
    title, title_line = _title(data, keylines, lines, body_start, own)
    position, position_line = _position(data, keylines, own)
    published = _published(data, keylines, own)
    return Page(docname, title, position, published, title_line, position_line, tuple(problems),
                redirect=redirect, landing_problems=tuple(own) if redirect else ())


def front_matter_of(text: str) -> tuple[dict[str, Any], dict[str, int], int]:
    """``(data, line of each key, index of the first body line)`` of a page's text; never raises."""
    return _front_matter(text.removeprefix("\ufeff").splitlines(), [])


def is_redirect(data: Mapping[str, Any]) -> bool:
    """A Jekyll redirect page (``redirect_to:`` or ``layout: redirect``): kept out of the outline."""
    return bool(data.get("redirect_to")) or str(data.get("layout", "")).strip().lower() == "redirect"


def _decode(raw: bytes, problems: list[Problem]) -> str:
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
    return text.removeprefix("\ufeff")


def _front_matter(lines: list[str], problems: list[Problem]) -> tuple[dict[str, Any], dict[str, int], int]:
    """Parse the YAML between the leading ``---`` lines: (data, line of each key, body start)."""
    if not lines or lines[0].rstrip() != "---":
        return {}, {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(Kind.YAML, 1, "the front matter that starts here is never closed; "
                                "add a line `---` after it"))
        return {}, {}, len(lines)
    source = "\n".join(lines[1:end])
    try:
        node, data = _parse_yaml(source)
    except (yaml.YAMLError, ValueError) as err:  # ValueError: `date: 2019-13-45`
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = 2 + (mark.line if mark else 0)
        reason = getattr(err, "problem", None) or str(err) or "it cannot be read"
        problems.append(Problem(Kind.YAML, line, f"the front matter is not valid YAML ({reason}); "
                                "write one `key: value` per line"))
        return {}, {}, end + 1
    if data is None:
        return {}, {}, end + 1
    if not isinstance(data, dict):
        problems.append(Problem(Kind.NOT_MAPPING, 2, "the front matter must be `key: value` lines, "
                                f"not a {type(data).__name__}"))
        return {}, {}, end + 1
    keylines = {
        key.value: 2 + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return data, keylines, end + 1


def _parse_yaml(source: str) -> tuple[Any, Any]:
    """Parse once: the node tree (it knows each key's line) and the data built from it.

    libyaml's loader when PyYAML has it: ten times faster, so `make check` reads a
    thousand pages in well under a second.
    """
    try:
        return _load_with(_LOADER, source)
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
    return _load_with(yaml.SafeLoader, source)  # rare: PyYAML's own words and line for the error


def _load_with(loader_class: type, source: str) -> tuple[Any, Any]:
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _title(data: dict[str, Any], keylines: dict[str, int], lines: list[str], body_start: int,
           problems: list[Problem]) -> tuple[str | None, int]:
    if "title" in data:
        value = data["title"]
        line = keylines.get("title", 1)
        if isinstance(value, (dict, list)) or value is None or str(value).strip() == "":
            problems.append(Problem(Kind.TITLE_INVALID, line,
                                    "`title` must be text, e.g. `title: Parking sensors`"))
        else:
            return str(value).strip(), line
    heading = _first_heading(lines, body_start)
    if heading:
        return heading
    if "title" not in data:
        problems.append(Problem(Kind.TITLE_MISSING, 1, "the page has no title; add `title: ...` "
                                "to its front matter or start it with a `# Heading`"))
    return None, 1


def _first_heading(lines: list[str], start: int) -> tuple[str, int] | None:
    for i in outside_fences(lines, start):
        line = lines[i]
        if (match := _ATX_HEADING.match(line)) and match.group(1).strip():
            return match.group(1).strip(), i + 1
        if (line.strip() and i + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[i + 1])
                and not line.startswith((" " * 4, "\t", ">", "-", "*", "+"))):
            return line.strip(), i + 1
    return None


def _position(data: dict[str, Any], keylines: dict[str, int],
              problems: list[Problem]) -> tuple[int | None, int]:
    if "position" not in data:
        return None, 1
    value = data["position"]
    line = keylines.get("position", 1)
    if isinstance(value, int) and not isinstance(value, bool):
        return value, line
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(value), line
    problems.append(Problem(
        Kind.POSITION_INVALID, line,
        f"`position: {_show(value)}` is not a whole number; write e.g. `position: 3` "
        "(smaller numbers come first, negatives allowed)",
    ))
    return None, line


def _published(data: dict[str, Any], keylines: dict[str, int], problems: list[Problem]) -> bool:
    value = data.get("published", True)
    if isinstance(value, bool):
        return value
    problems.append(Problem(Kind.PUBLISHED_INVALID, keylines.get("published", 1),
                            f"`published: {_show(value)}` must be `true` or `false`; "
                            "the page is published"))
    return True


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)

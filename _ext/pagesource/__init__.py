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

import datetime as dt
import enum
import hashlib
import json
import os
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

import yaml

from . import lenient_utf8

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

    NOT_FIRST = "front-matter-not-first"
    """A front matter that does not start on line 1 with a line of only ``---`` (a word or
    a blank line above it): Jekyll did not read it, and its ``key: value`` lines are text."""

    CONFLICT = "merge-conflict"
    """The file holds an unresolved Git merge conflict: both versions of the text, and the
    ``<<<<<<<``/``=======``/``>>>>>>>`` lines that garble it (one is a quote, one a heading
    rule)."""

    DUPLICATE_KEY = "duplicate-key"
    """A top-level key written twice (a copied page given a new ``title:`` above its old
    one): YAML, and Jekyll, read the last; the first value's words are in no edition."""

    KEY_TYPED = "key-typed"
    """A key pasted from a word processor: a non-breaking or zero-width space before its
    colon, or curly quotes around it (``title\u00a0:``, ``“title”:``). YAML read another
    key, so the page lost its title and place; it is read as the key it shows."""


@dataclass(frozen=True)
class Problem:
    """One problem in a page's source, with the 1-based line it concerns."""

    kind: Kind
    line: int
    message: str
    read_anyway: bool = False
    """The front matter was still read as its writer meant it (a value's colon quoted)."""


def _text_timestamp(loader: Any, node: yaml.ScalarNode) -> str:
    """A YAML date as the text that was written; an impossible one still fails the YAML."""
    yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # ValueError: `date: 2019-13-45`
    return node.value


_STR = "tag:yaml.org,2002:str"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_text(loader: Any, node: yaml.ScalarNode) -> str:
    """A YAML string as whole characters: ``"\\ud83d\\ude80"`` (JSON's way to write an
    emoji) is the one character it stands for. Half of one can be written to no file (every
    edition stopped on it), so it is refused with its line, like any YAML error."""
    value = loader.construct_scalar(node)
    if not _SURROGATE.search(value):
        return value
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        raise yaml.constructor.ConstructorError(
            None, None, "a \\u escape here is half of a character (a lone UTF-16 surrogate); "
            "write the character itself", node.start_mark) from None


def whole_text_loader(base: type) -> type:
    """``base`` (a safe YAML loader) whose strings are whole characters (:func:`_whole_text`)."""
    loader = type(f"WholeText{base.__name__}", (base,), {})
    loader.add_constructor(_STR, _whole_text)
    return loader


def _loader(base: type) -> type:
    loader = type(f"Text{base.__name__}", (whole_text_loader(base),), {})
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
        except TooLarge:
            raise
        except yaml.YAMLError:
            if i == len(_LOADERS) - 1:
                raise
    raise AssertionError("unreachable")


MAX_BYTES = 64 * 1024
"""Front matter longer than this is refused (a page's is a few hundred bytes)."""
MAX_VALUES = 10_000
"""Front matter whose aliases (``*name``) expand to more values than this is refused: a few
lines of anchors can stand for billions of values (an "alias bomb"), which every reader
that walks the data (MyST, a message quoting a value) would spend minutes or memory on."""


_MAX_DIGITS = 4300
"""Python's limit on the digits of a number read from text (``sys.get_int_max_str_digits``)."""
_LONG_NUMBER = re.compile(r"\d{%d}" % (_MAX_DIGITS + 1))

_YAML_IN_PLAIN_WORDS = (
    # (what PyYAML's problem starts with, what it means to someone writing a page)
    ("expected ',' or ']'", "a `[` on this line or above is never closed: put a value that "
     "starts with `[` in quotes"),
    ("expected ',' or '}'", "a `{` on this line or above is never closed: put a value that "
     "starts with `{` in quotes"),
    ("found character '\\t'", "a tab indents this line: indent with spaces"),
    ("found character '@'", "a value cannot start with `@`: put it in quotes"),
    ("found character '`'", "a value cannot start with `` ` ``: put it in quotes"),
    ("found character '%'", "a value cannot start with `%`: put it in quotes"),
    ("expected alphabetic or numeric character", "a value that starts with `*` or `&` is read as a "
     "YAML reference: put it in quotes"),
    ("found undefined alias", "a value that starts with `*` is read as a YAML reference: put it "
     "in quotes"),
    ("found unexpected end of stream", "a quote is opened and never closed: close it on the same line"),
    ("found unknown escape character", "a `\\` inside double quotes starts no escape YAML knows: "
     "use single quotes around the value"),
    ("mapping values are not allowed here", "this line has a `: ` where no new key can start (a "
     "value holding `: `, or a line indented more than the key above it): put the value in quotes, "
     "or start the key at the margin"),
    ("could not find expected ':'", "this line is not `key: value`: add the `: ` after its key"),
    ("expected <block end>", "this line is indented differently from the keys above it, or a "
     "quote in a value ends it early: start each key at the margin and put a value holding "
     "quotes in other quotes"),
)


def yaml_in_plain_words(error: BaseException) -> str:
    """What a YAML error means and what to do, for city staff: PyYAML says `expected <block
    end>, but found '<scalar>'`, which names the parser's tokens, not the mistake."""
    problem = getattr(error, "problem", None) or (str(error).splitlines() or [""])[0]
    for start, words in _YAML_IN_PLAIN_WORDS:
        if problem.startswith(start):
            return words
    if "must be in" in problem or "out of range" in problem:  # `date: 2019-13-45`
        return (f"a date is no day of the calendar ({_DATE_IN_PLAIN_WORDS.get(problem, problem)}): "
                "correct the month or day, or put the value in quotes to keep it as text")
    return problem or "it cannot be read"


_DATE_IN_PLAIN_WORDS = {
    "month must be in 1..12": "its month is not 1 to 12",
    "day is out of range for month": "its day is past the end of its month",
    "year 0 is out of range": "its year is 0",
}
"""Python's words for an impossible date, which staff would read as a program's (a date
already written as YYYY-MM-DD was told to write it so)."""


MAX_DEPTH = 50
"""Front matter nested deeper than this is refused: PyYAML builds the data by recursion, and
``[[[[…`` a few thousand deep stopped every build and ``make check`` with a RecursionError."""


class TooLarge(yaml.YAMLError):
    """The front matter is valid YAML but too large to be read safely."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


def expanded_size(node: Any, limit: int) -> int:
    """How many nodes the tree has with every alias written out (counting stops past ``limit``)."""
    sizes: dict[int, int] = {}

    def size(item: Any) -> int:
        if id(item) in sizes:
            return sizes[id(item)]
        sizes[id(item)] = limit + 1  # a cycle (an alias inside its own anchor) never ends
        children = (item.value if isinstance(item, yaml.SequenceNode) else
                    [part for pair in item.value for part in pair] if isinstance(item, yaml.MappingNode)
                    else [])
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                break
        sizes[id(item)] = total
        return total

    return size(node)


def check_depth(loader_class: type, source: str) -> None:
    """Raise :class:`TooLarge` at the first collection nested deeper than :data:`MAX_DEPTH`.

    The cheap bound (brackets, list dashes, indentation) lets almost every page skip the
    scan; the scan reads PyYAML's events, whose parser keeps its own stack (no recursion)."""
    bound = (source.count("[") + source.count("{") + source.count("- ") + source.count("? ")
             + max((len(line) - len(line.lstrip(" ")) for line in source.splitlines()), default=0))
    if bound <= MAX_DEPTH:
        return
    depth = 0
    loader = loader_class(source)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TooLarge(f"it is nested more than {MAX_DEPTH} levels deep; keep the "
                                   "front matter to a few `key: value` lines", event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _load_with(loader_class: type, source: str) -> tuple[Any, Any]:
    if len(source.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise TooLarge(f"it is longer than {MAX_BYTES // 1024} KB; keep the front matter to "
                       "a few `key: value` lines")
    check_depth(loader_class, source)
    loader = loader_class(source)
    try:
        node = loader.get_single_node()
        if node is not None and "*" in source and expanded_size(node, MAX_VALUES) > MAX_VALUES:
            raise TooLarge(f"its aliases (`*name`) expand to more than {MAX_VALUES:,} values; "
                           "write the values out instead of repeating anchors", node.start_mark)
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

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled without :attr:`lines`, which are always the text's lines: the sources a
        build keeps for the next (:func:`keep`) are half the size (6 → 3 MB at 1,000 pages)."""
        return (_page_source, (self.text, self.data, self.key_lines, self.body_start,
                               self.problems, self.closed))

    @property
    def front_matter_valid(self) -> bool:
        """False when the front matter is broken YAML or no mapping (``data`` may be partial)."""
        return not any(p.kind is not Kind.ENCODING and not p.read_anyway for p in self.problems)

    @property
    def body_offset(self) -> int:
        """The character offset in :attr:`text` where the body begins."""
        return sum(len(line) for line in self.text.splitlines(keepends=True)[:self.body_start])


def _page_source(text: str, data: dict[str, Any], key_lines: dict[str, int], body_start: int,
                 problems: tuple[Problem, ...], closed: bool) -> PageSource:
    return PageSource(text, tuple(text.splitlines()), data, key_lines, body_start, problems,
                      closed)


def decode(raw: bytes) -> tuple[str, list[Problem]]:
    """The text of a file: UTF-8 without byte order mark; a bad byte is replaced and located.
    A file with a UTF-16 or UTF-32 byte order mark (Notepad's "Unicode") is read as such, said;
    unless the bytes behind the mark are UTF-8 (:func:`lenient_utf8.mark_before_utf8`)."""
    problems: list[Problem] = []
    if mark := lenient_utf8.mark_before_utf8(raw):
        wide = lenient_utf8.encoding_of(raw[:4]).upper()
        problems.append(Problem(
            Kind.ENCODING, 1,
            f"the file starts with a {wide} byte order mark, but its text is UTF-8: it is read "
            "as UTF-8; save it as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8) "
            "so no other tool reads it as " + wide))
        raw = raw[len(mark):]
    elif (wide := lenient_utf8.encoding_of(raw[:4])) != "utf-8-sig":
        problems.append(Problem(
            Kind.ENCODING, 1,
            f"the file is {wide.upper()}, not UTF-8: it is read as {wide.upper()}; save it as "
            "UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)"))
        return raw.decode(wide, errors="replace").removeprefix("\ufeff"), problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        if (text := lenient_utf8.windows_1252(raw)) is not None:
            problems.append(Problem(
                Kind.ENCODING, line,
                f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be read): it is "
                f"read as Windows-1252, as older Windows editors save, so that byte is "
                f"'{raw[err.start:err.start + 1].decode('cp1252', 'replace')}'; check the "
                "page's accented letters and quotes, and save it as UTF-8 in your editor "
                "(in Notepad: Save as, Encoding: UTF-8)"))
            return text, problems
        problems.append(Problem(
            Kind.ENCODING, line,
            f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be read); "
            "save it as UTF-8 in your editor",
        ))
        text = raw.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff"), problems


# The characters no edition can hold, which the safety room leaves out of every page (and
# says, at their line) before MyST reads it: YAML refuses them, so ``title: "Nul<NUL>page"``
# was said to be invalid and untitled while the page came out titled "Nulpage". Read as shown.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def parse(text: str, problems: list[Problem] | None = None) -> PageSource:
    """The :class:`PageSource` of a page's text (already decoded)."""
    problems = list(problems or ())
    lines = text.splitlines()
    problems += merge_conflicts(text, lines)
    if lines and lines[0].rstrip() == "+++":
        return _toml_page(text, lines, problems)
    if not lines or lines[0].rstrip() != "---":
        problems += front_matter_not_first(lines)
        return PageSource(text, tuple(lines), problems=tuple(problems))
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problems.append(Problem(Kind.YAML, 1, "the front matter that starts here is never closed; "
                                "add a line `---` after it"))
        return PageSource(text, tuple(lines), body_start=len(lines), problems=tuple(problems))
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    try:
        node, value = load_yaml(_CONTROLS.sub("", "\n".join(lines[1:end])))
    except (yaml.YAMLError, ValueError) as err:  # ValueError: `date: 2019-13-45`
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = 2 + (mark.line if mark else 0)
        reason = getattr(err, "problem", None) or str(err) or "it cannot be read"
        if not isinstance(err, TooLarge):
            reason = yaml_in_plain_words(err)
        if isinstance(err, ValueError) and "integer string conversion" in reason:
            # Python's own advice (sys.set_int_max_str_digits) is for programmers, not editors
            line = next((n for n, text in enumerate(lines[1:end], start=2)
                         if _LONG_NUMBER.search(text)), line)
            reason = (f"a number of more than {_MAX_DIGITS:,} digits cannot be read; put it in "
                      "quotes if it is text")
        elif isinstance(err, ValueError):  # a date has no mark: find the line that holds it
            line = next((n for n, text in enumerate(lines[1:end], start=2)
                         if _impossible_date(text)), line)
        quoted = None if isinstance(err, (TooLarge, ValueError)) else _colons_quoted(lines[1:end])
        if quoted is not None:
            data, key_lines, (at, key, value) = quoted
            problems.append(Problem(Kind.YAML, at, f"the value of `{key}` has a colon and a space "
                                    "in it, which YAML reads as the start of another key, so the "
                                    f"front matter is not valid YAML: put the value in quotes, "
                                    f'`{key}: "{value}"` (it is read so here)', read_anyway=True))
        else:
            problems.append(Problem(Kind.YAML, line, f"the front matter is refused: {reason}"
                                    if isinstance(err, TooLarge) else
                                    f"the front matter is not valid YAML: {reason}"))
        if isinstance(err, ValueError):
            data, key_lines = _without_dates(lines[1:end])
    else:
        if isinstance(value, dict):
            data, key_lines = value, _key_lines(node)
            problems += _keys_written_twice(node)
            problems += keys_as_typed(data, key_lines)
        elif value is not None:
            problems.append(Problem(Kind.NOT_MAPPING, 2, "the front matter must be `key: value` "
                                    f"lines, not {_what_yaml_gave(value)}"))
    return PageSource(text, tuple(lines), data, key_lines, end + 1, tuple(problems), closed=True)


_TOML_KEY = re.compile(r"""^[ \t]*(?:\[[ \t]*)?(?:"(?P<quoted>[^"]+)"|(?P<bare>[A-Za-z0-9_-]+))[ \t]*[=\].]""")


def _check_toml_depth(value: Any) -> None:
    """Raise ValueError for TOML nested deeper than :data:`MAX_DEPTH`: ``a.a.a… = 1`` is
    valid TOML read without recursion, and every reader after it (the data as text here,
    MyST) recursed into a RecursionError. Walks with a stack of its own."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"it is nested more than {MAX_DEPTH} levels deep; keep the front "
                             "matter to a few `key = value` lines")
        if isinstance(item, dict):
            stack.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)


def _what_yaml_gave(value: Any) -> str:
    """A value's kind in words: `not a str` named Python's type, not what the page holds."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (bool, int, float)):
        return "a lone value"
    return "a line of text" if isinstance(value, str) else "a value of another kind"


def _toml_page(text: str, lines: list[str], problems: list[Problem]) -> PageSource:
    """A page whose front matter is Hugo's TOML between two ``+++`` lines: the same data a
    YAML one gives (dates as text), each top-level key's line, the body after it."""
    import datetime
    import tomllib

    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "+++"), None)
    if end is None:
        problems.append(Problem(Kind.YAML, 1, "the TOML front matter that starts here is never "
                                "closed; add a line `+++` after it"))
        return PageSource(text, tuple(lines), body_start=len(lines), problems=tuple(problems))
    source = "\n".join(lines[1:end])
    try:
        if len(source.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise ValueError(f"it is longer than {MAX_BYTES // 1024} KB")
        value = tomllib.loads(source)
        _check_toml_depth(value)
    except RecursionError:  # ``x = [[[[…]]]]``: Python's reader recurses; said in our words
        opened = [line.count("[") + line.count("{") for line in lines[1:end]]
        problems.append(Problem(Kind.YAML, 2 + opened.index(max(opened)), (
            f"the TOML front matter is not valid (it is nested more than {MAX_DEPTH} levels deep, "
            "lists or tables inside one another); write one `key = \"value\"` per line, or the "
            "front matter as YAML between `---` lines")))
        return PageSource(text, tuple(lines), {}, {}, end + 1, tuple(problems), closed=True)
    except (tomllib.TOMLDecodeError, ValueError) as err:
        found = re.search(r"line (\d+)", str(err))
        problems.append(Problem(Kind.YAML, 1 + int(found.group(1)) if found else 2,
                                f"the TOML front matter is not valid ({str(err)[:120]}); write one "
                                "`key = \"value\"` per line, or the front matter as YAML between `---` lines"))
        return PageSource(text, tuple(lines), {}, {}, end + 1, tuple(problems), closed=True)

    def as_text(item: Any) -> Any:
        if isinstance(item, (datetime.date, datetime.time)):
            return item.isoformat()
        if isinstance(item, dict):
            return {key: as_text(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [as_text(inner) for inner in item]
        return item

    key_lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(lines[1:end], start=2):
        if line.lstrip().startswith("[") and not in_table:
            found = _TOML_KEY.match(line)
            if found:
                key_lines.setdefault(found.group("quoted") or found.group("bare"), number)
            in_table = True  # keys after a table header are the table's
        elif not in_table and (found := _TOML_KEY.match(line)):
            key_lines.setdefault(found.group("quoted") or found.group("bare"), number)
    data = as_text(value)
    return PageSource(text, tuple(lines), data, {k: v for k, v in key_lines.items() if k in data},
                      end + 1, tuple(problems), closed=True)


_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_LEAD = 5
"""How far down a front matter that does not start on line 1 is looked for."""
_SPAN = 200
"""How many lines such a front matter may hold before its closing ``---``."""


def front_matter_further_down(lines: Sequence[str]) -> tuple[int, int] | None:
    """``(first line, last line)``, 1-based, of a front matter block below the top of a file
    that has none at the top: ``---``, ``key: value`` lines YAML reads as a mapping, ``---``
    (``learning-resources.md``: 48 lines of notes, then its front matter). Jekyll read none
    there; the one who wrote it meant it as the page's, and should be told where it is."""
    for start, line in enumerate(lines[:_DOWN]):
        if line.rstrip() != "---" or start == 0 or start + 1 >= len(lines) \
                or not _KEY_LINE.match(lines[start + 1]):
            continue
        end = next((i for i in range(start + 2, min(len(lines), start + 2 + _SPAN))
                    if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            continue
        try:
            data = yaml.safe_load("\n".join(lines[start + 1:end]))
        except (yaml.YAMLError, ValueError, RecursionError):
            continue
        if isinstance(data, dict) and data:
            return start + 1, end + 1
    return None


_DOWN = 500
"""How far down a file a front matter block below its top is looked for."""


def front_matter_not_first(lines: Sequence[str]) -> list[Problem]:
    """One problem for a front matter that is there but not read: its opening ``---`` is
    not line 1 alone (``assets---``, ``  ---``, or blank lines above it). Jekyll reads a
    front matter only from a first line of ``---``, so the page was published with its
    ``key: value`` lines as a heading of text, and without its title and settings."""
    start = next((i for i, line in enumerate(lines[:_LEAD]) if line.strip()), None)
    if start is None:
        return []
    opening = lines[start].rstrip()
    if not opening.endswith("---") or (start == 0 and opening == "---"):
        return []
    if start + 1 >= len(lines) or not _KEY_LINE.match(lines[start + 1]):
        return []
    if not any(line.rstrip() in ("---", "...") for line in lines[start + 2:start + 2 + _SPAN]):
        return []
    if opening.strip() != "---":
        what = f"line {start + 1} is `{opening.strip()[:40]}`, not `---` alone"
        fix = f"make line {start + 1} exactly `---`" + (", and delete the lines above it" if start else "")
    elif start:
        what = f"it starts on line {start + 1}, below {'a blank line' if start == 1 else 'blank lines'}"
        fix = "delete the lines above its `---`"
    else:
        what = "its `---` is indented"
        fix = "write `---` at the start of line 1"
    return [Problem(Kind.NOT_FIRST, start + 1,
                    f"the front matter is not read: {what} (Jekyll too reads it only from a "
                    "first line of `---`), so its `key: value` lines are published as text and "
                    f"the page loses its title and settings; {fix}")]


_CONFLICT_LINE = re.compile(r"(<{7}|={7}|>{7})(?:[ \t].*)?$")


def merge_conflicts(text: str, lines: Sequence[str]) -> list[Problem]:
    """One problem for the Git merge conflicts left in a page (outside code, where a guide to
    Git may show the markers): ``<<<<<<<``, then ``=======``, then ``>>>>>>>``."""
    if "<<<<<<<" not in text or ">>>>>>>" not in text:
        return []
    from .fences import outside_fences

    found: list[tuple[int, int]] = []
    start = middle = None
    for i in outside_fences(lines):
        match = _CONFLICT_LINE.match(lines[i])
        if match is None:
            continue
        marker = match.group(1)[0]
        if marker == "<":
            start, middle = i, None
        elif marker == "=" and start is not None:
            middle = i
        elif marker == ">" and middle is not None:
            found.append((start + 1, i + 1))
            start = middle = None
    if not found:
        return []
    first, last = found[0]
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    return [Problem(Kind.CONFLICT, first,
                    f"the page holds an unresolved Git merge conflict (lines {first}-{last}{more}): "
                    "both versions of the text are published, garbled by the `<<<<<<<`, `=======` "
                    "and `>>>>>>>` lines; keep the right version and delete the other with the "
                    "three marker lines")]


class _NoDates(yaml.SafeLoader):
    """Every date as text, even an impossible one (for readers that need only other keys)."""


_NoDates.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _keys_written_twice(node: Any) -> list[Problem]:
    """Each top-level key written again further down, said at the line YAML does not read."""
    first: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(key.value, str):
            continue
        line = 2 + key.start_mark.line
        if key.value in first:
            problems.append(Problem(Kind.DUPLICATE_KEY, first[key.value], (
                f"`{key.value}` is written again on line {line}, and only that one is read, so "
                "this value is shown nowhere: delete the line you do not mean"), read_anyway=True))
        first[key.value] = line
    return problems


_INVISIBLE = "\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff"
"""Spaces a word processor types that YAML does not take for spaces: part of the key."""
_CURLY = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"


def keys_as_typed(data: dict[str, Any], key_lines: dict[str, int] | None = None) -> list[Problem]:
    """Each top-level key with invisible spaces or curly quotes around it renamed, in place,
    to the key it shows, and said at its line (not when that key is written too). MyST's
    reading (``maths.topmatter``) renames them too, so the page's heading is its title."""
    key_lines = {} if key_lines is None else key_lines
    problems = []
    for key in [k for k in data if isinstance(k, str)]:
        bare = key.strip(" \t" + _INVISIBLE)
        quoted = len(bare) > 1 and bare[0] in _CURLY and bare[-1] in _CURLY
        meant = bare[1:-1].strip(" \t" + _INVISIBLE) if quoted else bare
        if not meant or meant == key or meant in data:
            continue
        what = ("curly quotes around it" if quoted else
                "a non-breaking space before its colon" if "\u00a0" in key else
                "an invisible space in it")
        data[meant] = data.pop(key)
        line = key_lines.pop(key, 2)
        key_lines[meant] = line
        problems.append(Problem(Kind.KEY_TYPED, line, (
            f"the name `{meant}` has {what}, as a word processor types it; it is read as "
            f"`{meant}` here, but other tools would not: type the line again as "
            f"`{meant}: ...` in a plain-text editor"), read_anyway=True))
    return problems


def _key_lines(node: Any) -> dict[str, int]:
    return {key.value: 2 + key.start_mark.line for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)}


_COLON_VALUE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+([^\s\"'\[{|>&*!#%@`].*?:(?:[ \t].*)?)[ \t]*$")
"""A top-level key whose plain value holds ``: `` or ends with ``:`` (``title: Budget: FY2024``)."""


_COMMENT = re.compile(r"[ \t]#(?=[ \t]|$)")
"""A note after a value (``# draft``), as YAML reads it; ``#3`` the writer typed as words."""


def _colons_quoted(lines: list[str]) -> tuple[dict[str, Any], dict[str, int], tuple[int, str, str]] | None:
    """The front matter read with each value that holds a colon and a space quoted, as its
    writer meant it, and the first such (line, key, value); None when that does not read."""
    first, fixed = None, list(lines)
    for n, text in enumerate(lines):
        if (found := _COLON_VALUE.match(text)) is not None:
            key, value = found.group(1), found.group(2)
            comment = _COMMENT.search(value)  # `title: Budget: FY2024 # draft`: a note, as YAML reads it
            note = value[comment.start():] if comment else ""
            value = value[:comment.start()].rstrip() if comment else value
            fixed[n] = f"{key}: " + json.dumps(value, ensure_ascii=False) + note
            first = first or (n + 2, key, value)
    if first is None:
        return None
    try:
        node, value = load_yaml("\n".join(fixed))
    except (yaml.YAMLError, ValueError):
        return None
    return (value, _key_lines(node), first) if isinstance(value, dict) else None


def colons_quoted(front_matter: str) -> dict[str, Any] | None:
    """A front matter's text (between its ``---`` lines) that is no YAML read as
    :func:`parse` reads it when a value's colon is its only fault (MyST's title too), else None."""
    found = _colons_quoted(front_matter.splitlines())
    return found[0] if found is not None else None


_DATE = re.compile(r"(?<![\w.'\"-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


def _impossible_date(text: str) -> bool:
    """Whether a front-matter line writes a date no calendar has (``date: 2019-13-45``), so
    that the YAML error, which has no mark, is said at that line."""
    for match in _DATE.finditer(text):
        try:
            dt.date(*map(int, match.groups()))
        except ValueError:
            return True
    return False


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
    if not S_ISREG(stat.st_mode):  # a named pipe would wait for a writer for ever (safety says so)
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


_KEPT: dict[str, tuple[tuple[int, int] | None, frozenset]] = {}
"""Each cache file this process loaded or saved: its (mtime, size) then, and its keys."""

_PICKLED: dict[tuple[str, int, int], tuple[PageSource, bytes]] = {}
"""Each kept page as the bytes it was loaded from or saved as: saved again as those bytes
(at 1,000 pages, a one-page rebuild pickled 5.8 MB again for one changed page)."""


def _code() -> str:
    """What the kept sources were made by: this module's code and PyYAML's version (a
    cache made by other rules of reading is never used)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"\0{yaml.__version__}\0{_FAST is not None}".encode())
    return digest.hexdigest()


def _stamp(file: Path) -> tuple[int, int] | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def load_kept(file: Path) -> None:
    """Add the pages :func:`keep` saved in ``file`` to this process's cache.

    A build keeps the pages it read beside its doctrees, so the next build parses only
    the files that changed since (their path, time and size are the cache's key, as in
    :func:`read`); a cache file that cannot be read is ignored.
    """
    stamp = _stamp(file)
    if stamp is None or _KEPT.get(os.fspath(file), (None,))[0] == stamp:
        return
    try:
        with open(file, "rb") as handle:
            code, pickled = pickle.load(handle)
        if code != _code() or not isinstance(pickled, dict):
            return
        kept = {key: pickle.loads(data) for key, data in pickled.items()}
    except Exception:  # noqa: BLE001 - a damaged or older cache is simply not used
        return
    if not all(isinstance(v, PageSource) for v in kept.values()):
        return
    if len(_CACHE) + len(kept) > _CACHE_SIZE:
        _CACHE.clear()
    if len(_PICKLED) + len(kept) > _CACHE_SIZE:
        _PICKLED.clear()
    for key, source in kept.items():
        _PICKLED[key] = (source, pickled[key])
    _CACHE.update(kept)
    _KEPT[os.fspath(file)] = stamp, frozenset(kept)


def keep(file: Path, folder: Path) -> None:
    """Save in ``file`` the latest version read of each page under ``folder``, if that changed."""
    prefix = os.path.join(os.fspath(folder), "")
    latest: dict[str, tuple[str, int, int]] = {}
    for key in _CACHE:
        if key[0].startswith(prefix) and key[1:] > latest.get(key[0], ("", -1, -1))[1:]:
            latest[key[0]] = key
    kept = {key: _CACHE[key] for key in sorted(latest.values())}
    if _KEPT.get(os.fspath(file)) == (_stamp(file), frozenset(kept)):
        return
    pickled = {}
    for key, source in kept.items():
        known = _PICKLED.get(key)
        if known is None or known[0] is not source:
            if len(_PICKLED) >= _CACHE_SIZE:
                _PICKLED.clear()
            known = _PICKLED[key] = (source, pickle.dumps(source, pickle.HIGHEST_PROTOCOL))
        pickled[key] = known[1]
    temporary = file.with_name(file.name + ".tmp")
    try:
        with open(temporary, "wb") as handle:
            pickle.dump((_code(), pickled), handle, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except OSError:
        return
    _KEPT[os.fspath(file)] = _stamp(file), frozenset(kept)

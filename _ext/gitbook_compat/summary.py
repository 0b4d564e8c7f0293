"""GitBook's table of contents: ``SUMMARY.md`` read into a reading order.

Plain Python with no Sphinx import. A folder written for GitBook has ``SUMMARY.md`` at its
top (or a ``.gitbook.yaml`` naming another file and root): its nested list of links is the
order pages are read in, and each folder's ``README.md`` is that folder's landing page.
pageorder takes the order as each page's ``position`` and the ``README.md`` files as
landings, so the one outline serves all three editions. Every problem keeps its line.
"""

from __future__ import annotations

import enum
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

from pagesource import yaml_in_plain_words  # PyYAML's own text named its parser's tokens
from safety.problems import cut  # one way to shorten an address in a message

SUMMARY = "SUMMARY.md"
README = "README.md"
CONFIG = ".gitbook.yaml"

_ITEM = re.compile(r"^(?P<indent>[ \t]*)[*+-][ \t]+\[(?P<text>(?:\\.|[^\]\\])*)\]"
                   r"\((?P<target><[^>]*>|[^)\s]+)(?:[ \t][^)]*)?\)")
_GROUP = re.compile(r"^ {0,3}#{2,6}[ \t]+(?P<text>.*)$")
"""Both read a hostile line in time linear in its length: the target's end and the
heading's closing ``#``s are found without trying every split of a long run."""
_ANCHOR = re.compile(r"<a\b[^<>]*>\s*</a>", re.IGNORECASE)


class Kind(enum.Enum):
    """What is wrong with a GitBook folder's table of contents, or a page's text that the
    export wrote as GitBook never showed it (``gitbook.<value>``)."""

    MISSING = "missing-page"
    """``SUMMARY.md`` links a file the folder lacks: the entry is left out."""

    UNLISTED = "unlisted"
    """A page is not in ``SUMMARY.md``: it is published after the listed pages beside it."""

    CONFIG = "config"
    """``.gitbook.yaml`` is no YAML mapping, or names a file that is not there."""

    OUTSIDE = "outside"
    """``SUMMARY.md`` or ``.gitbook.yaml`` names a path that leaves the pages' folder
    (``../../etc/passwd``, ``/etc/hostname``): it is not read, and said."""

    GLUED = "glued"
    """Markdown written right after an HTML element (``</table>### Tasks``) with no line to
    spare for the blank line that would end the element: shown as written, and said."""

    BROKEN = "broken-link"
    """A link GitBook's export wrote to ``broken-reference`` or ``/broken/pages/<id>`` (its
    page was moved or deleted in GitBook): its words are shown without a link, and said."""

    ADDRESS = "address"
    """``SUMMARY.md`` lists a web address (GitBook's link to another site in its menu): the
    publication's contents list its own pages, so the entry is left out, and said."""


@dataclass(frozen=True)
class Problem:
    kind: Kind
    line: int
    message: str
    file: str  # under the pages' folder: the file the line is in


@dataclass(frozen=True)
class Entry:
    """One link of the list: the file under the pages' folder, its words, its line, depth."""

    path: str
    title: str
    line: int
    depth: int


@dataclass(frozen=True)
class Layout:
    """Where GitBook reads a folder from: its root, home page and table of contents."""

    root: str = ""  # "" or "docs/"
    readme: str = README  # under the pages' folder
    summary: str = SUMMARY  # under the pages' folder
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Order:
    """A GitBook folder's reading order, for pageorder."""

    layout: Layout
    entries: tuple[Entry, ...]
    positions: dict[str, int]  # every listed page's place (1, 2, …) by its file
    groups: dict[str, str] = field(default_factory=dict)  # folder -> a `## Group` title, or
    # the words of its entry whose README.md is missing: its generated landing's title
    problems: tuple[Problem, ...] = ()

    def position_of(self, path: str, pages: list[str]) -> int:
        """A listed page's place; an unlisted one after every listed page, by file name."""
        if path in self.positions:
            return self.positions[path]
        unlisted = sorted(p for p in pages if p not in self.positions)
        return len(self.positions) + 1 + (unlisted.index(path) if path in unlisted else 0)

    def is_landing(self, path: str) -> bool:
        """``README.md`` lands its folder (the root's is the home page)."""
        return posixpath.basename(path) == README and path.startswith(self.layout.root)


def unlisted(order: Order, srcdir: Path, files: list[str]) -> list[Problem]:
    """Each page file (under the pages' folder) ``SUMMARY.md`` does not list, said at the
    page (a build and ``make check`` alike); none when there is no ``SUMMARY.md``."""
    if not _is_file(srcdir / order.layout.summary):
        return []
    name = posixpath.basename(order.layout.summary)
    return [Problem(Kind.UNLISTED, 1,
                    f"{name} does not list this page, so it is published after the pages it lists "
                    f"beside it; add `* [Its title]({file})` to {name} where it belongs", file)
            for file in sorted(files) if file not in order.positions and file != order.layout.readme]


def layout_of(srcdir: Path) -> Layout | None:
    """The folder's GitBook layout; None when it is no GitBook folder (no ``SUMMARY.md``
    at its top and no ``.gitbook.yaml``)."""
    config = srcdir / CONFIG
    if not _is_file(config):
        return Layout() if _is_file(srcdir / SUMMARY) else None
    problems: list[Problem] = []
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8", errors="replace"))
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        data = None
        problems.append(Problem(Kind.CONFIG, line, f"{CONFIG} is not valid YAML ({yaml_in_plain_words(error)}); "
                                "SUMMARY.md and README.md at the top are used: fix the file", CONFIG))
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(Kind.CONFIG, 1, f"{CONFIG} is not a `key: value` mapping; "
                                "SUMMARY.md and README.md at the top are used", CONFIG))
    data = data if isinstance(data, dict) else {}
    structure = data.get("structure") if isinstance(data.get("structure"), dict) else {}
    text = config.read_text(encoding="utf-8", errors="replace")
    for key, value in (("root", data.get("root")), ("readme", structure.get("readme")),
                       ("summary", structure.get("summary"))):
        if value and str(value).strip() and _leaves(str(value).strip().lstrip("/")):  # `/docs/`: the folder's
            problems.append(Problem(Kind.OUTSIDE, _key_line(text, key), (
                f"{CONFIG} names {str(value)[:80]!r} as its `{key}`, a path outside the pages' folder, "
                "so it is not used (the top of the folder is); name a path inside it"), CONFIG))
    root = _inside(str(data.get("root") or ""))
    readme = root + (_inside(str(structure.get("readme") or "")) or README)
    summary = root + (_inside(str(structure.get("summary") or "")) or SUMMARY)
    if not _is_file(srcdir / summary):
        if "summary" in structure:
            problems.append(Problem(Kind.CONFIG, 1, f"{CONFIG} names {summary!r} as the table "
                                    "of contents, and there is no such file: pages are ordered "
                                    "by their `position`; write the file or fix the name", CONFIG))
    return Layout(root, readme, summary, tuple(problems))


def exclusions(layout: Layout, patterns: list[str]) -> list[str]:
    """``exclude_patterns`` for a GitBook folder: ``README.md`` is its home, not a
    repository's notes, and the table of contents is no page."""
    return [p for p in patterns if p != README] + [layout.summary]


def home(srcdir: Path) -> str | None:
    """The home page's docname (``README``; what ``structure: readme:`` names), if any."""
    layout = layout_of(srcdir)
    if layout is None or not _is_file(srcdir / layout.readme):
        return None
    return layout.readme.rsplit(".", 1)[0]


def _without_closing_hashes(text: str) -> str:
    """``Guides ##`` → ``Guides``: an ATX heading's optional closing sequence."""
    text = text.rstrip(" \t")
    opened = text.rstrip("#")
    return opened.rstrip(" \t") if opened != text and (not opened or opened[-1] in " \t") else text


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name SUMMARY.md or .gitbook.yaml wrote too long for the
    file system (errno 36) or holding a NUL names none, instead of stopping the build."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _leaves(path: str) -> bool:
    """Whether ``path`` (as a GitBook file names it) leads out of the pages' folder."""
    cleaned = posixpath.normpath(path.strip())
    return cleaned.startswith(("/", "../")) or cleaned == ".."


def _key_line(text: str, key: str) -> int:
    return next((number for number, line in enumerate(text.splitlines(), start=1)
                 if re.match(rf"\s*{key}\s*:", line)), 1)


def _inside(path: str) -> str:
    """A path GitBook reads under the folder, without ``./``; "" for one that leaves it.
    A folder ends with ``/``."""
    cleaned = posixpath.normpath(path.strip().lstrip("/")) if path.strip() else ""
    if cleaned in ("", ".") or cleaned.startswith(".."):
        return ""
    return cleaned + ("/" if path.strip().endswith("/") else "")


def reading_order(srcdir: Path) -> Order | None:
    """The reading order ``SUMMARY.md`` gives; None for a folder GitBook never read."""
    layout = layout_of(srcdir)
    if layout is None:
        return None
    path = srcdir / layout.summary
    text = path.read_text(encoding="utf-8", errors="replace") if _is_file(path) else ""
    entries, groups = parse(text, posixpath.dirname(layout.summary))
    if layout.root and not layout.root.endswith("/"):
        layout = Layout(layout.root + "/", layout.readme, layout.summary, layout.problems)
    problems = list(layout.problems)
    positions: dict[str, int] = {}
    for entry in entries:
        if _leaves(entry.path):
            problems.append(Problem(Kind.OUTSIDE, entry.line, (
                f"{posixpath.basename(layout.summary)} lists [{entry.title[:80]}]({entry.path[:80]}), a "
                "file outside the pages' folder, so the entry is left out; list pages inside it"),
                layout.summary))
        elif not _is_file(srcdir / entry.path):
            landed = _lost_landing(entry, entries, srcdir)
            if landed:
                groups[landed] = entry.title
            problems.append(Problem(Kind.MISSING, entry.line, (
                f"{posixpath.basename(layout.summary)} lists [{entry.title}]({cut(entry.path)}), and "
                "the folder has no such file, so "
                + (f"its folder's section is a contents page titled {entry.title!r}; add the page "
                   if landed else "the entry is left out; add the page ")
                + "or correct the link"), layout.summary))
        elif entry.path not in positions:
            positions[entry.path] = len(positions) + 1
    for line, title, target in addresses(text):
        problems.append(Problem(Kind.ADDRESS, line, (
            f"{posixpath.basename(layout.summary)} lists [{title[:80]}]({cut(target)}), an address "
            "and no page of the folder, so the contents leave it out; link to it from a page"),
            layout.summary))
    return Order(layout, tuple(entries), positions, groups, tuple(problems))


def _lost_landing(entry: Entry, entries: list[Entry], srcdir: Path) -> str:
    """The folder a missing ``README.md`` would have landed, when pages listed under it are
    there: its generated landing takes the entry's words, as GitBook titled the section;
    "" for any other missing file."""
    folder = posixpath.dirname(entry.path)
    if posixpath.basename(entry.path) != README or not folder:
        return ""
    inside = (e for e in entries if e.path.startswith(folder + "/") and e is not entry)
    return folder if any(_is_file(srcdir / e.path) for e in inside) else ""


def addresses(text: str) -> list[tuple[int, str, str]]:
    """``(line, words, address)`` of each entry of ``SUMMARY.md`` that links an address
    (``https://…``, ``mailto:…``) rather than a page, which :func:`parse` leaves out."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if (item := _ITEM.match(line)) and _GROUP.match(line) is None:
            target = item.group("target").strip("<>")
            if "://" in target or target.startswith("mailto:"):
                found.append((number, html.unescape(re.sub(r"\\(.)", r"\1", item.group("text"))), target))
    return found


def parse(text: str, folder: str = "") -> tuple[list[Entry], dict[str, str]]:
    """The links of ``SUMMARY.md``'s nested list, in order (web addresses and anchors left
    out), and the folder each ``## Group`` heading stands over (the one folder the pages
    under it share), with the heading's words: GitBook's groups have no page of their own."""
    entries: list[Entry] = []
    headings: list[tuple[str, int]] = []
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if heading := _GROUP.match(line):
            headings.append((_ANCHOR.sub("", _without_closing_hashes(heading.group("text"))).strip(), number))
            continue
        if not (item := _ITEM.match(line)):
            continue
        target = item.group("target").strip("<>").split("#", 1)[0]
        if not target or "://" in target or target.startswith("mailto:"):
            continue
        indent = len(item.group("indent").expandtabs(4))
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        path = posixpath.normpath(posixpath.join(folder, unquote(target)))
        title = html.unescape(re.sub(r"\\(.)", r"\1", item.group("text")))
        entries.append(Entry(path, title, number, len(indents) - 1))
    groups: dict[str, str] = {}
    ends = [line for _, line in headings[1:]] + [len(text.splitlines()) + 1]
    for (title, start), end in zip(headings, ends):
        members = [e for e in entries if start < e.line < end]
        folders = {e.path.split("/", 1)[0] if "/" in e.path else "" for e in members}
        if len(folders) == 1 and (only := folders.pop()) and title:
            groups.setdefault(only, title)
    return entries, groups

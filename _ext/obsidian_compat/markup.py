"""An Obsidian page's own Markdown rewritten as the MyST Markdown that shows what Obsidian showed.

Plain Python with no Sphinx import. Every line keeps its number, so later warnings point at
the line the writer wrote; fenced code and inline code are left as written.

- ``[[Curb Pilot]]``, ``[[Curb Pilot|the pilot]]``, ``[[Curb Pilot#Costs]]``: a link to that
  file (:class:`.vault.Vault` finds it as Obsidian does), its words as Obsidian showed them
  ("Curb Pilot > Costs"); one that names no file keeps its words, without a link, and is said.
- ``![[Pasted image 2024….png]]``: the picture; ``![[Other note]]`` (Obsidian showed that
  page's words inside this one) a link to it, said.
- ``> [!warning] Personal data`` and the quote's lines: an admonition of its kind with the
  title as written (:data:`KINDS`); the blank line after the quote closes it.
- ``==Deadline==``: marked text (``<mark>``), as Obsidian highlighted it, not its equals
  signs; a block's id ending a line (`` ^summary``), which Obsidian hid, left out.
- ``%%draft comment%%``, on one line or several: left out, as Obsidian hid it from everyone
  who read the vault. The words are not published: the writer may have kept private notes
  there (a resident's name, a draft judgement), and publishing what the author never saw in
  the page would leak them. It is said once per page, with the lines, never the words
  (build logs are read by others); a ``%%`` that nothing closes is shown as typed.
"""

from __future__ import annotations

import enum
import posixpath
import re
from dataclasses import dataclass

from myst_parser.slugs import github_slugify

from pagesource.fences import body_start, code_spans, container_fence, markdown_lines, outside_code

from .vault import PICTURES, Vault

SPHINX_KINDS = frozenset("note tip hint important warning caution attention danger error".split())
KINDS = {
    **{kind: kind for kind in SPHINX_KINDS},
    "info": "note", "abstract": "note", "summary": "note", "tldr": "note", "example": "note",
    "quote": "note", "cite": "note", "todo": "important", "success": "tip", "check": "tip",
    "done": "tip", "question": "hint", "help": "hint", "faq": "hint", "failure": "error",
    "fail": "error", "missing": "error", "bug": "error",
}
"""Obsidian's callout kinds as the admonition whose colour says the same; any other is a note."""


class Kind(enum.Enum):
    """Each value is a warning subtype of ``obsidian``."""

    MISSING = "missing-page"
    """A ``[[name]]`` or ``![[picture.png]]`` that names no file of the pages' folder: its
    words are shown without a link."""

    EMBED = "embed"
    """``![[Other note]]``: Obsidian showed that page's words inside this one; here it is a
    link to the page."""

    COMMENT = "comment"
    """``%%…%%``: words Obsidian hid, left out of every edition (said once per page, without
    the words); or a ``%%`` that nothing closes, shown as typed."""


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    kind: Kind
    message: str


@dataclass(frozen=True)
class Rewritten:
    text: str
    problems: tuple[Problem, ...]
    callouts: tuple[tuple[int, str], ...]
    """(the admonition's line, 1-based; its colour's kind) of each callout with a title."""


_CALLOUT = re.compile(r"^(?P<indent> {0,3})>[ \t]?\[!(?P<kind>[A-Za-z][\w-]*)\][+-]?[ \t]*(?P<title>(?:.*[^ \t])?)[ \t]*$")
"""The title up to its last character that is no space or tab: a lazy ``.*?`` before
``[ \t]*$`` tried every space of a run inside the title to its end (20 KB: 6 s)."""
_QUOTED = re.compile(r"^ {0,3}>[ \t]?")
_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_SIZE = re.compile(r"\d+(?:x\d+)?")
_OPENS = re.compile(r"(?<![=\\])==(?=[^\s=])")
_CLOSES = re.compile(r"(?<=[^\s=\\])(?===(?!=))")
"""``==words==``: Obsidian's highlight, no space just inside its marks (``a == b`` is none);
each mark found once (:func:`_highlights`)."""
_BLOCK_ID = re.compile(r"(?<![ \t])[ \t]+\^[A-Za-z0-9-]+[ \t]*$")
"""Each run of spaces tried once: from every space of 200,000, minutes for a line."""
"""`` ^summary-1`` ending a line: a block's id, which Obsidian hides."""
_MARKUP = re.compile(r"([\\`*_\[\]<>|~^=$%{}])")


def rewrite(text: str, page: str, vault: Vault) -> Rewritten:
    """``text`` of ``page`` (its path in the vault) as MyST Markdown, line for line."""
    lines = text.split("\n")
    prose = [i for i in markdown_lines(lines) if i >= body_start(lines)]
    problems = list(_comments(lines, prose))
    callouts = _callouts(lines, prose)
    for i in prose:
        if "==" in lines[i] or "^" in lines[i]:
            lines[i] = _BLOCK_ID.sub("", outside_code(
                lines[i], _highlights))
        if "[[" in lines[i]:
            lines[i] = outside_code(lines[i], lambda part, i=i: _WIKILINK.sub(
                lambda found: _link(found, page, vault, i + 1, problems), part))
    return Rewritten("\n".join(lines), tuple(sorted(problems, key=lambda p: p.line)), callouts)


def _highlights(part: str) -> str:
    """``part`` with each ``==words==`` as ``<mark>words</mark>``, the first end after each
    start, in one pass: a pattern read to the line's end from every ``==`` never closed
    (minutes for a line of 100,000)."""
    import bisect

    closes = [m.start() for m in _CLOSES.finditer(part)]
    out, pos = [], 0
    for opened in _OPENS.finditer(part):
        start = opened.start()
        if start < pos:
            continue
        k = bisect.bisect_left(closes, start + 3)  # one character at least between the marks
        if k == len(closes):
            break
        out += [part[pos:start], "<mark>", part[start + 2:closes[k]], "</mark>"]
        pos = closes[k] + 2
    return "".join(out) + part[pos:]


# ---------------------------------------------------------------- comments

def _comments(lines: list[str], prose: list[int]) -> list[Problem]:
    """Each closed ``%%…%%`` left out of ``lines``; what to say of them."""
    regions, opened = _comment_regions(lines, prose)
    for (first, start), (last, end) in reversed(regions):
        if first == last:
            lines[first] = lines[first][:start] + lines[first][end:]
            continue
        lines[last] = lines[last][end:]
        for i in prose:
            if first < i < last:
                lines[i] = ""
        lines[first] = lines[first][:start]
    problems = []
    if regions:
        others = sorted({first + 1 for (first, _), _ in regions[1:]} - {regions[0][0][0] + 1})
        at = f" (and {len(regions) - 1} more: line{'s' if len(others) > 1 else ''} " \
             f"{', '.join(map(str, others[:10]))})" if len(regions) > 1 else ""
        problems.append(Problem(regions[0][0][0] + 1, Kind.COMMENT,
                                f"an Obsidian comment (%%…%%) is left out of every edition{at}: "
                                "Obsidian hid it, and it may hold private notes; to publish its "
                                "words, remove the %% around them, or delete the comment"))
    if opened is not None:
        problems.append(Problem(opened + 1, Kind.COMMENT,
                                "a %% opens an Obsidian comment that no %% closes, so it and the "
                                "words after it are shown as typed: close the comment with %%, or "
                                "write the % sign once"))
    return problems


def _comment_regions(lines: list[str], prose: list[int]
                     ) -> tuple[list[tuple[tuple[int, int], tuple[int, int]]], int | None]:
    """Each comment's (line, column) where its ``%%`` opens and after the one that closes it;
    the line of a ``%%`` never closed, or None. A ``%%`` in inline code is code."""
    regions, start = [], None
    for i in prose:
        line, pos = lines[i], 0
        if "%%" not in line:
            continue
        spans = code_spans(line)
        while True:
            if start is not None:
                end = line.find("%%", pos)
                if end < 0:
                    break
                regions.append((start, (i, end + 2)))
                start, pos = None, end + 2
                continue
            found = _outside(line, pos, spans)
            if found < 0:
                break
            start, pos = (i, found), found + 2
    return regions, start[0] if start is not None else None


def _outside(line: str, pos: int, spans: list[tuple[int, int]]) -> int:
    """The next ``%%`` from ``pos`` that is not in inline code, else -1."""
    while (found := line.find("%%", pos)) >= 0:
        inside = next((end for start, end in spans if start <= found < end), None)
        if inside is None:
            return found
        pos = inside
    return -1


# ---------------------------------------------------------------- callouts

def _callouts(lines: list[str], prose: list[int]) -> tuple[tuple[int, str], ...]:
    """Each ``> [!kind] Title`` quote a fenced admonition, its ``>`` marks taken off."""
    titled = []
    taken: set[int] = set()
    for i in prose:
        if i in taken or (found := _CALLOUT.match(lines[i])) is None:
            continue
        end = i + 1
        while end < len(lines) and _QUOTED.match(lines[end]):
            end += 1
        if end == i + 1:
            continue  # a title alone: an admonition needs words inside
        while end < len(lines) and lines[end].strip():
            end += 1  # lazy lines: CommonMark's paragraph goes on in the quote
        body = [_QUOTED.sub("", line, count=1) for line in lines[i + 1:end]]
        fence = container_fence(body)
        word = found.group("kind").casefold()
        kind = KINDS.get(word, "note")
        title = found.group("title")
        if not title and word in SPHINX_KINDS:
            lines[i] = f"{found.group('indent')}{fence}{{{word}}}"
        else:
            lines[i] = f"{found.group('indent')}{fence}{{admonition}} {title or word.title()}"
            titled.append((i + 1, kind))
        lines[i + 1:end] = body
        if end < len(lines):
            lines[end] = fence
        else:
            lines[-1] += "\n" + fence
        taken.update(range(i, end + 1))
    return tuple(titled)


# ---------------------------------------------------------------- links and embeds

def _link(found: re.Match[str], page: str, vault: Vault, line: int, problems: list[Problem]) -> str:
    """``[[…]]`` or ``![[…]]`` as Markdown; a problem added for one that finds nothing."""
    embed, inner = found.group(1) == "!", found.group(2)
    target, _, alias = inner.replace("\\|", "|").partition("|")
    name, _, heading = target.partition("#")
    file = vault.find(name, page) if name.strip() else page
    shown = alias.strip() or (f"{name.strip()} > {heading.strip()}" if name.strip() and heading
                              else heading.strip() or name.strip())
    if file is None:
        what = "picture" if embed and _suffix(name) in PICTURES else "link"
        problems.append(Problem(line, Kind.MISSING, _missing_message(found.group(0), what)))
        return _words(shown)
    address = _address(file, page, heading)
    if embed and _suffix(file) in PICTURES:
        description = alias.strip() if alias.strip() and not _SIZE.fullmatch(alias.strip()) \
            else posixpath.splitext(posixpath.basename(file))[0]
        return f"![{_words(description)}](<{address}>)"
    if embed:
        problems.append(Problem(line, Kind.EMBED, (
            f"the Obsidian embed {found.group(0)[:80]} showed the words of {file!r} inside this "
            "page; here it is a link to that page: copy the words in if this page needs them, "
            f"or write the link as [[{name.strip()[:60]}]]")))
    return f"[{_words(shown)}](<{address}>)"


def _address(file: str, page: str, heading: str) -> str:
    """The address of ``file`` from ``page``'s folder, with the heading's anchor (a block
    reference, ``#^id``, leads to the page)."""
    path = "" if file == page and heading else posixpath.relpath(file, posixpath.dirname(page) or ".")
    fragment = github_slugify(heading.strip()) if heading.strip() and not heading.startswith("^") else ""
    address = path + (f"#{fragment}" if fragment else "")
    return (address or path).replace("<", "%3C").replace(">", "%3E")


def _suffix(name: str) -> str:
    return posixpath.splitext(name.strip())[1][1:].casefold()


def _words(text: str) -> str:
    """Text shown as written, not read as Markdown."""
    return _MARKUP.sub(r"\\\1", text)


def _missing_message(written: str, what: str) -> str:
    if what == "picture":
        return (f"the Obsidian picture {written[:80]} is not in the pages' folder, so its name is "
                "shown instead: copy the picture in (Obsidian keeps pasted pictures in the "
                "vault's attachments folder), or remove the embed")
    return (f"the Obsidian link {written[:80]} names no page or file in the pages' folder, so its "
            "words are shown without a link: write the name of a page's file as it is now "
            "(e.g. [[Curb Pilot]] for 'Curb Pilot.md'), or remove the brackets")

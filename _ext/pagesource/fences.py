"""Which lines of a Markdown page are prose, not fenced code: shared by every line scanner."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def body_start(lines: Sequence[str]) -> int:
    """The index of the page's first line after its front matter (0: it has none): a
    ``source-read`` rewrite's text still holds the front matter, which is no Markdown."""
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            return end + 1
    return 0


_ANY_FENCE = re.compile(r"^( *)(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")


def outside_fences(lines: Sequence[str], start: int = 0) -> Iterator[int]:
    """The indexes of lines from ``start`` on that are neither in a code fence nor fence lines.

    A fence closes with the same character repeated at least as often and nothing after it
    (CommonMark: ```` ```html ```` inside a block is one of its lines); an unclosed fence
    runs to the end of the page, or of the list item it stands in. A line of backticks whose
    words hold a backtick opens none. A fence may stand up to three spaces in from the
    column of the list item it is in (``1. Step`` then ```` ``` ```` four spaces in): a
    fence further in, or one four spaces in with no item above, is an indented code line.
    """
    fence: tuple[str, int] | None = None  # the open fence's marker, its item's column
    items: list[int] = []  # the content column of each list item open above, innermost last
    for i in range(start, len(lines)):
        line = lines[i]
        if "\t" in line:
            line = line.expandtabs(4)
        words = line.lstrip(" ")
        if not words.strip():  # a blank line: in a fence or not, it changes nothing
            if fence is None:
                yield i
            continue
        indent = len(line) - len(words)
        first = words[0]
        if fence is not None:
            if indent < fence[1]:
                fence = None  # its list item ended: CommonMark closes the fence there
            else:
                match = _ANY_FENCE.match(line) if first == fence[0][0] else None
                if match is not None and len(match.group(2)) >= len(fence[0]) \
                        and indent - fence[1] < 4 and not line[match.end():].strip():
                    fence = None
                continue
        while items and indent < items[-1]:
            items.pop()
        column = items[-1] if items else 0
        match = _ANY_FENCE.match(line) if first in "`~" else None
        if match is not None and 0 <= indent - column < 4 \
                and not (match.group(2)[0] == "`" and "`" in line[match.end():]):
            fence = (match.group(2), column)
            continue
        if (first in "-*+" or first.isdigit()) and (item := _LIST_ITEM.match(line)) is not None \
                and indent - column < 4:
            spaces = len(item.group(3))
            items.append(item.end(2) + (spaces if 1 <= spaces <= 4 and line[item.end():].strip() else 1))
        yield i


_FENCE_INFO = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*(.*)$")
_DIRECTIVE = re.compile(r"\{([A-Za-z][\w:-]*)\}")
LITERAL_DIRECTIVES = frozenset({
    "code-block", "code", "sourcecode", "code-cell", "literalinclude", "parsed-literal",
    "math", "raw", "eval-rst", "csv-table", "mermaid", "graphviz", "highlight",
})
"""MyST directives whose fenced body is not Markdown: code, maths, reStructuredText, data."""


def markdown_lines(lines: Sequence[str]) -> Iterator[int]:
    """The indexes of the lines MyST reads as Markdown: those of :func:`outside_fences`, and
    the body of a fenced directive that holds Markdown (````` ```{note} `````,
    ````` ```{admonition} Hours `````): MyST's own directive syntax, where
    :func:`outside_fences` sees only code. A fence inside such a body is code again."""
    fences: list[tuple[str, bool]] = []  # each open fence's marker, and whether it is Markdown
    for i, line in enumerate(lines):
        match = _FENCE_INFO.match(line)
        if match is not None:
            marker, info = match.group(1), match.group(2)
            top = fences[-1] if fences else None
            if top is not None and marker[0] == top[0][0] and len(marker) >= len(top[0]) \
                    and not info.strip():
                fences.pop()
                continue
            if top is None or top[1]:
                name = _DIRECTIVE.match(info)
                fences.append((marker, name is not None and name.group(1) not in LITERAL_DIRECTIVES))
                continue
        if not fences or fences[-1][1]:
            yield i


_TICKS = re.compile(r"`+")


def code_spans(line: str) -> list[tuple[int, int]]:
    """Where the inline code of ``line`` is, as CommonMark finds it: a run of backticks opens
    a span that the next run of exactly as many closes; a run with no such run after it is
    text. Linear in the line (each run looks up the next run of its length), where a pattern
    retried every backtick to the end of the line (1.6 s for 32 KB of them).
    """
    runs = [(match.start(), match.end()) for match in _TICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last_of_length.get(length)
        last_of_length[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


def outside_code(line: str, change: Callable[[str], str]) -> str:
    """``line`` with ``change`` applied to each part that is not inline code."""
    out, pos = [], 0
    for start, end in code_spans(line):
        out.append(change(line[pos:start]))
        out.append(line[start:end])
        pos = end
    out.append(change(line[pos:]))
    return "".join(out)


_COLONS = re.compile(r"^[ \t]*(:{3,})")


def container_fence(inside: Sequence[str]) -> str:
    """The colons of a MyST fence put around ``inside``: longer than any run of colons
    that starts one of its lines, so a fence inside stays inside."""
    return ":" * max(3, 1 + max((len(m.group(1)) for line in inside if (m := _COLONS.match(line))),
                                default=0))


def closing_lines(lines: Sequence[str], prose: Iterable[int], tag: re.Pattern[str]) -> dict[int, int]:
    """``{line of a start tag: line of the end tag that closes it}`` for the element ``tag``
    finds (its groups: the ``/`` of an end tag, the ``/`` of a self-closing one), in one pass
    over the ``prose`` lines: an element never closed is not read to the page's end once per
    start tag."""
    opened: list[int] = []
    closing: dict[int, int] = {}
    for i in prose:
        code, at = code_spans(lines[i]) if "`" in lines[i] else [], 0
        for found in tag.finditer(lines[i]):
            while at < len(code) and code[at][1] <= found.start():
                at += 1
            if found.group(2) or at < len(code) and code[at][0] <= found.start():
                continue  # self-closing, or shown as code (`<div>` in a notice that explains markup)
            if not found.group(1):
                opened.append(i)
            elif opened:
                closing.setdefault(opened.pop(), i)
    return closing

"""Flatten lists and quotes nested deeper than the Markdown reader can follow, line for line.

Plain Python with no Sphinx import. markdown-it (under MyST) stops at 20 levels of
nesting: a list ten deep, or a quote twenty deep, loses its deepest part *and every line
after it* without a word. kramdown had no such limit. Here the deeper items are moved up
to the deepest level that is safe (their words kept, in order) and each place is
reported with its line. Code fences are left alone; the number of lines never changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagesource.fences import outside_fences

MAX_LIST_DEPTH = 8   # each list level costs two nesting levels (list, item) of 20
MAX_QUOTE_DEPTH = 15  # leaves room for a list or two inside the quote

_QUOTE = re.compile(r"^((?: {0,3}>(?:[ ](?! {0,2}>))?)+)(.*)$")
_ITEM = re.compile(r"^( *)([*+-]|\d{1,9}[.)])( +|$)")
_MARKER = re.compile(r"(?:[*+-]|\d{1,9}[.)]) +")
_MARKERS = re.compile(r"(?:(?:[*+-]|\d{1,9}[.)]) +)+")


MAX_MIXED_COST = 14
"""Quotes and lists opened on one line (``> - > - …``): a quote costs the reader one level,
a list two (the list, its item); past this the markers left are kept as the line's words.
Typst's show-rule depth stopped the PDF at 16 (ten quotes, a list, six quotes)."""
_CONTAINERS = re.compile(r"(?: {0,3}>[ ]?| {0,3}(?:[*+-]|\d{1,9}[.)])(?: +|$))+")
_CONTAINER = re.compile(r" {0,3}>[ ]?| {0,3}(?:[*+-]|\d{1,9}[.)])(?: +|$)")


def _mixed(line: str) -> tuple[str, int] | None:
    """The line with quotes and lists it opens in turn cut to what the reader follows, and
    their cost, when they cost more (18F-style checklists never do; a hostile page's
    ``> - `` forty times lost its words and stopped the PDF)."""
    opened = _CONTAINERS.match(line)
    if opened is None or ">" not in opened.group(0) or not _MARKER.search(opened.group(0)):
        return None
    costs = [1 if ">" in token else 2 for token in _CONTAINER.findall(opened.group(0))]
    if sum(costs) <= MAX_MIXED_COST:
        return None
    tokens = _CONTAINER.findall(opened.group(0))
    kept, spent = [], 0
    for token, cost in zip(tokens, costs):
        if spent + cost > MAX_MIXED_COST:
            break
        kept.append(token)
        spent += cost
    rest = opened.group(0)[sum(map(len, kept)):]
    return "".join(kept) + rest.replace(">", "\\>") + line[opened.end():], sum(costs)


def _count_markers(run: str) -> int:
    return len(_MARKER.findall(run))


@dataclass(frozen=True)
class Flattened:
    """A list or quote that was nested too deep, from ``line`` (1-based in the text)."""

    line: int
    what: str  # "list" or "quote"
    depth: int


def flatten(text: str) -> tuple[str, list[Flattened]]:
    """``text`` with too-deep lists and quotes moved up, and where that was done."""
    lines = text.split("\n")
    found: list[Flattened] = []
    stack: list[tuple[int, int]] = []  # (marker indent, content indent) of the open list items
    reported_list = reported_quote = False
    for i in outside_fences(lines):
        line = lines[i]
        if mixed := _mixed(line):
            lines[i] = mixed[0]
            found.append(Flattened(i + 1, "mixed", mixed[1]))
            continue
        if match := _QUOTE.match(line):
            depth = match.group(1).count(">")
            if depth > MAX_QUOTE_DEPTH:
                lines[i] = "> " * MAX_QUOTE_DEPTH + match.group(2)
                if not reported_quote:
                    found.append(Flattened(i + 1, "quote", depth))
                reported_quote = True
            else:
                reported_quote = False
            continue
        reported_quote = False
        if not line.strip():
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        item = _ITEM.match(expanded)
        if not item:
            if indent == 0:  # a paragraph at the margin ends every open list
                stack.clear()
                reported_list = False
            continue
        while stack and indent < stack[-1][1]:  # not inside the item above: its sibling or higher
            stack.pop()
        content = indent + len(item.group(2)) + max(1, len(item.group(3)))
        stack.append((indent, content))
        depth = len(stack)
        markers = _MARKERS.match(expanded, content)  # `- - - - item`: a list in each marker
        if markers and depth + _count_markers(markers.group(0)) > MAX_LIST_DEPTH:
            keep = max(0, MAX_LIST_DEPTH - depth)
            inner = _MARKER.findall(markers.group(0))[:keep]
            lines[i] = expanded[:content] + "".join(inner) + expanded[markers.end():]
            if not reported_list:
                found.append(Flattened(i + 1, "list", depth + _count_markers(markers.group(0))))
            reported_list = True
            continue
        if depth > MAX_LIST_DEPTH:
            target = stack[MAX_LIST_DEPTH - 1][0]
            lines[i] = " " * target + expanded.lstrip(" ")
            if not reported_list:
                found.append(Flattened(i + 1, "list", depth))
            reported_list = True
    return "\n".join(lines), found

"""Docusaurus' MDX code in a page, left out as Docusaurus left it out of what readers saw.

Plain Python with no Sphinx import; every line keeps its number (a line left out is blank).
A page copied from a Docusaurus ``docs/`` folder starts with ``import Tabs from
'@theme/Tabs';`` lines and may hold ``export const …`` lines and ``{/* comments */}``: MyST
showed them as paragraphs. They are code for that site, and a comment may hold notes its
writer never showed (as Obsidian's ``%%``): each is left out, and said once per page with
its lines, never a comment's words. A ``<TabItem label="Windows">`` line is the label in
bold (the tabs are shown one after another; the label was an attribute, lost with the element).
Its boxes (``:::tip Title``) are ``maths.switch``'s.
"""

from __future__ import annotations

import re

from pagesource.fences import markdown_lines

from .mkdocs import Kind, Problem

_IMPORT = re.compile(r"""^import\s+(?:[\w$]+\s*(?:,\s*)?)?(?:\{[^{}]*\}\s*|\*\s+as\s+[\w$]+\s*)?(?:from\s+)?(['"])[^'"\n]+\1\s*(?:;\s*)?$""")
r"""An MDX import line; never two runs of spaces side by side (``\s*,?\s*`` split
200,000 spaces every way: minutes for one line)."""
_IMPORT_OPEN = re.compile(r"^import\s+(?:[\w$]+\s*,\s*)?\{[^{}]*$")
_IMPORT_CLOSE = re.compile(r"""^[^{}]*\}\s*from\s+(['"])[^'"\n]+\1\s*(?:;\s*)?$""")
_TAB_ITEM = re.compile(r"^(?P<indent>[ \t]*)<TabItem\b(?P<attrs>[^<>]*)>[ \t]*$")
_TAB_LABEL = re.compile(r"""\b(?P<key>label|value)\s*=\s*(?:\{\s*)?(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|`(?P<tick>[^`$]*)`)""")
"""A tab's ``label`` or ``value``: quoted, or a JSX expression of one string (``{'Windows'}``,
``{`Windows`}``, a template literal without ``${}``)."""
_EXPORT = re.compile(r"^export\s+(?:const|let|var|function|default)\b.*;\s*$")


def rewrite(text: str, body_start: int = 0) -> tuple[str, tuple[Problem, ...]]:
    """``text`` without its MDX imports, exports and comments, line for line."""
    if "import" not in text and "export" not in text and "{/*" not in text and "<TabItem" not in text:
        return text, ()
    lines = text.split("\n")
    code: list[int] = []
    comments: list[int] = []
    prose = [i for i in markdown_lines(lines) if i >= body_start]
    opened: int | None = None
    for i in prose:
        line = lines[i]
        if opened is not None:
            if _IMPORT_CLOSE.match(line) or i - opened > 30:
                if _IMPORT_CLOSE.match(line):
                    code.extend(range(opened, i + 1))
                opened = None
            continue
        if _IMPORT.match(line) or _EXPORT.match(line):
            code.append(i)
        elif _IMPORT_OPEN.match(line):
            opened = i
        elif "{/*" in line and _comment_spans(line):
            comments.append(i)
        elif "<TabItem" in line and (tab := _TAB_ITEM.match(line)) is not None:
            lines[i] = tab.group("indent") + _tab_label(tab.group("attrs"))
    problems = []
    for i in code:
        lines[i] = ""
    for i in comments:
        line = lines[i]
        lines[i] = "".join(line[start:end] for start, end in
                           _between([0, *(p for span in _comment_spans(line) for p in span), len(line)]))
    if code:
        problems.append(Problem(code[0] + 1, Kind.MDX_CODE, (
            f"Docusaurus' MDX code (`{text.split(chr(10))[code[0]].strip()[:60]}`{_more(code)}) is "
            "left out of every edition: it is code for that site, not words; remove it, and write "
            "what a component it brought in (<Tabs>, <TabItem>) showed as Markdown")))
    if comments:
        problems.append(Problem(comments[0] + 1, Kind.MDX_COMMENT, (
            f"an MDX comment ({{/* … */}}{_more(comments)}) is left out of every edition: "
            "Docusaurus hid it, and it may hold private notes; to publish its words, write them "
            "without {/* and */}, or delete the comment")))
    return "\n".join(lines), tuple(problems)


def _tab_label(attrs: str) -> str:
    """A ``<TabItem label="Windows">`` line as the tab's label in bold, where the tabs are
    shown one after another: the label was an attribute, left out with the element."""
    import html

    found = {m.group("key"): next(v for v in m.group("double", "single", "tick") if v is not None)
             for m in _TAB_LABEL.finditer(attrs)}
    label = (found.get("label") or found.get("value") or "").strip()
    # JSX reads an entity in a quoted attribute (label="Salt &amp; pepper"): escaped once
    return f"<p><strong>{html.escape(html.unescape(label))}</strong></p>" if label else ""


def _comment_spans(line: str) -> list[tuple[int, int]]:
    """Where each ``{/* … */}`` of ``line`` starts and ends, in one pass (a lazy pattern read
    to the line's end from every unclosed ``{/*``: 10 s for a line of 20,000)."""
    spans, pos = [], 0
    while (start := line.find("{/*", pos)) >= 0:
        end = line.find("*/}", start + 3)
        if end < 0:
            break
        spans.append((start, end + 3))
        pos = end + 3
    return spans


def _between(points: list[int]) -> list[tuple[int, int]]:
    """The spans outside the comments: (0, first start), (first end, second start) …"""
    return [(points[k], points[k + 1]) for k in range(0, len(points) - 1, 2)]


def _more(lines: list[int]) -> str:
    """The other lines of a kind, as the warning names them."""
    others = sorted({i + 1 for i in lines[1:]} - {lines[0] + 1})
    if not others:
        return ""
    shown = ", ".join(map(str, others[:10])) + (", …" if len(others) > 10 else "")
    return f"; and line{'s' if len(others) > 1 else ''} {shown}"

"""Remove kramdown's own syntax that CommonMark would print as text, line for line.

Plain Python with no Sphinx import. kramdown attribute lists (``{: .class}``,
``{:toc}``, ``text{: #id}``), extensions (``{::options ... /}``, ``{::comment}``,
``{::nomarkdown}``), heading ids (``## Title {#id}``, kept as a
MyST target ``(id)=`` on the blank line above when there is one), the ``* TOC`` marker, the
end-of-block ``^`` line, abbreviation definitions and the wrappers of
``<div markdown="1">`` blocks (so their Markdown is read as Markdown) style how kramdown rendered a page;
in the publication the theme does that, so they are removed. Removed lines become empty
lines: every other line keeps its number. Code (fences and inline) is left alone.
"""

from __future__ import annotations

import re

from pagesource.fences import outside_fences

_ONLY_IAL = re.compile(r"^\s*(?:\{:[^{}\n]*\}\s*)+$")
_TOC_MARKER = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+TOC\s*$")
_TOC_IAL = re.compile(r"^\s*\{:\s*toc\s*\}\s*$")
_INLINE_IAL = re.compile(r"\{:(?!:)[^{}\n]*\}|\{::[^{}\n]*/\}|\{:/(?:\w+)?\}|\{::(?:nomarkdown|options)[^{}\n]*\}")
_COMMENT = re.compile(r"\{::comment\}.*?(?:\{:/comment\}|\{:/\})", re.S)
_OPEN_COMMENT = re.compile(r"\{::comment\}")
_HEADING_ID = re.compile(r"^( {0,3}#{1,6}[ \t].*?)[ \t]*\{#([\w:.-]+)\}[ \t]*$")
_END_OF_BLOCK = re.compile(r"^\s*\^\s*$")
_ABBREVIATION = re.compile(r"^\s*\*\[[^\]]+\]:")
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")
_MARKDOWN_OPEN = re.compile(r"""^\s*<(\w+)\b[^<>]*\bmarkdown\s*=\s*["']?(?:1|block|span)["']?[^<>]*>\s*$""", re.I)
_CLOSE = re.compile(r"^\s*</(\w+)\s*>\s*$")
_QUOTE_PREFIX = re.compile(r"^((?: {0,3}>[ \t]?)*)(.*)$")


def opens_markdown_block(line: str) -> bool:
    """``<div markdown="1">`` (or ``block``, ``span``): a wrapper :func:`clean` removes."""
    return _MARKDOWN_OPEN.match(line) is not None


def unclosed_comments(text: str) -> list[int]:
    """The lines of ``{::comment}`` openers that are never closed (kramdown hid the rest)."""
    rest = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [rest.count("\n", 0, m.start()) + 1 for m in _OPEN_COMMENT.finditer(rest)]


def clean(text: str) -> str:
    """``text`` without kramdown leftovers, with exactly as many lines.

    An unclosed ``{::comment}`` hid the rest of the page on the old site; here only the
    opener goes, and the text after it stays (:func:`unclosed_comments` says where).
    """
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _OPEN_COMMENT.sub("", text)
    lines = text.split("\n")
    wrappers: list[str] = []  # open `<div markdown="1">` tags, innermost last
    tocs = _tables_of_contents(lines)
    for i in outside_fences(lines):
        if i in tocs:
            lines[i] = tocs[i]
            continue
        line = lines[i]
        quote, inside = _QUOTE_PREFIX.match(line).group(1, 2)
        if match := _MARKDOWN_OPEN.match(inside):  # kramdown parses inside; CommonMark would not
            wrappers.append(match.group(1).lower())
            lines[i] = quote.rstrip()
            continue
        if wrappers and (match := _CLOSE.match(inside)) and match.group(1).lower() == wrappers[-1]:
            wrappers.pop()
            lines[i] = quote.rstrip()
            continue
        if (match := _HEADING_ID.match(line)) and i > 0 and not lines[i - 1].strip():
            lines[i - 1] = f"({match.group(2)})="  # a MyST target keeps `#id` links working
        lines[i] = _clean_line(line, lines[i + 1] if i + 1 < len(lines) else "")
    return "\n".join(lines)


TOC_DIRECTIVE = "jekyll-toc"
"""The directive a ``1. TOC`` + ``{:toc}`` list becomes: the page's own contents list."""

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SUMMARY = re.compile(r"<summary\b[^<>]*>(.*?)</summary\s*>", re.I | re.S)
_TAG = re.compile(r"<[^<>]*>")


def no_toc_headings(lines: list[str]) -> list[int]:
    """The 0-based lines of the headings ``{: .no_toc }`` keeps out of kramdown's contents."""
    code = set(range(len(lines))) - set(outside_fences(lines))
    return [i for i in range(len(lines) - 1) if i not in code and _ATX.match(lines[i])
            and _ONLY_IAL.match(lines[i + 1]) and re.search(r"\.no_toc\b", lines[i + 1])]


def _tables_of_contents(lines: list[str]) -> dict[int, str]:
    """``{line: its new text}`` for each ``1. TOC`` + ``{:toc}`` (kramdown's generated contents).

    The two lines become the ``jekyll-toc`` directive; the label kramdown's theme showed
    above it (a ``{: .no_toc }`` heading such as ``## Table of contents``, or the
    ``<summary>`` of the ``<details>`` around it) becomes the list's title instead of a
    heading with nothing under it.
    """
    found: dict[int, str] = {}
    prose = list(outside_fences(lines))
    for i in prose:
        if not (_TOC_MARKER.match(lines[i]) and i + 1 < len(lines) and _TOC_IAL.match(lines[i + 1])):
            continue
        title, used = _toc_label(lines, i)
        indent = " " * min(3, len(lines[i]) - len(lines[i].lstrip()))
        title = " ".join(title.replace("`", "").split())
        found.update({j: "" for j in used})
        found[i] = f"{indent}```{{{TOC_DIRECTIVE}}}" + (f" {title}" if title else "")
        found[i + 1] = f"{indent}```"
    return found


def _toc_label(lines: list[str], marker: int) -> tuple[str, list[int]]:
    """(the label shown above a TOC marker, the lines it took), or ("", [])."""
    j, between = marker - 1, []
    while j >= 0 and (not lines[j].strip() or _ONLY_IAL.match(lines[j])):
        between.append(j)
        j -= 1
    if j < 0:
        return "", []
    heading = _ATX.match(lines[j])
    if heading and any(re.search(r"\.no_toc\b", lines[k]) for k in between):
        return _INLINE_IAL.sub("", heading.group(1)).strip(), [j, *between]
    if "</summary" in lines[j].lower():
        start = j
        while start > max(0, j - 5) and "<summary" not in lines[start].lower():
            start -= 1
        summary = _SUMMARY.search("\n".join(lines[start:j + 1]))
        if summary:
            return _TAG.sub("", summary.group(1)).strip(), [*range(start, j + 1), *between]
    return "", []


def _clean_line(line: str, following: str) -> str:
    """One line outside code, cleaned; ``following`` tells a ``* TOC`` marker from a list."""
    if _ONLY_IAL.match(line) or _END_OF_BLOCK.match(line) or _ABBREVIATION.match(line):
        return ""
    if _TOC_MARKER.match(line) and _TOC_IAL.match(following):
        return ""
    if match := _HEADING_ID.match(line):
        line = match.group(1)
    return _outside_code(line, lambda part: _INLINE_IAL.sub("", part))


def _outside_code(line: str, change) -> str:
    """Apply ``change`` to the parts of ``line`` that are not inline code."""
    out, pos = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(change(line[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(line[pos:]))
    return "".join(out)

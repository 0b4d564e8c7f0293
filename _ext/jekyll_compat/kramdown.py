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
    for i in outside_fences(lines):
        line = lines[i]
        if match := _MARKDOWN_OPEN.match(line):  # kramdown parses inside; CommonMark would not
            wrappers.append(match.group(1).lower())
            lines[i] = ""
            continue
        if wrappers and (match := _CLOSE.match(line)) and match.group(1).lower() == wrappers[-1]:
            wrappers.pop()
            lines[i] = ""
            continue
        if (match := _HEADING_ID.match(line)) and i > 0 and not lines[i - 1].strip():
            lines[i - 1] = f"({match.group(2)})="  # a MyST target keeps `#id` links working
        lines[i] = _clean_line(line, lines[i + 1] if i + 1 < len(lines) else "")
    return "\n".join(lines)


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

r"""MathJax's ``\\(…\\)`` and ``\\[…\\]`` written as MyST maths, line for line.

Plain Python, no Sphinx. kramdown reads ``\\`` as one backslash, so Jekyll pages made for
MathJax (academicpages and its kin) write ``\\(a^2\\)``: the old site's HTML held
``\(a^2\)``, which MathJax typeset in the reader's browser. MyST reads it the same way, but
no edition loads MathJax (formulas are MathML or Typst, made at build time), so the
delimiters were shown as text. Before MyST reads such a page, they become MyST maths;
code is left alone and every line keeps its number:

- ``\\[`` alone on a line opens a ```` ```{math} ```` block that ``\\]`` alone on a later
  line of the same paragraph closes; ``\\[`` starting a line and ``\\]`` ending one do too,
  when the blank lines around the paragraph can hold the fence's lines;
- ``\\[ x \\]`` as a line of its own after a blank line is a block holding ``x``;
- ``\\( x \\)``, and ``\\[ x \\]`` within a line of text, become ``{math}`x```.

Inside the maths, Markdown's backslash escapes are read as the page's Markdown reader read
them before MathJax saw the text (``\\\\`` is LaTeX's line break ``\\``, ``\{`` a brace):
kramdown's set on a Jekyll site, CommonMark's elsewhere.
"""

from __future__ import annotations

import re
import string

from pagesource.fences import body_start, outside_code, outside_fences

from .doubledollar import after_html_block, math_role

KRAMDOWN_ESCAPES = "\\.*_+`<>()[]{}#!:|\"'$=-"
"""What kramdown's ``\\`` escapes (its ``ESCAPED_CHARS``)."""
COMMONMARK_ESCAPES = string.punctuation
"""What CommonMark's ``\\`` escapes: every ASCII punctuation character."""

_INLINE = re.compile(r"(?<!\\)\\\\\((.+?)\\\\\)|(?<!\\)\\\\\[(.+?)\\\\\]")
_OPEN = re.compile(r"^(\s*)\\\\\[(.*)$")
_CLOSE = re.compile(r"^(.*?)\\\\\]\s*$")
_ALONE = re.compile(r"^(\s*)\\\\\[(.+?)\\\\\]\s*$")


def convert(text: str, escapes: str = KRAMDOWN_ESCAPES) -> str:
    """``text`` with MathJax's delimited maths written as MyST maths, line for line."""
    if "\\\\(" not in text and "\\\\[" not in text:
        return text
    lines = text.split("\n")
    start = body_start(lines)
    prose = list(outside_fences(lines, start))
    is_prose = set(prose)
    unescape = _unescaper(escapes)
    done = -1
    for i in prose:
        if i <= done:
            continue
        if (alone := _ALONE.match(lines[i])) and _blank(lines, i - 1, start, is_prose):
            lines[i - 1] = f"{alone.group(1)}```{{math}} {unescape(alone.group(2)).strip()}"
            lines[i] = alone.group(1) + "```"
            done = i
        elif _OPEN.match(lines[i]) and (end := _display(lines, i, start, is_prose)) is not None:
            done = _write_display(lines, i, end, start, is_prose, unescape)
        elif "\\\\" in lines[i]:
            lines[i] = outside_code(lines[i], lambda part: _INLINE.sub(
                lambda m: _inline(m, unescape), part))
    return "\n".join(lines)


def _inline(match: re.Match[str], unescape) -> str:
    latex = unescape(match.group(1) or match.group(2))
    return math_role(latex) if latex.strip() else match.group(0)


def _unescaper(escapes: str):
    pattern = re.compile(r"\\([" + re.escape(escapes) + "])")
    return lambda latex: pattern.sub(r"\1", latex)


def _blank(lines: list[str], i: int, start: int, is_prose: set[int]) -> bool:
    """A blank line a fence may be written on: none that ends an HTML block (:func:`after_html_block`)."""
    return i >= start and i in is_prose and not lines[i].strip() and not after_html_block(lines, i, start)


def _display(lines: list[str], first: int, start: int, is_prose: set[int]) -> int | None:
    """The line that closes the display maths opened at ``first``, or None: in the same
    paragraph, with room for the fence's lines (the opener alone on its line or a blank
    line before it; the closer alone on its line, a blank line after it or the page's end)."""
    opened = _OPEN.match(lines[first])
    rest = opened.group(2)
    if "\\\\]" in rest or "\\\\[" in rest:
        return None
    if rest.strip() and not _blank(lines, first - 1, start, is_prose):
        return None
    for end in range(first + 1, len(lines)):
        if end not in is_prose or not lines[end].strip() or "\\\\[" in lines[end]:
            return None
        if (closed := _CLOSE.match(lines[end])) is None:
            if "\\\\]" in lines[end]:
                return None
            continue
        if "\\\\]" in closed.group(1):
            return None
        if closed.group(1).strip() and end + 1 < len(lines) \
                and not _blank(lines, end + 1, start, is_prose):
            return None
        return end
    return None


def _write_display(lines: list[str], first: int, end: int, start: int, is_prose: set[int],
                   unescape) -> int:
    """Write lines ``first``..``end`` as a ```` ```{math} ```` block; the last line written."""
    indent = _OPEN.match(lines[first]).group(1)
    opening = _OPEN.match(lines[first]).group(2)
    closing = _CLOSE.match(lines[end]).group(1)
    for i in range(first + 1, end):
        lines[i] = unescape(lines[i])
    if opening.strip():
        lines[first - 1] = indent + "```{math}"
        lines[first] = indent + unescape(opening.strip())
    else:
        lines[first] = indent + "```{math}"
    if not closing.strip():
        lines[end] = indent + "```"
        return end
    lines[end] = unescape(closing.rstrip())
    if end + 1 < len(lines):
        lines[end + 1] = indent + "```"
    else:
        lines.append(indent + "```")
    return end + 1

r"""``$$…$$`` is maths on every page, as kramdown read it; a single ``$`` stays text.

Plain Python, no Sphinx. kramdown (the old site's Markdown) takes ``$$…$$`` as a formula,
inline or on lines of its own, and never a single ``$``. MyST would need ``dollarmath``
for ``$$``, which also turns every "$2,000 … $1,000" into a formula. So before MyST reads
a page, kramdown's maths is written as MyST's; code is left alone, and every line keeps its
number:

- ``$$`` on a line of its own opens or closes a ```` ```{math} ```` block;
- a block (blank lines around it) that starts with ``$$`` and ends with ``$$`` is display
  maths, as kramdown reads it: ``$$ a = b $$`` alone, or ``$$\begin{align}`` … ``\end{align}$$``
  over several lines. The blank lines around it hold the fence's opening and closing;
- ``$$x$$`` or ``$$ x $$`` inside a line becomes ``{math}`x```.
"""

from __future__ import annotations

import re

from pagesource.fences import body_start, outside_code, outside_fences

_INLINE = re.compile(r"\$\$(?!\s*\$\$)(.+?)\$\$")
_ALONE = re.compile(r"^(\s*)\$\$\s*$")
_OPENS = re.compile(r"^( {0,3})\$\$(?!\$)")


def convert(text: str) -> str:
    """``text`` with kramdown's ``$$`` maths written as MyST maths, line for line."""
    if "$$" not in text:
        return text
    lines = text.split("\n")
    start = body_start(lines)
    prose = list(outside_fences(lines, start))
    is_prose = set(prose)
    opened: int | None = None
    done = -1  # the last line a display block was written on
    for i in prose:
        if i <= done:
            continue
        alone = _ALONE.match(lines[i])
        if alone and opened is None:
            opened = i
        elif alone:
            indent = _ALONE.match(lines[opened]).group(1)
            lines[opened], lines[i] = indent + "```{math}", indent + "```"
            opened = None
        elif opened is None and (end := _display_block(lines, i, start, is_prose)) is not None:
            done = _write_display(lines, i, end)
        elif opened is None and "$$" in lines[i]:
            lines[i] = _outside_code(lines[i])
    return "\n".join(lines)


_ONE_FORMULA = re.compile(r"^\s*\$\$(?:(?!\$\$).)+\$\$\s*$")


def convert_inline(text: str) -> str:
    """``text`` with each ``$$…$$`` inside a line written as ``{math}`…```, line for line:
    for a ``math: true`` page, whose parser reads ``$$`` on lines of their own itself but
    shows ``$$x$$`` in a sentence as ``$``, a formula, ``$`` (kramdown's inline maths, which
    Chirpy's and other themes' posts write so)."""
    if "$$" not in text:
        return text
    lines = text.split("\n")
    for i in outside_fences(lines, body_start(lines)):
        if "$$" in lines[i] and not _ONE_FORMULA.match(lines[i]):
            lines[i] = _outside_code(lines[i])
    return "\n".join(lines)


def _write_display(lines: list[str], first: int, end: int) -> int:
    """Write the display maths on ``first``..``end`` as a ```` ```{math} ```` block, opened on
    the blank line before it; the last line written. Neighbouring blocks share the blank
    line between them, so the closing goes on the block's own last line: one line's
    formula is the directive's argument (``.. math:: a = b``), and a longer one's last line
    joins the line above it (LaTeX reads a line end as a space)."""
    indent = _OPENS.match(lines[first]).group(1)
    inner = [lines[first].lstrip()[2:], *lines[first + 1:end + 1]]
    inner[-1] = inner[-1].rstrip()[:-2]
    if len(inner) == 1:
        lines[first - 1] = f"{indent}```{{math}} {inner[0].strip()}"
        lines[first] = indent + "```"
        return first
    if inner[-1].strip():
        if "%" in inner[-2] or len(lines) == end + 1 or lines[end + 1].strip():
            return _write_closing_after(lines, first, end, indent, inner)
        inner[-2:] = [inner[-2].rstrip() + " " + inner[-1].strip()]
    else:
        inner.pop()
    lines[first - 1] = indent + "```{math}"
    lines[first:end] = [indent + inner[0].strip(), *inner[1:]]
    lines[end] = indent + "```"
    return end


def _write_closing_after(lines: list[str], first: int, end: int, indent: str,
                         inner: list[str]) -> int:
    """The block's last line cannot join the one above (a ``%`` comment there would swallow
    it): the closing takes the blank line after the block, or a new last line."""
    lines[first - 1] = indent + "```{math}"
    lines[first:end + 1] = [indent + inner[0].strip(), *inner[1:]]
    if end + 1 < len(lines):
        lines[end + 1] = indent + "```"
    else:
        lines.append(indent + "```")
    return end + 1


def _display_block(lines: list[str], first: int, start: int, is_prose: set[int]) -> int | None:
    """The last line of the display maths that starts at ``first`` (``$$`` opening a block,
    ``$$`` closing it, as kramdown reads it), or None. The block needs a blank line before it
    (the fence's opening) and a blank line or the page's end after it."""
    if not _OPENS.match(lines[first]) or first - 1 < start or first - 1 not in is_prose \
            or lines[first - 1].strip() or after_html_block(lines, first - 1, start):
        return None
    opening = lines[first].index("$$") + 2
    for end in range(first, len(lines)):
        if end not in is_prose or (end > first and not lines[end].strip()):
            return None
        line = lines[end].rstrip()
        inner_start = opening if end == first else 0
        closes = line.endswith("$$") and len(line) - 2 >= inner_start
        inner = line[inner_start:len(line) - 2] if closes else line[inner_start:]
        if "$$" in inner:
            return None  # inline maths within a paragraph: `$$a$$ and $$b$$`
        if closes:
            body = "\n".join([lines[first][opening:], *lines[first + 1:end + 1]])[:-2]
            if not body.strip() or (end + 1 < len(lines) and lines[end + 1].strip()):
                return None
            return end
    return None


_HTML_START = re.compile(r"^ {0,3}<[A-Za-z/!?]")


def after_html_block(lines: list[str], blank: int, start: int) -> bool:
    """Whether the block that ends at the blank line ``blank`` starts with a tag (``</details>``,
    ``<div>``): an HTML block, which only a blank line ends. A fence's opening written on that
    line joined the block, and the formula was shown as typed, "```{math} x+y```" (the
    ``<details>`` box before it emptied): the formula is then inline maths on its own line."""
    at = blank - 1
    while at >= start and lines[at].strip():
        at -= 1
    return at + 1 < blank and bool(_HTML_START.match(lines[at + 1]))


def _role(match: re.Match[str]) -> str:
    return math_role(match.group(1)) if match.group(1).strip() else match.group(0)


def math_role(latex: str) -> str:
    """``{math}`latex```, with enough backticks around it for the backticks inside."""
    latex = latex.strip()
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", latex)), default=0) + 1)
    pad = " " if latex.startswith("`") or latex.endswith("`") else ""
    return f"{{math}}{ticks}{pad}{latex}{pad}{ticks}"


def _outside_code(line: str) -> str:
    return outside_code(line, lambda part: _INLINE.sub(_role, part))

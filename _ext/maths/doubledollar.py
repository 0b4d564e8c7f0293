"""``$$…$$`` is maths on every page, as kramdown read it; a single ``$`` stays text.

Plain Python, no Sphinx. kramdown (the old site's Markdown) takes ``$$…$$`` as a formula,
inline or on lines of its own, and never a single ``$``. MyST would need ``dollarmath``
for ``$$``, which also turns every "$2,000 … $1,000" into a formula. So before MyST reads
a page, ``$$`` on a line of its own opens or closes a ```` ```{math} ```` block, and
``$$x$$`` inside a line becomes ``{math}`x```; code is left alone, and every line keeps its
number.
"""

from __future__ import annotations

import re

from pagesource.fences import outside_code, outside_fences

_INLINE = re.compile(r"\$\$(?=\S)(.+?)(?<=\S)\$\$")
_ALONE = re.compile(r"^(\s*)\$\$\s*$")


def convert(text: str) -> str:
    """``text`` with kramdown's ``$$`` maths written as MyST maths, line for line."""
    if "$$" not in text:
        return text
    lines = text.split("\n")
    prose = list(outside_fences(lines, _body_start(lines)))
    opened: int | None = None
    for i in prose:
        alone = _ALONE.match(lines[i])
        if alone and opened is None:
            opened = i
        elif alone:
            indent = _ALONE.match(lines[opened]).group(1)
            lines[opened], lines[i] = indent + "```{math}", indent + "```"
            opened = None
        elif opened is None and "$$" in lines[i]:
            lines[i] = _outside_code(lines[i])
    return "\n".join(lines)


def _body_start(lines: list[str]) -> int:
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            return end + 1
    return 0


def _role(match: re.Match[str]) -> str:
    latex = match.group(1)
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", latex)), default=0) + 1)
    pad = " " if latex.startswith("`") or latex.endswith("`") else ""
    return f"{{math}}{ticks}{pad}{latex}{pad}{ticks}"


def _outside_code(line: str) -> str:
    return outside_code(line, lambda part: _INLINE.sub(_role, part))

"""Event attributes written in Markdown's attribute lists: MyST's ``{onclick="…"}`` after a
link or picture, kramdown's ``{: onclick=… .big}`` IALs. Neither reaches a page (MyST keeps
only ids, classes and a few known keys; the kramdown cleaning drops IALs), but they were
dropped unsaid, and a page's author meant something to happen. Plain Python, no Sphinx."""

from __future__ import annotations

import re

from pagesource.fences import markdown_lines, outside_code

_ATTRIBUTE_LIST = re.compile(r"(?<![\w\\{}])\{(?![{%])[^{}\n]*\}")
"""One ``{…}`` on a line, not Liquid's ``{{ … }}`` or ``{% … %}``, nor a LaTeX argument
(``\\color{…}``, ``\\frac{a}{b}``): no nested quantifier, so linear on any line."""
_EVENT = re.compile(r"(?:^|[\s{:])(on[a-z]{2,})[ \t]*=", re.I)


def event_attributes(text: str) -> list[tuple[int, list[str]]]:
    """Each line (1-based) of ``text`` that MyST reads as Markdown with an attribute list
    naming an event handler (``onclick``), outside inline code, and the names it gives."""
    lines = text.split("\n")
    found = []
    for i in markdown_lines(lines):
        if "{" not in lines[i] or "=" not in lines[i]:
            continue
        names: list[str] = []

        def scan(part: str) -> str:
            for written in _ATTRIBUTE_LIST.finditer(part):
                if not _read_as_attributes(part, written.start(), written.end()):
                    continue  # shown as typed: loose_links says so (markup.attributes)
                names.extend(match.group(1).lower() for match in _EVENT.finditer(written.group()))
            return part

        outside_code(lines[i], scan)
        if names:
            found.append((i + 1, list(dict.fromkeys(names))))
    return found


def _read_as_attributes(part: str, start: int, end: int) -> bool:
    """Whether MyST or kramdown reads the ``{…}`` at ``part[start:end]`` as attributes: a
    kramdown IAL (``{: …}``, dropped by the kramdown cleaning), a list right after a link,
    picture, span or inline code (``](…){…}``, ``]{…}``, ``` `x`{…} ```), or one alone on its
    line (a block's). Elsewhere it is shown as typed, as words, and runs nothing."""
    if part[start + 1:start + 2] == ":":
        return True
    # start 0: the part may begin right after inline code (outside_code's pieces), said
    return start == 0 or part[start - 1:start] in (")", "]", "`") or not (part[:start].strip() or part[end:].strip())


def message(names: list[str]) -> str:
    listed = ", ".join(f"`{name}`" for name in names)
    return (f"the event attribute{'s' if len(names) > 1 else ''} {listed} in this attribute list "
            f"{'are' if len(names) > 1 else 'is'} not published: it would run a script in readers' "
            "browsers, and the publication runs no page scripts; remove it (a link's address, or "
            "the page's words, must say what readers can do)")

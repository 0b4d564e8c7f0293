"""minimal-mistakes' notices: a ``<div class="notice">`` that holds Markdown, kept a box.

Plain Python with no Sphinx import. The theme's way to put more than a paragraph in a notice
is ``{% capture notice-2 %}#### New Site Features … {% endcapture %}`` and
``<div class="notice">{{ notice-2 | markdownify }}</div>``: Jekyll wrote the Markdown as
HTML inside the box. Read as Markdown between the element's tags
(:func:`.liquid_engine._as_blocks`), the box was left empty, its heading became a section
of the page (in its contents and the PDF's outline, the page's later paragraphs under it)
and its list stood outside it.

Its start and end tags, each alone on its line, become the fence of a MyST ``container``,
so the Markdown is read inside it and a heading there is a rubric, not a section; the glue
makes the container a box labelled by what its colour meant, as a ``{: .notice--info}``
paragraph is (:mod:`.callout_boxes`).
Every line keeps its number. A notice with an ``id`` or any attribute but its class is left
as it is: the fence could not keep it.
"""

from __future__ import annotations

import re

from pagesource.fences import closing_lines, container_fence, outside_fences

from .htmlblocks import html_block_kind

_OPEN = re.compile(r"^ {0,3}<div((?:\s+[A-Za-z][\w-]*\s*=\s*(?:\"[^\"]*\"|'[^']*'))+)\s*>[ \t]*$", re.I)
_ATTRIBUTE = re.compile(r"([A-Za-z][\w-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CLOSE = re.compile(r"^[ \t]*</div\s*>[ \t]*$", re.I)
_DIV_TAG = re.compile(r"<(/?)div\b[^<>]*?(/?)>", re.I)
_NOTICE = re.compile(r"notice(?:--[\w-]+)?|bd-callout(?:-[\w-]+)?")
"""The theme's notice classes: ``notice``, ``notice--info``, ``notice--warning`` …; and
Bootstrap's docs' callouts (``bd-callout bd-callout-warning``), which Bootstrap Italia's
``callout.html`` fills with ``{{ include.content | markdownify }}`` just as."""


def boxes(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``text`` with each notice that holds Markdown as a MyST container, and (the
    container's first line, 1-based; the notice's class) for each."""
    if "notice" not in text and "bd-callout" not in text:
        return text, ()
    lines = text.split("\n")
    prose = list(outside_fences(lines))
    closing = closing_lines(lines, prose, _DIV_TAG)
    found = []
    for start in prose:
        if (notice := _notice(lines[start])) is None or start > 0 and lines[start - 1].strip():
            continue
        name, wrapper = notice
        end = _end(lines, start, closing)
        if end is None or not (wrapper or _holds_markdown(lines, start, end)):
            continue
        fence = container_fence(lines[start + 1:end])
        lines[start], lines[end] = fence + "{container}", fence
        found.append((start + 1, name))
    return "\n".join(lines), tuple(found)


def _notice(line: str) -> tuple[str, bool] | None:
    """The notice class of a line that is only a ``<div>`` start tag whose one attribute is
    its class (``markdown="1"`` aside), and whether kramdown read its content as Markdown
    (``markdown="1"``), else None."""
    tag = _OPEN.match(line)
    if tag is None:
        return None
    attributes = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                  for m in _ATTRIBUTE.finditer(tag.group(1))}
    if set(attributes) - {"class", "markdown"}:
        return None
    names = [name for name in attributes.get("class", "").split() if _NOTICE.fullmatch(name)]
    name = max(names, key=len, default=None)  # `bd-callout bd-callout-danger`: the kind it is
    return None if name is None else (name, attributes.get("markdown", "0").lower() in ("1", "block"))


def _end(lines: list[str], start: int, closing: dict[int, int]) -> int | None:
    """The line of the ``</div>`` that closes the one on line ``start``, when it is alone
    on its line, else None."""
    end = closing.get(start)
    return end if end is not None and _CLOSE.match(lines[end]) else None


def _holds_markdown(lines: list[str], start: int, end: int) -> bool:
    """Whether CommonMark reads some of the lines inside as Markdown: a line after a blank
    one that starts no HTML block and is no code."""
    return any(lines[i].strip() and not lines[i - 1].strip() and html_block_kind(lines[i]) is None
               and len(lines[i]) - len(lines[i].lstrip(" \t")) < 4
               for i in range(start + 2, end))

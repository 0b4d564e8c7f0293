"""Pull quotes: an ``<aside class="pquote">`` that holds Markdown, kept a quote of its own.

Plain Python with no Sphinx import. opensource.guide sets a quote apart as
``<aside markdown="1" class="pquote">``, its quoted words, an avatar of the person and a
``<p markdown="1" class="pquote-credit">— @name, [source](…)</p>``. kramdown's wrappers go
(:func:`.kramdown.clean`), so the quote's words were left as bare text in their section,
or read into the list item before it, in every edition: no reader could tell them from
the page's own words.

Its start and end tags, each alone on its line, become the fence of MyST's ``pull-quote``
directive: a block quote in every edition, its ``— @name`` line after a blank one its
attribution. Every line keeps its number. The avatar, a picture on another site, which the
publication never loads, would be shown as a link named "avatar": it is left out, the credit
names the person; a description that says more than that is reported (:class:`Lost`).
An aside with any attribute but its class and ``markdown`` is left as it is: the fence
could not keep it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagesource.fences import container_fence, outside_fences

_OPEN = re.compile(r"^ {0,3}<aside((?:\s+[A-Za-z][\w-]*\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))*)\s*>[ \t]*$",
                   re.I)
_ATTRIBUTE = re.compile(r"([A-Za-z][\w-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")
_CLOSE = re.compile(r"^[ \t]*</aside\s*>[ \t]*$", re.I)
_ASIDE_TAG = re.compile(r"<(/?)aside\b", re.I)
_QUOTE_CLASS = re.compile(r"p(?:ull)?-?quote", re.I)
"""The classes themes give a pull quote: ``pquote``, ``pullquote``, ``pull-quote``."""
_PICTURE = re.compile(r"^[ \t]*<img\b([^<>]*?)/?>[ \t]*$", re.I)
PORTRAIT_WORDS = frozenset({"", "avatar", "image", "picture", "photo", "portrait", "profile picture",
                            "profile photo", "user avatar", "headshot"})
"""Descriptions that only say a picture of the person is there: nothing is lost without it."""


@dataclass(frozen=True)
class Lost:
    """An avatar left out whose description said more than that it is one."""

    line: int  # 1-based, in the text given
    description: str
    address: str


def quotes(text: str, parse_block_html: bool = False) -> tuple[str, tuple[Lost, ...]]:
    """``text`` with each pull quote that holds Markdown as a MyST ``pull-quote``, and the
    avatars left out whose description is lost with them. ``parse_block_html``: the site's
    ``kramdown:`` setting, under which kramdown read every aside's content as Markdown."""
    if "aside" not in text:
        return text, ()
    lines = text.split("\n")
    lost: list[Lost] = []
    for start in list(outside_fences(lines)):
        if not _is_pull_quote(lines[start], parse_block_html) or start > 0 and lines[start - 1].strip():
            continue
        end = _end(lines, start)
        if end is None:
            continue
        fence = container_fence(lines[start + 1:end])
        lines[start], lines[end] = fence + "{pull-quote}", fence
        lost += _without_avatar(lines, start + 1, end)
    return "\n".join(lines), tuple(lost)


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): next(v for v in m.group(2, 3, 4) if v is not None)
            for m in _ATTRIBUTE.finditer(tag)}


def _is_pull_quote(line: str, parse_block_html: bool) -> bool:
    """Whether ``line`` is only the start tag of a pull quote whose content kramdown read as
    Markdown, with no attribute a fence would lose."""
    tag = _OPEN.match(line)
    if tag is None:
        return False
    attributes = _attributes(tag.group(1))
    markdown = attributes.get("markdown", "1" if parse_block_html else "0").lower() in ("1", "block")
    return markdown and not set(attributes) - {"class", "markdown"} \
        and any(_QUOTE_CLASS.fullmatch(name) for name in attributes.get("class", "").split())


def _end(lines: list[str], start: int) -> int | None:
    """The line of the ``</aside>`` alone on its line that closes the aside on ``start``,
    when no other aside opens first."""
    for i in range(start + 1, len(lines)):
        if _ASIDE_TAG.search(lines[i]):
            return i if _CLOSE.match(lines[i]) else None
    return None


def _without_avatar(lines: list[str], start: int, end: int) -> list[Lost]:
    """Blank the quote's avatar, a picture on another site alone on its line at its top."""
    first = next((i for i in range(start, end) if lines[i].strip()), None)
    picture = _PICTURE.match(lines[first]) if first is not None else None
    if picture is None:
        return []
    attributes = _attributes(picture.group(1))
    address = attributes.get("src", "").strip()
    if not any("avatar" in name.lower() for name in attributes.get("class", "").split()) \
            or not ("://" in address or address.startswith("//")):
        return []
    lines[first] = ""
    description = " ".join(attributes.get("alt", "").split())
    name = address.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    if description.casefold() in PORTRAIT_WORDS or description.casefold() == name.casefold():
        return []
    return [Lost(first + 1, description, address)]

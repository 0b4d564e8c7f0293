"""Turn a Jekyll page's text into MyST Markdown before Sphinx parses it.

Plain Python with no Sphinx import. The front matter stays as it is (MyST and pageorder
read it); the body gets its Liquid resolved (:mod:`.liquid`) and its kramdown leftovers
removed (:mod:`.kramdown`), addresses with spaces bracketed (:mod:`.spaced_urls`), and a leading ``# Title`` that repeats the front-matter
title dropped. The result has exactly the lines of the input, so every
message about the page points at the right line of the file.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

import pagesource

from . import kramdown, liquid, spaced_urls

_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def split_front_matter(text: str) -> tuple[str, str, dict[str, Any]]:
    """(front matter lines, body, front matter data); data is ``{}`` when unreadable."""
    source = pagesource.parse(text)
    if not source.closed:
        return "", text, {}
    head = text[:source.body_offset]
    if not head.endswith("\n"):
        head += "\n"
    return head, text[len(head):], source.data if source.front_matter_valid else {}


def preprocess(text: str, site: Mapping[str, Any], keep: Collection[str] = ()) -> liquid.Result:
    """The page as MyST should read it, and the Liquid tags that had to be dropped."""
    head, body, front = split_front_matter(text)
    first_line = head.count("\n") + 1
    rendered = liquid.render(body, front, site, first_line=first_line, keep=keep)
    cleaned = without_repeated_title(spaced_urls.fix(kramdown.clean(rendered.text)), front.get("title"))
    return liquid.Result(head + cleaned, rendered.dropped)


def without_repeated_title(body: str, title: object) -> str:
    """Blank a leading ``# Title`` that repeats the front-matter title.

    Jekyll layouts printed the title, so some pages also start with it as a heading; the
    publication already makes the title the page's heading, and a second one would become
    a second chapter-level heading in every edition.
    """
    if not isinstance(title, str) or not title.strip():
        return body
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return body
    match = _H1.match(lines[first])
    if match and " ".join(match.group(1).split()).casefold() == " ".join(title.split()).casefold():
        lines[first] = ""
    return "\n".join(lines)

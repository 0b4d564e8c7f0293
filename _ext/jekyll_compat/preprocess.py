"""Turn a Jekyll page's text into MyST Markdown before Sphinx parses it.

Plain Python with no Sphinx import. The front matter stays as it is (MyST and pageorder
read it); the body gets its Liquid resolved (:mod:`.liquid`) and its kramdown leftovers
removed (:mod:`.kramdown`). The result has exactly the lines of the input, so every
message about the page points at the right line of the file.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import yaml

from . import kramdown, liquid


def split_front_matter(text: str) -> tuple[str, str, dict[str, Any]]:
    """(front matter lines, body, front matter data); data is ``{}`` when unreadable."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "", text, {}
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return "", text, {}
    head = "\n".join(lines[: end + 1]) + "\n"
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date
        data = None
    return head, text[len(head):], data if isinstance(data, dict) else {}


def preprocess(text: str, site: Mapping[str, Any], keep: Collection[str] = ()) -> liquid.Result:
    """The page as MyST should read it, and the Liquid tags that had to be dropped."""
    head, body, front = split_front_matter(text)
    first_line = head.count("\n") + 1
    rendered = liquid.render(body, front, site, first_line=first_line, keep=keep)
    return liquid.Result(head + kramdown.clean(rendered.text), rendered.dropped)

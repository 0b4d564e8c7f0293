"""A page's front matter as MyST reads it (``yaml.safe_load``), with libyaml, once.

MyST reads the YAML of every page with PyYAML's pure-Python loader, and the publication
needed it three times a page (``kramdown_maths``, the maths switch, MyST's own front-matter
node): ~0.5 ms each. libyaml's ``CSafeLoader`` builds the same values with the same
constructors in a sixth of the time; on any error the pure-Python loader runs instead, so
a broken front matter fails exactly as it did (same exception, same message). The last
front matter read is kept, so the parser gets the one ``source-read`` already read.
Strings are whole characters (``pagesource.whole_text_loader``), as in every other reading.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import yaml
from myst_parser.config.main import TopmatterReadError
from myst_parser.parsers.directives import YAML_LOAD_ERRORS

from pagesource import colons_quoted, keys_as_typed, titles, whole_text_loader

_FAST = whole_text_loader(yaml.CSafeLoader) if hasattr(yaml, "CSafeLoader") else None
_SAFE = whole_text_loader(yaml.SafeLoader)
_last: tuple[str, Any] | None = None


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, through libyaml when it gives a result."""
    global _last
    if _last is not None and _last[0] == text:
        return copy.deepcopy(_last[1])
    data = None
    loaded = False
    if _FAST is not None:
        try:
            data, loaded = yaml.load(text, Loader=_FAST), True  # noqa: S506 (a safe loader)
        except YAML_LOAD_ERRORS:
            pass
    if not loaded:
        data = yaml.load(text, Loader=_SAFE)  # noqa: S506 (a safe loader)
    _last = (text, copy.deepcopy(data))
    return data


def read_topmatter(text: str) -> dict[str, Any] | None:
    """``myst_parser.config.main.read_topmatter`` (the same lines, errors and values)."""
    if not text.startswith("---"):
        return None
    lines = iter(text.splitlines())
    if not next(lines, "").startswith("---"):
        return None
    top_matter = []
    for line in lines:
        if line.startswith(("---", "...")):
            break
        top_matter.append(line.rstrip() + "\n")
    try:
        metadata = safe_load("".join(top_matter))
    except YAML_LOAD_ERRORS as err:
        raise TopmatterReadError("Malformed YAML") from err
    if not isinstance(metadata, dict):
        raise TopmatterReadError(f"YAML is not a dict: {type(metadata)}")
    keys_as_typed(metadata)
    return metadata


def load_front_matter_tokens(tokens: Sequence[Any]) -> None:
    """Give MyST's ``front_matter`` token its data instead of its text (MyST takes either).

    Left as text when it is not a mapping or not YAML: MyST then reports it, as before.
    The title, which MyST reads as Markdown, is the one line of heading pageorder names the
    page by, its character references read as a browser reads them
    (:func:`pagesource.titles.as_markdown`: ``Part 1&#58 Foo``); a title that is no text
    (empty, a list) is not written: the page is titled as pageorder says.
    """
    for token in tokens:
        if token.type == "front_matter" and isinstance(token.content, str):
            try:
                data = safe_load(token.content)
            except YAML_LOAD_ERRORS:  # `title: Budget: FY2024`: read as pagesource read it, and said
                if (data := colons_quoted(token.content)) is None:
                    continue
            if isinstance(data, dict):
                keys_as_typed(data)  # `title\u00a0:` from Word: said by pageorder
                if "title" in data:
                    data["title"] = titles.as_markdown(data["title"])
                token.content = data

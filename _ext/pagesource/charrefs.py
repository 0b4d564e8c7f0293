"""A front-matter title's HTML character references, read as a browser reads them.

Plain Python, no Sphinx. Jekyll printed ``title:`` into the page's HTML as it was, so a
browser decoded ``Part 1&#58 Foo`` (a reference without its semicolon, which HTML allows)
to "Part 1: Foo". MyST reads a title as Markdown, and CommonMark only knows references
with their semicolon: the old title was published as ``Part 1&#58 Foo``. Both readings
here are :func:`html.unescape`'s, the HTML standard's.
"""

from __future__ import annotations

import html
import re

from .fences import outside_code

_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
"""What :func:`html.unescape` looks at (its own pattern)."""


def decoded(title: str) -> str:
    """The title's text as a browser shows it."""
    return html.unescape(title) if "&" in title else title


def as_markdown(title: str) -> str:
    """The title as Markdown that reads as :func:`decoded` does: each reference a browser
    decodes is written as the numeric references of what it decodes to (``&#x3A;``), which
    CommonMark reads as those characters, never as markup. Inline code is left alone."""
    if "&" not in title:
        return title
    return outside_code(title, lambda part: _REFERENCE.sub(_numeric, part))


def _numeric(match: re.Match[str]) -> str:
    text = html.unescape(match.group(0))
    if text == match.group(0):
        return text
    return "".join(f"&#x{ord(character):X};" for character in text)

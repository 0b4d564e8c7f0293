"""A line that opens with an emoji shortcode is words, not a field.

MyST reads ``:name: text`` at the start of a block as a field list (``:Owner: Office of
Innovation``). GitHub's emoji shortcodes are written the same way: cityofaustin's
developer-guides opened pages with ``:construction: This is a work in progress``, which
became a field named "construction" in every edition, its colons gone and no emoji. A
field whose name is a shortcode (lower case, one GitHub knows: ``warning``, ``bulb``,
``+1``) is read as the paragraph GitHub and kramdown showed, the shortcode as written
(jekyll_compat's jemoji makes it the emoji on a site that used it).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from .hardening import guard_rule

_NAME = re.compile(r"[ \t]{0,3}:([a-z0-9_+-]+):(?:[ \t]|$)")


def is_shortcode_field(line: str) -> bool:
    """Whether ``line`` opens with an emoji shortcode where a field's name would be."""
    from jekyll_compat.jemoji import names  # the emoji package's GitHub names, read once

    found = _NAME.match(line)
    return found is not None and found.group(1) in names()


def emoji_fields_as_text(parser: MarkdownIt) -> MarkdownIt:
    """Put a guard before the field list rule (if the parser has one)."""
    return guard_rule(parser, parser.block.ruler, "fieldlist", _fieldlist_guard)


def _fieldlist_guard(fieldlist: Any) -> Any:
    def guarded(state: Any, start: int, end: int, silent: bool) -> bool:
        line = state.src[state.bMarks[start]:state.eMarks[start]]
        if ":" in line[:4] and is_shortcode_field(line):
            return False
        return fieldlist(state, start, end, silent)

    return guarded

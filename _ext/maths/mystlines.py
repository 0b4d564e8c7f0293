"""A wrapped line that opens with one of MyST's own block marks goes on its paragraph.

MyST reads a line opening with ``%`` as a comment and ``+++`` as a block break, and lets
either end the paragraph above it. No other Markdown does: a sentence wrapped before its
percent sign ("About 50\\n% of residents ride") lost the line's words in every edition,
unsaid. Here those rules no longer end a paragraph (nor a list item or quote a line
continues), so the line is the paragraph's words, as GitHub and kramdown showed them; the
same marks at the start of a block keep MyST's meaning. A target ``(name)=`` still ends a
paragraph: the rewrites of other sites' anchors (jekyll_compat's ``{#id}``) write one on
the line above a heading. A block break with words after it, which MyST hides, is said
(:func:`words_after_block_breaks`).
"""

from __future__ import annotations

import json
from typing import Any

from markdown_it import MarkdownIt

from .hardening import guard_rule

RULES = ("myst_line_comment", "myst_block_break")


def myst_lines_in_paragraphs(parser: MarkdownIt) -> MarkdownIt:
    """Guard MyST's line rules (if the parser has them) so none ends a paragraph."""
    for name in RULES:
        guard_rule(parser, parser.block.ruler, name, _starts_blocks_only)
    return parser


def _starts_blocks_only(rule: Any) -> Any:
    def guarded(state: Any, start: int, end: int, silent: bool) -> bool:
        # markdown-it asks a rule with silent=True only whether it may end the block above
        return False if silent else rule(state, start, end, silent)

    return guarded


def words_after_block_breaks(tokens: list[Any]) -> list[tuple[int, str]]:
    """``(line, words)`` for each block break that starts a block with words after it
    (``+++ Budget notes``): MyST keeps them as the break's hidden metadata, so they were in
    no edition, unsaid (GitHub showed them). A break alone on its line, or with MyST's JSON
    metadata (``+++ {"slide": true}``), is MyST's own and stays silent. Lines 1-based, as
    the parser read the text."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type != "myst_block_break" or not token.content.strip() or _is_metadata(token.content):
            continue
        found.append(((token.map[0] + 1) if token.map else 0, token.content.strip()))
    return found


def _is_metadata(words: str) -> bool:
    if not words.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(words), dict)
    except ValueError:
        return False

"""The City's seed text as plain text blocks, to look for in every edition."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "definition.md"
PUBLISHED = Path(__file__).resolve().parents[1] / "source" / "definition.md"


def split_front_matter(text: str) -> tuple[str, str]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, "the page must start with front matter"
    return match.group(1), text[match.end():]


def normalize(text: str) -> str:
    return " ".join(text.split())


def seed_blocks(text: str | None = None) -> list[str]:
    """Every paragraph, heading and list item of the seed, as the reader sees its words."""
    _, body = split_front_matter(text if text is not None else PUBLISHED.read_text(encoding="utf-8"))
    blocks = []
    for token in MarkdownIt("commonmark").parse(body):
        if token.type == "inline":
            words = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            if normalize(words):
                blocks.append(normalize(words))
    return blocks

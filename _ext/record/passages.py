"""Passage ids that stay the same as long as a passage's text does.

Plain Python. A passage (paragraph, list item, quote, table, figure, heading) is named by
its kind and a short hash of its normalised text, so an edit elsewhere on the page, a new
page, or a moved section never changes it; the same text twice on one page gets ``-2``,
``-3`` in reading order. An id the author set (MyST ``{#id}``) wins.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

KINDS = {"paragraph": "p", "list_item": "li", "definition_list_item": "li",
         "block_quote": "q", "table": "t", "figure": "f", "title": "h"}
"""Docutils node name -> id prefix (``p-3f9a0c1e``)."""
DIGITS = 8
NAMES = {"p": "paragraph", "li": "list item", "q": "quote", "t": "table", "f": "figure",
         "h": "heading"}
"""What ``passages.json`` calls each kind."""


@dataclass(frozen=True)
class Passage:
    """One citable passage of a page, in reading order."""

    id: str
    kind: str
    text: str
    authored: bool = False

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "text": self.text}


def normalise(text: str) -> str:
    """The text that decides the id: NFC, whitespace runs as one space, no ends."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def passage_id(kind: str, text: str) -> str:
    """``<prefix>-<8 hex digits of sha256(normalised text)>``."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:DIGITS]
    return f"{KINDS.get(kind, kind)}-{digest}"


def assign(candidates: list[tuple[str, str, str | None]], taken: set[str]) -> list[Passage]:
    """Ids for ``(kind, text, author id or None)`` in reading order.

    ``taken`` holds the page's other ids (section anchors, targets): a hash id never
    reuses one; a repeated text counts up from ``-2`` in reading order (from where its
    last repeat stopped: counted from ``-2`` each time, a page of 50,000 equal paragraphs
    held the build for hours).
    """
    used = set(taken)
    counted: dict[str, int] = {}  # the last count a repeated text reached: counted up from there
    out = []
    for kind, text, authored in candidates:
        if authored:
            ident = authored
        else:
            base = passage_id(kind, text)
            count = counted.get(base, 1)
            ident = f"{base}-{count}" if count > 1 else base
            while ident in used:
                count += 1
                ident = f"{base}-{count}"
            counted[base] = count
        used.add(ident)
        out.append(Passage(ident, NAMES[KINDS[kind]], normalise(text), bool(authored)))
    return out

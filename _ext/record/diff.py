"""What changed between two releases, chapter by chapter, passage by passage.

Plain Python. Passages are matched by id (an unchanged text keeps its id); between two
matching passages, the ones that went and came in the same place are paired as one
changed passage, with the changed words marked.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Chapter:
    """One chapter's changes; ``changed`` pairs an old passage with its new text."""

    docname: str
    title: str
    file: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _by_chapter(passages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for item in passages:
        out.setdefault(item["chapter"], []).append(item)
    return out


def compare(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Chapter]:
    """Every chapter with a change, in the new reading order, then the removed chapters."""
    before, after = _by_chapter(old), _by_chapter(new)
    order = list(after) + [c for c in before if c not in after]
    out = []
    for docname in order:
        was, now = before.get(docname, []), after.get(docname, [])
        head = (now or was)[0]
        chapter = Chapter(docname, head["chapter_title"], head["file"])
        matcher = difflib.SequenceMatcher(None, [p["id"] for p in was], [p["id"] for p in now],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for a, b in zip(was[i1:i2], now[j1:j2]):
                    if a["text"] != b["text"]:  # an author's own id, new words
                        chapter.changed.append((a, b))
                continue
            gone, came = was[i1:i2], now[j1:j2]
            pairs = min(len(gone), len(came)) if tag == "replace" else 0
            chapter.changed += list(zip(gone[:pairs], came[:pairs]))
            chapter.removed += gone[pairs:]
            chapter.added += came[pairs:]
        if chapter:
            out.append(chapter)
    return out


def words(old: str, new: str) -> list[tuple[str, str]]:
    """``[(op, text)]`` with op ``=``, ``-`` (deleted) or ``+`` (inserted), word by word."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return out

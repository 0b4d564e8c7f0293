"""GitHub's Markdown that Jekyll read (kramdown's default ``input: GFM``) and MyST does not.

``~~old price~~`` and task lists (``- [x] Apply online``) were printed with their tildes
and brackets in every edition. MyST's own ``strikethrough`` writes ``<s>`` as raw HTML,
which the PDF leaves out, with a warning on every use; its ``tasklist`` writes an
``<input>`` that no e-reader or PDF has and that axe asks a label of. Here a struck-through
run is a :class:`deleted` node (``<del>`` on the site and in the ePub, struck through in the
PDF) and a task's box is a character every edition prints: ☑ done, ☐ not done.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

BOXES = {" ": "\u2610", "x": "\u2611", "X": "\u2611"}
"""GitHub's ``[ ]``, ``[x]`` and ``[X]`` as the ballot boxes screen readers name."""


class deleted(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """Words struck through (``~~…~~``). Writers that do not know it show its words."""


def visit_deleted_html(translator: Any, node: deleted) -> None:
    translator.body.append(translator.starttag(node, "del", ""))


def depart_deleted_html(translator: Any, node: deleted) -> None:
    translator.body.append("</del>")


def visit_deleted_typst(translator: Any, node: deleted) -> None:
    translator.add("#strike[")


def depart_deleted_typst(translator: Any, node: deleted) -> None:
    translator.close("]")


def task_box(text: str) -> tuple[str, int] | None:
    """The box a list item's text starts with (GitHub's rule: ``[ ]``, ``[x]`` or ``[X]``
    then a space, a tab or nothing), and how many characters it takes; else None."""
    if len(text) < 3 or text[0] != "[" or text[2] != "]" or text[1] not in BOXES:
        return None
    if len(text) > 3 and text[3] not in " \t":
        return None
    return BOXES[text[1]], 3


class TaskListBoxes(SphinxTransform):
    """A list item that starts with ``[ ]`` or ``[x]`` starts with ☐ or ☑ instead."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for item in self.document.findall(nodes.list_item):
            first = item.children[0] if item.children else None
            if not isinstance(first, nodes.paragraph):
                continue
            leading = []
            for child in first.children:
                if not isinstance(child, nodes.Text):
                    break
                leading.append(child)
            words = "".join(child.astext() for child in leading)
            found = task_box(words)
            if found is None:
                continue
            box, length = found
            rest = words[length:]
            del first[:len(leading)]
            first.insert(0, nodes.Text(box + rest))
            item["classes"].append("task-list-item")

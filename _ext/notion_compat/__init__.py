"""Sphinx glue: Markdown exported by Notion built as Notion showed it.

A Notion callout (``<aside>`` holding Markdown) is read as Markdown at ``source-read``
(:mod:`.asides`, line for line, before GitBook's blocks and Liquid, on every page written in
Markdown), and :class:`AsideBoxes` makes its container a box without a label, as Notion drew
it: its icon and words are its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from . import asides

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

KEY = "notion_compat_asides"
"""Where ``source-read`` leaves the lines of a page's callouts for :class:`AsideBoxes`."""


def read_asides_as_markdown(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: each Notion callout a container (not on a page written in HTML)."""
    app.env.current_document[KEY] = ()
    if "<aside" not in source[0].lower() or Path(app.env.doc2path(docname)).suffix.lower() == ".html":
        return
    source[0], app.env.current_document[KEY] = asides.boxes(source[0])


class AsideBoxes(SphinxTransform):
    """Each callout's container an admonition without a title (every edition draws it as a
    box; the PDF with no label, as a callout the old site showed without one)."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        found = set(self.env.current_document.get(KEY) or ())
        if not found:
            return
        self.env.current_document[KEY] = ()
        for container in list(self.document.findall(nodes.container)):
            if container.line in found and container.parent is not None:
                found.discard(container.line)
                box = nodes.admonition("", *container.children, classes=["note", "callout"])
                box.source, box.line = container.source, container.line
                container.replace_self(box)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", read_asides_as_markdown, priority=395)  # before GitBook (400), Liquid (500)
    app.add_transform(AsideBoxes)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx glue: a title is text, wherever it is shown.

MyST turns the front-matter ``title`` into the page's heading by parsing it as Markdown, so
``title: Parks <img src=x onerror=...>`` becomes raw HTML inside the heading, and Sphinx
copies a heading into every page's sidebar, the prev/next links, the ePub contents and the
search index. Raw markup in any heading is turned back into the text that was written
(Markdown emphasis and code in titles keep working).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .problems import WARNING_TYPE, Kind

logger = logging.getLogger(__name__)


class TitlesAreText(SphinxTransform):
    """Replace raw HTML (or any raw output) inside a title by its text."""

    default_priority = 102

    def apply(self, **kwargs: Any) -> None:
        for title in list(self.document.findall(nodes.title)):
            for raw in list(title.findall(nodes.raw)):
                logger.warning(f"HTML in a title is shown as text, not run: {raw.astext()!r}",
                               location=(self.env.docname, self.line_of(title)),
                               type=WARNING_TYPE, subtype=Kind.TITLE_MARKUP.value)
                raw.replace_self(nodes.Text(raw.astext()))

    def line_of(self, title: nodes.title) -> int | None:
        """The heading's line; for the front-matter title (MyST says line 1), its ``title:`` line."""
        line = title.line or (title.parent.line if title.parent else None)
        if line and line > 1:
            return line
        try:
            text = Path(self.env.doc2path(self.env.docname)).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return line
        for number, source_line in enumerate(text.splitlines()[:200], start=1):
            if source_line.startswith("title:"):
                return number
        return line

"""Sphinx glue: a page writes no ``<meta http-equiv>`` into the site's head.

rST's ``.. meta::`` (in an ``{eval-rst}`` block) puts its fields into the page's head as
they are written: ``:http-equiv=refresh: 0;url=https://elsewhere/`` sends every reader of
the page to another site the moment it opens, and a Content-Security-Policy cannot stop it.
``<meta name=…>`` tags (a description, keywords) stay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .problems import WARNING_TYPE, Kind

logger = logging.getLogger(__name__)


class RefuseHttpEquiv(SphinxTransform):
    """Drop every ``meta`` node with an ``http-equiv`` attribute, with a warning at its line."""

    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.meta)):
            equiv = next((value for key, value in node.attributes.items()
                          if key.lower() == "http-equiv"), None)
            if equiv is None:
                continue
            content = str(node.get("content", ""))[:60]
            logger.warning(f"`.. meta::` with http-equiv={equiv!r} (content {content!r}) is left "
                           "out: a page's own http-equiv tag can send every reader to another "
                           "site; the website writes the head tags a page needs",
                           location=(self.env.docname, self.line_of(equiv) or node.line),
                           type=WARNING_TYPE, subtype=Kind.META_TAG.value)
            node.parent.remove(node)

    def line_of(self, equiv: str) -> int | None:
        """The line of ``:http-equiv=<equiv>:`` in the page (docutils gives a meta node none)."""
        path = self.env.doc2path(self.env.docname)
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        wanted = f"http-equiv={equiv}".lower()
        return next((n for n, line in enumerate(lines, 1) if wanted in line.lower()), None)

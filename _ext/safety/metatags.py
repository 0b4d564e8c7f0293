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
from docutils.parsers.rst.directives.misc import Meta
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
        """The line of ``:http-equiv=<equiv>:`` in the page (docutils gives a meta node none):
        the field as rST writes it, not a front matter ``html_meta`` key of the same words
        above it (said there by its own warning)."""
        path = self.env.doc2path(self.env.docname)
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        wanted = f":http-equiv={equiv}:".lower()
        return next((n for n, line in enumerate(lines, 1) if wanted in line.lower()), None)


class MarkdownMeta(Meta):
    """rST's ``meta`` in an ``{eval-rst}`` block as docutils reads it; written as MyST's
    ```` ```{meta} ```` block, which MyST cannot read (its stand-in for rST's state lacks
    the field-list parser), it printed an ``ERROR`` in MyST's own words ("cannot be mocked:
    MockingError … nested_list_parse"), with no type to silence it by, once per edition. It
    is left out, said once at its line (``security.meta-tag``), as no edition shows it."""

    def run(self) -> list[nodes.Node]:
        from myst_parser.mocking import MockState

        if not isinstance(self.state, MockState):
            return super().run()
        logger.warning("a ```{meta}``` block is left out: the website writes each page's head "
                       "tags itself (its description from `description:` in the front matter), "
                       "and a page's own can send every reader to another site; remove the block",
                       location=(self.state.document.settings.env.docname, self.lineno),
                       type=WARNING_TYPE, subtype=Kind.META_TAG.value, once=True)
        return []

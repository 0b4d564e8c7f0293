"""The "¶" link beside each passage on the website (the ePub and PDF have none).

Raw HTML, no script: ``_static/record.css`` shows it on hover and keyboard focus, and
``_static/record.js`` adds "Cite" beside it.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.locale import _

from .collect import ATTR

LINKED = (nodes.paragraph, nodes.list_item, nodes.definition_list_item, nodes.block_quote)
"""Tables and figures with a caption get Sphinx's own "¶" on the caption."""


def link_html(ident: str) -> str:
    return (f'<a class="passage-link" href="#{escape(ident)}" data-passage="{escape(ident)}" '
            f'aria-label="{escape(str(_("Link to this passage")))}">¶</a>')


def add_links(doctree: nodes.Node) -> None:
    """Append the link to the passage's first paragraph (the passage itself if one)."""
    for node in list(doctree.findall(nodes.Element)):
        if ATTR not in node or not isinstance(node, LINKED):
            continue
        para = node if isinstance(node, nodes.paragraph) else next(
            iter(node.findall(nodes.paragraph)), None)
        if para is not None:
            para += nodes.raw("", link_html(node[ATTR]), format="html")

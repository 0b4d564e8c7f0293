"""The blocks a callout IAL named (:mod:`.callouts`) made admonitions, while a page is read.

``rewrite_source`` leaves the page's callouts in the document being read; this transform
finds each named paragraph or quote (or a notice's container: :mod:`.notices`) by its first
line and puts it, or what it holds, in an admonition with
the theme's label, so the HTML, the ePub and the PDF all show "Note", "Warning", …. Kinds
every edition knows become Sphinx's own admonitions (their label is translated with
Sphinx's words); another label from ``_config.yml`` goes through the same catalogs as the
publication's other generated words (``sphinx.po``); a ``-title`` quote's first paragraph
is the label, translated with the page.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms import SphinxTransform

from .callouts import SPHINX_KINDS, Callout

KEY = "jekyll_compat_callouts"
"""Where ``source-read`` leaves a page's callouts for this transform (the current document)."""


LANGUAGES = "jekyll_compat_languages"
"""Where ``source-read`` leaves the blocks a ``{: lang="es"}`` named (:func:`.callouts.languages`)."""


class BlockLanguages(SphinxTransform):
    """The block a ``{: lang="es"}`` named says its language as docutils does
    (``language-es``, which every edition reads), and its direction on the site."""

    default_priority = 14  # before the callouts box a block

    def apply(self, **kwargs: Any) -> None:
        found: tuple[tuple[int, str], ...] = self.env.current_document.get(LANGUAGES) or ()
        if not found:
            return
        self.env.current_document[LANGUAGES] = ()
        from languages.names import direction

        wanted = dict(found)
        for node in self.document.findall(nodes.Element):
            if node.line in wanted and not isinstance(node, nodes.document):
                lang = wanted.pop(node.line)  # the outermost block that starts there
                node["classes"] += [f"language-{lang}", f"dir-{direction(lang)}"]


class CalloutBoxes(SphinxTransform):
    """Wrap each paragraph or quote a callout IAL named, and each notice's content, in an
    admonition with its label."""

    default_priority = 15  # before Sphinx's Locale (20): a quote's title is translated as a title

    def apply(self, **kwargs: Any) -> None:
        found: tuple[Callout, ...] = self.env.current_document.get(KEY) or ()
        if not found:
            return
        self.env.current_document[KEY] = ()
        at_line: dict[int, nodes.Element] = {}
        for node in self.document.findall(nodes.Element):
            if node.line and node.line not in at_line and not isinstance(node, nodes.document):
                at_line[node.line] = node  # the outermost block that starts there
        empty = {id(node) for node in at_line.values()
                 if isinstance(node, nodes.block_quote) and not node.children}
        named = [(at_line.get(c.target), at_line.get(c.line), c) for c in found]
        for node, own, callout in named:
            if not isinstance(node, (nodes.paragraph, nodes.block_quote, nodes.container)) \
                    or node.parent is None:
                continue
            parent = node.parent
            if own is not None and id(own) in empty and not own.children and own is not node:
                parent.remove(node)  # `> {: .note }` then a lazy line: inside that quote
                own += _box(node, callout)
            else:
                index = parent.index(node)
                parent[index] = _box(node, callout)


def _box(node: nodes.Element, callout: Callout) -> nodes.Element:
    kind = callout.kind
    body = list(node.children) if isinstance(node, (nodes.block_quote, nodes.container)) else [node]
    if callout.titled:
        box = nodes.admonition("", classes=[kind.name, "callout"])
        if isinstance(node, nodes.block_quote) and body and isinstance(body[0], nodes.paragraph):
            first = body.pop(0)
            title = nodes.title(first.rawsource, "", *first.children)
            title.source, title.line = first.source, first.line
            box += title
    elif kind.name in SPHINX_KINDS and kind.label and kind.label.casefold() == kind.name:
        box = getattr(nodes, kind.name)("", classes=["callout"])
    else:
        box = nodes.admonition("", classes=[kind.name, "callout"])
        if kind.label:
            label = _(kind.label)
            box += nodes.title(label, label)
    box.source, box.line = node.source, node.line
    if isinstance(node, (nodes.block_quote, nodes.container)):
        for child in body:
            node.remove(child)
    box.extend(body)
    return box

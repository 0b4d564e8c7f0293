"""kramdown's generated contents (``1. TOC`` + ``{:toc}``) as the page's own contents list.

:mod:`.kramdown` turns the marker into the ``jekyll-toc`` directive (with the label the
theme showed above it as its title); this fills it, once the page's sections are read,
with a nested list of links to the sections below it, leaving out the headings the page
kept out with ``{: .no_toc }``, as kramdown did. Every edition shows it: a list of links in
the website and the ePub, and in the PDF.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

KEY = "jekyll_compat_no_toc"
"""Where ``source-read`` leaves the lines of the page's ``{: .no_toc }`` headings."""
CLASS = "kramdown-toc"


class KramdownToc(SphinxDirective):
    """``jekyll-toc``: where kramdown put the page's contents; its argument is the label."""

    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        topic = nodes.topic("", classes=["contents", "local", CLASS, "record-generated"])
        if self.arguments:
            words, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
            title = nodes.title(self.arguments[0], "", *words)
        else:
            label = _("Contents")  # a generated word: in the publication's language
            title, messages = nodes.title(label, label), []
        self.set_source_info(title)
        topic += title
        self.set_source_info(topic)
        return [topic, *messages]


class FillContents(SphinxTransform):
    """Each ``jekyll-toc`` gets the links to the sections after it; none at all: it goes."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        skipped = set(self.env.current_document.get(KEY) or ())
        for topic in list(self.document.findall(nodes.topic)):
            if CLASS not in topic["classes"]:
                continue
            items = [item for section in _sections_after(topic)
                     for item in _entries(section, skipped)]
            if items:
                topic += nodes.bullet_list("", *items)
            else:
                topic.parent.remove(topic)


def _sections_after(node: nodes.Element) -> list[nodes.section]:
    """The sections after ``node`` in reading order, each at its own level: its following
    siblings', then its ancestors'. Under a heading of its own (``### Contents`` above the
    marker) the list is the only thing in its section, and the page's sections follow it."""
    found: list[nodes.section] = []
    while node.parent is not None:
        parent = node.parent
        found += [child for child in parent.children[parent.index(node) + 1:]
                  if isinstance(child, nodes.section)]
        node = parent
    return found


def _entries(section: nodes.section, skipped: set[int]) -> list[nodes.list_item]:
    """The list items of ``section`` and those below it (a skipped heading's go up a level)."""
    below = [item for child in section.children if isinstance(child, nodes.section)
             for item in _entries(child, skipped)]
    title = section.next_node(nodes.title)
    if title is None or not section["ids"] or title.line in skipped:
        return below
    text = title.astext()
    item = nodes.list_item("", nodes.paragraph("", "", nodes.reference(
        "", text, refid=section["ids"][0], internal=True)))
    if below:
        item += nodes.bullet_list("", *below)
    return [item]

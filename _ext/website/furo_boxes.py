"""Two of Furo's boxes, made fit for content the theme did not expect.

- **Scrolling boxes.** Furo wraps each table and displayed formula in a ``div`` that
  scrolls sideways when it is wider than the page: a wide table on a 320 px phone, a long
  formula anywhere. A box that scrolls and holds nothing focusable cannot be scrolled
  from the keyboard (WCAG 2.1.1; axe's ``scrollable-region-focusable``), which the City's
  old pages, full of wide tables, hit on most of them. Each box is written with
  ``tabindex="0"``: a keyboard reader tabs to it, scrolls it with the arrow keys, and the
  site's focus ring shows where they are; ``role="region"`` and a name (the table's
  caption, else "Table"; "Formula") tell a screen reader what that stop is.
- **Contents lists.** Furo paints every ``contents`` box (a kramdown ``{:toc}``, a MyST
  ``{contents}``) red and writes "ERROR: Adding a table of contents in Furo-based
  documentation is unnecessary…" above it, in colours that fail contrast: readers of
  an old Jekyll page saw that error instead of its contents list. The publication wants
  the list (the page asked for it, and the ePub and PDF show it), so each gets the class
  Furo names as its way out.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform

from .unique_ids import WRAPPERS

FURO_KEEPS_CONTENTS = "this-will-duplicate-information-and-it-is-still-useful-here"
"""The class with which Furo leaves a contents box alone (``furo.css``)."""


def visit_container(self: Any, node: nodes.container) -> None:
    """A scrolling box is reachable from the keyboard; any other container as HTML writes it."""
    if WRAPPERS & set(node["classes"]):
        node.html5tagname = "div"  # what docutils' depart_container closes
        self.body.append(self.starttag(node, "div", CLASS="docutils container", tabindex="0",
                                       role="region", **{"aria-label": box_name(node)}))
    else:
        type(self).visit_container(self, node)


def box_name(node: nodes.container) -> str:
    """What a screen reader says on reaching a scrolling box: its table's caption, or what it holds."""
    if "math-wrapper" in node["classes"]:
        return str(_("Formula"))
    for table in node.findall(nodes.table):
        for title in table.findall(nodes.title):
            if words := " ".join(title.astext().split()):
                return words
        break
    return str(_("Table"))


def depart_container(self: Any, node: nodes.container) -> None:
    type(self).depart_container(self, node)


class ContentsBoxes(SphinxPostTransform):
    formats = ("html",)
    default_priority = 502

    def run(self, **kwargs: Any) -> None:
        for topic in self.document.findall(nodes.topic):
            if "contents" in topic["classes"] and FURO_KEEPS_CONTENTS not in topic["classes"]:
                topic["classes"].append(FURO_KEEPS_CONTENTS)

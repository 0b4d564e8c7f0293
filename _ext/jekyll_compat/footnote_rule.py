"""One rule above the footnotes, not two.

kramdown put a page's footnotes at its end with no rule above them, so authors drew their
own (``----``); MyST draws one too (its ``footnote_transition``). Two rules in a row are
"adjacent transitions" to docutils, which warned without a line, and readers saw a double
rule: the one MyST adds is dropped where the page already has its own.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform


class OneRuleAboveFootnotes(SphinxTransform):
    """Drop MyST's footnote rule when the element before it is the author's rule."""

    default_priority = 820  # before docutils' Transitions check (830)

    def apply(self, **kwargs: Any) -> None:
        for rule in list(self.document.findall(nodes.transition)):
            if "footnotes" not in rule["classes"] or rule.parent is None:
                continue
            index = rule.parent.index(rule)
            before = rule.parent[index - 1] if index > 0 else None
            while isinstance(before, nodes.section) and before.children:
                before = before[-1]  # the author's rule ends the page's last section
            if isinstance(before, nodes.transition):
                rule.parent.remove(rule)

"""One rule above the footnotes, not two; the page's own rules where it drew them.

kramdown put a page's footnotes at its end with no rule above them, so authors drew their
own (``----``); MyST draws one too (its ``footnote_transition``). Two rules in a row are
"adjacent transitions" to docutils, which warned without a line, and readers saw a double
rule: the one MyST adds is dropped where the page already has its own.

A rule right under a heading (18F's Before You Ship: ``## Checklist preview`` then
``---``), or two the page drew in a row, is Markdown every edition draws; docutils' own
check called it a mistake ("Document or section may not begin with a transition"), with
nothing to do about it, and a strict build failed. So did a rule that ends the page
(Isomer's Highlights pages: each entry closed by ``---``, the last one too: "Document may
not end with a transition"). Those rules are set aside during that check and put back
where the page has them.
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


class _HeldRule(nodes.Element):
    """A page's rule set aside while docutils checks where rules are."""


def _misplaced(rule: nodes.transition) -> bool:
    """Where docutils' :class:`~docutils.transforms.misc.Transitions` would complain: first
    in its section (or after its title), right after another rule, or last on the page."""
    parent = rule.parent
    if not isinstance(parent, (nodes.document, nodes.section)):
        return False
    index = parent.index(rule)
    if _ends_page(rule):
        return True
    before = parent[index - 1] if index else None
    return before is None or isinstance(before, (nodes.title, nodes.subtitle, nodes.meta,
                                                 nodes.decoration, nodes.transition))


def _ends_page(node: nodes.Node) -> bool:
    """Nothing after ``node`` on the page: it is last in its section, and so on up."""
    while node.parent is not None:
        if node.parent.index(node) != len(node.parent) - 1:
            return False
        node = node.parent
    return True


class HoldRules(SphinxTransform):
    """Set aside each rule docutils would call misplaced (see the module's docstring)."""

    default_priority = 829  # just before docutils' Transitions (830)

    def apply(self, **kwargs: Any) -> None:
        for rule in [r for r in self.document.findall(nodes.transition) if _misplaced(r)]:
            held = _HeldRule()
            held.rule = rule  # not a child: the check walks every transition under the page
            rule.replace_self(held)


class RestoreRules(SphinxTransform):
    """Put each rule :class:`HoldRules` set aside back in its place."""

    default_priority = 831

    def apply(self, **kwargs: Any) -> None:
        for held in list(self.document.findall(_HeldRule)):
            held.replace_self(held.rule)

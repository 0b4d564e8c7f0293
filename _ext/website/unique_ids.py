"""One element per id: Furo's wrapper around tables and formulas takes their ids, once.

Furo wraps each table and displayed formula in a scrolling ``div`` and copies every
attribute onto it, ids included, so a page had each such id twice: a ``#link`` then
lands on either, and an HTML validator or a screen reader's list of landmarks trips on
it. The element inside keeps them (Sphinx numbers and links a table's caption by its id);
the wrapper drops them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

WRAPPERS = {"table-wrapper", "math-wrapper"}


class OneElementPerId(SphinxPostTransform):
    formats = ("html",)
    default_priority = 501  # after Furo's WrapTableAndMathInAContainerTransform (500)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if WRAPPERS & set(wrapper["classes"]) and wrapper.children:
                inner = wrapper[0]
                if isinstance(inner, nodes.Element):
                    wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]

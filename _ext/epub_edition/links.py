"""Links that cannot work inside an ePub become text, so EPUBCheck finds no error.

A website tolerates a link to a missing anchor or to a server path (``/nowhere/``); in an
ePub both are errors (RSC-012, RSC-026), so one such link on any page made the whole book
invalid. The problem itself is reported when the page is read (``myst.xref_missing``,
``jekyll.link``); here only the link is removed and its words are kept.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

_SERVER_PATH = re.compile(r"""(<a\b[^>]*?)\s+href\s*=\s*(["'])/(?!/)[^"']*\2""", re.I)


class UnlinkWhatCannotWork(SphinxPostTransform):
    """In the ePub: drop links to anchors missing from their page and to server paths."""

    default_priority = 900  # after every reference is resolved
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        ids = set(self.document.ids)
        for reference in list(self.document.findall(nodes.reference)):
            uri = reference.get("refuri", "")
            fragment = reference.get("refid") or (uri[1:] if uri.startswith("#") else None)
            if fragment is not None and (fragment not in ids or not re.fullmatch(r"[\w.:-]+", fragment)):
                reference.replace_self(reference.children or [nodes.Text(reference.astext())])
            elif uri.startswith("/") and not uri.startswith("//"):
                reference.replace_self(reference.children or [nodes.Text(uri)])
        for raw in self.document.findall(nodes.raw):
            if "html" in raw.get("format", "").split() and _SERVER_PATH.search(raw.astext()):
                raw[:] = [nodes.Text(_SERVER_PATH.sub(r"\1", raw.astext()))]

"""The posts' landing lists each post with its date, as Jekyll's minima home did.

minima's home page listed every post under its date (``<span class="post-meta">Sep 8,
2016</span>`` above the post's link); the generated "Posts" landing listed titles only.
Where a landing lists only posts, its contents list stays for navigation (hidden: every
edition's contents and reading order still come from it) and a list of the same posts,
each "September 8, 2016 · Title", is shown instead; the website and the ePub mark the
date up as ``<time datetime="2016-09-08">``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from docutils import nodes
from sphinx import addnodes

from .urls import show_date


class post_date(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """A post's date; ``datetime`` is its ISO day. Other writers show it as its text."""


def visit_post_date_html(translator: Any, node: post_date) -> None:
    translator.body.append(translator.starttag(node, "time", "", datetime=node["datetime"]))


def depart_post_date_html(translator: Any, node: post_date) -> None:
    translator.body.append("</time>")


def date_the_list(doctree: nodes.document, landing: str, days: Mapping[str, dt.date]) -> bool:
    """Hide the contents list of ``landing`` when it lists only posts (``days``: each post's
    day) and put the dated list before it; True when it did. Before: the PDF prints the
    posts where the contents list stands, and a list after them was read after every post."""
    for wrapper in doctree.findall(nodes.compound):
        if "publication-contents" not in wrapper["classes"]:
            continue
        toctree = wrapper.next_node(addnodes.toctree)
        entries = [target for _, target in toctree["entries"]] if toctree is not None else []
        if not entries or any(target not in days for target in entries):
            return False
        toctree["hidden"] = True
        listing = nodes.bullet_list(classes=["post-list"])
        for target in entries:
            day = days[target]
            text = show_date(day)
            link = addnodes.pending_xref("", nodes.inline("", ""), refdomain="std", reftype="doc",
                                         reftarget="/" + target, refdoc=landing, refexplicit=False,
                                         refwarn=True)
            listing += nodes.list_item("", nodes.paragraph(
                "", "", post_date(text, text, classes=["post-meta"], datetime=day.isoformat()),
                nodes.Text(" · "), link))
        wrapper.parent.insert(wrapper.parent.index(wrapper), listing)
        return True
    return False

"""Render each page title to HTML once per build, not once for every page that shows it.

``StandaloneHTMLBuilder.get_doc_context`` renders the titles of a page's next and
previous pages, of each of its parents and its own through ``render_partial``: a new
docutils document, its transforms and a new HTML translator each time (~7 times per page,
0.2-0.3 ms each). A title of plain text (and emphasis, strong, literal, inline spans)
renders the same on every page, so its parts are kept, keyed by the title node itself
(``env.titles`` and ``env.longtitles`` keep those nodes through the write phase). Any
other title (one with maths, an image, a reference, ...) is rendered as before.

A title that is one run of plain words (no attributes, none of the characters HTML
escapes or smart quotes and dashes change) is not rendered at all: its parts are those of
a probe title rendered once per build, with the probe's words replaced by its own.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from docutils import nodes

_PLAIN = (nodes.Text, nodes.title, nodes.emphasis, nodes.strong, nodes.literal, nodes.inline)
"""Nodes whose HTML depends on nothing but the node (not the page it is shown on)."""


def renders_alike(node: Any) -> bool:
    """True when ``node`` is a title whose HTML is the same on every page."""
    return isinstance(node, nodes.title) and all(
        type(child) in _PLAIN for child in node.findall(include_self=False))


_PROBE = "\ue000title\ue001"
"""Words no title has (private-use characters) and no transform or encoder changes."""

_WORDS_AS_THEY_ARE = re.compile(r"[^\x00-\x1f\x7f&<>\"'@`\\.\-\ue000-\uf8ff]+")
"""Text that every transform and the HTML encoder leave as it is: no markup characters,
no quotes, dashes or dots (smart quotes, en dashes, ellipses), no controls."""


def words_only(node: Any) -> str | None:
    """The words of a title that is one plain run of :data:`_WORDS_AS_THEY_ARE`, else None."""
    if (isinstance(node, nodes.title) and len(node.children) == 1
            and type(node.children[0]) is nodes.Text and not node.non_default_attributes()):
        text = str(node.children[0])
        if _WORDS_AS_THEY_ARE.fullmatch(text):
            return text
    return None


def memoise(render_partial: Any) -> Any:
    """``render_partial`` with the parts of each title that renders alike kept."""
    kept: dict[int, tuple[Any, dict[str, str]]] = {}
    probed: list[dict[str, str] | None] = []  # the probe's parts; None: they do not show it once

    def words_rendered(words: str) -> dict[str, str] | None:
        if not probed:
            parts = render_partial(nodes.title("", _PROBE))
            probed.append(dict(parts) if str(parts.get("title", "")).count(_PROBE) == 1 else None)
        parts = probed[0]
        return None if parts is None else {name: part.replace(_PROBE, words)
                                           for name, part in parts.items()}

    @functools.wraps(render_partial)
    def render(node: Any) -> dict[str, str]:
        hit = kept.get(id(node))
        if hit is not None and hit[0] is node:
            return dict(hit[1])
        words = words_only(node)
        parts = None if words is None else words_rendered(words)
        if parts is not None:
            return parts
        parts = render_partial(node)
        if renders_alike(node):
            kept[id(node)] = (node, dict(parts))  # the node is held: its id stays its own
        return parts

    render.titlecache = True  # type: ignore[attr-defined]
    return render


def install(app: Any) -> None:
    """``builder-inited``: titles rendered once for this build (``-D buildcache_titles=0``: off)."""
    builder = app.builder
    render_partial = getattr(builder, "render_partial", None)
    if (not app.config.buildcache_titles or render_partial is None
            or getattr(render_partial, "titlecache", False)):
        return
    builder.render_partial = memoise(render_partial)

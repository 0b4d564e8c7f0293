"""Sphinx glue for passage ids: name every passage of a page while it is read.

The ids go into the doctree, so the HTML, the ePub and the PDF (which all read the same
doctree cache) carry the same ones; ``node["passage"]`` marks the node that is the
passage, for the writers that add something to it (the "¶" link, the PDF page marker).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

from buildcache.pagepickles import PagePickles, adopt

from .directive import release_pages
from .passages import KINDS, assign

ATTR = "passage"
_AUTO_ID = re.compile(r"id\d+")
_NOT_TEXT = (nodes.comment, nodes.raw, nodes.system_message, nodes.substitution_definition,
             nodes.target, nodes.literal_block, nodes.math_block, nodes.footnote,
             nodes.citation)


def _skipped(node: nodes.Element, classes: set[str]) -> bool:
    return bool(classes.intersection(node.get("classes", ()))) or isinstance(node, _NOT_TEXT)


def candidates(doctree: nodes.Node, skip_classes: set[str]) -> list[tuple[nodes.Element, str]]:
    """The outermost passages in reading order: a list item is one passage, not its lines."""
    found: list[tuple[nodes.Element, str]] = []

    def walk(node: nodes.Element) -> None:
        for child in node.children:
            if not isinstance(child, nodes.Element) or _skipped(child, skip_classes):
                continue
            if isinstance(child, nodes.title):
                if isinstance(node, nodes.section):
                    found.append((child, "title"))
                continue
            if child.tagname in KINDS:
                found.append((child, child.tagname))
                continue
            walk(child)

    walk(doctree)
    return found


def author_id(node: nodes.Element) -> str | None:
    """An id the author gave the block (MyST ``{#id}``, a ``(label)=`` target), if any."""
    if isinstance(node, nodes.title):
        return None
    return next((i for i in node.get("ids", ()) if not _AUTO_ID.fullmatch(i)), None)


def name_passages(doctree: nodes.document, skip_classes: set[str]) -> list[dict[str, Any]]:
    """Give each passage of ``doctree`` its id; return them as plain data, in order."""
    found = candidates(doctree, skip_classes)
    taken = set(doctree.ids)
    passages = assign([(kind, node.astext(), author_id(node)) for node, kind in found], taken)
    out = []
    for (node, _), passage in zip(found, passages):
        if passage.id not in node["ids"]:
            node["ids"].append(passage.id)
            doctree.ids[passage.id] = node
        node[ATTR] = passage.id
        out.append({**passage.as_dict(), "line": node.line or _line(node)})
    return out


def _line(node: nodes.Node) -> int | None:
    while node is not None and not getattr(node, "line", None):
        node = node.parent
    return node.line if node is not None else None


class PassageCollector(EnvironmentCollector):
    """Keeps ``env.record_passages``: each page's passages, for ``passages.json``."""

    def clear_doc(self, app: Any, env: Any, docname: str) -> None:
        getattr(env, "record_passages", {}).pop(docname, None)
        release_pages(env).discard(docname)

    def merge_other(self, app: Any, env: Any, docnames: set[str], other: Any) -> None:
        mine = _store(env)
        for docname in docnames:
            if docname in getattr(other, "record_passages", {}):
                mine[docname] = other.record_passages[docname]
        release_pages(env).update(release_pages(other) & docnames)

    def process_doc(self, app: Any, doctree: nodes.document) -> None:
        skip = set(app.config.record_skip_classes)
        _store(app.env)[app.env.docname] = name_passages(doctree, skip)


def _store(env: Any) -> PagePickles:
    """Each page's passages, saved with the environment without pickling unchanged pages
    again (a page's list is replaced when it is read, never changed in place)."""
    return adopt(env, "record_passages")

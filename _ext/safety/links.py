"""Sphinx glue: no link with a scripting scheme reaches any edition.

Markdown links already refuse ``javascript:``, but an image's or figure's ``:target:``, an
rST link or hyperlink target in ``{eval-rst}``, or an autolink do not. This transform runs
on every page's doctree right after it is read, before it is cached, so the HTML, the ePub
and the PDF all get the cleaned tree: a refused link becomes its text (nothing is lost).
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .problems import WARNING_TYPE, Kind
from .urls import ALLOWED_SCHEMES, address_problem, as_browsers_read, is_allowed

logger = logging.getLogger(__name__)
_ALLOWED = ", ".join(sorted(ALLOWED_SCHEMES))


def refusal(url: str) -> str:
    shown = url if len(url) <= 60 else url[:57] + "..."
    return (f"the link {shown!r} is refused (only {_ALLOWED} or relative links may be "
            "followed by a reader); its text is kept")


def verdict(url: str) -> tuple[bool, str | None, str]:
    """Whether ``url`` is allowed, what is wrong with it if it is, and how browsers read it:
    each page's links are checked twice (when read, and after every room's additions), and a
    site's addresses repeat from page to page, so the answers are kept (not for a hostile
    address of megabytes)."""
    return _kept_verdict(url) if len(url) <= 2048 else _verdict(url)


def _verdict(url: str) -> tuple[bool, str | None, str]:
    if not is_allowed(url):
        return False, None, url
    return True, address_problem(url), as_browsers_read(url)


_kept_verdict = functools.lru_cache(maxsize=4096)(_verdict)


def refuse_script_links(document: nodes.Node) -> None:
    """Unwrap every reference (and drop every hyperlink target) with a refused address."""
    said: set[tuple[str, int | None]] = set()  # `x <url>`_ is a reference and a target

    def warn(url: str, node: nodes.Element) -> None:
        if (url, node.line) not in said:
            said.add((url, node.line))
            logger.warning(refusal(url), location=node, type=WARNING_TYPE,
                           subtype=Kind.URL_SCHEME.value)

    for node in list(document.findall(nodes.reference)):
        url = node.get("refuri")
        if url is None:
            continue
        allowed, problem, fixed = verdict(url)
        if not allowed:
            warn(url, node)
            node.replace_self(node.children or [nodes.Text(node.astext())])
        elif problem:
            logger.warning(f"the link {url!r} {problem}; its text is kept without the link: "
                           "correct the address",
                           location=node, type=WARNING_TYPE,
                           subtype=(Kind.MAIL_ATTACHMENT if "(`attach=`)" in problem
                                    else Kind.UNREACHABLE_HOST).value)
            node.replace_self(node.children or [nodes.Text(node.astext())])
        elif fixed != url:
            node["refuri"] = fixed
    for node in list(document.findall(nodes.target)):
        url = node.get("refuri")
        if url is not None and not verdict(url)[0]:
            warn(url, node)
            del node["refuri"]


class RefuseScriptLinks(SphinxTransform):
    """Unwrap every reference (and drop every hyperlink target) with a refused address."""

    default_priority = 790  # after docutils resolves named targets (`x`_ + .. _x: URL) into refuri

    def apply(self, **kwargs: Any) -> None:
        refuse_script_links(self.document)


def refuse_links_added_when_read(app: Any, doctree: nodes.document) -> None:
    """``doctree-read``, after every room's handler: the links a room adds once the page is
    read (``jekyll_compat``'s front-matter lists of links, `url: javascript:…`) were never
    checked, and reached the site and the ePub live."""
    refuse_script_links(doctree)

"""One source file is one chapter: later top-level headings become sections of the first.

A page with several ``# `` headings (or a front-matter title and then ``# `` headings)
gives MyST several top-level sections, which every edition showed as separate chapters:
the sidebar, the ePub contents and the PDF bookmarks listed each, and "Cite this chapter"
landed after the first one, before most of the text. The page's first heading is its
title; every later top-level section, with what stands between, is moved inside it, so it
reads one level down (``# Advisors`` under ``# Team`` is shown as a second-level heading).

A page with no heading at all (no title, no ``#``) gets its file name as its title, as
``pageorder`` orders it (``contact-us.md`` -> "Contact Us"): every edition then names the
chapter, and the reader of the page gets a heading. A page written in HTML whose first
heading is an ``<h1>`` is titled by it (``jekyll_compat`` leaves that element out). The first page is titled after the
publication instead (``pageorder.frontmatter.titled_after_publication``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pagesource
from pagesource import charrefs
from docutils import nodes
from sphinx.transforms import SphinxTransform

from jekyll_compat.titles import name_title, titleize_page
from .frontmatter import html_page_title


def title_untitled(document: nodes.document, docname: str, title: str = "", language: Any = None) -> bool:
    """Put the text of a page without any heading inside a section titled ``title``, else
    after its file (the front matter's ``docinfo`` stays in front, where HTML writers expect it;
    docutils counts raw HTML among what may stand before a title, but it is the page's text).

    A page of front matter alone (18F's ``_authors/annalee.md``) gets the titled section too:
    left to a later, plainer fallback, its docinfo ended up inside the section and the ePub's
    XHTML closed a section it never opened."""
    children = document.children
    if any(isinstance(node, nodes.section) for node in children):
        return False
    start = next((i for i, node in enumerate(children) if isinstance(node, nodes.raw)  # the page's HTML
                  or not isinstance(node, (nodes.docinfo, nodes.PreBibliographic))), len(children))
    title = title.strip() or titleize_page(docname, language)
    section = nodes.section("", nodes.title(title, title), ids=[nodes.make_id(title) or "title"],
                            names=[nodes.fully_normalize_name(title)])
    section.source, section.line = document.get("source"), 1
    section.extend(children[start:])
    del children[start:]
    document.append(section)
    return True


def nest_later_sections(document: nodes.Element) -> int:
    """Move every top-level section after the first into it; return how many moved."""
    first = next((n for n in document.children if isinstance(n, nodes.section)), None)
    if first is None:
        return 0
    start = document.index(first) + 1
    later = document.children[start:]
    if not any(isinstance(node, nodes.section) for node in later):
        return 0
    del document.children[start:]
    for node in later:
        first.append(node)  # append sets the parent
    return sum(isinstance(node, nodes.section) for node in later)


class OneChapterPerFile(SphinxTransform):
    """Before the contents are added (700) and the toctree collector reads the titles (880)."""

    default_priority = 690

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        publication = self.config.project if docname == self.config.root_doc else ""
        path = Path(self.env.doc2path(docname))
        title = html_page_title(path) or publication
        data = pagesource.read(path).data if not title else {}
        title = title or charrefs.decoded(name_title(data))  # `name: Whitney Teal`, no `title:`
        if not title_untitled(self.document, docname, title, data.get("lang") or data.get("locale")):
            nest_later_sections(self.document)

"""Sphinx glue: a folder written for GitBook builds as GitBook showed it.

``SUMMARY.md`` is the table of contents, not a page; ``README.md`` is the home page (and
each folder's ``README.md`` its landing: pageorder reads the order through
:func:`summary.reading_order`). Here: which files are pages, which page is the home, and
the table of contents' problems said at their file and line, and GitBook's blocks
rewritten as Markdown before Liquid reads the page (:mod:`blocks`).
"""

from __future__ import annotations

import functools
import os
import posixpath
from pathlib import Path
from urllib.parse import unquote
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from . import blocks, broken, emphasis, glued, summary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

WARNING_TYPE = "gitbook"


def read_the_table_of_contents(app: Sphinx, config: Config) -> None:
    """``config-inited``, before pageorder picks the home page: publish ``README.md``
    (conf.py leaves a repository's notes out; in GitBook it is the home) and leave the
    table of contents out of the pages."""
    layout = summary.layout_of(Path(app.srcdir))
    if layout is None:
        return
    config.exclude_patterns = summary.exclusions(layout, list(config.exclude_patterns))


def home_page(app: Sphinx, srcdir: Path) -> str | None:
    """``pageorder-landing-page``: GitBook's home is its ``README.md`` (or the file
    ``.gitbook.yaml``'s ``structure: readme:`` names)."""
    return summary.home(Path(srcdir))


def say_what_the_summary_misses(app: Sphinx, env: BuildEnvironment, added: set[str],
                                changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: each entry whose file is missing, at its line of
    ``SUMMARY.md``; each page the table of contents does not list, at the page."""
    srcdir = Path(env.srcdir)
    order = summary.reading_order(srcdir)
    if order is None:
        return []
    for problem in order.problems:
        logger.warning(problem.message, location=f"{srcdir / problem.file}:{problem.line}",
                       type=WARNING_TYPE, subtype=problem.kind.value)
    from pageorder import file_under

    files = {file: docname for docname in env.found_docs
             if (file := file_under(Path(env.doc2path(docname)), srcdir))}
    for problem in summary.unlisted(order, srcdir, list(files)):
        logger.warning(problem.message, location=(files[problem.file], problem.line),
                       type=WARNING_TYPE, subtype=problem.kind.value)
    return []


def rewrite_blocks(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, before jekyll_compat runs Liquid (which would show GitBook's tags
    as written and warn): in a GitBook folder only, the links it marked broken become their
    words, said; its blocks become Markdown, the Markdown its export glued to an HTML element is set apart from it, and its editor's bold
    is tidied as GitBook showed it, line for line."""
    if any(mark in source[0] for mark in ("{%", "<", "**", "broken")) and summary.layout_of(Path(app.srcdir)):
        text, lost = broken.unlink(source[0])
        for link in lost:
            logger.warning(f"the link '{link.words}' leads to {link.target!r}, GitBook's mark for a page "
                           "that was moved or deleted there, so its words are shown without a link: "
                           "link the page's file as it is now (e.g. 'parking.md') or a full https:// "
                           "address", location=(docname, link.line), type=WARNING_TYPE,
                           subtype=summary.Kind.BROKEN.value)
        text, stuck = glued.apart(text)
        source[0] = emphasis.tidy(blocks.rewrite(text, functools.partial(page_named, app.env, docname)))
        for line in stuck:
            logger.warning("Markdown written right after an HTML element's end tag is read as part "
                           "of the element and shown as written; put a blank line between them",
                           location=(docname, line), type=WARNING_TYPE, subtype=summary.Kind.GLUED.value)


def page_named(env: BuildEnvironment, docname: str, target: str) -> str | None:
    """The address of the page a GitBook link on ``docname`` names, as MyST reads it: the
    file, or a folder's ``README.md`` (GitBook's link to a folder); None for no page."""
    path = target.split("#", 1)[0]
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return None
    folder = posixpath.dirname(env.doc2path(docname))
    for written in (path, path.rstrip("/") + "/" + summary.README):
        file = os.path.normpath(os.path.join(folder, unquote(written)))
        if written.endswith(".md") and env.path2doc(file) in env.found_docs:
            return written
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("pageorder")  # the landing-page event is its
    app.connect("config-inited", read_the_table_of_contents, priority=390)
    app.connect("pageorder-landing-page", home_page)
    app.connect("env-get-outdated", say_what_the_summary_misses, priority=450)
    app.connect("source-read", rewrite_blocks, priority=400)  # before Liquid (500)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

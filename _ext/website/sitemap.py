"""Make sphinx-sitemap list every page, in reading order, on every build.

sphinx-sitemap collects links as pages are written, so an incremental build (which
writes only changed pages) leaves out every other page, and a parallel build lists
pages in whatever order the workers finish. Just before it writes ``sitemap.xml`` we
refill its queue with every page in the publication's order. The refilled queue is a
plain ``queue.Queue`` in this process: every worker is done by then, and each item put
into or taken from sphinx-sitemap's ``multiprocessing`` queue is a round trip to its
manager process (2,000 of them for 1,000 pages, ~0.2 s).

That manager is a server process sphinx-sitemap starts in every build (~50 ms, the PDF's
and the ePub's included), for workers that write pages in parallel to hand their links
back. :func:`collect_links` takes the place of its ``builder-inited`` handler: the links
go into a plain ``queue.Queue``, and the manager is started only when Sphinx is about to
write pages in forked workers (more than one page to write, in a parallel build; a
one-page rebuild writes in this process). The same links, in the same order.
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pageorder import outline_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def collect_links(app: Sphinx) -> None:
    """``builder-inited``: what sphinx-sitemap's ``record_builder_type`` does, without its
    manager process unless pages may be written by forked workers."""
    from sphinx.util.parallel import parallel_available

    builder = app.builder
    if builder.name not in SITE_BUILDERS:
        _no_sitemap(app)
        return
    builder.env.is_directory_builder = type(builder).__name__ == "DirectoryHTMLBuilder"
    app.sitemap_links = queue.Queue()
    if parallel_available and app.parallel > 1 and builder.allow_parallel:
        _share_before_forking(app)


SITE_BUILDERS = ("html", "dirhtml")
"""The builders that make a website. sphinx-sitemap runs for every builder of HTML: it
wrote a ``sitemap.xml`` of the book's pages into the ePub's folder, and said "No pages
generated for sitemap.xml" in every PDF build."""


def _no_sitemap(app: Sphinx) -> None:
    """Take sphinx-sitemap's page and build handlers off this build."""
    from sphinx_sitemap import add_html_link, create_sitemap

    for event, handler in (("html-page-context", add_html_link), ("build-finished", create_sitemap)):
        for listener in list(app.events.listeners.get(event, ())):
            if listener.handler is handler:
                app.disconnect(listener.id)


def _share_before_forking(app: Sphinx) -> None:
    """Move the links to a manager's queue when the pages are about to be written by workers."""
    builder = app.builder
    write_documents = builder.write_documents

    def write_shared(docnames: Any) -> None:
        if builder.parallel_ok and len(docnames) > 1 and isinstance(app.sitemap_links, queue.Queue):
            from multiprocessing import Manager

            shared = Manager().Queue()
            while not app.sitemap_links.empty():
                shared.put(app.sitemap_links.get_nowait())
            app.sitemap_links = shared
        write_documents(docnames)

    builder.write_documents = write_shared


def replace_link_collector(app: Sphinx, config: Any) -> None:
    """``config-inited``: put :func:`collect_links` in place of sphinx-sitemap's handler."""
    try:
        from sphinx_sitemap import record_builder_type
    except ImportError:
        return
    for listener in list(app.events.listeners.get("builder-inited", ())):
        if listener.handler is record_builder_type:
            app.disconnect(listener.id)
            app.connect("builder-inited", collect_links, priority=listener.priority)


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app, "sitemap_links", None)
    outline = outline_of(app.env)
    if exception or links is None or outline is None or app.builder.format != "html":
        return
    from sphinx_sitemap import is_excluded

    collected: dict[str, str | None] = {}
    while True:
        try:
            link, lastmod = links.get_nowait()
        except queue.Empty:
            break
        collected[link] = lastmod

    documents = list(outline.order) + sorted(app.env.found_docs - set(outline.order))
    ordered = [_link(app, docname) for docname in documents]
    ordered += sorted(set(collected) - set(ordered))
    refilled: queue.Queue = queue.Queue()
    for link in ordered:
        if not is_excluded(link, app.config.sitemap_excludes):
            # a URL, as a sitemap must hold: `data portal.html` is `data%20portal.html`
            refilled.put((quote(link, safe="/~"), collected.get(link)))
    app.sitemap_links = refilled


def _link(app: Sphinx, docname: str) -> str:
    """The page's address as sphinx-sitemap writes it (``dir/`` for the dirhtml builder)."""
    if getattr(app.env, "is_directory_builder", False):
        if docname == "index":
            return ""
        return docname[:-5] if docname.endswith("/index") else docname + "/"
    return docname + (app.config.html_file_suffix or ".html")

"""website.sitemap: sphinx-sitemap's links collected without its manager process when no
worker can write pages (the sitemap itself is checked in test_editions and the -j tests)."""

from __future__ import annotations

import queue
from types import SimpleNamespace

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.events import EventManager
from sphinx_sitemap import record_builder_type

from website.sitemap import collect_links, replace_link_collector


class App:
    """Just what the two handlers use of Sphinx's application."""

    pdb = False

    def __init__(self, parallel: int, builder: object) -> None:
        self.parallel, self.builder = parallel, builder
        self.events = EventManager(self)  # type: ignore[arg-type]

    def connect(self, event: str, callback: object, priority: int = 500) -> int:
        return self.events.connect(event, callback, priority)

    def disconnect(self, listener_id: int) -> None:
        self.events.disconnect(listener_id)


class Site:
    name = "html"
    allow_parallel = StandaloneHTMLBuilder.allow_parallel  # True: pages may be written by workers

    def __init__(self) -> None:
        self.env = SimpleNamespace()


class Book(Site):
    allow_parallel = False  # a site written in this process, as the PDF is




def test_a_build_that_writes_in_this_process_gets_a_plain_queue() -> None:
    for app in (App(1, Site()),
                App(2, Book())):
        collect_links(app)  # type: ignore[arg-type]
        assert type(app.sitemap_links) is queue.Queue
        assert app.builder.env.is_directory_builder is False


def test_pages_written_by_workers_hand_their_links_through_a_manager() -> None:
    site = Site()
    written: list[set[str]] = []
    site.parallel_ok, site.write_documents = True, written.append
    app = App(2, site)
    collect_links(app)  # type: ignore[arg-type]
    app.sitemap_links.put(("first.html", None))
    site.write_documents({"index"})  # one page: written in this process
    assert type(app.sitemap_links) is queue.Queue
    site.write_documents({"index", "other"})  # Sphinx forks writers for these
    assert type(app.sitemap_links) is not queue.Queue
    assert written == [{"index"}, {"index", "other"}]
    app.sitemap_links.put(("index.html", None))
    assert [app.sitemap_links.get_nowait() for _ in range(2)] == [("first.html", None),
                                                                 ("index.html", None)]
    assert app.sitemap_links.empty()


def test_it_takes_the_place_of_sphinx_sitemaps_handler_at_its_priority() -> None:
    app = App(1, None)
    app.connect("builder-inited", record_builder_type, priority=450)
    replace_link_collector(app, None)  # type: ignore[arg-type]
    handlers = [(listener.handler, listener.priority)
                for listener in app.events.listeners["builder-inited"]]
    assert handlers == [(collect_links, 450)]


def test_the_sitemap_holds_urls_for_page_names_with_spaces_and_accents(tmp_path) -> None:
    """The City's pages include 'projects/data portal.markdown': sphinx-sitemap wrote the name
    as it is, and a URL with a space (or an unescaped é) is no URL to a search engine."""
    import re

    from conftest import page, sphinx_build, write_pages

    source = write_pages(tmp_path / "src", {"index.md": page("Home", body="Hi."),
                                            "data portal.md": page("Data portal", 1),
                                            "café.md": page("Café", 2)})
    build = sphinx_build(source, tmp_path / "out")
    assert build.returncode == 0, build.output
    locs = re.findall(r"<loc>([^<]*)</loc>", (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8"))
    assert [loc.rsplit("/", 1)[1] for loc in locs] == ["index.html", "data%20portal.html", "caf%C3%A9.html"]


def test_the_books_get_no_sitemap_of_their_own() -> None:
    """sphinx-sitemap wrote a sitemap.xml of the book's pages into the ePub's folder, and
    told every PDF build that it had no pages for one."""
    from sphinx_sitemap import add_html_link, create_sitemap

    for name in ("epub", "typst"):
        app = App(2, SimpleNamespace(name=name, allow_parallel=True, env=SimpleNamespace()))
        app.events.add("html-page-context")  # the HTML builders' event, which the ePub's is
        ours = [app.connect("html-page-context", add_html_link), app.connect("build-finished", create_sitemap),
                app.connect("build-finished", print)]
        collect_links(app)  # type: ignore[arg-type]
        left = [listener.id for event in ("html-page-context", "build-finished")
                for listener in app.events.listeners.get(event, ())]
        assert left == [ours[2]], name
        assert not hasattr(app, "sitemap_links")

"""Sphinx extension: what only the website has.

Citation metadata in every page's head (Highwire, Dublin Core, OpenGraph, Twitter,
schema.org JSON-LD), the landing page's and sidebar's editions panel and the PDF and
ePub shipped into ``editions/`` with ``SHA256SUMS``, the social card, redirect pages for
old addresses, ``404.html``, ``robots.txt``; and the site's housekeeping: every page in
the sitemap, no empty words in the search index, no HTML left of a page that left the
build. The parts are plain modules (``headtags``, ``editions``, ``card``, ``redirects``,
``sitefiles``, ``panel``, ``sitemap``, ``search_index``); this is their glue.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.locale import _ as translated
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

import changes
import pagesource
import publication
from jekyll_compat import defaults, defaults_of, meaning, old_site_aliases, old_site_urls, polyglot_addresses
from publication import madefrom
from publication.atomic import write_if_changed
from publication.glue import metadata, site_root, version_root

from . import card, editions, headtags, redirects, sitefiles
from .furo_boxes import ContentsBoxes, depart_container, visit_container
from .panel import editions_panel
from .picture_titles import depart_image, visit_image
from .unique_ids import OneElementPerId
from .search_index import drop_build_paths, drop_empty_search_terms
from .sitemap import complete_sitemap, replace_link_collector

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

CARD = "cite/card.png"
_FRONT = "website_page_sources"
_REDIRECTS = "website_redirects"
_FINGERPRINT = "website.fingerprint"  # changes.KEYS memories, per builder
_DOCS = "website.pages"
_READ = "website.read"


def default_editions_dir(app: Sphinx, config: Config) -> None:
    """Without ``editions_dir``, the editions are looked for beside the output folder."""
    if not config.editions_dir:
        config.editions_dir = str(Path(app.outdir).parent)


def settle_asset_priorities(app: Sphinx, config: Config) -> None:
    """Give the CSS and JS files of ``conf.py`` the priority Sphinx gives them (800).

    Sphinx's HTML and ePub builders write that default into the configuration's own
    entries when they start, so the configuration saved with the environment never
    equalled the next build's: every build said "The configuration has changed
    ('html_css_files', 'html_js_files')" though nothing had. Same files, same order.
    """
    for name in ("html_css_files", "html_js_files", "epub_css_files"):
        for entry in getattr(config, name, ()):
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], dict):
                entry[1].setdefault("priority", 800)


def is_web(builder: Builder) -> bool:
    """The website builders (the ePub builder is an HTML builder too, but not a website)."""
    return builder.format == "html" and not builder.name.startswith("epub")


# ---------------------------------------------------------------- editions

def find_editions(app: Sphinx) -> None:
    """Before writing: which editions exist, with sizes and checksums (main process)."""
    found: list[editions.Edition] = []
    if is_web(app.builder):
        meta = metadata(app.config)
        # A translated build names its files <slug>-<lang> (the languages extension sets pdf_basename)
        basename = getattr(app.config, "pdf_basename", "") or meta.slug
        found, missing = editions.find(Path(app.config.editions_dir), basename)
        for path in missing:
            logger.info("citation: no edition at %s (build it first, e.g. `make all`); "
                        "the site does not offer it", path)
    app.builder.publication_editions = found  # type: ignore[attr-defined]


def _editions(app: Sphinx) -> list[editions.Edition]:
    return getattr(app.builder, "publication_editions", [])


# ---------------------------------------------------------------- redirects

def collect_front_matter(app: Sphinx, env: BuildEnvironment, added: set[str],
                         changed: set[str], removed: set[str]) -> list[str]:
    """Read every page's source before page order drops the redirect-only pages."""
    # kept on the builder, not the env: it is remade every build and need not be pickled
    setattr(app.builder, _FRONT, {d: pagesource.read(env.doc2path(d)) for d in env.found_docs})
    return []


def plan_redirects(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """After page order: plan every redirect against the pages that are really built."""
    front = getattr(app.builder, _FRONT, {})
    old_site = old_site_urls(app, env.found_docs)
    given = defaults_of(Path(app.srcdir))
    pages = {d: polyglot_addresses(Path(app.srcdir), env.doc2path(d),
                                   defaults.with_defaults(source.data, given(env.doc2path(d))))
             for d, source in front.items()}
    for docname, more in old_site_aliases(app, env.found_docs).items():  # a post's UTC day
        if docname in pages:
            value = pages[docname].get("redirect_from")
            kept = list(value) if isinstance(value, (list, tuple)) else [] if value is None else [value]
            pages[docname] = {**pages[docname], "redirect_from": [*kept, *more]}
    planned, problems = redirects.plan(
        pages, env.found_docs,
        app.config.site_redirects, lambda d: page_file(app, d), old_site,
        own_hosts=[*app.config.site_redirect_hosts,
                   urlsplit(site_root(app.config, metadata(app.config))).hostname or ""])
    for problem in problems:
        lines = front[problem.origin].key_lines if problem.origin in front else {}
        line = 1 if problem.key == redirects.WHOLE_PAGE else \
            next((lines[k] for k in (problem.key, *meaning.KEYS) if k in lines), 1)
        location = (problem.origin, line) if problem.origin in front else \
            str(Path(app.confdir, "conf.py"))
        logger.warning(problem.message, location=location, type=redirects.WARNING_TYPE,
                       subtype=problem.subtype)
    say_redirect_pages_text(front, env.found_docs, planned)
    if app.config.root_doc in env.found_docs:
        planned = redirects.with_home(planned, app.config.root_doc, lambda d: page_file(app, d))
    setattr(app.builder, _REDIRECTS, planned)
    return []


def say_redirect_pages_text(front: dict[str, pagesource.PageSource], published: set[str],
                            planned: list[redirects.Redirect]) -> None:
    """A page that only redirects is built in no edition: words below its front matter
    were dropped without a word (jekyll-redirect-from showed none of them either)."""
    leading = {r.origin for r in planned if r.origin != "conf.py"}
    for docname, source in sorted(front.items()):
        if docname in published or not meaning.is_redirect_page(source.data) \
                or source.data.get("published") is False:
            continue
        words, first = redirects.own_words("\n".join(source.lines[source.body_start:]))
        if words:
            message = redirects.text_lost_message(
                words, meaning.redirect_target(source.data), docname in leading)
            logger.warning(message, location=(docname, source.body_start + first + 1),
                           type=redirects.WARNING_TYPE, subtype=redirects.Kind.TEXT_LOST.value)


def page_file(app: Sphinx, docname: str) -> str:
    """The file a page is written to, relative to the site (``a/b.html``, or ``a/b/index.html``)."""
    if is_web(app.builder) and hasattr(app.builder, "get_outfilename"):
        return Path(app.builder.get_outfilename(docname)).relative_to(app.outdir).as_posix()
    return docname + ".html"


def write_redirects(app: Sphinx, meta: publication.Metadata) -> None:
    builder, env = app.builder, app.env
    root = site_root(app.config, meta)

    def uri(r: redirects.Redirect) -> str:
        return r.target if r.external else builder.get_target_uri(r.target)

    def title(r: redirects.Redirect) -> str:
        if r.external:
            return r.target
        return env.titles[r.target].astext() if r.target in env.titles else r.target

    def title_language(r: redirects.Redirect) -> tuple[str, str] | None:
        from languages import page_language

        found = None if r.external else page_language(env, r.target)
        return (found.tag, found.direction) if found is not None else None

    redirects.write(
        getattr(builder, _REDIRECTS, []), Path(app.outdir),
        href=lambda r: r.target if r.external else relative_uri(r.source, uri(r)),
        canonical=lambda r: r.target if r.external else root + uri(r),
        title=title, language=app.config.language or "en", title_language=title_language,
        words=translated)


# ---------------------------------------------------------------- pages that left the build

def remove_old_output(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                      removed: set[str]) -> list[str]:
    """Delete the HTML page of every page that left the build (deleted or unpublished).

    Sphinx never deletes output, so an unpublished page stayed online at its old address
    after a rebuild, though a clean build has no such file. Runs after page order has
    dropped the unpublished pages. Per builder: with one doctree cache, the ePub build
    may already have dropped a page from the env when the HTML build comes.

    Every page the builder ever wrote is remembered, not only the last build's: a build
    that failed saved its memory with the cache, but ``make all`` threw its output away,
    and the next build starts from the live edition, which still holds what that build
    had deleted (a page renamed, then renamed back in the failed build). A page file
    already gone costs one look. The memory is kept beside the doctrees too: new code
    (another ``env_version``) starts a new environment, which forgot it, and a page renamed
    in that build stayed online with its old words (:func:`_pages_written`).
    """
    record = Path(app.doctreedir) / f"website-pages-{app.builder.name}.json"
    before = (changes.recall(env, _DOCS, builder=app.builder.name) or set()) | _pages_written(record)
    changes.remember(env, _DOCS, before | env.found_docs, builder=app.builder.name)
    write_if_changed(record, json.dumps(sorted(before | env.found_docs)).encode("utf-8"))
    gone = before - env.found_docs
    get_outfilename = getattr(app.builder, "get_outfilename", None)
    if app.builder.format == "html" and get_outfilename is not None:
        for docname in gone:
            Path(get_outfilename(docname)).unlink(missing_ok=True)
    return []


def _pages_written(record: Path) -> set[str]:
    """The pages a builder ever wrote, as the file beside the doctrees keeps them."""
    try:
        names = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(names, list):
        return set()  # a page name never leads out of the site, whatever the file holds
    return {n for n in names if isinstance(n, str) and not n.startswith("/") and ".." not in n.split("/")}


def remove_departed_files(app: Sphinx, exception: Exception | None) -> None:
    """Delete each picture (``_images/``) and download (``_downloads/<hash>/``) no page of
    this build shows or offers. Sphinx never deletes output: a file a page stopped linking,
    or that was deleted from the pages (a spreadsheet of residents' names put online by
    mistake), stayed on the site at its old address after every rebuild, though a clean
    build has no such file. Only after a build that succeeded."""
    if exception is not None or not is_web(app.builder):
        return
    env, outdir = app.env, Path(app.outdir)
    pictures = {name for _, name in env.images.values()}
    downloads = {PurePosixPath(dest).as_posix() for _, dest in env.dlfiles.values()}
    folder = outdir / app.builder.imagedir
    for file in folder.iterdir() if folder.is_dir() else ():
        if file.is_file() and file.name not in pictures:
            file.unlink()
    folder = outdir / "_downloads"
    for hashed in folder.iterdir() if folder.is_dir() else ():
        for file in hashed.iterdir() if hashed.is_dir() else ():
            if file.is_file() and f"{hashed.name}/{file.name}" not in downloads:
                file.unlink()
        if hashed.is_dir() and not any(hashed.iterdir()):
            hashed.rmdir()


# ---------------------------------------------------------------- rewriting pages

def _fingerprint(app: Sphinx) -> str:
    """What every page's head and sidebar show: metadata, editions, site address."""
    digest = hashlib.sha256(Path(app.config.citation_cff).read_bytes())
    for edition in _editions(app):
        digest.update(edition.sha256.encode())
    digest.update(site_root(app.config, metadata(app.config)).encode())
    return digest.hexdigest()


def pages_with_new_metadata(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page shows the metadata and editions: when they change, rewrite every page.

    With no memory yet (a fresh cache, or one the ePub build filled) every page is
    rewritten once; returning pages also makes Sphinx save the memory with the cache.
    """
    if not is_web(app.builder):
        return []
    new = _fingerprint(app)
    old = changes.remember(env, _FINGERPRINT, new, builder=app.builder.name)
    return sorted(env.found_docs) if old != new else []


def pages_another_builder_read(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rewrite every page read again since this builder last wrote it.

    One doctree cache serves every builder, and Sphinx's HTML and ePub builders rewrite a
    page whose own file is newer than their output. A page read again because a file it
    takes in changed (an ``_includes/`` file, ``_config.yml``, a data file) was read by
    the first builder of ``make all``, the PDF's: the ePub kept the old words. With no
    memory yet every page is rewritten once, which also saves the memory with the cache.
    """
    if app.builder.format != "html":
        return []
    read = {doc: env.all_docs[doc] for doc in env.found_docs if doc in env.all_docs}
    before = changes.remember(env, _READ, read, builder=app.builder.name)
    if before is changes.MISSING:
        return sorted(env.found_docs)
    return sorted(doc for doc, when in read.items() if before.get(doc) != when)


def add_editions_panel(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Website only: the editions panel on the landing page, before its contents."""
    if not is_web(app.builder) or docname != app.config.root_doc:
        return
    meta = metadata(app.config)
    page_uri = app.builder.get_target_uri(docname)
    cite = app.config.citation_page
    section = next(iter(doctree.findall(nodes.section)), doctree)
    cite_uri = app.builder.get_target_uri(cite) if cite in app.env.found_docs else None
    panel = editions_panel(meta, _editions(app), page_uri, cite_uri)
    contents = next((n for n in section.children if isinstance(n, nodes.compound)
                     and "toctree-wrapper" in n["classes"]), None)
    if contents is not None:
        section.insert(section.index(contents), panel)
    else:
        section += panel


def add_head_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """Website only: citation metadata in every page's head, editions for the sidebar."""
    if not is_web(app.builder):
        return
    meta = metadata(app.config)
    root = site_root(app.config, meta)
    found = _editions(app)
    context["publication_editions"] = [
        {"label": e.label, "path": e.path, "size": e.human_size, "sha256": e.sha256}
        for e in found]
    context["publication_version"] = meta.version
    context["publication_date"] = meta.date_released.isoformat()
    context["publication_cite"] = (app.config.citation_page
                                   if app.config.citation_page in app.env.found_docs else "")
    context["publication_sums"] = f"{editions.FOLDER}/{editions.SUMS}" if found else ""
    if doctree is None:
        return
    url = context.get("pageurl") or root + app.builder.get_target_uri(pagename)
    is_publication = pagename in (app.config.root_doc, app.config.citation_page)
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else meta.title
    kept = version_root(app.config, meta)
    page = headtags.Page(title, url, is_publication, app.config.language or "en",
                         kept + app.builder.get_target_uri(pagename),
                         "" if is_publication else page_description(app, pagename))
    site = headtags.Site(root, root + CARD, card.alt_text(meta), tuple(found), kept)
    creators = [headtags.highwire_author(name, *parts) for name, parts
                in zip(meta.authors, meta.author_parts or [("", "")] * len(meta.authors))]
    context["metatags"] = context.get("metatags", "") + headtags.render(
        meta, page, site, creators, canonical=not context.get("pageurl"))


DESCRIPTION_MOST = 1000
"""Characters of a page's ``description:`` put in its head: a summary, not the page."""


def page_description(app: Sphinx, pagename: str) -> str:
    """The page's own ``description:`` (Jekyll's jekyll-seo-tag, Hugo, MkDocs and Docusaurus
    put it in the head), on one line without control characters; ``""`` when it has none.
    Before, every page's head said the publication's abstract and this was read by nothing."""
    path = Path(app.env.doc2path(pagename))
    if not path.is_file():
        return ""
    value = pagesource.read(path).data.get("description")
    if not isinstance(value, str):
        return ""
    text = " ".join("".join(c for c in value if c.isprintable() or c.isspace()).split())
    return text if len(text) <= DESCRIPTION_MOST else text[:DESCRIPTION_MOST].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------- site files

def write_site_files(app: Sphinx, exception: Exception | None) -> None:
    """After a good website build: editions, card, redirects, 404, robots."""
    if exception is not None or not is_web(app.builder):
        return
    meta = metadata(app.config)
    outdir = Path(app.outdir)
    editions.ship(_editions(app), outdir)
    record, picture = Path(app.doctreedir) / madefrom.RECORD, outdir / CARD
    drawn_from = card.made_from(meta)
    if not madefrom.unchanged(record, "card", drawn_from, [picture]):
        card.draw(meta, picture)
        madefrom.made(record, "card", drawn_from, [picture])
    write_redirects(app, meta)
    root = site_root(app.config, meta)
    links = [("The publication's first page", app.builder.get_target_uri(app.config.root_doc))]
    if app.config.citation_page in app.env.found_docs:
        links.append(("How to cite", app.builder.get_target_uri(app.config.citation_page)))
    links.append(("Search", app.builder.get_target_uri("search")))
    write_if_changed(outdir / "404.html", sitefiles.not_found(
        meta.title, links, sitefiles.base_path(root), app.config.language or "en").encode())
    write_if_changed(outdir / "robots.txt", sitefiles.robots(root).encode())


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("citation")  # its citation_page is linked from the panel and 404
    app.add_config_value("editions_dir", "", "", types=[str])
    app.add_config_value("site_redirects", {}, "html", types=[dict])
    app.add_config_value("site_redirect_hosts", [], "html", types=[list, tuple])
    app.connect("config-inited", default_editions_dir)
    app.connect("config-inited", settle_asset_priorities, priority=900)  # after Sphinx's (800)
    app.connect("config-inited", replace_link_collector)
    app.add_post_transform(OneElementPerId)
    app.add_post_transform(ContentsBoxes)
    app.add_node(nodes.container, override=True, html=(visit_container, depart_container))
    app.add_node(nodes.image, override=True, html=(visit_image, depart_image))
    app.connect("builder-inited", find_editions)
    app.connect("env-get-outdated", collect_front_matter, priority=400)  # before pageorder
    app.connect("env-get-outdated", remove_old_output, priority=550)  # after pageorder
    app.connect("env-get-outdated", plan_redirects, priority=600)
    app.connect("env-get-updated", pages_with_new_metadata)
    app.connect("env-get-updated", pages_another_builder_read)
    app.connect("doctree-resolved", add_editions_panel)
    app.connect("html-page-context", add_head_tags)
    app.connect("html-collect-pages", drop_empty_search_terms)
    app.connect("html-collect-pages", drop_build_paths)
    app.connect("build-finished", complete_sitemap, priority=400)  # before sphinx-sitemap (500)
    app.connect("build-finished", write_site_files)
    app.connect("build-finished", remove_departed_files)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}

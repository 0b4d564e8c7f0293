"""Sphinx extension: order every page by its front-matter ``position``.

The outline is computed once per build in the main process (``env-get-outdated``, when
``env.found_docs`` is known) and stored on the environment. A transform then turns it
into real ``toctree`` nodes on each landing page while that page is read, so the HTML
sidebar, prev/next links, the ePub spine and single-document builders all see one order.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

import changes
from pagesource import lenient_utf8

from . import generated_root
from .frontmatter import Page, read_page, titled_after_publication
from .onechapter import OneChapterPerFile
from .outline import LANDING_NAMES, Outline, build_outline, first_page
from .problems import WARNING_TYPE, Kind, Problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

OUTLINE = "pageorder_outline"
"""The env attribute holding this build's :class:`Outline` (read it with :func:`outline_of`)."""
_OUTLINE = OUTLINE
_NAVIGATION = "pageorder.navigation"  # a changes.KEYS memory, per builder
_NAV_CHANGED = "pageorder_navigation_changed"  # on the builder: this build's answer
_LISTINGS_SAME = "pageorder_listings_unchanged"  # on the builder: see write_only_changed_pages


def outline_of(env: BuildEnvironment) -> Outline | None:
    """This build's outline (pages in reading order, each landing's children), once planned."""
    return getattr(env, OUTLINE, None)


def warn(docname: str, problem: Problem) -> None:
    """Report ``problem`` the Sphinx way, so ``-W`` fails and ``suppress_warnings`` works."""
    logger.warning(problem.message, location=(docname, problem.line),
                   type=WARNING_TYPE, subtype=problem.kind.value)


def read_pages(env: BuildEnvironment) -> dict[str, Page]:
    """Read the front matter of every source page Sphinx found (a Jekyll post with its date)."""
    from .check import read_pages as read_site_pages

    return read_site_pages({docname: env.doc2path(docname) for docname in env.found_docs},
                           Path(env.srcdir))


def file_under(path: Path, srcdir: Path) -> str:
    """``path`` as written under the pages' folder (``_projects/a.md``), for messages and
    for GitBook's table of contents; ``""`` outside it."""
    try:
        return Path(path).relative_to(srcdir).as_posix()
    except ValueError:
        return ""


def summary_groups(srcdir: Path) -> dict[str, str]:
    """The folders a GitBook ``SUMMARY.md``'s ``## Group`` headings name, or its entry for a
    ``README.md`` the folder lacks, with their words (none elsewhere)."""
    from gitbook_compat.summary import reading_order

    order = reading_order(srcdir)
    return dict(order.groups) if order is not None else {}


def landing_file(srcdir: Path) -> str:
    """The file that lands a folder: a GitBook folder's ``README.md``, else ``index.md``."""
    from gitbook_compat.summary import README, layout_of

    return README if layout_of(srcdir) is not None else "index.md"


def plan_outline(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    """Compute the outline; drop unpublished pages; return landing pages to re-read."""
    pages = read_pages(env)
    root = app.config.root_doc
    if root in pages:
        pages[root] = titled_after_publication(pages[root], app.config.project)
    outline = build_outline(pages, root, summary_groups(Path(env.srcdir)), landing_file(Path(env.srcdir)))
    for docname, problem in outline.problems:
        warn(docname, problem)
    for docname, page in outline.generated.items():
        text = generated_root.landing_text(page.title or docname, page.position, page.language)
        generated_root.add_page(app, env, docname, text, added, changed, removed)

    say_sections_left_out(outline, pages)
    for docname in outline.unpublished:
        env.found_docs.discard(docname)
        added.discard(docname)
        changed.discard(docname)
        if docname in env.all_docs:
            removed.add(docname)
    previous: Outline | None = getattr(env, _OUTLINE, None)
    nav = (tuple(sorted(outline.children.items())),
           tuple((docname, pages[docname].title, pages[docname].language)  # a title says its language
                 for docname in outline.order if docname in pages))
    # Per builder (see changes): a builder with no memory yet rewrites everything once
    # (and so the env is saved).
    written = changes.remember(env, _NAVIGATION, nav, builder=app.builder.name)
    setattr(app.builder, _NAV_CHANGED, previous is not None and written != nav)
    setattr(env, _OUTLINE, outline)

    old_children = previous.children if previous else {}
    landings = set(outline.children) | set(old_children)
    return sorted(d for d in landings
                  if outline.children.get(d) != old_children.get(d) and d in env.found_docs)


def say_sections_left_out(outline: Outline, pages: dict[str, Page]) -> None:
    """A section's landing that is not published (``published: false``, a Hugo draft) leaves
    its section's pages out with it: said at the landing, with how many and which, where
    they had gone without a line."""
    carried = sorted(d for d in outline.unpublished
                     if d in pages and pages[d].published and not pages[d].redirect)
    if not carried:
        return
    sections = {}
    for landing in sorted(d for d in outline.unpublished if d in pages and not pages[d].published):
        folder, _, name = landing.rpartition("/")
        sections[landing] = folder if name in LANDING_NAMES else landing
    by_landing: dict[str, list[str]] = {}
    for docname in carried:
        above = [l for l, f in sections.items() if f and docname.startswith(f + "/")]
        if above:
            by_landing.setdefault(max(above, key=lambda l: len(sections[l])), []).append(docname)
    for landing, hidden in sorted(by_landing.items()):
        named = ", ".join(pages[d].named for d in hidden[:3]) + (f" and {len(hidden) - 3} more"
                                                                  if len(hidden) > 3 else "")
        logger.info("this section's landing is not published, so neither are the %d pages of "
                    "its section (%s); to publish them, publish the landing or move them out",
                    len(hidden), named, location=(landing, 1))


NAVIGATION_CHANGED = "pageorder-navigation-changed"
"""Event: ``(app, env, docnames)`` when the navigation changed and ``docnames`` must show it.

A handler returns the pages it will update itself (fastnav patches their sidebar in
place); pageorder asks Sphinx to rewrite the rest. A handler may only take pages whose
own toctrees list the same pages as before (with no title changed): pageorder then sets
``env.files_to_rebuild`` aside while writing, so Sphinx does not rewrite them anyway.
"""


def pages_with_new_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page shows the whole navigation: when it changed, every page must be rewritten.

    Handlers of :data:`NAVIGATION_CHANGED` may take over pages whose only change is the
    navigation; they render any they cannot patch after all.
    """
    changed = getattr(app.builder, _NAV_CHANGED, None)
    setattr(app.builder, _LISTINGS_SAME, changed is False)
    if not changed:
        return []
    docnames = set(env.found_docs)
    for taken in app.emit(NAVIGATION_CHANGED, env, frozenset(docnames)):
        if taken:
            docnames -= set(taken)
            # a handler takes only pages that list what they listed before (its promise)
            setattr(app.builder, _LISTINGS_SAME, True)
    return sorted(docnames)


def write_only_changed_pages(app: Sphinx, builder: Any) -> None:
    """Don't rewrite a page's landing page just because the page was rewritten.

    Sphinx also writes every page whose toctree lists a rewritten page
    (``env.files_to_rebuild``), in case its title changed. Here a changed title or order
    already rewrites every page (above), so when neither changed those listings are the
    same; and a page a :data:`NAVIGATION_CHANGED` handler took lists what it listed
    before. Then the map is set aside while this build writes (the saved env keeps it).
    pageorder is the one owner of this swap.
    """
    env = builder.env
    if getattr(env, _OUTLINE, None) is not None and getattr(builder, _LISTINGS_SAME, False):
        env._pageorder_files_to_rebuild = env.files_to_rebuild
        env.files_to_rebuild = {}


def restore_files_to_rebuild(app: Sphinx, exception: Exception | None) -> None:
    saved = app.env.__dict__.pop("_pageorder_files_to_rebuild", None)
    if saved is not None:
        app.env.files_to_rebuild = saved


class InsertContents(SphinxTransform):
    """Replace hand-written toctrees with the generated contents of a landing page."""

    default_priority = 700  # before DoctreeReadEvent (880), where the toctree collector runs

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        for toctree in list(self.document.findall(addnodes.toctree)):
            warn(docname, Problem(
                Kind.OWN_TOCTREE, toctree.line or 1,
                "this page has its own toctree, which is ignored: pages are listed by their "
                "`position`. Remove the toctree and set `position:` in each page instead",
            ))
            wrapper = toctree.parent
            toctree.parent.remove(toctree)
            if isinstance(wrapper, nodes.compound) and not wrapper.children:
                wrapper.parent.remove(wrapper)

        if self.document.next_node(nodes.section) is None:
            self.document.children = [untitled_section(docname, self.document.children)]

        outline: Outline | None = getattr(self.env, _OUTLINE, None)
        children = outline.children.get(docname) if outline else None
        if children:
            section = self.document.next_node(nodes.section) or self.document
            section += contents_node(docname, children)


def untitled_section(docname: str, content: list[nodes.Node]) -> nodes.section:
    """Name a page that has no title after its file, so no edition shows '<no title>'.

    The missing title was reported (``position.title-missing``); this keeps the page and
    its text in every edition meanwhile.
    """
    name = docname.rsplit("/", 1)[-1]
    section = nodes.section("", nodes.title(name, name), ids=[nodes.make_id(name) or "page"],
                            names=[nodes.fully_normalize_name(name)])
    section.extend(content)
    for child in section.children:
        child.parent = section
    return section


def contents_node(docname: str, children: tuple[str, ...]) -> nodes.compound:
    """A toctree listing ``children`` by title, as the ``toctree`` directive would make it."""
    toctree = addnodes.toctree()
    toctree["parent"] = docname
    toctree["entries"] = [(None, child) for child in children]
    toctree["includefiles"] = list(children)
    toctree["maxdepth"] = -1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = False
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = True
    wrapper = nodes.compound(classes=["toctree-wrapper", "publication-contents"])
    wrapper += toctree
    return wrapper


def read_leniently(app: Sphinx) -> None:
    """Decode sources so a bad byte is a reported warning, not a crash (see lenient_utf8)."""
    if app.env.settings.get("input_encoding", "").lower() in {"utf-8", "utf-8-sig", "utf8"}:
        app.env.settings["input_encoding"] = lenient_utf8.NAME


LANDING_PAGE = "pageorder-landing-page"
"""Event: ``(app, srcdir) -> docname | None``: the page a folder without ``index.md`` names
as its home itself (an old Jekyll site: the page whose ``permalink`` is ``/``)."""


def choose_root_doc(app: Sphinx, config: Config) -> None:
    """A folder of pages without ``index.md`` still builds: the page it names as its home
    (:data:`LANDING_PAGE`), else its first page, becomes the root. An ``.html`` file is a
    candidate only when it is a page (front matter first): Code for DC's ``about.html``,
    a whole document Jekyll copied, was made the root that no file then gave."""
    srcdir = Path(app.srcdir)
    suffixes = list(config.source_suffix)
    if any((srcdir / (config.root_doc + suffix)).is_file() for suffix in suffixes):
        _say_readme_left_out(srcdir, config)
        return
    named = app.events.emit_firstresult(LANDING_PAGE, srcdir)
    if named:
        logger.info("no %s page in %s: %r is the landing page (its home address)",
                    config.root_doc, srcdir, named)
        config.root_doc = named
        _say_readme_left_out(srcdir, config)
        return
    from sphinx.util.matching import Matcher

    if readme_lands(srcdir, config):
        config.exclude_patterns = [p for p in config.exclude_patterns if p != README]
        logger.info("no %s page in %s: %s is the landing page, as GitHub shows a folder's README",
                    config.root_doc, srcdir, README)
        config.root_doc = README.removesuffix(".md")
        return
    _say_readme_left_out(srcdir, config)
    from pagesource.suffixes import HTML, is_html_page

    excluded = Matcher(list(config.exclude_patterns))
    pages = {path.stem: read_page(path.stem, path)
             for suffix in suffixes for path in srcdir.glob("*" + suffix)
             if path.is_file() and not excluded(path.name)
             and (suffix != HTML or is_html_page(path))}  # a copied `about.html` is no page
    first = first_page(pages)
    if first is not None:
        logger.info("no %s page in %s: %r is the landing page", config.root_doc, srcdir, first)
        config.root_doc = first


README = "README.md"


def publish_a_readme_written_as_a_page(app: Sphinx, config: Config) -> None:
    """A ``README.md`` beside the pages is left out (``exclude_patterns``): a repository's
    notes for the people who keep its files. One with a front matter was written as a page,
    and Jekyll published it so; it was left out without a word. It is a page here too."""
    if README not in config.exclude_patterns:
        return
    import pagesource

    if pagesource.read(Path(app.srcdir) / README).closed:
        config.exclude_patterns = [p for p in config.exclude_patterns if p != README]


def readme_lands(srcdir: Path, config: Config) -> bool:
    """Whether the top ``README.md`` is the home of a folder without an index: GitHub shows
    a repository's README as its page (the City's hack-the-traffic and techstack folders had
    no other home, and their README's words were left out without a word). On an old Jekyll
    site only when it is a page there (jekyll_compat keeps it out of ``exclude_patterns``:
    GitHub Pages' jekyll-readme-index published it); plain Jekyll copied it as a file."""
    if not (srcdir / README).is_file() or (srcdir / README).is_symlink():
        return False
    return README not in config.exclude_patterns or not (srcdir / "_config.yml").is_file()


def _say_readme_left_out(srcdir: Path, config: Config) -> None:
    """The top ``README.md`` that stays out (the folder has another home) is said, so its
    words are not left out without a line."""
    if README in config.exclude_patterns and (srcdir / README).is_file():
        logger.info("%s: left out, as a repository's notes for the people who keep its files "
                    "(the folder's home is another page); to publish it, start it with front "
                    "matter (`---`, `title: ...`, `---`)", srcdir / README)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_event(NAVIGATION_CHANGED)
    app.add_event(LANDING_PAGE)
    app.add_transform(OneChapterPerFile)
    app.add_transform(InsertContents)
    app.connect("config-inited", publish_a_readme_written_as_a_page, priority=400)
    app.connect("config-inited", choose_root_doc)
    app.connect("builder-inited", read_leniently)
    app.connect("env-get-outdated", generated_root.register, priority=300)
    app.connect("env-get-outdated", plan_outline)
    app.connect("env-get-updated", pages_with_new_navigation)
    app.connect("write-started", write_only_changed_pages)
    app.connect("build-finished", restore_files_to_rebuild)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}

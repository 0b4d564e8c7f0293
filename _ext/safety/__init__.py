"""Sphinx extension: what a page may do, whoever wrote it.

A page comes from anyone who can open a pull request, so the build treats it as untrusted:
it reads no file outside the source folder (:mod:`.files`) and no link runs script
(:mod:`.links`, rules in :mod:`.urls`); titles are text (:mod:`.titles`); no page writes
``<meta http-equiv>`` (:mod:`.metatags`); every page
carries a Content-Security-Policy that forbids inline script (:mod:`.csp`). Each refusal
is one ``file:line`` warning of type ``security`` (:class:`.problems.Kind`), so ``-W``
fails the build. The rules themselves are plain Python (:mod:`.paths`, :mod:`.urls`,
:mod:`.svg`, :mod:`.csp`), importable without Sphinx: the Sphinx glue is imported by
:func:`setup` only.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

logger = logging.getLogger(__name__)


def add_csp(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
            doctree: object) -> None:
    """Every web page starts its head with the Content-Security-Policy (not the ePub's XHTML:
    its pages run no script, and a reading system sets its own policy)."""
    from . import csp

    if app.builder.name not in ("html", "dirhtml"):
        return
    context["metatags"] = csp.meta_tag() + "\n" + context.get("metatags", "")


def refuse_unpublishable_names(app: Sphinx, env: Any, added: set[str], changed: set[str],
                               removed: set[str]) -> list[str]:
    """Pages named like generated files, too long to write, linked from outside the source
    folder, or no file (a named pipe) are not read (with a warning). A page whose file is
    another than at the last build (of two files of one page, the kept one deleted) is
    read again: its new file is older than the last reading."""
    from . import names, paths
    from .problems import WARNING_TYPE, Kind

    srcdir = os.fspath(env.srcdir)
    folders: dict[str, str] = {}
    unportable_folders: set[str] = set()  # each said once, at its first page
    for docname in sorted(env.found_docs):
        why, kind = names.problem(docname), Kind.PAGE_NAME
        if not why:
            why, kind = (paths.page_outside(env.doc2path(docname), srcdir, folders),
                         Kind.FILE_OUTSIDE)
        if not why:
            why, kind = paths.not_a_file(env.doc2path(docname)), Kind.NOT_A_FILE
        if why:
            file = os.fspath(env.doc2path(docname))
            where = f"{names.shown(file)}:1" if names.shown(file) != file else (docname, 1)
            logger.warning(why, location=where, type=WARNING_TYPE, subtype=kind.value)
            env.found_docs.discard(docname)
            added.discard(docname)
            changed.discard(docname)
        elif said := names.unportable_message(os.fspath(env.doc2path(docname)), docname,
                                                 unportable_folders):
            file = os.fspath(env.doc2path(docname))
            where = f"{names.shown(file)}:1" if names.shown(file) != file else (docname, 1)
            logger.warning(said, location=where, type=WARNING_TYPE, subtype=Kind.PORTABLE_NAME.value)
    say_case_clashes(env)
    say_twins(env)
    say_folder_links(env)
    say_unfound_pages(app, env)
    if not env.found_docs:  # Sphinx would stop with a crash report ("please report this bug")
        print(f"\nerror: {env.srcdir}: no pages to build (no .md file outside folders starting "
              "with _ or .); add a page, or give the right source folder\n", file=sys.stderr)
        raise SystemExit(2)
    moved = getattr(env.project, "moved", frozenset())
    return sorted(d for d in moved if d in env.found_docs and d not in added and d not in changed)


def say_case_clashes(env: Any) -> None:
    """Pages or folders whose names differ only in case, each pair said once at a file."""
    from . import names
    from .problems import WARNING_TYPE, Kind

    def file_of(docname: str) -> str:
        return os.path.relpath(env.doc2path(docname), env.srcdir).replace(os.sep, "/")

    for clash in names.case_clashes(env.found_docs):
        mine, theirs = file_of(clash.docname), file_of(clash.other)
        if clash.name.endswith("/"):
            what = (f"the folders '{clash.name}' (with '{mine}') and '{clash.other_name}' (with "
                    f"'{theirs}') differ only in case: on a host that does not tell case apart "
                    "(macOS, Windows, many web servers and zip readers) they are one folder, "
                    "where pages of the same name replace each other; move the pages into one "
                    "folder, spelt one way")
        else:
            what = (f"'{mine}' and '{theirs}' differ only in case: on a host that does not tell "
                    "case apart (macOS, Windows, many web servers and zip readers) one page's file "
                    "replaces the other's; rename one of the two files (its words stay the same)")
        logger.warning(what, location=(clash.docname, 1), type=WARNING_TYPE,
                       subtype=Kind.NAME_CASE.value)


def say_twins(env: Any) -> None:
    """Two files of one page (``a.md`` and ``a.mkd``): the one left out said at its file."""
    from .problems import WARNING_TYPE, Kind
    from .project import twin_problem

    for twin in getattr(env.project, "twins", ()):
        logger.warning(twin_problem(twin), location=f"{os.path.join(env.srcdir, twin.path)}:1",
                       type=WARNING_TYPE, subtype=Kind.SAME_PAGE.value)


def say_folder_links(env: Any) -> None:
    """A link to a folder outside the pages, or to a folder it is in: not walked, said at the
    link; a page that is a link to no file: said at it."""
    from .problems import WARNING_TYPE, Kind
    from .project import broken_link_problem, folder_link_problem

    for broken in getattr(env.project, "broken_links", ()):
        logger.warning(broken_link_problem(broken), location=f"{os.path.join(env.srcdir, broken.path)}:1",
                       type=WARNING_TYPE, subtype=Kind.BROKEN_LINK.value)

    for link in getattr(env.project, "folder_links", ()):
        logger.warning(folder_link_problem(link), location=f"{os.path.join(env.srcdir, link.path)}:1",
                       type=WARNING_TYPE,
                       subtype=(Kind.FOLDER_LOOP if link.loop else Kind.FILE_OUTSIDE).value)


def use_pages_project(app: Sphinx) -> None:
    """``builder-inited``, before Sphinx looks for pages (and before ``jekyll_compat``
    extends the project): :class:`.project.PagesProject`, which keeps one of two files of
    one page by a rule and notes the other."""
    from .project import PagesProject

    if isinstance(app.project, PagesProject):
        return
    project = PagesProject(app.srcdir, app.config.source_suffix)
    project.restore(app.project)
    app.project = app.env.project = project


FOLDERS_READ_AS_PAGES = "safety-folders-read-as-pages"
"""Event: ``(app) -> {folder: page-name prefix} | None``: the ``_``-folders another extension
reads as pages (an old Jekyll site's published collections: ``_projects/`` read as
``projects/``), so their files are neither hidden pages nor pages Sphinx passed over."""


def folders_read_as_pages(app: Sphinx) -> dict[str, str]:
    return dict(app.events.emit_firstresult(FOLDERS_READ_AS_PAGES) or {})


def say_unfound_pages(app: Sphinx, env: Any) -> None:
    """Page files Sphinx's search passes over without a word (a line break in the name, a
    name not in composed Unicode, NFC, a Markdown suffix it does not read: ``.mD``,
    ``.mdown``), each said at its file, shown on one line."""
    from sphinx.project import EXCLUDE_PATHS
    from sphinx.util.matching import Matcher

    from . import names
    from .problems import WARNING_TYPE, Kind

    included = Matcher(list(env.config.include_patterns))
    excluded = Matcher([*env.config.exclude_patterns, *EXCLUDE_PATHS])
    srcdir = os.fspath(env.srcdir)
    for path in names.unfound_pages(srcdir, env.config.source_suffix, included, excluded,
                                    folders_read_as_pages(app)):
        where = os.path.join(srcdir, names.shown(path).replace("/", os.sep))
        logger.warning(names.unfound_problem(srcdir, path, tuple(env.config.source_suffix)),
                       location=f"{where}:1", type=WARNING_TYPE, subtype=Kind.PAGE_NAME.value)


_SAID: set[str] = set()


def chosen_exclusions(patterns: list[str]) -> Any:
    """The publisher's own ``exclude_patterns``: not those that leave out every ``_`` name
    (conf.py's ``_*``, ``**/_*``), which are the project's rule, not a choice to hide a page."""
    from sphinx.util.matching import Matcher

    return Matcher([p for p in patterns if not Matcher([p])("_b") and not Matcher([p])("a/_b")])


def say_underscore_pages(app: Sphinx) -> None:
    """``builder-inited``, once the collections read in place are known: information at
    each ``_draft.md``, why the page is missing and the rename that publishes it. Said once
    per process (``make all`` builds three editions in one)."""
    from . import names

    srcdir = os.fspath(app.srcdir)
    chosen = chosen_exclusions(list(app.config.exclude_patterns))
    for path in names.underscore_pages(srcdir, app.config.source_suffix, chosen,
                                       folders_read_as_pages(app)):
        where = os.path.join(srcdir, names.shown(path).replace("/", os.sep))
        if where not in _SAID:
            _SAID.add(where)
            logger.info(names.underscore_message(names.shown(path)), location=f"{where}:1")


class _SaidAsPageName:
    """Drops Sphinx's "Ignored unreadable document" for a file whose name is only in another
    Unicode form than the composed one Sphinx looks for: :func:`say_unfound_pages` says
    what it is and what to do (the file is readable; Sphinx's words sent people to its
    permissions), and for a page that is a link to no file: :func:`say_folder_links` says
    it, at the file. Drops its "multiple files found for the document" too (no file, no
    line, no type: said by its first look for pages, before :func:`use_pages_project`):
    :func:`say_twins` says which file is left out, at it."""

    def __init__(self, srcdir: str) -> None:
        self.srcdir = srcdir

    def filter(self, record: Any) -> bool:
        from sphinx.locale import __

        if str(record.msg) == str(__('multiple files found for the document "%s": %s\n'
                                     'Use %r for the build.')):
            return False
        if str(record.msg) != str(__("Ignored unreadable document %r.")) or not record.args:
            return True
        path = record.args[0]
        if not isinstance(path, str):
            return True
        path = os.path.join(self.srcdir, path)
        return os.path.lexists(path) and not (os.path.islink(path) and not os.path.exists(path))


def install_unreadable_filter(app: Sphinx, config: Any) -> None:
    """``config-inited`` (Sphinx looks for pages before ``builder-inited``): this build's
    :class:`_SaidAsPageName` on Sphinx's project logger."""
    project_logger = _project_logger()
    for old in [f for f in project_logger.filters if isinstance(f, _SaidAsPageName)]:
        project_logger.removeFilter(old)
    project_logger.addFilter(_SaidAsPageName(os.fspath(app.srcdir)))


@contextlib.contextmanager
def unreadable_said_as_page_name(srcdir: str | os.PathLike[str]) -> Iterator[None]:
    """:class:`_SaidAsPageName` while ``make check`` looks for pages with Sphinx's project."""
    said = _SaidAsPageName(os.fspath(srcdir))
    _project_logger().addFilter(said)
    try:
        yield
    finally:
        _project_logger().removeFilter(said)


def _project_logger() -> Any:
    import logging as stdlib_logging

    return stdlib_logging.getLogger("sphinx.sphinx.project")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def without_control_characters(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: characters no edition can hold (XML forbids them: the ePub was not
    well-formed, the site carried them raw) are left out, said once per page at the first."""
    from .problems import WARNING_TYPE, Kind

    text = source[0]
    first = _NOT_XML.search(text)
    if first is None:
        return
    count = len(_NOT_XML.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    logger.warning(f"the page has {count} control character(s) (the first is U+{ord(first.group()):04X}) "
                   "that no edition can hold; they are left out: delete them from the file",
                   location=(docname, line), type=WARNING_TYPE, subtype=Kind.CONTROL_CHARACTER.value)
    source[0] = _NOT_XML.sub("", text)


def say_event_attributes(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, before any rewrite moves its lines: each event handler a page's
    attribute lists name, which no edition publishes (:mod:`.attributes`)."""
    from .attributes import event_attributes, message
    from .problems import WARNING_TYPE, Kind

    if "on" not in source[0]:
        return
    for line, names in event_attributes(source[0]):
        logger.warning(message(names), location=(docname, line), type=WARNING_TYPE,
                       subtype=Kind.EVENT_ATTRIBUTE.value)


def text_without_control_characters(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects the page's titles (500) and again after the
    rooms that add words once a page is read (front data, 610): the characters
    :func:`without_control_characters` leaves out, in words that were never in the page's
    text (Liquid's values from ``_config.yml``, ``_data/``, ``_includes/``; a front matter's
    ``subtitle:`` and links). A U+FFFE in them made the ePub's chapter, its contents and NCX
    no XML, unsaid. Said once, by the second pass."""

    found, first = app.env.temp_data.get(_NOT_XML_FOUND, (0, None))
    for text in list(doctree.findall(nodes.Text)):
        if not _NOT_XML.search(text):
            continue
        found += len(_NOT_XML.findall(text))
        if first is None:
            first = (_NOT_XML.search(text).group(), _line_of(text))
        text.parent.replace(text, nodes.Text(_NOT_XML.sub("", text)))
    app.env.temp_data[_NOT_XML_FOUND] = (found, first)


def say_text_control_characters(app: Sphinx, doctree: nodes.document) -> None:
    """The second pass of :func:`text_without_control_characters`, and what both found."""
    from .problems import WARNING_TYPE, Kind

    text_without_control_characters(app, doctree)
    found, first = app.env.temp_data.pop(_NOT_XML_FOUND, (0, None))
    if first is not None:
        char, line = first
        logger.warning(f"the page's words from its front matter, Liquid or an include have {found} "
                       f"control character(s) (the first is U+{ord(char):04X}) that no edition can "
                       "hold; they are left out: delete them where they are written",
                       location=(app.env.docname, line), type=WARNING_TYPE,
                       subtype=Kind.CONTROL_CHARACTER.value)


_NOT_XML_FOUND = "safety.not_xml_found"
"""``env.temp_data`` (one page's, cleared after it is read): how many, the first and its line."""


def _line_of(node: nodes.Node) -> int | None:
    """The line of the nearest element around ``node`` that knows its line."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return None


def setup(app: Sphinx) -> dict[str, object]:
    import sphinx.project

    from . import files, images, links, metatags, project, titles

    sphinx.project.get_matching_files = project.sphinx_walk  # Project.discover's own name only
    app.add_event(FOLDERS_READ_AS_PAGES)
    files.setup(app)
    app.add_transform(links.RefuseScriptLinks)
    app.connect("doctree-read", links.refuse_links_added_when_read, priority=900)
    app.connect("doctree-read", text_without_control_characters, priority=400)  # before the titles (500)
    app.connect("doctree-read", say_text_control_characters, priority=900)  # after front data (610)
    app.add_transform(metatags.RefuseHttpEquiv)
    app.add_directive("meta", metatags.MarkdownMeta, override=True)
    app.add_post_transform(images.RemotePicturesAsLinks)
    app.add_post_transform(images.LinkedPicturesShownAsWords)
    app.add_transform(images.PictureSizesWritable)
    app.add_transform(titles.TitlesAreText)
    app.connect("html-page-context", add_csp, priority=100)
    app.connect("config-inited", install_unreadable_filter)
    app.connect("builder-inited", use_pages_project, priority=50)  # before jekyll_compat's (100)
    app.connect("builder-inited", say_underscore_pages, priority=600)  # after the collections (100)
    app.connect("source-read", without_control_characters, priority=100)  # before anyone reads it
    app.connect("source-read", say_event_attributes, priority=101)
    app.connect("env-get-outdated", refuse_unpublishable_names, priority=100)  # before the outline
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

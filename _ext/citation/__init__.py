"""Sphinx extension: formatted citations of the publication.

The ``citation`` directive renders how to cite the work (APA, Chicago, MLA, BibTeX, and
links to the BibTeX, RIS and CSL-JSON files, which the website build writes into ``cite/``);
every chapter of the website offers its own citation. The citations are made by the
plain module :mod:`.citations` from the publication's metadata (``publication``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from publication import madefrom
from publication.atomic import write_if_changed
from publication.glue import cited_address, metadata, version_root

from . import citations, directive
from .directive import (CitationDirective, chapter_citation, cite_file_paths, cite_files,
                        localise_downloads, written_in)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def _is_web(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def add_epub_colophon(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """ePub only, when no How-to-cite page gives them: the first page ends with the
    colophon (version, date, address) and the publication's citation. Its package metadata
    alone named the version, which no reading system shows; the PDF has its colophon page."""
    if not app.builder.name.startswith("epub") or docname != app.config.root_doc \
            or app.config.citation_page in app.env.found_docs:
        return
    from sphinx.locale import _

    meta = metadata(app.config)
    heading = str(_("How to cite"))  # the book's language, else said to be English (WCAG 3.1.2)
    box = nodes.container(classes=["publication-citation"])
    box += nodes.rubric("", heading, classes=[] if heading != "How to cite" else written_in(app.config))
    box += directive.colophon(meta, written_in(app.config), directive.built_as(meta, app.config)[2])
    box += directive.styles_block(citations.publication(meta, cited_address(app.config, meta)),
                                  "citation", written_in(app.config))
    section = next(iter(doctree.findall(nodes.section)), doctree)
    section += box


def add_chapter_citation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Website only: relative download links, and "Cite this chapter" on every chapter."""
    if not _is_web(app):
        return
    meta = metadata(app.config)
    page_uri = app.builder.get_target_uri(docname)
    localise_downloads(doctree, page_uri)
    cite = app.config.citation_page
    if docname != app.config.root_doc and docname != cite and docname in app.env.titles:
        section = next(iter(doctree.findall(nodes.section)), doctree)
        title = app.env.titles[docname].astext()
        url = version_root(app.config, meta) + page_uri
        section += in_the_publications_language(app, docname, chapter_citation(
            meta, title, url, written_in(app.config)))


def in_the_publications_language(app: Sphinx, docname: str, box: nodes.Element) -> list[nodes.Node]:
    """On a page written in another language (``lang: ar``), the citation is still the
    publication's English: said so, with its direction, or a screen reader read it with an
    Arabic voice and the page's right-to-left order scrambled it ("City of Austin. (2026)")."""
    from html import escape

    from languages import names, page_language

    own = page_language(app.env, docname)
    if own is None:
        return [box]
    title = app.env.titles[docname].astext()
    mark_title(box, title, f'<span lang="{escape(own.tag)}" dir="{own.direction}">')
    language = names.hreflang(app.config.language or "en")
    opened = f'<div lang="{escape(language)}" dir="{names.direction(language)}">'
    return [nodes.raw("", opened, format="html"), box, nodes.raw("", "</div>", format="html")]


def mark_title(box: nodes.Element, title: str, opened: str) -> None:
    """The chapter's title in the English citation, in its own language and direction (an
    Arabic title was read with the English voice, its words out of order among the English)."""
    if not title:
        return
    for text in list(box.findall(nodes.Text)):
        at = str(text).find(title)
        if at >= 0 and text.parent is not None:
            text.parent.replace(text, [nodes.Text(str(text)[:at]), nodes.raw("", opened, format="html"),
                                       nodes.Text(title), nodes.raw("", "</span>", format="html"),
                                       nodes.Text(str(text)[at + len(title):])])


def write_cite_files(app: Sphinx, exception: Exception | None) -> None:
    """After a good website build: the BibTeX, RIS and CSL-JSON files the How-to-cite page links
    (not made again while the metadata, this code and pybtex/rispy are the same)."""
    if exception is not None or not _is_web(app):
        return
    meta = metadata(app.config)
    record = Path(app.doctreedir) / madefrom.RECORD
    files = [Path(app.outdir) / path for path in cite_file_paths(meta)]
    made_from = madefrom.key(meta, madefrom.code(citations.__file__, directive.__file__),
                             *directive.built_as(meta, app.config),
                             _version("pybtex"), _version("rispy"))
    if madefrom.unchanged(record, "citation files", made_from, files):
        return
    for path, (_, text) in cite_files(meta, app.config).items():
        write_if_changed(Path(app.outdir) / path, text.encode())
    folder = Path(app.outdir) / directive.CITE_FOLDER
    for old in sorted(p for p in folder.iterdir() if p.suffix[1:] in directive.CITE_KINDS and p not in files):
        old.unlink()  # the files of the publication's former title: no page links them
    madefrom.made(record, "citation files", made_from, files)


def _version(distribution: str) -> str:
    from importlib import metadata as installed

    try:
        return installed.version(distribution)
    except installed.PackageNotFoundError:
        return "?"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("publication")
    app.add_config_value("citation_page", "cite", "html", types=[str])
    app.add_directive("citation", CitationDirective)
    app.connect("doctree-resolved", add_chapter_citation)
    app.connect("doctree-resolved", add_epub_colophon)
    app.connect("build-finished", write_cite_files)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

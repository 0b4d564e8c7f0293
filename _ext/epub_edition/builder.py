"""The ePub edition's builder: Sphinx's ePub 3 builder, accessible and reproducible.

It differs from Sphinx's in six places only: its templates (``templates/``: the
package document carries accessibility metadata, counted on the pages as written, the
navigation document ARIA roles), the theme's pictures no page shows left out
(:mod:`.themefiles`),
the ``<html>`` tag of every page (``lang`` and ``xml:lang``), the zip (fixed dates,
fixed order, written atomically), the book's contents when the landing page is in a
folder, and it drops pages an earlier build left behind.
"""

from __future__ import annotations

import html
import os
import posixpath
import time
from pathlib import Path, PurePosixPath
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, unquote

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder, NavPoint
from sphinx.locale import __
from sphinx.util import logging

from languages.names import direction as _direction
from safety import filetypes

from . import accessibility, links, themefiles, zipwriter
from .names import SafeNames

logger = logging.getLogger(__name__)


@contextmanager
def _resolved_quietly(env: Any) -> Iterator[None]:
    """Sphinx's contents, nav.xhtml and toc.ncx each resolve the root page again for its
    table of contents: its warnings were said when it was written, and came three times more."""
    resolve = env.get_and_resolve_doctree

    def quietly(*args: Any, **kwargs: Any) -> nodes.document:
        with logging.suppress_logging():
            return resolve(*args, **kwargs)

    env.get_and_resolve_doctree = quietly
    try:
        yield
    finally:
        del env.get_and_resolve_doctree

TEMPLATES = Path(__file__).resolve().parent / "templates"


def source_date_epoch() -> int:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` when set (reproducible), else now."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


class _SafePictureNames(dict):
    """``builder.images`` (source file → name in ``_images/``) whose names are made safe as
    they are set: Sphinx copies each picture under that name and every link to it (the
    writer's, and the raw HTML's in :mod:`rawhtml`) reads it from here, so all agree."""

    def __init__(self, book_name: Callable[[str, str], str]) -> None:
        super().__init__()
        self.book_name = book_name

    def __setitem__(self, source: str, name: str) -> None:
        super().__setitem__(source, self.book_name(source, name))


class AccessibleEpubBuilder(Epub3Builder):
    """Sphinx's ``epub`` builder with accessibility metadata and a reproducible zip."""

    template_dir = TEMPLATES
    supported_remote_images = True  # never fetched: links.py shows their alt text instead
    supported_data_uri_images = False  # Google Docs' pictures: written to files of the book, as the PDF's
    # EPUB 3.3 holds WebP (a core media type; Sphinx's list predates it): a .webp picture, or
    # a Google Docs export's data: one, was linked where the build kept it, outside the book
    supported_image_types = [*Epub3Builder.supported_image_types, "image/webp"]

    def init(self) -> None:
        super().init()
        self.pages_written: set[str] = set()
        self._page_names: SafeNames | None = None
        self._picture_names: SafeNames | None = None
        self._book_files: dict[str, str] | None = None
        self.images = _SafePictureNames(self.book_picture_name)
        # Sphinx matches suffixes by case: a PHOTO.JPG would be left out of the manifest
        self.media_types = {**self.media_types,
                            **{suffix.upper(): kind for suffix, kind in self.media_types.items()}}

    def file_name(self, docname: str) -> str:
        """A page's name inside the book: ASCII, no space or ``'#?%``, unique ignoring case
        (see :mod:`.names`)."""
        if self._page_names is None:
            self._page_names = SafeNames(self.env.found_docs)
        return self._page_names[docname]

    def picture_name(self, name: str) -> str:
        """A picture's name inside the book (``_images/my_photo.png``), safe like a page's;
        a name that is no picture of the pages is returned as it is."""
        if self._picture_names is None:
            self._picture_names = SafeNames(name for _, name in self.env.images.values())
        return self._picture_names.table.get(name, name)

    def book_picture_name(self, source: str, name: str) -> str:
        """The name in the book of the picture ``source`` (a file of the pages) that Sphinx
        named ``name``: safe, and a JPEG saved as ``photo.png`` is ``photo.png.jpg``, since a
        book declares a picture's kind by its name and EPUBCheck refuses one whose bytes are
        of another (OPF-029); the site shows it as it is."""
        return self.picture_name(name) + (filetypes.suffix_of_its_bytes(Path(self.srcdir, source)) or "")

    def book_files(self) -> dict[str, str]:
        """The file of every page in the book (as named inside it), and its page."""
        if self._book_files is None:
            self._book_files = {self.file_name(d) + self.out_suffix: d for d in self.env.found_docs}
        return self._book_files

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        """The book's contents (``toc.ncx``, ``nav.xhtml``) list the landing page's links as
        Sphinx resolved them, from the landing page's folder; Sphinx read them from the
        book's top. With the landing page in a folder (18F's ``_pages/index.md``, home of its
        ``pages`` collection) every entry but the first led to no file (EPUBCheck RSC-007):
        an entry naming no file of the book is read from that folder. Santa Monica's
        ``_pages/index/index.html`` had its next page listed as ``index/../data-day.xhtml``:
        the spine named a file the manifest has not (OPF-049), so that name is tidied first."""
        folder = posixpath.dirname(self.config.root_doc)
        files = self.book_files() if folder else {}
        for item in refnodes if folder else ():
            path, hash_, fragment = item["refuri"].partition("#")
            if unquote(html.unescape(path)) in files:
                continue
            for candidate in (posixpath.normpath(path), posixpath.normpath(posixpath.join(folder, path))):
                if unquote(html.unescape(candidate)) in files:
                    item["refuri"] = candidate + hash_ + fragment
                    break
        super().toc_add_files(refnodes)
        # Sphinx names the landing page by its page name, not its file in the book: a
        # landing ``Team roster`` (a folder without index.md) left the spine, guide,
        # nav.xhtml and toc.ncx naming ``Team roster.xhtml``, which the book has not
        landing = refnodes[len(self.config.epub_pre_files)]
        landing["refuri"] = html.escape(self.get_target_uri(self.config.root_doc))
        if not self.config.smartquotes:
            landing["text"] = html.escape(self.env.titles[self.config.root_doc].astext())

    def get_refnodes(self, doctree: nodes.Node, result: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Sphinx's own walk, its titles as each page shows them: Sphinx's ePub builder made
        their dashes and quotes typographic whatever ``smartquotes`` said, so ``Fees -- 2024``
        was "Fees – 2024" in the book's contents alone."""
        if self.config.smartquotes:
            return super().get_refnodes(doctree, result)
        for node in doctree.findall(nodes.reference):
            level = _listed(node, self.toctree_template)
            if level:
                result.append({"level": level, "refuri": html.escape(node["refuri"]),
                               "text": html.escape(node.astext())})
        return result

    def build_navlist(self, navnodes: list[dict[str, Any]]) -> list[NavPoint]:
        """The book's contents (``nav.xhtml``) name a page in another language in it (its
        ``lang:``, kept by the languages extension), as the site's sidebar does."""
        points = super().build_navlist(navnodes)
        languages = getattr(self.env, "page_languages", {})
        said = {self.get_target_uri(docname): found for docname, found in languages.items()}
        return [_in_language(point, said) for point in points] if said else points

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return quote(self.file_name(docname)) + self.link_suffix

    def get_output_path(self, page_name: str, /) -> Path:
        return Path(self.outdir, self.file_name(page_name) + self.out_suffix)

    def handle_page(self, pagename: str, addctx: dict, *args: Any, **kwargs: Any) -> None:
        """Remember every page this build writes (generated ones too), see stale_outputs; a
        page in another language (its ``lang:``) says so on its ``<html>``."""
        self.pages_written.add(self.file_name(pagename) + self.out_suffix)
        found = getattr(self.env, "page_languages", {}).get(pagename)
        if found is not None:
            addctx = {**addctx, "html_tag": self.html_tag_in(found.tag, found.direction)}
        super().handle_page(pagename, addctx, *args, **kwargs)

    def post_process_images(self, doctree: nodes.Node) -> None:
        super().post_process_images(doctree)
        links.warn_remote_images(doctree)

    @property
    def html_tag(self) -> str:  # type: ignore[override]
        """Every XHTML page says its language, as WCAG 3.1.1 and DAISY Ace require."""
        language = self.config.epub_language or "en"
        return self.html_tag_in(language, _direction(language), say_ltr=False)

    @staticmethod
    def html_tag_in(language: str, direction: str, say_ltr: bool = True) -> str:
        """``<html>`` in ``language``; ``dir="ltr"`` said too when it differs from the book's."""
        lang = html.escape(language)
        shown = f' dir="{direction}"' if direction == "rtl" or say_ltr else ""
        return ('<html xmlns="http://www.w3.org/1999/xhtml" '
                f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}"{shown}>')

    def stale_outputs(self) -> list[Path]:
        """Pages and images an earlier build left for pages that are now removed or unpublished.

        Sphinx puts every file of its output folder into the book (a page nobody lists
        becomes a non-linear chapter), so an unpublished page would still ship after an
        incremental build.
        """
        outdir = Path(self.outdir)
        pages = {self.file_name(docname) + self.out_suffix for docname in self.env.all_docs} | self.pages_written
        images = {PurePosixPath(self.imagedir, self.book_picture_name(source, name)).as_posix()
                  for source, (_, name) in self.env.images.items()}
        stale = [path for path in outdir.rglob("*" + self.out_suffix)
                 if path.relative_to(outdir).as_posix() not in pages | {"nav.xhtml"}]
        stale += [path for path in (outdir / self.imagedir).rglob("*")
                  if path.is_file() and path.relative_to(outdir).as_posix() not in images]
        stale += [path for path in outdir.glob("*.epub")  # the book of a former title
                  if path.name != self.config.epub_basename + ".epub"]
        return sorted(stale)

    def handle_finish(self) -> None:
        for path in self.stale_outputs():
            logger.info(__("removing %s: its page is no longer in the book"), path.name)
            path.unlink()
        themefiles.leave_out(Path(self.outdir) / "_static", self.written_pages().values())
        with _resolved_quietly(self.env):
            super().handle_finish()

    def written_pages(self) -> dict[Path, str]:
        """The text of every page the book holds, as written."""
        return {path: path.read_text(encoding="utf-8")
                for path in sorted(Path(self.outdir).rglob("*" + self.out_suffix))}

    def book_contents(self) -> accessibility.Contents:
        """Count what the accessibility statements depend on: the pictures every page of
        the book shows, as written."""
        return sum((accessibility.shown_in(page) for page in self.written_pages().values()),
                   accessibility.Contents())

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        config = self.config
        pairs = accessibility.metadata(
            self.book_contents(),
            summary=config.epub_accessibility_summary or accessibility.default_summary(config.epub_title),
            certified_by=config.epub_accessibility_certifier or config.epub_publisher,
            hazards=tuple(config.epub_accessibility_hazards),
            conforms_to=config.epub_accessibility_conformance or None,
        )
        metadata["accessibility"] = [(name, html.escape(value)) for name, value in pairs]
        metadata["other_identifiers"] = [html.escape(str(v)) for v in config.epub_other_identifiers]
        if config.epub_writing_mode == "horizontal" and _direction(config.epub_language or "en") == "rtl":
            metadata["page_progression_direction"] = "rtl"  # Arabic, Hebrew: pages turn leftwards
        metadata["mathml_pages"] = self.pages_with_mathml()
        return metadata

    def pages_with_mathml(self) -> set[str]:
        """Manifest hrefs of the pages with MathML: EPUB 3 wants them declared (``properties``)."""
        outdir = Path(self.outdir)
        return {html.escape(quote(path.relative_to(outdir).as_posix()))
                for path in sorted(outdir.rglob("*" + self.out_suffix))
                if b"<math " in path.read_bytes()}

    def build_epub(self) -> None:
        """Zip the book with fixed dates and order, replacing the old file only when done."""
        outname = self.config.epub_basename + ".epub"
        logger.info(__("writing %s file..."), outname)
        members = ["META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        zipwriter.write_epub(Path(self.outdir, outname), Path(self.outdir), members,
                             source_date_epoch())


def _listed(node: nodes.reference, template: str) -> int:
    """The level at which Sphinx's ``get_refnodes`` lists a link in the book's contents (its
    own test), 0 for none."""
    refuri = node.get("refuri")
    if not refuri or refuri.startswith(("http://", "https://", "irc:", "mailto:")):
        return 0
    classes = node.parent.attributes["classes"] if node.parent is not None else []
    return next((level for level in range(8, 0, -1) if template % level in classes), 0)


def _in_language(point: NavPoint, said: dict[str, Any]) -> NavPoint:
    """``point`` (its text already escaped XHTML) and its children, each in its page's language."""
    found = said.get(point.refuri.split("#", 1)[0])
    text = (f'<span lang="{html.escape(found.tag)}" xml:lang="{html.escape(found.tag)}" dir="{found.direction}">'
            f"{point.text}</span>" if found is not None else point.text)
    return NavPoint(text, point.refuri, [_in_language(child, said) for child in point.children])

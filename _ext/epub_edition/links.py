"""Links and pictures that cannot work inside an ePub become text: EPUBCheck finds no error.

A website tolerates a link to a missing anchor or to a server path (``/nowhere/``), a
picture from another site or in a format browsers read (``.bmp``); in an ePub each is an
error (RSC-012, RSC-026, RSC-006, RSC-007), so one of them on any page made the whole book
invalid. A link's problem is reported when the page is read (``myst.xref_missing``,
``jekyll.link``), an unknown picture format by Sphinx (``epub.unknown_project_files``);
a remote picture gets its own warning here. The words (link text, alt text) are kept.
"""

from __future__ import annotations

import enum
import html
import posixpath
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from typing import Any

from docutils import nodes
from PIL import Image, UnidentifiedImageError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

import rawhtml
from safety.urls import picture_name

logger = logging.getLogger(__name__)

WARNING_TYPE = "epub"


class Subtype(enum.Enum):
    """What the ePub had to leave out. Every value is a warning subtype of ``epub``."""

    REMOTE_IMAGE = "remote-image"
    """A picture from another site: an ePub carries its pictures, so its alt text is shown."""

REMOTE = "epub_remote_image"  # on the text that replaced a remote picture: its address
# rawhtml writes every attribute as name="value": these find them in its output
_HREF = re.compile(r'\shref="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
_TAG_WITH_HREF = re.compile(r'<[a-zA-Z][^<>]*\shref="[^"]*"[^<>]*>')
_LABEL = re.compile(r'\saria-label="[^"]*"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class UnlinkWhatCannotWork(SphinxPostTransform):
    """In the ePub: drop links to anchors missing from their page, to server paths and, in a
    page's own HTML, to files that are not in the book; a raw link to a page of the book
    is pointed at its file in the book; docutils' marks of mistakes are their words."""

    default_priority = 900  # after every reference is resolved
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for mistake in list(self.document.findall(nodes.problematic)):
            # docutils' mark of a mistake (warned at its line: an undefined |substitution|, an
            # unknown target) links to its message, which no edition shows, and an {eval-rst}
            # block numbers its ids anew: a dangling link and a repeated id, an invalid book.
            words = nodes.inline(mistake.astext(), mistake.astext())
            mistake.replace_self(words)
            words["ids"] = []  # replace_self copied them
        raws = [raw for raw in self.document.findall(nodes.raw) if "html" in raw.get("format", "").split()]
        ids = set(self.document.ids) | {found for raw in raws for found in _ID.findall(raw.astext())}
        for reference in list(self.document.findall(nodes.reference)):
            uri = reference.get("refuri", "")
            fragment = reference.get("refid") or (uri[1:] if uri.startswith("#") else None)
            if fragment is not None and (fragment not in ids or not re.fullmatch(r"[\w.:-]+", fragment)):
                reference.replace_self(reference.children or [nodes.Text(reference.astext())])
            elif uri.startswith("/") and not uri.startswith("//"):
                reference.replace_self(reference.children or [nodes.Text(uri)])
            elif uri and not reference.get("internal") and self.names_no_file(uri):
                reference.replace_self(reference.children or [nodes.Text(uri)])
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            remote = "://" in uri or uri.startswith("//")
            if remote or PurePosixPath(uri).suffix not in self.app.builder.media_types or \
                    not self.decodes(uri):
                text = image.get("alt") or picture_name(uri)
                shown = nodes.inline(text, text, classes=["missing-image"])
                if remote:
                    shown[REMOTE] = uri
                shown.source, shown.line = image.source, image.line
                image.replace_self(shown)
        for raw in raws:
            text = _TAG_WITH_HREF.sub(lambda tag: self.raw_tag(tag, ids), raw.astext())
            if text != raw.astext():
                raw[:] = [nodes.Text(text)]

    def decodes(self, uri: str) -> bool:
        """A PNG, JPEG, GIF or WebP of the pages whose file is that picture: a Google Docs
        export's truncated ``data:image/png`` (its signature alone) was put in the book,
        where EPUBCheck refuses it (PKG-021); the PDF leaves it out and says so
        (``pdf.image``). Each file is read once a build."""
        if PurePosixPath(uri).suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif", ".webp"):
            return True
        known = self.app.builder.__dict__.setdefault("_pictures_decode", {})
        path = Path(self.env.srcdir, uri)
        if path not in known:
            try:
                with Image.open(path) as picture:
                    picture.verify()
                known[path] = True
            except (OSError, ValueError, SyntaxError, UnidentifiedImageError, Image.DecompressionBombError):
                known[path] = False
        return known[path]

    def names_no_file(self, uri: str) -> bool:
        """A relative address written as is (reST's `` `x <a.html>`_ ``, a figure's
        ``:target:``) that names no file of the book: the site's address of a page, or a
        file the book does not carry (EPUBCheck RSC-007)."""
        if _SCHEME.match(uri) or uri.startswith(("//", "#", "/")):
            return False
        here = posixpath.dirname(unquote(self.app.builder.get_target_uri(self.env.docname)))
        target = posixpath.normpath(posixpath.join(here, unquote(uri.partition("#")[0])))
        pictures = {posixpath.join(self.app.builder.imagedir, name) for name in self.app.builder.images.values()}
        return target not in self.app.builder.book_files() and target not in pictures

    def ids_of(self, docname: str) -> set[str]:
        """The ids another page of the book has (its sections' and its own HTML's)."""
        return rawhtml.ids_in(self.env.get_doctree(docname))

    def raw_tag(self, tag: re.Match[str], ids: set[str]) -> str:
        """A start tag with an ``href``, as the book can have it: an ``<a>`` whose address
        is dropped drops the name the site gave it by its address (``aria-label``), which
        only a link may carry (Santa Monica's ``<a href="#api">`` around an icon: DAISY Ace
        aria-prohibited-attr)."""
        written = tag.group(0)
        kept = _HREF.sub(lambda match: self.raw_link(match, ids), written)
        if kept != written and re.match(r"<a\s", written) and not _HREF.search(kept):
            kept = _LABEL.sub("", kept)
        return kept

    def raw_link(self, match: re.Match[str], ids: set[str]) -> str:
        """A link in a page's own HTML, as the book can have it (`` href`` removed if none)."""
        href = html.unescape(match.group(1))
        if _SCHEME.match(href) or href.startswith("//"):
            return match.group(0)
        path, _, fragment = href.partition("#")
        if not path:
            return match.group(0) if unquote(fragment) in ids else ""
        if path.startswith("/"):
            return ""  # a server path: reported by jekyll_compat when it leads to no page
        here = posixpath.dirname(unquote(self.app.builder.get_target_uri(self.env.docname)))
        target = posixpath.normpath(posixpath.join(here, unquote(path)))
        docname = self.app.builder.book_files().get(target)
        if docname is not None:  # rawhtml or jekyll_compat pointed it at a page of the book
            keep = fragment and unquote(fragment) in self.ids_of(docname)
            return f' href="{html.escape(path + ("#" + fragment if keep else ""))}"'
        return ""


def warn_remote_images(doctree: nodes.Node) -> None:
    """Once per page written (the transform above runs each time a page is resolved)."""
    for shown in doctree.findall(nodes.inline):
        if shown.get(REMOTE):
            logger.warning(f"the picture {shown[REMOTE]!r} is on another site, and an ePub carries "
                           "its own pictures: its description is shown instead; save the picture "
                           "into the project to have it in the book", location=shown,
                           type=WARNING_TYPE, subtype=Subtype.REMOTE_IMAGE.value)

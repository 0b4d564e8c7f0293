"""A picture on another site becomes a link to it on the website.

The site loads nothing from other hosts (its Content-Security-Policy says ``img-src 'self'``),
so ``![A chart](https://example.com/chart.png)`` would be a broken picture that also tells
that host who reads the page. The description stays, as a link to the picture, with one
warning naming the file and line. The ePub does the same on its own (``epub_edition``); the
PDF prints the description.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from . import urls
from .problems import WARNING_TYPE, Kind, cut

logger = logging.getLogger(__name__)


def is_remote(uri: str) -> bool:
    return "://" in uri or uri.startswith("//")


class RemotePicturesAsLinks(SphinxPostTransform):
    default_priority = 5
    builders = ("html", "dirhtml", "singlehtml")

    def run(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not is_remote(uri):
                continue
            text = image.get("alt") or uri.rsplit("/", 1)[-1] or uri
            link = nodes.reference(text, text, refuri=uri, classes=["remote-picture"])
            if not (uri.startswith("//") or urls.scheme_of(uri) in ("http", "https")):
                link = nodes.Text(text)  # refused at reading (files.py); never a live other scheme
            if isinstance(image.parent, nodes.reference):  # already a link: keep that one
                image.replace_self(nodes.Text(text))
            elif isinstance(image.parent, (nodes.TextElement, nodes.Inline)):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))
            logger.warning(f"the picture {cut(uri)!r} is on another site, and the website loads "
                           "nothing from other sites: a link to it with its description is shown "
                           "instead. Save the picture into the project to show it",
                           location=image, type=WARNING_TYPE, subtype=Kind.REMOTE_PICTURE.value)


class LinkedPicturesShownAsWords(SphinxPostTransform):
    """A picture with a link (``:target:``) is a link standing alone around it. When a room
    shows the picture as its words instead (refused, missing, on another site), the link held
    words, a paragraph or nothing outside a paragraph, and Sphinx's HTML writer stopped the
    build with an ``AssertionError``: the link with its words is put in a paragraph of its
    own, one left empty is removed."""

    default_priority = 950  # after every room's pictures-as-words (5 to 20; the ePub's links: 900)

    def run(self, **kwargs: Any) -> None:
        for link in list(self.document.findall(nodes.reference)):
            if isinstance(link.parent, (nodes.TextElement, nodes.Inline)) or \
                    (len(link) == 1 and isinstance(link[0], nodes.image)):
                continue
            words = [part for child in link.children
                     for part in (child.children if isinstance(child, nodes.paragraph) else [child])]
            if not any(isinstance(part, nodes.image) or part.astext().strip() for part in words):
                link.parent.remove(link)
                continue
            alone = link.copy()
            alone.extend(part.deepcopy() for part in words)
            link.replace_self(nodes.paragraph("", "", alone))


_SIZE = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z%]*)\s*")
SMALLEST, LARGEST = 0.001, 100_000.0
"""A picture's width or height as a number of its unit: what a page can be set at."""


def writable_size(value: str) -> str | None:
    """The size as every writer can write it (``1e-05cm`` → ``0.00001cm``, which docutils'
    HTML writer could not read: a ``ValueError`` stopped the site and the ePub), or None when
    no page can have it: a 400-digit width (an ``OverflowError`` there, ``inf`` in the PDF's
    Typst), nothing, or less than :data:`SMALLEST` of its unit."""
    found = _SIZE.fullmatch(value)
    if found is None:
        return value  # not a number: docutils' own check said so when the page was read
    number = float(found.group(1))
    if not SMALLEST <= number <= LARGEST:
        return None
    return f"{number:.3f}".rstrip("0").rstrip(".") + found.group(2)


class PictureSizesWritable(SphinxTransform):
    """``:width: 0.00001cm`` or ``:width: 999…9px`` on a picture: one warning at its line,
    the picture shown at its own size, and every edition written (none was)."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            for key in ("width", "height"):
                value = image.get(key)
                if not isinstance(value, str):
                    continue
                written = writable_size(value)
                if written is None:
                    del image[key]
                    logger.warning(f"the picture's {key} {cut(value, 40)!r} is no size a page can "
                                   f"have, so the picture is shown at its own size: give a {key} "
                                   f"such as 300px or 50%", location=image, type=WARNING_TYPE,
                                   subtype=Kind.PICTURE_SIZE.value)
                else:
                    image[key] = written

"""A picture on another site becomes a link to it on the website.

The site loads nothing from other hosts (its Content-Security-Policy says ``img-src 'self'``),
so ``![A chart](https://example.com/chart.png)`` would be a broken picture that also tells
that host who reads the page. The description stays, as a link to the picture, with one
warning naming the file and line. The ePub does the same on its own (``epub_edition``); the
PDF prints the description.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .problems import WARNING_TYPE, Kind

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
            if isinstance(image.parent, nodes.reference):  # already a link: keep that one
                image.replace_self(nodes.Text(text))
            elif isinstance(image.parent, (nodes.TextElement, nodes.Inline)):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))
            logger.warning(f"the picture {uri[:80]!r} is on another site, and the website loads "
                           "nothing from other sites: a link to it with its description is shown "
                           "instead. Save the picture into the project to show it",
                           location=image, type=WARNING_TYPE, subtype=Kind.REMOTE_PICTURE.value)

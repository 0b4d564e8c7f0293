"""A picture's title (``![Map](map.png "Parks near you")``) as its ``<img>``'s ``title``.

kramdown wrote it so (the tooltip on the old site); MyST keeps it on the image node, but
docutils' HTML writer leaves it out, so the site and the ePub lost the words. The PDF
prints them after the picture (``typst_pdf``)."""

from __future__ import annotations

from typing import Any

from docutils import nodes


def picture_title(node: nodes.Element) -> str:
    """The picture's title as one line of words, ``""`` for none."""
    return " ".join(str(node.get("title") or "").split())


def visit_image(self: Any, node: nodes.image) -> None:
    start = len(self.body)
    type(self).visit_image(self, node)
    title = picture_title(node)
    if not title or title == " ".join(str(node.get("alt", "")).split()):
        return  # a title that repeats the alt text: a screen reader would say it twice
    for k in range(len(self.body) - 1, start - 1, -1):
        if self.body[k].startswith("<img "):
            self.body[k] = f'<img title="{self.attval(title)}" ' + self.body[k][len("<img "):]
            return


def depart_image(self: Any, node: nodes.image) -> None:
    type(self).depart_image(self, node)

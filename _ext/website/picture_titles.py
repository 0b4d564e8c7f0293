"""A Markdown picture's title (``![Team](team.jpg "Civic hackers unite!")``) as its ``<img>``'s
``title``, the tooltip kramdown and every Markdown site wrote: MyST keeps it on the image
node, docutils' HTML writer (the site's and the ePub's) leaves it out, and its words were on
no edition."""
from __future__ import annotations

from typing import Any

from docutils import nodes


def visit_image(self: Any, node: nodes.image) -> None:
    start = len(self.body)
    type(self).visit_image(self, node)
    title = " ".join(str(node.get("title", "")).split())
    if not title or title == " ".join(str(node.get("alt", "")).split()):
        return  # a title that repeats the alt text: a screen reader would say it twice
    for at in range(start, len(self.body)):
        if self.body[at].startswith("<img "):
            self.body[at] = f'<img title="{self.attval(title)}" ' + self.body[at][len("<img "):]
            return


def depart_image(self: Any, node: nodes.image) -> None:
    type(self).depart_image(self, node)

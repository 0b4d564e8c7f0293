"""jekyll-paginate's ``paginator`` for a page that lists the posts: one page holding all of them.

Plain Python with no Sphinx import. The old site split its posts over ``/page/2/``,
``/page/3/``…; a publication has no such pages (a book has no "next 3 posts"), and every
post is one of its chapters. So the home page's list shows every post, newest first, as
page 1 of 1: ``paginator.posts`` is them all, ``next_page`` and ``previous_page`` are nil
(their links are not drawn), ``total_pages`` is 1. Each post's ``content`` is its excerpt:
the whole post is its own chapter, and would otherwise be printed twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .posts import Post

_HEADING_OR_TAG = re.compile(r"^\s*(?:#|\{%|<!--|[-*_]{3,}\s*$|\{:)")
#: The keys a post's Liquid data has from its own place; front matter cannot replace them.
_OWN = ("title", "url", "date", "categories", "tags", "excerpt", "content", "path", "id")


def _written_excerpt(data: Mapping[str, Any]) -> bool:
    written = data.get("excerpt")
    return isinstance(written, (str, int, float)) and not isinstance(written, bool) and bool(str(written).strip())


def excerpt(data: Mapping[str, Any], body: str) -> str:
    """The post's ``excerpt:``, else its first paragraph of words (Jekyll's excerpt is the
    text before the first blank line; a heading or a lone Liquid tag there is no summary)."""
    if _written_excerpt(data):
        return str(data["excerpt"]).strip()
    for paragraph in re.split(r"\n[ \t]*\n", body.strip()):
        if paragraph.strip() and not _HEADING_OR_TAG.match(paragraph):
            return " ".join(paragraph.split())
    return ""


def post_data(post: Post, url: str, data: Mapping[str, Any], body: str,
              as_html: Callable[[str], str] | None = None) -> dict[str, Any]:
    """What ``{{ post.… }}`` gives in the loop: its front matter's plain values, then
    Jekyll's own (title, url, date …), which front matter cannot override.

    ``as_html``: for a page written in HTML, which reads no Markdown, the excerpt its first
    paragraph made HTML, as Jekyll gave it (an ``excerpt:`` written in front matter is
    printed as written, as Jekyll printed it)."""
    plain = {key: value for key, value in data.items() if isinstance(key, str) and key not in _OWN
             and isinstance(value, (str, int, float, bool, list))}
    summary = excerpt(data, body)
    if as_html is not None and summary and not _written_excerpt(data):
        summary = as_html(summary)
    return {**plain, "title": post.title, "url": url, "date": post.when, "id": url,
            "path": post.path, "categories": list(post.categories), "tags": list(post.tags),
            "excerpt": summary, "content": summary}


def one_page(listed: Iterable[dict[str, Any]], page_url: str) -> dict[str, Any]:
    """jekyll-paginate's and jekyll-paginate-v2's ``paginator``: page 1 of 1, every post."""
    shown = list(listed)
    return {"page": 1, "per_page": len(shown), "posts": shown, "total_posts": len(shown),
            "total_pages": 1, "previous_page": None, "previous_page_path": None,
            "next_page": None, "next_page_path": None, "first_page": 1,
            "first_page_path": page_url, "last_page": 1, "last_page_path": page_url,
            "page_trail": []}

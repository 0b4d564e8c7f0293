"""Files every static site wants at its root: ``404.html`` and ``robots.txt``.

Plain Python. A host serves ``404.html`` for a missing URL at any depth, so relative
links in it would point nowhere: its links are absolute paths under the site's base path
(the path of ``html_baseurl``), and its style is inline. No JavaScript.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit


def base_path(baseurl: str) -> str:
    """``/`` for ``https://host/``, ``/repo/`` for ``https://host/repo``."""
    path = urlsplit(baseurl).path or "/"
    return path if path.endswith("/") else path + "/"


def standalone_page(title: str, body: str, language: str = "en", head: str = "") -> str:
    """A small page outside the theme (404, redirects): never indexed, readable on a phone.

    ``title``, ``body`` and ``head`` are HTML, escaped by the caller.
    """
    return f"""<!doctype html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
{head}</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


_NOT_FOUND_STYLE = """<style>
body { font: 1.125rem/1.6 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto;
       padding: 0 1rem; color: #1a1a1a; background: #fff; }
a { color: #0b4f9c; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #131416; }
  a { color: #8ab4f8; } }
</style>
"""


def not_found(title: str, links: list[tuple[str, str]], base: str, language: str = "en") -> str:
    """The 404 page; ``links`` are ``(label, path from the site root)``."""
    items = "\n".join(f'<li><a href="{escape(base + path)}">{escape(label)}</a></li>'
                      for label, path in links)
    body = f"""<h1>Page not found</h1>
<p>There is no page at this address in <em>{escape(title)}</em>. It may have moved: these
pages are a good place to start.</p>
<ul>
{items}
</ul>"""
    return standalone_page(f"Page not found — {escape(title)}", body, language, _NOT_FOUND_STYLE)


def robots(baseurl: str, sitemap: str = "sitemap.xml") -> str:
    """Allow everything and point crawlers at the sitemap."""
    root = baseurl if baseurl.endswith("/") else baseurl + "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {root}{sitemap}\n"

"""Which files a browser opens as a page of the site or runs as its script (plain Python).

The site's Content-Security-Policy trusts the site's own files (``script-src 'self'``), so a
page's download ``form.xhtml`` that loads a download ``pwn.js`` would run on the site's
address. A picture must be a picture; a download must not be a page or a script. SVGs are
read for scripts on their own (:mod:`.svg`).
"""

from __future__ import annotations

from pathlib import PurePath

PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".svgz",
                              ".bmp", ".ico", ".tif", ".tiff", ".pdf"})
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".xht", ".xml", ".xsl", ".xslt",
                             ".js", ".mjs", ".cjs", ".swf", ".hta", ".mht", ".mhtml"})


def runs_in_browser(path: PurePath, *, picture: bool) -> bool:
    """A picture named as anything but a picture (a file with no suffix is served as bytes
    to save), or a download named as a page or a script."""
    suffix = path.suffix.lower()
    if picture:
        return bool(suffix) and suffix not in PICTURE_SUFFIXES
    return suffix in ACTIVE_SUFFIXES

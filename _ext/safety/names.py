"""Which page names the build can publish. Plain Python (no Sphinx).

A page whose name is a file the site generates (``search.md`` → ``search.html``,
``genindex``, ``404``, the ePub's ``nav``) would replace that file, or be replaced by it,
without a word; a name too long for the file system (a component of more than 240 bytes:
the doctree cache adds ``.doctree`` to it) stops the build with an ``OSError``. Both are
refused before the page is read.
"""

from __future__ import annotations

import re

RESERVED = {
    "search": "the site's search page (search.html)",
    "genindex": "the site's index page (genindex.html)",
    "py-modindex": "Sphinx's module index (py-modindex.html)",
    "404": "the site's page for missing addresses (404.html)",
    "nav": "the ePub's table of contents (nav.xhtml)",
}
MAX_COMPONENT_BYTES = 240
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def problem(docname: str) -> str | None:
    """Why a page named ``docname`` (no suffix, ``/`` between folders) cannot be published."""
    if docname in RESERVED:
        return (f"the page '{docname}' would replace {RESERVED[docname]}, or be replaced by it; "
                "give the file another name")
    if _CONTROL.search(docname):
        return "the file name has control characters; rename the file"
    for part in docname.split("/"):
        if len(part.encode("utf-8", "surrogateescape")) > MAX_COMPONENT_BYTES:
            return (f"the name '{part[:40]}…' is {len(part.encode('utf-8', 'surrogateescape'))} "
                    f"bytes long; the build can write at most {MAX_COMPONENT_BYTES}: shorten it")
    return None

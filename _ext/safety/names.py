"""Which page names the build can publish. Plain Python (no Sphinx).

A page whose name is a file the site generates (``search.md`` → ``search.html``,
``genindex``, ``404``, the ePub's ``nav``) would replace that file, or be replaced by it,
without a word; a name with ``:`` is read as an address of its own by the site's search
results (``javascript:alert(1).md``) and a name with bidirectional controls reads as another
name; a name too long for the file system (a component of more than 240 bytes:
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
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def problem(docname: str) -> str | None:
    """Why a page named ``docname`` (no suffix, ``/`` between folders) cannot be published."""
    if docname in RESERVED:
        return (f"the page '{docname}' would replace {RESERVED[docname]}, or be replaced by it; "
                "give the file another name")
    if _CONTROL.search(docname):
        return "the file name has control characters; rename the file"
    if ":" in docname:
        return ("the file name has a ':', so a link to the page would be read as an address of "
                "its own (`javascript:…`, `mailto:…`), as the site's search results read it; "
                "rename the file without ':'")
    if _BIDI.search(docname):
        return ("the file name has characters that reverse how text is shown (it reads as "
                "another name than it is); rename the file")
    for part in docname.split("/"):
        if len(part.encode("utf-8", "surrogateescape")) > MAX_COMPONENT_BYTES:
            return (f"the name '{part[:40]}…' is {len(part.encode('utf-8', 'surrogateescape'))} "
                    f"bytes long; the build can write at most {MAX_COMPONENT_BYTES}: shorten it")
    return None

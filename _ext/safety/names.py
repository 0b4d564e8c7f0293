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
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class CaseClash:
    """Two page files, or two folders of pages, whose names differ only in case."""

    docname: str  # the page the warning is said at (the later name, in code-point order)
    other: str    # a page under the name it clashes with
    name: str     # the page's name or folder, as written ("about", "team/")
    other_name: str


def case_clashes(docnames: Iterable[str]) -> list[CaseClash]:
    """Pages and folders whose names differ only in case (``About.md`` and ``about.md``,
    ``Team/`` and ``team/``): a host or zip reader that does not tell case apart (macOS,
    Windows, many web servers) keeps one file, or one folder, for both. Each pair once, said
    at the first page under the later name; a folder's clash before its pages'."""
    first: dict[str, tuple[str, str]] = {}  # casefolded output name -> (as written, a docname)
    said: set[str] = set()
    clashes = []
    for docname in sorted(docnames):
        parts = docname.split("/")
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth]) + ("/" if depth < len(parts) else "")
            written, other = first.setdefault(name.casefold(), (name, docname))
            if written != name:
                if name not in said:
                    said.add(name)
                    clashes.append(CaseClash(docname, other, name, written))
                break
    return clashes

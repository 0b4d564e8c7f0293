"""Find the file a page names, as a reader of the old site found it.

Plain Python, no Sphinx. Markdown percent-encodes an address (``café terrace.png``
arrives as ``caf%C3%A9%20terrace.png``), and a Mac saves ``café`` decomposed (NFD) while
the page writes it composed (NFC): kramdown and a web server found those files anyway,
so the publication must too.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import unquote


def find_file(path: Path) -> Path | None:
    """``path`` as written, or the same name in the other Unicode normal form."""
    for form in (None, "NFC", "NFD"):
        candidate = Path(unicodedata.normalize(form, str(path))) if form else path
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long, a NUL
            return None
    return None


def local_file(srcdir: Path, page_folder: Path, address: str, baseurl: str = "") -> Path | None:
    """The file inside ``srcdir`` that a page's relative or root-relative address names.

    ``/assets/x.png`` is relative to the source folder (the old site's root), anything else
    to the page's folder; the query and fragment are ignored, percent-escapes decoded. A file
    outside ``srcdir`` (``../``, a symlink out) is not found. A site served under
    ``baseurl: /smart`` wrote ``/smart/assets/x.png`` too: that is ``/assets/x.png``.
    """
    path = unquote(address.split("#", 1)[0].split("?", 1)[0])
    if not path or "\x00" in path:
        return None
    base = srcdir if path.startswith("/") else page_folder
    found = find_file(base / path.lstrip("/"))
    prefix = "/" + baseurl.strip("/") + "/"
    if found is None and prefix != "//" and path.startswith(prefix):
        found = find_file(srcdir / path[len(prefix):])
    if found is None:
        return None
    root = srcdir.resolve()
    resolved = found.resolve()
    return resolved if resolved.is_relative_to(root) else None

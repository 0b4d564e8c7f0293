"""Which link addresses may reach a reader: http, https, mailto, tel, and relative ones.

Plain Python (no Sphinx, no docutils), so every writer can ask the same question: the
doctree transform, the PDF translator, the raw-HTML sanitiser. The scheme is read the way a
browser reads it (WHATWG URL): leading and trailing control characters and spaces are
ignored and tabs and newlines anywhere are dropped, so ``" java\\tscript:alert(1)"`` is
``javascript:`` here too.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_IGNORED_AT_ENDS = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_DROPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([^/?#]*?):")


def scheme_of(url: str) -> str | None:
    """The scheme as a browser would see it (lower case), or ``None`` for a relative address."""
    cleaned = _DROPPED.sub("", url.strip(_IGNORED_AT_ENDS))
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


def is_allowed(url: str) -> bool:
    """May this address be a link in any edition? Relative addresses always may."""
    scheme = scheme_of(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


def is_external(url: str) -> bool:
    """An allowed address that leaves the publication (it has a scheme)."""
    scheme = scheme_of(url)
    return scheme is not None and scheme in ALLOWED_SCHEMES


def unreachable_host(url: str) -> bool:
    """An http(s) address with no host name a browser can look up: none after the slashes, or
    an empty part between dots (``https://.github.com/x``, as a real page has it). Every
    edition would link nowhere, and an ePub with it is invalid (EPUBCheck RSC-020)."""
    if scheme_of(url) not in ("http", "https"):
        return False
    cleaned = _DROPPED.sub("", url.strip(_IGNORED_AT_ENDS))
    rest = cleaned.split(":", 1)[1].replace("\\", "/").lstrip("/")  # as browsers read it
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]
    if authority.startswith("["):
        return not authority.partition("]")[0][1:]
    host = authority.partition(":")[0]
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return not host or any(not label for label in labels)


def written_validly(url: str) -> str:
    """The address as a valid URL: a space, a quote, ``<``, non-ASCII letters and a ``%`` that
    starts no escape are percent-encoded, a host in other scripts is written in Punycode;
    escapes already there stay. The same as MyST does to a Markdown link's address (markdown-it's
    ``normalizeLink``), so an address a page's HTML names reaches the reader the same way, and
    an ePub with ``https://example.org/My Photos/a.jpg`` is invalid (EPUBCheck RSC-020). Spaces
    at the ends and tabs and newlines are dropped first, as a browser reads the address."""
    from markdown_it.common.normalize_url import normalizeLink

    return normalizeLink(_DROPPED.sub("", url.strip(_IGNORED_AT_ENDS)))

"""Which link addresses may reach a reader: http, https, mailto, tel, and relative ones.

Plain Python (no Sphinx, no docutils), so every writer can ask the same question: the
doctree transform, the PDF translator, the raw-HTML sanitiser. The scheme is read the way a
browser reads it (WHATWG URL): leading and trailing control characters and spaces are
ignored and tabs and newlines anywhere are dropped, so ``" java\\tscript:alert(1)"`` is
``javascript:`` here too.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

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


_SLASHES = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):[/\\]*")
_HOST_FORBIDDEN = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
"""Code points WHATWG's URL standard forbids in a domain (after its escapes are read)."""


def as_browsers_read(url: str) -> str:
    """An http(s) address with the slashes after its scheme as a browser reads them
    (``https:example.org``, ``https:/x``, ``https:\\\\x`` and ``https:///x`` all mean
    ``https://…``; a ``\\`` before the query is a ``/``), and a ``#`` inside its fragment
    escaped (``#a#b``). As written, each was an invalid URL in the ePub (EPUBCheck RSC-020).
    Any other address is returned as it is."""
    if scheme_of(url) not in ("http", "https"):
        return url
    cleaned = _DROPPED.sub("", url.strip(_IGNORED_AT_ENDS))
    fixed = _SLASHES.sub(lambda m: m.group(1) + "://", cleaned, count=1)
    address, hash_, fragment = fixed.partition("#")
    address, question, query = address.partition("?")
    address = address.replace("\\", "/") + question + query  # a browser's "/" before the query
    return address + hash_ + fragment.replace("#", "%23") if hash_ else address


_ATTACHMENT = re.compile(r"\s*attach(?:ment)?\s*=", re.IGNORECASE)


def mail_attachment(rest: str) -> bool:
    """A ``mailto:`` address's part after the colon names a file to attach (``?attach=/etc/passwd``,
    ``%61ttach=``, ``Attachment=``): Thunderbird, Evolution and KMail attached the reader's file
    to the message ("Mailto: me your secrets", 2020)."""
    fields = rest.partition("?")[2].split("&")
    return any(_ATTACHMENT.fullmatch(unquote(field.partition("=")[0]) + "=")
               for field in fields if "=" in field)


def address_problem(url: str) -> str | None:
    """Why an allowed address leads nowhere a reader can follow, or ``None``: an http(s)
    address (as :func:`as_browsers_read`) with no host name (:func:`unreachable_host`), a
    host no name can have (a space, a ``\\``, an ``xn--`` label that decodes to nothing), a
    port past 65535; a ``mailto:`` or ``tel:`` with nothing after it. Every edition would
    link nowhere, and an ePub with it is invalid (EPUBCheck RSC-020, RSC-005)."""
    scheme = scheme_of(url)
    if scheme in ("mailto", "tel"):
        rest = _DROPPED.sub("", url.strip(_IGNORED_AT_ENDS)).split(":", 1)[1]
        if scheme == "mailto" and mail_attachment(rest):
            return ("asks the reader's mail program to attach a file of their computer "
                    "(`attach=`), which some mail programs do without asking")
        return None if rest.strip() else f"has nothing after '{scheme}:'"
    if scheme not in ("http", "https"):
        return None
    url = as_browsers_read(url)
    if unreachable_host(url):
        return "has no host name a browser can find (nothing between '//' and '/', or an empty part between dots)"
    authority = re.split(r"[/?#]", url.split("://", 1)[1], maxsplit=1)[0].rpartition("@")[2]
    if authority.startswith("["):
        host, closed, port = authority.partition("]")
        port = port.removeprefix(":")
        if not closed or not re.fullmatch(r"\[[0-9a-fA-F:.]+", host):
            return f"has a host name no address can have ({host!r})"
    else:
        host, _, port = authority.partition(":")
        if _HOST_FORBIDDEN.search(unquote(host)):
            return f"has a host name no address can have ({host!r})"
        for label in host.lower().split("."):
            if len(label) > 63:  # DNS's limit; and decoding a long xn-- label takes its square
                return f"has a host name no address can have (a part of {len(label):,} characters: 63 at most)"
            if label.startswith("xn--"):
                try:
                    decoded = label[4:].encode("ascii").decode("punycode")
                except (UnicodeError, ValueError):
                    decoded = ""
                if not decoded:
                    return f"has a host name no address can have ({host!r})"
    if port and (not port.isdigit() or len(port) > 5 or int(port) > 65535):
        return f"has a port no address can have ({port!r}: a number up to 65535)"
    return None


def written_validly(url: str) -> str:
    """The address as a valid URL: a space, a quote, ``<``, non-ASCII letters and a ``%`` that
    starts no escape are percent-encoded, a host in other scripts is written in Punycode;
    escapes already there stay. The same as MyST does to a Markdown link's address (markdown-it's
    ``normalizeLink``), so an address a page's HTML names reaches the reader the same way, and
    an ePub with ``https://example.org/My Photos/a.jpg`` is invalid (EPUBCheck RSC-020). Spaces
    at the ends and tabs and newlines are dropped first, as a browser reads the address."""
    from markdown_it.common.normalize_url import normalizeLink

    return normalizeLink(as_browsers_read(_DROPPED.sub("", url.strip(_IGNORED_AT_ENDS))))


def picture_name(uri: str) -> str:
    """The name a reader knows a picture's file by, shown when the picture cannot be:
    ``images/4%20(1).png`` → ``4 (1).png``; nothing for a ``data:`` picture (its "name" is
    its bytes)."""
    if scheme_of(uri) == "data":
        return ""
    path = re.split(r"[?#]", uri, maxsplit=1)[0].rstrip("/")
    return unquote(path.rsplit("/", 1)[-1]) or uri

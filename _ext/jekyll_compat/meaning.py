"""What a Jekyll page's front matter means for the rest of the publication, as plain data.

Plain Python, no Sphinx. Only this module knows Jekyll's key names (``permalink``,
``redirect_from``, ``redirect_to``, ``layout: redirect``); page order and the site ask
it, for a page's front matter, "is this page only a redirect, to where, and which old
addresses does it answer".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .posts import is_template

REDIRECT_KEYS = ("redirect_to", "redirect", "redirect_url")
"""Where a redirect page points: Jekyll sites spell the key a few ways."""

KEYS = ("redirect_to", "redirect_from", "permalink", "layout")
"""The keys a redirect problem is reported at, in this order of preference."""


def is_redirect_page(front: Mapping[str, Any]) -> bool:
    """A Jekyll redirect page (``redirect_to:`` or ``layout: redirect``): no chapter, no landing."""
    return bool(front.get("redirect_to")) or str(front.get("layout", "")).strip().lower() == "redirect"


def redirect_target(front: Mapping[str, Any]) -> str:
    """Where a redirect page points, as written; empty when it does not say."""
    key = redirect_key(front)
    return front[key].strip() if key else ""


def redirect_key(front: Mapping[str, Any]) -> str | None:
    """Which of :data:`REDIRECT_KEYS` says where the page points (as the page spelt it)."""
    for key in REDIRECT_KEYS:
        value = front.get(key)
        if isinstance(value, str) and value.strip():
            return key
    return None


def permalink(front: Mapping[str, Any]) -> str | None:
    """The page's own address on the old site, when it set one as text (a template such as
    ``/:year/:title/`` is no address: :mod:`.posts` expands it)."""
    value = front.get("permalink")
    return value if isinstance(value, str) and not is_template(value) else None


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def is_other_scheme(value: str) -> bool:
    """``javascript:alert(1)``, ``data:text/html,…``, ``mailto:…``: no address a page of the
    site answered on (it wrote a redirect file ``alert(1).html``); http and https are."""
    scheme = _SCHEME.match(value.strip())
    return scheme is not None and scheme.group(0).lower() not in ("http:", "https:")


def old_addresses(front: Mapping[str, Any]) -> list[str]:
    """Every old address the page answered (``redirect_from``, then ``permalink``)."""
    return [link for link in _as_list(front.get("redirect_from")) if not is_other_scheme(link)] + [
        link for link in _as_list(front.get("permalink"))
        if not is_template(link) and not is_other_scheme(link)]


def not_addresses(front: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """``(key, value)`` for each ``redirect_from``/``permalink`` value that is no text (``1``,
    ``{a: b}``) or text with another scheme than http(s) (:func:`is_other_scheme`): no
    address, so no redirect (its text would have named a file ``{'a': 'b'}.html``)."""
    found = []
    for key in ("redirect_from", "permalink"):
        value = front.get(key)
        values = value if isinstance(value, (list, tuple)) else [value]
        found += [(key, v) for v in values if v is not None
                  and (not isinstance(v, str) or is_other_scheme(v))]
    return found


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if v and isinstance(v, str)]
    return []

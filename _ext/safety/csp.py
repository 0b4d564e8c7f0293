"""The site's Content-Security-Policy: script only from the site's own files.

Plain Python, one policy for every place it is written: the ``<meta>`` on every page
(the theme's pages and the 404 and redirect pages), and the server headers in HOSTING.md
(``tests/test_csp.py`` checks they agree). No inline script, no ``eval``, nothing from
another host; styles may be inline (Furo writes ``style=`` attributes), images may be
``data:`` (Furo's icons). ``frame-ancestors`` only works as a header, so the ``<meta>``
leaves it out.
"""

from __future__ import annotations

from html import escape

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADER_ONLY = {"frame-ancestors"}


def header_value() -> str:
    """The policy as the ``Content-Security-Policy`` header sends it."""
    return "; ".join(f"{name} {value}" for name, value in POLICY.items())


def meta_tag() -> str:
    """The policy as a ``<meta http-equiv>`` for the head of a page (before any script)."""
    content = "; ".join(f"{name} {value}" for name, value in POLICY.items() if name not in HEADER_ONLY)
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(content)}">'

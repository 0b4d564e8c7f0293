"""Links and pictures whose address has spaces, as kramdown read them, line for line.

Plain Python, no Sphinx. kramdown takes ``![x](images/my photo.png)``,
``[x](my page.md)`` and ``[mail](mailto: a@b.gov)`` as a picture and links; CommonMark
shows them as text. Outside code, such an address is written the CommonMark way
(``<images/my photo.png>``, ``mailto:a@b.gov``); a title after the address is kept.
"""

from __future__ import annotations

import re

from pagesource.fences import outside_fences

from .kramdown import _outside_code

_LINK = re.compile(r"(!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\])\(([^()\n<>]*\s[^()\n<>]*)\)")
_TITLE = re.compile(r"""^\s*(?P<url>.*?)(?P<title>\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*$""")
_SCHEME_SPACE = re.compile(r"^(mailto|tel):\s+", re.I)


def fix(text: str) -> str:
    """``text`` with every spaced address bracketed, with exactly as many lines."""
    lines = text.split("\n")
    for i in outside_fences(lines):
        if "](" in lines[i]:
            lines[i] = _outside_code(lines[i], lambda part: _LINK.sub(_rewrite, part))
    return "\n".join(lines)


def _rewrite(match: re.Match[str]) -> str:
    parts = _TITLE.match(match.group(2))
    url, title = parts.group("url"), parts.group("title") or ""
    url = _SCHEME_SPACE.sub(lambda m: m.group(1) + ":", url)
    if not url or not re.search(r"\s", url):
        return f"{match.group(1)}({url}{title})"
    return f"{match.group(1)}(<{url}>{title})"

"""Links and pictures whose address has spaces, as kramdown read them, line for line.

Plain Python, no Sphinx. kramdown takes ``![x](images/my photo.png)``,
``[x](my page.md)`` and ``[mail](mailto: a@b.gov)`` as a picture and links; CommonMark
shows them as text. Outside code, such an address is written the CommonMark way
(``<images/my photo.png>``, ``mailto:a@b.gov``); a title after the address is kept.
As kramdown, an address may hold balanced parentheses (``my photo(1).png``).

The pattern has one way to match any text (a character is either a parenthesis or not), so
a line is read in linear time: "an address with a space somewhere" written as a pattern
(``[^()]*\\s[^()]*``) took 11 s for a 64 KB line with no closing parenthesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagesource.fences import outside_code, outside_fences

_LINK = re.compile(r"(!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\])\(((?:[^()\n<>]|\([^()\n<>]*\))*)\)")
_SCHEME_SPACE = re.compile(r"^(mailto|tel):\s+", re.I)


_WEB = re.compile(r"(?:https?://|www\.)\S+", re.I)


@dataclass(frozen=True)
class Split:
    """A web address with words after a space inside its brackets: kramdown hid the words
    in the address (``[I/O redirection](https://…/Redirection_(computing); either input
    redirection)``, a ``)`` missing), GitHub showed the whole link as text."""

    line: int      # of the text given to :func:`fix`, from 1
    address: str   # up to the first space
    words: str     # the rest, shown after the link


def fix(text: str, split: list[Split] | None = None) -> str:
    """``text`` with every spaced address bracketed, with exactly as many lines. A web
    address with words after a space is linked up to the space, its words shown after the
    link (each noted in ``split``)."""
    lines = text.split("\n")
    for i in outside_fences(lines):
        if "](" in lines[i]:
            found: list[tuple[str, str]] = []
            lines[i] = outside_code(lines[i], lambda part: _LINK.sub(lambda m: _rewrite(m, found), part))
            if split is not None:
                split += [Split(i + 1, address, words) for address, words in found]
    return "\n".join(lines)


def _rewrite(match: re.Match[str], found: list[tuple[str, str]]) -> str:
    if not re.search(r"\s", match.group(2)):
        return match.group(0)
    url, title = _address_and_title(match.group(2))
    url = _SCHEME_SPACE.sub(lambda m: m.group(1) + ":", url)
    if not url or not re.search(r"\s", url):
        return f"{match.group(1)}({url}{title})"
    web = _WEB.match(url)
    if web is not None and not title:
        address = web.group().rstrip(";,.:!?")
        words = url[web.end():].strip()
        found.append((address, words))
        return f"{match.group(1)}(<{address}>){web.group()[len(address):]} {words}"
    return f"{match.group(1)}(<{url}>{title})"


def _address_and_title(inside: str) -> tuple[str, str]:
    """``my photo.png "A title"`` → (``my photo.png``, `` "A title"``), by looking at the
    quotes, not with a pattern: a title pattern after a lazy address retried every space
    (quadratic in a long run of spaces)."""
    text = inside.strip()
    if len(text) >= 2 and text[-1] in "\"'" and not _escaped(text, len(text) - 1):
        start = text.rfind(text[-1], 0, len(text) - 1)
        while start > 0 and _escaped(text, start):  # ``"a \" b"``: CommonMark's quote in a title
            start = text.rfind(text[-1], 0, start)
        if start == 0 or (start > 0 and text[start - 1].isspace()):
            url = text[:start].rstrip()
            return url, text[len(url):]
    return text, ""


def _escaped(text: str, at: int) -> bool:
    """Whether ``text[at]`` follows an odd run of backslashes (a run stands before one
    character, so each is counted once and a line is still read in linear time)."""
    run = at
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1

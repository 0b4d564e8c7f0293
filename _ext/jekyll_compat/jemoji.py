"""GitHub's emoji shortcodes (``:smile:``, ``:+1:``, ``:warning:``) on a site that used jemoji,
or in a repository's Markdown as GitHub showed it.

Plain Python, no Sphinx. GitHub Pages ran the ``jemoji`` plugin for a site whose
``_config.yml`` listed it (``plugins:``, or the older ``gems:``): each ``:name:`` it knew
became the emoji, in the page's text but never in code or a link's address, and a name it
did not know stayed as typed. Here each becomes the emoji's own character (Unicode), which
every edition carries as text: screen readers say its name ("thumbs up"), the search
finds it, and the PDF prints it in its emoji font (Noto Emoji). A folder that is no Jekyll
site (no ``_config.yml``), no GitBook space and no Obsidian vault is a repository's Markdown
as GitHub showed it, which makes every shortcode an emoji (austinconventioncenter.com's
README thanks 18F with ``:heart:``); GitBook and Obsidian showed them as typed. The names are the
``emoji`` package's GitHub aliases and Unicode names (``language="alias"``), read once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PLUGIN = "jemoji"
_SHORTCODE = re.compile(r":(?=([\w+-]+):)")  # each colon that may open one: a:b:smile: too
_ADDRESS = re.compile(r"(?:(?:https?|ftp)://|mailto:|www\.)[^\s<>\"']*", re.IGNORECASE)


def uses_jemoji(site: Mapping[str, Any]) -> bool:
    """Whether ``_config.yml`` (``site``) turns jemoji on: ``plugins:`` or ``gems:`` lists it."""
    return any(isinstance(listed := site.get(key), list) and PLUGIN in listed
               for key in ("plugins", "gems"))


GITHUB_ONLY_NOT = ("_config.yml", "SUMMARY.md", ".gitbook.yaml", ".obsidian")
"""What makes a folder another tool's pages, which showed shortcodes as typed (jemoji aside)."""


def github_shows(srcdir: Path) -> bool:
    """Whether the folder's Markdown is a repository's, which GitHub showed with emoji: no
    Jekyll site, GitBook space or Obsidian vault at its top."""
    return not any((srcdir / name).exists() for name in GITHUB_ONLY_NOT)


@functools.cache
def names() -> dict[str, str]:
    """``{shortcode name: emoji}``: GitHub's aliases (``+1``, ``tada``), then Unicode's
    names (``thumbs_up``), as ``emoji.emojize(language="alias")`` reads them."""
    import emoji

    found: dict[str, str] = {}
    for character, data in emoji.EMOJI_DATA.items():
        for alias in data.get("alias", ()):
            found.setdefault(alias.strip(":"), character)
    for character, data in emoji.EMOJI_DATA.items():
        if isinstance(data.get("en"), str):
            found.setdefault(data["en"].strip(":"), character)
    return found


def may_hold(text: str) -> bool:
    """Whether ``text`` has anything written like a shortcode (``:name:``)."""
    return ":" in text and _SHORTCODE.search(text) is not None


def with_emoji(text: str, known: Mapping[str, str] | None = None) -> str:
    """``text`` (a run of a page's words, no code) with each known shortcode as its emoji,
    except inside a web address (``https://example.org/:smile:/``)."""
    if not may_hold(text):
        return text
    known = names() if known is None else known
    out, at = [], 0
    for address in _ADDRESS.finditer(text):
        out.append(_replaced(text[at:address.start()], known))
        out.append(address.group())
        at = address.end()
    out.append(_replaced(text[at:], known))
    return "".join(out)


def _replaced(text: str, known: Mapping[str, str]) -> str:
    out, at = [], 0
    for match in _SHORTCODE.finditer(text):
        name = match.group(1)
        if match.start() >= at and name in known:
            out += [text[at:match.start()], known[name]]
            at = match.end() + len(name) + 1
    out.append(text[at:])
    return "".join(out)

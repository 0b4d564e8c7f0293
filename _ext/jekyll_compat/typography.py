"""kramdown's typography on the old site's pages: ``--`` –, ``---`` —, ``...`` …, curly quotes.

kramdown turned these as it rendered, so that is what readers of the old site saw. Sphinx's
own smart-quotes transform (docutils' SmartQuotes, which leaves code, maths and literal
text alone) does the same; the publication switches it off (``smartquotes = False``) so
the City's own words stay exactly as typed. This subclass applies it only to the pages of
a Jekyll site, i.e. a source folder with a ``_config.yml``, or as ``kramdown_typography``
in ``conf.py`` says (True: every page; False: none; None, the default: Jekyll sites).
Liquid the build keeps as written is left as typed, as code is: curled, a kept
``{% include video id="x" %}`` no longer said what the page wrote.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.util.nodes import is_smartquotable

#: kramdown's rules: quotes, ``--`` en and ``---`` em dash, ``...`` ellipsis.
ACTION = "qDe"
_CODE_TAG = re.compile(r"<(/?)(code|kbd|samp|pre|tt)\b[^>]*>", re.IGNORECASE)
"""An HTML element whose words are code: what lies between its tags keeps its characters."""
_LIQUID = {"{%": "%}", "{{": "}}"}
"""A tag or an output left in the page's text: Liquid already ran, so it is one the build
kept as written (and said), or one ``{% raw %}`` showed."""


def site_quotes(site: Mapping[str, Any]) -> str | None:
    """The quotes ``_config.yml``'s ``kramdown: smart_quotes:`` names, in docutils' order
    (double open, double close, single open, single close), or None.

    kramdown lists them single first, as entity names or numbers: jcubic/jcubic.pl, a Polish
    blog, sets ``["rsquo", "rsquo", "bdquo", "rdquo"]``, so its readers saw „cytat”, not the
    English “cytat” the page's language would give."""
    settings = site.get("kramdown")
    names = settings.get("smart_quotes") if isinstance(settings, Mapping) else None
    if isinstance(names, str):
        names = [part.strip() for part in names.split(",")]
    if not isinstance(names, list) or len(names) != 4:
        return None
    chars = [_entity(name) for name in names]
    if None in chars:
        return None
    single_open, single_close, double_open, double_close = chars
    return double_open + double_close + single_open + single_close


def _entity(name: Any) -> str | None:
    name = str(name).strip().lstrip("&").rstrip(";")
    if name in html.entities.name2codepoint:
        return chr(html.entities.name2codepoint[name])
    try:
        number = int(name[2:], 16) if name[:2].lower() == "#x" else int(name.lstrip("#"))
        return chr(number) if name.startswith("#") else None
    except (ValueError, OverflowError):
        return None


def applies(setting: Any, srcdir: Path, site: Mapping[str, Any] | None = None) -> bool:
    """Whether kramdown's typography is applied to the pages in ``srcdir`` (``site``: its
    ``_config.yml``: a site whose ``markdown:`` is redcarpet or CommonMark had it only when
    it asked for it, redcarpet's ``smart`` extension or CommonMark's ``SMART`` option)."""
    if isinstance(setting, str):  # -D kramdown_typography=0 on the command line
        setting = None if setting.strip().lower() in ("", "auto", "none") else \
            setting.strip().lower() in ("1", "true", "yes", "on")
    if setting is None:
        return (srcdir / "_config.yml").is_file() and _reader_is_smart(site or {})
    return bool(setting)


def _reader_is_smart(site: Mapping[str, Any]) -> bool:
    reader = str(site.get("markdown") or "kramdown").strip().lower()
    if reader == "redcarpet":
        options, wanted = _setting(site, "redcarpet", "extensions"), "smart"
    elif reader.startswith("commonmark"):  # jekyll-commonmark (-ghpages)
        options, wanted = _setting(site, "commonmark", "options"), "smart"
    else:
        return True
    return any(str(option).strip().lower() == wanted for option in options)


def _setting(site: Mapping[str, Any], section: str, key: str) -> list[Any]:
    found = site.get(section)
    found = found.get(key) if isinstance(found, Mapping) else None
    return found if isinstance(found, list) else [found] if isinstance(found, str) else []


class _Said(set):
    """Every language counts as said: a block in Arabic (``{: lang="ar"}``) keeps its quotes
    as typed, as docutils keeps them for a language it has none for, without its warning
    ("No smart quotes defined for language"), which kramdown never gave."""

    def __contains__(self, item: object) -> bool:
        return True


class KramdownTypography(SphinxSmartQuotes):
    """Sphinx's smart quotes, for Jekyll pages only (Sphinx's own pass stays switched off)."""

    default_priority = 751

    def apply(self, **kwargs: Any) -> None:
        from . import jekyll_config  # the package imports this module first

        site = jekyll_config(Path(self.env.srcdir))
        if not applies(self.config.kramdown_typography, Path(self.env.srcdir), site):
            return
        if self.env._builder_cls.name in self.config.smartquotes_excludes.get("builders", []):
            return
        liquid_as_written(self.document)
        self.smartquotes_action = ACTION
        self.unsupported_languages = _Said()
        quotes = site_quotes(site)
        language = (self.document.settings.language_code or "en").lower()
        before = smartquotes.smartchars.quotes.get(language)
        if quotes:  # docutils keeps its quotes per language in one module-wide table
            smartquotes.smartchars.quotes[language] = quotes
        try:
            super(SphinxSmartQuotes, self).apply()
        finally:
            if quotes and before is not None:
                smartquotes.smartchars.quotes[language] = before
            elif quotes:
                del smartquotes.smartchars.quotes[language]

    def get_tokens(self, txtnodes: list[nodes.Text]) -> Iterator[tuple[str, str]]:
        """Sphinx's tokens, but the text between a page's own ``<code>``, ``<kbd>``, ``<samp>``,
        ``<pre>`` or ``<tt>`` tags in a paragraph (raw inlines, the words apart) left as
        typed: curled, a JSON example no longer parsed when copied. In a title they are text
        already (``safety.titles``), each tag a text of its own."""
        depth = 0
        for txtnode, token in zip(txtnodes, super().get_tokens(txtnodes)):
            if isinstance(txtnode.parent, nodes.raw) or (  # a title's HTML, shown as its text
                    isinstance(txtnode.parent, nodes.title) and _CODE_TAG.fullmatch(str(txtnode).strip())):
                for closing, _name in _CODE_TAG.findall(str(txtnode)):
                    depth = max(0, depth - 1) if closing else depth + 1
                yield token
            elif depth and token[0] == "plain":
                yield "literal", txtnode.astext()
            else:
                yield token


def liquid_as_written(document: nodes.document) -> None:
    """Each piece of Liquid in the page's text put in an inline that smart quotes skip."""
    for text in list(document.findall(nodes.Text)):
        if "{" not in text or not is_smartquotable(text):
            continue
        pieces: list[nodes.Node] = []
        at = 0
        for start, end in _liquid(text):
            if start > at:
                pieces.append(nodes.Text(text[at:start]))
            pieces.append(nodes.inline(text[start:end], text[start:end], support_smartquotes=False))
            at = end
        if pieces:
            text.parent.replace(text, [*pieces, *([nodes.Text(text[at:])] if at < len(text) else [])])


def _liquid(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each Liquid tag and output in ``text``. Linear: each opener's next
    place is looked up again only once passed, and when an opener has no end after it, no
    later one of its kind has either."""
    ends = dict(_LIQUID)
    following = dict.fromkeys(ends, -1)
    pos = 0
    while ends:
        for opener in list(ends):
            if following[opener] < pos:
                following[opener] = text.find(opener, pos)
                if following[opener] == -1:
                    del ends[opener]
        if not ends:
            return
        at, opener = min((following[opener], opener) for opener in ends)
        end = text.find(ends[opener], at + len(opener))
        if end == -1:
            del ends[opener]
            continue
        yield at, end + len(ends[opener])
        pos = end + len(ends[opener])

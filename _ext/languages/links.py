"""Where the same page lives in each language, and the HTML that links them (plain Python).

The source language's site is the top folder; each translation is a complete site in
``<lang>/`` below it, so the same page is ``<lang>/<uri>`` and every link is worked out
from the page's own URI, without knowing where the site is served.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from . import names

LABEL = {"en": "Language", "es": "Idioma", "ar": "اللغة", "zh": "语言"}


@dataclass(frozen=True)
class Site:
    """The languages of one publication, and which one this build is."""

    source: str
    languages: tuple[str, ...]  # the source first, then the translations in conf.py order
    current: str

    def folder(self, language: str) -> str:
        """Site folder of ``language`` from the top: ``""`` for the source, else ``"es/"``."""
        return "" if language == self.source else language + "/"

    def to_top(self, uri: str) -> str:
        """Relative path from the page at ``uri`` (in this build) up to the top folder."""
        return "../" * uri.count("/") + ("../" if self.current != self.source else "")

    def relative(self, uri: str, language: str) -> str:
        return self.to_top(uri) + self.folder(language) + uri

    def absolute(self, top_url: str, uri: str, language: str) -> str:
        return top_url.rstrip("/") + "/" + self.folder(language) + uri


def label(language: str) -> str:
    return LABEL.get(language.split("_")[0].split("-")[0], LABEL["en"])


def switcher(site: Site, uri: str) -> str:
    """A ``<nav>`` with one real link per language, each named in its own language."""
    items = []
    for language in site.languages:
        code = escape(names.hreflang(language))
        current = ' aria-current="true"' if language == site.current else ""
        items.append(f'<a href="{escape(site.relative(uri, language))}" hreflang="{code}" '
                     f'lang="{code}"{current}>{escape(names.own_name(language))}</a>')
    heading = escape(label(site.current))
    # Links, not a list: the page's own lists (what a reader or a test counts) stay the page's.
    return (f'<nav class="language-switcher" aria-label="{heading}">'
            f'<span class="language-switcher-label">{heading}:</span> {" ".join(items)}</nav>')


def alternates(site: Site, uri: str, top_url: str) -> str:
    """``<link rel="alternate" hreflang>`` for every language, and ``x-default`` = the source."""
    def href(language: str) -> str:
        if top_url:
            return site.absolute(top_url, uri, language)
        return site.relative(uri, language)

    tags = [f'<link rel="alternate" hreflang="{escape(names.hreflang(lang))}" href="{escape(href(lang))}">'
            for lang in site.languages]
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(href(site.source))}">')
    return "\n".join(tags) + "\n"

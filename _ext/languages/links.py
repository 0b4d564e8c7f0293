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
    return nav([(language, site.relative(uri, language), language == site.current)
                for language in site.languages], site.current)


def nav(items: list[tuple[str, str, bool]], labelled_in: str) -> str:
    """The switcher's markup: (language, address, is this page) each, the label in ``labelled_in``."""
    links = []
    for language, href, here in items:
        code = escape(names.hreflang(language))
        current = ' aria-current="true"' if here else ""
        links.append(f'<a href="{escape(href)}" hreflang="{code}" '
                     f'lang="{code}"{current}>{escape(names.own_name(language))}</a>')
    heading = escape(label(labelled_in))
    # Links, not a list: the page's own lists (what a reader or a test counts) stay the page's.
    return (f'<nav class="language-switcher" aria-label="{heading}">'
            f'<span class="language-switcher-label">{heading}:</span> {" ".join(links)}</nav>')


def alternates(site: Site, uri: str, top_url: str) -> str:
    """``<link rel="alternate" hreflang>`` for every language, and ``x-default`` = the source."""
    def href(language: str) -> str:
        if top_url:
            return site.absolute(top_url, uri, language)
        return site.relative(uri, language)

    return link_tags([(lang, href(lang)) for lang in site.languages], href(site.source))


def link_tags(items: list[tuple[str, str]], default: str | None) -> str:
    tags = [f'<link rel="alternate" hreflang="{escape(names.hreflang(lang))}" href="{escape(href)}">'
            for lang, href in items]
    if default is not None:
        tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default)}">')
    return "\n".join(tags) + "\n"


def twin_key(docname: str, tag: str) -> str:
    """What a page is a copy of: its name without the folder (``es/about``, ``posts/ko/x``) or
    the suffix (polyglot's ``about.ko``) that names its own language."""
    own = {tag.lower(), tag.lower().split("-")[0]}
    parts = docname.split("/")
    for i, part in enumerate(parts[:-1]):
        if part.lower().replace("_", "-") in own:
            return "/".join(parts[:i] + parts[i + 1:])
    stem, dot, suffix = docname.rpartition(".")
    if dot and "/" not in suffix and suffix.lower().replace("_", "-") in own:
        return stem
    return docname


def twins(languages: dict[str, str], source: str) -> dict[str, list[tuple[str, str]]]:
    """Each page that has a copy in another language (an old multilingual site's ``es/about``
    beside ``about``), with every copy as (language, docname): the source language's first,
    then by language. ``languages`` gives each page's BCP 47 tag; one copy per language (the
    first by name), and a page without a copy is left out."""
    groups: dict[str, dict[str, str]] = {}
    for docname in sorted(languages):
        tag = languages[docname]
        groups.setdefault(twin_key(docname, tag), {}).setdefault(tag, docname)
    found: dict[str, list[tuple[str, str]]] = {}
    for copies in groups.values():
        if len(copies) < 2:
            continue
        ordered = sorted(copies.items(), key=lambda item: (item[0] != source, item[0]))
        for docname in copies.values():
            found[docname] = ordered
    return found

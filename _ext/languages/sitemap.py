"""Sitemap alternates: each ``<url>`` lists the same page in every language (plain Python).

sphinx-sitemap can only put every language in a folder of its own (``en/`` too), so it is
told to add none, and this adds them to what it wrote, as Google's hreflang sitemaps want:
a translation's site (:func:`add_alternates`), and an old multilingual site's copies of one
page, ``es/about`` beside ``about`` (:func:`add_twins`), as their pages' heads list them.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from . import names
from .links import Site

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def add_alternates(path: Path, site: Site, top_url: str) -> None:
    """Rewrite ``path`` with an ``xhtml:link rel=alternate`` per language on every URL."""
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    tree = ElementTree.parse(path)
    own = site.absolute(top_url, "", site.current)
    for url in tree.getroot().iter(f"{{{SITEMAP}}}url"):
        loc = url.findtext(f"{{{SITEMAP}}}loc") or ""
        if not loc.startswith(own):
            continue
        for old in url.findall(f"{{{XHTML}}}link"):
            url.remove(old)
        uri = loc[len(own):]
        for language in site.languages:
            ElementTree.SubElement(url, f"{{{XHTML}}}link", rel="alternate",
                                   hreflang=names.hreflang(language),
                                   href=site.absolute(top_url, uri, language))
    tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")


def add_twins(path: Path, copies: dict[str, list[tuple[str, str]]], source: str) -> None:
    """Rewrite ``path`` with, on each ``<url>`` whose ``<loc>`` is a key of ``copies``, an
    ``xhtml:link rel=alternate`` per copy (language, its ``<loc>``) and ``x-default`` for the
    copy in ``source``, the pages' own language, as the page's head has them."""
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    tree = ElementTree.parse(path)
    changed = False
    for url in tree.getroot().iter(f"{{{SITEMAP}}}url"):
        found = copies.get(url.findtext(f"{{{SITEMAP}}}loc") or "")
        if not found:
            continue
        listed = {link.get("hreflang") for link in url.findall(f"{{{XHTML}}}link")}
        default = next((href for tag, href in found if tag.lower() == source.lower()), None)
        for tag, href in [*found, *([("x-default", default)] if default else [])]:
            hreflang = tag if tag == "x-default" else names.hreflang(tag)
            if hreflang not in listed:
                ElementTree.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)
                changed = True
    if changed:
        tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")

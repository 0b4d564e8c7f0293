"""The ``<head>`` tags that reference managers, search engines and social sites read.

Plain Python: give it the metadata and what is known about one page, get HTML back.
Highwire Press ``citation_*`` tags follow what Zotero's "Embedded Metadata" translator
reads: ``citation_technical_report_institution`` makes a *report* item (the whole
publication), ``citation_book_title`` a *book section* (a chapter of it). Zotero splits a
``citation_author`` at its last space ("City of" / "Austin") unless the value holds a
comma, when it takes what is before the comma as the last name: so an organisation is
written ``City of Austin,`` and a person ``Family, Given``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publication import Metadata

    from .editions import Edition

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Page:
    """One HTML page, as the tags describe it."""

    title: str
    url: str                 # absolute, canonical
    is_publication: bool     # the landing page and the How-to-cite page describe the whole work
    language: str = "en"
    version_url: str = ""    # absolute: this page in this version, kept for good (editions/<v>/)
    description: str = ""    # the page's own ``description:``; else the publication's abstract

    def summary(self, meta: Metadata) -> str:
        """What search results and shared links show under the title."""
        return self.description or meta.abstract

    @property
    def cited_url(self) -> str:
        """What citation tags name: this version of the page (the canonical is the latest)."""
        return self.version_url or self.url


@dataclass(frozen=True)
class Site:
    """What every page links to: the site's root URL, card image and editions."""

    root: str                       # absolute, ends with "/"
    card: str                       # absolute URL of the social card
    card_alt: str
    editions: tuple[Edition, ...] = ()
    version_root: str = ""          # absolute: this version of the site, kept for good


    def absolute(self, path: str) -> str:
        return self.root + path


def highwire_author(name: str, family: str = "", given: str = "") -> str:
    """``Family, Given`` for a person; ``Name,`` for an organisation (see module doc)."""
    if family:
        return f"{family}, {given}".rstrip(", ") if given else f"{family},"
    return f"{name},"


def _meta(key: str, value: str, attr: str = "name") -> str:
    return f'<meta {attr}="{escape(key)}" content="{escape(value)}">' if value else ""


def highwire(meta: Metadata, page: Page, site: Site, creators: list[str]) -> list[str]:
    """Google Scholar / Zotero tags."""
    tags = [_meta("citation_title", page.title if not page.is_publication else meta.title)]
    tags += [_meta("citation_author", c) for c in creators]
    tags += [_meta("citation_publication_date", meta.date_released.strftime("%Y/%m/%d"))]
    if page.is_publication:
        tags += [_meta("citation_technical_report_institution", meta.publisher),
                 _meta("citation_technical_report_number", meta.report_number),
                 _meta("citation_abstract", meta.abstract)]
    else:
        tags += [_meta("citation_book_title", meta.title)]
    tags += [_meta("citation_publisher", meta.publisher),
             _meta("citation_public_url", page.cited_url),
             _meta("citation_language", page.language),
             _meta("citation_keywords", "; ".join(meta.keywords)),
             _meta("citation_doi", meta.doi)]
    pdf = next((e for e in site.editions if e.kind == "pdf"), None)
    if pdf is not None:
        # the version's own PDF, frozen with it: the site's is replaced by the next release
        tags.append(_meta("citation_pdf_url", (site.version_root or site.root) + pdf.path))
    return tags


def dublin_core(meta: Metadata, page: Page) -> list[str]:
    """Dublin Core, declared with ``schema.DC`` links as the DC-HTML convention asks."""
    tags = [f'<link rel="schema.DC" href="{DC}">', f'<link rel="schema.DCTERMS" href="{DCTERMS}">',
            _meta("DC.title", page.title)]
    tags += [_meta("DC.creator", name) for name in meta.authors]
    tags += [_meta("DC.publisher", meta.publisher),
             _meta("DC.date", meta.date_released.isoformat()),
             _meta("DC.language", page.language),
             _meta("DC.rights", meta.license_url or meta.license),
             _meta("DC.identifier", page.cited_url),
             _meta("DC.type", "Text"),
             _meta("DC.format", "text/html"),
             _meta("DC.description", page.summary(meta)),
             _meta("DC.subject", "; ".join(meta.keywords)),
             _meta("DCTERMS.hasVersion", meta.version)]
    if not page.is_publication:
        tags.append(_meta("DCTERMS.isPartOf", meta.title))
    elif meta.doi:
        tags.append(_meta("DC.identifier", f"doi:{meta.doi}"))
    return tags


def social(meta: Metadata, page: Page, site: Site) -> list[str]:
    """OpenGraph and Twitter cards, with the social card image."""
    tags = [_meta("og:title", page.title, "property"),
            _meta("og:type", "website" if page.is_publication else "article", "property"),
            _meta("og:url", page.url, "property"),
            _meta("og:site_name", meta.title, "property"),
            _meta("og:description", page.summary(meta), "property"),
            _meta("og:locale", "en_US" if page.language == "en" else page.language, "property"),
            _meta("og:image", site.card, "property"),
            _meta("og:image:type", "image/png", "property"),
            _meta("og:image:width", "1200", "property"),
            _meta("og:image:height", "630", "property"),
            _meta("og:image:alt", site.card_alt, "property")]
    if not page.is_publication:
        tags.append(_meta("article:published_time", meta.date_released.isoformat(), "property"))
    tags += [_meta("twitter:card", "summary_large_image"),
             _meta("twitter:title", page.title),
             _meta("twitter:description", page.summary(meta)),
             _meta("twitter:image", site.card),
             _meta("twitter:image:alt", site.card_alt),
             _meta("description", page.summary(meta))]
    return tags


def _organisation(name: str) -> dict:
    return {"@type": "Organization", "name": name}


def json_ld(meta: Metadata, page: Page, site: Site) -> str:
    """schema.org: a ``Report`` for the publication, a ``Chapter`` that is part of it."""
    report = {
        "@type": "Report",
        "name": meta.title,
        "url": site.version_root or site.absolute(meta.version_path),
        "author": [_organisation(a) for a in meta.authors],
        "publisher": _organisation(meta.publisher),
        "datePublished": meta.date_released.isoformat(),
        "version": meta.version,
        "inLanguage": page.language,
    }
    if page.is_publication:
        report.update({
            "abstract": meta.abstract,
            "keywords": ", ".join(meta.keywords),
            "license": meta.license_url or meta.license,
            "image": site.card,
            "encoding": [{"@type": "MediaObject", "name": e.name, "encodingFormat": e.media_type,
                          "contentUrl": site.absolute(e.path), "contentSize": e.human_size,
                          "sha256": e.sha256} for e in site.editions],
        })
        if meta.doi:
            report["identifier"] = f"https://doi.org/{meta.doi}"
        if meta.report_number:
            report["reportNumber"] = meta.report_number
        data = report
    else:
        data = {"@type": "Chapter", "name": page.title, "url": page.cited_url, "isPartOf": report,
                "author": report["author"], "datePublished": report["datePublished"],
                "inLanguage": page.language, "license": meta.license_url or meta.license,
                "image": site.card}
    data["mainEntityOfPage"] = page.url  # the latest version's address
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c")  # "</script>" in a title must not end the script
    return f'<script type="application/ld+json">\n{text}\n</script>'


def render(meta: Metadata, page: Page, site: Site, creators: list[str],
           canonical: bool) -> str:
    """Every tag for ``page``, one per line; ``canonical`` when the theme does not add one."""
    tags = [f'<link rel="canonical" href="{escape(page.url)}">'] if canonical else []
    tags += highwire(meta, page, site, creators) + dublin_core(meta, page) + social(meta, page, site)
    tags.append(json_ld(meta, page, site))
    return "\n" + "\n".join(t for t in tags if t) + "\n"

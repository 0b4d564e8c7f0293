"""The ``citation`` directive and "Cite this chapter", built from the same citations.

The directive makes ordinary docutils nodes (rubrics, paragraphs, emphasis, references, a
literal block), so the HTML, the ePub and the PDF all render the How-to-cite page. Links
to the BibTeX, RIS and CSL-JSON files are absolute URLs of the published site; in the HTML they
are made relative (see ``localise_downloads``) so a copy of the site works anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from . import citations

if TYPE_CHECKING:
    from publication import Metadata

CITE_FOLDER = "cite"
DOWNLOAD_CLASS = "publication-download"
CITE_KINDS = ("bib", "ris", "json")
"""BibTeX, RIS and CSL-JSON (what Zotero, Mendeley and pandoc's citeproc read)."""


def cite_file_paths(meta: Metadata) -> list[str]:
    """The paths in the site of the citation files to download (BibTeX, RIS, CSL-JSON)."""
    return [f"{CITE_FOLDER}/{meta.slug}.{kind}" for kind in CITE_KINDS]


def cite_files(meta: Metadata, config: Any = None) -> dict[str, tuple[str, str]]:
    """``{path in the site: (label, text)}`` of the citation files to download, naming this
    build's version address and language (a translation's ``editions/<v>/es/``, ``es``)."""
    url, language, latest = built_as(meta, config)
    bib, ris, csl = cite_file_paths(meta)
    return {bib: ("BibTeX (.bib)", citations.bibtex(meta, url, language, latest)),
            ris: ("RIS (.ris)", citations.ris(meta, url, language)),
            csl: ("CSL-JSON (.json)", citations.csl_json(meta, url, language))}


def built_as(meta: Metadata, config: Any = None) -> tuple[str | None, str, str]:
    """This build's version address, language (BCP 47) and latest version's address (a
    translation's own site, ``…/es/``): what its citations and colophon name."""
    if config is None:
        return None, "en", meta.url
    from languages import names
    from publication.glue import site_folder, site_root, version_root

    latest = site_root(config, meta) if site_folder(config) else meta.url
    return version_root(config, meta), names.hreflang(config.language or "en"), latest


def runs_paragraph(runs: citations.Runs, classes: list[str]) -> nodes.paragraph:
    """A citation as a paragraph, titles in italics."""
    para = nodes.paragraph(classes=classes)
    for text, italic in runs:
        para += nodes.emphasis(text, text) if italic else nodes.Text(text)
    return para


def download(label: str, path: str, root: str) -> nodes.reference:
    """A link to a file of the site; ``publication_path`` lets the HTML make it relative."""
    ref = nodes.reference(label, label, refuri=root + path, classes=[DOWNLOAD_CLASS])
    ref["publication_path"] = path
    return ref


def written_in(config: Any) -> list[str]:
    """``["language-en"]`` in a translated build: the references and the colophon are written
    in the source language, and a screen reader must read them so (WCAG 3.1.2)."""
    from publication.glue import translated_from

    source = translated_from(config)
    return [f"language-{source}"] if source else []


def styles_block(styled: dict[str, citations.Runs], prefix: str,
                 classes: list[str] | None = None) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for style, runs in styled.items():
        out.append(nodes.rubric(style, style))
        out.append(runs_paragraph(runs, [f"{prefix}-{style.split()[0].lower()}", *(classes or [])]))
    return out


def colophon(meta: Metadata, classes: list[str] | None = None,
             latest: str | None = None) -> nodes.paragraph:
    """Edition, date, license and where the latest version lives (``latest``: a
    translation's own site, as its PDF says)."""
    latest = latest or meta.url
    para = nodes.paragraph(classes=["publication-colophon", *(classes or [])])
    para += nodes.Text(f"This is version {meta.version} of ")
    para += nodes.emphasis(meta.title, meta.title)
    para += nodes.Text(f", published by {meta.publisher} on "
                       f"{meta.date_released:%B} {meta.date_released.day}, "
                       f"{meta.date_released.year}")
    if meta.license:
        para += nodes.Text(" under the license ")
        para += nodes.reference(meta.license, meta.license, refuri=meta.license_url) \
            if meta.license_url else nodes.Text(meta.license)
    para += nodes.Text(". The latest version is always at ")
    para += nodes.reference(latest, latest, refuri=latest)
    if meta.doi:
        para += nodes.Text("; its DOI is ")
        para += nodes.reference(meta.doi, meta.doi, refuri=f"https://doi.org/{meta.doi}")
    para += nodes.Text(".")
    return para


class CitationDirective(SphinxDirective):
    """```{citation}```: how to cite the publication, generated from CITATION.cff."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from publication.glue import cited_address, metadata, version_root

        self.env.note_dependency(self.config.citation_cff)
        meta = metadata(self.config)
        # this version's files, frozen with it (the site's cite/ is the latest version's);
        # the HTML links them relatively (localise_downloads)
        root = version_root(self.config, meta)
        box = nodes.container(classes=["publication-citation"])
        source_language = written_in(self.config)
        box += colophon(meta, source_language, built_as(meta, self.config)[2])
        box += styles_block(citations.publication(meta, cited_address(self.config, meta)),
                            "citation", source_language)
        para = nodes.paragraph(classes=["publication-downloads", *source_language])
        para += nodes.Text("Download the reference for your reference manager: ")
        for i, (path, (label, _)) in enumerate(cite_files(meta, self.config).items()):
            if i:
                para += nodes.Text(", ")
            para += download(label, path, root)
        para += nodes.Text(".")
        box += para
        bibtex = citations.bibtex(meta, *built_as(meta, self.config))
        box += nodes.rubric("BibTeX", "BibTeX")
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        box += block
        self.set_source_info(box)
        return [box]


def localise_downloads(doctree: nodes.document, page_uri: str) -> None:
    """In the HTML, link the site's own files relatively, so any copy of the site works."""
    for ref in doctree.findall(nodes.reference):
        if DOWNLOAD_CLASS in ref.get("classes", ()) and ref.get("publication_path"):
            ref["refuri"] = relative_uri(page_uri, ref["publication_path"])


def chapter_citation(meta: Metadata, title: str, url: str,
                     classes: list[str] | None = None) -> nodes.container:
    """"Cite this chapter", added to the HTML of every chapter."""
    box = nodes.container(classes=["chapter-citation", "no-search"])  # not in the search index
    box += nodes.rubric(str(_("Cite this chapter")), str(_("Cite this chapter")))
    box += styles_block(citations.chapter(meta, title, url), "chapter-citation", classes)
    return box

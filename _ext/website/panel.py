"""The landing page's editions panel: each edition with size, version, date and SHA-256."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from citation.directive import DOWNLOAD_CLASS

if TYPE_CHECKING:
    from publication import Metadata

    from .editions import Edition


def editions_panel(meta: Metadata, editions: list[Edition], page_uri: str,
                   cite_uri: str | None) -> nodes.container:
    """The landing page's downloads: each edition with size, version, date and SHA-256."""
    box = nodes.container(classes=["publication-editions", "no-search"])
    box += nodes.rubric("Editions", "Editions")
    intro = nodes.paragraph()
    intro += nodes.Text(f"Version {meta.version}, released {meta.date_released.isoformat()}.")
    if cite_uri:
        intro += nodes.Text(" ")
        intro += nodes.reference("How to cite it", "How to cite it", internal=True,
                                 refuri=relative_uri(page_uri, cite_uri))
        intro += nodes.Text(".")
    box += intro
    if editions:
        items = nodes.bullet_list()
        for edition in editions:
            para = nodes.paragraph()
            label = f"Download the {edition.label}"
            para += nodes.reference(label, label, refuri=relative_uri(page_uri, edition.path),
                                    classes=[DOWNLOAD_CLASS])
            para += nodes.Text(f" ({edition.human_size}, version {meta.version}, "
                               f"{meta.date_released.isoformat()}). SHA-256: ")
            para += nodes.literal(edition.sha256, edition.sha256, classes=["sha256"])
            items += nodes.list_item("", para)
        box += items
        sums = nodes.paragraph()
        sums += nodes.Text("Check a download with ")
        sums += nodes.reference("SHA256SUMS", "SHA256SUMS",
                                refuri=relative_uri(page_uri, "editions/SHA256SUMS"))
        sums += nodes.Text(" (sha256sum -c SHA256SUMS).")
        box += sums
    return box

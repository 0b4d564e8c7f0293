"""The landing page's editions panel: each edition with size, version, date and SHA-256."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _
from sphinx.util.osutil import relative_uri

from citation.directive import DOWNLOAD_CLASS

if TYPE_CHECKING:
    from publication import Metadata

    from .editions import Edition


def editions_panel(meta: Metadata, editions: list[Edition], page_uri: str,
                   cite_uri: str | None) -> nodes.container:
    """The landing page's downloads: each edition with size, version, date and SHA-256."""
    box = nodes.container(classes=["publication-editions", "no-search"])
    # The words go through Sphinx's catalog (domain "sphinx"): a translated build shows them
    # in its language when _ext/languages/locales/<lang>/LC_MESSAGES/sphinx.po has them.
    box += nodes.rubric(str(_("Editions")), str(_("Editions")))
    intro = nodes.paragraph()
    intro += nodes.Text(_("Version {version}, released {date}.").format(
        version=meta.version, date=meta.date_released.isoformat()))
    if cite_uri:
        intro += nodes.Text(" ")
        intro += nodes.reference(str(_("How to cite it")), str(_("How to cite it")), internal=True,
                                 refuri=relative_uri(page_uri, cite_uri))
        intro += nodes.Text(".")
    box += intro
    if editions:
        items = nodes.bullet_list()
        for edition in editions:
            para = nodes.paragraph()
            label = _("Download the {edition}").format(edition=edition.label)
            para += nodes.reference(label, label, refuri=relative_uri(page_uri, edition.path),
                                    classes=[DOWNLOAD_CLASS])
            para += nodes.Text(" " + _("({size}, version {version}, {date}). SHA-256:").format(
                size=edition.human_size, version=meta.version, date=meta.date_released.isoformat()) + " ")
            para += nodes.literal(edition.sha256, edition.sha256, classes=["sha256"])
            items += nodes.list_item("", para)
        box += items
        sums = nodes.paragraph()
        sums += nodes.Text(_("Check a download with") + " ")
        sums += nodes.reference("SHA256SUMS", "SHA256SUMS",
                                refuri=relative_uri(page_uri, "editions/SHA256SUMS"))
        sums += nodes.Text(" (sha256sum -c SHA256SUMS).")
        box += sums
    return box

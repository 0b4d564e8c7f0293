"""The EPUB Accessibility 1.1 metadata a package document carries.

Plain Python with no Sphinx import. Reading systems and catalogues show these
statements to readers before they open the book, so each one is derived from what
the book really contains (images or not, all of them described or not), never
claimed blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
"""The conformance statement DAISY Ace and the EPUB Accessibility 1.1 spec recognise."""


@dataclass(frozen=True)
class Contents:
    """What the book contains that changes its accessibility statements."""

    images: int = 0
    images_without_alt: int = 0

    def __add__(self, other: Contents) -> Contents:
        return Contents(self.images + other.images, self.images_without_alt + other.images_without_alt)


class _Pictures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images = self.without_alt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images += 1
            self.without_alt += not (dict(attrs).get("alt") or "").strip()

    handle_startendtag = handle_starttag


def shown_in(page: str) -> Contents:
    """The pictures a written page shows (its ``<img>`` elements), and how many have no
    description. Counted on the page as written, not on what it was read from: a missing
    picture, or one on another site, is shown as its words, a raw HTML one as a picture."""
    if "<img" not in page:
        return Contents()
    found = _Pictures()
    found.feed(page)
    found.close()
    return Contents(found.images, found.without_alt)


def metadata(contents: Contents, *, summary: str, certified_by: str,
             hazards: tuple[str, ...] = ("none",),
             conforms_to: str | None = CONFORMANCE) -> list[tuple[str, str]]:
    """Return ``(property, value)`` pairs for ``<meta property=...>`` in the OPF, in order."""
    modes = ["textual"] + (["visual"] if contents.images else [])
    all_described = contents.images_without_alt == 0
    sufficient = ["textual"] if all_described else []
    if contents.images:
        sufficient.append("textual,visual")

    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if contents.images and all_described:
        features.append("alternativeText")

    pairs = [("schema:accessMode", mode) for mode in modes]
    pairs += [("schema:accessModeSufficient", mode) for mode in sufficient]
    pairs += [("schema:accessibilityFeature", feature) for feature in features]
    pairs += [("schema:accessibilityHazard", hazard) for hazard in hazards]
    pairs.append(("schema:accessibilitySummary", summary))
    # A conformance claim is only honest when every image is described.
    if conforms_to and all_described:
        pairs.append(("dcterms:conformsTo", conforms_to))
        pairs.append(("a11y:certifiedBy", certified_by))
    return pairs


def default_summary(title: str) -> str:
    """A plain-language summary for readers, used when the project sets none."""
    return (f"{title} is a reflowable ePub with a table of contents, headings in order and "
            "text that can be resized and restyled. It aims to meet WCAG 2.2 Level AA; its "
            "accessibility statement says how to ask for another format.")

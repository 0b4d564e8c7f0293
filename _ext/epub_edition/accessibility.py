"""The EPUB Accessibility 1.1 metadata a package document carries.

Plain Python with no Sphinx import. Reading systems and catalogues show these
statements to readers before they open the book, so each one is derived from what
the book really contains (images or not, all of them described or not), never
claimed blindly.
"""

from __future__ import annotations

from dataclasses import dataclass

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
"""The conformance statement DAISY Ace and the EPUB Accessibility 1.1 spec recognise."""


@dataclass(frozen=True)
class Contents:
    """What the book contains that changes its accessibility statements."""

    images: int = 0
    images_without_alt: int = 0


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

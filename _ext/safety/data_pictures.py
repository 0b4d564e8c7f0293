"""Is a ``data:`` address a picture to publish? Plain Python: the website, the ePub and the
PDF show it as any picture, so it is held to a picture file's rules."""

from __future__ import annotations

from . import pixels, svg

NO_PICTURE, UNSAFE_SVG, TOO_LARGE = "no picture", "unsafe SVG", "too large"


def data_picture_problem(uri: str) -> tuple[str, str] | None:
    """Why a ``data:`` address is no picture written into the page, or None. One without
    its comma stopped the PDF edition with a traceback (Sphinx's ``parse_data_uri``), and
    the website showed a broken picture. Its picture is held to a file's rules: an SVG that
    runs or loads anything, or a decompression bomb (a 190 KB address that opens as 144
    million pixels in every reader's browser, and in Typst) is not published. The problem
    comes as (what kind: :data:`NO_PICTURE`, :data:`UNSAFE_SVG`, :data:`TOO_LARGE`; why)."""
    from sphinx.util.images import parse_data_uri

    try:
        found = parse_data_uri(uri)
    except ValueError:  # binascii.Error too: bytes that are no base64
        return NO_PICTURE, ("a data: address needs its type, a comma and the picture's bytes "
                            "(data:image/png;base64,iVBOR…)")
    if found is None or not found.mimetype.startswith("image/"):
        return NO_PICTURE, f"a data: address of {found.mimetype if found else 'no'} type is no picture"
    if found.mimetype.startswith("image/svg"):
        unsafe = svg.problems(found.data)
        return (UNSAFE_SVG, "; ".join(unsafe)) if unsafe else None
    too_large = pixels.too_many_pixels(found.data)
    return (TOO_LARGE, too_large) if too_large else None

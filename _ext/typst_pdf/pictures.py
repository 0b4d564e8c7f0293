"""Whether Typst can read a picture file, checked before compiling.

Plain Python, no Sphinx. Typst stops the whole PDF on a picture it cannot decode (a
``.bmp``, a truncated PNG, a ``.jpg`` that is really HTML), so a bad file is found here
and left out with one warning, and ``STRICT=0`` still gives the PDF.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, UnidentifiedImageError

RASTER_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def typst_can_read(path: Path) -> bool:
    """A PNG, JPEG, GIF or WebP whose pixels decode, or an SVG that is XML with an ``<svg>`` root."""
    try:
        if path.suffix.lower() in (".svg", ".svgz"):
            root = ET.parse(path).getroot()
            return root.tag.rsplit("}", 1)[-1] == "svg"
        with Image.open(path) as picture:
            if picture.format not in RASTER_FORMATS:
                return False
            picture.verify()
        with Image.open(path) as picture:
            picture.load()  # verify() reads a PNG's chunks, not its pixels: a short IDAT passed
        return True
    except (OSError, ValueError, SyntaxError, ET.ParseError, UnidentifiedImageError, Image.DecompressionBombError):
        return False

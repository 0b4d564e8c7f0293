"""Whether Typst can read a picture file, checked before compiling.

Plain Python, no Sphinx. Typst stops the whole PDF on a picture it cannot decode (a
``.bmp``, a truncated PNG, a ``.jpg`` that is really HTML), so a bad file is found here
and left out with one warning, and ``STRICT=0`` still gives the PDF.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from publication.atomic import write_atomically

RASTER_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def typst_can_read(path: Path) -> bool:
    """A PNG, JPEG, GIF or WebP whose pixels decode, or an SVG that is XML with an ``<svg>`` root."""
    try:
        if path.suffix.lower() in (".svg", ".svgz"):
            root = ET.parse(path).getroot()
            return root.tag.rsplit("}", 1)[-1] == "svg" and svg_drawable(root)
        with Image.open(path) as picture:
            if picture.format not in RASTER_FORMATS:
                return False
            picture.verify()
        with Image.open(path) as picture:
            picture.load()  # verify() reads a PNG's chunks, not its pixels: a short IDAT passed
        return True
    except (OSError, ValueError, SyntaxError, ET.ParseError, UnidentifiedImageError, Image.DecompressionBombError):
        return False


SVG_DEPTH = 1025
"""Typst reads an SVG whose elements are nested this deep below its root, no deeper ("nodes
limit reached")."""
_NUMBER = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def svg_drawable(root: ET.Element) -> bool:
    """Whether Typst draws this SVG: a width or height of zero or less, or elements nested
    deeper than :data:`SVG_DEPTH`, stopped the whole PDF ("width, height, or viewbox is
    invalid"; "nodes limit reached")."""
    for name in ("width", "height"):
        if (found := _NUMBER.match(root.get(name) or "")) and float(found.group(1)) <= 0:
            return False
    level = [root]
    for _ in range(SVG_DEPTH):
        level = [child for element in level for child in element]
        if not level:
            return True
    return False


class Readable:
    """:func:`typst_can_read`, remembered beside the doctrees for each file as it was (path,
    nanosecond time, size): decoding every pixel takes ~0.1 s a photo, so a book of hundreds
    of photos would decode them all again at each build."""

    def __init__(self, record: Path) -> None:
        self.record = record
        try:
            known = json.loads(record.read_text(encoding="utf-8"))
            self.known: dict[str, list] = known if isinstance(known, dict) else {}
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def __call__(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        name, stamp = str(path), [stat.st_mtime_ns, stat.st_size]
        if (seen := self.known.get(name)) and seen[:2] == stamp:
            return bool(seen[2])
        readable = typst_can_read(path)
        self.known[name] = [*stamp, readable]
        self.changed = True
        return readable

    def save(self) -> None:
        if self.changed:
            write_atomically(self.record, json.dumps(self.known, sort_keys=True).encode("utf-8"),
                             durable=False)
            self.changed = False

"""Whether Typst can read a picture file, checked before compiling.

Plain Python, no Sphinx. Typst stops the whole PDF on a picture it cannot decode (a
``.bmp``, a truncated PNG, a ``.jpg`` that is really HTML), so a bad file is found here
and left out with one warning, and ``STRICT=0`` still gives the PDF.
"""

from __future__ import annotations

import json
import os
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
            return root.tag.rsplit("}", 1)[-1] == "svg" and svg_drawable(root) and (
                not _filtered(root) or drawn_in_time(path))
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


def _filtered(root: ET.Element) -> bool:
    """Whether the SVG has a filter, which Typst draws as pixels (the one part of an SVG
    whose drawing time no size of the file bounds)."""
    return any(isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == "filter" for e in root.iter())


SVG_SECONDS = 30
"""How long Typst may take to draw one SVG alone, at the width of an A4 page's text."""


def drawn_in_time(path: Path, seconds: float = SVG_SECONDS) -> bool:
    """Whether Typst draws the SVG at ``path`` alone, without an error, within ``seconds``
    (in a new Python process, stopped when its time is up: a forked one would inherit
    Typst's threads from a process that had used it, and wait on them for ever). A
    300-byte SVG can keep Typst busy for ever: its filters are drawn as pixels, and an
    ``feTurbulence`` of a billion octaves or an ``feMorphology`` of radius 100,000 (radius
    10 took a minute) never ended, and with it the PDF; no limit on the file's numbers
    can say how long its drawing takes (only an SVG with a filter is tried:
    :func:`typst_can_read`)."""
    import subprocess
    import sys

    try:
        done = subprocess.run([sys.executable, "-c", _DRAW_ALONE, os.path.abspath(path)],
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=seconds,
                              check=False)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


_DRAW_ALONE = """
import os, sys, tempfile, typst
path = sys.argv[1].replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))
with tempfile.TemporaryDirectory() as folder:
    main = os.path.join(folder, "alone.typ")
    with open(main, "w", encoding="utf-8") as out:
        out.write('#set page(paper: "a4")\\n#image("' + path + '", width: 100%)\\n')
    typst.compile(main, root="/", format="pdf")
"""
"""The SVG (the first argument) as the one thing on an A4 page: exit status 0 if drawn."""


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

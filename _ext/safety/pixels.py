"""Is a picture small enough to open? Plain Python (imagesize reads only the file's header).

A PNG of 12,000 × 12,000 pixels is a 560 KB file that decodes to 576 MB: Typst spent seconds
and hundreds of megabytes on it, and every reader's browser or e-reader would too (a
"decompression bomb"). Above Pillow's own bomb limit a picture is not published.
"""

from __future__ import annotations

import io
from pathlib import Path

import imagesize

MAX_PIXELS = 89_478_485
"""Pillow's ``Image.MAX_IMAGE_PIXELS``: beyond it Pillow warns of a decompression bomb. A
45-megapixel camera photo is half of it."""


def too_many_pixels(picture: Path | bytes) -> str | None:
    """Why the picture (a file, or the bytes of a ``data:`` address) is too large to
    publish, or ``None`` (also for pictures of no known format)."""
    try:
        width, height = imagesize.get(io.BytesIO(picture) if isinstance(picture, bytes) else str(picture))
    except (OSError, ValueError):
        return None
    if width > 0 and height > 0 and width * height > MAX_PIXELS:
        return (f"it is {width:,} × {height:,} pixels, more than the {MAX_PIXELS:,} a picture "
                "may have (a small file that opens that large is a decompression bomb); save it "
                "again at a smaller size")
    return None

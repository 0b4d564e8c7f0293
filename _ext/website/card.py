"""The social-media card: a 1200x630 PNG with the title, author, version and date.

Drawn with Pillow and its bundled font, so it needs no network and no system fonts and
the same metadata gives the same picture.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from publication.atomic import write_if_changed

if TYPE_CHECKING:
    from publication import Metadata

SIZE = (1200, 630)
BACKGROUND = (22, 50, 92)   # dark blue: white text on it is far above 4.5:1 contrast
ACCENT = (68, 186, 150)
TEXT = (255, 255, 255)


def alt_text(meta: Metadata) -> str:
    """What the card shows, for ``og:image:alt`` and ``twitter:image:alt``."""
    day = meta.date_released
    return f"{meta.title}, by {meta.author}. Version {meta.version}, {day.day} {day:%B} {day.year}."


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def made_from(meta: Metadata) -> str:
    """The key of what the card is drawn from (:mod:`publication.madefrom`): the metadata
    it shows, this code and Pillow (whose bundled font draws it)."""
    import PIL

    from publication import madefrom

    return madefrom.key(meta.title, meta.author, meta.version, meta.date_released, meta.url,
                        madefrom.code(__file__), PIL.__version__)


def draw(meta: Metadata, path: Path) -> None:
    """Write the card for ``meta`` to ``path``."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    title_font = ImageFont.load_default(size=84)
    small = ImageFont.load_default(size=36)
    y = 90
    for line in _wrap(pen, meta.title, title_font, SIZE[0] - 160)[:3]:
        pen.text((90, y), line, font=title_font, fill=TEXT)
        y += 100
    pen.text((90, y + 30), meta.author, font=small, fill=TEXT)
    pen.text((90, SIZE[1] - 150), f"Version {meta.version} · {meta.date_released.isoformat()}",
             font=small, fill=TEXT)
    pen.text((90, SIZE[1] - 95), meta.url.split("://", 1)[-1].rstrip("/"), font=small, fill=ACCENT)
    buffer = io.BytesIO()
    # zlib level 3, not Pillow's 6: 15 ms instead of 32 for a card ~20 % larger (44 KB)
    image.save(buffer, format="PNG", compress_level=3)
    write_if_changed(path, buffer.getvalue())

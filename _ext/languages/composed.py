"""Words composed as people type them (Unicode NFC), whatever app they were pasted from.

Plain Python. Text pasted from some Mac apps is decomposed (NFD: Vietnamese "ô" as "o" and
U+0302): it looks the same, but the site's search splits words at the marks, so "thông"
typed on any keyboard found nothing. Composing is canonically equivalent (no word changes,
W3C's character model asks for NFC on the web), except for the CJK compatibility
ideographs, which NFC replaces by their unified twins: those are kept as written.
"""

from __future__ import annotations

import re
import unicodedata

_COMPATIBILITY_IDEOGRAPHS = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f]+)")


def composed(text: str) -> str:
    """``text`` in NFC, CJK compatibility ideographs as written."""
    if unicodedata.is_normalized("NFC", text):
        return text
    parts = _COMPATIBILITY_IDEOGRAPHS.split(text)  # odd indexes: the ideographs, kept
    return "".join(part if i % 2 else unicodedata.normalize("NFC", part) for i, part in enumerate(parts))

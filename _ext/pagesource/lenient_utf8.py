"""A UTF-8 codec that replaces undecodable bytes instead of crashing the build.

Sphinx reads sources with strict decoding, so one stray Latin-1 byte aborts the whole
build with a traceback. The front-matter reader already reports the file and line of
such a byte; with this codec the page is still read (the byte becomes U+FFFD) and the
build ends with that one clear warning.
"""

from __future__ import annotations

import codecs

NAME = "utf-8-sig-lenient"
_BASE = codecs.lookup("utf-8-sig")


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return _BASE.decode(data, "replace")


def _incremental_decoder(errors: str = "strict") -> codecs.IncrementalDecoder:
    """How Sphinx reads a file: with utf-8-sig's decoder, so a leading BOM never hides the
    front matter (a page's title became ``---\ntitle: …``)."""
    return _BASE.incrementaldecoder("replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != NAME:
        return None
    return codecs.CodecInfo(name=NAME, encode=_BASE.encode, decode=_decode,
                            incrementalencoder=_BASE.incrementalencoder,
                            incrementaldecoder=_incremental_decoder,
                            streamreader=_BASE.streamreader, streamwriter=_BASE.streamwriter)


codecs.register(_search)

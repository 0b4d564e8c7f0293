"""A UTF-8 codec that replaces undecodable bytes instead of crashing the build.

Sphinx reads sources with strict decoding, so one stray Latin-1 byte aborts the whole
build with a traceback. The front-matter reader already reports the file and line of
such a byte; with this codec the page is still read (the byte becomes U+FFFD) and the
build ends with that one clear warning. A file that starts with a UTF-16 or UTF-32 byte
order mark (Windows Notepad's "Unicode") is read as what it is, as the front-matter
reader does (:func:`pagesource.decode`, which says it): read as UTF-8, every word was
garbled and the page said four problems, three of them about the garbage. Such a mark
before bytes that are UTF-8 is a wrong mark: the text is read as UTF-8.
"""

from __future__ import annotations

import codecs

NAME = "utf-8-sig-lenient"
_BASE = codecs.lookup("utf-8-sig")


_WIDE = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def encoding_of(head: bytes) -> str:
    """The codec a file's first bytes name by their byte order mark: UTF-32, UTF-16, else UTF-8."""
    return next((name for mark, name in _WIDE if head.startswith(mark)), "utf-8-sig")


def mark_before_utf8(data: bytes) -> bytes:
    """A UTF-16 or UTF-32 byte order mark that stands before UTF-8 text (no NUL byte, which
    every wide line end has, and valid UTF-8), else ``b""``. An editor or a tool that
    concatenated files left one so: read as UTF-16, every word of the page became CJK
    garbage (``ⴭਭ楴汴``) with no word of why."""
    wide = encoding_of(data[:4])
    if wide == "utf-8-sig":
        return b""
    mark = next(mark for mark, name in _WIDE if data.startswith(mark))
    rest = data[len(mark):]
    if b"\0" in rest:
        return b""
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError:
        return b""
    return mark


def windows_1252(data: bytes) -> str | None:
    """The text of a file saved as Windows-1252 (Notepad's "ANSI", Word's plain text, an old
    Mac's or Windows' editor; Latin-1 is its part), else None: not UTF-8, and no byte of it
    the start of a UTF-8 character, so nothing in it reads as UTF-8 (a UTF-8 page with one
    stray byte stays UTF-8). Read as UTF-8, every é, ’ and “ became U+FFFD in all editions."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    as_utf8 = data.decode("utf-8", "replace")
    if any(ch >= "\x80" and ch != "\ufffd" for ch in as_utf8):
        return None
    return data.decode("cp1252", "replace")


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    data = bytes(data)
    if mark := mark_before_utf8(data):
        return data[len(mark):].decode("utf-8", "replace"), len(data)
    if encoding_of(data[:4]) == "utf-8-sig" and (text := windows_1252(data)) is not None:
        return text, len(data)
    return codecs.lookup(encoding_of(data[:4])).decode(data, "replace")


class _IncrementalDecoder(codecs.IncrementalDecoder):
    """How Sphinx reads a file: utf-8-sig's decoder, so a leading BOM never hides the front
    matter (a page's title became ``---\ntitle: …``), or UTF-16's or UTF-32's once the
    first four bytes name one."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")
        self._head = b""

    def decode(self, data: bytes, final: bool = False) -> str:
        """The whole file at its end: whether it is UTF-8 behind a mark, or Windows-1252
        (:func:`windows_1252`), needs all of it; a page is read whole anyway."""
        self._head += bytes(data)
        if not final:
            return ""
        whole, self._head = self._head, b""
        return _decode(whole)[0]

    def reset(self) -> None:
        self._head = b""


def _incremental_decoder(errors: str = "strict") -> codecs.IncrementalDecoder:
    return _IncrementalDecoder(errors)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != NAME:
        return None
    return codecs.CodecInfo(name=NAME, encode=_BASE.encode, decode=_decode,
                            incrementalencoder=_BASE.incrementalencoder,
                            incrementaldecoder=_incremental_decoder,
                            streamreader=_BASE.streamreader, streamwriter=_BASE.streamwriter)


codecs.register(_search)

"""``passages.json`` written chapter by chapter, reusing the bytes of unchanged chapters.

Plain Python. The file is ``json.dumps(document, ensure_ascii=False, indent=1,
sort_keys=True)`` of :func:`record.sitedata.document` (27 MB for 1,000 pages), and
Python's encoder is pure Python when it indents (0.55 s), on top of building every
passage's citations (0.3 s): most of a one-page rebuild. The passages of one chapter
are one run of bytes in that file, and they change only when the chapter's own inputs
do (its text, which is read again when it changes, its title, address and PDF pages)
or the whole file's do (the metadata, the earlier releases, this code). So each run is
kept with a key of those inputs in an index beside the doctrees, and a chapter whose
key is unchanged is copied from the last file (checked against the index's SHA-256)
instead of rebuilt. The bytes are the same as a whole-file ``json.dumps`` (tests).

The last file is recognised by a stamp, not by hashing it: after writing it, its
modification time is set to this moment to the nanosecond and the index keeps that
time with the size. Anything else that writes the file gets the kernel's coarse clock
(or, for a copy, the time of what it copied), so a file changed by someone else, or
half written, is not taken for the indexed one. Hashing 27 MB twice, and replacing the
file instead of writing it in place, were a fifth of a one-page rebuild at 1,000 pages.
"""

from __future__ import annotations

import hashlib
import json
import math
import mmap
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_encode_string = json.encoder.encode_basestring  # the C one when _json is there, as json.dumps uses

FORMAT = "1"
"""Part of every key: bumped whenever the bytes a chapter gives could change."""

_ITEM_SEPARATOR = b",\n  "  # between two passages, at the list's indentation


@dataclass(frozen=True)
class Chapter:
    """One chapter of the file: its key, and how to make its passages if they changed."""

    docname: str
    key: str
    passages: Callable[[], list[dict[str, Any]]]


_KEY_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=repr)


def digest(*parts: Any) -> str:
    """A key from JSON-able parts (order matters)."""
    data = _KEY_ENCODER.encode(parts)
    return hashlib.sha256(f"{FORMAT}\0{data}".encode("utf-8")).hexdigest()


def _scalar(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def passages_bytes(items: list[dict[str, Any]]) -> bytes:
    """The passages as they appear in the file's list (indented two levels, no brackets)."""
    return _ITEM_SEPARATOR.join(
indented_json(item, "\n  ").encode("utf-8") for item in items)


def indented_json(value: Any, newline: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`` with each
    ``"\n"`` written as ``newline`` (a JSON string never holds a raw newline), ~2× faster.

    With ``indent`` Python's encoder is pure Python (35 ms for the 2,300 passages of 100
    pages); here each string and number is still encoded by ``json``'s own C functions
    and only the layout is done in Python. Anything but str-keyed dicts, lists and JSON
    scalars is left to ``json.dumps`` itself (tests compare the two)."""
    try:
        return _layout(value, newline)
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", newline)


class _Unusual(Exception):
    """A value :func:`_layout` leaves to ``json.dumps`` (its exact output or its error)."""


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _encode_string, type(None): lambda value: "null", int: int.__repr__,
    bool: lambda value: "true" if value else "false"}


def _layout(value: Any, newline: str) -> str:
    kind = type(value)
    inner = newline + " "
    if kind is dict:
        if not value:
            return "{}"
        parts = []
        for key in sorted(value):
            if type(key) is not str:
                raise _Unusual
            item = value[key]
            scalar = _SCALARS.get(type(item))
            parts.append(inner + _encode_string(key) + ": " + (scalar(item) if scalar else _layout(item, inner)))
        return "{" + ",".join(parts) + newline + "}"
    scalar = _SCALARS.get(kind)
    if scalar:
        return scalar(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[" + ",".join(inner + _layout(item, inner) for item in value) + newline + "]"
    raise _Unusual


def assemble(head: dict[str, Any], runs: Sequence[bytes | memoryview]) -> tuple[bytes, list[tuple[int, int]]]:
    """The file from its ``title``/``version``/``date`` and each chapter's run of passages;
    with where each run starts and ends in it."""
    pieces, where, _ = _pieces(head, runs)
    return b"".join(pieces), where


def _pieces(head: dict[str, Any], runs: Sequence[bytes | memoryview]
            ) -> tuple[list[bytes | memoryview], list[tuple[int, int]], list[int | None]]:
    """:func:`assemble`'s bytes as the pieces they are joined from, not joined; and the
    piece each run is (``None`` for an empty run, which is no piece)."""
    out: list[bytes | memoryview] = [b'{\n "date": ', _scalar(head["date"]), b',\n "passages": ']
    where: list[tuple[int, int]] = []
    piece_of: list[int | None] = [None] * len(runs)
    at = sum(map(len, out))
    if not any(runs):
        out.append(b"[]")
        at += 2
        where = [(at, at)] * len(runs)
    else:
        out.append(b"[\n  ")
        at += 4
        first = True
        for number, run in enumerate(runs):
            if run and not first:
                out.append(_ITEM_SEPARATOR)
                at += len(_ITEM_SEPARATOR)
            where.append((at, at + len(run)))
            if run:
                piece_of[number] = len(out)
                out.append(run)
                at += len(run)
                first = False
        out.append(b"\n ]")
    out += [b',\n "title": ', _scalar(head["title"]), b',\n "version": ', _scalar(head["version"]),
            b"\n}\n"]
    return out, where, piece_of


def _first_change(pieces: Sequence[bytes | memoryview], old: bytes | memoryview,
                  copied: dict[int, int]) -> tuple[int, int] | None:
    """Where the file made of ``pieces`` first differs from ``old``: the index of that
    piece and its offset; ``None`` when they are the same bytes.

    ``copied`` maps a piece's index to where in ``old`` it was copied from: such a piece
    at the offset it came from is the same bytes without reading them (the pages of a
    27 MB file are not all read in for a one-page rebuild)."""
    at = 0
    for index, piece in enumerate(pieces):
        size = len(piece)
        if copied.get(index) != at and old[at:at + size] != piece:
            return index, at
        at += size
    return None if at == len(old) else (len(pieces), at)


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns]


def _last_runs(path: Path, index_path: Path) -> tuple[mmap.mmap | bytes | None,
                                                   dict[str, tuple[str, int, int]]]:
    """The last file (mapped, not read: the caller closes it) and, if the index describes
    exactly it, each chapter's key and run."""
    try:
        with open(path, "rb") as stream:
            status = os.fstat(stream.fileno())
            stamp = _stamp(status)
            old: mmap.mmap | bytes = (mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
                                      if status.st_size else b"")
    except (OSError, ValueError):
        return None, {}
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if index["stamp"] != stamp or len(old) != stamp[0]:
            return old, {}
        runs = {str(name): (str(key), int(start), int(end))
                for name, (key, start, end) in index["chapters"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return old, {}
    if any(not 0 <= start <= end <= len(old) for _, start, end in runs.values()):
        return old, {}
    return old, runs


def _stamped(path: Path) -> list[int] | None:
    """Give ``path`` a modification time of its own (this nanosecond); its stamp, or None
    where the file system does not keep the time to the nanosecond (then nothing is trusted)."""
    now = time.time_ns()
    os.utime(path, ns=(now, now))
    stamp = _stamp(os.stat(path))
    return stamp if stamp[1] == now else None


def write(path: Path, index_path: Path, head: dict[str, Any], chapters: Sequence[Chapter],
          write_file: Callable[..., None]) -> int:
    """Write ``path`` (only the bytes from the first that changes: ``write_file(path, data,
    offset)`` keeps the file's first ``offset`` bytes) and its index; the number of
    chapters made again (the others were copied from the last file).

    Nothing of the last file is copied or compared that does not have to be: at 1,000
    pages, reading it whole, joining the new one and writing it back were ~45 ms of a
    one-page rebuild, most of it the memory of three 27 MB copies being taken."""
    old, last = _last_runs(path, index_path)
    try:
        made, tail, change, now = _made(old, last, head, chapters)
    finally:
        if isinstance(old, mmap.mmap):
            old.close()
    if change is not None or now != last:
        if change is not None:
            write_file(path, tail, change)
        index = {"stamp": _stamped(path), "chapters": now}
        write_file(index_path, json.dumps(index, ensure_ascii=False).encode("utf-8"))
    return made


def _made(old: mmap.mmap | bytes | None, last: dict[str, tuple[str, int, int]],
          head: dict[str, Any], chapters: Sequence[Chapter]
          ) -> tuple[int, bytes, int | None, dict[str, tuple[str, int, int]]]:
    """The chapters made again, the new file's bytes from the first that differs from
    ``old``, that offset (``None``: no byte differs), and the new index's chapters.

    Every view into ``old`` is gone when this returns, so the caller can close it."""
    view = memoryview(old) if old is not None else None
    runs: list[bytes | memoryview] = []
    pieces: list[bytes | memoryview] = []
    try:
        copied_from: dict[int, int] = {}  # run: where in the last file it was copied from
        made = 0
        for chapter in chapters:
            found = last.get(chapter.docname)
            if view is not None and found is not None and found[0] == chapter.key:
                copied_from[len(runs)] = found[1]
                runs.append(view[found[1]:found[2]])
            else:
                runs.append(passages_bytes(chapter.passages()))
                made += 1
        pieces, where, piece_of = _pieces(head, runs)
        now = {chapter.docname: (chapter.key, start, end)
               for chapter, (start, end) in zip(chapters, where)}
        copied = {piece_of[run]: at for run, at in copied_from.items() if piece_of[run] is not None}
        change = (0, 0) if view is None else _first_change(pieces, view, copied)
        tail = b"".join(pieces[change[0]:]) if change is not None else b""
    finally:
        runs.clear()
        pieces.clear()
        if view is not None:
            view.release()
    return made, tail, change[1] if change is not None else None, now

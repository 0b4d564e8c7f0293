"""Publish frozen releases under the site's ``editions/<version>/``.

Plain Python. Every file is copied byte for byte, except that each HTML page gets one
block, between two marker comments, saying it is an earlier edition and linking the
same page in the current edition: remove the block and the page is the frozen bytes
again (``strip_banner``; the tests check every file against ``SHA256SUMS`` that way).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Callable

from .releases import Release

START = b"<!-- record:archive-banner -->"
END = b"<!-- /record:archive-banner -->"
_OPENINGS = (re.compile(rb"<article\b[^>]*>"), re.compile(rb"<body\b[^>]*>"))


def banner(release: Release, date: str, title: str, current: str, current_href: str,
           depth: int, is_current: bool) -> bytes:
    up = "../" * depth
    if is_current:
        what = (f"This is the frozen copy of version {escape(release.version)} of "
                f"<em>{escape(title)}</em>, released {escape(date)}: the current edition, "
                "kept as it was released.")
    else:
        what = (f"This is an earlier edition of <em>{escape(title)}</em>: version "
                f"{escape(release.version)} of {escape(date)}, an archive kept for reference "
                "and not updated.")
    html = (f'<link rel="stylesheet" href="{up}_static/record.css">'
            f'<div class="record-archive-banner" role="note" aria-label="Archived edition">'
            f"<p>{what} <a href=\"{escape(current_href)}\">Read this page in the current "
            f"edition (version {escape(current)})</a>.</p></div>")
    return START + html.encode("utf-8") + END


def with_banner(page: bytes, block: bytes) -> bytes:
    """``page`` with ``block`` right after ``<article …>`` (else ``<body …>``)."""
    match = next((m for m in (o.search(page) for o in _OPENINGS) if m), None)
    if match is None:
        return page
    return page[:match.end()] + block + page[match.end():]


def strip_banner(page: bytes) -> bytes:
    start = page.find(START)
    if start < 0:
        return page
    end = page.find(END, start)
    return page[:start] + page[end + len(END):]


def write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def publish(release: Release, site: Path, date: str, title: str, current: str,
            current_page: Callable[[str], str | None]) -> None:
    """Copy ``release`` into ``site/editions/<version>/``; ``current_page(file)`` is the
    same page's file in the current edition, or None (the banner then links its home)."""
    target = site / "editions" / release.version
    for relative in release.sums():
        data = release.file(relative).read_bytes()
        if relative.endswith(".html"):
            depth = relative.count("/") + 2
            same = current_page(relative) or "index.html"
            block = banner(release, date, title, current, "../" * depth + same,
                           depth, release.version == current)
            data = with_banner(data, block)
        write_if_changed(target / relative, data)
    write_if_changed(target / "SHA256SUMS", release.file("SHA256SUMS").read_bytes())

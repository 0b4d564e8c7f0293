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
from typing import Callable, Container

from . import frozen, releases
from .releases import Release

START = b"<!-- record:archive-banner -->"
END = b"<!-- /record:archive-banner -->"
_OPENINGS = (re.compile(rb"<article\b[^>]*>"), re.compile(rb"<body\b[^>]*>"))


def banner(release: Release, date: str, title: str, current: str, current_href: str,
           depth: int, is_current: bool, gone: bool = False, was: str = "",
           words: Callable[[str], str] = str) -> bytes:
    """``gone``: the page is in no later edition; the link leads to the current one's home.
    ``was``: the title the release was published (and cited) under, when it differs.
    ``words``: the chrome's words in the page's language (a frozen Spanish page's are Spanish)."""
    up = "../" * depth
    version, when, named = escape(release.version), escape(date), f"<em>{escape(title)}</em>"
    if is_current:
        what = words("This is the frozen copy of version {version} of {title}, released {date}: "
                     "the current edition, kept as it was released.").format(
            version=version, title=named, date=when)
    else:
        if was and was != title:
            named = words("{title} (now {current_title})").format(
                title=f"<em>{escape(was)}</em>", current_title=named)
        what = words("This is an earlier edition of {title}: version {version} of {date}, an "
                     "archive kept for reference and not updated.").format(
            title=named, version=version, date=when)
    link = f'<a href="{escape(current_href)}">'
    then = (words("This page is not in the current edition (version {version}): {link}read the "
                  "current edition{end}.") if gone else
            words("{link}Read this page in the current edition (version {version}){end}."))
    html = (f'<link rel="stylesheet" href="{up}_static/record.css">'
            f'<div class="record-archive-banner" role="note" aria-label="{escape(words("Archived edition"))}">'
            f"<p>{what} " + then.format(version=escape(current), link=link, end="</a>") + "</p></div>")
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


def destination(site: Path, version: str, relative: str) -> Path:
    """Where a frozen file goes: inside ``site/editions/<version>/``, even through links."""
    target = site / "editions" / version
    path = target / relative
    real = (site.resolve() / "editions" / version)
    if target.resolve() != real or not path.resolve().is_relative_to(real):
        raise frozen.NotFrozen(f"{path} would be written outside {target}: the site folder "
                               "holds a symbolic link the build never makes; delete the build "
                               "folder and build again")
    return path


def publish(release: Release, site: Path, date: str, title: str, current: str,
            current_page: Callable[[str], str | None], gone: Container[str] = (),
            was: str = "", words: Callable[[str], Callable[[str], str]] = lambda relative: str) -> None:
    """Copy ``release`` into ``site/editions/<version>/``; ``current_page(file)`` is the
    same page's file in the current edition, or None (the banner then links its home);
    ``words(file)``: the chrome's words in that page's language.

    The release is a frozen copy of our own site, so it holds HTML and JavaScript that the
    site then serves as its own. That is safe only because the caller published nothing
    ``frozen.check`` refused, and each file's bytes are written only if they still hash
    to what ``SHA256SUMS`` says (``frozen.read``): never an edited page or script, nor a
    file reached through a link. That ``SHA256SUMS`` is the one ``make release`` wrote is
    for version control to vouch: a change to ``editions/`` changes what the site serves. Raises ``frozen.NotFrozen`` if a file changed since the
    check (the files copied before it are frozen bytes too)."""
    sums = frozen.read(release.folder, releases.SUMS)
    for entry in frozen.entries(sums.decode("utf-8")):
        if isinstance(entry, frozen.Tampered):
            raise frozen.NotFrozen(entry.why)
        _, digest, relative = entry
        path = destination(site, release.version, relative)
        data = frozen.read(release.folder, relative, digest)
        if relative.endswith(".html"):
            depth = relative.count("/") + 2
            same = current_page(relative) or "index.html"
            block = banner(release, date, title, current, "../" * depth + same,
                           depth, release.version == current, relative in gone, was, words(relative))
            data = with_banner(data, block)
        write_if_changed(path, data)
    write_if_changed(destination(site, release.version, releases.SUMS), sums)


def left_pages(found: list[Release], present: Container[str]) -> dict[str, tuple[Release, str]]:
    """Each page file a release published that the site no longer has (renamed, deleted,
    unpublished), with the last release that has it and the page's title there: a citation
    or a bookmark of the site's own address must still lead to its words."""
    out: dict[str, tuple[Release, str]] = {}
    for release in sorted(found, key=lambda r: r.key):
        try:
            listed = release.passages()["passages"]
            pages = {p["file"]: str(p.get("chapter_title") or p["file"]) for p in listed
                     if isinstance(p, dict) and isinstance(p.get("file"), str)}
        except (frozen.NotFrozen, ValueError, LookupError, TypeError, AttributeError):
            continue
        for name, title in pages.items():
            if name not in present and frozen.name_problem(name) is None and name.endswith(".html") \
                    and name in release.sums():
                out[name] = (release, title)
    return out


def moved_to(left: dict[str, tuple[Release, str]], current: list[dict]) -> dict[str, str]:
    """Each left page whose passages (one or more, by id) are now on a page of this build:
    the page holding most of them (a page renamed, its words kept)."""
    where: dict[str, list[str]] = {}
    for passage in current:
        if isinstance(passage, dict) and isinstance(passage.get("file"), str):
            where.setdefault(str(passage.get("id")), []).append(passage["file"])
    out = {}
    for name, (release, _) in left.items():
        try:
            ids = [str(p.get("id")) for p in release.passages()["passages"]
                   if isinstance(p, dict) and p.get("file") == name]
        except (frozen.NotFrozen, ValueError, LookupError, TypeError, AttributeError):
            continue
        counts: dict[str, int] = {}
        for ident in ids:
            for file in where.get(ident, ()):
                counts[file] = counts.get(file, 0) + 1
        if counts:
            out[name] = max(sorted(counts), key=lambda f: counts[f])
    return out


def current_pages(files: Container[str], moved: dict[str, str], gone: Container[str],
                  translations: Container[str]) -> tuple[Callable[[str], str | None], Container[str]]:
    """Where each released page is in the current edition, and which are in none: a
    translation's (``es/pools.html``) is its own language's copy of the source page (a
    translation has the source's pages), its home when that page left: the banner of an
    archived Spanish page led to the English home page. ``translations``: the folders
    (``es/``) the publication still builds."""
    def current(name: str) -> str | None:
        if name in files:
            return name
        if name in moved:
            return moved[name]
        folder, _, rest = name.partition("/")
        if rest and f"{folder}/" in translations:
            inner = rest if rest in files else moved.get(rest)
            return f"{folder}/{inner or 'index.html'}"
        return None

    class Gone:
        def __contains__(self, name: object) -> bool:
            if name in gone:
                return True
            folder, _, rest = str(name).partition("/")
            return bool(rest) and f"{folder}/" in translations and rest in gone

    return current, Gone()

"""``passages.json`` and ``passage-history.json``: what the website says about passages.

Plain Python. ``passages.json`` (frozen with each release) lists every passage with its
chapter, text, PDF page, the version it first appeared in and its citations;
``passage-history.json`` tells the page script where a passage that is gone can still
be read (the last edition that has it).
"""

from __future__ import annotations

from typing import Any

from . import cite
from .releases import Release


def first_versions(earlier: list[Release], version: str) -> dict[tuple[str, str], str]:
    """``(chapter, id)`` -> the oldest release that has it (the current version if none)."""
    first: dict[tuple[str, str], str] = {}
    for release in earlier:
        for item in release.passages()["passages"]:
            first.setdefault((item["chapter"], item["id"]), release.version)
    return first


def chapter_passages(meta: Any, version_root: str, chapter: dict[str, Any],
                     where: dict[str, list], first: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    """One chapter's entries of ``passages.json`` (``where``: its passages' PDF pages)."""
    out = []
    for item in chapter["passages"]:
        page = where.get(item["id"])
        url = cite.versioned_url(version_root, chapter["file"], item["id"])
        out.append({
            "id": item["id"], "kind": item["kind"], "chapter": chapter["docname"],
            "chapter_title": chapter["title"], "file": chapter["file"], "text": item["text"],
            "pdf_page": page[0] if page else None, "page": page[1] if page else None,
            "first_version": first.get((chapter["docname"], item["id"]), meta.version),
            "url": url, "cite": cite.passage(meta, chapter["title"], url,
                                             page[1] if page else None),
        })
    return out


def head(meta: Any) -> dict[str, Any]:
    """Everything in ``passages.json`` but the passages."""
    return {"title": meta.title, "version": meta.version, "date": meta.date_released.isoformat()}


def document(meta: Any, version_root: str, chapters: list[dict[str, Any]],
             pages: dict[str, dict[str, list]], earlier: list[Release]) -> dict[str, Any]:
    """``passages.json``: ``chapters`` are ``{docname, title, file, passages}`` in order."""
    first = first_versions(earlier, meta.version)
    out = []
    for chapter in chapters:
        out += chapter_passages(meta, version_root, chapter, pages.get(chapter["docname"], {}),
                                first)
    return {**head(meta), "passages": out}


def history(earlier: list[Release], current: dict[str, Any],
            archive: str = "") -> dict[str, dict[str, Any]]:
    """``{page file: {old id: {changed, last, url}}}`` for passages the current edition lacks;
    ``url`` is from the site's root, where the archive is ``archive + "editions/"``."""
    have = {(p["file"], p["id"]) for p in current["passages"]}
    versions = [r.version for r in earlier] + [current["version"]]
    out: dict[str, dict[str, Any]] = {}
    for index, release in enumerate(earlier):
        for item in release.passages()["passages"]:
            key = (item["file"], item["id"])
            if key in have:
                continue
            out.setdefault(item["file"], {})[item["id"]] = {
                "last": release.version, "changed": versions[index + 1],
                "url": f"{archive}editions/{release.version}/{release.language}{item['file']}#{item['id']}"}
    return {name: dict(sorted(ids.items())) for name, ids in sorted(out.items())}

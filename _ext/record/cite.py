"""The citation of one passage: version, versioned URL with its anchor, and its PDF page.

Plain Python, plain text (the "Cite this passage" dialog copies text). The page is the
one Typst printed on the page where the passage starts.
"""

from __future__ import annotations

from typing import Any

from citation.citations import quoted  # one way to quote a title in every citation

_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
           "Nov.", "Dec.")


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def versioned_url(version_root: str, page_file: str, ident: str = "") -> str:
    """Where this version of a page stays forever: ``<…>/editions/<version>/<page>#id``."""
    return f"{version_root}{page_file}" + (f"#{ident}" if ident else "")


def passage(meta: Any, chapter: str, url: str, page: str | None) -> dict[str, str]:
    """APA 7, Chicago 17 and MLA 9 for one passage, by style name."""
    authors = ", ".join(meta.authors)
    year = meta.date_released.year
    pages = f", p. {page}" if page else ""
    place = ", ".join(p for p in (meta.place.city, meta.place.region) if p)
    place = f"{place}: " if place else ""
    day = meta.date_released
    publisher = "" if meta.publisher in meta.authors else f" {meta.publisher}."
    mla_author = "" if tuple(meta.authors) == (meta.publisher,) else _end(authors) + " "
    return {
        "APA 7": f"{_end(authors)} ({year}). {_end(chapter)} In {meta.title} "
                 f"(Version {meta.version}{pages}).{publisher} {url}",
        "Chicago": f"{_end(authors)} {quoted(chapter)} In {meta.title}, "
                   f"version {meta.version}" + (f", {page}" if page else "")
                   + f". {place}{meta.publisher}, {year}. {url}.",
        "MLA 9": f"{mla_author}{quoted(chapter)} {meta.title}, version {meta.version}, "
                 f"{meta.publisher}, {day.day} {_MONTHS[day.month - 1]} {year}"
                 + (f", p. {page}" if page else "") + f", {url.split('://', 1)[-1]}.",
    }

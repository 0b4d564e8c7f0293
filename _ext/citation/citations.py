"""Ready-made citations of the publication and of one chapter, from :class:`Metadata`.

Plain Python. A citation is a tuple of runs ``(text, italic)`` so every writer (docutils
nodes, plain text for the PDF colophon, HTML) keeps the italics the styles require.
BibTeX is written by pybtex and RIS by rispy, so both files are what those formats'
own tools read.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publication import Metadata

Runs = tuple[tuple[str, bool], ...]
STYLES = ("APA 7", "Chicago", "MLA 9")
_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
               "Nov.", "Dec.")


def plain(runs: Runs) -> str:
    """The citation as text, without italics."""
    return "".join(text for text, _ in runs)


def _runs(*parts: str | tuple[str, bool]) -> Runs:
    return tuple(p if isinstance(p, tuple) else (p, False) for p in parts if p)


def _i(text: str) -> tuple[str, bool]:
    return (text, True)


def _end(text: str) -> str:
    """Close a sentence, unless the title already ends with its own punctuation."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _stop(text: str) -> str:
    """The period after an italic title, set in roman: none when the title has its own."""
    return "" if text.endswith((".", "?", "!")) else "."


def quoted(title: str) -> str:
    """A title in double quotes with the closing period inside, American style."""
    title = _inner_quotes(title)
    if title.endswith(("\u2019", "\u201d")) and not title[:-1].endswith((".", "?", "!")):
        return f"\u201c{title[:-1]}.{title[-1]}\u201d"
    return f"\u201c{_end(title)}\u201d"


def _inner_quotes(title: str) -> str:
    """Quotes inside a quoted title become single quotes (Chicago, MLA)."""
    return title.replace("\u201c", "\u2018").replace("\u201d", "\u2019")


def _authors(meta: Metadata) -> str:
    names = list(meta.authors)
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _link(meta: Metadata, url: str | None = None) -> str:
    """This version's address (or DOI): a citation names what the reader read."""
    return url or meta.cited_url


def _details(meta: Metadata) -> str:
    parts = [f"Report No. {meta.report_number}"] if meta.report_number else []
    return "(" + "; ".join(parts + [f"Version {meta.version}"]) + ")"


def apa(meta: Metadata, url: str | None = None) -> Runs:
    """APA 7, a report by a group author: the publisher is left out when it is the author.
    ``url``: what the reader read when it is not the source language's version (``…/es/``)."""
    publisher = "" if meta.publisher in meta.authors else f"{meta.publisher}. "
    return _runs(f"{_end(_authors(meta))} ({meta.date_released.year}). ", _i(meta.title),
                 f" {_details(meta)}. ", publisher, _link(meta, url))


def apa_chapter(meta: Metadata, title: str, url: str) -> Runs:
    """APA 7, one chapter: no retrieval date, the address is this version's and never
    changes (a "[date accessed]" placeholder was copied into reports verbatim)."""
    publisher = "" if meta.publisher in meta.authors else f"{meta.publisher}. "
    return _runs(f"{_end(_authors(meta))} ({meta.date_released.year}). {_end(title)} In ",
                 _i(meta.title), f" {_details(meta)}. ", publisher, url)


def chicago(meta: Metadata, url: str | None = None) -> Runs:
    """Chicago 17, bibliography entry."""
    place = f"{meta.place}: " if str(meta.place) else ""
    return _runs(f"{_end(', '.join(meta.authors))} ", _i(meta.title), _stop(meta.title),
                 f" Version {meta.version}. {place}{meta.publisher}, {meta.date_released.year}. ",
                 _end(_link(meta, url)))


def chicago_chapter(meta: Metadata, title: str, url: str) -> Runs:
    """Chicago 17: an access date only for an undated source; this one has its release's."""
    place = f"{meta.place}: " if str(meta.place) else ""
    return _runs(f"{_end(', '.join(meta.authors))} {quoted(title)} In ",
                 _i(meta.title), f", version {meta.version}. {place}{meta.publisher}, "
                 f"{meta.date_released.year}. ", _end(url))


def _mla_date(meta: Metadata) -> str:
    day = meta.date_released
    return f"{day.day} {_MLA_MONTHS[day.month - 1]} {day.year}"


def _bare(url: str) -> str:
    """MLA 9 drops the scheme from URLs."""
    return url.split("://", 1)[-1]


def _mla_author(meta: Metadata) -> str:
    """MLA starts with the title when the author is also the publisher."""
    if meta.authors == (meta.publisher,):
        return ""
    return _end(", ".join(meta.authors)) + " "


def mla(meta: Metadata, url: str | None = None) -> Runs:
    """MLA 9."""
    return _runs(_mla_author(meta), _i(meta.title), _stop(meta.title), f" Version {meta.version}, {meta.publisher}, "
                 f"{_mla_date(meta)}, ", _end(_bare(_link(meta, url))))


def mla_chapter(meta: Metadata, title: str, url: str) -> Runs:
    """MLA 9: the access date is optional, and a placeholder would be copied as is."""
    return _runs(_mla_author(meta), f"{quoted(title)} ", _i(meta.title),
                 f", version {meta.version}, {meta.publisher}, {_mla_date(meta)}, ",
                 _end(_bare(url)))


def publication(meta: Metadata, url: str | None = None) -> dict[str, Runs]:
    """The whole publication in every style, by style name."""
    return dict(zip(STYLES, (apa(meta, url), chicago(meta, url), mla(meta, url))))


def chapter(meta: Metadata, title: str, url: str) -> dict[str, Runs]:
    """One chapter in every style, by style name."""
    return dict(zip(STYLES, (apa_chapter(meta, title, url), chicago_chapter(meta, title, url),
                             mla_chapter(meta, title, url))))


def bibtex_key(meta: Metadata) -> str:
    """``cityofaustin2026smart-1.0.0``: first author, year, first title word, as BibTeX tools
    do, and the version: a report citing two versions needs two keys (BibTeX kept the first)."""
    import re
    author = re.sub(r"[^a-z0-9]", "", meta.publisher.lower())
    word = next(iter(re.findall(r"[a-z0-9]+", meta.title.lower())), "")
    version = re.sub(r"[^a-z0-9.]+", "-", meta.version.lower()).strip("-.")
    return f"{author}{meta.date_released.year}{word}-{version}"


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                   "$": r"\$", "^": r"\textasciicircum{}"}


def bibtex_text(value: str) -> str:
    """Text as BibTeX/LaTeX reads it: one line, braces that cannot unbalance a field.

    BibTeX counts every brace, escaped or not, so ``{`` becomes ``\\textbraceleft{}``;
    pybtex itself escapes ``% & # _ ~``.
    """
    return re.sub(r"[\\{}$^]", lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(value.split()))


def language_name(language: str) -> str:
    """BibTeX's ``language``: the language's English name (``es``: Spanish), as biblatex reads it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_")).english_name or language
    except (ValueError, TypeError, UnknownLocaleError):
        return language


def bibtex(meta: Metadata, url: str | None = None, language: str = "en",
           latest: str | None = None) -> str:
    """A ``@techreport`` entry; group authors in braces so no tool splits them into names.
    ``url``, ``language``, ``latest``: a translation's own (``…/editions/<v>/es/``, ``es``,
    ``…/es/``)."""
    from pybtex.database import BibliographyData, Entry, Person
    from pybtex.database.output.bibtex import Writer

    fields = {
        "title": "{" + bibtex_text(meta.title) + "}",
        "institution": bibtex_text(meta.publisher),
        "type": "Report",
        "year": str(meta.date_released.year),
        "date": meta.date_released.isoformat(),
        "version": bibtex_text(meta.version),
        "note": f"Version {bibtex_text(meta.version)}; latest version: {latest or meta.url}",
        "url": url or meta.version_url,
        "address": bibtex_text(str(meta.place)),
        "abstract": bibtex_text(meta.abstract),
        "keywords": bibtex_text(", ".join(meta.keywords)),
        "language": bibtex_text(language_name(language)),
        "doi": bibtex_text(meta.doi),
        "number": bibtex_text(meta.report_number),
    }
    entry = Entry("techreport", fields={k: v for k, v in fields.items() if v},
                  persons={"author": [Person("{" + bibtex_text(name) + "}") for name in meta.authors]})
    # the writer itself, not its name: naming it scans every installed package's entry
    # points (~25 ms of each edition)
    return BibliographyData({bibtex_key(meta): entry}).to_string(Writer)


def ris(meta: Metadata, url: str | None = None, language: str = "en") -> str:
    """An RIS ``RPRT`` record; names without a comma import as organisations."""
    import rispy

    class _Writer(rispy.RisWriter):
        def set_header(self, count: int) -> str:  # no "1." line: not part of RIS
            return ""

    record = {
        "type_of_reference": "RPRT",
        "authors": list(meta.authors),
        "primary_title": meta.title,
        "year": str(meta.date_released.year),
        "date": meta.date_released.strftime("%Y/%m/%d"),
        "edition": meta.version,
        "publisher": meta.publisher,
        "place_published": str(meta.place),
        "urls": [url or meta.version_url],
        "doi": meta.doi,
        "number": meta.report_number,
        "abstract": meta.abstract,
        "keywords": list(meta.keywords),
        "language": language,
    }
    one_line = {k: ([" ".join(x.split()) for x in v] if isinstance(v, list) else " ".join(v.split()))
                for k, v in record.items() if v}  # a line break would start a new RIS tag
    return rispy.dumps([one_line], implementation=_Writer)


def csl_json(meta: Metadata, url: str | None = None, language: str = "en") -> str:
    """A CSL-JSON ``report`` (an array of one item), what Zotero, Mendeley and pandoc's
    citeproc import; group authors as ``literal`` names, so no tool splits them."""
    import json

    day = meta.date_released
    item = {
        "id": bibtex_key(meta),
        "type": "report",
        "title": meta.title,
        "author": [{"literal": name} for name in meta.authors],
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "URL": url or meta.version_url,
        "version": meta.version,
        "publisher": meta.publisher,
        "publisher-place": str(meta.place),
        "DOI": meta.doi,
        "number": meta.report_number,
        "abstract": meta.abstract,
        "keyword": ", ".join(meta.keywords),
        "language": language,
    }
    return json.dumps([{k: v for k, v in item.items() if v}], ensure_ascii=False, indent=2) + "\n"

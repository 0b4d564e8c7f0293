"""Sphinx glue of the ``publication`` extension: CITATION.cff, loaded once, for every edition.

At ``config-inited`` the file is read (once per version of it) and fills every setting
``conf.py`` and ``-D`` left unset: project, author, version, release, copyright, the
site's title and address, ``epub_*`` and ``pdf_*``. ``-D release=…`` (or ``-D
version=…``) is the version of every edition: :func:`metadata` returns the file's
metadata with that version, and the PDF, ePub, site and citations all read it.
"""

from __future__ import annotations

import dataclasses
import enum
import html
import logging as logging_std
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import InvalidCitation, Metadata, epoch, load, readwarnings, safety_problems, version_problem
from .installed import cache_path
from .logfilters import add_once

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


_LOADED: dict[tuple[str, tuple[int, int]], Metadata] = {}


def _load(path: str, stamp: tuple[int, int], memo: Path | None = None) -> Metadata:
    """The file's metadata, read once per version of it (path, time, size) in a process."""
    key = (path, stamp)
    if key not in _LOADED:
        if len(_LOADED) >= 4:
            _LOADED.clear()
        _LOADED[key] = load(Path(path), memo)
    return _LOADED[key]


SCHEMA_MEMO = "publication-schema-passed"
"""The file that remembers the CITATION.cff texts that passed the schema (:func:`schema_memo`)."""


def schema_memo(doctreedir: str | Path) -> Path:
    """Where the memo lives: with the installation (:mod:`publication.installed`, beside
    ``buildcache``'s compiled templates), so a clean build, which removes the doctrees,
    still finds it; outside a virtual environment, in the doctree folder."""
    return cache_path(SCHEMA_MEMO) or Path(doctreedir) / SCHEMA_MEMO


PAGES_METADATA = "publication-pages-metadata"
"""Event: ``(app, srcdir) -> {"title"?, "abstract"?, "url"?} | None``: what a folder of pages
without its own ``CITATION.cff`` says about itself (an old Jekyll site: its ``_config.yml``)."""

_PAGES_FIELDS = ("title", "abstract", "url")


def metadata(config: Config) -> Metadata:
    """The publication's metadata (read once per version of CITATION.cff), at this build's
    version, with what the pages' folder says of itself when it has no CITATION.cff."""
    stat = os.stat(config.citation_cff)
    meta = _load(config.citation_cff, (stat.st_mtime_ns, stat.st_size))
    changes = {k: v for k, v in (config.publication_pages_metadata or {}).items() if k in _PAGES_FIELDS}
    if changes.get("title", meta.title) != meta.title:
        # another publication: not this one's DOI, nor its summary and keywords
        changes = {"doi": "", "report_number": "", "abstract": "", "keywords": (), **changes}
    version = config.release or meta.version
    if version != meta.version:
        changes["version"] = version
    return dataclasses.replace(meta, **changes) if changes else meta


def citation_file(app: Sphinx, config: Config) -> Path:
    """The ``CITATION.cff`` of these pages: in their folder or beside it, else the project's.

    ``make all SOURCEDIR=…`` builds any folder of pages; one that carries its own
    ``CITATION.cff`` is its own publication. ``citation_cff`` set in conf.py or with ``-D``
    is used as it is.
    """
    if not _set_by_user(config, "citation_cff"):
        for folder in (Path(app.srcdir), Path(app.srcdir).parent):
            if (folder / "CITATION.cff").is_file() and _inside_pages(app, folder / "CITATION.cff"):
                return (folder / "CITATION.cff").resolve()
    return Path(app.confdir, config.citation_cff).resolve()


def _inside_pages(app: Sphinx, path: Path) -> bool:
    """A pages' CITATION.cff that is a link to a file outside their folder and its parent, or
    to a file there that is no ``.cff`` (``../.env``), is not read (its title would be
    published, its lines printed in a warning): said once."""
    from safety.paths import is_inside

    real = Path(os.path.realpath(path))
    if real.suffix == ".cff" and is_inside(real, [Path(os.path.realpath(app.srcdir)).parent]):
        return True
    from safety.problems import WARNING_TYPE as SECURITY, Kind as Refused
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        "this CITATION.cff is a link to %s, outside the pages' folder or no .cff file, so it is "
        "not read: the editions get the metadata of the project's CITATION.cff; copy the file "
        "here instead",
        real, location=f"{path}:1", type=SECURITY, subtype=Refused.FILE_OUTSIDE.value)
    return False


def site_root(config: Config, meta: Metadata) -> str:
    """The published site's address, ending in ``/`` (``html_baseurl``, else the CFF url)."""
    root = config.html_baseurl or meta.url
    return root if root.endswith("/") else root + "/"


def translated_from(config: Config) -> str:
    """The source language (``en``) when this build is a translation, else ``""``: what is
    written in it (citations, the colophon) must say so to a screen reader (WCAG 3.1.2)."""
    source = getattr(config, "source_language", None) or "en"  # set by the languages extension
    return source if (config.language or source) != source else ""


def site_folder(config: Config) -> str:
    """Where this site sits inside the whole publication's site: ``""``, or ``"es/"`` for a
    translation (set by the ``languages`` extension)."""
    folder = config.publication_site_folder.strip("/")
    return folder + "/" if folder else ""


def version_root(config: Config, meta: Metadata) -> str:
    """Where this version of this site stays for good, ending in ``/``.

    The source-language site freezes every translation inside its own release
    (``editions/<version>/es/``), so a translation's permanent address is there, not
    under its own ``es/editions/``.
    """
    root, folder = site_root(config, meta), site_folder(config)
    top = root[:-len(folder)] if folder and root.endswith(folder) else root
    return top + meta.version_path + folder


def cited_address(config: Config, meta: Metadata) -> str:
    """What a citation of this build links: the DOI, else this version's address in this
    site's language (``editions/<v>/es/`` for the Spanish pages, not the English ones)."""
    return f"https://doi.org/{meta.doi}" if meta.doi else version_root(config, meta)


def _apa(meta: Metadata, url: str) -> str:
    from citation.citations import apa, plain
    return plain(apa(meta, url))


def _copyright(meta: Metadata) -> str:
    return f"{meta.date_released.year}, {meta.author}"


DEFAULTS: dict[str, Callable[[Metadata, Config], Any]] = {
    "project": lambda m, c: m.title,
    "author": lambda m, c: m.author,
    "copyright": lambda m, c: _copyright(m),
    "html_title": lambda m, c: html.escape(m.title),  # Sphinx and Furo print html_title as HTML
    "html_baseurl": lambda m, c: _base_url(m),
    "epub_basename": lambda m, c: m.slug,
    "epub_title": lambda m, c: m.title,
    "epub_author": lambda m, c: m.author,
    "epub_publisher": lambda m, c: m.author,
    "epub_contributor": lambda m, c: m.author,  # Sphinx writes "unknown" otherwise
    "epub_copyright": lambda m, c: (f"{_copyright(m)}. License: {m.license}" if m.license
                                    else _copyright(m)),  # dc:rights
    "epub_identifier": lambda m, c: m.book_id,  # Sphinx writes epub_uid into toc.ncx: they must match
    "epub_scheme": lambda m, c: "URN",
    "epub_uid": lambda m, c: m.book_id,
    # the DOI as a URL, else this version's permanent address (the root shows the latest)
    "epub_other_identifiers": lambda m, c: [f"https://doi.org/{m.doi}" if m.doi else version_root(c, m)],
    "epub_description": lambda m, c: m.abstract or m.title,  # EPUB 3 wants one: at least the title
    "pdf_basename": lambda m, c: m.slug,
    "pdf_authors": lambda m, c: list(m.authors),
    "pdf_publisher": lambda m, c: m.publisher,
    "pdf_subject": lambda m, c: m.abstract,
    "pdf_keywords": lambda m, c: list(m.keywords),
    "pdf_license": lambda m, c: m.license,
    # where this PDF stays (frozen with its release), as citation_pdf_url and the .bib name
    "pdf_url": lambda m, c: version_root(c, m),
    "pdf_citation": lambda m, c: _apa(m, cited_address(c, m)),
}
"""What CITATION.cff says for each setting that ``conf.py`` and ``-D`` leave unset, in order."""


def refill(config: Config, *names: str) -> None:
    """The defaults of ``names`` again, those that follow the site's folder, which the
    ``languages`` room sets after they were first filled (a translation's version address)."""
    meta = metadata(config)
    for name in names:
        if not _set_by_user(config, name):
            setattr(config, name, DEFAULTS[name](meta, config))


def _set_by_user(config: Config, name: str) -> bool:
    # Sphinx has no public "was this set" question; conf.py and -D are these two mappings.
    return name in config._raw_config or name in config._overrides


WARNING_TYPE = "publication"


class Subtype(enum.Enum):
    """The problems of the publication's metadata that a build goes on after."""

    PAGES_CITATION = "pages-citation"
    """The pages' own CITATION.cff is unusable: the project's is used, and this is said."""

    CITATION = "citation"
    """The project's CITATION.cff (or ``citation_cff``) is unusable: the editions are built
    with stand-in metadata, and this is said (a strict build fails on it)."""

    ENVIRONMENT = "environment"
    """A value of the build's environment cannot be used: ``SOURCE_DATE_EPOCH`` that is no
    time (``abc``, past the year 9999: the editions are dated with the release date), a
    ``PUBLICATION_URL`` that is no web address (the CITATION.cff's is used); this is said.
    Also ``-D release=…`` (or ``version``) that is no version number, as CITATION.cff's
    ``version`` is refused (``../x`` stopped the build with a crash report): CITATION.cff's
    version is used."""


def fill_config(app: Sphinx, config: Config) -> None:
    """Read CITATION.cff once; fill the settings left unset; one version for every edition."""
    config.citation_cff = str(citation_file(app, config))
    config.publication_unusable_citation = ""
    project = Path(app.confdir, config.citation_cff if _set_by_user(config, "citation_cff")
                   else "CITATION.cff").resolve()
    unusable: tuple[Path, InvalidCitation] | None = None
    try:
        try:
            meta = _load_plain(config, schema_memo(app.doctreedir))
        except InvalidCitation as err:
            if Path(config.citation_cff) == project or not project.is_file():
                raise
            _say_pages_citation_unusable(Path(config.citation_cff), project, err)
            config.publication_unusable_citation = f"{config.citation_cff}: {_problem(Path(config.citation_cff), err).lstrip(': ')}"
            config.citation_cff = str(project)
            meta = _load_plain(config, schema_memo(app.doctreedir))
    except InvalidCitation as err:
        # No exception may leave here (Sphinx would print a crash report): the build goes on
        # with stand-in metadata, said as a warning, so STRICT=0 still yields every edition.
        unusable = (Path(config.citation_cff), err)
        config.publication_unusable_citation = f"{config.citation_cff}: {_problem(Path(config.citation_cff), err).lstrip(': ')}"
        try:
            config.citation_cff = str(_stand_in(Path(app.doctreedir)))
        except OSError as why:  # SystemExit: the one exception Sphinx lets pass without a report
            print(f"\n{err}\n(and no stand-in could be written: {why})\n", file=sys.stderr)
            raise SystemExit(2) from None
        meta = _load_plain(config)
    if Path(config.citation_cff).resolve() != project:  # another publication's (or a stand-in):
        config.pdf_subtitle = _subtitle(meta.abstract)  # conf.py's line is about this project's
    own = Path(config.citation_cff).parent in (Path(app.srcdir).resolve(), Path(app.srcdir).resolve().parent)
    said = None if own else app.emit_firstresult(PAGES_METADATA, Path(app.srcdir))
    if said:
        config.publication_pages_metadata = {k: v for k, v in said.items() if k in _PAGES_FIELDS}
        if said.get("title", meta.title) != meta.title:  # the cover's second line is this one's
            config.pdf_subtitle = _subtitle(said.get("abstract", ""))
        from sphinx.util import logging

        given = sorted(config.publication_pages_metadata)
        logging.getLogger(__name__).info(
            "the pages' folder gives this publication its %s; the rest%s comes from %s (put a "
            "CITATION.cff beside the pages to say more)", ", ".join(given),
            f" (its title {meta.title!r} among it)" if "title" not in given else "", config.citation_cff)
    chosen = next((str(getattr(config, n)) for n in ("release", "version") if _set_by_user(config, n)),
                  meta.version)
    if chosen != meta.version and (why := version_problem(chosen)):
        _say_release_unusable(chosen, why, meta, Path(config.citation_cff))
        chosen = meta.version
    config.version = config.release = chosen
    meta = metadata(config)
    if unusable is not None:
        _say_citation_unusable(*unusable, meta)
    for name, value in DEFAULTS.items():
        if not _set_by_user(config, name):
            setattr(config, name, value(meta, config))
    # Every dated thing in every edition (ePub dates, "last updated", PDF timestamp) is the
    # release date unless the caller says otherwise: same sources, same bytes.
    epoch.set_aside()
    for value in epoch.taken():
        _say_epoch_unusable(value, meta)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(meta.source_date_epoch))


def _base_url(meta: Metadata) -> str:
    """``PUBLICATION_URL`` (the site's address where it is served), else the CITATION.cff's;
    one that is no web address is said and not used: a line break in it wrote its own lines
    into robots.txt (``Disallow: /``) and every page's head."""
    value = os.environ.get("PUBLICATION_URL")
    if value is None:
        return meta.url
    if not safety_problems({"url": value}):
        return value
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        "the environment's PUBLICATION_URL=%r is not an http(s) address on one line without "
        "spaces, quotes or angle brackets, so the site's address is the CITATION.cff's (%s); "
        "set it to the address the site is served at, e.g. https://example.org/plan/",
        value[:80], meta.url, type=WARNING_TYPE, subtype=Subtype.ENVIRONMENT.value)
    return meta.url


def _say_epoch_unusable(value: str, meta: Metadata) -> None:
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        "the environment's SOURCE_DATE_EPOCH=%r %s, so the editions are dated with the release "
        "date (%s) instead; set it to a number of seconds (`git log -1 --format=%%ct`) or unset "
        "it", value[:40], epoch.problem(value), meta.date_released,
        type=WARNING_TYPE, subtype=Subtype.ENVIRONMENT.value)


SUBTITLE_MAX = 160
"""Characters of a folder's own description that still make a cover's second line."""


def _subtitle(description: str) -> str:
    """A folder that names another publication keeps its own description under its title on
    the cover when it is short; a long one is its abstract only (ePub, PDF subject)."""
    return description if len(description) <= SUBTITLE_MAX else ""


def _problem(path: Path, err: InvalidCitation) -> str:
    """The error's lines as one: ``is not valid YAML: …`` or ``…: title: …; url: …``."""
    head, *details = str(err).removeprefix(str(path)).strip().splitlines()
    details = [line.strip(" -") for line in details if line.strip()]
    return head.rstrip(":") + (": " + "; ".join(details) if details else "")


def _say_pages_citation_unusable(path: Path, project: Path, err: InvalidCitation) -> None:
    """A folder of pages with a broken CITATION.cff is still built (STRICT=0 yields every
    edition), with the project's metadata, and told so on one line; ``-W`` fails on it."""
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        "this CITATION.cff cannot be used (%s): the editions get the metadata of %s meanwhile; "
        "fix it, or delete it to keep that metadata", _problem(path, err), project,
        location=f"{path}:{err.line}", type=WARNING_TYPE, subtype=Subtype.PAGES_CITATION.value)


_STAND_IN = "publication-stand-in.cff"
"""Metadata an edition can be built with when the CITATION.cff cannot be used (in the
doctree folder): plainly a stand-in, never a guess at the real title, date or address."""


def _stand_in(doctreedir: Path) -> Path:
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    day = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit()
           else dt.datetime.now(dt.timezone.utc)).date()
    path = doctreedir / _STAND_IN
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('cff-version: 1.2.0\nmessage: "This publication\'s CITATION.cff could not '
                    'be read; do not cite this edition."\ntitle: "Untitled publication"\n'
                    'abstract: "Stand-in metadata: the CITATION.cff of this publication could not '
                    'be read."\nauthors:\n  - name: "Unknown author"\nversion: "0.0.0"\n'
                    f'date-released: "{day.isoformat()}"\nurl: "https://example.invalid/"\n',
                    encoding="utf-8")
    return path


def _say_release_unusable(release: str, why: str, meta: Metadata, path: Path) -> None:
    """``-D release=…`` names no version: said as CITATION.cff's ``version`` would be."""
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        "-D release=%r %s; the editions are built as version %s, which CITATION.cff gives",
        release[:80], why, meta.version, location=f"{path}:1",
        type=WARNING_TYPE, subtype=Subtype.ENVIRONMENT.value)


def _say_citation_unusable(path: Path, err: InvalidCitation, meta: Metadata) -> None:
    """The project's metadata cannot be used: the editions are still built, plainly marked."""
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        "the publication's CITATION.cff cannot be used (%s): the editions are built with "
        "stand-in metadata meanwhile (title %r, version %s, address %s), which no one should "
        "cite; fix the file (every edition prints and cites what it says)", _problem(path, err),
        meta.title, meta.version, meta.url,
        location=f"{path}:{err.line}", type=WARNING_TYPE, subtype=Subtype.CITATION.value)


def _load_plain(config: Config, memo: Path | None = None) -> Metadata:
    try:
        stat = os.stat(config.citation_cff)
    except OSError as err:
        raise InvalidCitation(f"{config.citation_cff} cannot be read ({err.strerror}); the "
                              "publication's metadata lives there: restore it, or set "
                              "`citation_cff` in conf.py") from None
    return _load(config.citation_cff, (stat.st_mtime_ns, stat.st_size), memo)


class WithoutFolderLines(logging_std.Filter):
    """Info lines about files written, which name the folder a ``make`` build is made in
    (``…/html.new``, renamed by the swap; see :func:`leave_the_folder_to_make`): Sphinx 9's
    "Writing evaluated template result to …/_static/basic.css" for each of its three ``*_t``
    files, and sphinx-sitemap's "sitemap.xml was generated … in …" (or "No pages generated").
    Nothing in them is for staff; warnings pass."""

    SUBTYPES = {"template_evaluation", "information"}

    def filter(self, record: logging_std.LogRecord) -> bool:
        return record.levelno >= logging_std.WARNING or getattr(record, "subtype", None) not in self.SUBTYPES


def leave_the_folder_to_make(app: Sphinx) -> None:
    """No "The HTML pages are in …/html.new." from Sphinx when ``make`` builds an edition.

    ``edition_build`` builds into ``EDITION.new`` (a translated site into ``html.new/es``) and
    renames it once every language has succeeded: Sphinx's closing line would name a folder
    that is gone by then, or an edition that was not put in place. ``edition_build`` and
    ``languages.build`` say where each edition is once it is there.
    """
    outdir = Path(app.outdir)
    if outdir.name.endswith(".new") or outdir.parent.name.endswith(".new"):
        app.builder.epilog = ""


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("citation_cff", "CITATION.cff", "env", types=[str])
    app.add_config_value("publication_site_folder", "", "env", types=[str])
    app.add_config_value("publication_pages_metadata", {}, "env", types=[dict])
    # set, not by conf.py: the CITATION.cff that could not be used, so `make release` refuses
    app.add_config_value("publication_unusable_citation", "", "env", types=[str])
    app.add_event(PAGES_METADATA)
    app.connect("config-inited", fill_config, priority=100)  # before Sphinx's own (800)
    app.connect("builder-inited", leave_the_folder_to_make)
    app.connect("env-before-read-docs", readwarnings.start_keeping, priority=999)  # after the others'
    app.connect("env-updated", readwarnings.say_again, priority=1)  # before the others'
    add_once("sphinx.sphinx.util.fileutil", WithoutFolderLines)
    add_once("sphinx.sphinx_sitemap", WithoutFolderLines)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}

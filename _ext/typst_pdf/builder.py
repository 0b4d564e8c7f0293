"""The ``typst`` builder: the whole publication as one accessible, archival PDF.

Like Sphinx's LaTeX builder: one doctree assembled from the root page with
``inline_all_toctrees`` (so chapters come in the pageorder order), translated by
:class:`.translator.TypstTranslator`, then compiled by the ``typst`` package in
``finish()``. The generated ``.typ`` stays beside the PDF for debugging.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.environment.adapters.asset import ImageAdapter
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.display import progress_message, status_iterator
from sphinx.util.i18n import format_date
from sphinx.util.logging import pending_warnings
from sphinx.util.nodes import inline_all_toctrees, process_only_nodes
from sphinx.util.osutil import ensuredir

from publication.apart import in_child_process
from publication.apart import available as parallel_available
from publication.atomic import write_atomically

from . import arabicfont, diagnostics, escape, fonts, kept, pictures
from .output import LineMap
from .problems import WARNING_TYPE, Kind, warn
from .translator import CONTENTS_DEPTH, TypstTranslator, typst_language

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def step(message: str) -> Iterator[None]:
    """Sphinx's progress line for one step, its warnings said once the line has ended: a
    warning said while it was open followed ``writing Typst...`` on the same line, where no
    ``file:line`` reader (an editor, CI annotations) finds it."""
    with pending_warnings(), progress_message(message):
        yield

TEMPLATE = Path(__file__).with_name("book.typ")
PAPERS = {"letter": "us-letter", "us-letter": "us-letter", "a4": "a4", "legal": "us-legal",
          "us-legal": "us-legal", "a5": "a5"}
FORK_FROM = 50
"""Pages from which the book is written and typeset in forked children (:meth:`TypstPDFBuilder.apart`)."""
LABELS = {"version": "Version", "license": "License", "latest": "Latest version",
          "this": "This version", "cite": "Cite as", "page": "page"}


Written = tuple[set[str], dict[str, str], LineMap, dict[str, tuple[str, str]]]
"""What writing the .typ gives ``finish()``: pages, images, line map, passages' labels."""


@dataclass(frozen=True)
class Typeset:
    """What one Typst run gave: the PDF and the passages' pages, or Typst's error.

    Plain data (Typst's own objects do not cross a process boundary).
    """

    pdf: bytes = b""
    pages: str = "[]"
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # Typst refused the document: its diagnostic
    unrunnable: str = ""  # Typst could not start (bad font path, unreadable file)


class TypstPDFBuilder(Builder):
    """Builds the PDF edition through Typst."""

    name = "typst"
    format = "typst"
    epilog = "The PDF edition is in %(outdir)s."
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif",
                             "image/webp"]
    supported_remote_images = True  # not embedded (the translator says so), but never fetched:
    # a build makes no request to another site
    default_translator_class = TypstTranslator

    def init(self) -> None:
        self.imagedir = "_images"  # beside the .typ: Typst reads nothing outside the output
        self.docnames: set[str] = set()
        self.labels = {**LABELS, **(self.config.pdf_labels or {})}
        self.line_map = LineMap([], [])
        self.passage_labels: dict[str, tuple[str, str]] = {}  # Typst label -> (page, passage)
        self.glyph_pattern: re.Pattern[str] | None = None  # characters no font has
        self.readable = pictures.Readable(Path(self.doctreedir) / "pictures-typst-reads.json")
        self._arabic_fonts: list[Path] | None = None  # made once, on first use: arabic_fonts()

    def arabic_fonts(self, make: bool = False) -> list[Path]:
        """The folder of the derived Arabic-script font (:mod:`.arabicfont`) beside the doctrees,
        made (``make``) for a book with Arabic-script words; none if it cannot be had (Noto
        Sans Arabic then). The glyph check makes it, in the process that writes the .typ; the
        compile, maybe in another, finds it there."""
        if self._arabic_fonts is None or (make and not self._arabic_fonts):
            folder = arabicfont.derived_folder(Path(self.doctreedir) / "typst-fonts", make=make)
            self._arabic_fonts = [folder] if folder is not None else []
        return self._arabic_fonts

    def families(self) -> list[str]:
        """``pdf_fonts``, less the derived Arabic font when it could not be made (Typst would
        warn of a family it does not have)."""
        return [f for f in self.config.pdf_fonts if f != arabicfont.FAMILY or self.arabic_fonts()]

    # ---- Builder API ---------------------------------------------------------------

    def get_outdated_docs(self) -> str:
        return "all documents"  # one book: any change rewrites it

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname not in self.docnames:
            raise NoUri(docname, typ)
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: set[str]) -> None:
        pass

    def write_documents(self, _docnames: set[str]) -> None:
        """Write the .typ in a forked process where one is available (as Sphinx's ``-j``).

        At a thousand pages the assembled book, its translation and the doctrees they came
        from take ~180 MiB that Python keeps in its heap after the objects die (gc and
        malloc_trim give back ~20), and Typst then needs ~1.4 GiB of its own. Done in a
        child, all of it is returned to the system before Typst starts.
        The child runs the same code, so the .typ is the same; its log records (warnings
        included) are replayed here. A small book is written here: see :meth:`apart`.
        """
        if self.apart():
            self.written(in_child_process(self.write_typst, "writing the Typst source"))
        else:
            self.written(self.write_typst())

    def write_typst(self) -> Written:
        """Assemble, translate and write the .typ; what ``finish()`` needs from that."""
        with step("assembling the book"):
            tree = self.assemble_doctree()
            self.post_process_images(tree)
        with step("checking every character has a font"):
            self.glyph_pattern = self.missing_glyphs(tree)
        with step("writing Typst"):
            translator = self.create_translator(tree, self)
            tree.walkabout(translator)
            body, body_map = translator.result().render()
            preamble = self.preamble(translator.contents)
            offset = preamble.count("\n")
            line_map = LineMap([s + offset for s in body_map.starts], body_map.places)
            ensuredir(self.outdir)
            write_atomically(self.typ_path, (preamble + body).encode("utf-8"))
        self.readable.save()  # here: in the process that translated, a child or this one
        return self.docnames, self.images, line_map, translator.passage_labels

    def post_process_images(self, doctree: nodes.Node) -> None:
        """Sphinx's, each copy named without a backslash: Typst refuses a path with one
        ("path must not contain a backslash"), and a picture named ``a\\b.png`` stopped the
        whole PDF edition, even a non-strict build."""
        super().post_process_images(doctree)
        given = set(self.images.values())
        for src, name in self.images.items():
            if "\\" in name:
                safe = name.replace("\\", "_")
                while safe in given:
                    safe = "_" + safe
                given.add(safe)
                self.images[src] = safe

    def written(self, result: Written) -> None:
        self.docnames, self.images, self.line_map, self.passage_labels = result

    def assemble_doctree(self) -> nodes.document:
        """The whole book as one doctree: the root page with every toctree inlined."""
        root = self.config.root_doc
        self.docnames = {root}
        tree = self.env.get_doctree(root)
        tree = inline_all_toctrees(self, self.docnames, root, tree, darkgreen, [root])
        tree["docname"] = root
        reparent(tree)
        self.env.resolve_references(tree, root, self)
        process_only_nodes(tree, self.tags)
        return tree

    def missing_glyphs(self, tree: nodes.document) -> re.Pattern[str] | None:
        """A pattern of the book's characters that no font can show (None: there are none)."""
        chars: set[str] = set()
        for text in tree.findall(nodes.Text):
            chars.update(text)
        for value in self.metadata_words():
            chars.update(value)
        chars = {c for c in chars if not c.isascii()}
        if arabicfont.FAMILY in self.config.pdf_fonts and escape.in_arabic_script("".join(chars)):
            self.arabic_fonts(make=True)  # ~1.3 s once per cache: only for a book that needs it
        families = [*self.families(), self.config.pdf_code_font]
        missing = fonts.missing(chars, [Path(p) for p in self.font_paths()], families)
        if not missing:
            return None
        return re.compile("[" + "".join(re.escape(c) for c in sorted(missing)) + "]")

    def finish(self) -> None:
        self.remove_former_books()
        self.copy_image_files()
        shutil.copyfile(TEMPLATE, self.outdir / TEMPLATE.name)
        self.compile()

    # ---- files and metadata ----------------------------------------------------------

    @property
    def basename(self) -> str:
        return self.config.pdf_basename or "publication"

    @property
    def typ_path(self) -> Path:
        return Path(self.outdir) / f"{self.basename}.typ"

    @property
    def pdf_path(self) -> Path:
        return Path(self.outdir) / f"{self.basename}.pdf"

    @property
    def pages_path(self) -> Path:
        """``{page: {passage id: [page, printed page]}}``: where each passage starts."""
        return Path(self.outdir) / f"{self.basename}.pages.json"

    def remove_former_books(self) -> None:
        """The book, its Typst source and page list under the publication's former title:
        left beside the new one, the site and a reader could take the old book for it."""
        current = {self.pdf_path.name, self.typ_path.name, self.pages_path.name}
        for pattern in ("*.pdf", "*.typ", "*.pages.json"):
            for path in Path(self.outdir).glob(pattern):
                if path.name not in current and path.name != TEMPLATE.name:
                    path.unlink()

    def copy_image_files(self) -> None:
        if not self.images:
            return
        ensuredir(self.outdir / self.imagedir)
        original = ImageAdapter(self.env).get_original_image_uri
        for src in status_iterator(self.images, "copying images... ", "brown", len(self.images),
                                   self.config.verbosity, stringify_func=original):
            try:
                shutil.copyfile(self.srcdir / src, self.outdir / self.imagedir / self.images[src])
            except OSError as error:
                warn(f"cannot copy image {original(src)!r}: {error}", Kind.IMAGE)

    def timestamp(self) -> int:
        """SOURCE_DATE_EPOCH (conf.py defaults it to the release date): same input, same PDF."""
        value = os.environ.get("SOURCE_DATE_EPOCH", "")
        try:
            return int(value)
        except ValueError:
            warn(f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds; using 0", Kind.CONFIG)
            return 0

    def paper(self) -> str:
        paper = str(self.config.pdf_paper).lower()
        if paper not in PAPERS:
            warn(f"pdf_paper = {self.config.pdf_paper!r} is not one of "
                 f"{', '.join(sorted(PAPERS))}; using letter", Kind.CONFIG)
            return "us-letter"
        return PAPERS[paper]

    def metadata(self) -> dict[str, Any]:
        """Everything the cover, colophon and PDF metadata say, from the Sphinx config."""
        config = self.config
        moment = dt.datetime.fromtimestamp(self.timestamp(), tz=dt.timezone.utc)
        lang, region = typst_language(config.language)  # zh_Hant: "zh", "TW" (not "HANT")
        title = config.pdf_title or config.project
        publisher = config.pdf_publisher or config.author
        url = config.pdf_url or config.html_baseurl or ""  # this version's (glue's default)
        latest = config.html_baseurl or ""
        citation = config.pdf_citation or " ".join(filter(None, (
            f"{publisher}. ({moment.year}). {title} ({self.labels['version']} {config.release}).",
            url)))
        return {
            "title": title,
            "subtitle": config.pdf_subtitle or "",
            "authors": list(config.pdf_authors or [config.author]),
            "publisher": publisher,
            "version": config.release or config.version or "",
            "date": self.release_date(moment),
            "copyright": config.copyright or "",
            "license": config.pdf_license or "",
            "url": url,
            "latest": latest if latest != url else "",
            "citation": citation,
            "keywords": list(config.pdf_keywords or []),
            "subject": config.pdf_subject or "",
            "lang": lang,
            "region": region,
            "paper": self.paper(),
            "fonts": self.families(),
            "code-font": config.pdf_code_font,
            "labels": self.labels,
        }

    def release_date(self, moment: dt.datetime) -> str:
        """The cover's and colophon's date: ``pdf_date_format`` when set, else the language's
        own long date (``30 de noviembre de 2026``; the default's English order printed
        "noviembre 30, 2026" on the Spanish cover); English keeps "November 30, 2026"."""
        config = self.config
        if "pdf_date_format" in config._raw_config or "pdf_date_format" in config._overrides:
            return format_date(config.pdf_date_format, date=moment, language=config.language)
        from babel import UnknownLocaleError
        from babel.dates import format_date as long_date

        try:
            return long_date(moment.date(), "long", locale=(config.language or "en").replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            return format_date(config.pdf_date_format, date=moment, language=config.language)

    METADATA_WORDS = ("title", "subtitle", "authors", "publisher", "copyright", "license",
                      "citation", "keywords", "subject", "version", "date")
    """The metadata the cover, colophon and PDF metadata print as words (not fonts, paper …)."""

    def metadata_words(self) -> Iterator[str]:
        for key, value in self.metadata().items():
            if key in self.METADATA_WORDS:
                yield from (value if isinstance(value, list) else [value])

    def printable_metadata(self) -> dict[str, Any]:
        """:meth:`metadata` with each character no font has printed as the page text's are
        (``fonts.substitute``), said once at the file that gave it. CITATION.cff's title went
        to Typst as written: a letter no font has (``\\U00010900``) cost the book PDF/UA and
        PDF/A, said at the build's own ``book.typ`` with the escape's characters as its own."""
        meta = self.metadata()
        pattern = self.glyph_pattern
        if pattern is None:
            return meta
        said: set[str] = set()

        def shown(value: str) -> str:
            for char in pattern.findall(value):
                if char not in said:
                    said.add(char)
                    warn(f"the character {char!r} ({fonts.describe(char)}) of the publication's "
                         f"{key} is in none of the PDF's fonts; the PDF prints "
                         f"{fonts.substitute(char)} instead: use another character, or add a font "
                         "that has it to the project and list its folder in pdf_font_paths",
                         Kind.GLYPH, self.metadata_source(char))
            return pattern.sub(lambda match: fonts.substitute(match.group()), value)

        for key in self.METADATA_WORDS:
            value = meta[key]
            meta[key] = [shown(v) for v in value] if isinstance(value, list) else shown(value)
        return meta

    def metadata_source(self, char: str) -> str:
        """Where the publication's metadata holding ``char`` is written: its CITATION.cff (or
        an old site's ``_config.yml``) at the first line holding it, else the file alone."""
        files = [Path(self.config.citation_cff), Path(self.srcdir) / "_config.yml"]
        for path in files:
            with contextlib.suppress(OSError, UnicodeError):
                for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
                    if char in line or f"{ord(char):04x}" in line.lower():
                        return f"{path}:{number}"
        return str(files[0])

    def preamble(self, contents: list[tuple[int, str]]) -> str:
        """The first lines of the .typ: import the layout, hand it the metadata and the
        contents' titles (``contents-draft`` in book.typ)."""
        entries = "".join(f"({int(level)}, {escape.string(title)}), " for level, title in contents)
        draft = f"(depth: {CONTENTS_DEPTH}, entries: ({entries}))"
        return ("// Generated by the typst_pdf Sphinx extension from the pages of this "
                "publication.\n// Do not edit: change the Markdown pages and rebuild.\n"
                f'#import "{TEMPLATE.name}": *\n'
                f"#show: book.with({escape.literal(self.printable_metadata())}, {draft})\n\n")

    # ---- compiling -----------------------------------------------------------------

    def font_paths(self, say: bool = True) -> list[str]:
        """The shipped font packages' folders, the derived Arabic font's, then the project's own
        (``pdf_font_paths``)."""
        paths = [str(folder) for folder in [*fonts.package_folders(), *self.arabic_fonts()]]
        for folder in self.config.pdf_font_paths:
            path = Path(self.confdir, folder)
            if path.is_dir():
                paths.append(str(path))
            elif say:
                warn(f"pdf_font_paths: {folder!r} is not a folder", Kind.CONFIG)
        return paths

    def compile(self) -> None:
        """Typeset the PDF in a forked process where one is available (as ``write_documents``).

        Typst's layout of a thousand pages takes ~1.4 GiB, and this process kept it after
        the compile (1.7 GiB resident), under the ePub and the site that ``make all`` builds
        next, and under their forked writers. A child gives all of it back when it ends.
        """
        standards = list(self.config.pdf_standards)
        made = kept.key(self.typ_path, self.outdir / TEMPLATE.name, self.outdir / self.imagedir,
                        [Path(p) for p in self.font_paths(say=False)], standards,
                        os.environ.get("SOURCE_DATE_EPOCH", ""))
        retry = None  # said after the progress line ends: a warning starts a line of its own
        with progress_message(f"compiling {self.pdf_path.name}"):
            same = kept.load(self.kept_record, made, self.pdf_path)
            if same is None:
                result = self.typeset_apart(standards)
                if result.error is not None and standards and not self._app._fail_on_warnings:
                    retry = self.typeset_apart([])  # STRICT=0 promises every edition
        if same is not None:
            return self.keep(same)
        first = result.error is None
        if result.error is not None:
            self.report(result.error, "error")
            if retry is None:
                return self.fail("the problems are listed above")
            # a PDF that is not PDF/UA, said loudly
            result = retry
            if result.error is not None:
                self.report(result.error, "error")
                return self.fail("the problems are listed above")
            warn(f"{self.pdf_path.name} is written WITHOUT {', '.join(standards)} "
                 "because of the problems above (a non-strict build); fix them for an "
                 "accessible PDF", Kind.NOT_CONFORMING)
        if result.unrunnable:
            return self.fail(f"Typst could not run: {result.unrunnable}")
        for message in result.warnings:
            self.report(message, "warning")
        try:
            write_atomically(self.pages_path, _pages_json(result.pages, self.passage_labels))
            write_atomically(self.pdf_path, result.pdf)
        except OSError as error:
            return self.fail(f"cannot write it: {error}")
        if first:
            kept.save(self.kept_record, made, result.pdf, result.pages, result.warnings)

    @property
    def kept_record(self) -> Path:
        """What the PDF in the output folder was made from (:mod:`.kept`), beside the doctrees."""
        return Path(self.doctreedir) / f"typst-{self.basename}.json"

    def keep(self, same: kept.Kept) -> None:
        """The PDF in the output folder is what Typst would make: say its warnings again and
        write the passages' pages only if they changed (a kept file keeps its time, so the
        edition swap copies nothing)."""
        for message in same.warnings:
            self.report(message, "warning")
        pages = _pages_json(same.pages, self.passage_labels)
        try:
            if not self.pages_path.is_file() or self.pages_path.read_bytes() != pages:
                write_atomically(self.pages_path, pages)
        except OSError as error:
            self.fail(f"cannot write {self.pages_path.name}: {error}")

    def apart(self) -> bool:
        """Whether to write and typeset the book in forked children: from :data:`FORK_FROM` pages.

        A fork costs ~25 ms of waiting each (two per PDF: 10 % of the PDF build of our
        five-page publication) and saves nothing there: a small book's memory is small.
        """
        return parallel_available and len(self.env.found_docs) >= FORK_FROM

    def typeset_apart(self, standards: list[str]) -> Typeset:
        if self.apart():
            return in_child_process(lambda: self.typeset(standards), "running Typst")
        return self.typeset(standards)

    def typeset(self, standards: list[str]) -> Typeset:
        """Compile to PDF, then ask the same compiler (its caches: fast) for the passages' pages."""
        import typst  # its native module takes ~85 ms to load: the HTML and ePub builds skip it

        try:
            compiler = typst.Compiler(str(self.typ_path), root=str(self.outdir),
                                      font_paths=self.font_paths(), ignore_system_fonts=True)
            pdf, messages = compiler.compile_with_warnings(
                pdf_standards=standards, timestamp=self.timestamp(), format="pdf")
            pages = compiler.query("<passage-pages>", field="value", one=True)
        except typst.TypstError as error:
            return Typeset(error=getattr(error, "diagnostic", "") or str(error))
        except (ValueError, TypeError, OSError) as error:
            return Typeset(unrunnable=str(error))
        return Typeset(pdf=pdf, pages=pages,
                       warnings=[getattr(m, "diagnostic", "") or str(m) for m in messages])

    def fail(self, why: str) -> None:
        """Fail the build with one clear line (no traceback); the old PDF stays as it was."""
        logger.error("%s was not written (%s); the previous PDF, if any, is unchanged",
                     self.pdf_path.name, why, type=WARNING_TYPE, subtype=Kind.WRITE.value)
        self._app.statuscode = 1  # fail even without -W: a missing edition is not a warning

    def report(self, text: str, severity: str) -> None:
        """Report Typst's messages at the page and line that caused them."""
        import typst

        found = diagnostics.parse(text) or [
            diagnostics.Diagnostic(severity, text.strip(), None, None, ())]
        fonts = ", ".join(typst.Fonts(include_system_fonts=False).families())
        for item in found:
            location: Any = None
            if item.file and Path(item.file).name == self.typ_path.name and item.line:
                place = self.line_map.lookup(item.line)
                if place is not None:
                    docname, line = place
                    location = (docname, line) if line is not None else docname
            elif item.file:  # the layout (book.typ): a bug of ours, not of a page
                location = str(Path(self.outdir, Path(item.file).name))
                if item.line:
                    location = f"{location}:{item.line}"
            warn(item.explain(fonts), item.kind, location)


def _pages_json(found: str, labelled: dict[str, tuple[str, str]]) -> bytes:
    """Typst's ``<passage-pages>`` list as ``{docname: {id: [page, printed]}}``, sorted.

    An item is a passage's mark (``doc``, ``id``) or a labelled heading or paragraph
    (``label``), which ``labelled`` says is which passage (if it is one).
    """
    import json

    pages: dict[str, dict[str, list]] = {}
    for item in json.loads(found):
        if "label" in item:
            if item["label"] not in labelled:
                continue
            doc, ident = labelled[item["label"]]
        else:
            doc, ident = item["doc"], item["id"]
        pages.setdefault(doc, {}).setdefault(ident, [item["page"], item["printed"]])
    return json.dumps(pages, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def reparent(tree: nodes.Node) -> None:
    """Point every node at its real parent.

    ``inline_all_toctrees`` moves each page's nodes under a ``start_of_file`` node but
    leaves their ``.parent`` pointing at the page's old document; the translator walks
    up to find which page a node is on, so the links must be right.
    """
    for node in tree.findall(nodes.Element):
        for child in node.children:
            child.parent = node

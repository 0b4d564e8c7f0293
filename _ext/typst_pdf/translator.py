"""Doctree -> Typst markup, one visit_/depart_ pair per kind of node.

Rules that keep the output safe and valid:

* page text is only ever written through :mod:`.escape` (string literals, ``raw``);
* markup mode and code mode alternate in a fixed way: block visitors write
  ``#func(...)[`` … ``]``, list items and table cells are ``[...],`` arguments;
* every chunk carries the (docname, line) it came from, for error messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import admonitionlabels
from sphinx.util.docutils import SphinxTranslator

from safety import filetypes, urls  # urls: the one allowlist of link schemes, shared by every edition

from . import escape, fonts, htmltext, latexmath, tablefit, xhtml_nodes
from .output import Location, Source
from .problems import Kind, warn

if TYPE_CHECKING:
    from .builder import TypstPDFBuilder


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|pt|cm|mm|in|em|%)?\s*$")
_ENUM = {"arabic": "1", "loweralpha": "a", "upperalpha": "A", "lowerroman": "i",
         "upperroman": "I"}
_ALIGN = {"left": "left", "center": "center", "right": "right"}
_TONES = {"warning": "rgb(\"#8a1c1c\")", "danger": "rgb(\"#8a1c1c\")",
          "error": "rgb(\"#8a1c1c\")", "caution": "rgb(\"#7a4b00\")",
          "attention": "rgb(\"#7a4b00\")", "important": "rgb(\"#7a4b00\")"}
MAX_BOX_DEPTH = 12
"""Boxes in boxes the PDF draws; deeper ones are plain blocks (Typst stopped between 20 and 40)."""
CONTENTS_DEPTH = 2  # the heading levels the PDF's contents list
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_COMMENTS = re.compile(r"\s*(?:<!--(?:(?!-->).)*-->\s*)*", re.DOTALL)
"""Nothing, or HTML comments alone (the ``<!-- more -->`` excerpt mark of Jekyll posts, which
the raw-HTML pass may already have emptied): no edition shows them. Each comment ends at its
first ``-->``: with ``.*?`` a text of comments and then a word was tried every way the
comments could be joined, in time doubling with each comment (30 of them: minutes)."""
_NO_CODE_LANG = {"", "default", "none", "text", "plain", "txt"}
SPAN_STYLES = {"underline": "#underline[", "mark": "#highlight[", "smallcaps": "#smallcaps["}
"""The classes pandoc gives a Word document's underlined, highlighted and small-capital words."""
# Nodes whose visitor places their own label: anchors in front of them would land in
# code mode (list items, cells) or on the wrong page (headings start a new page).
_SELF_LABELED = (nodes.section, nodes.list_item, nodes.entry, nodes.row, nodes.tgroup,
                 nodes.thead, nodes.tbody, nodes.definition_list_item, nodes.term,
                 nodes.footnote, nodes.citation, nodes.field, nodes.figure, nodes.table,
                 nodes.colspec, nodes.target)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")  # what Typst takes as a language code
# A passage (``node["passage"]``, see ``_ext/record``) whose page marker goes inside the
# element it opens, so it lands on the page where the passage starts.
_MARK_INSIDE = (nodes.list_item, nodes.definition_list_item, nodes.figure, nodes.title)
# Where a paragraph stands on its own, as a Typst paragraph (not inside a list item or cell).
_BODY = (nodes.section, nodes.document, addnodes.start_of_file)


def _is_passage_paragraph(node: nodes.Node) -> bool:
    """A paragraph of the body that is a passage: it is labelled itself (``#par[…]<label>``)."""
    return (isinstance(node, nodes.paragraph) and bool(node.get("passage"))
            and bool(node.get("ids")) and isinstance(node.parent, _BODY))


def _is_heading(node: nodes.Node) -> bool:
    """A section's title: its ids are placed with the heading (see ``depart_title``)."""
    return isinstance(node, nodes.title) and isinstance(node.parent, nodes.section)


def length(value: str | None) -> str | None:
    """A Typst length for a docutils size (``50%``, ``200px``, ``3cm``); None if unusable."""
    match = _LENGTH.match(value or "")
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    if unit == "px":
        number, unit = number * 0.75, "pt"
    if not 0 < number < 1e6:  # `inf` or `1e-05` would be Typst code, not a number
        return None
    return f"{number:.4f}".rstrip("0").rstrip(".") + unit


_CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "cmn", "wuu", "nan", "hak", "lzh"})
"""Typst languages whose pages set their own Han in their own shapes."""


def typst_language(code: str | None) -> tuple[str, str | None]:
    """Typst's ``lang`` and ``region`` of a BCP 47 code, by which it picks a CJK font's glyph
    shapes (and writes the tagged PDF's ``/Lang``): ``zh-Hant`` → ``zh``, ``TW`` (Taiwan's
    shapes; ``zh`` alone is set in mainland ones), ``zh_CN`` → ``zh``, ``CN``, ``ja`` → ``ja``,
    None. A region Typst cannot take (a script, ``HANT``) is never given it."""
    from languages import pagelang

    code = (code or "en").replace("_", "-")
    found = pagelang.read(code, 1, "und")
    region = found.region if isinstance(found, pagelang.PageLanguage) else None
    return code.split("-")[0].lower(), region


def book_language(language: str | None) -> str:
    """The book's own ``text`` language (as ``book.typ`` sets it from the metadata), to return
    to after a page in another language."""
    lang, region = typst_language(language)
    shown = escape.string(region) if region else "none"
    return f"lang: {escape.string(lang)}, region: {shown}, dir: auto"


def doc_label(docname: str, ident: str) -> str:
    """One name for a target across the whole book (ids repeat between pages)."""
    return f"{docname}:{ident}"


GLYPHS_SAID_ONE_BY_ONE = 3
"""Characters no font has, warned one by one on a page; the rest in one warning."""


class TypstTranslator(SphinxTranslator):
    """Writes the assembled book doctree as the body of the Typst document."""

    builder: TypstPDFBuilder

    def __init__(self, document: nodes.document, builder: TypstPDFBuilder) -> None:
        super().__init__(document, builder)
        self.out = Source()
        self.box_depth = 0  # admonitions, topics and sidebars open around the node
        self.flat_said: set[str] = set()  # the pages whose too-deep boxes were said
        self.root = builder.config.root_doc
        self.docs = [self.root]
        self.here: Location = (self.root, None)
        self.section_level = 0
        self.heading_level = 0  # of the last heading printed: PDF/UA-1 forbids skipping one
        self.raw_said: dict[tuple[str, str], tuple[str, list[Any]]] = {}  # a warning a page: raw_html
        self.root_title_done = False
        self.root_chapter = False  # the home page's title is not the book's: a chapter of its own
        self.labels: set[str] = set()
        self.first_label: dict[str, str] = {}
        self.contents: list[tuple[int, str]] = []  # (level, plain title) of each heading listed
        self.passage_labels: dict[str, tuple[str, str]] = {}  # label -> (page, passage id)
        self.par_labels: dict[int, list[str]] = {}  # id(paragraph) -> its labels
        self.xref_targets: list[str] = []  # what internal references point to (see `referenced`)
        self._referenced: set[str] | None = None
        self.known_ids = self._collect_ids(document)
        self.footnotes = self._collect_footnotes(document)
        self.footnotes_done: set[tuple[str, str]] = set()
        self.footnotes_in_text = self._footnotes_in_text(document)
        self.footnotes_in_headings: set[tuple[str, str]] = set()
        self.in_heading = 0  # >0 inside a section's title: Typst copies it to running headers
        self.heading_anchors: list[str] = []  # an anchor in a heading's words, placed after it
        self.heading_links: list[tuple[str, str]] = []  # (words, address) of the heading's links
        self.page_headings: set[int] = set()  # a page's own <h2>… being written: a heading for PDF/UA-1
        self.no_notes = 0  # >0 inside titles and footnotes: print link addresses inline
        self.spans_opened: list[int] = []  # styles each open inline span added
        self.in_thead = False
        self.lang, self.region = typst_language(builder.config.language)
        self.page_languages = getattr(builder.env, "page_languages", {})  # languages.PageLanguages
        # (lang, region, text's arguments) of each page entered
        self.languages = [(self.lang, self.region, book_language(builder.config.language))]
        self.glyphs_warned: set[tuple[str, str]] = set()
        self.glyphs_said: dict[str, list[str]] = {}  # per page, the characters warned one by one
        self.glyphs_more: dict[str, tuple[Any, list[str]]] = {}  # the rest: say_more_glyphs

    # ---- output -------------------------------------------------------------------

    def add(self, chunk: Any) -> None:
        self.out.add(chunk, self.here)

    def text(self, value: str) -> None:
        self.add(escape.text(self.printable(value)))

    def printable(self, value: str) -> str:
        """``value`` with each character no font has replaced by its visible substitute."""
        pattern = self.builder.glyph_pattern
        if pattern is None or not pattern.search(value):
            return value
        return pattern.sub(lambda match: self._substitute(match.group(0)), value)

    def _substitute(self, char: str) -> str:
        shown = fonts.substitute(char)
        docname = self.here[0]
        if (docname, char) not in self.glyphs_warned:
            self.glyphs_warned.add((docname, char))
            location: Any = self.here if self.here[1] is not None else docname
            said = self.glyphs_said.setdefault(docname, [])
            if len(said) >= GLYPHS_SAID_ONE_BY_ONE:
                self.glyphs_more.setdefault(docname, (location, []))[1].append(char)
                return shown
            said.append(char)
            printed = f"{shown!r}, which reads the same," if fonts.lookalike(char) else shown
            warn(f"the character {char!r} ({fonts.describe(char)}) is in none of the PDF's fonts; the "
                 f"PDF prints {printed} instead: use another character, or add a font that has it "
                 "to the project and list its folder in pdf_font_paths", Kind.GLYPH, location)
        return shown

    def say_more_glyphs(self) -> None:
        """A page's characters no font has past the first few, in one warning at the first of
        them: a line of Tibetan gave twelve warnings, a page of it forty."""
        for location, chars in self.glyphs_more.values():
            named = ", ".join(f"{c!r} ({fonts.describe(c)})" for c in chars[:5])
            rest = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
            warn(f"{len(chars)} more characters on this page are in none of the PDF's fonts, the "
                 f"first here: {named}{rest}; the PDF prints each as a look-alike or as its code "
                 "point and name in brackets: use other characters, or add a font that has them to the project and "
                 "list its folder in pdf_font_paths", Kind.GLYPH, location)
        self.glyphs_more.clear()

    def block_end(self) -> None:
        self.add("\n\n")

    def close(self, closing: str) -> None:
        """Close a content block or call without the blank lines written before it."""
        self.out.trim_end()
        self.add(closing)

    def result(self) -> Source:
        return self.out

    # ---- locations, warnings, labels -----------------------------------------------

    @property
    def docname(self) -> str:
        return self.docs[-1]

    def location_of(self, node: nodes.Node) -> Location:
        while node is not None and not getattr(node, "line", None):  # MyST gives images 0
            node = node.parent
        return (self.docname, node.line if node is not None else None)

    def warn(self, node: nodes.Node, kind: Kind, message: str) -> None:
        docname, line = self.location_of(node)
        location: Any = (docname, line) if line is not None else docname
        warn(message, kind, location)

    def dispatch_visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Element):
            if node.line:  # None or 0 (MyST's images): the enclosing block's line stands
                self.here = (self.docname, node.line)
            if _is_passage_paragraph(node):
                pass  # labelled by visit_paragraph
            elif node.get("ids") and not isinstance(node, _SELF_LABELED) \
                    and not _is_heading(node):
                self.anchors(node["ids"])
            if node.get("passage") and not isinstance(node, _MARK_INSIDE) \
                    and not _is_passage_paragraph(node):
                self.passage_mark(node)
        super().dispatch_visit(node)

    def passage_mark(self, node: nodes.Element) -> None:
        """Invisible metadata saying which page the passage starts on (``typst query``)."""
        self.add(f"#passage({escape.string(self.docname)}, {escape.string(node['passage'])})")

    def passage_label(self, node: nodes.Element, label: str | None) -> None:
        """The passage ``node`` starts at the element labelled ``label`` (a heading or a
        paragraph, which Typst locates anyway): no mark of its own. A mark if unlabelled.

        A mark is one more element in every layout pass: at a thousand pages, 24,000
        marks took ~100 MB of Typst's memory; headings and paragraphs are half of them.
        """
        if label is None:
            self.passage_mark(node)
        else:
            self.passage_labels[label] = (self.docname, node["passage"])

    def new_label(self, ident: str) -> str | None:
        """Claim the book-wide label for ``ident`` on this page; None if already placed."""
        name = doc_label(self.docname, ident)
        if name in self.labels:
            return None
        self.labels.add(name)
        self.first_label.setdefault(self.docname, name)
        return name

    def anchors(self, ids: list[str]) -> None:
        """An anchor for each id; one in a heading's words (pandoc's ``# []{#_Toc1}Summary``)
        after the heading: Typst copies a heading into the contents and running headers, and
        its label, placed twice, stopped the PDF."""
        for ident in ids:
            name = self.new_label(ident)
            if name and self.in_heading:
                self.heading_anchors.append(name)
            elif name:
                self.add(self._anchor(name))

    def _anchor(self, name: str) -> Callable[[], str]:
        """An anchor, written only if a reference points to it (known when the text is joined).

        Nearly every passage has an id, few are linked to: an unused anchor is an element
        Typst keeps and places in every layout pass, for nothing (the PDF has the same bytes
        without it: Typst makes named destinations from headings only).
        """
        return lambda: f"#anchor({escape.string(name)})" if name in self.referenced() else ""

    def referenced(self) -> set[str]:
        """The labels internal references resolve to (asked only once the book is written)."""
        if self._referenced is None:
            self._referenced = {name for name in map(self.resolve, self.xref_targets) if name}
        return self._referenced

    def labels_after(self, ids: list[str]) -> str | None:
        """``#label(...)`` for the first id (attached to the element just written), anchors
        for the others; the label, if any."""
        names = [n for n in (self.new_label(i) for i in ids) if n]
        if names:
            self.add(f"#{escape.label(names[0])}")
        for name in names[1:]:
            self.add(self._anchor(name))
        return names[0] if names else None

    def target_of(self, node: nodes.Element) -> str | None:
        """The label an internal reference points to (``refid`` or ``%doc#id``), else None.

        A bare ``%doc`` comes back as ``%doc``: its first label is known only at the end.
        """
        if "refid" in node:
            for docname in (self.docname, self.root):
                name = doc_label(docname, node["refid"])
                if name in self.known_ids:
                    return name
            return doc_label(self.docname, node["refid"])
        uri = node.get("refuri", "")
        if uri.startswith("#") and doc_label(self.docname, uri[1:]) in self.known_ids:
            return doc_label(self.docname, uri[1:])  # uswds-jekyll's `subnav:` to the page's own heading
        if uri.startswith("%"):
            docname, _, anchor = uri[1:].partition("#")
            if anchor:
                return doc_label(docname, anchor)
            return "%" + docname  # the page itself: resolved to its first label at the end
        return None

    def resolve(self, target: str) -> str | None:
        if target.startswith("%"):
            return self.first_label.get(target[1:])
        return target if target in self.labels else None

    def _collect_ids(self, tree: nodes.Node) -> set[str]:
        """Every id in the book as ``docname:id``, to tell which page a ``refid`` means."""
        found: set[str] = set()
        for node in tree.findall(nodes.Element):
            if node.get("ids"):
                docname = self._docname_at(node)
                found.update(doc_label(docname, i) for i in node["ids"])
        return found

    def _docname_at(self, node: nodes.Node) -> str:
        while node is not None:
            if isinstance(node, addnodes.start_of_file):
                return node["docname"]
            node = node.parent
        return self.root

    def _collect_footnotes(self, tree: nodes.Node) -> dict[tuple[str, str], nodes.footnote]:
        """Footnote bodies by (page, id): Typst prints a footnote where it is referenced."""
        found = {}
        for note in tree.findall(nodes.footnote):
            for ident in note["ids"]:
                found[(self._docname_at(note), ident)] = note
        return found

    def _footnotes_in_text(self, tree: nodes.Node) -> set[tuple[str, str]]:
        """The footnotes (page, id) referred to outside every section title."""
        return {(self._docname_at(ref), ref.get("refid", "")) for ref in tree.findall(nodes.footnote_reference)
                if not any(isinstance(up, nodes.title) and isinstance(up.parent, nodes.section)
                           for up in _ancestors(ref))}

    # ---- structure ------------------------------------------------------------------

    def visit_document(self, node: nodes.Element) -> None:
        self.enter_page_language(self.root)

    def depart_document(self, node: nodes.Element) -> None:
        self.out.trim_end()
        self.add("\n")
        self.say_more_glyphs()
        for message, places in self.raw_said.values():
            more = f" (here and {len(places) - 1} more place(s) on this page)" if len(places) > 1 else ""
            warn(message + more, Kind.RAW, places[0])

    def visit_start_of_file(self, node: nodes.Element) -> None:
        self.docs.append(node["docname"])
        self.enter_page_language(node["docname"])

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.docs.pop()
        self.leave_page_language()

    def enter_page_language(self, docname: str) -> None:
        """A page whose front matter says another language is set in it (its shaping,
        hyphenation, direction, and the tagged PDF's /Lang), until its chapter ends; a page
        within it without one is in the book's language again."""
        own = self.page_languages.get(docname)
        if own is None:
            self.languages.append(self.languages[0])
        else:
            region = escape.string(own.region) if own.region else "none"
            direction = "rtl" if own.direction == "rtl" else "ltr"
            self.languages.append((own.language, own.region, f"lang: {escape.string(own.language)}, "
                                                             f"region: {region}, dir: {direction}"))
        if self.languages[-1] != self.languages[-2]:
            self.set_language(self.languages[-1])

    def leave_page_language(self) -> None:
        left = self.languages.pop()
        if left != self.languages[-1]:
            self.set_language(self.languages[-1])

    def set_language(self, language: tuple[str, str | None, str]) -> None:
        self.lang, self.region, arguments = language
        self.add(f"#set text({arguments})")
        self.block_end()

    def visit_section(self, node: nodes.Element) -> None:
        self.section_level += 1

    def depart_section(self, node: nodes.Element) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.Element) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            level = max(1, self.section_level - 1)
            if not self.root_title_done and self.docname == self.root:
                self.root_title_done = True
                book = self.builder.config.pdf_title or self.builder.config.project
                if _words(node.astext()) in (_words(book), *_HOME_WORDS):
                    # The publication's own title is on the cover and in the metadata; "Home"
                    # is the site's word for its first page, no title of a book's chapter.
                    self.anchors(parent["ids"] + node["ids"])
                    raise nodes.SkipNode
                # "Your guide to launching software" in a book titled "Before you ship": the
                # site shows it, so the PDF does, with the home page's headings below it.
                self.root_chapter = True
            elif self.root_chapter and self.docname == self.root:
                level += 1
            if self.too_long_for_a_heading(node):
                node["typst-rubric"] = True
                self.add("#rubric[")
                return
            if level <= CONTENTS_DEPTH:
                self.contents.append((level, self.printable(node.astext())))
            self.heading_level = level
            self.add(f"#heading(level: {level})[")
            if self.languages[-1] != self.languages[0]:  # the contents and running header too
                node["typst-page-language"] = True
                self.add(f"#text({self.languages[-1][2]})[")
            self.no_notes += 1
            self.in_heading += 1
        elif isinstance(parent, (nodes.topic, nodes.sidebar, nodes.Admonition)):
            self.add("#strong[" if parent.get("typst-flat") else "[")
        else:
            self.add("#rubric[")

    def depart_title(self, node: nodes.Element) -> None:
        parent = node.parent
        if node.get("typst-rubric"):
            self.close("]")
            self.labels_after(parent["ids"] + node["ids"])
            if node.get("passage"):
                self.passage_mark(node)  # a rubric is no heading: its label is not looked up
            self.block_end()
        elif isinstance(parent, nodes.section):
            self.no_notes -= 1
            self.in_heading -= 1
            self.close("]]" if node.get("typst-page-language") else "]")
            label = self.labels_after(parent["ids"] + node["ids"])
            if node.get("passage"):
                self.passage_label(node, label)
            if not self.in_heading:
                for name in self.heading_anchors:
                    self.add(self._anchor(name))
                self.heading_anchors = []
            self.block_end()
            if self.heading_links and not self.in_heading:
                self.add("#link-addresses((" + "".join(
                    f"({escape.string(self.printable(words))}, {escape.string(uri)}), "
                    for words, uri in self.heading_links) + "))")
                self.heading_links = []
                self.block_end()
        elif isinstance(parent, (nodes.topic, nodes.sidebar, nodes.Admonition)):
            self.close("]\n\n" if parent.get("typst-flat") else "], [")
        else:
            self.close("]")
            self.block_end()

    def visit_subtitle(self, node: nodes.Element) -> None:
        self.add("#emph[")

    def depart_subtitle(self, node: nodes.Element) -> None:
        self.close("]")
        self.block_end()

    def visit_rubric(self, node: nodes.Element) -> None:
        below = node.get(xhtml_nodes.HTML_HEADING)
        if below is None:
            self.add("#rubric[")
            return
        if self.too_long_for_a_heading(node):
            self.add("#rubric[")
            return
        # A page's own <h2>…: a heading for screen readers, as in the site and the ePub, inside
        # its section (never closing it) and never skipping a level; not in the contents.
        section = max(1, self.section_level - 1)
        level = min(max(section + below, section + 1), self.heading_level + 1)
        self.heading_level = level
        self.page_headings.add(id(node))
        self.add(f"#heading(level: {level}, outlined: false, bookmarked: false)[")

    def too_long_for_a_heading(self, node: nodes.Element) -> bool:
        """The heading's words do not fit one PDF string (Typst refused PDF/A for the whole
        book, naming no page); said at its line, for it to be printed as a bold paragraph."""
        if escape.fits_pdf_string(self.printable(node.astext())):
            return False
        self.warn(node, Kind.HEADING, "this heading is longer than a PDF heading can be "
                                      f"({escape.PDF_STRING_BYTES:,} bytes); the PDF prints "
                                      "it in bold as a paragraph: shorten it")
        return True

    def depart_rubric(self, node: nodes.Element) -> None:
        self.page_headings.discard(id(node))
        self.close("]")
        self.block_end()

    def visit_paragraph(self, node: nodes.Element) -> None:
        if _is_passage_paragraph(node):
            self.add("#par[")
            names = [n for n in map(self.new_label, node["ids"]) if n]
            self.par_labels[id(node)] = names
            if not names:
                self.passage_mark(node)

    def depart_paragraph(self, node: nodes.Element) -> None:
        if _is_passage_paragraph(node):
            self.close("]")
            names = self.par_labels.pop(id(node))
            if names:
                self.add(f"#{escape.label(names[0])}")
                for name in names[1:]:
                    self.add(self._anchor(name))
                self.passage_label(node, names[0])
        self.block_end()

    def visit_compact_paragraph(self, node: nodes.Element) -> None:
        pass

    def depart_compact_paragraph(self, node: nodes.Element) -> None:
        self.block_end()

    def visit_Text(self, node: nodes.Text) -> None:
        lang, region = self.language_of(node) or (None, None)
        # e.g. an untranslated passage: a screen reader switches voice; a passage in Taiwan's
        # Chinese inside a mainland page is printed in its shapes (a `zh` alone takes the page's)
        if lang and (lang != self.lang or (region and region != self.region)):
            if value := escape.flowing(node.astext()):
                shaping = escape.ARABIC_FEATURES + ", " if escape.in_arabic_script(value) else ""
                shown = escape.string(region) if region else "none"
                self.add("#text(lang: " + escape.string(lang) + ", region: " + shown + ", " + shaping
                         + escape.string(escape.breakable(value)) + ")")
            return
        if self.lang not in _CJK_LANGUAGES and (parts := escape.han_parts(node.astext())):
            # Han without a language on a page in another: the CJK font's Taiwan shapes unless
            # told which (escape.UNTAGGED_HAN)
            for part, language in parts:
                if language is None:
                    self.text(part)
                elif value := escape.flowing(self.printable(part)):
                    shown = escape.string(language[1]) if language[1] else "none"
                    self.add("#text(lang: " + escape.string(language[0]) + ", region: " + shown + ", "
                             + escape.string(escape.breakable(value)) + ")")
            return
        self.text(node.astext())

    @staticmethod
    def language_of(node: nodes.Node) -> tuple[str, str | None] | None:
        """The ``language-xx`` class (docutils' way to say a passage's language) nearest above.

        Only a language code Typst takes (two or three letters): a page's own class, such as
        kramdown's ``{: .language-ruby}`` for a program's language, stopped the whole PDF,
        even a non-strict build ("expected two or three letter language code")."""
        parent = node.parent
        while parent is not None:
            for cls in parent.get("classes", ()):
                if cls.startswith("language-"):
                    code = cls.removeprefix("language-")
                    if _LANGUAGE_CODE.fullmatch(code.split("-")[0].lower()):
                        return typst_language(code)
            parent = parent.parent
        return None

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    def visit_transition(self, node: nodes.Element) -> None:
        self.add("#line(length: 100%, stroke: 0.5pt + luma(55%))")
        self.block_end()
        raise nodes.SkipNode

    # ---- pass-through containers ------------------------------------------------------

    def _pass(self, node: nodes.Element) -> None:
        pass

    visit_compound = depart_compound = _pass
    visit_container = depart_container = _pass
    visit_glossary = depart_glossary = _pass
    visit_legend = depart_legend = _pass
    visit_generated = depart_generated = _pass
    visit_pending_xref = depart_pending_xref = _pass
    visit_abbreviation = depart_abbreviation = _pass
    visit_problematic = depart_problematic = _pass
    visit_download_reference = depart_download_reference = _pass
    visit_versionmodified = depart_versionmodified = _pass  # its paragraphs say "Added in …"

    def _skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    visit_comment = _skip
    visit_substitution_definition = _skip
    visit_index = _skip
    visit_toctree = _skip
    visit_meta = _skip
    visit_system_message = _skip
    visit_label = _skip
    visit_colspec = _skip
    visit_only = _pass
    depart_only = _pass

    def visit_target(self, node: nodes.Element) -> None:
        if "refuri" not in node:
            self.anchors(node.get("ids", []))
        raise nodes.SkipNode

    def visit_raw(self, node: nodes.Element) -> None:
        formats = node.get("format", "").lower().split()
        if "html" in formats:
            if _BREAK.fullmatch(node.astext()):
                self.add("#linebreak()")  # a Markdown hard line break (MyST writes <br />)
            elif not _COMMENTS.fullmatch(node.astext()):
                self.raw_html(node)
        # Raw LaTeX and other formats are meant for other builders, which the HTML skips too.
        raise nodes.SkipNode

    def raw_html(self, node: nodes.Element) -> None:
        """The words of a page's own HTML as plain paragraphs (inline: as text), so none is
        lost; what has no words (a picture, a frame) is said to be left out."""
        read = htmltext.read(node.astext())
        inline = isinstance(node.parent, nodes.TextElement)
        if read.paragraphs:
            if inline:
                self.text(" ".join(read.paragraphs))
            else:
                for paragraph in read.paragraphs:
                    self.text(paragraph)
                    self.block_end()
            self.say_once_a_page(node, "text", "raw HTML is shown as plain text in the PDF edition "
                                 "(its layout, links and pictures are not); write it in Markdown "
                                 "so every edition shows it the same")
        elif read.media:
            self.say_once_a_page(node, "media", f"raw HTML ({', '.join(dict.fromkeys(read.media))}) "
                                 "is left out of the PDF edition; write it in Markdown (e.g. "
                                 "![description](picture.png)) so every edition shows it")

    def say_once_a_page(self, node: nodes.Node, what: str, message: str) -> None:
        """One pdf.raw warning of each kind a page, at its first place, counting the others:
        an old site's page of HTML blocks gave nine of the same, the site thirty-four."""
        docname, line = self.location_of(node)
        location: Any = (docname, line) if line is not None else docname
        self.raw_said.setdefault((docname, what), (message, []))[1].append(location)

    # ---- inline ----------------------------------------------------------------------

    def _wrap(open_: str, close: str = "]") -> tuple[Any, Any]:
        def visit(self: TypstTranslator, node: nodes.Element) -> None:
            self.add(open_)

        def depart(self: TypstTranslator, node: nodes.Element) -> None:
            self.close(close)
        return visit, depart

    visit_emphasis, depart_emphasis = _wrap("#emph[")
    visit_strong, depart_strong = _wrap("#strong[")
    visit_title_reference, depart_title_reference = _wrap("#emph[")
    visit_subscript, depart_subscript = _wrap("#sub[")
    visit_superscript, depart_superscript = _wrap("#super[")
    visit_literal_emphasis, depart_literal_emphasis = _wrap("#emph[")
    visit_literal_strong, depart_literal_strong = _wrap("#strong[")
    visit_attribution, depart_attribution = _wrap("#attribution[", "]\n\n")
    del _wrap

    def visit_inline(self, node: nodes.Element) -> None:
        """Pandoc's spans from a Word document (``[words]{.underline}``, ``{.mark}``,
        ``{.smallcaps}``) printed as Word showed them; any other span is its words."""
        opened = [SPAN_STYLES[name] for name in dict.fromkeys(node.get("classes", ()))
                  if name in SPAN_STYLES]
        self.spans_opened.append(len(opened))
        for call in opened:
            self.add(call)

    def depart_inline(self, node: nodes.Element) -> None:
        for _ in range(self.spans_opened.pop()):
            self.close("]")

    def visit_literal(self, node: nodes.Element) -> None:
        self.add(escape.raw(self.printable(node.astext())))
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.Element) -> None:
        lang = node.get("language", "") or ""
        if lang in _NO_CODE_LANG or not re.fullmatch(r"[A-Za-z0-9_+#.-]{1,40}", lang):
            lang = ""
        self.add(escape.raw(self.printable(node.astext()), block=True, lang=lang or None))
        self.block_end()
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_reference(self, node: nodes.Element) -> None:
        target = self.target_of(node)
        if target is not None:
            self.xref_targets.append(target)
            in_heading = bool(self.in_heading or self.page_headings)
            self.add(lambda: self._xref_open(target, in_heading))
            return
        uri = node.get("refuri", "")
        if urls.is_external(uri) and not escape.fits_link(uri):
            self.warn(node, Kind.LINK, f"the link's address is {len(uri):,} characters long, more "
                                       f"than a PDF link can hold ({escape.URL_BYTES:,} bytes); its "
                                       "text is printed without the link: shorten the address")
            self.add("#[")
            return
        if urls.is_external(uri):
            shown = node.astext().strip()
            plain = uri.removeprefix("mailto:")
            title = " ".join(str(node.get("reftitle", "")).split())
            title = "" if title in (shown, uri, plain) else title
            mode = "none" if shown in (uri, plain) and not title else ("inline" if self.no_notes else "footnote")
            if mode == "inline" and self.in_heading:
                mode = "none"  # in the contents, bookmarks and running header too: said below
                self.heading_links.append((f"{shown} ({title})" if title else shown, uri))
            said = f", title: {escape.string(title)}" if title and mode != "none" else ""
            self.add(f"#extlink({escape.string(uri)}, note: {escape.string(mode)}{said})[")
            return
        if uri:
            self.warn(node, Kind.LINK, f"the link to {uri!r} cannot be followed in the PDF; "
                                       "its text is printed")
        self.add("#[")

    def _xref_open(self, target: str, in_heading: bool = False) -> str:
        """A reference with the page it leads to; in a heading, only the link: the page
        number is looked up in a Typst ``context``, and a heading holding one has no title
        PDF/UA-1 can tag (kramdown's ``## [Title](#title)``)."""
        name = self.resolve(target)
        if name is None:
            return "#["
        if in_heading:
            return f"#link({escape.label(name)})["
        word = escape.string(self.builder.labels["page"])
        return f"#xref({escape.label(name)}, page-word: {word})["

    def depart_reference(self, node: nodes.Element) -> None:
        self.close("]")

    visit_number_reference = visit_reference
    depart_number_reference = depart_reference

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        key = (self.docname, node.get("refid", ""))
        note = self.footnotes.get(key)
        if note is None:
            self.text(f"[{node.astext()}]")
            raise nodes.SkipNode
        name = escape.label("footnote:" + ":".join(key))
        if key in self.footnotes_done or (self.in_heading and key in self.footnotes_in_text):
            # A heading is copied into the running header of its pages: a footnote's label
            # there occurs several times, and a reference to it stopped the PDF ("label occurs
            # multiple times"). The text's reference prints the note, the heading refers to it.
            self.add(f"#footnote({name})")
            raise nodes.SkipNode
        labelled = not self.in_heading  # a note only headings refer to: printed by each, unlabelled
        (self.footnotes_done if labelled else self.footnotes_in_headings).add(key)
        saved = self.here
        self.add("#footnote[")
        self.no_notes += 1
        for child in note.children:
            if not isinstance(child, nodes.label):
                child.walkabout(self)
        self.no_notes -= 1
        self.close("]#" + name if labelled else "]")
        self.here = saved
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.Element) -> None:
        if any((self.docname, i) in self.footnotes_done | self.footnotes_in_headings for i in node["ids"]):
            raise nodes.SkipNode
        # A footnote nobody refers to: print it where it stands rather than lose it.
        self.anchors(node["ids"])
        label = node.next_node(nodes.label)
        if label is not None:
            self.text(f"[{label.astext()}] ")

    def depart_footnote(self, node: nodes.Element) -> None:
        self.block_end()

    def visit_citation(self, node: nodes.Element) -> None:
        self.anchors(node["ids"])
        label = node.next_node(nodes.label)
        if label is not None:
            self.text(f"[{label.astext()}] ")

    def depart_citation(self, node: nodes.Element) -> None:
        self.block_end()

    def visit_citation_reference(self, node: nodes.Element) -> None:
        self.visit_reference(node)

    def depart_citation_reference(self, node: nodes.Element) -> None:
        self.close("]")

    # ---- math ------------------------------------------------------------------------

    def _math(self, node: nodes.Element, block: bool) -> None:
        latex = node.astext()
        try:
            try:
                if not escape.fits_pdf_string(latex):
                    raise latexmath.Unsupported(f"its source is longer than a PDF formula's "
                                                f"description can be, {escape.PDF_STRING_BYTES:,} bytes")
                body = latexmath.to_typst(latex, block=block)
            except RecursionError:
                raise latexmath.Unsupported("it is nested too deeply") from None
        except latexmath.Unsupported as problem:
            self.warn(node, Kind.MATH, f"this formula uses LaTeX the PDF cannot typeset "
                                       f"({problem}); it is printed as its source")
            self.add(escape.raw(latex, block=block))
        else:
            kind = "true" if block else "false"
            number = node.get("number") if block else None
            # Sphinx's own number, so "(2)" matches the HTML and references to it
            numbering = f"numbering: _ => {escape.string(f'({number})')}, " if number else ""
            self.add(f"#math.equation(block: {kind}, {numbering}alt: {escape.string(latex)}, "
                     f"$ {body} $.body)")
        if block:
            self.block_end()
        raise nodes.SkipNode

    def visit_math(self, node: nodes.Element) -> None:
        self._math(node, block=False)

    def visit_math_block(self, node: nodes.Element) -> None:
        self._math(node, block=True)

    # ---- lists -----------------------------------------------------------------------

    def visit_bullet_list(self, node: nodes.Element) -> None:
        self.add("#list(\n")

    def depart_bullet_list(self, node: nodes.Element) -> None:
        self.close(")")
        self.block_end()

    def visit_enumerated_list(self, node: nodes.Element) -> None:
        pattern = (node.get("prefix", "") + _ENUM.get(node.get("enumtype", ""), "1")
                   + node.get("suffix", "."))
        start = int(node.get("start", 1))
        self.add(f"#enum(start: {start}, numbering: {escape.string(pattern)}, full: false,\n")

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node: nodes.Element) -> None:
        self.add("[")
        self.anchors(node.get("ids", []))
        if node.get("passage"):
            self.passage_mark(node)

    def depart_list_item(self, node: nodes.Element) -> None:
        self.close("],\n")

    def visit_definition_list(self, node: nodes.Element) -> None:
        self.add("#terms(\n")

    depart_definition_list = depart_bullet_list

    def visit_definition_list_item(self, node: nodes.Element) -> None:
        self.add("terms.item([")
        self.anchors(node.get("ids", []))
        if node.get("passage"):
            self.passage_mark(node)

    def depart_definition_list_item(self, node: nodes.Element) -> None:
        if not any(isinstance(c, nodes.definition) for c in node.children):
            self.close("], [")
        self.close("]),\n")

    def visit_term(self, node: nodes.Element) -> None:
        if node.parent.index(node) > 0 and isinstance(node.previous_sibling(), nodes.term):
            self.add("#linebreak()")
        self.anchors(node.get("ids", []))

    def depart_term(self, node: nodes.Element) -> None:
        pass

    def visit_classifier(self, node: nodes.Element) -> None:
        self.add("#\" : \"#emph[")

    def depart_classifier(self, node: nodes.Element) -> None:
        self.close("]")

    def visit_definition(self, node: nodes.Element) -> None:
        if isinstance(node.previous_sibling(), nodes.definition):
            self.block_end()  # MyST allows several definitions: one description, paragraphs
        else:
            self.close("], [")

    def depart_definition(self, node: nodes.Element) -> None:
        pass

    def visit_field_list(self, node: nodes.Element) -> None:
        self.add("#terms(separator: [: ],\n")

    depart_field_list = depart_bullet_list
    visit_docinfo = visit_field_list
    depart_docinfo = depart_bullet_list

    visit_field = visit_definition_list_item

    def depart_field(self, node: nodes.Element) -> None:
        self.close("]),\n")

    def visit_field_name(self, node: nodes.Element) -> None:
        pass

    def depart_field_name(self, node: nodes.Element) -> None:
        self.close("], [")

    visit_field_body = depart_field_body = _pass

    # ---- blocks ----------------------------------------------------------------------

    def visit_block_quote(self, node: nodes.Element) -> None:
        self.add("#quote(block: true)[")

    def depart_block_quote(self, node: nodes.Element) -> None:
        self.close("]")
        self.block_end()

    def visit_line_block(self, node: nodes.Element) -> None:
        nested = isinstance(node.parent, nodes.line_block)
        self.add("#pad(left: 1.5em)[" if nested else "#block[")

    def depart_line_block(self, node: nodes.Element) -> None:
        self.close("]")
        self.add("\n" if isinstance(node.parent, nodes.line_block) else "\n\n")

    def visit_line(self, node: nodes.Element) -> None:
        pass

    def depart_line(self, node: nodes.Element) -> None:
        self.add("#linebreak()\n")

    def _flat_box(self, node: nodes.Element) -> bool:
        """Whether ``node``, a box inside :data:`MAX_BOX_DEPTH` others, is drawn as a plain
        block with its title in bold (and said once per page): 40 boxes in boxes passed
        Typst's show-rule depth, and the PDF was not written at all."""
        if self.box_depth < MAX_BOX_DEPTH:
            self.box_depth += 1
            return False
        node["typst-flat"] = True
        if self.docname not in self.flat_said:
            self.flat_said.add(self.docname)
            self.warn(node, Kind.NESTED, f"boxes (notes, warnings, asides) are nested more than "
                                         f"{MAX_BOX_DEPTH} deep here, deeper than the PDF can draw, "
                                         "so the inner ones are printed without their box, each "
                                         "title in bold: nest them less deeply")
        if not (node.children and isinstance(node[0], nodes.title)) and type(node) is not nodes.admonition \
                and not isinstance(node, (nodes.topic, nodes.sidebar)):
            name = "seealso" if isinstance(node, addnodes.seealso) else node.tagname
            self.add(f"#strong[#{escape.string(admonitionlabels.get(name, name.title()))}]\n\n")
        return True

    def visit_Admonition(self, node: nodes.Element) -> None:
        if self._flat_box(node):
            return
        tone = _TONES.get(node.tagname) or next(
            (_TONES[name] for name in node.get("classes", ()) if name in _TONES), None)
        self.add("#admonition(")
        if tone:
            self.add(f"tone: {tone}, ")
        if not (node.children and isinstance(node[0], nodes.title)):
            if type(node) is nodes.admonition:  # a callout the old site showed without a label
                self.add("none, [")
                return
            name = "seealso" if isinstance(node, addnodes.seealso) else node.tagname
            self.add(escape.string(admonitionlabels.get(name, name.title())) + ", [")

    def depart_Admonition(self, node: nodes.Element) -> None:
        if not node.get("typst-flat"):  # a flat box's words are blocks of the box around it
            self.box_depth -= 1
            self.close("])")
        self.block_end()

    def visit_topic(self, node: nodes.Element) -> None:
        if self._flat_box(node):
            return
        self.add("#aside(")
        if not (node.children and isinstance(node[0], nodes.title)):
            self.add("none, [")

    depart_topic = depart_Admonition
    visit_sidebar = visit_topic
    depart_sidebar = depart_Admonition

    def visit_caption(self, node: nodes.Element) -> None:
        self.add("#block(sticky: true)[#emph[")

    def depart_caption(self, node: nodes.Element) -> None:
        self.close("]]")
        self.block_end()

    # ---- images and figures -----------------------------------------------------------

    def image_call(self, node: nodes.Element) -> str | None:
        """``image(...)`` for a local image, or None when it cannot be embedded (its alt
        text is printed; warned once: here, or by Sphinx for a missing file).

        A picture with no description is an artifact, which PDF/UA lets screen readers
        skip, as they skip the site's ``alt=""``: one undescribed picture no longer costs a
        non-strict book its PDF/UA-1 and PDF/A-2a (Typst refuses an image without ``alt``)."""
        uri = node.get("uri", "")
        if _SCHEME.match(uri):
            self.warn(node, Kind.IMAGE, f"image {uri!r} is left out of the PDF: remote images "
                                        "are not embedded; its alt text is printed instead")
            return None
        if uri not in self.builder.images:
            return None  # missing or of no usable type: Sphinx has said so (image.*)
        original = self.builder.env.original_image_uri  # a data: address, as written
        written = str(original.get(uri) or original.get(Path(uri)) or uri)
        if not self.builder.readable(self.builder.srcdir / uri):
            self.warn(node, Kind.IMAGE, f"image {written[:60]!r} is left out of the PDF: it is not a "
                                        "PNG, JPEG, GIF, WebP or SVG that can be read; save it "
                                        "again in one of these formats")
            return None
        path = f"{self.builder.imagedir}/{self.builder.images[uri]}"
        args = [escape.string(path)]
        if (suffix := filetypes.suffix_of_its_bytes(self.builder.srcdir / uri)) is not None:
            args.append(f"format: {escape.string(suffix[1:])}")  # Typst goes by the name
        for key in ("width", "height"):
            size = length(node.get(key))
            if size:
                args.append(f"{key}: {size}")
        alt = (node.get("alt") or "").strip()
        if alt and not escape.fits_pdf_string(alt):
            alt = escape.cut_to_pdf_string(alt)
            self.warn(node, Kind.IMAGE, f"the description of picture {uri!r} is longer than a PDF "
                                        f"can hold ({escape.PDF_STRING_BYTES:,} bytes); the PDF has "
                                        "its start only: shorten it, and say the rest in the text")
        if alt:
            args.append(f"alt: {escape.string(alt)}")
            return "image(" + ", ".join(args) + ")"
        self.warn(node, Kind.ALT_MISSING,
                  f"the picture {written[:60]!r} has no description (alt text), so the PDF shows "
                  "it as decoration that screen readers skip, as the site and the ePub do: if it "
                  "shows something that matters, describe it, e.g. ![Map of the ten council "
                  "districts](map.png), or <img alt=\"…\"> in HTML")
        return "pdf.artifact(image(" + ", ".join(args) + "))"

    def visit_image(self, node: nodes.Element) -> None:
        """A picture; its title (``![Map](map.png "Parks near you")``, the site's tooltip)
        printed after it, under it when it is alone in its paragraph."""
        call = self.image_call(node)
        if call is None:
            self.text(node.get("alt") or urls.picture_name(node.get("uri", "")))
            raise nodes.SkipNode
        inline = isinstance(node.parent, (nodes.paragraph, nodes.TextElement))
        align = _ALIGN.get(node.get("align", ""))
        title = " ".join(str(node.get("title") or "").split())
        if inline:
            self.add(f"#box({call})")
            if title and len(node.parent.children) == 1:  # the picture alone: its title under it
                self.add("#linebreak()#emph[")
                self.text(title)
                self.add("]")
            elif title:
                self.text(f" ({title})")
        elif align:
            self.add(f"#align({align}, {call})")
            self.block_end()
        else:
            self.add("#" + call)
            self.block_end()
        raise nodes.SkipNode

    def visit_figure(self, node: nodes.Element) -> None:
        caption = next((c for c in node.children if isinstance(c, nodes.caption)), None)
        self.add("#figure(kind: image, [")
        if node.get("passage"):
            self.passage_mark(node)
        for child in node.children:
            if child is not caption:
                child.walkabout(self)
        self.close("]")
        if caption is not None:
            self.add(", caption: [")
            for child in caption.children:
                child.walkabout(self)
            self.close("]")
        self.add(")")
        self.labels_after(node.get("ids", []))
        self.block_end()
        raise nodes.SkipNode

    # ---- tables ----------------------------------------------------------------------

    def visit_table(self, node: nodes.Element) -> None:
        title = node.children[0] if node.children and isinstance(node[0], nodes.title) else None
        if title is not None:
            self.add("#figure(kind: table, caption: [")
            for child in title.children:
                child.walkabout(self)
            self.close("], ")
        else:
            self.add("#")
        for child in node.children:
            if child is not title:
                child.walkabout(self)
        self.close(")" if title is not None else "")
        self.labels_after(node.get("ids", []))
        self.block_end()
        raise nodes.SkipNode

    def visit_tgroup(self, node: nodes.Element) -> None:
        specs = [c for c in node.children if isinstance(c, nodes.colspec)]
        widths = [int(s.get("colwidth", 1) or 1) for s in specs]
        given = "colwidths-given" in node.parent.get("classes", [])
        columns = "(" + "".join(f"{w}fr, " for w in widths) + ")" if given and widths \
            else str(int(node.get("cols", len(specs) or 1)))
        words = tablefit.column_words(self.table_cells(node), int(node.get("cols", len(specs) or 1)))
        self.add(f"fit-table({tablefit.typst_words(words)}, table(columns: {columns},\n")

    def depart_tgroup(self, node: nodes.Element) -> None:
        self.close("))")

    def table_cells(self, tgroup: nodes.Element) -> list[list[tablefit.Cell]]:
        """The table's cells, row by row, with their words in the style each is printed in."""
        rows = []
        for part in tgroup.children:
            if not isinstance(part, (nodes.thead, nodes.tbody)):
                continue
            for row in part.findall(nodes.row):
                if row.parent is not part:
                    continue  # a row of a table inside a cell: that table is fitted on its own
                cells = []
                for entry in row.children:
                    cell = tablefit.Cell(int(entry.get("morecols", 0)) + 1,
                                         int(entry.get("morerows", 0)) + 1)
                    for text in entry.findall(nodes.Text):
                        style = (tablefit.CODE if _inside(text, entry, nodes.literal)
                                 else tablefit.STRONG if isinstance(part, nodes.thead)
                                 or _inside(text, entry, nodes.strong) else tablefit.PLAIN)
                        cell.add(self.printable(text.astext()), style)
                    cells.append(cell)
                rows.append(cells)
        return rows

    def visit_thead(self, node: nodes.Element) -> None:
        self.in_thead = True
        self.add("table.header(\n")

    def depart_thead(self, node: nodes.Element) -> None:
        self.in_thead = False
        self.close("),\n")

    visit_tbody = depart_tbody = _pass
    visit_row = depart_row = _pass

    def visit_entry(self, node: nodes.Element) -> None:
        args = []
        if node.get("morecols"):
            args.append(f"colspan: {int(node['morecols']) + 1}")
        if node.get("morerows"):
            args.append(f"rowspan: {int(node['morerows']) + 1}")
        for cls in node.get("classes", []):
            side = cls.removeprefix("text-")
            if side in _ALIGN:
                args.append(f"align: {_ALIGN[side]}")
                break
        self.add(f"table.cell({', '.join(args)})[")
        if self.in_thead:
            self.add("#strong[")
        self.anchors(node.get("ids", []))

    def depart_entry(self, node: nodes.Element) -> None:
        self.close("]]," if self.in_thead else "],")
        self.add("\n")

    # ---- anything else ----------------------------------------------------------------

    def unknown_visit(self, node: nodes.Node) -> None:
        self.warn(node, Kind.UNKNOWN_NODE,
                  f"the PDF edition does not know {node.__class__.__name__!r} nodes; "
                  "their text is printed plainly")

    def unknown_departure(self, node: nodes.Node) -> None:
        if not isinstance(node, (nodes.Inline, nodes.Text)):
            self.block_end()


def _words(title: str) -> str:
    """A title's words, whatever their case and spacing, to compare titles."""
    return " ".join(str(title).casefold().split())


_HOME_WORDS = frozenset({"home", "home page", "homepage", "main page", "index", "start"})


def _inside(node: nodes.Node, top: nodes.Node, kind: type[nodes.Node]) -> bool:
    """Whether ``node`` lies in a ``kind`` node below ``top``."""
    for parent in _ancestors(node):
        if parent is top:
            return False
        if isinstance(parent, kind):
            return True
    return False


def _ancestors(node: nodes.Node):
    """``node``'s parents, nearest first."""
    node = node.parent
    while node is not None:
        yield node
        node = node.parent

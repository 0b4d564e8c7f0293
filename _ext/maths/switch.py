"""``$`` is text: a page opts into ``$...$`` and ``$$...$$`` maths with ``math: true``.

City documents are full of dollar amounts ("gets $2,000, and the runner-up $1,000!"),
which MyST's ``dollarmath`` would typeset as a formula without a word. So ``dollarmath``
is off for the publication, the ``{math}`` role and ``{math}`` blocks always work, and a
page whose front matter says ``math: true`` (as many Jekyll themes spell it) gets dollar
maths too (MyST's own ``myst: enable_extensions: [dollarmath]`` does it as well).

Being the parser, it also reads each page's front matter once, with libyaml
(:mod:`.topmatter`), and hands MyST the data instead of the text. And it keeps one
markdown-it parser per build for the pages that change no MyST setting (all but those
whose ``myst:`` makes one a page may make: :mod:`.pagesettings`), with and without
``dollarmath``: MyST made one per page (~0.5 ms: the parser's plugins, the renderer's
rules, MyST's checks of the page's settings); the renderer starts afresh on every page
(``setup_render``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

from myst_parser.config.main import MdParserConfig, TopmatterReadError
from myst_parser.mdit_to_docutils import base as myst_base
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from docutils import nodes
from sphinx import addnodes

from pagesource import titles

from .gfm import deleted
from .emojifields import emoji_fields_as_text
from .fenceinfo import code_on_fence_line, diagram_fences, indented_html, unclosed_fences
from .hardening import linear_footnote_refs
from .inlinelines import LINE as PICTURE_LINE, pictures_at_their_lines
from .mystlines import myst_lines_in_paragraphs, words_after_block_breaks
from .pagesettings import front_matter_line, page_settings
from .tables import cells_left_out, empty_headers, without_blank_header_rows
from .topmatter import load_front_matter_tokens, read_topmatter

SWITCH = "math"
_PARSERS: dict[int, tuple[MdParserConfig, dict[bool, MarkdownIt]]] = {}
"""id of a build's MyST settings -> those settings (held, so the id stays theirs) and their
markdown-it parsers, without and with ``dollarmath``."""
_BUSY: set[int] = set()
"""The kept parsers parsing a page now."""


def wants_dollar_math(topmatter: dict[str, Any]) -> bool | None:
    """True/False for ``math: true``/``false``; None when the value is not a yes or no."""
    value = topmatter.get(SWITCH, False)
    return value if isinstance(value, bool) else None


class DollarMathSwitchParser(MystParser):
    """MyST's parser, with ``dollarmath`` added for the pages that ask for it."""

    on_bad_switch: Callable[[str, int, object], None] = staticmethod(lambda docname, line, value: None)
    """Called with (docname, line, value) when ``math:`` is not a yes or no."""
    on_refused_setting: Callable[[str, int, str], None] = staticmethod(lambda docname, line, why: None)
    """Called with (docname, line, message) for each MyST setting a page may not make."""
    source_lines: Callable[[nodes.document, str], Callable[[int], int] | None] = staticmethod(
        lambda document, text: None)
    """Called with (document, text read): a function from a line of the text to the line of
    the file when a rewrite before the parser moved lines (:data:`maths.SOURCE_LINES`)."""

    on_too_deep: Callable[[str, int], None] = staticmethod(lambda docname, line: None)
    """Called with (docname, line) when the page's Markdown nests past Python's recursion
    limit; the page is then shown as its plain text (:func:`as_plain_text`)."""

    on_cells_left_out: Callable[[str, int, int, int, str], None] = staticmethod(
        lambda docname, line, cells, header, words: None)
    """Called with (docname, line, cells, header cells, the words left out) for a table's
    row with more cells than its header has (:func:`.tables.cells_left_out`)."""

    on_empty_header: Callable[[str, int, list[int], list[str]], None] = staticmethod(
        lambda docname, line, columns, words: None)
    """Called with (docname, the table's line, its empty header's columns, every header
    cell's words) for a table whose header has empty cells (:func:`.tables.empty_headers`)."""

    on_code_on_fence_line: Callable[[str, int, str], None] = staticmethod(lambda docname, line, words: None)
    """Called with (docname, line, words) for a code block whose first line is written on its
    opening fence line (:func:`.fenceinfo.code_on_fence_line`)."""

    on_unclosed_fence: Callable[[str, int, int, str], None] = staticmethod(
        lambda docname, line, after, fence: None)
    """Called with (docname, line, lines after it, its fence) for a code block never closed
    (:func:`.fenceinfo.unclosed_fences`)."""

    on_diagram: Callable[[str, int, str], None] = staticmethod(lambda docname, line, kind: None)
    """Called with (docname, line, kind) for a diagram's source in a fenced block
    (:func:`.fenceinfo.diagram_fences`)."""

    on_indented_html: Callable[[str, int, int], None] = staticmethod(lambda docname, line, lines: None)
    """Called with (docname, line, lines) for a page's HTML indented into a code block
    (:func:`.fenceinfo.indented_html`)."""

    on_block_break_words: Callable[[str, int, str], None] = staticmethod(lambda docname, line, words: None)
    """Called with (docname, line, words) for a block break with words after it, which MyST
    hides (:func:`.mystlines.words_after_block_breaks`)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        build_config, dollars, own_settings = config, False, False
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = None  # reported during the render, as MyST does
        if topmatter:
            config, own_settings = self._page_config(config, topmatter, inputstring, document)
            wanted = wants_dollar_math(topmatter)
            if wanted:
                dollars = True
                config = config.copy(enable_extensions={*config.enable_extensions, "dollarmath"})
            elif wanted is None:
                env = document.settings.env
                self.on_bad_switch(env.docname, front_matter_line(inputstring, SWITCH),
                                   topmatter[SWITCH])
        kept = None if own_settings else _build_parser(build_config, dollars, config)
        fresh, transforms = _registries(document), list(document.transformer.transforms)
        try:
            self._render(inputstring, document, config, kept)
        except RecursionError:
            if kept is not None:
                _BUSY.discard(id(kept))
            for name, value in fresh.items():  # what the half-read page left behind
                setattr(document, name, value)
            document.transformer.transforms = transforms
            env = document.settings.env
            self.on_too_deep(env.docname, body_line(inputstring))
            self._render(as_plain_text(inputstring), document, config, None)

    def _page_config(self, config: MdParserConfig, topmatter: dict[str, Any], text: str,
                     document: nodes.document) -> tuple[MdParserConfig, bool]:
        """``config`` with the MyST settings the page may make (:mod:`.pagesettings`), each
        other one said; and whether the page changes any."""
        docname = document.settings.env.docname
        settings = page_settings(topmatter, text)
        for line, message in settings.problems:
            self.on_refused_setting(docname, line, message)
        if not settings.changes(config):
            return config, False
        myst_line = front_matter_line(text, "myst")

        def said(kind: object, message: str) -> None:
            self.on_refused_setting(docname, myst_line, f"`myst:` {message}")

        return settings.config(config, said), True

    def _render(self, inputstring: str, document: nodes.document, config: MdParserConfig,
                kept: MarkdownIt | None) -> None:
        parser = _new_parser(config) if kept is None else kept
        parser.options["document"] = document
        env: dict[str, Any] = {}
        try:
            tokens = parser.parse(inputstring, env)
            moved = self.source_lines(document, inputstring)
            for line, cells, header, words in cells_left_out(tokens, inputstring):
                if words:
                    self.on_cells_left_out(document.settings.env.docname,
                                           moved(line) if moved is not None else line, cells, header, words)
            blank_header = False
            for line, columns, words in empty_headers(tokens):
                self.on_empty_header(document.settings.env.docname,
                                     moved(line) if moved is not None else line, columns, words)
                blank_header = blank_header or len(columns) == len(words)
            for line, words in code_on_fence_line(tokens):
                self.on_code_on_fence_line(document.settings.env.docname,
                                           moved(line) if moved is not None else line, words)
            for line, kind in diagram_fences(tokens):
                self.on_diagram(document.settings.env.docname, moved(line) if moved is not None else line, kind)
            for line, count in indented_html(tokens):
                self.on_indented_html(document.settings.env.docname,
                                      moved(line) if moved is not None else line, count)
            for line, after, fence in unclosed_fences(tokens, inputstring.splitlines()):
                self.on_unclosed_fence(document.settings.env.docname,
                                       moved(line) if moved is not None else line, after, fence)
            for line, words in words_after_block_breaks(tokens):
                self.on_block_break_words(document.settings.env.docname,
                                          moved(line) if moved is not None else line, words)
            pictures_at_their_lines(tokens)
            if moved is not None:
                lines_of_file(tokens, moved)
            if env.get("duplicate_refs"):
                env["duplicate_refs"] = differing_duplicates(env, moved)
            load_front_matter_tokens(tokens)
            parser.renderer.render(tokens, parser.options, env)
            if blank_header:
                without_blank_header_rows(document)
        finally:
            if kept is not None:
                _BUSY.discard(id(kept))


def differing_duplicates(env: dict[str, Any], moved: Callable[[int], int] | None) -> list[dict[str, Any]]:
    """MyST's duplicate link definitions, at the file's lines, without those that say what
    the first one said: documentation-theme-jekyll's ``links.html`` defines a link to every
    page of every sidebar, twice for a page in two, which kramdown took silently; each page
    that included it got a warning, at a line past the end of its file."""
    first = env.get("references", {})
    kept = []
    for duplicate in env.get("duplicate_refs", []):
        original = first.get(duplicate.get("label"), {})
        if (original.get("href"), original.get("title")) == (duplicate.get("href"), duplicate.get("title")):
            continue
        if moved is not None and duplicate.get("map"):
            start, end = duplicate["map"]
            duplicate = {**duplicate, "map": [moved(start + 1) - 1, end]}
        kept.append(duplicate)
    return kept


FILE_LINES = "file_lines"
"""A raw HTML block's attribute: the file's line of each line of its text, when a rewrite
(Liquid's include, a loop) wrote more lines than the file has there. Its own lines counted
from the block's first line name lines the file does not have there (the PDF, which reads the
HTML's elements, named lines 11 to 26 of a 12-line page)."""


def lines_of_file(tokens: list[Any], moved: Callable[[int], int]) -> None:
    """Give each block token the lines of the file it came from (MyST's nodes and messages
    take their line from it); an HTML block whose lines moved, each of its lines'."""
    for token in tokens:
        for child in token.children or () if token.type == "inline" else ():
            if PICTURE_LINE in child.meta:
                child.meta[PICTURE_LINE] = moved(child.meta[PICTURE_LINE] + 1) - 1
        if token.map:
            start, end = token.map
            first = moved(start + 1)
            if token.type == "html_block":
                each = tuple(moved(line) for line in range(start + 1, end + 1))
                if each != tuple(range(first, first + len(each))):
                    token.meta[FILE_LINES] = each
            token.map = [first - 1, max(first, moved(end))]


def _registries(document: nodes.document) -> dict[str, Any]:
    """Empty copies of the document's children and its lists and maps of ids, names,
    footnotes …, as they are before a page is read (all empty)."""
    return {name: type(value)() for name, value in vars(document).items()
            if type(value) in (list, dict, set) and name != "attributes"}


def body_line(text: str) -> int:
    """The 1-based line where the page's Markdown starts (after its front matter)."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        start = next((n for n, line in enumerate(lines) if n and line.rstrip() in ("---", "...")),
                     -1) + 1
    while start < len(lines) - 1 and not lines[start].strip():
        start += 1
    return start + 1


def as_plain_text(text: str) -> str:
    """The page with its Markdown as one code block: every word is shown, nothing nests."""
    lines = text.split("\n")
    start = body_line(text) - 1
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([*lines[:start], fence + "text", *lines[start:], fence, ""])


def _new_parser(config: MdParserConfig) -> MarkdownIt:
    """MyST's parser for ``config``, with this room's guards on its rules."""
    return myst_lines_in_paragraphs(emoji_fields_as_text(linear_footnote_refs(create_md_parser(config, _Renderer))))


def _build_parser(build_config: MdParserConfig, dollars: bool,
                  config: MdParserConfig) -> MarkdownIt | None:
    """The kept parser for ``config`` (the build's settings, with ``dollarmath`` if
    ``dollars``), marked busy; None while it is busy (a page included into the page it is
    parsing, by a parser option, gets a parser of its own)."""
    parsers = _PARSERS.setdefault(id(build_config), (build_config, {}))[1]
    if dollars not in parsers:
        parsers[dollars] = _new_parser(config)
    parser = parsers[dollars]
    if id(parser) in _BUSY:
        return None
    _BUSY.add(id(parser))
    return parser


_LANG = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*")
"""A language code as a block's attribute may give one (``ar``, ``zh-Hant-TW``)."""


BOXES = {"info": "note", "success": "tip", "secondary": "note",
         **{kind: kind for kind in ("note", "tip", "hint", "important", "warning", "caution",
                                    "attention", "danger", "error")}}
"""HackMD's and CodiMD's coloured blocks (``:::info``), Docusaurus' (``:::tip``,
``:::caution``) and Sphinx's own kinds, as the boxes every edition labels."""

_BOX_INFO = re.compile(r"(?P<name>[A-Za-z]+)(?P<opened>\+?)(?:\[(?P<bracketed>.*)\])?(?:\s+(?P<title>.*))?", re.S)
"""``tip Pro tip``, or Docusaurus' ``info[Office hours]``: a box's kind and its title (to
the last ``]``: ``info[Pick a [zone]]``)."""
_PLAIN_BLOCKS = frozenset({"tab"})
"""The blocks of a known class that are no box: a MkDocs or GitBook tab's words under its label."""
_CLASS_NAME = re.compile(r"[\w-]+")
"""A block's first word MyST may take as its class; any other (``tip[Unclosed``,
``note{title="Hours"}``) is words, and the whole line the block's title."""


class _Renderer(SphinxRenderer):
    """MyST's Sphinx renderer without its spare document.

    ``setup_render`` evaluates ``options.get("document", make_document())``: a throwaway
    document, with a whole docutils ``OptionParser`` (~2 ms), for every page, although the
    page's document is always given here.
    """

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        document = options.get("document")
        make_document = getattr(myst_base, "make_document", None)
        if document is None or make_document is None:
            super().setup_render(options, env)
            return
        myst_base.make_document = lambda *args, **kwargs: document
        try:
            super().setup_render(options, env)
        finally:
            myst_base.make_document = make_document

    def render_html_block(self, token: Any) -> None:
        """MyST's, with :data:`FILE_LINES` kept on the raw nodes it made."""
        before = len(self.current_node.children)
        super().render_html_block(token)
        each = token.meta.get(FILE_LINES) if token.meta else None
        if each:
            for node in self.current_node.children[before:]:
                if isinstance(node, nodes.raw):
                    node[FILE_LINES] = list(each)

    def render_image(self, token: Any) -> None:
        """MyST's, with a picture at its own line in its paragraph (:mod:`.inlinelines`).
        (Here, not in ``add_line_and_source_path``, which every node of every page passes.)"""
        line = token.meta.get(PICTURE_LINE) if token.meta else None
        if line is None:
            return super().render_image(token)
        before = len(self.current_node.children)
        self.document.current_line = line + 1
        super().render_image(token)
        for node in self.current_node.children[before:]:
            if isinstance(node, nodes.image):
                node.line = line + 1
        self.document.current_line = line + 1

    def render_table_row(self, token: Any) -> None:
        """MyST's, with the row and all it holds at the row's own line: MyST gave its cells
        the line of whatever it read before, so a link in a table's first row was said at
        the header's line, and one in each next row at the row above's."""
        before = len(self.current_node.children)
        super().render_table_row(token)
        self.add_line_and_source_path_r(self.current_node.children[before:], token)

    def renderInlineAsText(self, tokens: list[Any]) -> str:  # noqa: N802 (MyST's name)
        """A picture's description as text, a line break in it kept as a space and the
        words of a code span kept, as CommonMark says.

        MyST's own reads only text tokens and their children: a description written over
        several lines lost its line breaks, gluing the words either side ("Ignite
        PartnerJanuary 24"), and a `code span` in it was lost, in the picture's alt text
        and wherever it stands for a missing picture, in every edition."""
        result = ""
        for token in tokens or []:
            if token.type in ("softbreak", "hardbreak"):
                result += " "
            elif token.type == "code_inline":
                result += token.content
            elif token.children:
                result += self.renderInlineAsText(token.children)
            else:
                result += super().renderInlineAsText([token])
        return result

    def copy_attributes(self, token: Any, node: Any, keys: Any = ("class",), **kwargs: Any) -> None:
        """MyST's, and a block's ``{lang=ar}`` (kramdown's ``{: lang="ar"}``) as docutils says
        a language (``language-ar``, which the site, the ePub and the PDF all read) with its
        direction: MyST dropped it without a word, and the passage was read as English."""
        super().copy_attributes(token, node, keys, **kwargs)
        lang = str(token.attrs.get("lang", ""))
        if lang and _LANG.fullmatch(lang) and isinstance(node, nodes.Element):
            from languages.names import direction

            node["classes"] += [f"language-{lang}", f"dir-{direction(lang)}"]

    def render_link_unknown(self, token: Any) -> None:
        """A link whose name the file system cannot hold (a part over 255 bytes, a path over
        4,096, a NUL written ``%00``) is no file: MyST asked ``Path.resolve``/``is_file``, which
        raise for it, and the build stopped with a crash report. It is left for the resolver,
        which says it leads nowhere."""
        try:
            super().render_link_unknown(token)
        except (OSError, ValueError):
            destination = self._handle_relative_docs(self.md.normalizeLinkText(token.attrGet("href") or ""))
            explicit = (token.info != "auto") and (len(token.children or []) > 0)
            link = addnodes.pending_xref(refdomain=None, reftarget=destination, refdoc=self.sphinx_env.docname,
                                         reftype="myst", refexplicit=explicit)
            self._process_wrap_node(link, token, explicit, ["xref", "myst"], destination.split("#", 1)[0])

    def render_colon_fence(self, token: Any) -> None:
        """HackMD's ``:::warning`` (``info``, ``success``, ``danger``) as the box of its kind,
        its ``:::spoiler Title`` (and VitePress' and MkDocs' folded ``:::details Title``; ``:::details+``, MkDocs' ``???+``, open) as a folded box, and the words after another ``:::name`` (``:::spoiler Last week's notes``) as the
        title of its block: MyST made the first an unlabelled ``<div>`` and dropped the words."""
        parts = (token.info.strip() if token.info else "").split(maxsplit=1)
        name = parts[0] if parts else ""
        box = _BOX_INFO.fullmatch(token.info.strip() if token.info else "")
        folded = box is not None and box.group("name").lower() in ("spoiler", "details")
        if box is not None and box.group("opened") and not folded:
            box = None  # ``:::tip+``: no kind of box, as before the ``+`` was read
        if folded and not box.group("bracketed"):
            # HackMD's folded block: the box rawhtml's ``<details>`` holding Markdown makes
            # (class ``details-box``: folded on the site and in the ePub, open in the PDF)
            # a title that is only a comment (``:::spoiler <!-- later -->``) gave a summary of
            # no words (axe and Ace: summary-name)
            title = (box.group("title") or "").strip()
            self.render_directive(token, "admonition", title if titles.is_shown(title) else "Details",
                                  additional_options={"class": "details-box"})
            if box.group("opened") and len(self.current_node) \
                    and isinstance(made := self.current_node[-1], nodes.admonition):
                made["open"] = True  # MkDocs' ``???+``: open until the reader folds it
            return
        if box is not None and box.group("name").lower() in BOXES:
            # Docusaurus' titled box (``:::tip Pro tip``, ``:::info[Hours]``): MyST made the
            # title a rubric or, bracketed, a class name, and the box an unlabelled <div>
            kind = BOXES[box.group("name").lower()]
            title = " ".join(filter(None, (box.group("bracketed"), box.group("title")))).strip()
            if titles.is_shown(title):
                self.render_directive(token, "admonition", title, additional_options={"class": kind})
            else:
                self.render_directive(token, kind, "")
            return
        super().render_colon_fence(token)
        if not name or _CLASS_NAME.fullmatch(name):
            shown = parts[1] if len(parts) > 1 else ""
            if name and name.lower() not in _PLAIN_BLOCKS:
                self.create_warning(
                    f"`::: {name}` names no kind of box the publication knows, so what the block "
                    "holds is shown in a plain box: write a known kind (`::: note`, `tip`, "
                    "`warning`, `danger` …), or remove the fence lines",
                    myst_base.MystWarnings.UNKNOWN_DIRECTIVE, line=myst_base.token_line(token, 0),
                    append_to=self.current_node)
        else:
            shown = token.info.strip()
        if shown and not name.startswith("{") and isinstance(self.current_node[-1], nodes.container):
            self.current_node[-1].insert(0, nodes.rubric(shown, shown))

    def run_directive(self, name: str, first_line: str, content: str, position: int,
                      additional_options: dict[str, str] | None = None, *,
                      block_text: str | None = None) -> list[nodes.Element]:
        """A block in a directive the publication does not know keeps its words: pandoc's
        ``::: {custom-style="Quote"}`` from Word, ``{=html}`` raw blocks. MyST dropped the
        whole block, with "Unknown directive type" as all it said."""
        from docutils.parsers.rst import directives

        if name.startswith("="):
            return self._raw_block(name[1:].strip().lower(), content, position)
        if directives.directive(name, self.language_module_rst, self.document)[0] is not None:
            return super().run_directive(name, first_line, content, position, additional_options,
                                         block_text=block_text)
        kept = nodes.container(classes=["unknown-block"])
        kept.source, kept.line = self.document["source"], position
        if first_line.strip():
            kept += nodes.rubric(first_line.strip(), first_line.strip())
        with self.current_node_context(kept):
            self.nested_render_text(content, position + 1)
        said = self.create_warning(
            f"{{{name}}} is no directive the publication knows, so what the block holds is shown "
            "as plain text; write a known one (e.g. ```{note}```), or remove the fence lines",
            myst_base.MystWarnings.UNKNOWN_DIRECTIVE, line=position)
        return [kept, *([said] if said else [])]

    def _raw_block(self, format_: str, content: str, position: int) -> list[nodes.Element]:
        """Pandoc's raw block (```` ```{=html} ````): HTML as the page's own HTML, which every
        edition sanitises; any other format's text shown as code, said."""
        if format_ == "html":
            raw = nodes.raw(content, content, format="html")
            raw.source, raw.line = self.document["source"], position
            return [raw]
        code = nodes.literal_block(content, content)
        code.source, code.line = self.document["source"], position
        said = self.create_warning(
            f"a raw block for {format_ or 'another format'} ({{={format_}}}) is shown as code: only "
            "HTML can be written into the editions; write its words as Markdown",
            myst_base.MystWarnings.UNKNOWN_DIRECTIVE, line=position)
        return [code, *([said] if said else [])]

    def render_s(self, token: Any) -> None:
        """``~~words~~`` as a :class:`.gfm.deleted` node, which every edition strikes through
        (MyST wrote raw ``<s>`` tags, which the PDF leaves out, and warned at each)."""
        node = deleted()
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_restructuredtext(self, token: Any) -> None:
        """``{eval-rst}`` parsed into the page's own document, its nodes then moved to where
        the block is.

        MyST parses the block as a document of its own and keeps only its nodes: their ids
        came from another count (``id1`` twice on a page with footnotes in both, an invalid
        ePub), its footnotes were never numbered or linked, so an rST ``[#]_`` stopped every
        edition (``KeyError: 'refid'``), and its ``pending`` transforms (``contents``,
        ``sectnum``, ``target-notes``) were never run, which also stopped them. In one
        document, docutils gives every id once, numbers the footnotes of both kinds, says a
        label used by both, and runs what the block asked for.

        rST's ``header`` and ``footer`` put their text in a ``decoration`` at the top of the
        document, which no edition shows: its words stand where the block is, like the rest
        (it was put first, so the page's section was taken as the block's: every word of
        the page was lost)."""
        from myst_parser.mocking import MockRSTParser
        from myst_parser.mdit_to_docutils.base import token_line

        document = self.document
        there = {id(child) for child in document.children}
        source, line = document.current_source, document.current_line
        MockRSTParser().parse("\n" * token_line(token) + token.content, document)
        # the block's parser leaves the document's place as it left it (None after an `include`
        # that failed): a later `csv-table :file:` then stopped the build on a TypeError
        document.current_source, document.current_line = source, line
        added = [child for child in document.children if id(child) not in there]
        if not added:
            return
        document.children[:] = [child for child in document.children if id(child) in there]
        document.decoration = None  # a later header gets a new one, not this moved one
        for node in added:
            if isinstance(node, nodes.decoration):
                for part in node.children:  # header, footer
                    self.current_node.extend(part.children)
            else:
                self.current_node.append(node)


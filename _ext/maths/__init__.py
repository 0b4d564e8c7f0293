"""Sphinx extension: maths that is opt-in, and rendered offline.

- ``$`` is text unless a page says ``math: true`` (:mod:`.switch`); the ``{math}`` role,
  ``{math}`` blocks and kramdown's ``$$…$$`` (:mod:`.doubledollar`) always work; MathJax's
  ``\\(…\\)`` and ``\\[…\\]`` on a Jekyll site or a ``math: true`` page (:mod:`.mathjax`).
- The website and the ePub get MathML written at build time (:mod:`.mathml`), so no page
  loads MathJax from a third-party host and e-readers show formulas without scripts. The
  PDF typesets its own (``typst_pdf``).
- GitHub's ``~~strike~~`` and task lists, which Jekyll read, in every edition (:mod:`.gfm`).
- A formula that cannot be converted is reported once, when its page is read, and shown
  as its LaTeX source in a ``<code>``.
"""

from __future__ import annotations

import enum
import html
import logging as logging_std
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from myst_parser.config.main import TopmatterReadError
from publication.logfilters import add_once

from . import doubledollar, gfm, mathjax
from .hardening import linear_heading_slugs
from .mathml import Unsupported, to_mathml
from .switch import SWITCH, DollarMathSwitchParser, wants_dollar_math
from .topmatter import read_topmatter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

WARNING_TYPE = "math"
RENDERER = "mathml"


class Subtype(enum.Enum):
    """What went wrong with a page's maths. Every value is a warning subtype of ``math``."""

    UNSUPPORTED = "unsupported"
    """A formula cannot be written as MathML; the site and ePub show its LaTeX source."""

    SWITCH = "switch"
    """The front-matter ``math:`` is neither ``true`` nor ``false``."""

    TOO_DEEP = "too-deep"
    """The page's Markdown nests past what the reader can follow (Python's recursion limit:
    thousands of ``*`` in a row, directives inside directives hundreds deep). This room's
    parser reads every page: the page is shown as its plain text, in one code block."""

    PAGE_SETTING = "page-setting"
    """A page's front matter makes a MyST setting no page may make for itself (``html_meta``,
    ``substitutions``, the ``substitution`` extension: Jinja runs Python on the build
    machine; ``disable_syntax``, which loses words), one that is the publication's, one MyST
    does not have (misspelt), or gives one a value it cannot take (:mod:`.pagesettings`).
    This room's parser is where a page's MyST settings are read; the setting is left out."""

    TABLE_HEADER = "table-header"
    """A table's header has an empty cell (``| Name | |``): its column's cells are named by
    nothing to a screen reader, an empty header in every edition (DAISY Ace:
    ``empty-table-header``; the PDF: an empty TH). Said at the table's line, by column."""

    CODE_ON_FENCE_LINE = "code-on-fence-line"
    """A code block's first line is written on its opening fence line (```` ```("a$b") ````),
    where the block's language goes: the reader (and GitHub) took it for one and showed
    nothing of it. It is shown as the block's first line, said at the fence."""

    CODE_NEVER_CLOSED = "code-never-closed"
    """A fenced code block at the page's top level is never closed: everything after it, to
    the page's end, is shown as code (GitHub too), headings, links and lists among them.
    Said at its fence, with how many lines it took; the page is shown as the reader read it."""

    TABLE_CELLS = "table-cells"
    """A table's row has more cells than its header: Markdown's table rule (GitHub's, which
    this room's parser follows) shows only as many as the header has, so the other cells'
    words were in no edition. The row's line is named with the words left out."""

    DIAGRAM_AS_CODE = "diagram-as-code"
    """A fenced block of a diagram's source (```` ```mermaid ````), which GitHub draws: no
    edition draws it, each prints the source as code. Said at its fence, with how to show
    the diagram (an SVG picture with a description)."""

    INDENTED_HTML = "indented-html"
    """A page's HTML indented four spaces after a blank line (``    <div class="card">``):
    Markdown, kramdown's too, shows it as a code block, every tag typed out. Said at its
    first line, with how to show it as HTML (or as code on purpose)."""

    BLOCK_BREAK_WORDS = "block-break-words"
    """A block opens with ``+++`` and words (``+++ Budget notes``) on a page of no Jekyll site
    (on one they are kramdown's words, escaped): MyST reads a block break and keeps the words
    as its hidden metadata, so they were in no edition. Said at its line, with ``\\+++``, which
    shows them."""


def check_formulas(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: report each formula MathML cannot show.

    Both kinds are text elements: walking those (docutils' fast walk, by class) finds the
    same formulas in the same order as a condition function, at a third of the cost."""
    for node in doctree.findall(nodes.TextElement):
        if not isinstance(node, (nodes.math, nodes.math_block)):
            continue
        try:
            to_mathml(node.astext(), display=isinstance(node, nodes.math_block))
        except Unsupported as problem:
            logger.warning(f"this formula cannot be shown in the website and the ePub ({problem}); "
                           "its LaTeX source is shown instead: correct it, or write it as text",
                           location=node, type=WARNING_TYPE, subtype=Subtype.UNSUPPORTED.value)


def kramdown_maths(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, after Liquid: ``$$…$$`` as MyST maths (a ``math: true`` page has
    MyST's own dollar maths, labels included: only its ``$$…$$`` inside a sentence is
    written as MyST's); MathJax's ``\\(…\\)`` and ``\\[…\\]`` on
    a Jekyll site (a ``_config.yml`` beside the pages) and on a ``math: true`` page, where
    they were written for MathJax (elsewhere ``\\(`` is a backslash and a bracket)."""
    try:
        topmatter = read_topmatter(source[0]) or {}
    except TopmatterReadError:
        topmatter = {}
    dollars = wants_dollar_math(topmatter)
    if "\\\\" in source[0]:
        if (Path(app.srcdir) / "_config.yml").is_file():
            source[0] = mathjax.convert(source[0], mathjax.KRAMDOWN_ESCAPES)
        elif dollars:
            source[0] = mathjax.convert(source[0], mathjax.COMMONMARK_ESCAPES)
    source[0] = doubledollar.convert(source[0]) if not dollars else doubledollar.convert_inline(source[0])


def warn_switch(docname: str, line: int, value: object) -> None:
    """The parser found ``math:`` with a value that is not a yes or no."""
    logger.warning(f"`{SWITCH}: {value}` must be `{SWITCH}: true` (this page writes maths "
                   f"between $ signs) or `{SWITCH}: false`; $ stays text",
                   location=(docname, line), type=WARNING_TYPE, subtype=Subtype.SWITCH.value)


def warn_refused_setting(docname: str, line: int, why: str) -> None:
    """A MyST setting the page may not make is left out (:func:`.pagesettings.page_settings`)."""
    logger.warning(f"{why}; it is left out", location=(docname, line), type=WARNING_TYPE,
                   subtype=Subtype.PAGE_SETTING.value)


def warn_too_deep(docname: str, line: int) -> None:
    """The page could not be read as Markdown (:attr:`.switch.DollarMathSwitchParser.on_too_deep`)."""
    logger.warning("the page's Markdown nests deeper than the reader can follow (thousands of "
                   "`*` or `>` in a row, or directives inside directives hundreds deep), so "
                   "the page is shown as its plain text; nest it less deeply",
                   location=(docname, line), type=WARNING_TYPE, subtype=Subtype.TOO_DEEP.value)


def warn_cells_left_out(docname: str, line: int, cells: int, header: int, words: str) -> None:
    """A table's row has cells its header has no column for (:mod:`.tables`)."""
    shown = words if len(words) <= 60 else words[:59] + "…"
    logger.warning(f"this table row has {cells} cells and its header {header}, so {shown!r} is "
                   "left out of every edition: add a column to the header (and to the line of "
                   "dashes below it), or remove the extra cells",
                   location=(docname, line), type=WARNING_TYPE, subtype=Subtype.TABLE_CELLS.value)


def warn_code_on_fence_line(docname: str, line: int, words: str) -> None:
    """A code block's first line is on its opening fence line (:mod:`.fenceinfo`)."""
    shown = words if len(words) <= 60 else words[:59] + "…"
    logger.warning(f"this code block's first line ({shown!r}) is written on its opening fence line, "
                   "where the block's language goes, so the reader took it for one and showed none "
                   "of it (GitHub too): it is shown as the block's first line. Move it to the line "
                   "below the fence", location=(docname, line), type=WARNING_TYPE,
                   subtype=Subtype.CODE_ON_FENCE_LINE.value)


def warn_unclosed_fence(docname: str, line: int, after: int, fence: str) -> None:
    """A code block is never closed (:func:`.fenceinfo.unclosed_fences`)."""
    logger.warning(f"this code block is never closed, so the {after} line{'s' if after != 1 else ''} "
                   "after it, to the end of the page, are shown as code (headings, links and lists "
                   f"among them): end the code with a line of {fence} on its own (at the start of "
                   "the line, or indented as the opening one is)", location=(docname, line),
                   type=WARNING_TYPE, subtype=Subtype.CODE_NEVER_CLOSED.value)


def warn_diagram(docname: str, line: int, kind: str) -> None:
    """A diagram's source in a fenced block (:func:`.fenceinfo.diagram_fences`)."""
    logger.warning(f"this {kind} block is a diagram on GitHub, but no edition draws diagrams, so it "
                   "is shown as its source code: export the diagram as an SVG picture and show it "
                   "with ![what the diagram shows](diagram.svg) (keep the source in a file beside it)",
                   location=(docname, line), type=WARNING_TYPE, subtype=Subtype.DIAGRAM_AS_CODE.value)


def warn_indented_html(docname: str, line: int, lines: int) -> None:
    """A page's HTML indented into a code block (:func:`.fenceinfo.indented_html`)."""
    logger.warning(f"this HTML is indented four spaces after a blank line, so Markdown shows its "
                   f"{lines} line{'s' if lines != 1 else ''} as code, every tag typed out (kramdown "
                   "did too): remove the indent to show it as the page's HTML, or fence it with "
                   "```html to show it as code on purpose", location=(docname, line),
                   type=WARNING_TYPE, subtype=Subtype.INDENTED_HTML.value)


def warn_block_break_words(docname: str, line: int, words: str) -> None:
    """A block break hides the words after it (:func:`.mystlines.words_after_block_breaks`)."""
    shown = words if len(words) <= 60 else words[:59] + "…"
    logger.warning(f"a line opening with `+++` is a block break in MyST, so the words after it "
                   f"({shown!r}) are in no edition: to show them, write `\\+++` at the start of "
                   "the line; to break the page there, write `+++` alone on its line",
                   location=(docname, line), type=WARNING_TYPE, subtype=Subtype.BLOCK_BREAK_WORDS.value)


def warn_empty_header(docname: str, line: int, columns: list[int], words: list[str]) -> None:
    """A table's header has empty cells (:func:`.tables.empty_headers`)."""
    if len(columns) == len(words):  # left out (:func:`.tables.without_blank_header_rows`)
        logger.warning("the header row of this table is empty, so the table is shown without a "
                       "header row, and a screen reader cannot name its columns. Write in the "
                       "header what each column holds (e.g. `| Name | What to do |`)",
                       location=(docname, line), type=WARNING_TYPE, subtype=Subtype.TABLE_HEADER.value)
        return
    which = " and ".join(_column(column, words) for column in columns)
    cells = "cell of" if len(columns) == 1 else "cells of"
    verb = "is" if len(columns) == 1 else "are"
    logger.warning(f"the header {cells} {which} of this table {verb} empty, so a screen reader "
                   "names each cell below by nothing, and the ePub fails DAISY Ace "
                   "(empty-table-header). Write in the header what the column holds "
                   "(e.g. `| Name | What to do |`)",
                   location=(docname, line), type=WARNING_TYPE, subtype=Subtype.TABLE_HEADER.value)


def _column(column: int, words: list[str]) -> str:
    after = words[column - 2] if column > 1 else ""
    return f"column {column} (after {after!r})" if after else f"column {column}"


def _mathml(latex: str, display: bool) -> str:
    try:
        return to_mathml(latex, display=display)
    except Unsupported:  # reported when the page was read
        return f'<code class="math-source">{html.escape(latex)}</code>'


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.append(_mathml(node.astext(), display=False))
    raise nodes.SkipNode


def visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, "Link to this equation")
        self.body.append("</span>")
    self.body.append(_mathml(node.astext(), display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


SOURCE_LINES = "markdown-source-lines"
"""Declared event ``(app, docname, text) -> function or None``: a room that rewrote the
page's text before the parser reads it (``source-read``) and moved lines gives the function
from a line of ``text`` to the line of the file; MyST's nodes and messages then name the
file's lines."""


def _source_lines(document: Any, text: str) -> Any:
    env = document.settings.env
    return env.events.emit_firstresult(SOURCE_LINES, env.docname, text)


class WithoutParserSettings(logging_std.Filter):
    """MyST prints its whole configuration, ~1,000 characters, at the start of every build
    (three times in ``make all``): nothing in it is for staff, and it buried the lines that
    are. Its errors still pass."""

    def filter(self, record: logging_std.LogRecord) -> bool:
        return not (record.levelno == logging_std.INFO and "myst v%s:" in str(record.msg))


class PathsAsPlaces(logging_std.Filter):
    """Sphinx's ``code-block`` and ``literalinclude`` say where a problem is as ``(docname,
    line)``, taken from the directive's state machine; in a Markdown page that is MyST's,
    which gives the page's path, and Sphinx named the place ``a.md.md:8``. A path to a file
    is given as the place it is."""

    def filter(self, record: logging_std.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if (isinstance(location, tuple) and len(location) == 2 and isinstance(location[0], str)
                and os.path.isabs(location[0]) and os.path.isfile(location[0])):
            path, line = location
            record.location = f"{path}:{line}" if line else path  # type: ignore[attr-defined]
        return True


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    add_once("sphinx.myst_parser.sphinx_ext.main", WithoutParserSettings)
    add_once("sphinx.sphinx.directives.code", PathsAsPlaces)
    app.add_event(SOURCE_LINES)
    DollarMathSwitchParser.source_lines = staticmethod(_source_lines)
    DollarMathSwitchParser.on_bad_switch = staticmethod(warn_switch)
    DollarMathSwitchParser.on_refused_setting = staticmethod(warn_refused_setting)
    DollarMathSwitchParser.on_too_deep = staticmethod(warn_too_deep)
    DollarMathSwitchParser.on_cells_left_out = staticmethod(warn_cells_left_out)
    DollarMathSwitchParser.on_empty_header = staticmethod(warn_empty_header)
    DollarMathSwitchParser.on_code_on_fence_line = staticmethod(warn_code_on_fence_line)
    DollarMathSwitchParser.on_unclosed_fence = staticmethod(warn_unclosed_fence)
    DollarMathSwitchParser.on_block_break_words = staticmethod(warn_block_break_words)
    DollarMathSwitchParser.on_diagram = staticmethod(warn_diagram)
    DollarMathSwitchParser.on_indented_html = staticmethod(warn_indented_html)
    app.add_source_parser(DollarMathSwitchParser, override=True)
    linear_heading_slugs()
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    app.connect("source-read", kramdown_maths, priority=600)  # jekyll_compat's Liquid: 500
    app.connect("doctree-read", check_formulas)
    app.add_node(gfm.deleted, html=(gfm.visit_deleted_html, gfm.depart_deleted_html),
                 typst=(gfm.visit_deleted_typst, gfm.depart_deleted_typst))
    app.add_transform(gfm.TaskListBoxes)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""Run a Jekyll page's Liquid with a real engine (python-liquid), as Jekyll did.

Plain Python with no Sphinx import. ``{% if %}``/``{% for %}``/``{% assign %}`` mean
what they meant on the old site, over Jekyll's ``site`` (``_config.yml`` and ``_data/``)
and ``page`` (the front matter) variables. What Liquid never touched on the old site is
protected: fenced and inline code and maths (kramdown showed ``{{ x }}`` in code as
written only inside ``{% raw %}``; a publication about code must not run it; only a
variable the page set itself is shown in its code, as Jekyll showed it), and MyST
substitutions. ``{% include name.html key="value" %}`` runs the old site's ``_includes/``
file with ``include.key`` set, as Jekyll did, and ``{% include_relative notes.md %}`` a
file beside the page (only files the caller read: no path leads anywhere else). A tag or
filter the engine does not know (a plugin's), or an include that is not there, is kept as
text and listed, so the caller warns once with the file and line.

Lines stay where they were: each source line that starts outside a tag carries a marker
through the engine, and the output is padded so that line starts on its own line again.
Only a loop that writes more lines than it has moves the lines after it down.
"""

from __future__ import annotations

import contextvars
import functools
import io
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from functools import lru_cache

from liquid import DictLoader, Environment, Mode, Undefined
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.echo_tag import EchoNode, EchoTag
from liquid.builtin.tags.include_tag import IncludeNode, IncludeTag
from liquid.ast import Node
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG
from liquid.stringify import to_liquid_string
from liquid.exceptions import LiquidError, LoopIterationLimitError, TemplateNotFoundError

from pagesource.dates import parse_date
from pagesource.fences import code_spans

from . import assets as jekyll_assets
from . import linemap, liquid_filters, liquid_limits
from .liquid import EMBEDDED_SITE_URL, Dropped, Result, embedded_site_address, has_liquid

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_TABLE_DELIMITER = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$", re.M)
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)[^$\n]*?(?<=\S)\$(?!\$)")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?(?:\{%-?\s*endraw\s*-?%\}|\Z)", re.S)
_HIGHLIGHT = re.compile(r"\{%-?\s*highlight(?=(\s+))\1(?=(?P<lang>[\w+-]*))(?P=lang)[^%]*?-?%\}")
r"""The spaces and the language each read once (a look-ahead then its text, as an atomic
group): ``\s+`` and ``[\w+-]*`` beside the lazy ``[^%]*?`` were tried at every split, cubic
on ``{% highlight`` and spaces never closed (6 KB: 0.6 s)."""
_END_HIGHLIGHT = re.compile(r"\{%-?\s*endhighlight\s*-?%\}")
_RAW_TAG = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_LINK = re.compile(r"\{%-?\s*link\s+(\S+?)\s*-?%\}")
_POST_URL = re.compile(r"\{%-?\s*post_url\s+([\w./-]+?)\s*-?%\}")
_QUOTED_VALUE = r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'"
"""An include's quoted value as Jekyll reads it: a backslash takes the next character into
the value (``text="Say \"yes\""``); each character read by one alternative, so linear."""
_INCLUDE = re.compile(r"\{%(-?)\s*include(?:_cached)?\s+([\w./-]+)((?:\s+[\w-]+\s*=\s*(?:" + _QUOTED_VALUE
                      + r"|[\w.\[\]-]+))*)\s*(-?)%\}")
"""``{% include %}``, and jekyll-include-cache's ``include_cached``: the same include, cached."""
_DYNAMIC_INCLUDE = re.compile(r"\{%(-?)\s*include(?:_cached)?\s+\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}((?:\s+[\w-]+\s*=\s*(?:" + _QUOTED_VALUE + r"|[\w.\[\]-]+))*)\s*(-?)%\}")
"""``{% include {{ page.widget }} %}``: Jekyll's include of the file a variable names."""
_INCLUDE_RELATIVE = re.compile(r"\{%(-?)\s*include_relative\s+([\w./-]+)((?:\s+[\w-]+\s*=\s*(?:" + _QUOTED_VALUE + r"|[\w.\[\]-]+))*)\s*(-?)%\}")
RELATIVE = "include_relative:"
"""How the engine names a file an ``include_relative`` reads (never a name in ``_includes/``)."""
_INCLUDE_ARG = re.compile(r"([\w-]+)\s*=\s*(" + _QUOTED_VALUE + r"|[\w.\[\]-]+)")
_MARK = re.compile("\x01(\\d+)\x02")
_SLOT = re.compile("\x03(\\d+)\x04")
LINE_MARKS = str.maketrans("", "", "\x01\x02")
MARKERS = str.maketrans("", "", "\x01\x02\x03\x04")
"""The engine's own marks (a line's number, a kept piece's slot): none may come from the
page, an include or a value. ``\x030\x04`` in a page's code held slot 0 inside slot 0, and
restoring it never ended; ``\x0130000000\x02`` in a title padded the page to 30 million
lines. They are control characters no edition can hold, so they are left out."""
_MAX_RETRIES = 64
_RETRY_BUDGET = 4_000_000
"""Characters of Liquid the engine may parse again after failures, on one page: every tag
it cannot run costs a new parse of the whole page, so a long page of them gets fewer tries
(64 up to ~60 KB, 4 at 1 MB) instead of minutes of parsing."""
_TAG_NAME = re.compile(r"\{%-?\s*(\w*)")


def tag_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of each ``{% … %}`` and ``{{ … }}`` (``name`` is a tag's first
    word, ``""`` for an output), in linear time: a tag ends at the first closer after it.

    The pattern it replaced (kept in ``tests/test_jekyll_logic.py`` to compare) retried every opener with no closer after it to the end of the page:
    quadratic (10 s for 24 KB of ``{% ``). An opener closes at the first closer of its kind
    after it; once there is none, no later opener of that kind closes either.
    """
    found: list[tuple[int, int, str]] = []
    closer = {"%": "%}", "{": "}}"}
    next_close = {"%": -1, "{": -1}
    pos = 0
    while True:
        start = text.find("{", pos)
        if start == -1 or start + 1 >= len(text):
            return found
        kind = text[start + 1]
        if kind not in closer or next_close[kind] is None:
            pos = start + 1
            continue
        if next_close[kind] < start + 2:
            at = text.find(closer[kind], start + 2)
            next_close[kind] = at if at != -1 else None
            if at == -1:
                pos = start + 1
                continue
        end = next_close[kind] + 2
        name = _TAG_NAME.match(text, start).group(1) if kind == "%" else ""
        found.append((start, end, name))
        pos = end


def _covered(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Open intervals ``a < x < b`` merged, as sorted starts and ends, for :func:`_within`."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if starts and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _within(index: int, covered: tuple[list[int], list[int]]) -> bool:
    starts, ends = covered
    place = bisect_left(starts, index) - 1  # the last interval starting before index
    return place >= 0 and index < ends[place]

#: Jekyll's own filters that change nothing once links are resolved by page, not by URL.
_SAME = ("relative_url", "absolute_url", "smartify", "xml_escape", "cgi_escape",
         "uri_escape", "normalize_whitespace")
#: Jekyll's date filters, as strftime formats.
_DATE_FORMATS = {"date_to_string": "%d %b %Y", "date_to_long_string": "%d %B %Y",
                 "date_to_xmlschema": "%Y-%m-%d", "date_to_rfc822": "%a, %d %b %Y"}


def _date_filter(fmt: str):
    def apply(value: Any) -> Any:
        day = parse_date(value)
        return day.strftime(fmt) if day else value
    return apply


def _unmarked_output(self: Any, context: Any, buffer: Any) -> int:
    """An output (``{{ x }}``, ``{% echo x %}``) whose text holds no line mark: a value may
    come from YAML's ``"\\x01"``. (A slot may: an include's argument holds the page's code.)"""
    return buffer.write(to_liquid_string(self.expression.evaluate(context), context.autoescape)
                        .translate(LINE_MARKS))


class _UnmarkedOutputTag(Output):
    node_class = type("_UnmarkedOutput", (OutputNode,), {"render_to_output": _unmarked_output})


class _UnmarkedEchoTag(EchoTag):
    node_class = type("_UnmarkedEcho", (EchoNode,), {"render_to_output": _unmarked_output})


class _HighlightNode(Node):
    """Jekyll's ``{% highlight lang %}`` block inside an include: its body is Liquid Jekyll ran
    (``{{- include.content -}}``), so it is rendered first and then written as a fenced code
    block on lines of its own (a page's own blocks are fenced before Liquid: :func:`_highlights`)."""

    __slots__ = ("language", "block")

    def __init__(self, token: Any, language: str, block: Any):
        super().__init__(token)
        self.language = language
        self.block = block
        self.blank = False  # it shows code even of blank lines: an `if` around it must not hide it

    def render_to_output(self, context: Any, buffer: Any) -> int:
        body = context.get_buffer(buffer)
        self.block.render(context, body)
        code = body.getvalue().strip("\n")
        runs = [len(run) for run in re.findall(r"`+", code)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return buffer.write(f"\n\n{fence}{self.language}\n{code}\n{fence}\n\n")

    def children(self, static_context: Any, *, include_partials: bool = True) -> Any:
        yield self.block


class _HighlightTag(Tag):
    """``{% highlight html linenos %}`` … ``{% endhighlight %}``: the language kept, the
    options (line numbers, ``mark_lines``) left to the theme, as for a page's own blocks."""

    name = "highlight"
    end = "endhighlight"
    node_class = _HighlightNode

    def parse(self, stream: Any) -> _HighlightNode:
        token = stream.eat(TOKEN_TAG)
        language = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            words = stream.current.value.split()
            language = words[0] if words and re.fullmatch(r"[\w+-]+", words[0]) else ""
            next(stream)
        block = get_parser(self.env).parse_block(stream, frozenset((self.end, TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value=self.end)
        return self.node_class(token, language, block)


class _Bounded(Environment):
    """Untrusted pages: a runaway loop or output stops with an error (kept as text), never a hang."""

    loop_iteration_limit = 10_000
    output_stream_limit = 2_000_000
    context_depth_limit = 30
    local_namespace_limit = 1_000_000
    template_class = liquid_limits.CountedTemplate  # a page's loops, all renders together

    def get_template(self, name: str, **kwargs: Any) -> Any:
        """Each include asks for its file: counted, as includes of includes multiply."""
        liquid_limits.charge_include()
        return super().get_template(name, **kwargs)

    def error(self, exc: Any, msg: Any = None, token: Any = None) -> None:
        """A page's budget ran out: blamed on the page's own tag (the outermost), not one in
        an include or an expression's own render, which the page's lines cannot find."""
        if isinstance(exc, liquid_limits.OverLimit) and token is not None:
            exc.token = token
        super().error(exc, msg, token)


class _JekyllIncludeNode(IncludeNode):
    """Jekyll's include: the arguments are ``include.<name>`` inside the included file."""

    def render_to_output(self, context: Any, buffer: Any) -> int:
        name = str(self.name.evaluate(context))
        if name in getattr(context.env, "menus", ()):
            if (menus := _MENUS_LEFT_OUT.get()) is not None:
                menus.append((_OUTERMOST_INCLUDE.get() or self.token, name))
            return False
        outermost = _OUTERMOST_INCLUDE.set(_OUTERMOST_INCLUDE.get() or self.token)
        try:
            return self._render_included(name, context, buffer)
        finally:
            _OUTERMOST_INCLUDE.reset(outermost)

    def _render_included(self, name: str, context: Any, buffer: Any) -> int:
        try:
            template = context.env.get_template(name, context=context, tag=self.tag)
        except TemplateNotFoundError as err:
            err.token = self.name.token
            err.missing = name
            err.template_name = getattr(getattr(context, "template", None), "name", None) or None
            raise
        except LiquidError as err:
            _blame_the_include(err, self.token)
            raise
        arguments = {arg.name: arg.value.evaluate(context) for arg in self.args}
        included = io.StringIO()
        try:
            with context.extend({"include": arguments}, template=template):
                template.render_with_context(context, included, partial=True)
        except LiquidError as err:
            _blame_the_include(err, self.token)
            raise
        text = included.getvalue()
        buffer.write(one_html_block(text) if name.lower().endswith((".html", ".htm")) else text)
        return True


def _blame_the_include(err: LiquidError, include: Any) -> None:
    """A tag the engine cannot run inside an included file (fortran-lang's ``tip.html`` has
    the translation plugin's ``{% t book.tip %}``) is the failure of the include that reads
    it, at that include's place: the error's own place is in another text, which the page's
    recovery cannot find, so every tag of the page was shown as written."""
    token = getattr(err, "token", None)
    if token is None or getattr(token, "source", None) != include.source:
        if not hasattr(err, "inside"):
            message = (f"it names {err.missing!r}, which is no file in _includes/"
                       if hasattr(err, "missing") else err.message)
            err.inside = f"{_include_place(err.template_name, token)}: {message}" \
                if err.template_name else message
        err.token = include


def _include_place(name: Any, token: Any) -> str:
    """``_includes/setup.html:1``: the included file and line where its Liquid failed, so the
    warning, which stands at the include's tag in the page, leads to the line to change."""
    name = str(name)
    where = name[len(RELATIVE):] if name.startswith(RELATIVE) else f"_includes/{name}"
    source, index = getattr(token, "source", None), getattr(token, "start_index", None)
    if not isinstance(source, str) or not isinstance(index, int):
        return where
    return f"{where}:{source.count(chr(10), 0, index) + 1}"


_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")


def one_html_block(text: str) -> str:
    """An included HTML file's output without its blank lines, so Markdown reads it as the
    one HTML block kramdown read.

    Liquid tags on lines of their own leave blank lines (open-austin's 2016 candidate survey
    include loops over ``_data/``): in CommonMark a blank line ends an HTML block, and the
    indented tags after it became a code block that showed the markup. kramdown took the
    element to its end tag. Text that is not HTML, or holds ``<pre>``/``<textarea>``, whose
    blank lines are content, is left as it is.
    """
    if not text.lstrip().startswith("<") or re.search(r"<(?:pre|textarea)\b", text, re.I):
        return text
    if _MARKDOWNIFIED[0] not in text and "```" not in text:
        return _BLANK_LINE.sub("", text)
    lines = text.split("\n")
    kept, depth, fence = [], 0, None
    for number, line in enumerate(lines):
        if depth == 0 and fence is None and not line.strip(" \t") and 0 < number < len(lines) - 1:
            continue
        marker = _FENCE_LINE.match(line) if depth == 0 else None
        if marker and fence is None and kept and kept[-1].strip():
            kept.append("")  # a code block inside an element (nics-tw's example-html.html): Markdown
        kept.append(line)
        depth += line.count(_MARKDOWNIFIED[0]) - line.count(_MARKDOWNIFIED[1])
        if marker and (fence is None or marker.group(0) == fence):
            fence = marker.group(1) if fence is None else None
            if fence is None and number < len(lines) - 1:
                kept.append("")
    return "\n".join(kept)


_FENCE_LINE = re.compile(r"(`{3,})[\w+-]*$")
"""Bootstrap Italia's ``callout.html`` (``{{ include.content | markdownify }}`` in a ``<div>``)
lost the blank lines of its Markdown, so the callout's paragraphs ran together into one; the
``{% highlight %}`` of its ``example.html`` (fenced by :class:`_HighlightNode`) lost those of
the code. Their lines keep them: one pass over the lines, as a page may be long."""


class _JekyllIncludeTag(IncludeTag):
    node_class = _JekyllIncludeNode


_NAVIGATION = re.compile(r"<nav\b|\bsite\.(?:html_pages|pages|collections|posts)\b|\bsite\.\w+\s*\|\s*sort", re.I)


def is_navigation(include: str) -> bool:
    """The old site's own menu (a ``<nav>``, a loop over its pages): the publication's
    contents and navigation replace it, so it is not run; its tag is left out and listed
    (:attr:`.liquid.Result.menus`). Shown as written, readers saw ``{% include header.html %}``."""
    return bool(_NAVIGATION.search(include))


_CONTENTS_NAME = re.compile(r"(?:page[-_])?toc|table[-_]of[-_]contents", re.I)
_CONTENTS = re.compile(r"\{:\s*\.?toc\b|\bclass\s*=\s*[\"'](?:toc|[^\"']*\s+toc)\b", re.I)


def is_table_of_contents(name: str, include: str) -> bool:
    """Whether the include left out as navigation is the page's own table of contents
    (minimal-mistakes' ``toc``: a ``<nav class="toc">`` of the page's headings), not the
    site's menu: said so, with what lists the headings instead."""
    return bool(_CONTENTS_NAME.fullmatch(name.removesuffix(".html")) or _CONTENTS.search(include))


_MENUS_LEFT_OUT: contextvars.ContextVar[list[Any] | None] = contextvars.ContextVar(
    "menus_left_out", default=None)
_OUTERMOST_INCLUDE: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "outermost_include", default=None)
"""The page's own include tag being run: a menu an include includes is said at it."""


_PRINTED_EMPTY: contextvars.ContextVar[list[Undefined] | None] = contextvars.ContextVar(
    "printed_empty", default=None)


class _Noted(Undefined):
    """Jekyll's nothing (an output of a value no setting or front matter has prints no word),
    noted for :func:`render` to say: "Contact {{ site.email }}" read "Contact " on the page."""

    __slots__ = ()

    def __str__(self) -> str:
        noted = _PRINTED_EMPTY.get()
        if noted is not None:
            noted.append(self)
        return ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Noted as made, since a test compares it without a call (``{% if page.lang == "es" %}``):
        the words of a branch Jekyll left out for a value nothing gives are said, not silently gone."""
        super().__init__(*args, **kwargs)
        tested = _TESTED_EMPTY.get()
        if tested is not None:
            tested.append(self)

    def items(self) -> Any:
        """A ``for`` loop's way in (the engine loops over a mapping's items): noted, so a loop
        over ``site.data.releases`` that the jekyll_get plugin fetched is said, not silently empty."""
        looped = _LOOPED_EMPTY.get()
        if looped is not None:
            looped.append(self)
        return super().items()


_LOOPED_EMPTY: contextvars.ContextVar[list[Undefined] | None] = contextvars.ContextVar(
    "looped_empty", default=None)
_TESTED_EMPTY: contextvars.ContextVar[list[Undefined] | None] = contextvars.ContextVar(
    "tested_empty", default=None)


JEKYLL_FILLS = frozenset({
    "site.url", "site.baseurl", "site.time", "site.github", "site.source", "site.destination",
    "site.pages", "site.posts", "site.html_pages", "site.static_files", "site.documents",
    "site.collections", "site.categories", "site.tags", "site.related_posts", "site.data",
    "page.url", "page.date", "page.content", "page.excerpt", "page.path", "page.id", "page.dir",
    "page.name", "page.categories", "page.tags", "page.collection", "page.next",
    "page.previous", "page.output", "page.relative_path", "page.slug", "page.ext"})
"""Values Jekyll itself gave (or left empty on any site): printing nothing is what they did."""
_EMPTY_WITHIN = ("site.github.", "page.next.", "page.previous.")
"""Values whose parts may be empty on any site: the last post has no ``page.next.title``;
``site.github``'s are said on their own (:func:`liquid.unfilled_github_line`)."""
_UNFILLED_NAME = re.compile(r"\s*((?:site|page)(?:\.[\w-]+)+)")


def _unfilled(noted: list[Undefined], source: str, first_line: int) -> list[Dropped]:
    """The page's own outputs of a ``site.`` or ``page.`` value nothing gives (an include's
    ``{{ include.caption }}`` left out is the include's business), each with its line."""
    found: dict[str, int] = {}
    for undefined, name in _unfilled_names(noted, source):
        found.setdefault(name, _line_at(source, undefined.token.start_index, first_line))
    return [Dropped(line, name) for name, line in found.items()]


_TESTED_FILLS = JEKYLL_FILLS - {"page.tags"}
"""A test of ``page.tags`` on a page without ``tags:`` skipped its words on Jekyll too, but
Jekyll gives a page no tags of its own making: it is said, as a missing key is."""
_OR = re.compile(r"\s(?:or|and)\s")


def _plainly_empty(tag: str, names: set[str]) -> bool:
    """Whether the test ``tag`` fails because of the empty ``names`` alone: not when an
    ``or`` has an operand naming none of them (``page.a or true`` shows its words)."""
    if not re.search(r"\sor\s", tag):
        return True
    inner = tag.removeprefix("{%").removesuffix("%}").strip("-").split(None, 1)  # linear: no `\s*` pattern
    operands = _OR.split(inner[1] if len(inner) > 1 else "")
    return all(any(re.search(rf"(?<![\w.]){re.escape(n)}(?![\w])", o) for n in names) for o in operands)


def _unfilled_names(noted: list[Undefined], source: str,
                    fills: frozenset[str] = JEKYLL_FILLS) -> Iterable[tuple[Undefined, str]]:
    """Each of ``noted`` written in the page itself as a ``site.``/``page.`` value Jekyll did
    not fill itself (``fills``), with that name."""
    for undefined in noted:
        token = undefined.token
        if token is None or getattr(token, "source", None) is not source:
            continue
        name = _UNFILLED_NAME.match(source, token.start_index)
        if name is None or name.group(1) in fills or name.group(1).startswith(_EMPTY_WITHIN):
            continue
        yield undefined, name.group(1)


def _unlooped(looped: list[Undefined], source: str, first_line: int, as_written) -> tuple[Dropped, ...]:
    """The page's ``for`` loops over a ``site.``/``page.`` value nothing gives, each once, as
    ``(line, "name\ttag as written")``: they printed nothing (a list empty but given is no
    mistake, and not said)."""
    found: dict[int, Dropped] = {}
    for undefined, name in _unfilled_names(looped, source):
        span = _tag_at(source, undefined.token.start_index)
        if span is None or span[0] in found:
            continue
        tag = _short(_SLOT.sub("…", as_written(_plain(source[span[0]:span[1]]))))
        found[span[0]] = Dropped(_line_at(source, span[0], first_line), f"{name}\t{tag}")
    return tuple(sorted(found.values(), key=lambda d: d.line))


_WORDS = re.compile(r"[^\W_]")


def _skipped_words(source: str, span: tuple[int, int], name: str) -> bool:
    """Whether the branch an ``if``/``elsif`` (its own), ``unless`` (its ``else``) or ``case``
    (its ``when``s) tag at ``span`` skips when the tested value is nothing holds any word."""
    depth, start, pieces = 0, span[1] if name != "unless" else None, []
    for tag_start, tag_end, tag in tag_spans(source):
        if tag_start < span[1]:
            continue
        if tag in _BLOCKS:
            depth += 1
            continue
        if depth and tag in _BLOCKS.values():
            depth -= 1
            continue
        if depth == 0 and tag in ("else", "elsif", "endif", "endunless", "when", "endcase"):
            if start is not None:
                pieces.append(source[start:tag_start])
                start = None
            if (name == "unless" and tag == "else") or (name == "case" and tag == "when"):
                start = tag_end
            if tag.startswith("end") or name not in ("unless", "case") or (name == "case" and tag == "else"):
                break
    text = _plain("".join(pieces))
    return bool(_WORDS.search(re.sub(r"\{[{%].*?[%}]\}", " ", text, flags=re.S))) or (
        re.search(r"\{%-?\s*include", text) is not None)  # an include's words


def _untaken(tested: list[Undefined], source: str, first_line: int, as_written) -> tuple[Dropped, ...]:
    """The page's ``if``/``elsif``/``unless``/``case`` tags testing a ``site.``/``page.`` value
    nothing gives, whose skipped branch holds words, each once, as ``(line, "name\ttag")``."""
    found: dict[int, Dropped] = {}
    tested_names = list(_unfilled_names(tested, source, _TESTED_FILLS))
    names_in: dict[int, set[str]] = {}
    for undefined, name in tested_names:
        if (span := _tag_at(source, undefined.token.start_index)) is not None:
            names_in.setdefault(span[0], set()).add(name)
    for undefined, name in tested_names:
        span = _tag_at(source, undefined.token.start_index)
        if span is None or span[0] in found:
            continue
        kind = _TAG_NAME.match(source, span[0])
        if kind is None or kind.group(1) not in ("if", "elsif", "unless", "case"):
            continue
        if not _plainly_empty(source[span[0]:span[1]], names_in[span[0]]):
            continue  # `page.a or true`: another operand decides
        differs = re.search(r"!=|<>", source[span[0]:span[1]]) is not None
        if differs and kind.group(1) != "if":
            continue  # its outcome is not plain from the tag: not said
        if not _skipped_words(source, span, "unless" if differs else kind.group(1)):
            continue
        tag = _short(_SLOT.sub("…", as_written(_plain(source[span[0]:span[1]]))))
        found[span[0]] = Dropped(_line_at(source, span[0], first_line), f"{name}\t{tag}")
    return tuple(sorted(found.values(), key=lambda d: d.line))


def _environment(includes: tuple[tuple[str, str], ...] = ()) -> Environment:
    env = _Bounded(tolerance=Mode.STRICT,  # an include may include another, written as Jekyll did
                   undefined=_Noted,
                   loader=DictLoader({name: _include_calls(_lax(text))
                                      for name, text in includes if not is_navigation(text)}))
    env.menus = frozenset(name for name, text in includes if is_navigation(text))
    env.contents_lists = frozenset(name for name, text in includes
                                   if name in env.menus and is_table_of_contents(name, text))
    env.add_tag(_JekyllIncludeTag)
    env.add_tag(_UnmarkedOutputTag)
    env.add_tag(_UnmarkedEchoTag)
    env.add_tag(_HighlightTag)
    env.tags.pop("doc", None)  # Liquid 5's; Jekyll's Liquid 4 knew no `doc` and hid nothing with it
    for name in _SAME:
        env.filters[name] = lambda value, *args, **kwargs: value
    env.filters["markdownify"] = _markdownify
    for name, fmt in _DATE_FORMATS.items():
        env.filters[name] = _date_filter(fmt)
    env.filters["jsonify"] = lambda value: json.dumps(value, default=str)
    env.filters["slugify"] = lambda value, *a: re.sub(r"[^\w]+", "-", str(value).lower()).strip("-")
    env.filters["number_of_words"] = lambda value, *a: len(str(value).split())
    env.filters["array_to_sentence_string"] = _sentence
    env.filters["sort"] = _jekyll_sort(env.filters["sort"])
    env.filters.update(liquid_filters.FILTERS)
    env.filters.update(liquid_filters.expression_filters(env))
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(liquid_limits.bounded_text(name, function),
                                            env.loop_iteration_limit)
    return env


_MARKDOWNIFIED = ("\ue000markdownify\ue001", "\ue000/markdownify\ue001")


def _each_markdownified(text: str, replace: Callable[[int, int, str], str]) -> str:
    """``text`` with each marked ``markdownify`` output (``start``, ``end``, its text) replaced.
    One pass: a marker with no end marker after it ends the search, where a pattern read to the
    end of the text once per marker (a page of them written out: minutes)."""
    opening, closing = _MARKDOWNIFIED
    out, pos = [], 0
    while (start := text.find(opening, pos)) != -1:
        end = text.find(closing, start + len(opening))
        if end == -1:
            break
        out += [text[pos:start], replace(start, end + len(closing), text[start + len(opening):end])]
        pos = end + len(closing)
    return "".join(out) + text[pos:]


def _markdownify(value: Any, *args: Any, **kwargs: Any) -> Any:
    """The Markdown itself (the page is Markdown already), marked for :func:`_as_blocks`."""
    return f"{_MARKDOWNIFIED[0]}{value}{_MARKDOWNIFIED[1]}" if isinstance(value, str) and value.strip() else value


def _as_blocks(output: str) -> str:
    """Each ``markdownify`` output on a line with a tag before or after it, between blank lines.

    Jekyll turned it into HTML paragraphs inside the element (minimal-mistakes' notices:
    ``<div class="notice">{{ text | markdownify }}</div>``); left on the element's line, it
    was the element's HTML, and its Markdown was shown as written (``**Note**: [table](…)``).
    Between blank lines it is Markdown again, and :mod:`.htmlblocks` keeps the element whole.
    So is one on its own line right inside an element (fortran-lang's notes). Anywhere else
    (its own lines among text, an attribute), or when it is words Markdown makes only a
    paragraph of (minimal-mistakes' ``gallery``: ``<figcaption>{{ include.caption |
    markdownify | remove: "<p>" }}``, which between blank lines left the figure's caption
    empty and its words after the figure), it stays where it was written.
    """
    if _MARKDOWNIFIED[0] not in output:
        return output

    def placed(start: int, end: int, inside: str) -> str:
        before = _beside(output, start, -1, " \t")
        after = _beside(output, end, 1, " \t")
        alone = before in ("", "\n") and after in ("", "\n")
        if _only_words(inside):
            return inside
        if before == ">" or after == "<" or alone and (_beside(output, start, -1, " \t\n") == ">"
                                                       or _beside(output, end, 1, " \t\n") == "<"):
            return "\n\n" + inside.strip("\n") + "\n\n"
        return inside
    return _each_markdownified(output, placed).replace(_MARKDOWNIFIED[0], "").replace(_MARKDOWNIFIED[1], "")


def _only_words(markdown: str) -> bool:
    """Markdown would make ``markdown`` one paragraph of its own words, unchanged."""
    from markdown_it import MarkdownIt  # loaded with MyST already
    from markdown_it.common.utils import escapeHtml

    words = markdown.strip()
    return "\n" not in words and MarkdownIt("commonmark").render(words) == f"<p>{escapeHtml(words)}</p>\n"


def _beside(text: str, index: int, step: int, skipped: str) -> str:
    """The first character before (``step`` -1) or after ``index`` that is not in ``skipped``
    ("" at either end). A markdownify on its own line right inside an element (fortran-lang's
    ``note.html``: ``<div>``, the note indented on its own line, ``</div>``) has a tag there.
    Each match looks only across the spaces beside it: linear on a page of them."""
    if step < 0:
        while index > 0 and text[index - 1] in skipped:
            index -= 1
        return text[index - 1] if index > 0 else ""
    while index < len(text) and text[index] in skipped:
        index += 1
    return text[index] if index < len(text) else ""


def _bounded_filter(function: Any, limit: int) -> Any:
    """A filter that refuses a sequence longer than a loop may run: ``(1..10000000) | join``
    made ten million strings, ~2 s a tag, and a page of them ran for minutes."""
    @functools.wraps(function)
    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, (range, list, tuple)) and len(value) > limit:
            raise LoopIterationLimitError(f"a list of {len(value)} items (at most {limit})")
        liquid_limits.charge(1 + (len(value) if isinstance(value, (range, list, tuple, dict)) else 0))
        return function(value, *args, **kwargs)
    return bounded


def _jekyll_sort(liquid_sort: Any) -> Any:
    """Jekyll's ``sort: "key"``: items without the key come first (``sort: "key", "last"``:
    last), and values that cannot be compared are compared as text. Liquid's stopped at the
    first missing key: US-RSE's jobs (``sort: "posted"``, an old job has no ``posted``) were
    shown as the Liquid that lists them."""
    def sort(value: Any, key: Any = None, nils: Any = "first") -> Any:
        if key is None or isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
            return liquid_sort(value, key) if key is not None else liquid_sort(value)
        first = str(nils) != "last"

        def compare(a: tuple[Any, Any], b: tuple[Any, Any]) -> int:
            x, y = a[0], b[0]
            if x is None or y is None:
                return 0 if x is y else (-1 if (x is None) == first else 1)
            try:
                return (x > y) - (x < y)
            except TypeError:
                return (str(x) > str(y)) - (str(x) < str(y))

        pairs = [(_property(item, str(key)), item) for item in value]
        return [item for _, item in sorted(pairs, key=functools.cmp_to_key(compare))]
    return sort


def _property(item: Any, key: str) -> Any:
    """``item.a.b`` as Jekyll reads a sort key; None when any part is missing."""
    for part in key.split("."):
        if not isinstance(item, Mapping):
            return None
        item = item.get(part)
    return item


def _sentence(value: Any, connector: str = "and") -> str:
    items = [str(item) for item in value] if isinstance(value, (list, tuple)) else [str(value)]
    if len(items) < 3:
        return f" {connector} ".join(items)
    return ", ".join(items[:-1]) + f", {connector} " + items[-1]


_ENV = _environment()


@lru_cache(maxsize=8)
def _include_calls(text: str) -> str:
    """An included file's include tags in the engine's syntax, a written name's and a
    variable's: the "Markdown include" of many sites (``{% include {{ include.path }} %}``
    inside ``_includes/markdown.html``) was refused, and the page's include shown as written."""
    text = _INCLUDE.sub(_include_call, text)
    return _DYNAMIC_INCLUDE.sub(lambda m: _include_call(m, named_by=True), text) if "{{" in text else text


@lru_cache(maxsize=4)
def _environment_with(includes: tuple[tuple[str, str], ...]) -> Environment:
    """One environment per set of includes: the pages of a site share theirs, and making
    one (its tags, its ~90 bounded filters) was a third of a short page's Liquid time."""
    return _environment(includes) if includes else _ENV


def _include_call(match: re.Match[str], prefix: str = "", named_by: bool = False) -> str:
    """``{% include a.html k="v" n=page.x %}`` in the engine's own syntax; ``named_by``:
    the name is a variable's (:data:`_DYNAMIC_INCLUDE`), whose value the engine reads as
    the file, from the same folder and with the same checks as a written name."""
    left, name, args, right = match.groups()
    name = name if named_by else f'"{prefix + name}"'
    pairs = ", ".join(f"{key.replace('-', '_')}: {_literal(value)}" for key, value in _INCLUDE_ARG.findall(args))
    lines = "\n" * match.group(0).count("\n")  # a call over several lines keeps them: later lines keep their numbers
    return "{%" + left + f" include {name}" + (f", {pairs}" if pairs else "") + lines + " " + right + "%}"


def _literal(value: str) -> str:
    """A written include value in the engine's syntax, which has no escapes: Jekyll's
    ``"Say \\"yes\\""`` (the backslash dropped before the value's own quote, as Jekyll's
    ``parse_params`` did) quoted by the other mark; a value holding both marks keeps its
    ``"`` as ``&quot;``, which Markdown and HTML show as the quote. A variable as it is."""
    if value[:1] not in "\"'" or "\\" not in value:
        return value
    mark, inner = value[0], value[1:-1].replace("\\" + value[0], value[0])
    if mark not in inner:
        return mark + inner + mark
    other = "'" if mark == '"' else '"'
    if other not in inner:
        return other + inner + other
    return '"' + inner.replace('"', "&quot;") + '"'


_DASHES = re.compile(r"(\{%-|\{\{-)-+|(?<!-)-+(-%\}|-\}\})")
"""``{%- capture x --%}``: Jekyll's lax Liquid read the doubled dash as one (the Utah
Mapping Portal's LiDAR pages); the engine stopped at it and the page showed its tags. A
run of dashes is tried from its first dash only: tried from each, a line of 32,000 dashes
(a long rule) took 18 s, and a megabyte of them hours."""


_PARENTHESISED = re.compile(r"(\{%-?\s*assign\s+[\w-]+\s*=\s*)\(((?:[^%{]|%(?!\})|\{(?!%))*?)\)(\s*-?%\})")
"""Its expression stops at the next tag's ``{%``: a page of ``{% assign a = (`` never closed
was read to its end once per tag. The spaces around it are stripped after the match, not
by ``\\s*`` on both sides of the lazy group: ``{% assign a = (`` and 5 KB of spaces took
57 s (cubic)."""


def _is_range(inside: str) -> bool:
    """Whether ``inside`` (no spaces around it) is ``a..b``, ``a .. b``: a Liquid range. By
    its words, not by ``\\S+\\s*\\.\\.\\s*\\S+``, which took minutes on 200 KB of dots."""
    words = inside.split()
    if len(words) == 1:
        return ".." in words[0][1:-1]
    if len(words) == 2:
        return (len(words[0]) > 2 and words[0].endswith("..")) or (len(words[1]) > 2 and words[1].startswith(".."))
    return len(words) == 3 and words[1] == ".."


def _unparenthesised(match: re.Match[str]) -> str:
    """``{% assign xs = (site.methods | where: "category", "Decide" ) %}`` as Jekyll's lax
    Liquid read it: the parentheses ignored (18F's methods cards). The engine refused them, so
    the include was shown as written and the loop over ``xs`` printed nothing. A range
    ``(1..5)`` keeps its parentheses: they are its syntax."""
    inside = match.group(2).strip()
    if _is_range(inside):
        return match.group(0)
    return match.group(1) + inside + match.group(3)


_CONDITION = re.compile(r"(\{%-?\s*(?:if|elsif|unless)\b)((?:[^%{]|%(?!\})|\{(?!%))*?)(-?%\})")
"""An ``if``/``elsif``/``unless`` tag, its condition stopping at the next tag's ``{%``."""
_QUOTED_OR_PARENTHESES = re.compile(r"\"[^\"]*\"|'[^']*'|\(([^()\"']*)\)|[()]")
"""A quoted text (kept), a parenthesised run without quotes or parentheses, or a lone
parenthesis: each found where the last ended, so a run of ``(`` is read once."""


def _condition_unparenthesised(match: re.Match[str]) -> str:
    """``{% if ((r.uid contains include.id) or (x contains y)) %}`` as Jekyll's lax Liquid
    read it: each operand's parentheses ignored (its variables are read by their words alone;
    18F's State Officer, M.D. ``link`` include, on every lesson). The engine refused the tag,
    and the page showed the include's tag as typed. A range ``(1..5)`` and a quoted ``"(x)"``
    keep theirs."""
    left, condition, right = match.groups()
    if "(" not in condition and ")" not in condition:
        return match.group(0)

    def unwrapped(found: re.Match[str]) -> str:
        if found.group(0)[0] in "\"'":
            return found.group(0)
        inside = found.group(1)
        if inside is not None and _is_range(inside.strip()):
            return found.group(0)
        return f" {inside} " if inside is not None else " "

    return left + _QUOTED_OR_PARENTHESES.sub(unwrapped, condition) + right


def _outputs_unbraced(text: str) -> str:
    """Each ``{{ x }}`` in ``text`` as ``x`` (a dash and spaces inside its braces left out),
    in one pass: the pattern ``\\{\\{-?\\s*(…)*?\\s*-?\\}\\}`` took 7 s for ``{% if {{ `` and
    1.5 KB of spaces (cubic), 8 s for a tag of 20,000 ``{{`` (quadratic)."""
    out, pos = [], 0
    while (start := text.find("{{", pos)) != -1:
        end = text.find("}}", start + 2)
        if end == -1:
            break
        inside = text[start + 2:end]
        inside = (inside[1:] if inside.startswith("-") else inside).lstrip()
        inside = (inside[:-1] if inside.endswith("-") else inside).rstrip()
        out += [text[pos:start], inside]
        pos = end + 2
    return "".join(out) + text[pos:] if out else text
_QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*')")


def _remembered(written: dict[str, str], call: str, original: str) -> str:
    """``call``, noted as standing for ``original``; made distinct (a space more before its
    ``%}``, which the engine reads the same) from a call that stands for another spelling:
    ``{% include x %}`` and ``{% include_cached x %}`` are one call, and a tag shown as
    written was quoted in the other's spelling."""
    while written.get(call, original) != original:
        end = len(call) - (3 if call.endswith("-%}") else 2)
        call = call[:end] + " " + call[end:]
    written[call] = original
    return call


_INCLUDES = ("include", "include_cached", "include_relative")
"""Tags whose ``{{ }}`` name a file (:data:`_DYNAMIC_INCLUDE`): not unbraced; one the engine
cannot run is shown as the page wrote it."""


def _unbraced(text: str, protected: list[tuple[int, int]] = ()) -> str:
    """``{% if {{include.url}} %}`` as Jekyll's lax Liquid read it: ``{% if include.url %}``
    (documentation-theme-jekyll's ``image.html``; the engine refused it, so every picture
    the include drew was shown as its tag). Tags found in linear time (:func:`tag_spans`);
    none in ``protected`` (code, ``{% raw %}``: examples shown as written)."""
    out, pos = [], 0
    for start, end, name in tag_spans(text):
        if name and name not in _INCLUDES and "{{" in text[start + 2:end] and not _inside(start, protected):
            pieces = _QUOTED.split(text[start:end])  # a quoted '{{ y }}' stays a text
            out += [text[pos:start], "".join(piece if n % 2 else _outputs_unbraced(piece)
                                             for n, piece in enumerate(pieces))]
            pos = end
    return "".join(out) + text[pos:] if out else text


_DOUBLE_PIPE_OUTPUT = re.compile(r"\{\{(-?)([^{}|\"']*)\|\|([^{}]*?)(-?)\}\}")
"""``{{ page.title || site.github.project_title }}``: a bracket stops each try (``[^{}]``),
so a page of ``{{`` never closed is read once."""
_PIPED_CONDITION = re.compile(r"\{%(-?)(\s*(?:if|elsif|unless)\s[^{}%|\"']*)\|[^{}%]*?(-?)%\}")
"""``{% if site.author.name | site.author.email %}``: no ``%`` inside, so each try stops at
the next one."""


@functools.cache
def _filter_names() -> frozenset[str]:
    """The filters a lax ``||`` may name: Liquid's own and Jekyll's (:func:`_environment`'s)."""
    return frozenset(_environment().filters)


def _lax_output(match: re.Match[str]) -> str:
    """``{{ a || b }}`` as Jekyll's lax Liquid read it: ``b``'s first word a filter on ``a``
    when there is one of that name (``|| default: "x"``), else ignored: ``{{ a }}``."""
    left, name, rest, right = match.groups()
    word = re.match(r"\s*(\w+)", rest)
    kept = f" | {rest.strip()}" if word and word.group(1) in _filter_names() else ""
    return "{{" + left + " " + name.strip() + kept + " " + right + "}}"


def _lax_condition(match: re.Match[str]) -> str:
    """``{% if a | b %}`` (or ``a || b``) as Jekyll's lax Liquid read it: the condition ends
    where no operator follows ``a``, so it is ``{% if a %}`` (the UC Davis Library's dataset
    pages). The engine refused the tag, and the page showed it and its end tag as typed."""
    left, condition, right = match.groups()
    return "{%" + left + condition.rstrip() + " " + right + "%}"


def _lax_pipes(text: str) -> str:
    """Both of Jekyll's lax pipes, rewritten; text without ``|`` after a tag is left as is."""
    if "||" in text and "{{" in text:
        text = _DOUBLE_PIPE_OUTPUT.sub(_lax_output, text)
    if "|" in text and "{%" in text:
        text = _PIPED_CONDITION.sub(_lax_condition, text)
    return text


def _lax(text: str) -> str:
    """What Jekyll's lax Liquid accepted and the engine's strict parser does not, rewritten."""
    if "(" in text:
        text = _PARENTHESISED.sub(_unparenthesised, text)
        text = _CONDITION.sub(_condition_unparenthesised, text)
    if "|" in text:
        text = _lax_pipes(text)
    return _unbraced(text) if "{%" in text and "{{" in text else text


def _jekyll_tags(text: str, written: dict[str, str], relative: Collection[str] = (),
                 assets: Mapping[str, str] | None = None) -> str:
    """Jekyll's own tags with an obvious meaning, as Markdown (their code then stays code);
    an include in the engine's syntax, remembered in ``written`` as the page wrote it;
    jekyll-assets' tags as what they wrote (``assets``: :func:`.assets.addresses`)."""
    text = _highlights(text)
    if assets:
        text = _outside_code(text, jekyll_assets.PATH, lambda m: assets.get(m.group(1), m.group(0)))
        text = _outside_code(text, jekyll_assets.SOURCE, lambda m: jekyll_assets.picture(m, assets))
    if "{%" in text and jekyll_assets.LINKED.search(text):
        text = _outside_code(text, jekyll_assets.LINKED, jekyll_assets.element)
    if "--" in text:
        text = _outside_code(text, _DASHES, lambda m: m.group(1) or m.group(2))
    if "(" in text:
        text = _outside_code(text, _PARENTHESISED, _unparenthesised)
        text = _outside_code(text, _CONDITION, _condition_unparenthesised)
    if "||" in text and "{{" in text:
        text = _outside_code(text, _DOUBLE_PIPE_OUTPUT, _lax_output)
    if "|" in text and "{%" in text:
        text = _outside_code(text, _PIPED_CONDITION, _lax_condition)
    if "{%" in text and "{{" in text:
        text = _unbraced(text, protected_spans(text))

    def include(match: re.Match[str]) -> str:
        return _remembered(written, _include_call(match), match.group(0))

    def dynamic_include(match: re.Match[str]) -> str:
        return _remembered(written, _include_call(match, named_by=True), match.group(0))

    text = _outside_code(text, _INCLUDE, include)
    if "{{" in text:  # after: the engine's call for it is a written name's pattern too
        text = _outside_code(text, _DYNAMIC_INCLUDE, dynamic_include)

    def include_relative(match: re.Match[str]) -> str:
        if match.group(2) not in relative:
            return match.group(0)
        return _remembered(written, _include_call(match, RELATIVE), match.group(0))

    if relative:
        text = _outside_code(text, _INCLUDE_RELATIVE, include_relative)

    def translate_file(match: re.Match[str]) -> str:
        left, name, right = match.groups()
        key = next((k for k in relative if k.startswith("_i18n/") and k.split("/", 2)[2] == name), None)
        if key is None:
            return match.group(0)
        return _remembered(written, "{%" + left + f' include "{RELATIVE}{key}" ' + right + "%}", match.group(0))

    if relative and ("translate_file" in text or "tf" in text):
        text = _outside_code(text, _TRANSLATE_FILE, translate_file)
    def markdown_block(match: re.Match[str]) -> str:
        return _remembered(written, _markdown_block(match), match.group(0))

    if "markdown" in text:
        text = _outside_code(text, _MARKDOWN_BLOCK, markdown_block)
    # A post is the page posts/<file name> (see posts); the old-URL table knows this path too
    text = _outside_code(text, _POST_URL, lambda m: "/posts/" + m.group(1).strip("/"))
    return _outside_code(text, _LINK, lambda m: "/" + m.group(1).strip("\"'").lstrip("/"))


_MARKDOWN_BLOCK = re.compile(r"\{%-?\s*markdown\s*-?%\}|\{%-?\s*endmarkdown\s*-?%\}")
_MARKDOWN_CAPTURE = "jekyll_markdown_block"


def _markdown_block(match: re.Match[str]) -> str:
    """jekyll-markdown-block's ``{% markdown %}…{% endmarkdown %}`` (18F's pages: Markdown
    inside an HTML ``<section>``) as the Liquid it meant: its inside made Markdown, like
    ``markdownify``. One left unpaired is reported by the engine, as the page wrote it."""
    if "end" in match.group(0):
        return f"{{% endcapture %}}{{{{ {_MARKDOWN_CAPTURE} | markdownify }}}}"
    return f"{{% capture {_MARKDOWN_CAPTURE} %}}"


_TRANSLATE_FILE = re.compile(r"\{%(-?)\s*(?:translate_file|tf)\s+([\w./-]+)\s*(-?)%\}")
"""jekyll-multiple-languages-plugin's ``{% translate_file about.md %}``: the file
``_i18n/<lang>/about.md`` (:func:`.liquid.translated_files`), included as it is with the
page's Liquid context, as ``include_relative`` includes one."""

_TRANSLATE = re.compile(r"\{%-?\s*(?:t|translate)\s+([\w-]+(?:\.[\w-]+)*)\s*-?%\}")


def _translated(text: str, site: Mapping[str, Any]) -> str:
    """jekyll-multiple-languages-plugin's ``{% t book.tip %}``: the words ``_i18n/<lang>.yml``
    gives that key in the site's first language (``site.translations``, ``site.lang``), as
    written, Liquid in them not run (the plugin ran none). A key the file does not have stays
    a tag the publication cannot run, shown and said (fortran-lang's tip and note boxes)."""
    if "site.url" in text:  # an include's too: the old site's address inside another's
        text = _outside_code(text, EMBEDDED_SITE_URL, lambda m: embedded_site_address(m, site))
    table = site.get("translations")
    words = table.get(site.get("lang")) if isinstance(table, Mapping) else None
    if not isinstance(words, Mapping) or "{%" not in text:
        return text

    def known(match: re.Match[str]) -> str:
        value = _property(words, match.group(1))
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return match.group(0)
        value = str(value)
        return "{% raw %}" + value + "{% endraw %}" if "{" in value else value

    return _outside_code(text, _TRANSLATE, known)


def _outside_code(text: str, pattern: re.Pattern[str], change: Any) -> str:
    """``pattern`` replaced only where Liquid runs: a tag in code or ``{% raw %}`` is an
    example the page shows as written (minimal-mistakes' docs show ``{% include figure … %}``)."""
    spans = protected_spans(text)
    return pattern.sub(lambda m: m.group(0) if _inside(m.start(), spans) else change(m), text)


def _highlights(text: str) -> str:
    """Each ``{% highlight lang %}`` … ``{% endhighlight %}`` as a fenced code block whose fence
    is longer than any run of backticks inside it (just-the-docs shows fences that way), and
    none inside ``{% raw %}`` or code, where the tag is shown as written. Like Liquid, the
    block ends at the first ``{% endhighlight %}`` outside ``{% raw %}``, whatever the Markdown.

    What is protected is read again from each block's end (a block's code may open a fence or
    a code span the next would otherwise seem inside), within a budget (:data:`_HIGHLIGHT_BUDGET`):
    4,000 blocks on a page took 12 s and a megabyte of them ten minutes. Past it, the
    rest is left to the engine's own ``highlight`` tag (:class:`_HighlightTag`)."""
    out: list[str] = []
    pos = 0
    budget = min(_HIGHLIGHT_BUDGET * (len(text) + 10_000), _HIGHLIGHT_MOST)
    while True:
        budget -= len(text) - pos
        if budget < 0:
            break
        spans = protected_spans(text[pos:])
        opener = next((m for m in _HIGHLIGHT.finditer(text, pos)
                       if not _inside(m.start() - pos, spans)), None)
        if opener is None:
            break
        closer = _closing_highlight(text, opener.end())
        if closer is None:
            break
        body = text[opener.end():closer.start()]
        runs = [len(run) for run in re.findall(r"`+", _RAW_TAG.sub("", body))]
        fence = "`" * max(3, max(runs, default=0) + 1)
        out.append(text[pos:opener.start()] + fence + opener.group("lang") + body + fence)
        pos = closer.end()
    return "".join(out) + text[pos:]


_HIGHLIGHT_BUDGET, _HIGHLIGHT_MOST = 200, 20_000_000
"""Page lengths :func:`_highlights` may read to find what is protected, in all, and at most
that many characters (~1.5 s): a page under 100 KB with fewer than 200 blocks never
reaches either."""
_RAW_OPENER = re.compile(r"\{%-?\s*raw\s*-?%\}")


def _closing_highlight(text: str, start: int) -> re.Match[str] | None:
    """The first ``{% endhighlight %}`` after ``start`` outside a ``{% raw %}`` that begins after
    ``start``: each raw looked for only up to the candidate, and read once."""
    cursor, raw = start, None
    for candidate in _END_HIGHLIGHT.finditer(text, start):
        while raw is None or raw.end() <= candidate.start():
            opener = _RAW_OPENER.search(text, cursor, candidate.start())
            if opener is None:
                raw = None
                break
            raw = _RAW.match(text, opener.start())
            cursor = raw.end()
        if raw is None or not raw.start() <= candidate.start() < raw.end():
            return candidate
    return None


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``index`` is in one of ``spans`` (sorted, not overlapping: :func:`protected_spans`)."""
    place = bisect_right(spans, (index, float("inf"))) - 1
    return place >= 0 and spans[place][0] <= index < spans[place][1]


def _unraw(code: str) -> str:
    """Code as Jekyll showed it: ``{% raw %}`` tags protected their text and were not shown."""
    return _RAW.sub(lambda m: _raw_inside(m.group(0)), code)


def protected_spans(text: str, keep: Collection[str] = ()) -> list[tuple[int, int]]:
    """Where Liquid must not run: code, maths, ``{% raw %}``, MyST substitutions."""
    spans: list[tuple[int, int]] = []
    fence_open: re.Match[str] | None = None
    for match in _FENCE.finditer(text):
        marker = match.group(1)
        if fence_open is None:
            fence_open = match
        elif marker[0] == fence_open.group(1)[0] and len(marker) >= len(fence_open.group(1)) \
                and not match.group(0).strip()[len(marker):].strip():
            spans.append((fence_open.start(), match.end()))
            fence_open = None
    if fence_open is not None:
        spans.append((fence_open.start(), len(text)))

    starts, ends = [a for a, _ in spans], [b for _, b in spans]  # sorted, never overlapping

    def take(start: int, end: int) -> None:
        """Add the span unless it overlaps one already taken (in log time: a page of
        20,000 code spans compared each with all the others)."""
        place = bisect_left(starts, end)  # every span before it starts before ``end``
        if place and ends[place - 1] > start:
            return
        starts.insert(place, start)
        ends.insert(place, end)

    fenced = list(zip(starts, ends))
    for pattern in (_RAW, _DISPLAY_MATH):
        for match in pattern.finditer(text):
            take(match.start(), match.end())
    for start, end in _inline_code(text, fenced):
        take(start, end)
    for match in _INLINE_MATH.finditer(text):
        take(match.start(), match.end())
    if keep:
        names = "|".join(re.escape(name) for name in keep)
        for match in re.finditer(r"\{\{\s*(?:" + names + r")\s*\}\}", text):
            take(match.start(), match.end())
    return list(zip(starts, ends))


def _inline_code(text: str, fenced: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inline code as CommonMark finds it: within one paragraph, and within one row of a
    table. A backtick left open in one table row once paired with one rows or paragraphs
    later, and the Liquid between them (minimal-mistakes' ``relative_url`` links) was
    shown as typed."""
    cuts = sorted([(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)] + fenced)
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut_start, cut_end in [*cuts, (len(text), len(text))]:
        if cut_start > pos:
            block = text[pos:cut_start]
            pieces = [(pos, block)]
            if "|" in block and _TABLE_DELIMITER.search(block):
                pieces, at = [], pos
                for line in block.split("\n"):
                    pieces.append((at, line))
                    at += len(line) + 1
            for at, piece in pieces:
                if "`" in piece:
                    spans += [(at + a, at + b) for a, b in code_spans(piece)]
        pos = max(pos, cut_end)
    return spans


_LINKED_PATH = r"\{%-?\s*link\s+(?P<path>[^\s{}%]+?)\s*-?%\}"
_MARKDOWN_LINK_TO = re.compile(r"\[(?P<words>[^\[\]\n]*)\]\((?:\{\{[^}\n]*\}\}|[^()\s{])*?"
                               + _LINKED_PATH + r"[^()\s]*\)")
_LINK_TAG = re.compile(_LINKED_PATH)
_HREF_LINK_TAG = re.compile(r"""[ \t]href=(["'])""" + _LINKED_PATH + r"\1")  # the whole address: no attribute


def _missing_links(text: str, exists: Callable[[str], bool],
                   first_line: int) -> tuple[str, tuple[Dropped, ...]]:
    """``{% link _pages/history.md %}`` naming a file the source folder lacks (Jekyll stopped
    its build there: "Could not find document"): a Markdown link to it is its words alone, any
    other such tag writes nothing, and each is listed as written. Written as ``/_pages/history.md``,
    it was warned as a link to an address the page never had."""
    if "link" not in text or "{%" not in text:
        return text, ()
    missing: list[Dropped] = []

    def named(match: re.Match[str]) -> bool:
        path = match.group("path").strip("\"'")
        if exists(path):
            return False
        tag = _LINK_TAG.search(match.group(0)).group(0)
        missing.append(Dropped(first_line + text.count("\n", 0, match.start()), _short(tag, 200)))
        return True

    text = _outside_code(text, _MARKDOWN_LINK_TO, lambda m: m.group("words") if named(m) else m.group(0))
    text = _outside_code(text, _HREF_LINK_TAG, lambda m: "" if named(m) else m.group(0))
    text = _outside_code(text, _LINK_TAG, lambda m: "" if named(m) else m.group(0))
    return text, tuple(sorted(set(missing), key=lambda d: d.line))


def render(text: str, page: Mapping[str, Any], site: Mapping[str, Any], *, first_line: int = 1,
           keep: Collection[str] = (), includes: Mapping[str, str] | None = None,
           relative: Mapping[str, str] | None = None,
           markdownified: Callable[[str], str] | None = None,
           paginator: Mapping[str, Any] | None = None,
           assets: Mapping[str, str] | None = None,
           linked: Callable[[str], bool] | None = None) -> Result:
    """Run the Liquid in ``text`` (whose first line is ``first_line`` of its file);
    ``includes`` are the old site's ``_includes/`` files by path (``note.html``),
    ``relative`` the files beside the page its ``include_relative`` tags name (as written).
    ``markdownified`` turns a ``markdownify`` output into what the page is written in: on a
    page written in HTML, HTML (else it stays Markdown, placed for MyST: :func:`_as_blocks`).
    ``paginator``: jekyll-paginate's, for a page that lists the posts (:mod:`.paginator`);
    without it a loop over ``paginator.posts`` is one of the old site's lists, left out.
    ``assets``: the address of each file a jekyll-assets ``asset_path`` tag names.
    ``linked``: whether the source folder has the file a ``{% link path %}`` names."""
    if not has_liquid(text):
        return Result(text, ())
    text = text.translate(MARKERS)
    includes = {name: body.translate(MARKERS) for name, body in (includes or {}).items()}
    relative = {name: body.translate(MARKERS) for name, body in (relative or {}).items()}
    text, unlinked = _missing_links(text, linked, first_line) if linked else (text, ())
    written: dict[str, str] = {}
    text = _jekyll_tags(_translated(text, site), written, relative or {}, assets)
    slots: list[str] = []

    def as_written(piece: str) -> str:
        for call, original in written.items():
            piece = piece.replace(call, original)
        return piece

    def slot(piece: str) -> str:
        slots.append(piece)
        return f"\x03{len(slots) - 1}\x04"

    def code_slot(piece: str) -> str:
        return slot(_fenced_include(piece, relative))

    spans = protected_spans(text, keep)
    source = _marked(text, spans, code_slot, _assigned_outside(text, spans))
    source, dropped = _defused(source, slot, as_written, first_line)
    source, unlisted = _without_site_lists(source, site, as_written, first_line,
                                           paged=paginator is not None)
    context = {"page": dict(page), "site": dict(site)}
    if paginator is not None:
        context["paginator"] = dict(paginator)
    loadable = {**{name: _translated(body, site) for name, body in (includes or {}).items()},
                **{RELATIVE + name: body for name, body in (relative or {}).items()}}
    env = _environment_with(tuple(sorted(loadable.items())))
    source, unknown = _unknown_names(source, env, slot, as_written, slots, first_line)
    dropped += unknown
    tries = min(_MAX_RETRIES, max(1, _RETRY_BUDGET // max(len(source), 1)))
    work = liquid_limits.Budget()  # one for every try: a hostile page's retries cost no more
    for _ in range(tries):
        noted: list[Undefined] = []
        menus: list[tuple[Any, str]] = []
        looped: list[Undefined] = []
        tested: list[Undefined] = []
        watching_tests = _TESTED_EMPTY.set(tested)
        watching = _PRINTED_EMPTY.set(noted)
        watching_menus = _MENUS_LEFT_OUT.set(menus)
        watching_loops = _LOOPED_EMPTY.set(looped)
        counting = liquid_limits.watch(work)
        try:
            output = env.from_string(source).render(**context)
            break
        except liquid_limits.OverLimit as err:
            return _over_limit(text, source, err, dropped, as_written, first_line, slots)
        except LiquidError as err:
            span = _failing_span(source, err)
            if span is None:
                return Result(as_written(text), (Dropped(first_line, _short(str(err) or "Liquid")),))
            start, end = span
            line = _line_at(source, start, first_line)
            kept = as_written(_unslotted(_plain(source[start:end]), slots))
            inside = f" ({err.inside})" if hasattr(err, "inside") else ""
            dropped.append(Dropped(line, _short(_SLOT.sub("…", kept)) + inside))
            source = source[:start] + slot(kept) + source[end:]
        except (RecursionError, MemoryError, ValueError, TypeError) as err:  # engine limits
            return Result(as_written(text), (Dropped(first_line, _short(str(err))),))
        finally:
            _PRINTED_EMPTY.reset(watching)
            _MENUS_LEFT_OUT.reset(watching_menus)
            _LOOPED_EMPTY.reset(watching_loops)
            _TESTED_EMPTY.reset(watching_tests)
            liquid_limits.unwatch(counting)
    else:
        rest = Dropped(first_line, f"all of this page's Liquid: after {len(dropped)} that could "
                                   "not be run, the rest was not tried")
        return Result(as_written(text), (*sorted(dropped, key=lambda d: d.line), rest))
    output = _restored(output, slots)  # a kept tag may hold slotted code
    if markdownified is not None and _MARKDOWNIFIED[0] in output:
        output = _each_markdownified(output, lambda start, end, inside: markdownified(inside))
    aligned, lines = _aligned(_as_blocks(output))
    return Result(aligned, tuple(sorted(dropped, key=lambda d: d.line)), unlisted, lines,
                  tuple(sorted(_unfilled(noted, source, first_line), key=lambda d: d.line)),
                  _menus([m for m in menus if m[1] not in env.contents_lists], source, first_line, as_written),
                  _unlooped(looped, source, first_line, as_written), unlinked,
                  _menus([m for m in menus if m[1] in env.contents_lists], source, first_line, as_written),
                  _untaken(tested, source, first_line, as_written))


def _menus(left_out: list[tuple[Any, str]], source: str, first_line: int,
           as_written) -> tuple[Dropped, ...]:
    """The page's include tags whose menu was left out (each once, a loop's too), quoted as
    written: `` `{% include top.html %}` (its `nav.html`) `` when the menu is included deeper."""
    found: dict[int, Dropped] = {}
    for token, name in left_out:
        index = getattr(token, "start_index", None)
        if getattr(token, "source", None) is not source or index is None or index in found:
            continue
        span = _tag_at(source, index)
        tag = _short(_SLOT.sub("…", as_written(_plain(source[span[0]:span[1]])))) if span else "{% include %}"
        deeper = "" if re.search(rf"include\s+['\"]?{re.escape(name)}\b", tag) else f" (its `{name}`)"
        found[index] = Dropped(_line_at(source, index, first_line), f"`{tag}`{deeper}")
    return tuple(sorted(found.values(), key=lambda d: d.line))


def _over_limit(text: str, source: str, err: LiquidError, dropped: list[Dropped], as_written,
                first_line: int, slots: list[str]) -> Result:
    """The page's budget ran out: all of its Liquid kept as written, said at the page's tag
    that was running (running the rest would cost as much again)."""
    span = _failing_span(source, err) if getattr(err.token, "source", None) is source else None
    line = _line_at(source, span[0], first_line) if span else first_line
    tag = as_written(_unslotted(_plain(source[span[0]:span[1]]), slots)) if span else "Liquid"
    said = Dropped(line, f"{_short(_SLOT.sub('…', tag))} ({err.message})")
    return Result(as_written(text), tuple(sorted([*dropped, said], key=lambda d: d.line)))


SITE_LISTS = frozenset({"posts", "pages", "html_pages", "static_files", "documents", "categories",
                        "tags", "related_posts", "collections"})
"""What Jekyll gave a page's Liquid about the whole site (and each collection by its name)."""
_LIST_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+(?:site\.(\w+)|(paginator)\.\w+|(\w+))[^%]*%\}")
_ASSIGNED_LIST = re.compile(r"\{%-?\s*assign\s+(\w+)\s*=\s*(?:site\.(\w+)|(paginator)\.\w+)")
_FOR_OR_END = re.compile(r"\{%-?\s*(for|endfor)\b[^%]*%\}")


def _without_site_lists(source: str, site: Mapping[str, Any], as_written,
                        first_line: int, paged: bool = False) -> tuple[str, tuple[Dropped, ...]]:
    """Loops over the old site's own lists left out, each said: the engine has no
    ``site.publications`` to give them, and ran them as empty loops without a word.
    A loop over a variable assigned from one (``{% assign docs = site.documents | sort: "date" %}``)
    is one of them too.

    academicpages' publications page is ``{% for post in site.publications reversed %}``:
    the publication's contents list those pages instead. A loop whose end is missing is
    the engine's to report. ``paged``: the page is given a ``paginator``, whose lists are run."""
    collections = site.get("collections")
    names = SITE_LISTS | ({c.get("label") if isinstance(c, Mapping) else c for c in collections
                           if isinstance(c, (str, Mapping))} if isinstance(collections, list)
                          else set(collections) if isinstance(collections, dict) else set())
    if isinstance(site.get("posts"), list):  # given (jekyll_compat's posts, newest first): run
        names -= {"posts"}
    assigned = {m.group(1): m.start() for m in reversed(list(_ASSIGNED_LIST.finditer(source)))
                if (m.group(2) is None and not (paged and m.group(3))) or m.group(2) in names}
    out, unlisted, pos = [], [], 0
    for loop in _LIST_LOOP.finditer(source):
        variable = loop.group(3)
        if loop.start() < pos or (loop.group(1) is not None and loop.group(1) not in names) \
                or (paged and loop.group(2)) \
                or (variable is not None and assigned.get(variable, len(source)) > loop.start()):
            continue
        depth, end = 0, None
        for tag in _FOR_OR_END.finditer(source, loop.start()):
            depth += 1 if tag.group(1) == "for" else -1
            if depth == 0:
                end = tag.end()
                break
        if end is None:
            continue
        unlisted.append(Dropped(_line_at(source, loop.start(), first_line),
                                _short(as_written(_plain(loop.group(0))))))
        out.append(source[pos:loop.start()])
        pos = end
    if not unlisted:
        return source, ()
    out.append(source[pos:])
    return "".join(out), tuple(unlisted)


_NEVER_ENDED = re.compile(r"\{%-?\s*doc\s*-?%\}")
_DOC_END = re.compile(r"\{%-?\s*enddoc\s*-?%\}")


def _defused(source: str, slot, as_written, first_line: int) -> tuple[str, list[Dropped]]:
    """Openers the engine's lexer would search to the end of the page, kept as text first.

    python-liquid's lexer looks for the end of ``{{``, ``{%`` and ``{% doc %}`` from every
    opener; with none after it, to the end of the page, and again from the next opener:
    40 KB of ``{`` took 72 s. An opener after the last closer of its kind can never close,
    so it is kept as written to the end of its line (as :func:`_unclosed` does after a
    failed run) and listed, before the engine sees it.
    """
    last = {"{{": source.rfind("}}"), "{%": source.rfind("%}")}
    ends = [m.end() for m in _DOC_END.finditer(source)]
    starts = [m.start() for m in re.finditer(r"\{[{%]", source)
              if m.start() + 2 > last[m.group(0)]]
    starts += [m.start() for m in _NEVER_ENDED.finditer(source) if not ends or m.end() > ends[-1]]
    if not starts:
        return source, []
    out: list[str] = []
    kept: list[tuple[int, str]] = []
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue  # inside what an earlier opener keeps
        end = source.find("\n", start)
        end = len(source) if end == -1 else end
        text = as_written(_plain(source[start:end]))
        out += [source[pos:start], slot(text)]
        kept.append((start, text))
        pos = end
    out.append(source[pos:])
    lines = _lines_at(source, [start for start, _ in kept], first_line)
    return "".join(out), [Dropped(line, _short(_SLOT.sub("…", text)))
                          for line, (_, text) in zip(lines, kept)]


_NOT_TAGS = frozenset({"else", "elsif", "when", "empty"})
"""Names a block's parser reads inside it: no tags of their own, like every ``end…``."""
_FILTER_NAME = re.compile(r"\|\s*([A-Za-z_][\w-]*)")
_QUOTED_TEXT = re.compile(r"\"[^\"]*\"|'[^']*'")


def _unknown_names(source: str, env: Environment, slot, as_written, slots: list[str],
                   first_line: int) -> tuple[str, list[Dropped]]:
    """Tags and filters the engine does not know (a plugin's ``{% seo %}``, ``| nope``),
    kept as written and listed before the first run: each one stopped a run, and the page was
    run again without it, up to 64 times (10 KB of ``{{ x | nope }}`` took 2 s, 40 KB 10 s).
    What a ``{% comment %}`` holds is never run, and stays unsaid."""
    out: list[str] = []
    found: list[tuple[int, str]] = []
    pos, hidden = 0, 0
    for start, end, name in tag_spans(source):
        if name == "comment":
            hidden += 1
        elif name == "endcomment":
            hidden = max(hidden - 1, 0)
        if hidden or start < pos:
            continue
        inside = _QUOTED_TEXT.sub("", source[start + 2:end - 2])
        unknown_tag = name and name not in env.tags and name not in _NOT_TAGS \
            and not name.startswith("end")
        if not unknown_tag and not any(m.group(1) not in env.filters for m in _FILTER_NAME.finditer(inside)):
            continue
        kept = as_written(_unslotted(_plain(source[start:end]), slots))
        out += [source[pos:start], slot(kept)]
        found.append((start, kept))
        pos = end
    if not found:
        return source, []
    out.append(source[pos:])
    lines = _lines_at(source, [start for start, _ in found], first_line)
    return "".join(out), [Dropped(line, _short(_SLOT.sub("…", kept))) for line, (_, kept) in zip(lines, found)]


def _lines_at(source: str, indexes: list[int], first_line: int) -> list[int]:
    """The file line of each of the sorted ``indexes`` of the marked source (markers say which
    line they start), in one pass over the markers."""
    lines = []
    marks = _MARK.finditer(source)
    mark = None
    upcoming = next(marks, None)
    for index in indexes:
        while upcoming is not None and upcoming.end() <= index:
            mark, upcoming = upcoming, next(marks, None)
        if mark is None:
            lines.append(first_line + source.count("\n", 0, index))
        else:
            lines.append(first_line - 1 + int(mark.group(1)) + source.count("\n", mark.end(), index))
    return lines


_ASSIGNED = re.compile(r"\{%-?\s*(?:assign|capture)\s+([A-Za-z_][\w-]*)")
_OUTPUT_OF_NAME = re.compile(r"\{\{-?[ \t]*([A-Za-z_][\w-]*)[ \t]*-?\}\}")


def _assigned_outside(text: str, spans: list[tuple[int, int]]) -> frozenset[str]:
    """The variables the page's own ``{% assign %}`` and ``{% capture %}`` set, outside code."""
    starts = [a for a, _ in spans]
    names = set()
    for match in _ASSIGNED.finditer(text):
        at = bisect_right(starts, match.start()) - 1
        if at < 0 or spans[at][1] <= match.start():
            names.add(match.group(1))
    return frozenset(names)


def _shown_in_code(piece: str, names: frozenset[str]) -> list[str]:
    """``piece`` (code) cut around each ``{{ name }}`` of a variable the page set itself: odd
    items are those outputs, which Jekyll ran in code too. A page writes ``{{`` in its code
    that way (``{% assign cb2o = '{{' %}`` … ```` ``` ```` ``{{ cb2o }} post.date``: nelbren's
    multilingual-Jekyll post); ``{{ page.title }}`` shown in code stays as written."""
    if not names or "{{" not in piece or _RAW.search(piece):
        return [_unraw(piece)]
    parts, pos = [], 0
    for match in _OUTPUT_OF_NAME.finditer(piece):
        if match.group(1) not in names:
            continue
        parts += [piece[pos:match.start()], match.group(0)]
        pos = match.end()
    return [*parts, piece[pos:]]


def _marked(text: str, spans: list[tuple[int, int]], slot, shown: frozenset[str] = frozenset()) -> str:
    """``text`` with protected spans in slots and a line marker at each free line start.
    In code, the outputs of ``shown`` variables stay out of the slots: the engine runs them.

    No marker inside a ``{% capture %}`` block: its text is written where the variable is
    shown, and a marker there would take that line back to the capture's lines (the Utah
    Mapping Portal's contact, captured above a paragraph: its warnings named the capture)."""
    tags = tag_spans(text)
    captures, opened = [], []
    for a, b, name in tags:
        if name == "capture":
            opened.append(a)
        elif name == "endcapture" and opened:
            captures.append((opened.pop(), b))
    covered = _covered([*spans, *((a, b) for a, b, _ in tags), *captures])
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    marks = [(start, number) for number, start in enumerate(starts, start=1)
             if not _within(start, covered)]
    events = sorted([(start, 0, number) for start, number in marks] +
                    [(a, 1, b) for a, b in spans])
    out: list[str] = []
    pos = 0
    for at, kind, value in events:
        if at < pos:
            continue
        out.append(text[pos:at])
        if kind == 0:
            out.append(f"\x01{value}\x02")
            pos = at
        else:
            piece = text[at:value]
            if _RAW.fullmatch(piece):
                out.append(slot(_raw_inside(piece)))
            else:
                parts = _shown_in_code(piece, shown)
                out += [part if odd else slot(part) for odd, part in
                        ((n % 2 == 1, part) for n, part in enumerate(parts))]
            pos = value
    out.append(text[pos:])
    return "".join(out)


_FENCED_INCLUDE = re.compile(
    r"\A( {0,3}(`{3,}|~{3,})[^\n]*\n)[ \t]*\{%-?[ \t]*include_relative[ \t]+([\w./-]+)[ \t]*-?%\}[ \t]*\n"
    r"( {0,3}(`{3,}|~{3,})[ \t]*)\Z")


def _fenced_include(code: str, relative: Mapping[str, str]) -> str:
    """A fenced block that holds only ``{% include_relative example.html %}`` with the file's
    text in it, as Jekyll showed it (Systems Librarianship 101's lessons show their example
    pages so); any other Liquid in code stays an example shown as written. Not a file with
    Liquid of its own, nor one with a line that would close the fence: those stay the tag."""
    found = _FENCED_INCLUDE.match(code)
    if found is None or found.group(3) not in relative:
        return code
    opener, closer = found.group(2), found.group(5)
    if closer[0] != opener[0] or len(closer) < len(opener):
        return code
    body = relative[found.group(3)].rstrip("\n")
    if "{{" in body or "{%" in body or not body.strip() or any(
            line.lstrip(" ").startswith(opener[0] * len(opener)) for line in body.splitlines()):
        return code
    return found.group(1) + body + "\n" + found.group(4)


def _raw_inside(piece: str) -> str:
    """The text of a ``{% raw %}`` block, without its tags (their newlines kept)."""
    start = re.match(r"\{%-?\s*raw\s*-?%\}", piece)
    end = re.search(r"\{%-?\s*endraw\s*-?%\}\Z", piece)
    inner = piece[start.end():end.start() if end else len(piece)]
    return "\n" * start.group(0).count("\n") + inner + ("\n" * end.group(0).count("\n") if end else "")


def _aligned(output: str) -> tuple[str, linemap.LineMap]:
    """Remove the markers, padding so each marked line starts on its own line number again;
    with the map of where the lines are that could not (Liquid that wrote more lines)."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    current = 1
    pos = 0
    for match in _MARK.finditer(output):
        piece = output[pos:match.start()]
        out.append(piece)
        current += piece.count("\n")
        wanted = int(match.group(1))
        if current < wanted:
            out.append("\n" * (wanted - current))
            current = wanted
        marks.append((current, wanted))
        pos = match.end()
    out.append(output[pos:])
    return "".join(out), linemap.from_marks(marks)


def _failing_span(source: str, err: LiquidError) -> tuple[int, int] | None:
    """The tag or output statement the engine stopped at, or else the first one never closed."""
    token = getattr(err, "token", None)
    index = getattr(token, "start_index", None)
    return (index is not None and _tag_at(source, index)) or _unclosed(source)


def _tag_at(source: str, index: int) -> tuple[int, int] | None:
    """The tag or output statement of ``source`` that ``index`` is in."""
    tags = tag_spans(source)
    place = bisect_right([start for start, _, _ in tags], index) - 1
    if place >= 0 and index < tags[place][1]:
        return tags[place][0], tags[place][1]
    return None


_BLOCKS = {"if": "endif", "unless": "endunless", "for": "endfor", "case": "endcase",
           "capture": "endcapture", "comment": "endcomment", "tablerow": "endtablerow"}


def _unclosed(source: str) -> tuple[int, int] | None:
    """An opener with no end: ``{{ x`` (to the end of its line) or ``{% if %}`` without ``endif``."""
    closers = {"%": _positions(source, "%}"), "{": _positions(source, "}}")}
    blanks = _positions(source, "\n\n")
    for match in re.finditer(r"\{[{%]", source):
        start = match.start()
        after = closers[source[start + 1]]
        place = bisect_left(after, start + 2)
        blank = bisect_left(blanks, start)
        if place == len(after) or (blank < len(blanks) and blanks[blank] <= after[place]):
            end = source.find("\n", start)
            return start, end if end != -1 else len(source)
    stack: list[tuple[str, int, int]] = []
    for start, end, name in tag_spans(source):
        if name in _BLOCKS:
            stack.append((_BLOCKS[name], start, end))
        elif stack and name == stack[-1][0]:
            stack.pop()
    return (stack[-1][1], stack[-1][2]) if stack else None


def _positions(text: str, needle: str) -> list[int]:
    """Every place ``needle`` starts in ``text``, overlapping ones too (``}}}``: two)."""
    found = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _line_at(source: str, index: int, first_line: int) -> int:
    """The file line of ``index`` in the marked source (markers say which line they start)."""
    return _lines_at(source, [index], first_line)[0]


def _unslotted(piece: str, slots: list[str]) -> str:
    """A failing tag with the code it holds put back (``content="Use `intent`"``), so it
    matches the include call as the page wrote it; else the engine's own syntax was shown."""
    return _restored(piece, slots)


def _restored(piece: str, slots: list[str]) -> str:
    """``piece`` with each slot's text put back, and the slots those hold, as deep as there
    are slots: a value that spells a slot (YAML's ``"\\x030\\x04"``) held itself, and
    restoring it never ended; one past the last slot is nothing."""
    for _ in range(len(slots) + 1):
        if not _SLOT.search(piece):
            return piece
        piece = _SLOT.sub(lambda m: slots[int(m.group(1))] if int(m.group(1)) < len(slots) else "", piece)
    return _SLOT.sub("", piece)


def _plain(piece: str) -> str:
    return _MARK.sub("", piece)


def _short(tag: str, limit: int = 60) -> str:
    flat = " ".join(tag.split())
    return flat if len(flat) <= limit else flat[:limit - 3] + "..."

"""Remove kramdown's own syntax that CommonMark would print as text, line for line.

Plain Python with no Sphinx import. kramdown attribute lists (``{: .class}``,
``{:toc}``, ``text{: #id}``), extensions (``{::options ... /}``, ``{::comment}``,
``{::nomarkdown}``), heading ids (``## Title {#id}``, and the empty anchor
``<a name="id"></a>`` written in a heading for the same, kept as a MyST target ``(id)=`` on
the blank line above when there is one), the ``* TOC`` marker, the
end-of-block ``^`` line and the wrappers of
``<div markdown="1">`` blocks (so their Markdown is read as Markdown; a ``<td markdown="1">`` cell's
Markdown is written as the HTML kramdown made of it) style how kramdown rendered a page;
in the publication the theme does that, so they are removed. Removed lines become empty
lines: every other line keeps its number. An abbreviation definition (``*[HTTP]: …``),
which kramdown showed only as a tooltip, becomes a list item with its meaning, on its line.
A table's separator lines (``|----|`` between parts of its body, ``|====|`` above its
footer) go after the table, as empty lines. Code (fences and inline) is left alone.
"""

from __future__ import annotations

import re

from bisect import bisect_right
from collections.abc import Container

from pagesource.fences import code_spans, markdown_lines, outside_code, outside_fences
from pagesource.titles import atx_text

_ONLY_IAL = re.compile(r"^\s*(?:\{:[^{}\n]*\}\s*)+$")
# kramdown: the one item's words do not matter ("1. TOC (to make it use ordered list)")
_TOC_MARKER = re.compile(r"^\s*(?:[*+-]|\d+\.)[ \t]+\S.*$")
_TOC_IAL = re.compile(r"^\s*\{:\s*toc\s*\}\s*$")
_INLINE_IAL = re.compile(r"\{:(?!:)[^{}\n]*\}|\{::[^{}\n]*/\}|\{:/(?:\w+)?\}|\{::(?:nomarkdown|options)[^{}\n]*\}")
_OPEN_COMMENT = "{::comment}"
_COMMENT_ENDS = ("{:/comment}", "{:/}")
_HEADING_START = re.compile(r" {0,3}#{1,6}[ \t]")
_ID_AT_END = re.compile(r"\{#([\w:.-]+)\}[ \t]*$")
_IAL_LINE = re.compile(r"^ {0,3}\{:(?![\w-]+:)([^{}\n]*)\}[ \t]*$")
_IAL_ID = re.compile(r"(?:^|[ \t])#([A-Za-z][\w:.-]*)(?=[ \t]|$)")
_END_OF_BLOCK = re.compile(r"^\s*\^\s*$")
_ABBREVIATION = re.compile(r"^\s*\*\[([^\]]+)\]:(.*)$")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$])")
_OPEN_TAG = re.compile(r"^\s*<(\w+)\b([^<>]*)>\s*$")
_MARKDOWN_ATTRIBUTE = re.compile(r"""\bmarkdown\s*=\s*["']?(?:1|block|span)""", re.I)


def _markdown_open(line: str) -> re.Match[str] | None:
    """A line that is only ``<div markdown="1">`` (or ``block``, ``span``): its tag, else
    ``None``. Found in two passes: as one pattern, ``[^<>]*`` on both sides of
    ``markdown`` tried every place it occurs (a long such line: time as its square)."""
    tag = _OPEN_TAG.match(line)
    return tag if tag is not None and _MARKDOWN_ATTRIBUTE.search(tag.group(2)) else None
_CLOSE = re.compile(r"^\s*</(\w+)\s*>\s*$")
_CELL_OPEN = re.compile(r"<(td|th|summary)\b([^<>]*)>", re.I)
_ONE_LINE_ELEMENT = re.compile(r"^( {0,3})<(\w+)\b([^<>]*)>(.*)</(\w+)\s*>\s*$")
_TWO_BACKSLASHES = re.compile(r"(?<!\\)\\\\$")
_PARSE_BLOCK_HTML = re.compile(r"""\{::options\b[^{}\n]*\bparse_block_html\s*=\s*["']?(true|false)\b""", re.I)
_BLOCK_OPEN = re.compile(r"^\s*<(div|section|article|aside|header|footer|main|details|summary|figure|figcaption)"
                         r"\b[^<>]*>\s*$", re.I)
"""An element alone on its line whose content kramdown read as Markdown under
``parse_block_html`` (its block content model), as it read a ``markdown="1"`` one."""
_QUOTE_PREFIX = re.compile(r"^((?: {0,3}>(?:\t|[ ](?! {0,2}>))?)*)(.*)$")
_ANCHOR = r"""<a\s+(?:name|id)\s*=\s*["']?([\w:.-]+)["']?\s*>\s*</a\s*>"""
_ANCHOR_FIRST = re.compile(r"[ \t]*" + _ANCHOR + r"[ \t]*", re.I)
_ANCHOR_LAST = re.compile(_ANCHOR + r"[ \t]*$", re.I)
_MAY_NEED_CLEANING = re.compile(r"[{^]|\*\[|markdown|\][ \t]+\[|<a\s+(?:name|id)\s*=|^[ \t]*\|[+|: \t]*[-=]"
                                r"|\\\\$|^(?: {0,3}>(?:\t|[ ](?! {0,2}>))?)* {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:%|\+{3})",
                                re.I | re.M)
"""Every change :func:`clean` makes needs one of these: an IAL, ``{#id}``, ``{::comment}``,
``{:toc}``, the ``^`` block end, an abbreviation ``*[``, a ``markdown="1"`` wrapper, a
reference link with a space before its label (``[text] [4]``), an empty anchor
``<a name="id"></a>`` in a heading, a table's separator line, a line ending in ``\\\\``,
a block opening with MyST's ``%`` or ``+++`` (:data:`_MYST_MARK`)."""
_MYST_MARK = re.compile(r"^((?: {0,3}>(?:\t|[ ](?! {0,2}>))?)* {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(%|\+{3})")
"""A paragraph, quote or list item opening with ``%`` or ``+++``: words to kramdown, MyST's
comment or block break (which show nothing); escaped (``\\%``), it is words again. Up to
three spaces before it: four make it indented code, shown as written."""
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_TABLE_DELIMITER = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|[+|: \t]*(?:-[+|: \t-]*|=[+|: \t=]*)$")
"""kramdown's separator lines inside a table (its ``TABLE_SEP_LINE``, ``TABLE_FSEP_LINE``)."""
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:")
_SPACED_REFERENCE = re.compile(r"\][ \t]+\[([^\]\n]+)\]")


def markdown_element_content(line: str) -> str | None:
    """The content of ``<p markdown="1">**Name:** x</p>`` whole on its line, which kramdown
    read as Markdown, else ``None``. Not when the content opens an element of the same
    name: the line's end tag is then not its own."""
    element = _ONE_LINE_ELEMENT.match(line)
    if element is None or element.group(2).lower() != element.group(5).lower() \
            or not _MARKDOWN_ATTRIBUTE.search(element.group(3)) or "markdown=\"0\"" in element.group(3) \
            or re.search(rf"<{element.group(2)}\b", element.group(4), re.I):
        return None
    return element.group(4).strip()


def markdown_cells(line: str) -> str:
    """``line`` with each ``<td markdown="1">…</td>`` (or ``th``, ``summary``) on it its content's
    Markdown as HTML, the attribute gone. kramdown read a cell's content as Markdown; in an
    HTML block CommonMark shows its ``**`` and ``[…](…)`` as typed. A cell closed on a later
    line is left as it is."""
    out, at = [], 0
    for tag in _CELL_OPEN.finditer(line):
        if tag.start() < at or not _MARKDOWN_ATTRIBUTE.search(tag.group(2)) or 'markdown="0"' in tag.group(2):
            continue
        close = re.compile(rf"</{tag.group(1)}\s*>", re.I).search(line, tag.end())
        if close is None:
            continue
        from markdown_it import MarkdownIt  # loaded with MyST already
        attributes = re.sub(r"""\s*\bmarkdown\s*=\s*(?:"[^"]*"|'[^']*'|\S+)""", "", tag.group(2), flags=re.I)
        content = MarkdownIt("commonmark").renderInline(line[tag.end():close.start()].strip())
        out += [line[at:tag.start()], f"<{tag.group(1)}{attributes}>", content]
        at = close.start()
    return "".join(out) + line[at:]


def markdown_elements(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with each one-line ``markdown="1"`` element as its Markdown, a block of its
    own, and the 0-based lines of the blank lines added around it.

    CommonMark shows ``<div markdown="1">text **bold**</div>`` as HTML, its ``**`` as
    written; kramdown read the content as Markdown. A run of such ``<p>``s (a physics
    site's solutions, one per line) stays a run of paragraphs, not one."""
    if "markdown" not in text:
        return text, ()
    lines = text.split("\n")
    prose = set(markdown_lines(lines))
    out: list[str] = []
    added: list[int] = []
    for i, line in enumerate(lines):
        content = markdown_element_content(line) if i in prose and "markdown" in line else None
        if content is None and i in prose and "markdown" in line and (start := _details_start(line)):
            out.append(start)  # Markdown right after it: a blank line, so it is read as such
            if i + 1 < len(lines) and lines[i + 1].strip():
                added.append(len(out))
                out.append("")
            continue
        if content is None:
            out.append(line)
            continue
        if out and out[-1].strip():
            added.append(len(out))
            out.append("")
        out.append(content)
        if i + 1 < len(lines) and lines[i + 1].strip():
            added.append(len(out))
            out.append("")
    return "\n".join(out), tuple(added)


def _details_start(line: str) -> str | None:
    """``<details markdown="1">`` (its ``<summary>…</summary>`` on its line or not), kept so
    by :func:`clean`, as the start tag rawhtml folds, the summary's Markdown as its HTML."""
    found = _DETAILS_OPEN_KEPT.match(line)
    if found is None or not _MARKDOWN_ATTRIBUTE.search(found.group(2)) or "markdown=\"0\"" in found.group(2):
        return None
    attributes = re.sub(_MARKDOWN_ATTRIBUTE.pattern + r"[\"']?", "", found.group(2), flags=re.I).strip()
    start = found.group(1) + "<details" + (" " + attributes if attributes else "") + ">"
    return start + (markdown_cells(found.group(3)) if found.group(3) else "")


def opens_markdown_block(line: str) -> bool:
    """``<div markdown="1">`` (or ``block``, ``span``): a wrapper :func:`clean` removes."""
    return _markdown_open(line) is not None


def unclosed_comments(text: str) -> list[int]:
    """The lines of ``{::comment}`` openers that are never closed (kramdown hid the rest)."""
    lines, line, counted = [], 1, 0
    for start in _openers_left(text):
        line += text.count("\n", counted, start)
        counted = start
        lines.append(line)
    return lines


def _comments(text: str) -> list[tuple[int, int]]:
    """Each ``{::comment}`` … ``{:/comment}`` (or ``{:/}``): an opener ends at the first end
    after it. Linear: an opener with no end after it means no later one has one either
    (a pattern searched to the end of the page from every such opener)."""
    spans: list[tuple[int, int]] = []
    ends = {end: -2 for end in _COMMENT_ENDS}  # the next place of each end (-2: not looked)
    pos = 0
    while (start := text.find(_OPEN_COMMENT, pos)) != -1:
        after = start + len(_OPEN_COMMENT)
        for end in _COMMENT_ENDS:
            if ends[end] != -1 and ends[end] < after:
                ends[end] = text.find(end, after)
        found = [(place, end) for end, place in ends.items() if place != -1]
        if not found:
            break
        place, end = min(found)
        spans.append((start, place + len(end)))
        pos = place + len(end)
    return spans


def _openers_left(text: str) -> list[int]:
    """Where the ``{::comment}`` openers outside closed comments are."""
    left, pos = [], 0
    for start, end in [*_comments(text), (len(text), len(text))]:
        while (opener := text.find(_OPEN_COMMENT, pos, start)) != -1:
            left.append(opener)
            pos = opener + len(_OPEN_COMMENT)
        pos = max(pos, end)
    return left


def _without_comments(text: str) -> str:
    """Closed comments blanked (their lines kept), then the openers never closed removed."""
    out, pos = [], 0
    for start, end in _comments(text):
        out.append(text[pos:start])
        out.append("\n" * text.count("\n", start, end))
        pos = end
    out.append(text[pos:])
    return "".join(out).replace(_OPEN_COMMENT, "")


def heading_id(line: str) -> tuple[str, str] | None:
    """``## Title {#id}``, or ``## <a name="id"></a>Title`` (the anchor first or last) →
    (``## Title``, ``id``); None for any other line. Without a pattern that tried every
    split of the title (quadratic in a heading of spaces)."""
    start = _HEADING_START.match(line)
    if start is None:
        return None
    if "{#" in line and (found := _ID_AT_END.search(line, start.end())):
        return line[:start.end()] + line[start.end():found.start()].rstrip(" \t"), found.group(1)
    if "<" not in line:
        return None
    if found := _ANCHOR_FIRST.match(line, start.end()):
        return line[:start.end()] + line[found.end():].rstrip(" \t"), found.group(1)
    if found := _ANCHOR_LAST.search(line, start.end()):
        return line[:found.start()].rstrip(" \t"), found.group(1)
    return None


_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def setext_heading_id(line: str, following: str) -> tuple[str, str] | None:
    """``Title {#id}`` over a ``----`` or ``====`` line, kramdown's setext heading with its
    header id → (``Title``, ``id``); None for any other line. The id went with ATX headings
    only, so the FAQ of tdf-actividades showed ``{#por-que}`` in every heading."""
    if "{#" not in line or not _SETEXT_UNDERLINE.match(following) or line.startswith(("    ", "\t")) \
            or _HEADING_START.match(line) or not line.strip():
        return None
    found = _ID_AT_END.search(line)
    if found is None or not line[:found.start()].strip():
        return None
    return line[:found.start()].rstrip(" \t"), found.group(1)


def block_ial_id(line: str) -> str | None:
    """The id a line that is only a block IAL gives (``{: #get-key}``, ``{:.lead #top}``);
    None for any other line, and for an attribute list definition (``{:ref: #id}``), which
    applies to nothing where it stands."""
    found = _IAL_LINE.match(line)
    return (anchor.group(1) if (anchor := _IAL_ID.search(found.group(1))) else None) if found else None


def _heading_ial(lines: list[str], i: int) -> tuple[int, str] | None:
    """kramdown gave a heading the id of a block IAL on the line right before it (after a
    blank line: after a paragraph's line it is the paragraph's) or right after it: (the
    blank line where its MyST target goes, the id), so links to ``#id`` still land there."""
    anchor = block_ial_id(lines[i])
    if anchor is None:
        return None
    if i + 1 < len(lines) and _HEADING_START.match(lines[i + 1]) and (i == 0 or not lines[i - 1].strip()):
        return i, anchor
    if i > 1 and _HEADING_START.match(lines[i - 1]) and not lines[i - 2].strip():
        return i - 2, anchor
    return None


def clean(text: str, parse_block_html: bool = False, myst_marks: bool = True) -> str:
    """``text`` without kramdown leftovers, with exactly as many lines.

    ``parse_block_html``: the site's ``kramdown:`` setting; a page's
    ``{::options parse_block_html="true" /}`` turns it on (or off) from its line on. While
    on, kramdown read the content of a ``<div>``, ``<details>``, ``<summary>``… alone on its
    line as Markdown: its wrapper lines go, as a ``markdown="1"`` one's do, and the Markdown
    in it is not shown as written.

    An unclosed ``{::comment}`` hid the rest of the page on the old site; here only the
    opener goes, and the text after it stays (:func:`unclosed_comments` says where).

    ``myst_marks``: a block opening with ``%`` or ``+++`` escaped, words as kramdown read
    them; only on a Jekyll site: elsewhere they are MyST's comment and block break, which a
    MyST page writes on purpose (``maths`` says the words a ``+++`` hides).
    A page with none of the marks this looks for is returned as it is, without the walk
    over its lines (most pages: ~0.2 ms each).
    """
    return _clean(text, parse_block_html, myst_marks) if parse_block_html or _MAY_NEED_CLEANING.search(text) \
        else text


def _clean(text: str, parse_block_html: bool = False, myst_marks: bool = True) -> str:
    lines = _without_table_separators(_without_comments(text).split("\n"))
    labels = {_label(m.group(1)) for line in lines if (m := _REFERENCE_DEFINITION.match(line))}
    wrappers: list[str] = []  # open `<div markdown="1">` tags, innermost last
    tocs = _tables_of_contents(lines)
    raw = _nomarkdown_blocks(lines)
    maths = False  # inside kramdown's $$ … $$
    for i in outside_fences(lines):
        if i in raw:
            continue
        if i in tocs:
            lines[i] = tocs[i]
            continue
        line = lines[i]
        if "{::" in line and (option := _PARSE_BLOCK_HTML.search(line)):
            parse_block_html = option.group(1).lower() == "true"
        quote, inside = _QUOTE_PREFIX.match(line).group(1, 2)
        if not quote and "markdown=\"0\"" not in inside and (match := _DETAILS_SUMMARY_OPEN.match(inside)) \
                and _MARKDOWN_ATTRIBUTE.search(match.group(1)):
            wrappers.append("details kept")  # its tag and summary: markdown_elements
            continue
        if (match := _markdown_open(inside) or (parse_block_html and _BLOCK_OPEN.match(inside))) \
                and "markdown=\"0\"" not in inside:  # kramdown parses inside; CommonMark would not
            folded = _folded(lines, i, match, tocs) if not quote and match.group(1).lower() == "details" else None
            wrappers.append("details kept" if folded else match.group(1).lower())
            lines[i] = folded or quote.rstrip()
            continue
        if wrappers and (match := _CLOSE.match(inside)) and match.group(1).lower() == wrappers[-1].split()[0]:
            if wrappers.pop() != "details kept":
                lines[i] = quote.rstrip()
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if (found := heading_id(line) or setext_heading_id(line, following)) and i > 0 \
                and not lines[i - 1].strip():
            lines[i - 1] = f"({found[1]})="  # a MyST target keeps `#id` links working
        if "{:" in line and (placed := _heading_ial(lines, i)) is not None:
            lines[placed[0]] = f"({placed[1]})="
            if placed[0] == i:
                continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _TWO_BACKSLASHES.search(line) and following.strip() and not maths \
                and "$$" not in line and not line.startswith(("    ", "\t")):
            line = line[:-1]  # kramdown's hard line break; Markdown's is one backslash
        maths ^= line.count("$$") % 2 == 1  # inside $$ … $$, \\ ends a row of LaTeX
        if myst_marks and not maths and "$$" not in line:
            line = _MYST_MARK.sub(lambda m: m.group(1) + "\\" + m.group(2), line, count=1)
        lines[i] = _clean_line(line, following)
        if labels and "]" in lines[i]:
            lines[i] = outside_code(lines[i], lambda part: _SPACED_REFERENCE.sub(
                lambda m: f"][{m.group(1)}]" if _label(m.group(1)) in labels else m.group(0), part))
    return "\n".join(lines)


_DETAILS_SUMMARY_OPEN = re.compile(r"^\s*<details\b([^<>]*)>\s*<summary\b[^<>]*>.*</summary\s*>\s*$", re.I)
"""``<details markdown="1"><summary>Fees</summary>`` on one line (kramdown read what follows
as Markdown, the next line too)."""
_DETAILS_OPEN_KEPT = re.compile(r"^( {0,3})<details\b([^<>]*)>\s*(<summary\b[^<>]*>.*</summary\s*>)?\s*$", re.I)
_SUMMARY_LINE = re.compile(r"^\s*(<summary\b[^<>]*>.*</summary\s*>)\s*$", re.I)


def _folded(lines: list[str], i: int, tag: re.Match[str], taken: Container[int] = ()) -> str | None:
    """``<details markdown="1">`` kept as a ``<details>`` start tag, its ``<summary>`` line
    joined to it, so rawhtml folds the Markdown up to ``</details>`` as kramdown's page did.
    When a line of Markdown follows the tag at once (CommonMark would read it as HTML), the
    tag stays as written, for :func:`markdown_elements` to put a blank line after it; ``None``
    when another line of HTML does (the wrapper goes, as before)."""
    following = lines[i + 1] if i + 1 < len(lines) else ""
    asked = tag.re.groups >= 2 and _MARKDOWN_ATTRIBUTE.search(tag.group(2) or "")  # not parse_block_html's
    if asked and i + 1 not in taken and (spread := _spread_summary(lines, i + 1)):
        following = spread  # its lines are left blank, so the Markdown after it is read
    summary = _SUMMARY_LINE.match(following)
    if summary is None and following.strip():
        # Markdown at once: a blank line goes after it (markdown_elements); HTML (a <summary>
        # over several lines, just-the-docs' contents box) is left to what reads it
        return None if following.lstrip().startswith("<") else lines[i].strip()
    attributes = re.sub(_MARKDOWN_ATTRIBUTE.pattern + r"[\"']?", "", tag.group(2), flags=re.I).strip()
    start = "<details" + (" " + attributes if attributes else "") + ">"
    if summary is not None:
        lines[i + 1] = ""  # a <summary markdown="span">'s bold as kramdown read it, not **Fees**
        return start + markdown_cells(summary.group(1))
    return start


_SUMMARY_OPEN_ALONE = re.compile(r"^\s*<summary\b[^<>]*>\s*$", re.I)
_SUMMARY_CLOSE_ALONE = re.compile(r"^\s*</summary\s*>\s*$", re.I)


def _spread_summary(lines: list[str], start: int) -> str | None:
    """``<summary>``, its words and ``</summary>`` on lines of their own from ``start`` (up
    to four lines of words, no tag among them) as one line, those lines made blank; or None.
    A box's words on the line under it were read as HTML, and the box was lost. (just-the-docs'
    contents box is read as a contents list first: its lines are ``taken``.)"""
    if start >= len(lines) or not _SUMMARY_OPEN_ALONE.match(lines[start]):
        return None
    for end in range(start + 1, min(start + 6, len(lines))):
        if _SUMMARY_CLOSE_ALONE.match(lines[end]):
            words = " ".join(" ".join(lines[start + 1:end]).split())
            if not words or "<" in words:
                return None
            joined = f"{lines[start].strip()}{words}</summary>"
            lines[start:end + 1] = [""] * (end + 1 - start)
            return joined
        if not lines[end].strip():
            return None
    return None


def _without_table_separators(lines: list[str]) -> list[str]:
    """A table's separator lines moved after it as empty lines (the rows after them keep
    their order; the lines after the table keep their numbers).

    kramdown drew ``|-----|`` as a rule between parts of a table's body and ``|=====|``
    above its footer; Markdown reads each as one more row, printed as a row of dashes
    (minimal-mistakes' sample post ``markup-html-tags-and-formatting``)."""
    prose = set(outside_fences(lines))
    out = list(lines)
    i = 0
    while i + 1 < len(lines):
        if not (i in prose and _TABLE_ROW.match(lines[i]) and _TABLE_DELIMITER.match(lines[i + 1])):
            i += 1
            continue
        end = i + 2
        while end < len(lines) and end in prose and _TABLE_ROW.match(lines[end]):
            end += 1
        rows = [line for line in lines[i + 2:end] if not _TABLE_SEPARATOR.match(line)]
        out[i + 2:end] = rows + [""] * (end - i - 2 - len(rows))
        i = end
    return out


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()


TOC_DIRECTIVE = "jekyll-toc"
"""The directive a ``1. TOC`` + ``{:toc}`` list becomes: the page's own contents list."""

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$")  # its words: pagesource.titles.atx_text
_SUMMARY = re.compile(r"<summary\b[^<>]*>", re.I)
_SUMMARY_END = re.compile(r"</summary\s*>", re.I)


def _summary_words(text: str) -> str | None:
    """What the first ``<summary>`` of ``text`` holds, up to its ``</summary>``; ``None``
    without one. Found in one pass: ``<summary…>(.*?)</summary>`` searched on to the end
    from every unclosed start (a line of them: time as its square)."""
    start = _SUMMARY.search(text)
    end = _SUMMARY_END.search(text, start.end()) if start else None
    return text[start.end():end.start()] if end else None
_TAG = re.compile(r"<[^<>]*>")


def no_toc_headings(lines: list[str]) -> list[int]:
    """The 0-based lines of the headings ``{: .no_toc }`` keeps out of kramdown's contents."""
    code = set(range(len(lines))) - set(outside_fences(lines))
    return [i for i in range(len(lines) - 1) if i not in code and _ATX.match(lines[i])
            and _ONLY_IAL.match(lines[i + 1]) and re.search(r"\.no_toc\b", lines[i + 1])]


def _tables_of_contents(lines: list[str]) -> dict[int, str]:
    """``{line: its new text}`` for each ``1. TOC`` + ``{:toc}`` (kramdown's generated contents).

    The two lines become the ``jekyll-toc`` directive; the label kramdown's theme showed
    above it (a ``{: .no_toc }`` heading such as ``## Table of contents``, or the
    ``<summary>`` of the ``<details>`` around it) becomes the list's title instead of a
    heading with nothing under it.
    """
    found: dict[int, str] = {}
    prose = list(outside_fences(lines))
    for i in prose:
        if not (_TOC_MARKER.match(lines[i]) and i + 1 < len(lines) and _TOC_IAL.match(lines[i + 1])):
            continue
        title, used = _toc_label(lines, i)
        indent = " " * min(3, len(lines[i]) - len(lines[i].lstrip()))
        title = " ".join(title.replace("`", "").split())
        found.update({j: "" for j in used})
        found[i] = f"{indent}```{{{TOC_DIRECTIVE}}}" + (f" {title}" if title else "")
        found[i + 1] = f"{indent}```"
    return found


def _toc_label(lines: list[str], marker: int) -> tuple[str, list[int]]:
    """(the label shown above a TOC marker, the lines it took), or ("", [])."""
    j, between = marker - 1, []
    while j >= 0 and (not lines[j].strip() or _ONLY_IAL.match(lines[j])):
        between.append(j)
        j -= 1
    if j < 0:
        return "", []
    heading = _ATX.match(lines[j])
    if heading and any(re.search(r"\.no_toc\b", lines[k]) for k in between):
        return _INLINE_IAL.sub("", atx_text(heading.group(1))).strip(), [j, *between]
    if "</summary" in lines[j].lower():
        start = j
        while start > max(0, j - 5) and "<summary" not in lines[start].lower():
            start -= 1
        summary = _summary_words("\n".join(lines[start:j + 1]))
        if summary is not None:
            return _TAG.sub("", summary).strip(), [*range(start, j + 1), *between]
    return "", []


def _clean_line(line: str, following: str) -> str:
    """One line outside code, cleaned; ``following`` tells a ``* TOC`` marker from a list."""
    if _ONLY_IAL.match(line) or _END_OF_BLOCK.match(line):
        return ""
    if found := _ABBREVIATION.match(line):
        return abbreviation_item(found.group(1), found.group(2))
    if _TOC_MARKER.match(line) and _TOC_IAL.match(following):
        return ""
    if found := heading_id(line) or setext_heading_id(line, following):
        line = found[0]
    if _NOMARKDOWN_OPEN in line:
        line = nomarkdown_spans(line)
    if "markdown" in line:
        line = markdown_cells(line)
    return outside_code(line, lambda part: _INLINE_IAL.sub("", part))


_NOMARKDOWN_ALONE = re.compile(r"^ {0,3}\{::nomarkdown\}\s*$")
_NOMARKDOWN_END_ALONE = re.compile(r"^ {0,3}\{:/(?:nomarkdown)?\}\s*$")


def _nomarkdown_blocks(lines: list[str]) -> set[int]:
    """kramdown's ``{::nomarkdown}`` and ``{:/nomarkdown}`` on lines of their own: what stands
    between was written out as it was, as HTML, no Markdown read in it (``*x*`` stays, an
    indented line is no code). Those lines become HTML blocks only
    (:func:`.htmlblocks.one_block_per_element`), the two markers blank; the lines taken are
    returned. An opener never closed is left to the line-by-line cleaning."""
    from .htmlblocks import one_block_per_element

    taken: set[int] = set()
    prose = list(outside_fences(lines))
    inside = set(prose)
    for i in prose:
        if i in taken or not _NOMARKDOWN_ALONE.match(lines[i]):
            continue
        end = next((j for j in range(i + 1, len(lines)) if _NOMARKDOWN_END_ALONE.match(lines[j])), None)
        if end is None or not all(j in inside for j in range(i, end + 1)):
            continue
        lines[i + 1:end] = one_block_per_element("\n".join(lines[i + 1:end])).split("\n")
        lines[i] = lines[end] = ""
        taken.update(range(i, end + 1))
    return taken


_DEFINITION = re.compile(r"^ {0,3}:[ \t]+\S")
_TERM_JOINER = " · "


def joined_terms(text: str) -> str:
    """kramdown's definition with several terms, one a line (``term``, ``another term``,
    ``: the definition``), with its terms on the last of their lines, joined by `` · ``.

    kramdown made each line before the ``:`` a term; MyST takes one line as the term, so the
    others and the ``:`` were printed as a paragraph. Every word is kept, line for line (the
    earlier term lines are left blank)."""
    if ":" not in text:
        return text
    lines = text.split("\n")
    prose = set(outside_fences(lines))
    for i in sorted(prose):
        if i < 2 or not _DEFINITION.match(lines[i]):
            continue
        start = i
        while start - 1 in prose and lines[start - 1].strip() and not _DEFINITION.match(lines[start - 1]) \
                and not lines[start - 1].startswith((" ", "\t", "<", "|", "#", ">", "-", "*", "+")):
            start -= 1
        if i - start < 2 or (start - 1 >= 0 and lines[start - 1].strip()):
            continue
        lines[i - 1] = _TERM_JOINER.join(line.strip() for line in lines[start:i])
        for j in range(start, i - 1):
            lines[j] = ""
    return "\n".join(lines)


NOMARKDOWN_ROLE = "jekyll-nomarkdown"
"""The role a ``{::nomarkdown}…{:/}`` inside a line becomes: its text as raw HTML."""
_NOMARKDOWN_OPEN = "{::nomarkdown}"
_NOMARKDOWN_CLOSE = re.compile(r"\{:/(?:nomarkdown)?\}")
_TICK_RUNS = re.compile(r"`+")


def nomarkdown_spans(line: str) -> str:
    """Each ``{::nomarkdown}…{:/}`` of ``line`` (outside inline code) as the role
    :data:`NOMARKDOWN_ROLE`, whose text no Markdown, typography or smart quotes touch:
    kramdown wrote it out as it was, as HTML. The VA's VistA RPC pages hold MUMPS code so
    (``S ORKY(ORKN)="^^^Order Checking Unavailable"``, ``<br>`` between its lines): read as
    Markdown, its quotes became curly ones and its ``<br>`` text. A span that is its line
    stays that line's HTML, read as a block. One pass: each opener looks up the next
    closer once."""
    spans = code_spans(line)
    starts = [a for a, _ in spans]
    out, at = [], 0
    while (start := line.find(_NOMARKDOWN_OPEN, at)) >= 0:
        index = bisect_right(starts, start) - 1
        if index >= 0 and start < spans[index][1]:  # in inline code: shown as written
            out.append(line[at:start + len(_NOMARKDOWN_OPEN)])
            at = start + len(_NOMARKDOWN_OPEN)
            continue
        close = _NOMARKDOWN_CLOSE.search(line, start + len(_NOMARKDOWN_OPEN))
        if close is None:
            break
        content = line[start + len(_NOMARKDOWN_OPEN):close.start()]
        out.append(line[at:start])
        if not line[:start].strip() and not line[close.end():].strip():
            out.append(content)  # a line of its own: HTML read as a block of HTML, as kramdown did
        elif content.strip():
            ticks = "`" * (max((len(run) for run in _TICK_RUNS.findall(content)), default=0) + 1)
            if content.startswith("`") or content.endswith("`"):
                content = f" {content} "  # else its ticks would join the role's own
            out.append(f"{{{NOMARKDOWN_ROLE}}}{ticks}{content}{ticks}")
        at = close.end()
    out.append(line[at:])
    return "".join(out)


def abbreviation_item(name: str, meaning: str) -> str:
    """``*[HTTP]: HyperText Transfer Protocol`` as a list item every edition shows.

    kramdown printed the definition nowhere and put its meaning in a tooltip on each
    "HTTP" (``<abbr title>``): a tooltip a phone, a screen reader, a PDF and most ePub
    readers never show, so the words were lost. Here they stay where they were written, one
    list item per definition, on the same line; a definition with no meaning goes.
    """
    name = name.strip()
    if not meaning.strip() or not name:
        return ""
    escaped = _MARKDOWN_PUNCTUATION.sub(lambda m: "\\" + m.group(1), name)
    return f"- {escaped}: {meaning.strip()}"



_HASH_HEADING = re.compile(r"^( {0,3})(#{1,6})([^\W\d_][^\n]*)$")
"""``#Community``: a heading's marks with no space before its words (a letter first, so
``#1 priority`` and ``#!/bin/sh`` are none)."""
_HASH_HEADING_ANYWHERE = re.compile(r"^ {0,3}#{1,6}[^\W\d_]", re.M)
_RAW_TEXT = re.compile(r"^ {0,3}<(script|style|pre|textarea)\b", re.I)


def _meant_as_heading(marks: str, words: str, alone: bool) -> bool:
    """Whether ``#`` + ``words`` at a block's start was meant as a heading (to be said where
    it shows as text): ``##Permissions`` always; one ``#`` only for a short line that is
    its block, no sentence and no list of tags: "#ATXSmartCity is how we share ideas." and
    "#parks #trails" are hashtags, as GitHub shows them."""
    if len(marks) > 1:
        return True
    return alone and "#" not in words and len(words.split()) <= 8 \
        and not words.rstrip().endswith((".", "!", "?", ",", ";", ":"))


def hash_headings(text: str, as_headings: bool) -> tuple[str, list[tuple[int, str]]]:
    """``#Community`` at the start of a block, outside code: redcarpet (``markdown:
    redcarpet``, Bloomington's site) read it as a heading, kramdown as text, and CommonMark
    reads it as text. ``as_headings``: write it ``# Community``, as redcarpet read it; the
    lines (1-based) and each line as written, to be said either way. A ``#word`` that goes
    on a paragraph is a hashtag: left alone. Same lines."""
    if "#" not in text or _HASH_HEADING_ANYWHERE.search(text) is None:
        return text, []
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    raw_until = ""
    previous_blank = True
    for i in markdown_lines(lines):
        line = lines[i]
        if raw_until:
            if f"</{raw_until}" in line.lower():
                raw_until = ""
            previous_blank = False
            continue
        if opened := _RAW_TEXT.match(line):
            name = opened.group(1).lower()
            raw_until = "" if f"</{name}" in line.lower() else name
        match = _HASH_HEADING.match(line)
        start = previous_blank or (i > 0 and lines[i - 1].lstrip().startswith("#")) or \
            (i > 0 and lines[i - 1].lstrip().startswith(("```", "~~~")))
        alone = i + 1 >= len(lines) or not lines[i + 1].strip()
        if match is not None and start and not raw_until and (
                as_headings or _meant_as_heading(match.group(2), match.group(3), alone)):
            found.append((i + 1, line.strip()))
            if as_headings:
                lines[i] = f"{match.group(1)}{match.group(2)} {match.group(3)}"
        previous_blank = not line.strip()
    return "\n".join(lines), found


_LIST_ITEM = re.compile(r"^( *)([-+*]|\d{1,9}[.)])( {1,4}|$)")


def _list_item(line: str) -> tuple[int, int, bool] | None:
    """A list item's line: its marker's column, its text's column and whether it is numbered."""
    item = _LIST_ITEM.match(line)
    if item is None or line.lstrip().startswith(("---", "***", "* * *", "- - -")):
        return None
    indent, marker = len(item.group(1)), item.group(2)
    return indent, indent + len(marker) + max(1, len(item.group(3))), marker[0].isdigit()


def sublists_nested(text: str) -> str:
    """A list of the other kind right under a list item, indented less than the item's text
    (``2. Do this`` then ``  - sub a``), moved in to that text, so MyST nests it. One written
    at the item's own column with no blank line before it (``2. Step`` then ``- sub``) too:
    kramdown read it as the item's lazy line, a list that ends the item's paragraph.

    kramdown (Jekyll's GFM reading) and redcarpet nested it in the item; CommonMark began a
    list of its own after the item's list. The moved lines run to a blank line or a line no
    further in than the item; code is left alone; every line keeps its number."""
    lines = text.split("\n")
    prose = set(markdown_lines(lines))
    item: tuple[int, int, bool] | None = None
    item_line = shift = 0
    for i, line in enumerate(lines):
        if i not in prose or not line.strip() or "\t" in line[:len(line) - len(line.lstrip())]:
            item, shift = None, 0
            continue
        indent = len(line) - len(line.lstrip(" "))
        if shift:
            if indent > item[0]:
                lines[i] = " " * shift + line
                continue
            shift = 0
        found = _list_item(line)
        if found is not None and item is not None and found[2] != item[2] and (
                item[0] < found[0] < item[1] or (found[0] == item[0] and _kramdown_marks(lines, i, item_line))):
            shift = item[1] - found[0]
            lines[i] = " " * shift + line
            continue
        if found is not None:
            item, item_line = found, i
    return "\n".join(lines)


def _kramdown_marks(lines: list[str], i: int, item_line: int) -> bool:
    """Whether line ``i`` and the item on ``item_line`` both start with a mark kramdown reads
    as a list's (``1)`` is none: its lines are the item's words there, as here)."""
    return all(re.match(r"^ *(?:[-+*]|\d{1,9}\.)", lines[j]) for j in (i, item_line))

"""Keep a page's HTML element whole when blank lines are inside it, as kramdown did.

Plain Python with no Sphinx import. kramdown read a block-level element that starts a line
(``<div>``, ``<aside>``, ``<p>``…) up to its matching end tag, blank lines included.
CommonMark ends an HTML block at the first blank line, so the rest of the element is read
as Markdown: an end tag or an ``<aside>`` indented four spaces after a blank line becomes a
code block, and every edition shows the markup as code, without a warning.

Inside such an element, a blank line between two lines CommonMark reads as HTML becomes an
empty HTML comment (the element stays one block; the sanitizer drops comments); a line of
end tags indented as code after Markdown is moved to the element's indentation. Text after
a blank line stays Markdown: there it is mostly Liquid's ``markdownify`` or a
``{% markdown %}`` block, which the old site showed as formatted Markdown. Every line keeps
its number; an element whose end tag is missing, code, comments and ``<pre>`` are left as
they are. A tag inside the element that runs over a blank line (minimal-mistakes' ``gallery``
writes ``<a href=``, the ``{% if %}`` lines left blank, then ``"/a.jpg"``) is written whole
on its first line, its other lines filled: CommonMark ended the block inside the tag and
showed the rest of the element as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pagesource.fences import code_spans, outside_fences

FILLER = "<!-- -->"
_MAY_OPEN = re.compile(r"^ {0,3}<[A-Za-z]", re.M)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
_MARKDOWN_WRAPPER = re.compile(r"\smarkdown\s*=", re.I)
_END_TAGS_ONLY = re.compile(r"^[ \t]*(?:</[A-Za-z][A-Za-z0-9-]*\s*>[ \t]*)+$")
_VERBATIM = {"pre": "</pre", "script": "</script", "style": "</style", "textarea": "</textarea"}
_NOT_BLOCKS = frozenset(
    # kramdown's span elements (read as text in a paragraph, not as a block) …
    "a abbr acronym b big bdo br button cite code del dfn em i img input kbd label option q rb "
    "rbc rp rt rtc ruby samp select small span strong sub sup tt u var "
    # … elements without an end tag, and those CommonMark already keeps whole
    "area base col embed hr link meta param source track wbr pre script style textarea".split())


def keep_whole(text: str) -> str:
    """``text`` with each element that starts a line read as one HTML block, line for line.

    A page without a tag at the start of a line is returned as it is, unread.
    """
    if not _MAY_OPEN.search(text):
        return text
    lines = text.split("\n")
    masked, hidden = _read(lines)
    for start, end in _elements(masked):
        _tags_on_one_line(lines, masked, start, end, hidden)
        _join(lines, start, end, hidden)
    return "\n".join(lines)


def _read(lines: list[str]) -> tuple[str, dict[int, str]]:
    """The page with what holds no markup blanked in place (code, comments, the text of
    ``<pre>``, ``<script>``, ``<style>``, ``<textarea>``), and ``{line: why}`` of the lines
    inside them: ``"code"`` (fenced), ``"comment"`` or ``"verbatim"`` (from the line after
    the one it opens on to the one it closes on)."""
    hidden = dict.fromkeys(set(range(len(lines))) - set(outside_fences(lines)), "code")
    out = []
    for i, line in enumerate(lines):
        if i in hidden:
            line = ""
        elif "`" in line:
            for start, end in code_spans(line):
                line = line[:start] + " " * (end - start) + line[end:]
        out.append(line)
    text = "\n".join(out)
    pieces, pos, counted, line = [], 0, 0, 0
    for (start, end), why in _spans(text):
        first = line + text.count("\n", counted, start)
        last = line = first + text.count("\n", start, end)
        counted = end
        hidden.update(dict.fromkeys(range(first + 1, last + 1), why))
        pieces += [text[pos:start], re.sub(r"[^\n]", " ", text[start:end])]
        pos = end
    return "".join([*pieces, text[pos:]]), hidden


def _spans(text: str) -> Iterator[tuple[tuple[int, int], str]]:
    """Each comment and each verbatim element, as (start, end) in ``text``. Linear: each
    opener's next place is looked up again only once passed, and when an opener has no end
    after it, no later opener of its kind has one either."""
    lowered = text.lower()
    closes = {"<!--": "-->", **{f"<{name}": end for name, end in _VERBATIM.items()}}
    following = dict.fromkeys(closes, -1)
    pos = 0
    while closes:
        for opener in list(closes):
            if following[opener] < pos:
                following[opener] = lowered.find(opener, pos)
                if following[opener] == -1:
                    del closes[opener]
        if not closes:
            return
        at, opener = min((following[opener], opener) for opener in closes)
        if opener != "<!--" and not re.match(r"[\s>]", lowered[at + len(opener):at + len(opener) + 1]):
            pos = at + len(opener)
            continue
        end = lowered.find(closes[opener], at + len(opener))
        if end == -1:
            del closes[opener]
            continue
        yield (at, end + len(closes[opener])), "comment" if opener == "<!--" else "verbatim"
        pos = end + len(closes[opener])


def _elements(masked: str) -> list[tuple[int, int]]:
    """(first line, last line), 0-based, of each outermost block element that starts a line
    and ends on a later one: its end tag found by counting the tags of its name."""
    open_tags: dict[str, list[int]] = {}
    starts = [0, *(m.end() for m in re.finditer("\n", masked))]
    found: list[tuple[int, int]] = []
    line = 0
    for tag in _TAG.finditer(masked):
        closing, name = tag.group(1), tag.group(2).lower()
        if name in _NOT_BLOCKS or tag.group(3):
            continue
        while line + 1 < len(starts) and starts[line + 1] <= tag.start():
            line += 1
        if not closing:
            at_start = tag.start() - starts[line] <= 3 and not masked[starts[line]:tag.start()].strip(" ") \
                and not _MARKDOWN_WRAPPER.search(tag.group(0))  # kramdown.clean unwraps these
            open_tags.setdefault(name, []).append(line if at_start else -1)
        elif open_tags.get(name):
            first = open_tags[name].pop()
            if 0 <= first < line:
                found.append((first, line))
    outermost, reached = [], -1
    for first, last in sorted(found):
        if first > reached:
            outermost.append((first, last))
            reached = last
    return outermost


_BLANK_INSIDE = re.compile(r"\n[ \t]*\n")


def _tags_on_one_line(lines: list[str], masked: str, start: int, end: int,
                      hidden: dict[int, str]) -> None:
    """Each tag on lines ``start``..``end`` that runs over a blank line, written whole on its
    first line (its line breaks as spaces, the text after it on its last line moved up); its
    other lines hold an empty comment, so the element goes on as one block. The last tag
    first: one may start on the line another ends on."""
    starts = [0, *(m.end() for m in re.finditer("\n", masked))]
    region = masked[starts[start]:starts[end + 1] if end + 1 < len(starts) else len(masked)]
    spanning, line, counted = [], start, 0
    for tag in _TAG.finditer(region):
        line += region.count("\n", counted, tag.start())
        counted = tag.start()
        if _BLANK_INSIDE.search(tag.group(0)):
            spanning.append((line, line + tag.group(0).count("\n"), tag))
    for first, last, tag in reversed(spanning):
        if any(line in hidden for line in range(first, last + 1)):
            continue
        begin = starts[start] + tag.start() - starts[first]
        finish = starts[start] + tag.end() - starts[last]
        written = "\n".join([lines[first][begin:], *lines[first + 1:last], lines[last][:finish]])
        lines[first] = lines[first][:begin] + _one_line(written) + lines[last][finish:]
        for line in range(first + 1, last + 1):
            lines[line] = " " * _indent(lines[first]) + FILLER


def _one_line(written: str) -> str:
    """``written`` with each line break and the spaces and tabs around it (blank lines too)
    one space. Line by line: the pattern ``[ \\t]*(?:\\n[ \\t]*)+`` tried each space of a
    run that no line break follows, to its end (200 KB of spaces in a tag: minutes)."""
    lines = written.split("\n")
    if len(lines) == 1:
        return written
    inner = [line.strip(" \t") for line in lines[1:-1]]
    return " ".join([lines[0].rstrip(" \t"), *(line for line in inner if line), lines[-1].lstrip(" \t")])


def _join(lines: list[str], start: int, end: int, hidden: dict[int, str]) -> None:
    """Make lines ``start``..``end`` read as kramdown read them (see the module's docstring)."""
    indent = _indent(lines[start])
    html = html_block_kind(lines[start]) is not None  # CommonMark is reading an HTML block
    i = start + 1
    while i <= end:
        why = hidden.get(i)
        if why in ("comment", "verbatim"):
            if not lines[i].strip(" \t"):
                lines[i] += "." if why == "comment" else FILLER
            html, i = True, i + 1
        elif why == "code":
            html, i = False, i + 1
        elif lines[i].strip(" \t"):
            if not html and _indent(lines[i]) < 4 and (kind := html_block_kind(lines[i])) is not None:
                html = kind < 6  # the starts CommonMark lets interrupt a paragraph
            i += 1
        else:
            html, i = _across_blank(lines, i, indent, html, hidden)


def _across_blank(lines: list[str], blank: int, indent: int, html: bool,
                  hidden: dict[int, str]) -> tuple[bool, int]:
    """The blank lines from ``blank`` on, and the line after them: filled when HTML goes on
    after them, that line unindented when it is end tags CommonMark would show as code.
    Whether CommonMark reads that line as HTML, and that line."""
    after = blank
    while not lines[after].strip(" \t"):
        after += 1
    following = lines[after].lstrip(" \t")
    if hidden.get(after) or html_block_kind(following) is None:
        return False, after
    if html:
        for line in range(blank, after):
            lines[line] = (lines[line] or " " * indent) + FILLER
        return True, after
    if _END_TAGS_ONLY.match(lines[after]) and _indent(lines[after]) >= 4:
        lines[after] = " " * indent + following
    return _indent(lines[after]) < 4, after


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def html_block_kind(line: str) -> int | None:
    """Which of CommonMark's seven HTML block starts ``line`` is (0-based), if any, as
    markdown-it (MyST's reader) decides; indentation as code is not looked at."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES  # loaded with MyST already

    text = line.lstrip(" \t")
    if not text.startswith("<"):
        return None
    return next((kind for kind, (opens, _, _) in enumerate(HTML_SEQUENCES) if opens.search(text)), None)


_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_ENDS_AT_BLANK = (5, 6)
"""CommonMark's HTML blocks 6 (a block element's tag) and 7 (any other tag alone on its line),
0-based: the only ones that go on to the next blank line, whatever the lines hold."""


def end_after_lines(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with a blank line after each line that is a whole HTML element (``<hr>``,
    ``<p>Intro</p>``, ``<img …>``) followed by Markdown, and the 0-based lines added.

    kramdown read such an element and went back to Markdown on the next line; CommonMark
    reads every line up to the next blank one as the same HTML block, so a ``# Heading``,
    a list or a ``[link](…)`` after a ``<hr>`` was published as its Markdown source, the
    heading lost from the outline (Code for Boston's newsletters). Only an element at the
    top level of the page is looked at: in a list or a quote a blank line would mean more.
    """
    if not _MAY_OPEN.search(text):
        return text, ()
    from markdown_it import MarkdownIt  # loaded with MyST already

    lines = text.split("\n")
    after: list[int] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "html_block" and token.level == 0 and token.map:
            after += _whole_then_markdown(lines, *token.map)
    if not after:
        return text, ()
    out, added = [], []
    for i, line in enumerate(lines):
        out.append(line)
        if after and after[0] == i:
            after.pop(0)
            added.append(len(out))
            out.append("")
    return "\n".join(out), tuple(added)


def _whole_then_markdown(lines: list[str], start: int, end: int) -> list[int]:
    """The lines of one HTML block (``start``..``end``, end excluded) after which Markdown
    follows that kramdown read as Markdown: the end of an element that starts a line, on
    that line (``<hr>``) or a later one (``<div>`` … ``</div>``)."""
    found = []
    html = True  # the block's first line starts it, as HTML
    i = start
    while i < end - 1:
        line = lines[i]
        if _indent(line) >= 4 or not line.strip() or _FENCE.match(line):
            return found
        kind = html_block_kind(line)
        if kind is not None and (html or kind in _ENDS_AT_BLANK[:1]):
            last = _element_end(lines, i, end) if kind in _ENDS_AT_BLANK else None
            if last is None:
                return found
            following = lines[last + 1] if last + 1 < end else ""
            if following.strip() and html_block_kind(following) is None and _indent(following) < 4:
                found.append(last)
                html = False
            i = last + 1
            continue
        html = False
        i += 1
    return found


def _element_end(lines: list[str], first: int, end: int) -> int | None:
    """The line (before ``end``) on which every element opened on line ``first`` is closed,
    with nothing after its last tag; None if there is no such line."""
    if not lines[first].lstrip().startswith("<"):
        return None
    opened: list[str] = []
    for i in range(first, end):
        for tag in _TAG.finditer(lines[i]):
            closing, name = tag.group(1), tag.group(2).lower()
            if name in _VOID or tag.group(3):
                continue
            if not closing:
                opened.append(name)
            elif opened and opened[-1] == name:
                opened.pop()
            else:
                return None
        if not opened:
            return i if lines[i].rstrip().endswith(">") else None
    return None



_TOKEN = re.compile(r"<!--.*?-->|<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")


def one_block_per_element(body: str) -> str:
    """A page written in HTML as HTML blocks only, line for line: Jekyll read no Markdown in
    it, so ``*stars*`` stay stars, an indented line is no code and a ``[x](y)`` is text.

    A blank line where every element is closed (outside comments and ``<pre>``) ends a
    block, so each of the page's warnings names its own block's line; every other blank line
    becomes an empty comment (the sanitizer drops it), or a dot inside a comment. Each block opens a ``<div>`` on its first
    line and closes it on its last: CommonMark ends such a block only at a blank line. An
    element left open (``<p>`` with no ``</p>``) makes the rest one block, its words kept.
    """
    lines = body.split("\n")
    depth, comment, verbatim = 0, False, ""
    chunk_start = None
    for i, line in enumerate(lines):
        if not line.strip():
            if comment:
                lines[i] = "."  # hidden with the comment; an empty comment would close it
            elif depth or verbatim:
                lines[i] = FILLER
            elif chunk_start is not None:
                lines[chunk_start] = "<div>" + lines[chunk_start]
                lines[i - 1] += "</div>"
                chunk_start = None
            continue
        if chunk_start is None:
            chunk_start = i
        depth, comment, verbatim = _after(line, depth, comment, verbatim)
    if chunk_start is not None:
        last = max(i for i, line in enumerate(lines) if line.strip())
        lines[chunk_start] = "<div>" + lines[chunk_start]
        lines[last] += "</div>"
    return "\n".join(lines)


def _after(line: str, depth: int, comment: bool, verbatim: str) -> tuple[int, bool, str]:
    """How many elements are open after ``line``, whether inside a comment, and which of
    ``<pre>``, ``<script>``, ``<style>``, ``<textarea>`` holds the text (its tags are text)."""
    pos = 0
    while pos < len(line):
        if comment:
            end = line.find("-->", pos)
            if end < 0:
                break
            comment, pos = False, end + 3
            continue
        if verbatim:
            end = re.compile(rf"</{verbatim}\s*>", re.I).search(line, pos)
            if end is None:
                break
            verbatim, pos = "", end.end()
            continue
        token = _TOKEN.search(line, pos)
        if token is None:
            break
        pos = token.end()
        if token.group(0) == "<!--":
            comment = True
        elif token.group(2) is None:
            continue
        elif (name := token.group(2).lower()) in _VERBATIM and not token.group(1):
            verbatim = name
        elif name in _VOID or token.group(3):
            continue
        elif token.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
    return depth, comment, verbatim

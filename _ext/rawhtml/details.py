"""A ``<details>`` box whose inside is Markdown, as GitHub shows it.

``<details><summary>Fees</summary>``, a blank line, Markdown, a blank line and ``</details>``
is three blocks to CommonMark: the start tag (with its summary), the Markdown, the end tag.
GitHub shows the Markdown inside the box; each HTML block made well-formed alone was an empty
box followed by its words. Here the two tags, siblings in the doctree, become one box around
the nodes between them: an admonition titled by the summary (the PDF's box, open as print
must be), which :func:`as_html` makes ``<details>`` again in the website and the ePub.

Plain docutils, no Sphinx.
"""

from __future__ import annotations

import re
from html import unescape

from docutils import nodes

from rawhtml.sanitize import autolinks

CLASS = "details-box"
"""The class of the admonition a box of Markdown is read as (``open`` set if it was)."""

MAX_DEPTH = 8
"""Boxes in boxes past this depth are not made: each inner one's summary is a bold line and
its words follow it in the box around it. 300 nested ``<details>`` made a doctree Sphinx
could not save (a RecursionError stopped every edition), 40 Typst could not draw."""

_OPEN = re.compile(r"\A\s*<details(\s[^<>]*)?>\s*(?:<summary(?:\s[^<>]*)?>(.*?)</summary\s*>)?(.*)\Z",
                   re.I | re.S)
"""A start tag, its summary, and what HTML follows them in the block (kept in the box)."""
_ENDS = re.compile(r"</?details\b", re.I)
_CLOSE = re.compile(r"\A\s*</details\s*>\s*\Z", re.I)
_CLOSERS = re.compile(r"\A(?:\s*(?:</details\s*>|<!--(?:(?!-->).)*-->))+\s*\Z", re.I | re.S)
"""A block of end tags only (``</details>`` on two lines closing two boxes, empty comments
between them), which :func:`_closers_apart` makes one closer each."""
_TAG = re.compile(r"<[^<>]*>")
_LINK_START = re.compile(r"<a\s[^<>]*>", re.I)
_LINK_END = re.compile(r"</a\s*>", re.I)


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


def boxes(doctree: nodes.Node, label: str, too_deep: list[nodes.Node] | None = None) -> int:
    """Each ``<details>`` start tag (and summary) whose ``</details>`` is a later sibling
    block made one box around the blocks between; ``label`` titles one without a summary.
    One inside :data:`MAX_DEPTH` others is its summary's line instead, appended to
    ``too_deep``. Returns how many were made."""
    made = 0
    for parent in list(doctree.findall(nodes.Element)):
        if isinstance(parent, nodes.TextElement):
            continue  # inline HTML in a paragraph or a table cell's line: the sanitiser's
        if not any(_is_html(child) for child in parent.children):
            continue
        _closers_apart(parent)
        opened: list[int] = []
        index = 0
        while index < len(parent.children):
            child = parent.children[index]
            if _is_html(child) and (found := _OPEN.match(child.astext())) and not _ENDS.search(found.group(3)):
                opened.append(index)
            elif _is_html(child) and _CLOSE.match(child.astext()) and opened:
                start = opened.pop()
                if len(opened) >= MAX_DEPTH:
                    line, made_nodes = _unboxed(parent, start, index)
                    if too_deep is not None:
                        too_deep.append(line)
                    index += made_nodes - 2  # its end tag gone, its start tag made_nodes nodes
                else:
                    _box(parent, start, index, label)
                    made += 1
                    index = start
            index += 1
    return made


def _closers_apart(parent: nodes.Element) -> None:
    """Each block of ``parent`` that is several ``</details>`` made one block per end tag.

    A nested box's ``</details>`` and its outer box's on the next line are one HTML block to
    CommonMark (kramdown and GitHub read two end tags): neither closer matched, both boxes
    were left empty and the words stood after them."""
    for index in range(len(parent.children) - 1, -1, -1):
        child = parent.children[index]
        if not (_is_html(child) and _CLOSERS.match(text := child.astext())):
            continue
        count = len(re.findall(r"</details\s*>", re.sub(r"<!--.*?-->", "", text, flags=re.S), re.I))
        if count < 2:
            continue
        made = []
        for _ in range(count):
            closer = nodes.raw("", "</details>", format="html")
            closer.source, closer.line = child.source, child.line
            made.append(closer)
        parent[index:index + 1] = made


def unpaired(doctree: nodes.Node) -> list[nodes.raw]:
    """The ``<details>`` start tags :func:`boxes` left alone: no ``</details>`` follows in
    their section (a ``## Heading`` inside the box starts a new one), so the box is empty
    and the words meant for it follow it, unfolded."""
    return [raw for raw in doctree.findall(nodes.raw) if _is_html(raw)
            and not isinstance(raw.parent, nodes.TextElement) and (found := _OPEN.match(raw.astext())) and not _ENDS.search(found.group(3))]


def stray_closers(doctree: nodes.Node) -> list[nodes.raw]:
    """The ``</details>`` blocks :func:`boxes` paired with no start tag: one written at
    another level than its ``<details>`` (indented into a list item, or out of one, or in
    the section of a heading inside the box), which closes nothing; its box runs on to a later ``</details>``, or has none."""
    return [raw for raw in doctree.findall(nodes.raw) if _is_html(raw)
            and not isinstance(raw.parent, nodes.TextElement) and _CLOSE.match(raw.astext())]


def _links(summary: str) -> list[str]:
    """Each ``<a href>…</a>`` in a summary's HTML, kept as the box's first line. Found by
    steps that each move on (a lazy ``.*?</a>`` from every ``<a`` was quadratic)."""
    found, at = [], 0
    while (start := _LINK_START.search(summary, at)) and (end := _LINK_END.search(summary, start.end())):
        if re.search(r"\bhref\s*=", start.group(), re.I):
            found.append(summary[start.start():end.end()])
        at = end.end()
    return found


def _box(parent: nodes.Element, start: int, end: int, label: str) -> None:
    opener = parent.children[start]
    found = _OPEN.match(opener.astext())
    written = autolinks(found.group(2) or "") if found else ""  # <summary><https://…></summary>
    summary = " ".join(unescape(_TAG.sub(" ", written)).split())
    inside = parent.children[start + 1:end]
    if found and found.group(3).strip():  # HTML after the summary, in the start tag's block
        rest = nodes.raw("", found.group(3).strip(), format="html")
        rest.source, rest.line = opener.source, opener.line
        inside.insert(0, rest)
    if links := _links(written):
        # the summary's links open the box (in <summary> each would be a control in a control)
        first = nodes.raw("", "<p>" + " ".join(links) + "</p>", format="html")
        first.source, first.line = opener.source, opener.line
        inside.insert(0, first)
    title = nodes.title("", "", *_marked(written)) if summary else nodes.title("", label)
    box = nodes.admonition("", title, classes=[CLASS])
    box["open"] = bool(found and found.group(1) and re.search(r"\bopen\b", found.group(1), re.I))
    box.source, box.line = opener.source, opener.line
    box[0].source, box[0].line = opener.source, opener.line
    for node in inside:
        if node.parent is parent:
            parent.remove(node)
    box.extend(inside)
    parent.remove(parent.children[start + 1])  # the end tag
    parent.replace(opener, box)


def _unboxed(parent: nodes.Element, start: int, end: int) -> tuple[nodes.Node, int]:
    """The start tag at ``start`` as its summary's bold line (and the HTML after it in its
    block), the end tag at ``end`` left out; the line's node, and how many nodes replaced
    the start tag."""
    opener = parent.children[start]
    found = _OPEN.match(opener.astext())
    line = nodes.paragraph("", "", nodes.strong("", "", *_marked(found.group(2) or "")))
    line.source, line.line = opener.source, opener.line
    made: list[nodes.Node] = [line] if line.astext().strip() else []
    if found.group(3).strip():
        rest = nodes.raw("", found.group(3).strip(), format="html")
        rest.source, rest.line = opener.source, opener.line
        made.append(rest)
    parent.remove(parent.children[end])
    parent[start:start + 1] = made
    return line, len(made)


_MARKS = {"b": nodes.strong, "strong": nodes.strong, "i": nodes.emphasis, "em": nodes.emphasis,
          "code": nodes.literal, "kbd": nodes.literal, "tt": nodes.literal}
"""A summary's inline markup kept in the box's title (``<summary><b>Fees</b> 2024``: the
bold was lost, its words kept); any other tag is its words."""


def _marked(html: str) -> list[nodes.Node]:
    """A summary's HTML as the title's nodes: its words, spaced as a browser shows them, in
    the bold, italics and code it wrote; a tag left open closes at the summary's end."""
    from html.parser import HTMLParser

    top = nodes.inline()
    stack: list[tuple[str, nodes.Element]] = [("", top)]

    class _Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in _MARKS and len(stack) < 8:
                made = _MARKS[tag]()
                stack[-1][1].append(made)
                stack.append((tag, made))

        def handle_endtag(self, tag: str) -> None:
            if any(name == tag for name, _ in stack[1:]):
                while stack.pop()[0] != tag:
                    pass

        def handle_data(self, data: str) -> None:
            stack[-1][1].append(nodes.Text(data))

    reader = _Reader(convert_charrefs=True)
    reader.feed(html)
    reader.close()
    _spaced(top, [True])
    return [child for child in top.children if child.astext()]


def _spaced(element: nodes.Element, after_space: list[bool]) -> None:
    """Runs of white space as one space, none at the start or end (as the words alone were)."""
    for index, child in enumerate(list(element.children)):
        if isinstance(child, nodes.Text):
            text = re.sub(r"\s+", " ", str(child))
            if after_space[0]:
                text = text.lstrip(" ")
            if text:
                after_space[0] = text.endswith(" ")
            element[index] = nodes.Text(text)  # by place: Text nodes equal by their words
        else:
            _spaced(child, after_space)
    if element.parent is None:
        last = element
        while last.children and isinstance(last[-1], nodes.Element):
            last = last[-1]
        if last.children and isinstance(last[-1], nodes.Text):
            last[-1] = nodes.Text(str(last[-1]).rstrip(" "))


def as_html(doctree: nodes.Node) -> None:
    """Each box :func:`boxes` made a ``<details>`` element, its title the ``<summary>``."""
    for box in list(doctree.findall(nodes.admonition)):
        if CLASS not in box["classes"] or not box.children or not isinstance(box[0], nodes.title):
            continue
        title = box[0]
        opened = ' open="open"' if box.get("open") else ""
        start = nodes.raw("", f'<details class="{CLASS}"{opened}><summary>', format="html")
        summary = nodes.inline("", "", *title.children)  # its code, bold, as the title had them
        # a translation's untranslated title keeps the source language's mark (WCAG 3.1.2)
        summary["classes"] = [c for c in title["classes"] if c.startswith("language-")]
        links = _links_out_of(summary)
        after = nodes.raw("", "</summary>", format="html")
        end = nodes.raw("", "</details>", format="html")
        start.source, start.line = box.source, box.line
        box.parent.replace(box, [start, summary, after, *links, *box.children[1:], end])


def _links_out_of(summary: nodes.Element) -> list[nodes.Node]:
    """The title's links as their words in ``summary``, and as a paragraph that opens the box.

    A link inside ``<summary>`` is a control inside the one that opens the box (axe and
    DAISY Ace: nested-interactive), which a keyboard cannot reach (HackMD's ``:::spoiler
    Notes from [the meeting](…)``); inside the box it is followed as any other."""
    found = [ref for ref in summary.findall(nodes.reference)
             if not any(isinstance(up, nodes.reference) for up in _ancestors(ref, summary))]
    if not found:
        return []
    kept: list[nodes.Node] = []
    for ref in found:
        kept += [nodes.Text(", ")] if kept else []
        kept.append(ref.deepcopy())
        ref.replace_self(nodes.inline("", "", *ref.children))
    return [nodes.paragraph("", "", *kept)]


def _ancestors(node: nodes.Node, top: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None and node is not top:
        node = node.parent
        found.append(node)
    return found

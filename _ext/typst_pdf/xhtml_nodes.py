"""A page's own HTML as the docutils nodes the PDF's translator already knows.

``rawhtml`` rewrites every raw HTML block and inline tag as safe, well-formed XHTML; the
website and the ePub show it as it is. Typst cannot read HTML, and printed as plain text
the PDF lost its pictures, links, lists and tables (93 pages of four real sites). Read
here as paragraphs, references, images, lists, tables and rubrics, it is typeset like the
same content written in Markdown, so every edition shows the same.

What has no node (an unknown element) keeps its words; what cannot be shown at all (a
picture the PDF cannot embed) is named in :attr:`Reading.lost` so the caller can say so.
A picture without a description (``alt=""``) is left out and its line noted: PDF/UA requires
one. The caller decides what a link leads to and which file a picture is (:class:`Context`).

Plain docutils and expat: no Sphinx, no Typst.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import dataclass, field

from docutils import nodes

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul"})
INLINE = {"strong": nodes.strong, "b": nodes.strong, "em": nodes.emphasis, "i": nodes.emphasis,
          "cite": nodes.emphasis, "dfn": nodes.emphasis, "var": nodes.emphasis,
          "sub": nodes.subscript, "sup": nodes.superscript}
CODE = frozenset({"code", "kbd", "samp"})
ENUMTYPES = {"1": "arabic", "a": "loweralpha", "A": "upperalpha", "i": "lowerroman",
             "I": "upperroman"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
_OPEN = re.compile(r"^\s*<([a-z][a-z0-9]*)\b[^<>]*(?<!/)>\s*$", re.S)
_CLOSE = re.compile(r"^\s*</([a-z][a-z0-9]*)\s*>\s*$")
MAX_DEPTH = 10
"""Elements nested deeper are printed as their words: Typst stops at 64 nested elements, and
the page's Markdown may already hold the HTML twenty deep (``jekyll_compat.nesting``)."""
HTML_HEADING = "html_heading"
"""On a rubric made from ``<h1>``…``<h6>``: how many levels below its section it stands
(0 or less: beside it), for the translator to print it as a tagged heading."""
NESTED = f"elements nested more than {MAX_DEPTH} deep: their words are printed plainly"
PICTURE = "a picture the PDF cannot embed: its description is printed"
BREAK = "<br />"
"""How a line break is handed on: a raw ``<br />``, as MyST writes a Markdown hard break."""


@dataclass
class Element:
    """An XHTML element: its name, attributes, children (text or elements) and line."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """Its words, in order (without recursion: the HTML may nest hundreds deep)."""
        words, todo = [], list(reversed(self.children))
        while todo:
            child = todo.pop()
            if isinstance(child, str):
                words.append(child)
            else:
                todo.extend(reversed(child.children))
        return "".join(words)


def parse(xhtml: str, line: int = 1) -> Element | None:
    """The fragment under one ``<body>`` element, lines counted from ``line``; None when it is
    not well-formed XML (not written by rawhtml), which is then left for plain text."""
    parser = xml.parsers.expat.ParserCreate()
    root = Element("body", {}, line)
    stack: list[Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not stack:  # the <body> around the fragment
            stack.append(root)
            return
        element = Element(tag.lower(), attrs, line + parser.CurrentLineNumber - 1)
        stack[-1].children.append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def data(text: str) -> None:
        children = stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(f"<body>{xhtml}</body>", True)
    except xml.parsers.expat.ExpatError:
        return None
    return root


Link = Callable[[str, list[nodes.Node]], nodes.Node]
"""What a link to an address becomes, given its words: a reference, or only the words."""
Picture = Callable[[str, str], "nodes.image | None"]
"""The image node for a picture's ``src`` and ``alt``; None when the PDF cannot embed it."""


@dataclass
class Context:
    """What the caller knows: where the HTML is (``source``, ``line``), links and pictures."""

    link: Link
    picture: Picture
    source: str | None = None
    lost: list[str] = field(default_factory=list)
    """What the PDF shows only as words (:data:`NESTED`, :data:`PICTURE`)."""
    heading_base: int = 1
    """The level its ``<h1>``…``<h6>`` are nested under (1: the page's title; rawhtml's
    ``nest_headings``): an ``<h3>`` under base 2 is one level below its section."""


def blocks(xhtml: str, context: Context, line: int = 1) -> list[nodes.Node] | None:
    """Body elements for a block of HTML (paragraphs, lists, tables…); None if not XHTML."""
    root = parse(xhtml, line)
    if root is None:
        return None
    return _Reader(context).flow(root.children, root.line)


def inlines(xhtml: str, context: Context, line: int = 1) -> list[nodes.Node] | None:
    """Inline nodes for a piece of HTML inside a paragraph; None if not XHTML."""
    root = parse(xhtml, line)
    if root is None:
        return None
    return _Reader(context).inline(root.children, root.line)


def join_pieces(children: list[nodes.Node], context: Context,
                is_html: Callable[[nodes.Node], bool]) -> list[nodes.Node] | None:
    """A paragraph's children with its HTML read: Markdown hands inline HTML over in pieces
    (``<a href="x">``, the words as text, ``</a>``), so a start tag and the end tag that
    closes it wrap the nodes between them; a piece that is whole (``<img … />``,
    ``<span>x</span>``) is read alone. A tag left unpaired goes (its words stay).
    None when a piece is not XHTML (the paragraph is left as it was)."""
    out: list[nodes.Node] = []
    opened: list[tuple[Element, int | None]] = []  # an element nested too deep: None
    for child in children:
        if not is_html(child):
            out.append(child)
            continue
        text = child.astext()
        line = _line_of(child)
        if (close := _CLOSE.match(text)):
            name = close.group(1)
            if opened and opened[-1][0].tag == name:
                element, at = opened.pop()
                if at is not None:
                    out[at:] = [_Reader(context, len(opened)).inline_element(element, out[at:])]
            if text[-1:].isspace():  # and its "</span> "
                out.append(nodes.Text(" "))
            continue
        if (start := _OPEN.match(text)):
            if text[:1].isspace():  # rawhtml's " <span>" for a block made a span: words apart
                out.append(nodes.Text(" "))
            root = parse(f"{text.strip()}</{start.group(1)}>", line)
            if root is None:
                return None
            element = next(c for c in root.children if isinstance(c, Element))
            if len(opened) >= MAX_DEPTH:
                context.lost.append(NESTED)
            opened.append((element, None if len(opened) >= MAX_DEPTH else len(out)))
            continue
        root = parse(text, line)
        if root is None:
            return None
        out += _Reader(context, len(opened)).inline(root.children, root.line)
    return out


def _line_of(node: nodes.Node) -> int:
    while node is not None and not getattr(node, "line", None):
        node = node.parent
    return node.line if node is not None else 1


def _words(text: str) -> str:
    return _SPACE.sub(" ", text)


class _Reader:
    def __init__(self, context: Context, depth: int = 0) -> None:
        self.context = context
        self.depth = depth

    def placed(self, node: nodes.Node, line: int, element: Element | None = None) -> nodes.Node:
        """``node`` at its line, with the element's id and its language (``lang="ar"``, as
        docutils says one: ``language-ar``), which the PDF tagged English before."""
        node.source, node.line = self.context.source, line
        if element is not None and isinstance(node, nodes.Element):
            if element.attrs.get("id"):
                node["ids"].append(element.attrs["id"])
            if element.attrs.get("lang"):
                node["classes"].append("language-" + element.attrs["lang"])
        return node

    # ---- inline ----------------------------------------------------------------

    def inline(self, children: list[Element | str], line: int) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for index, child in enumerate(children):
            if isinstance(child, str):
                if child:
                    out.append(nodes.Text(_words(child)))
                continue
            if self.depth >= MAX_DEPTH:
                self.context.lost.append(NESTED)
                out.append(nodes.Text(_words(child.text())))
                continue
            self.depth += 1
            out.append(self.inline_element(child, self.inline(child.children, child.line)))
            self.depth -= 1
            if child.tag in BLOCKS and any(isinstance(c, Element) or c.strip() for c in children[index + 1:]):
                out.append(nodes.raw("", BREAK, format="html"))  # a block inside words: its own line
        return out

    def inline_element(self, element: Element, content: list[nodes.Node]) -> nodes.Node:
        """One inline element around ``content`` (its children, already nodes)."""
        tag, line = element.tag, element.line
        if tag == "br":
            return self.placed(nodes.raw("", BREAK, format="html"), line)
        if tag == "img":
            return self.picture(element)
        if tag == "a" and element.attrs.get("href"):
            return self.placed(self.context.link(element.attrs["href"], content), line)
        if tag in CODE:
            text = "".join(node.astext() for node in content)
            return self.placed(nodes.literal(text, text), line, element)
        if tag == "q":  # a browser writes its quotation marks
            content = [nodes.Text("\u201c"), *content, nodes.Text("\u201d")]
        kind = INLINE.get(tag, nodes.inline)
        return self.placed(kind("", "", *content), line, element)

    def picture(self, element: Element) -> nodes.Node:
        alt = element.attrs.get("alt", "")
        image = self.context.picture(element.attrs.get("src", ""), alt)
        if image is None:
            self.context.lost.append(PICTURE)
            return self.placed(nodes.inline(alt, alt), element.line)
        return self.placed(image, element.line, element)  # no alt: an artifact (the translator)

    # ---- blocks ----------------------------------------------------------------

    def flow(self, children: list[Element | str], line: int) -> list[nodes.Node]:
        """Body elements: block elements as themselves, the words and inline elements between
        them as paragraphs."""
        out: list[nodes.Node] = []
        run: list[Element | str] = []

        def flush() -> None:
            if run:
                out.extend(self.paragraph(list(run), line))
                run.clear()

        for child in children:
            if isinstance(child, str) or child.tag not in BLOCKS:
                run.append(child)
                continue
            flush()
            line = child.line
            if self.depth >= MAX_DEPTH:
                self.context.lost.append(NESTED)
                words = _words(child.text()).strip()
                out.extend([self.placed(nodes.paragraph(words, words), line)] if words else [])
                continue
            self.depth += 1
            out.extend(self.block(child))
            self.depth -= 1
        flush()
        return out

    def paragraph(self, children: list[Element | str], line: int) -> list[nodes.Node]:
        content = _trimmed(self.inline(children, line))
        if not content:
            return []
        first = next((c for c in children if isinstance(c, Element)), None)
        if len(content) == 1 and isinstance(content[0], nodes.image):
            return content  # a picture on its own: as a Markdown picture alone in its paragraph
        return [self.placed(nodes.paragraph("", "", *content), first.line if first else line)]

    def block(self, element: Element) -> list[nodes.Node]:
        tag, line = element.tag, element.line
        if tag == "p" or tag in ("dt", "summary", "figcaption", "caption"):
            content = _trimmed(self.inline(element.children, line))
            if not content and not element.attrs.get("id"):
                return []
            return [self.placed(nodes.paragraph("", "", *content), line, element)]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            content = _trimmed(self.inline(element.children, line))
            if not content:
                return []
            heading = nodes.rubric("", "", *content)
            heading[HTML_HEADING] = int(tag[1]) - self.context.heading_base
            return [self.placed(heading, line, element)]
        if tag in ("ul", "ol"):
            listing = self.listing(element)
            return [listing] if listing.children else []
        if tag == "dl":
            return [self.terms(element)]
        if tag == "table":
            head, body = _rows(element)
            if not head and not body:  # no row: its caption's words, if any
                return self.flow(element.children, line)
            return [self.table(element)]
        if tag == "blockquote":
            return [self.placed(nodes.block_quote("", *self.flow(element.children, line)), line, element)]
        if tag == "pre":
            text = element.text()
            return [self.placed(nodes.literal_block(text, text), line, element)] if text.strip() else []
        if tag == "hr":
            return [self.placed(nodes.transition(), line)]
        if tag == "figure":
            return [self.figure(element)]
        inside = self.flow(element.children, line)
        if not element.attrs.get("id") and not element.attrs.get("lang") and len(inside) <= 1:
            return inside
        return [self.placed(nodes.container("", *inside), line, element)]

    def listing(self, element: Element) -> nodes.Node:
        if element.tag == "ol":
            listing = nodes.enumerated_list(enumtype=ENUMTYPES.get(element.attrs.get("type", "1"), "arabic"),
                                            prefix="", suffix=".")
            start = element.attrs.get("start", "")
            if start.isdigit() and len(start) < 10 and int(start) != 1:  # Typst's numbers end at 2**63
                listing["start"] = int(start)
        else:
            listing = nodes.bullet_list(bullet="-")
        for child in element.children:
            if isinstance(child, Element) and child.tag == "li":
                items = self.flow(child.children, child.line)
                listing += self.placed(nodes.list_item("", *items), child.line, child)
            elif isinstance(child, Element) or child.strip():  # not allowed there, but its words stay
                listing += self.placed(nodes.list_item("", *self.flow([child], element.line)), element.line)
        return self.placed(listing, element.line, element)

    def terms(self, element: Element) -> nodes.Node:
        listing = self.placed(nodes.definition_list(), element.line, element)
        item: nodes.definition_list_item | None = None
        for child in element.children:
            if isinstance(child, str):
                if not child.strip():
                    continue
                child = Element("dd", {}, element.line, [child])
            if child.tag == "dt" or item is None:
                item = self.placed(nodes.definition_list_item(), child.line)
                listing += item
            if child.tag == "dt":
                item += self.placed(nodes.term("", "", *_trimmed(self.inline(child.children, child.line))),
                                    child.line, child)
            else:
                if not any(isinstance(n, nodes.term) for n in item.children):
                    item += nodes.term("", "")
                item += self.placed(nodes.definition("", *self.flow(child.children, child.line)), child.line)
        return listing

    def figure(self, element: Element) -> nodes.Node:
        pictures = [c for c in element.children if isinstance(c, Element) and c.tag == "img"]
        if len(pictures) != 1:
            return self.placed(nodes.container("", *self.flow(element.children, element.line)),
                               element.line, element)
        figure = self.placed(nodes.figure(), element.line, element)
        caption = None
        rest: list[Element | str] = []
        for child in element.children:
            if child is pictures[0]:
                figure += self.picture(child)
            elif isinstance(child, Element) and child.tag == "figcaption" and caption is None:
                caption = child
            else:
                rest.append(child)
        figure.extend(self.flow(rest, element.line))
        if caption is not None:
            words = _trimmed(self.inline(caption.children, caption.line))
            if words:
                figure += self.placed(nodes.caption("", "", *words), caption.line)
        return figure

    def table(self, element: Element) -> nodes.Node:
        """A table as docutils has it (header rows apart), the cells placed as HTML places
        them, so the number of columns is the one a browser shows and Typst fills the same."""
        captions = [c for c in element.children if isinstance(c, Element) and c.tag == "caption"]
        head, body = _rows(element)
        cells = [c for c in body[0].children if isinstance(c, Element)] if body else []
        if not head and cells and all(c.tag == "th" for c in cells):
            head, body = body[:1], body[1:]
        head_cells, body_cells = _layout(head), _layout(body)
        columns = max(head_cells.width, body_cells.width, 1)
        table = self.placed(nodes.table(), element.line, element)
        if captions:  # HTML shows only the first; none loses its words here
            words = [node for caption in captions for node in [*self.inline(caption.children, caption.line),
                                                              nodes.Text(" ")]]
            table += self.placed(nodes.title("", "", *_trimmed(words)), captions[0].line)
        group = nodes.tgroup(cols=columns)
        table += group
        group.extend(nodes.colspec(colwidth=1) for _ in range(columns))
        for rows, layout, kind in ((head, head_cells, nodes.thead), (body, body_cells, nodes.tbody)):
            if rows:
                group += self.placed(kind("", *self.rows(rows, layout, columns)), rows[0].line)
        return table

    def rows(self, rows: list[Element], layout: Layout, columns: int) -> list[nodes.Node]:
        """The rows, each filled to ``columns`` with empty cells: Typst has no rows, only cells
        placed one after the other, so a short row of HTML would pull the next one up."""
        out = []
        for y, (row, cells) in enumerate(zip(rows, layout.cells)):
            line = self.placed(nodes.row(), row.line)
            for cell, span, down in cells:
                entry = self.placed(nodes.entry("", *self.flow(cell.children, cell.line)), cell.line, cell)
                if span > 1:
                    entry["morecols"] = span - 1
                if down > 1:
                    entry["morerows"] = down - 1
                line += entry
            line.extend(nodes.entry() for _ in range(columns - layout.filled(y)))
            out.append(line)
        return out


def _rows(table: Element) -> tuple[list[Element], list[Element]]:
    """The header rows (``<thead>``) and the others, every cell that is no cell made one."""
    head: list[Element] = []
    body: list[Element] = []
    for child in table.children:
        if not isinstance(child, Element):
            continue
        if child.tag == "thead":
            head += _cells_only(child)
        elif child.tag in ("tbody", "tfoot"):
            body += _cells_only(child)
        elif child.tag == "tr":
            body += _cells_only(Element("tbody", {}, child.line, [child]))
        elif child.tag not in ("caption", "colgroup", "col") and child.text().strip():
            body += _cells_only(Element("tbody", {}, child.line, [Element("tr", {}, child.line, [child])]))
    return head, body


def _cells_only(group: Element) -> list[Element]:
    rows = []
    for child in group.children:
        if isinstance(child, Element) and child.tag == "tr":
            cells = [c if isinstance(c, Element) and c.tag in ("td", "th") else Element("td", {}, child.line, [c])
                     for c in child.children if isinstance(c, Element) or c.strip()]
            rows.append(Element("tr", child.attrs, child.line, cells))  # type: ignore[arg-type]
        elif isinstance(child, Element) or child.strip():
            rows.append(Element("tr", {}, group.line, [Element("td", {}, group.line, [child])]))
    return rows


def _span(cell: Element, key: str) -> int:
    value = cell.attrs.get(key, "1")
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


@dataclass
class Layout:
    """Where HTML (and Typst) place a group of rows' cells: each in the next free column, a
    cell spanning rows taking its columns in the rows below, rows spanned past the group cut."""

    cells: list[list[tuple[Element, int, int]]]
    """Each row's cells with the columns and rows they span."""
    taken: set[tuple[int, int]]

    @property
    def width(self) -> int:
        return max((x + 1 for _, x in self.taken), default=0)

    def filled(self, y: int) -> int:
        return sum(1 for row, _ in self.taken if row == y)


def _layout(rows: list[Element]) -> Layout:
    taken: set[tuple[int, int]] = set()
    placed = []
    for y, row in enumerate(rows):
        x, cells = 0, []
        for cell in (c for c in row.children if isinstance(c, Element)):
            while (y, x) in taken:
                x += 1
            span, down = _span(cell, "colspan"), min(_span(cell, "rowspan"), len(rows) - y)
            span = next((dx for dx in range(1, span) if (y, x + dx) in taken), span)  # not over a cell above
            taken.update((y + dy, x + dx) for dy in range(down) for dx in range(span))
            cells.append((cell, span, down))
            x += span
        placed.append(cells)
    return Layout(placed, taken)


def _trimmed(content: list[nodes.Node]) -> list[nodes.Node]:
    """Inline content without the white space at its ends (a browser shows none there)."""
    while content and isinstance(content[0], nodes.Text) and not content[0].strip():
        content.pop(0)
    while content and isinstance(content[-1], nodes.Text) and not content[-1].strip():
        content.pop()
    if content and isinstance(content[0], nodes.Text):
        content[0] = nodes.Text(content[0].lstrip())
    if content and isinstance(content[-1], nodes.Text):
        content[-1] = nodes.Text(content[-1].rstrip())
    return content

"""A page's own HTML fitted to XHTML's content model, every word kept.

Plain Python, no Sphinx. html5lib builds the tree a browser builds, and browsers show much
that XHTML forbids: a ``<dl>`` with a term and no definition, words or a ``<p>`` straight
inside a ``<ul>``, a ``<div>`` in a heading, a second ``<caption>``, a ``<figcaption>``
between two pictures, an ``<address>`` in an ``<address>``. Each made the ePub page
invalid (EPUBCheck RSC-005) while the website showed it. :func:`fit` renames or wraps
such an element (a list's loose words become an item; a ``<dl>`` that is not terms and
definitions, a ``<div>`` of ``<div>``s; a heading with nothing to say, a ``<div>``), so
nothing is left out and nothing needs saying.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

VOID = {"br", "col", "hr", "img", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
         "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
         "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
         "th", "thead", "tr", "ul"}
"""Elements a paragraph cannot hold: inside one (or a heading, or a ``<span>``) each is
written as a ``<span>`` (its words, id and class kept, a space after it: list items in a
table cell ran together, "PermitsParks"), ``<hr>`` and columns left out; as they were, every ePub page with one was invalid XHTML (EPUBCheck RSC-005)."""
NO_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "summary", "span", "b", "i", "em",
             "strong", "small", "s", "cite", "q", "dfn", "abbr", "time", "code", "var", "samp",
             "kbd", "sub", "sup", "u", "mark", "bdi", "bdo"}
"""Elements whose content is words and inline elements only (phrasing content)."""
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
NOT_INSIDE = {
    "dfn": ({"dfn"}, "span"),
    "address": ({"address"}, "div"),
    "header": ({"header", "footer", "address"}, "div"),
    "footer": ({"header", "footer", "address"}, "div"),
    **{name: ({"address"}, "div") for name in _HEADINGS | {"article", "aside", "nav", "section"}},
}
"""An element XHTML forbids inside one of these, and what it is written as there."""
_BLANK = re.compile(r"^\s*$")


def fit(xhtml: str, *, phrasing: bool = False) -> str:
    """``xhtml`` (well-formed, as the sanitiser wrote it) fitted to the content model;
    ``phrasing``: it stands inside a paragraph."""
    root = ET.fromstring(f"<div>{xhtml}</div>")
    _fit(root, "", phrasing, frozenset())
    return _inner(root)


def _blank(text: str | None) -> bool:
    return text is None or _BLANK.match(text) is not None


def _fit(element: ET.Element, parent: str, phrasing: bool, above: frozenset[str]) -> None:
    """Fit ``element``'s children (its own name is settled), then theirs."""
    name = element.tag
    if name == "main":
        element.tag = name = "div"  # the page, site or book has its own
    if name in ("ul", "ol"):
        _items_only(element)
    elif name == "dl" and not _terms_and_definitions(element):
        element.tag = name = "div"
    elif name == "figure":
        _caption_at_an_end(element)
    elif name == "table":
        _one_caption_first(element)
    inside = above | {name}
    phrasing = phrasing or name in NO_BLOCKS
    kept: list[ET.Element] = []
    for child in list(element):
        tag = child.tag
        if tag in NOT_INSIDE and NOT_INSIDE[tag][0] & inside:
            child.tag = tag = NOT_INSIDE[tag][1]
        if tag in ("dt", "dd") and not (name == "dl" or (name == "div" and parent == "dl")):
            child.tag = tag = "div"
        if tag in _HEADINGS and _says_nothing(child):
            child.tag = tag = "div"
        if tag == "time" and not _a_time(child):
            child.tag = tag = "span"
        if phrasing and tag in ("hr", "col", "colgroup"):  # no words: left out, the words after kept
            if kept:
                kept[-1].tail = (kept[-1].tail or "") + (child.tail or "")
            else:
                element.text = (element.text or "") + (child.tail or "")
            continue
        if phrasing and tag in BLOCK:  # its words kept apart from those around it
            child.tag = "span"
            if kept and not (kept[-1].tail or "x")[-1].isspace():
                kept[-1].tail = (kept[-1].tail or "") + " "
            elif not kept and element.text and not element.text[-1].isspace():
                element.text += " "
            if child.tail and not child.tail[0].isspace():
                child.tail = " " + child.tail
        _fit(child, name, phrasing, inside)
        kept.append(child)
    if len(kept) != len(element):
        element[:] = kept


def _a_time(element: ET.Element) -> bool:
    """A ``<time>`` without ``datetime`` must hold a date or time as HTML writes one
    (``<time>next week</time>``, the Nu checker's error): any other is a ``<span>``, and so
    is a tag read alone (a paragraph's HTML comes tag by tag), whose words are not here."""
    from rawhtml.sanitize import _TIME_VALUE  # its module imports this one

    return "datetime" in element.attrib or bool(_TIME_VALUE.fullmatch("".join(element.itertext()).strip()))


def _says_nothing(element: ET.Element) -> bool:
    """No words and no picture: a heading of it (``<h2>{{ contentful.description }}</h2>``
    when the data was not there) is an empty heading a screen reader announces, and the
    PDF loses PDF/UA for it, so it is written as a ``<div>`` (its id kept)."""
    return all(_blank(text) for text in element.itertext()) and element.find(".//img") is None


def _items_only(listing: ET.Element) -> None:
    """Words and elements straight inside a ``<ul>``/``<ol>`` put in items of their own."""
    children, loose = [], None
    if not _blank(listing.text):
        loose = ET.Element("li")
        loose.text, listing.text = listing.text, None
        children.append(loose)
    for child in list(listing):
        listing.remove(child)
        if child.tag == "li":
            children.append(child)
            loose = None
            if not _blank(child.tail):
                loose = ET.Element("li")
                loose.text, child.tail = child.tail, None
                children.append(loose)
            continue
        if loose is None:
            loose = ET.Element("li")
            children.append(loose)
        loose.append(child)
    listing.extend(children)


def _terms_and_definitions(listing: ET.Element) -> bool:
    """Whether a ``<dl>`` is what XHTML allows: terms, each group ending in a definition,
    or ``<div>``s of such groups; no words of its own."""
    def groups(element: ET.Element, least: str) -> bool:
        if not _blank(element.text) or any(not _blank(child.tail) for child in element):
            return False
        tags = "".join({"dt": "t", "dd": "d"}.get(child.tag, "x") for child in element)
        return re.fullmatch(rf"(?:t+d+){least}", tags) is not None

    if len(listing) and all(child.tag == "div" for child in listing):
        return _blank(listing.text) and all(_blank(c.tail) and groups(c, "+") for c in listing)
    return groups(listing, "*")


def _caption_at_an_end(figure: ET.Element) -> None:
    """One ``<figcaption>``, first or last in its ``<figure>``; any other is a ``<div>``."""
    kept = None
    if len(figure) and figure[0].tag == "figcaption" and _blank(figure.text):
        kept = figure[0]
    elif len(figure) and figure[-1].tag == "figcaption" and _blank(figure[-1].tail):
        kept = figure[-1]
    for child in figure:
        if child.tag == "figcaption" and child is not kept:
            child.tag = "div"


def _one_caption_first(table: ET.Element) -> None:
    """A table's captions as one, its first child."""
    captions = [child for child in table if child.tag == "caption"]
    if not captions or (len(captions) == 1 and table[0] is captions[0]):
        return
    one = ET.Element("caption")
    for caption in captions:
        if len(one) or one.text:
            _add_text(one, " ")
        _add_text(one, caption.text)
        one.extend(caption)
    table[:] = [one, *(child for child in table if child.tag != "caption")]


def _add_text(element: ET.Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _inner(element: ET.Element) -> str:
    out: list[str] = [escape(element.text or "", quote=False)]
    for child in element:
        _write(child, out)
    return "".join(out)


def _write(element: ET.Element, out: list[str]) -> None:
    """As the sanitiser writes: XML that is also HTML (``<br />``, every other element closed)."""
    attrs = "".join(f' {key}="{escape(value)}"' for key, value in element.attrib.items())
    if element.tag in VOID:
        out.append(f"<{element.tag}{attrs} />")
    else:
        out.append(f"<{element.tag}{attrs}>")
        out.append(_inner(element))
        out.append(f"</{element.tag}>")
    out.append(escape(element.tail or "", quote=False))

"""A page's own HTML made safe and well-formed, for the website and the ePub.

Plain Python, no Sphinx. The fragment is parsed as a browser would (``html5lib``, the
WHATWG parser in pure Python: it is what bleach builds on, and it needs no compiled
library, unlike lxml), then rebuilt from an allowlist:

- elements that run or load something (``script``, ``style`` with remote imports, remote
  ``link``, ``object``, ``embed``, ``base``, ``meta``, ``form`` controls) are dropped;
  an ``iframe`` becomes a link to its address, named by its ``title``; any other unknown or obsolete element
  (``center``, ``font``) is unwrapped, so its words stay, and so is a ``button``: a link
  drawn as one (``<a href><button>Meeting minutes</button></a>``) keeps its words and link;
- attributes: ``on*`` and everything not on the list are dropped; URLs keep only http,
  https, mailto, tel and relative addresses (and ``data:image/`` in an image), each written
  as a valid URL (``My Photos`` as ``My%20Photos``: ``safety.urls.written_validly``);
- a local picture (``<img src="images/x.png">``, ``/assets/x.png``) is kept only when
  ``local_image`` says the file is there and may be published (``True``; else it gives why
  not, and the picture's description is shown); a picture on
  another site becomes a link to it (the publication loads nothing from other hosts), or,
  inside a link, its description in that link: a link in a link is invalid (an ePub with one
  fails EPUBCheck, RSC-005), so an ``<a>`` inside one, or an iframe's link, is its words too;
  a picture without ``src`` (a lazy-loading theme's ``data-src``, a ``srcset`` alone) is its
  description, and an image map's ``<area>`` a link showing its ``alt``;
- the result is XML that is also HTML: quoted attributes, ``&amp;``, ``<br />``, every
  element closed, fitted to XHTML's content model (:mod:`rawhtml.model`), each attribute's
  value one XHTML allows (:data:`VALUES`). So an ePub page stays valid XHTML whatever the
  page wrote;
- a link with nothing a screen reader can say (no words; a picture with ``alt=""``, or
  one not published) is named by what it leads to (``aria-label``, ``loose_links.core``).

Each change is a :class:`Change` saying what was done; the caller reports them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape, unescape
from typing import Callable

from loose_links.core import link_name
from rawhtml.model import BLOCK, VOID, fit
from rawhtml.placeholders import HTML_ELEMENTS
from safety.data_pictures import data_picture_problem
from safety.urls import address_problem, as_browsers_read, written_validly

KEEP = VOID | {
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "caption",
    "cite", "code", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "i", "ins",
    "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var",
}
TICKED, UNTICKED = "\u2611", "\u2610"
"""A page's own checkbox (a task list written in HTML: ``<input type="checkbox" checked>
Done``) as the ballot box every edition prints; a form control is in no e-reader or PDF."""
SVG_ADVICE = ("to show a drawing, save it as a .svg file beside the page and show it as a "
              "picture: ![what it shows](icon.svg)")
"""An inline ``<svg>`` (an icon an include wrote) is left out, as scripts hide in it; a
``.svg`` file is checked (``safety.svg``) and shown in every edition."""

FALLBACK = {"object", "applet"}
"""Left out, but not what they hold: that is what a browser shows when it cannot play the
file (every browser, for a Flash map), words and links a reader needs."""
MATH_ADVICE = ("to show it as a formula, write it in LaTeX between $$ and $$ (on a page with "
               "math: true, or on a Jekyll site)")

DROP = {"script", "style", "link", "meta", "base", "object", "embed", "applet", "frame",
        "frameset", "input", "select", "textarea", "template", "param", "source",
        "track", "title", "head"}
COMMON = {"id", "class", "title", "lang", "dir", "role"}
PER_ELEMENT = {
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope", "abbr"},
    "ol": {"start", "reversed", "type"}, "li": {"value"}, "time": {"datetime"},
    "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "col": {"span"}, "colgroup": {"span"}, "details": {"open"},
}
PARENTS = {"figcaption": {"figure"}, "li": {"ul", "ol", "menu"}, "dt": {"dl", "div"},
           "dd": {"dl", "div"}, "summary": {"details"}}
"""Elements valid only inside these (XHTML's content model: EPUBCheck's RSC-005). One whose
parent is elsewhere, as when a blank line split the page's ``<figure>`` from its
``<figcaption>``, is kept as a ``<div>`` with its words."""
_DAY = r"\d{4,}-\d\d-\d\d"
_MOMENT = _DAY + r"[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?(?:Z|[+-]\d\d:?\d\d)?"
VALUES = {
    "scope": re.compile(r"col|colgroup|row|rowgroup"), "dir": re.compile(r"auto|ltr|rtl"),
    "type": re.compile(r"[1aAiI]"), "aria-hidden": re.compile(r"true|false"),
    "lang": re.compile(r"(?:[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*)?"),
    "datetime": re.compile(rf"{_MOMENT}|{_DAY}", re.ASCII),
}
"""What XHTML allows in these attributes (the patterns EPUBCheck holds them to, RSC-005);
another value is left out: ``scope="bogus"``, ``lang="English"``, ``datetime="yesterday"``.
``<time>`` also takes a month, a year, a week, a day of the year or a time of day."""
VALUES["hreflang"] = VALUES["lang"]
_TIME_VALUE = re.compile(rf"{_MOMENT}|{_DAY}|\d{{4,}}-\d\d|\d{{4}}|\d{{4,}}-W\d\d"
                         r"|(?:--)?(?:0\d|1[0-2])-(?:[0-2]\d|3[01])|\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?", re.ASCII)
RANGES = {"colspan": (1, 1000), "rowspan": (0, 65534), "span": (1, 1000)}
BOOLEAN = {"open", "reversed"}
ARIA = {"aria-label", "aria-roledescription", "aria-hidden"}
"""The ``aria-`` attributes kept: the others name ids (which a page's HTML may not have
once cleaned) or take values XHTML holds to a list."""
ROLES = set("""alert alertdialog application article banner button cell checkbox columnheader
combobox complementary contentinfo definition dialog directory doc-abstract doc-acknowledgments
doc-afterword doc-appendix doc-backlink doc-biblioentry doc-bibliography doc-biblioref
doc-chapter doc-colophon doc-conclusion doc-cover doc-credit doc-credits doc-dedication
doc-endnote doc-endnotes doc-epigraph doc-epilogue doc-errata doc-example doc-footnote
doc-foreword doc-glossary doc-glossref doc-index doc-introduction doc-noteref doc-notice
doc-pagebreak doc-pagelist doc-part doc-preface doc-prologue doc-pullquote doc-qna doc-subtitle
doc-tip doc-toc document feed figure form graphics-document graphics-object graphics-symbol grid
gridcell group heading img link list listbox listitem log main marquee math menu menubar
menuitem menuitemcheckbox menuitemradio navigation none note option presentation progressbar
radio radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider
spinbutton status switch tab table tablist tabpanel term textbox timer toolbar tooltip tree
treegrid treeitem""".split())
"""The roles XHTML allows (EPUBCheck's list: ARIA's and DPUB-ARIA's)."""


def _fitting(name: str, key: str, value: str) -> str | None:
    """``value`` as XHTML allows it in ``key`` of ``<name>``, or None when it cannot be."""
    if key in BOOLEAN:
        return ""
    if key == "role":
        return value.strip() if value.strip() in ROLES else None
    if key in RANGES:
        low, high = RANGES[key]
        number = value.strip()
        return number if number.isascii() and number.isdigit() and low <= int(number) <= high else None
    pattern = _TIME_VALUE if (name, key) == ("time", "datetime") else VALUES.get(key)
    if pattern is not None and not pattern.fullmatch(value.strip()):
        return None
    return value.strip() if pattern is not None else value


URL_ATTRIBUTES = {"href", "src", "cite"}
NUMBERS = {"width", "height", "colspan", "rowspan", "span", "start", "value"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_XML_NAME = re.compile(r"^[a-z_][a-z0-9_.-]*$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REMOTE_CSS = re.compile(r"@import|image-set|url\s*\(", re.I)
"""CSS that loads a file. One on another site was left out; one beside the page was kept,
but the publication copies only the pictures a page shows (``<img>``), so it was a missing
file on the site and made the ePub invalid (EPUBCheck RSC-007; ``url(/**/https://…)``
RSC-026, an address leaving the book). ``url(#id)`` names no file, but a page's own HTML
has no SVG it could name."""
_URL_WHITESPACE = re.compile("[\x00-\x20\xa0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]")
"""Spaces and controls an address is read without (DOMPurify's ATTR_WHITESPACE, and U+FEFF):
``"\u2028javascript:"`` ran script in browsers that skipped them."""
_ALLOWED_STYLE = re.compile(r"^[^<>\\]*$")


_PLACED = re.compile(r"^\s*(?:z-index\s*:.*|position\s*:(?!\s*(?:static|relative)\s*(?:!\s*important\s*)?$).*)$",
                     re.I | re.S)
"""Declarations that take an element out of the page's flow and over the rest of the site
(``position: fixed|absolute|sticky``, ``z-index``): a page could cover the menus or
the address bar's neighbour with a look-alike (a fake sign-in box)."""


def _without(style: str, unwanted: Callable[[str], object]) -> tuple[str, str]:
    """``style`` without the declarations ``unwanted`` picks (:data:`_PLACED`'s, or those
    :func:`_hides` names); and those left out."""
    kept, left_out = [], []
    for declaration in style.split(";"):
        (left_out if unwanted(declaration) else kept).append(declaration)
    if not left_out:
        return style, ""
    return ";".join(kept).strip(" ;"), "; ".join(d.strip() for d in left_out)


_PRESENTATION = re.compile(
    r"^\s*(?:(?:-webkit-text-fill-)?color|background(?:-color|-image)?|opacity|filter|visibility"
    r"|text-indent|clip|clip-path|mix-blend-mode|text-shadow"
    r"|display\s*:\s*none|content-visibility)\s*(?::|$)", re.I)
"""Declarations that decide whether a word can be read at all: a page's own colour or
shading is unreadable in one of the site's two colour schemes (no colour has 4.5:1 against
both the light and the dark background, WCAG 1.4.3), and ``color: white``, ``opacity: 0``
or ``display: none`` hide words that the PDF prints. The theme decides."""
_FONT_SIZE = re.compile(r"^\s*font-size\s*:\s*(\d+(?:\.\d+)?|\.\d+)\s*(px|pt|em|rem|%|)\s*(?:!\s*important\s*)?$", re.I)
_TOO_SMALL = {"px": 8, "pt": 6, "em": 0.5, "rem": 0.5, "%": 50, "": 1}
"""Below these a size hides its words (``font-size: 0``); ``font-size: 11px`` is kept."""


def _hides(declaration: str) -> bool:
    if _PRESENTATION.match(declaration):
        return True
    size = _FONT_SIZE.match(declaration)
    return size is not None and float(size.group(1)) < _TOO_SMALL[size.group(2).lower()]


@dataclass(frozen=True)
class Change:
    """Something the sanitiser removed or replaced (unwrapping an element, which keeps its
    words, is not a change worth a message)."""

    what: str
    iframe: bool = False
    presentation: bool = False
    advice: str = ""
    """What to do instead, when the warning's general advice does not fit (a drawing)."""
    label: bool = False
    """A link's own name was changed to hold the words it shows (:func:`label_in_name`)."""
    address: str = ""
    """The address an embedded frame's link was given (its file may yet be refused)."""


_CSS_CONTENT = re.compile(r"\bcontent\s*:\s*([^;{}]{1,200})")
_CSS_WRITES = re.compile(r"\bcounters?\(|\battr\(|[\"'][^\"']*\w")


def _written_by_css(css: str) -> str:
    """The first ``content:`` value of a page's own style that writes words or numbers
    (a quoted text with a letter or digit, a counter, an attribute), as written; "" when
    there is none (``content: ""`` draws only a box). Florida Poly's statutes numbered
    their clauses so: ``content: "10" counter(section) "." counters(clause, ".")``."""
    for found in _CSS_CONTENT.finditer(css[:1 << 20]):
        value = " ".join(found.group(1).split())
        if _CSS_WRITES.search(value):
            return _shorter(value)
    return ""


def _shorter(value: str, limit: int = 60) -> str:
    """An address as a message shows it: cut to ``limit`` characters, the cut marked "…"."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _quoted(value: str) -> str:
    """A value in quotes as one line of a warning says it: a tab or line break in it (a
    browser skips them in an address: ``java<tab>script:``) a space, not Python's ``\\t``."""
    return "'" + _shorter(re.sub(r"[\x00-\x1f\x7f]", " ", value)) + "'"


def url_is_safe(url: str, *, image: bool = False) -> bool:
    """http, https, mailto, tel or a relative address (``data:image/`` for an image)."""
    cleaned = _URL_WHITESPACE.sub("", url)  # browsers ignore them: "java\tscript:"
    if cleaned.startswith("//"):
        return True  # protocol-relative: the page's own scheme (https)
    match = SCHEME.match(cleaned)
    if not match:
        return True
    scheme = match.group(1).lower()
    if image and scheme == "data":
        return cleaned[5:].lower().startswith("image/") and not cleaned[5:].lower().startswith("image/svg")
    return scheme in SAFE_SCHEMES


DETAILS_SUMMARY = "Details"
"""What a ``<details>`` without a ``<summary>`` is labelled, as browsers label it."""
_ADDED_SUMMARY = "\x00summary\x00"
"""Where :func:`clean` puts its ``details_label``: no fragment holds it (:data:`_NOT_XML`)."""


def clean(fragment: str, local_image: Callable[[str], bool | str] | None = None, *,
          in_link: bool = False, inline: bool = False,
          details_label: str = DETAILS_SUMMARY) -> tuple[str, list[Change]]:
    """The fragment as safe, well-formed XHTML (which is also HTML), and what was changed;
    ``in_link``: it is inside a link (a Markdown link around a page's inline HTML);
    ``inline``: it is inside a paragraph (:data:`BLOCK` elements become spans; Markdown
    hands over its ``<a …>`` apart from the words up to ``</a>``, so its links are named by
    :func:`name_inline_link`, not here); ``details_label``: the summary given to a
    ``<details>`` without one, in the edition's language."""
    import html5lib  # here: only a page with raw HTML needs it, not every build's start (~15 ms)

    changes: list[Change] = []
    if fragment.count("<") > MAX_DEPTH and _nested_past(fragment, MAX_DEPTH):
        return _text(_words_of(fragment)), [Change(TOO_DEEP)]
    marked = _links_marked(autolinks(_legacy_isindex(_NOT_XML.sub("", fragment))))
    tree = html5lib.parseFragment(marked, treebuilder="etree", namespaceHTMLElements=False)
    if marked is not fragment:
        _without_reopened_links(tree, changes)
    out: list[str] = []
    try:
        _children(tree, out, changes, local_image, in_link, inline)
    except RecursionError:
        try:
            words = " ".join(" ".join(tree.itertext()).split())
        except RecursionError:
            words = ""
        return _text(words), [Change(TOO_DEEP)]
    return fit("".join(out).replace(_ADDED_SUMMARY, _text(details_label)), phrasing=inline), changes


_ISINDEX = re.compile(r"(</?)isindex(?=[\s/>])", re.IGNORECASE)


def _legacy_isindex(fragment: str) -> str:
    """``<isindex>`` as browsers read it since 2016, an unknown element: html5lib still
    builds the old search form from it, with words the page never wrote ("This is a
    searchable index. Enter search keywords:") printed in every edition."""
    return _ISINDEX.sub(r"\1x-isindex", fragment) if "isindex" in fragment.lower() else fragment


_OPENED = "data-rawhtml-opened"
"""Each ``<a`` start tag the page wrote, numbered before parsing: a copy of a link the
parser opened again (a link never closed, its element ended first) carries the same number."""


def _links_marked(fragment: str) -> str:
    """``fragment`` with each ``<a …>`` start tag numbered (:data:`_OPENED`); the same string
    when it has none. Found by :data:`_MARKUP_OR_AUTOLINK`, so a comment's tags are not."""
    if "<a" not in fragment and "<A" not in fragment:
        return fragment
    count = 0

    def numbered(found: re.Match[str]) -> str:
        nonlocal count
        if found.group(2) is None or found.group(1) or found.group(2).lower() != "a":
            return found.group(0)
        count += 1
        return f'<a {_OPENED}="{count}"' + found.group(0)[2:]

    return _MARKUP_OR_AUTOLINK.sub(numbered, fragment)


def _without_reopened_links(tree: ET.Element, changes: list[Change]) -> None:
    """A page's ``<li><a href="x">Policy</li>`` never closes its link: a browser ends it with
    the item and opens it again, empty, after (CUNY City Tech Library's pages). The empty
    copies are left out (they showed nothing, and were named for screen readers as phantom
    links) and the link's missing ``</a>`` is said; a copy holding words stays, as browsers
    link those words too. Every number is taken off."""
    parents = {child: parent for parent in tree.iter() for child in parent}
    seen: set[str] = set()
    said: set[str] = set()
    for link in list(tree.iter()):
        if not isinstance(link.tag, str) or link.tag.lower() != "a" or _OPENED not in link.attrib:
            continue
        number = link.attrib.pop(_OPENED)
        if number not in seen:
            seen.add(number)
            continue
        href = link.get("href") or ""
        if len(link) or (link.text or "").strip() or link not in parents:
            if number not in said:
                said.add(number)
                changes.append(Change(f"the link to {_quoted(href)} is not closed (no </a> after its words), "
                                      "so the words after its element are linked too, as browsers showed them",
                                      advice="close the link with </a> right after its words"))
            continue
        parent = parents[link]
        index = list(parent).index(link)
        kept = (link.text or "") + (link.tail or "")
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + kept
        else:
            parent.text = (parent.text or "") + kept
        parent.remove(link)
        if number not in said:
            said.add(number)
            changes.append(Change(f"the link to {_quoted(href)} is not closed (no </a> after its words), "
                                  "so browsers ended it with its element and opened it again, empty, after it: "
                                  "the empty copies are left out",
                                  advice="close the link with </a> right after its words"))


_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto|tel):[^\s<>\"']+)>"
                       r"|<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                       r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>")
_MARKUP_OR_AUTOLINK = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment: what it holds is hidden, an address too
    r"|<(/?)([A-Za-z][\w:-]*)(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
    r"|" + _AUTOLINK.pattern, re.S)
"""A comment, a tag (its quoted attributes may hold ``<`` and ``>``) or an autolink."""


def autolinks(fragment: str) -> str:
    """Markdown's autolinks (``<https://…>``, ``<mailto:…>``, ``<name@host>``) in a page's
    HTML block as the links they were written for: the HTML parser read each as a tag of no
    element and its address was in no edition (nor on the old site), unsaid. Only the
    schemes a page links to: ``<st1:place>`` and ``<o:p>`` (Word's markup) stay tags; one in
    an attribute's value stays as written, and one inside a link is its address as words
    (a link in a link is invalid)."""
    if "<" not in fragment or not _AUTOLINK.search(fragment):
        return fragment
    links_open = 0

    def each(found: re.Match) -> str:
        nonlocal links_open
        if found.group(2) is not None:  # a tag
            if found.group(2).lower() == "a":
                links_open = max(0, links_open + (-1 if found.group(1) else 1))
            return found.group(0)
        address = found.group(3) or found.group(4)
        if address is None:
            return found.group(0)  # a comment
        if links_open:
            return address  # as HTML: its entities (``&amp;``) read as the page wrote them
        href = address if found.group(3) else "mailto:" + address
        return f'<a href="{href}">{address}</a>'
    return _MARKUP_OR_AUTOLINK.sub(each, fragment)


MAX_DEPTH = 400
"""Elements nested deeper make the fragment its words alone. The HTML parser checks the
open elements at every start tag, so ``<div>`` repeated took time as the square of its
count (12,000: 7 s; a 1 MB page: half an hour); deeper than this, the rebuilding below
ran out of Python's stack anyway."""
TOO_DEEP = "its elements are nested too deeply; only its words are kept"
_TAG_OPEN = re.compile(r"<(/?)([a-zA-Z][^\s/<>]*)")
_ENDS_ITSELF = VOID | {"p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot",
                       "option", "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption",
                       "html", "head", "body", "base", "basefont", "bgsound", "embed", "frame",
                       "input", "keygen", "link", "meta", "param", "source", "track", "image"}
"""Elements a later start or end closes, or that hold nothing: they never pile up."""


def _nested_past(fragment: str, limit: int) -> bool:
    """Would the parser hold more than ``limit`` elements open at once? Counted in one pass
    over the tags as written (an end tag closes up to the element it names, if open)."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    for tag in _TAG_OPEN.finditer(fragment):
        name = tag.group(2).lower()
        if tag.group(1):
            if open_count.get(name):
                while (last := stack.pop()) != name:
                    open_count[last] -= 1
                open_count[name] -= 1
        elif name not in _ENDS_ITSELF:
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(stack) > limit:
                return True
    return False


_TAG = re.compile(r"<[^<>]*>")


def _words_of(fragment: str) -> str:
    """The words of HTML without parsing it, in one pass: its comments (an unclosed one
    hides the rest, as in a browser) and tags left out, its character references read
    (:mod:`html.parser` took time as the square of ``<a<a<a…``)."""
    kept, at = [], 0
    while (start := fragment.find("<!--", at)) != -1:
        kept.append(fragment[at:start])
        end = fragment.find("-->", start + 4)
        at = len(fragment) if end == -1 else end + 3
    kept.append(fragment[at:])
    text = _TAG.sub(" ", _NOT_XML.sub("", " ".join(kept)))
    return " ".join(unescape(text).split())


FORM_WORDS = {"textarea", "select", "datalist"}
"""Form fields whose words a reader needs (a letter to copy, the choices offered): no
edition can hold the field, so they are shown as their words, never dropped."""


def _form_words(element: ET.Element, name: str, out: list[str], changes: list[Change]) -> None:
    if name == "textarea":
        words = " ".join("".join(element.itertext()).split())
    else:
        choices = [" ".join("".join(option.itertext()).split()) or option.get("label", "")
                   for option in element.iter() if isinstance(option.tag, str)
                   and option.tag.rsplit("}", 1)[-1].lower() == "option"]
        words = ", ".join(choice for choice in choices if choice)
    out.append(_text(words))
    changes.append(Change(f"{_article(name)} <{name}> form field is shown as its words"
                          if words else f"an empty <{name}> form field is left out"))


def _description(picture: ET.Element) -> str:
    """What a picture shown as words says: its ``alt``, else its ``aria-label`` or ``title``
    (18F's accessibility guide describes one sign with ``title=`` alone)."""
    for key in ("alt", "aria-label", "title"):
        if said := " ".join((picture.get(key) or "").split()):
            return said
    return ""


def _shown_instead(picture: ET.Element) -> str:
    return ("its description is shown instead" if _description(picture) else
            "it has no description (alt=\"…\"), so nothing is shown in its place")


def _text(value: str | None) -> str:
    return escape(value or "", quote=False)


def _link(url: str, words: str, in_link: bool) -> str:
    """A link to ``url`` showing ``words`` (XHTML already); inside a link, the words alone."""
    return words if in_link else f'<a href="{escape(written_validly(url))}">{words}</a>'


COMPONENT_WORDS = ("heading", "title", "label", "caption", "subtitle", "summary", "description",
                   "text", "alt")
"""Attributes in which a site's own components (Docusaurus' ``<Card title="Parking">``, a
custom ``<city-alert heading=…>``) hold words a reader saw."""


def component_words(element: ET.Element) -> str:
    """The words an element no browser knows held in its attributes, which its site's code
    showed: kept, in bold before its own words (the element itself is only its words here),
    where they were lost with it. Not an attribute that repeats the element's own words."""
    own = " ".join("".join(element.itertext()).split()).casefold()
    found: list[str] = []
    for key in COMPONENT_WORDS:
        value = " ".join(str(element.get(key, "")).split())
        if any(c.isalpha() for c in value) and value.casefold() != own and value not in found:
            found.append(value)
    return " — ".join(found)


def _link_component(element: ET.Element, name: str, in_link: bool) -> ET.Element | None:
    """A custom element (its name has a hyphen: a site's own component) with an ``href`` is the
    link its code drew (pulibrary.github.io's ``<lux-hyperlink href=…>``): an ``<a>`` of its
    words, checked as any link is; its words alone inside a link, or without an address."""
    href = element.get("href")
    if in_link or name in HTML_ELEMENTS or "-" not in name or not isinstance(href, str) or not href.strip():
        return None
    link = ET.Element("a", {"href": href})
    link.text = element.text
    link.extend(list(element))
    return link


def _article(name: str) -> str:
    """"an <input>", "a <select>": the warning is read as a sentence."""
    return "an" if name[:1] in "aeiou" else "a"


def _formula_text(math: ET.Element) -> str:
    """A MathML formula's text in reading order, without its annotations (the same formula
    again, as TeX or another markup)."""
    if math.tag.rsplit("}", 1)[-1] in ("annotation", "annotation-xml"):
        return ""
    return (math.text or "") + "".join(_formula_text(child) + (child.tail or "")
                                       for child in math if isinstance(child.tag, str))


def drawing_name(svg: ET.Element) -> str:
    """What screen readers said of an inline drawing, its ``aria-label`` or its own
    ``<title>``: the words are kept where the drawing is left out ("⚠ Roads close" lost its
    "Warning"). A drawing hidden from them (``aria-hidden="true"``) said nothing."""
    if str(svg.get("aria-hidden", "")).strip().lower() == "true":
        return ""
    label = " ".join(str(svg.get("aria-label", "")).split())
    if not label:
        title = next((child for child in svg if isinstance(child.tag, str)
                      and child.tag.rsplit("}", 1)[-1].lower() == "title"), None)
        label = " ".join("".join(title.itertext()).split()) if title is not None else ""
    return label[:200]


def _children(parent: ET.Element, out: list[str], changes: list[Change],
              local_image: Callable[[str], bool | str] | None, in_link: bool = False,
              inline: bool = False) -> None:
    out.append(_text(parent.text))
    within = parent.tag.rsplit("}", 1)[-1].lower() if isinstance(parent.tag, str) else ""
    for child in parent:
        _element(child, out, changes, local_image, in_link, inline, within)
        out.append(_text(child.tail))


ICON_FONT = re.compile(r"(?:^|\s)material-(?:icons|symbols)(?:-[a-z]+)?(?:\s|$)")
"""The classes of Google's icon fonts, which draw an icon for the word an element holds."""
ICON_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}\Z")


def icon_name(classes: str, words: str) -> str | None:
    """The name an icon font's ligature drew as a picture (``<span class="material-icons">
    priority_high</span>``), or None: on the old site an icon, in every edition the word
    "priority_high" before the text ("priority_highIMPORTANT:", "info Note:")."""
    words = words.strip()
    return words if ICON_FONT.search(classes or "") and ICON_NAME.match(words) else None


def icon_change(name: str) -> Change:
    return Change(f"the icon name {name!r} is left out (an icon font drew it as a picture)",
                  advice="write the word the icon stands for (\"Note:\") as text if readers need it")


_FLOW = {"document_fragment", "div", "section", "article", "aside", "main", "blockquote", "li", "td", "th",
         "dd", "details", "figure", "header", "footer", "nav"}
"""Elements that hold paragraphs, where a frame's link is written as one."""


def _element(element: ET.Element, out: list[str], changes: list[Change],
             local_image: Callable[[str], bool | str] | None, in_link: bool = False,
             inline: bool = False, within: str = "") -> None:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction
        return
    name = tag.rsplit("}", 1)[-1].lower()
    if len(element) == 0 and (icon := icon_name(element.get("class", ""), element.text or "")):
        changes.append(icon_change(icon))
        return
    if name in PARENTS and within not in PARENTS[name]:
        name = "div"
    if name == "iframe":
        src = element.get("src", "")
        title = " ".join(element.get("title", "").split())
        if src and url_is_safe(src):  # its title names it for screen readers: the link's words
            link = _link(src, _text(title or src), in_link)
            # where the frame stood as a block, its link is a paragraph: two side by side were
            # one line of small targets on a phone (WCAG 2.5.8)
            out.append(f"<p>{link}</p>" if not (inline or in_link) and within in _FLOW else link)
            changes.append(Change(f"an embedded frame ({src}) is replaced by a link to it", iframe=True,
                                  address=src))
            return
        out.append(_text(title))
        changes.append(Change(f"an embedded frame ({_shorter(src) if src else 'no address'}) is left "
                              "out: only http, https, mailto, tel and relative addresses are linked"
                              + ("; its title is shown" if title else ""), iframe=True))
        return
    if name == "style" and not _REMOTE_CSS.search(css := "".join(element.itertext())):
        if wrote := _written_by_css(css):
            changes.append(Change(f"a <style> element is left out, and with it the words or numbers "
                                  f"its `content:` rules wrote on the page (`content: {wrote}`)",
                                  advice="write those numbers or words into the page's text "
                                         "(an ordered list numbers its items itself)"))
        else:
            changes.append(Change("a <style> element is left out (the theme styles the page)"))
        return
    if name == "area":
        _area(element, out, changes, local_image, in_link, inline, within)
        return
    if name == "input" and element.get("type", "").strip().lower() == "checkbox":
        out.append(TICKED if element.get("checked") is not None else UNTICKED)
        return
    if name in FORM_WORDS:
        _form_words(element, name, out, changes)
        return
    if name in FALLBACK:
        changes.append(Change(f"{_article(name)} <{name}> element is left out (the file it plays runs on the "
                              "page); its words are kept, as browsers show them in its place"))
        out.append(_text(element.text))
        for child in element:
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1].lower() != "param":
                _element(child, out, changes, local_image, in_link, inline, within)
            out.append(_text(child.tail))
        return
    if name == "math" and tag.startswith("{"):
        out.append(_text(_formula_text(element)))
        changes.append(Change("a <math> element is left out (scripts hide in such islands); its "
                              "text is kept as words", advice=MATH_ADVICE))
        return
    if name in DROP or tag.startswith("{"):  # svg and math islands: scripts hide there
        what = {"script": "a script", "style": "a style sheet that loads other files",
                "link": "a <link> to another file"}.get(name, f"{_article(name)} <{name}> element")
        if name == "svg" and (label := drawing_name(element)):
            out.append(_text(label))
            what += f" (its name, {label!r}, is shown as words)"
        changes.append(Change(f"{what} is left out", advice=SVG_ADVICE if name == "svg" else ""))
        return
    if name not in KEEP or (name == "a" and in_link):
        if name not in HTML_ELEMENTS and (words := component_words(element)):
            out.append(f"<strong>{_text(words)}</strong> ")
        if (link := _link_component(element, name, in_link)) is not None:
            _element(link, out, changes, local_image, in_link, inline, within)
            return
        _children(element, out, changes, local_image, in_link, inline)
        return
    if inline and name in {"hr", "col", "colgroup"}:
        return  # a rule or a table's columns: no words to keep
    apart = inline and name in BLOCK
    if apart:
        name = "span"
    attributes = []
    written = list(element.attrib.items())
    if name == "a" and element.get("name") and not any(str(k).lower() == "id" for k, _ in written):
        written.append(("id", element.get("name")))  # an old anchor: where `#name` links lead
    for key, value in written:
        key = key.lower() if isinstance(key, str) else ""
        allowed = key in COMMON or key in PER_ELEMENT.get(name, ()) or key in ARIA \
            or (key.startswith("data-") and _XML_NAME.match(key))
        if key.startswith("on"):
            changes.append(Change(f"the script in {key}= is left out"))
            continue
        if key == "style":
            if _REMOTE_CSS.search(value):
                changes.append(Change(f"the style {_quoted(value)} is left out: it loads a file, and "
                                      "the publication carries only the pictures a page shows; "
                                      "use <img> for a picture"))
            elif _ALLOWED_STYLE.match(value) and "expression" not in value.lower():
                value, placed = _without(value, _PLACED.match)
                if placed:
                    changes.append(Change(f"the style {placed!r} is left out: a page's own HTML may "
                                          "not be placed over the site's menus and pages"))
                value, hiding = _without(value, _hides)
                if hiding:
                    changes.append(Change(f"the style {_quoted(hiding)} is left out",
                                          presentation=True))
                if value:
                    attributes.append((key, value))
            continue
        if not allowed or (value := _fitting(name, key, value)) is None:
            continue
        if key == "id" and (not value.strip() or any(c.isspace() for c in value.strip())):
            continue  # no element can be found by it; XHTML refuses it (EPUBCheck RSC-005)
        if key == "cite" and not SCHEME.match(_URL_WHITESPACE.sub("", value)):
            continue  # a source's address for machines: one beside the page names no file the book has
            # (read as browsers read it: " JaVa\tScript:" is a scheme, refused and said below)
        if key == "id":
            value = value.strip()
        if key in URL_ATTRIBUTES:
            if not url_is_safe(value, image=(name == "img" and key == "src")):
                changes.append(Change(f"the address {_quoted(value)} is left out: only http, https, "
                                         "mailto, tel and relative addresses are kept"))
                continue
            if (nowhere := address_problem(value)) is not None:
                changes.append(Change(f"the address {_quoted(value)} {nowhere}, so it is left out"))
                if (name, key) == ("img", "src"):
                    out.append(_text(_description(element)))
                    return
                continue
            value = as_browsers_read(value)
            if (name, key) == ("img", "src") and (SCHEME.match(value) or value.startswith("//")) \
                    and not value.lower().startswith("data:"):
                alt = _description(element) or value.rsplit("/", 1)[-1]
                shown = ("its description is shown in the link around it" if in_link else
                         "a link to it with its description is shown instead")
                changes.append(Change(f"the picture {_quoted(value)} is on another site, and the "
                                      f"publication loads nothing from other sites: {shown}"))
                out.append(_link(value, _text(alt), in_link))
                return
            if (name, key) == ("img", "src") and value.lower().startswith("data:") \
                    and (problem := data_picture_problem(value)):
                changes.append(Change(f"the picture {_quoted(value)} is not published: {problem[1]}; "
                                      + _shown_instead(element)))
                out.append(_text(_description(element)))
                return
            if (name, key) == ("img", "src") and local_image and not SCHEME.match(value) \
                    and not value.startswith("//") and (found := local_image(value)) is not True:
                why = found if isinstance(found, str) else "is not in the source folder"
                changes.append(Change(f"the picture {_quoted(value)} {why}; {_shown_instead(element)}"))
                out.append(_text(_description(element)))
                return
            if not value.lower().startswith("data:"):
                value = written_validly(value)
        if key in NUMBERS and not value.strip().isdigit():
            continue
        attributes.append((key, value))
    if name == "a" and not inline and not in_link and (href := element.get("href")) \
            and any(k == "href" for k, _ in attributes) and _nameless(element):
        label, change = _named(href)
        attributes.append(("aria-label", label))
        changes.append(change)
    if name == "a" and not inline:
        for index, (key, value) in enumerate(attributes):
            if key == "aria-label" and (named := label_in_name(value, "".join(element.itertext()))):
                attributes[index] = (key, named[0])
                changes.append(named[1])
    if name == "bdo" and not any(k == "dir" and v in ("ltr", "rtl") for k, v in attributes):
        name = "span"  # a direction override that names none (XHTML requires one)
    if name == "img" and not any(k == "alt" for k, _ in attributes):
        attributes.append(("alt", ""))
    if name == "img" and not any(k == "src" for k, _ in attributes):
        if alt := _description(element):
            if "src" not in element.attrib:
                changes.append(Change(f"the picture {alt!r} has no src= (a srcset= or data-src= is not read), "
                                      "so its description is shown instead: give it src=\"…\""))
            out.append(_text(alt))
        return
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in attributes)
    if name in VOID:
        out.append(f"<{name}{attrs} />")
        return
    if name == "details":
        _details(element, attrs, out, changes, local_image, in_link)
        return
    out.append((" " if apart else "") + f"<{name}{attrs}>")  # a block as a span: its words
    _children(element, out, changes, local_image, in_link or name == "a", inline)  # kept apart
    out.append(f"</{name}>" + (" " if apart else ""))  # from the words around (model.BLOCK)


def _area(element: ET.Element, out: list[str], changes: list[Change],
          local_image: Callable[[str], bool | str] | None, in_link: bool, inline: bool,
          within: str) -> None:
    """An image map's ``<area>`` as a link showing its description: the map's picture loses
    its ``usemap``, and an ``<area>`` outside a ``<map>`` made the ePub page invalid
    (EPUBCheck RSC-005) while its words, in ``alt``, were lost."""
    alt = element.get("alt", "").strip()
    if "href" not in element.attrib:
        out.append(_text(alt))
        return
    link = ET.Element("a", {"href": element.get("href", "")})
    link.text = alt
    _element(link, out, changes, local_image, in_link, inline, within)


def _details(element: ET.Element, attrs: str, out: list[str], changes: list[Change],
             local_image: Callable[[str], bool | str] | None, in_link: bool) -> None:
    """``<details>`` with its ``<summary>`` first, as XHTML requires (EPUBCheck RSC-005):
    the first ``<summary>`` inside it, which browsers show wherever it stands, else
    :data:`DETAILS_SUMMARY`, the word browsers show; any other ``<summary>`` is a ``<div>``.
    One with nothing inside (a blank line after ``<details>`` ended its HTML block) is left
    out: it has no words, and would open onto nothing."""
    if not len(element) and not (element.text or "").strip():
        return
    summaries = [child for child in element
                 if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1].lower() == "summary"]
    first = summaries[0] if summaries else None
    out.append(f"<details{attrs}>")
    if first is None:
        out.append(f"<summary>{_ADDED_SUMMARY}</summary>")
    else:
        _element(first, out, changes, local_image, in_link, False, "details")
    out.append(_text(element.text))
    for child in element:
        if child is not first:
            later = any(child is summary for summary in summaries)
            _element(child, out, changes, local_image, in_link, False, "" if later else "details")
        out.append(_text(child.tail))
    out.append("</details>")


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


def without_taken_ids(html: str, taken: set[str]) -> tuple[str, list[Change]]:
    """``html`` (as :func:`clean` wrote it) without each ``id`` the page already has
    (``taken``, which gets the ones kept): one id names one element, and an ePub page with
    two is invalid (EPUBCheck RSC-005); a link to it lands on the first."""
    changes: list[Change] = []

    def once(found: re.Match[str]) -> str:
        name = unescape(found.group(1))
        if name in taken:
            changes.append(Change(f"the id {name!r} is given twice on the page; the second is left out"))
            return ""
        taken.add(name)
        return found.group(0)

    return _ID_ATTRIBUTE.sub(once, html), changes


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def nest_headings(html: str, level: int) -> str:
    """``html`` (as :func:`clean` wrote it) with no heading more than one level below the
    one before it, starting under a heading of ``level``: an ``<h3>`` in a page's own HTML
    right under its title is written as an ``<h2>``, as a Markdown heading that skips a
    level nests by order. Screen readers move through a page by its heading levels, and a
    skipped level reads as a missing section (axe and Ace: ``heading-order``). A heading
    nests under the last one written at a higher level, so headings written at one level
    stay siblings (CFPB's colour swatches: ``<h4>`` after ``<h4>``, all ``<h3>``). None is
    above ``level``: it cannot end the section it is in, and the next Markdown heading would
    skip from it (CFPB's typography page shows an ``<h1>`` under an ``h4``: one more ``h4``)."""
    opened: list[str] = []
    above: list[tuple[int, int]] = []  # (level as written, level given) of the headings it may nest in

    def nest(tag: re.Match[str]) -> str:
        if tag.group(1):
            return f"</h{opened.pop()}" if opened else tag.group(0)
        written = int(tag.group(2))
        while above and above[-1][0] >= written:
            above.pop()
        given = min(above[-1][1] + 1 if above else max(min(written, level + 1), level), 6)
        above.append((written, given))
        opened.append(str(given))
        return f"<h{given}"

    return _HEADING_TAG.sub(nest, html)


_START_A = re.compile(r"<a\b[^<>]*>")
_LABEL = re.compile(r'\saria-label="[^"]*"')


def unlink(html: str, href: str) -> str:
    """``html`` (as :func:`clean` wrote it) with its links to ``href`` (as written there)
    made plain words: an ``<a>`` without the address, or the name only a link may carry."""
    attribute = f' href="{href}"'

    def plain(start: re.Match[str]) -> str:
        tag = start.group(0)
        return _LABEL.sub("", tag.replace(attribute, "")) if attribute in tag else tag

    return _START_A.sub(plain, html)


def _named(href: str) -> tuple[str, Change]:
    label = link_name(href)
    return label, Change(f"the link to {_quoted(href)} shows nothing a screen reader can say "
                         f"(no words; a picture without a description), so it is named {label!r}: "
                         "say what its picture shows in alt=\"…\"")


_START_HREF = re.compile(r'^<a\b[^<>]*\shref="([^"]*)"[^<>]*>$')
_LABEL_VALUE = re.compile(r'(\saria-label=")([^"]*)(")')


def label_in_name(label: str, words: str) -> tuple[str, Change] | None:
    """WCAG 2.5.3 Label in Name: a link labelled ``aria-label="Keyboard Access"`` that shows
    "Click Here" is named only by its label, so a speech-input user who says what they see
    cannot reach it. Named "Click Here (Keyboard Access)" instead: the words shown first, the
    label kept. None when the label already holds the words, or the link shows none."""
    shown, label = " ".join(words.split()), " ".join(label.split())
    if not shown or not label or shown.casefold() in label.casefold():
        return None
    named = f"{shown} ({label})"
    return named, Change(f"the link's label {_quoted(label)} leaves out the words it shows, "
                         f"{_quoted(shown)}, which readers who speak commands say to follow it: "
                         f"it is named {_quoted(named)}", label=True,
                         advice="write the words the link should say in the link itself "
                                "(an aria-label must contain the link's visible words)")


def name_inline_link(start: str, inside: str) -> tuple[str, Change | None]:
    """A paragraph's ``<a href=…>`` (as :func:`clean` wrote it), named when what stands
    before its ``</a>`` (``inside``: XHTML, words escaped) has nothing to name it by."""
    import html5lib

    found = _START_HREF.match(start)
    if found is not None and (label := _LABEL_VALUE.search(start)):
        words = "".join(html5lib.parseFragment(inside, treebuilder="etree", namespaceHTMLElements=False).itertext())
        if (named := label_in_name(unescape(label.group(2)), words)) is None:
            return start, None
        return start[:label.start(2)] + escape(named[0]) + start[label.end(2):], named[1]
    if found is None or " aria-label=" in start or " title=" in start or not found.group(1).strip():
        return start, None  # an empty address is no link at all: register_links says so
    if not _nameless(html5lib.parseFragment(inside, treebuilder="etree", namespaceHTMLElements=False)):
        return start, None
    label, change = _named(unescape(found.group(1)))
    return f'{start[:-1]} aria-label="{escape(label)}">', change


def _nameless(link: ET.Element) -> bool:
    """No words, label or title, and no picture that brings its own (a description, or
    the file name a remote picture is shown as)."""
    if any((link.get(key) or "").strip() for key in ("aria-label", "aria-labelledby", "title")):
        return False
    if "".join(link.itertext()).strip():
        return False
    return not any((img.get("alt") or "").strip() or SCHEME.match(img.get("src") or "")
                   or (img.get("src") or "").startswith("//") for img in link.iter("img"))


_OPEN = re.compile(r"^\s*<([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>\s*$", re.S)
_CLOSE = re.compile(r"^\s*</([a-zA-Z][a-zA-Z0-9-]*)\s*>\s*$")


_HTML_VOID = VOID | {"area", "base", "embed", "input", "keygen", "link", "meta", "param",
                     "source", "track"}
"""Elements HTML never closes: an inline one is a piece of its own, never waiting for an end
tag (an ``<input type="checkbox">`` in a list item waited, and its box was left out unsaid)."""

_WORDS_APART = {"option", "optgroup"}
"""Elements left out inline whose words are separate items: their end keeps a space."""


def clean_inline(pieces: list[str], local_image: Callable[[str], bool | str] | None = None, *,
                 in_link: bool = False, words_after: list[str] | None = None) -> tuple[list[str], list[Change]]:
    """Inline HTML of one paragraph, which Markdown hands over in pieces (``<b>``, the words
    between as text, ``</b>``): a start and end tag that pair up are cleaned as a pair; a
    tag left unpaired is dropped (the words stay), so the paragraph stays well-formed. A
    piece after an ``<a>`` not yet closed is cleaned as inside a link. ``words_after``: the
    paragraph's words after each piece, so a component's attribute that repeats its own
    words (``<Tooltip title="Apply">Apply</Tooltip>``) is not said twice."""
    result = [""] * len(pieces)
    changes: list[Change] = []
    stack: list[tuple[str, int]] = []
    inside_link = lambda: in_link or any(name == "a" for name, _ in stack)  # noqa: E731
    for index, piece in enumerate(pieces):
        if (close := _CLOSE.match(piece)):
            name = close.group(1).lower()
            if stack and stack[-1][0] == name:
                _, start = stack.pop()
                if name in FORM_WORDS:  # its words are the paragraph's text between the tags
                    continue
                cleaned, found = clean(pieces[start] + f"</{name}>", local_image, in_link=inside_link(),
                                       inline=True)
                changes += found
                apart = " " if name in BLOCK else ""  # a block as a span: words kept apart
                shown = "span" if apart else name
                start_tag, end = apart + f"<{shown}", f"</{shown}>" + apart
                if cleaned.startswith(start_tag) and cleaned.endswith(end):
                    result[start], result[index] = cleaned[:-len(end)], end
                elif name not in HTML_ELEMENTS and cleaned.startswith("<strong>"):
                    # a component's words (component_words), kept; not one its words repeat
                    own = " ".join(" ".join((words_after or [])[start:index]).split()).casefold()
                    said = [words for words in unescape(cleaned[8:cleaned.index("</strong>")]).split(" — ")
                            if words.casefold() != own]
                    result[start] = f"<strong>{_text(' — '.join(said))}</strong> " if said else ""
                elif name == "iframe":  # its link (or title) in the sentence, as the warning says
                    result[start] = cleaned
                elif name in _WORDS_APART and not cleaned:
                    result[index] = " "  # "Option one Option two", not "Option oneOption two"
            continue  # an unpaired end tag is dropped
        opened = _OPEN.match(piece)
        if opened and opened.group(1).lower() not in _HTML_VOID and not piece.rstrip().endswith("/>"):
            stack.append((opened.group(1).lower(), index))
            continue
        result[index], found = clean(piece, local_image, in_link=inside_link(), inline=True)
        changes += found
    return result, changes

"""Sphinx extension: a page's own HTML, made safe and well-formed in every HTML edition.

When a page is read, each raw HTML block and inline tag goes through :mod:`.sanitize`
(a real HTML5 parser, an allowlist), so the website runs no page script and loads nothing
from another site, and the ePub gets valid XHTML (``novalidate``, bare ``&``, an unclosed
``<img>`` or ``<br>`` no longer break the book). The PDF reads the same XHTML as nodes
(``typst_pdf.xhtml_nodes``), with the pictures and page links noted here.
Pictures it shows are copied like any image; links to pages (``other.md``) follow the
page as each edition names it; links to files (``/assets/plan.pdf``) are published.

Problems are warnings of type ``rawhtml`` (see :class:`Subtype`), one per page and kind,
at the line of the first HTML concerned.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections import defaultdict
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import quote, unquote

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.locale import _ as translated
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from jekyll_compat.filenames import local_file
from safety import filetypes, pixels, svg
from safety.urls import written_validly

from . import details
from .placeholders import message as placeholder_message, placeholders
from .sanitize import (DETAILS_SUMMARY, SCHEME, Change, clean, clean_inline, icon_change, icon_name,
                       name_inline_link, nest_headings, unlink, without_taken_ids)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

WARNING_TYPE = "rawhtml"
IMAGES = "rawhtml_images"  # on a raw node: (src as written, file relative to the source folder)
DOWNLOADS = "rawhtml_downloads"  # the same for links to files
PAGES = "rawhtml_pages"  # (href as written, docname, fragment) of links to pages
READ_AS = "rawhtml_read_as"  # {root-relative href written in its place: the href as written}
HEADING_BASE = "rawhtml_heading_base"  # the level (1: the page's title) its headings are nested under
_LISTED = 3  # changes named in a page's warning; the rest are counted


class Subtype(enum.Enum):
    """What was changed in a page's own HTML. Every value is a warning subtype of ``rawhtml``."""

    REMOVED = "removed"
    """A script, an event handler, an unsafe address or a remote style sheet was left out."""

    IFRAME = "iframe"
    """An embedded frame (a video, a map) is replaced by a link to its address."""

    LINK = "link"
    """A link in the page's HTML names a page or a file that is not among the pages
    (``other.md``, ``plan.pdf``, ``../outside/notes.txt``): its words stay, without the link."""

    STYLE = "style"
    """A colour, shading, size or visibility in the page's own HTML (``style="color:red"``)
    is left out: the theme's keep every word readable in light and dark mode."""

    OTHER_FORMAT = "other-format"
    """A raw block for another output than HTML (``{raw} latex``, ``.. raw:: typst``): no
    edition shows it (none runs a page's own Typst or LaTeX), so its words are left out."""

    PLACEHOLDER = "placeholder"
    """Words in angle brackets that Markdown reads as a tag of no HTML element ("Enter
    <your email>", "press <Enter>"): no edition shows them, as no browser did on the old
    site (:mod:`rawhtml.placeholders`)."""

    LABEL = "label"
    """A link's ``aria-label`` leaves out the words it shows (``aria-label="Keyboard Access"``
    on "Click Here"): it is named by both, its words first (WCAG 2.5.3 Label in Name)."""

    DETAILS_TOO_DEEP = "details-too-deep"
    """``<details>`` boxes nested past :data:`.details.MAX_DEPTH`: the inner ones are their
    summary's bold line and words in the box around them (300 deep stopped every edition)."""

    UNCLOSED = "unclosed"
    """A ``<!--``, ``<script>``, ``<style>``, ``<textarea>`` or ``<pre>`` that starts a block
    and is never closed: Markdown reads the rest of the page as its inside, so the words
    after it are hidden in every edition until it is closed. Inside a block (``<p>Intro
    <!-- note``, a ``<title>``), one hides the block's words after it."""


_OPENERS = re.compile(r"\s*(?:(<!--)|<(script|style|textarea|pre)(?=[\s>/]|$))", re.I)


def _subtype(change: Change) -> Subtype:
    return Subtype.IFRAME if change.iframe else Subtype.STYLE if change.presentation else \
        Subtype.LABEL if change.label else Subtype.REMOVED


def unclosed(text: str) -> str | None:
    """The opener of a raw HTML block that never ends (CommonMark's kinds 1 and 2 end only at
    their closing mark, or with the page), or None."""
    opener = _OPENERS.match(text)
    if opener is None:
        return None
    if opener.group(1):
        return None if "-->" in text else "<!--"
    name = opener.group(2).lower()
    return None if re.search(rf"</{name}\s*>", text, re.I) else f"<{name}>"


_SWALLOWING = re.compile(r"<!--|<(script|style|textarea|title)\b[^<>]*>", re.I)
_SWALLOWING_END = re.compile(r"</(script|style|textarea|title)\s*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")


def swallowed(text: str) -> tuple[str, int] | None:
    """An opener inside a raw HTML block that is never closed in it and hides words after
    it (``<p>Intro <!-- note`` then a line of text), with its line in the block (from 0):
    a browser, and so every edition, shows nothing of the block after it. None else.

    An opener is closed when its kind's last closer is after it: each searching the rest
    of the block took 10 s for 40,000 ``<style>`` (quadratic)."""
    last = {"<!--": text.rfind("-->")}
    for end in _SWALLOWING_END.finditer(text):
        last[end.group(1).lower()] = end.start()
    for opener in _SWALLOWING.finditer(text):
        name = opener.group(1).lower() if opener.group(1) else "<!--"
        if last.get(name, -1) >= opener.end():
            continue
        rest, shown = text[opener.end():], name if name == "<!--" else f"<{name}>"
        if _ANY_TAG.sub(" ", rest).strip():
            return shown, text.count("\n", 0, opener.start())
        return None
    return None


def is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


def html_nodes(doctree: nodes.Node) -> list[nodes.raw]:
    """The raw HTML nodes, in order: ``findall(is_html)``, through docutils' fast walk by class
    (a condition function takes its slow walk, two to three times the cost)."""
    return [raw for raw in doctree.findall(nodes.raw) if is_html(raw)]


def sanitize_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: clean every raw HTML node of the page; report once per kind."""
    found: dict[Subtype, list[tuple[nodes.Node, Change]]] = defaultdict(list)
    inline: dict[int, list[nodes.raw]] = defaultdict(list)
    env = app.env
    nowhere: list[tuple[nodes.raw, str]] = []

    def read_address(address: str) -> str | None:
        return app.events.emit_firstresult(PAGE_ADDRESS, env.docname, address)
    taken = {name for node in doctree.findall(nodes.Element) for name in node["ids"]}
    emptied: list[nodes.Element] = []
    has_details = any("<details" in raw.astext().lower() for raw in html_nodes(doctree))
    too_deep: list[nodes.Node] = []
    # before the boxes are made: a summary's ``<Tab>`` is read there and would go unsaid
    _say_placeholders(env.docname, html_nodes(doctree))
    if has_details:  # each of the two walks every element of the page
        details.boxes(doctree, translated(DETAILS_SUMMARY), too_deep)
    if too_deep:
        first = min(too_deep, key=lambda node: node.line or 0)
        logger.warning(f"{len(too_deep)} `<details>` box(es) from here are nested inside more than "
                       f"{details.MAX_DEPTH} others, deeper than the editions can draw, so each is "
                       "its summary in bold and its words in the box around it: nest them less "
                       "deeply", location=_where(first), type=WARNING_TYPE,
                       subtype=Subtype.DETAILS_TOO_DEEP.value)
    for opener in details.unpaired(doctree) if has_details else ():
        logger.warning("this `<details>` box has no `</details>` after it in its section (a heading "
                       "inside the box starts a new one), so the box shows no words and the words "
                       "meant for it follow it, unfolded: write the box's headings as bold text "
                       "(`**Step one**`), or close the box before the heading", location=_where(opener),
                       type=WARNING_TYPE, subtype=Subtype.UNCLOSED.value)
    for closer in details.stray_closers(doctree) if has_details else ():
        logger.warning("this `</details>` closes no box at its level (its `<details>` is written at "
                       "another indentation, in a list item or out of one, or above a heading), so "
                       "it is left out and the box does not end here: write the box's `<details>` "
                       "and `</details>` at the same indentation, with no heading between them",
                       location=_where(closer),
                       type=WARNING_TYPE, subtype=Subtype.UNCLOSED.value)
    _say_words_run_into_a_tag(env.docname, list(html_nodes(doctree)))
    for raw in doctree.findall(nodes.raw):
        if not is_html(raw) and re.search(r"\w", raw.astext()):  # MyST's line break: "\\" for LaTeX
            formats = " ".join(raw.get("format", "").split()) or "no format"
            logger.warning(f"a raw block for {formats!r} is shown in no edition (none runs a page's "
                           f"own {formats}), so its words are left out: write them as Markdown",
                           location=_where(raw), type=WARNING_TYPE, subtype=Subtype.OTHER_FORMAT.value)
    for raw in html_nodes(doctree):
        if isinstance(raw.parent, nodes.TextElement):
            inline[id(raw.parent)].append(raw)
            continue
        if (opener := unclosed(raw.astext())) and raw.astext().count("\n") > 1:
            logger.warning(f"this `{opener}` is never closed, so Markdown reads the rest of the "
                           f"page ({raw.astext().count(chr(10))} lines) as its inside and no edition "
                           f"shows those words: close it where it should end", location=_where(raw),
                           type=WARNING_TYPE, subtype=Subtype.UNCLOSED.value)
        elif hidden := swallowed(raw.astext()):
            where = _where(raw)
            line = where.line + hidden[1] if where is not None and where.line else None
            logger.warning(f"this `{hidden[0]}` is never closed in its HTML block, so the words "
                           "after it, to the block's end, are shown in no edition: close it where "
                           "it should end", location=(env.docname, line) if line else where,
                           type=WARNING_TYPE, subtype=Subtype.UNCLOSED.value)
        cleaned, changes = clean(raw.astext(), PageImages(env, raw),
                                 details_label=translated(DETAILS_SUMMARY))
        cleaned, twice = without_taken_ids(cleaned, taken)
        changes += twice
        raw[HEADING_BASE] = _heading_level(raw)
        _replace(raw, nest_headings(cleaned, raw[HEADING_BASE]))
        refused: list[tuple[str, str]] = []
        nowhere += [(raw, address) for address in register_links(env, raw, refused, read_address)]
        changes = _refusals(changes, refused)
        for change in changes:
            found[_subtype(change)].append((raw, change))
    for pieces in inline.values():
        icons = _without_icon_names(pieces)
        cleaned_pieces, changes = clean_inline([raw.astext() for raw in pieces], PageImages(env, pieces[0]),
                                               in_link=_in_link(pieces[0]), words_after=_words_after(pieces))
        refused = []
        for raw, cleaned in zip(pieces, cleaned_pieces):
            cleaned, twice = without_taken_ids(cleaned, taken)
            changes += twice
            _replace(raw, cleaned)
        _pictures_to_their_pieces(pieces)
        if _left_empty(pieces[0].parent):
            emptied.append(pieces[0].parent)
        if not _in_link(pieces[0]):
            changes += _name_links(pieces)
        changes += icons
        for raw in pieces:
            nowhere += [(raw, address) for address in register_links(env, raw, refused, read_address)]
        for opener, closer in zip(pieces, pieces[1:]):  # what is left of ``<a href=""></a>``
            if opener.astext() == "<a>" and closer.astext() == "</a>":
                _replace(opener, "")
                _replace(closer, "")
        changes = _refusals(changes, refused)
        for change in changes:
            found[_subtype(change)].append((pieces[0], change))
    for raw, address in dict.fromkeys(nowhere):
        message = ("this link's address is empty (its Liquid or include printed none, e.g. "
                   "`{{ r.url }}` of an entry not found), so the link is left out and its words, if "
                   "any, are shown: give it an address, or leave the link out" if not address else
                   f"the link {address!r} leads to no page of the publication; link to the page's file "
                   "as it is now (e.g. 'parking.md')" if page_named(env, address) is not False else
                   f"the link {address!r} leads to no file among the pages (a file outside their folder "
                   "is not published), so its words are shown without the link: put the file beside "
                   "the page, or link to a full https:// address")
        logger.warning(message, location=_link_place(env, raw, address), type=WARNING_TYPE,
                       subtype=Subtype.LINK.value)
    for subtype, items in found.items():
        # in the page's order: the paragraphs' inline HTML was cleaned after every block
        items.sort(key=lambda item: getattr(_where(item[0]), "line", None) or 0)
        first = getattr(_where(items[0][0]), "line", None)
        lines: dict[str, Any] = {}  # each change's first line: said after it when not the warning's
        for raw, change in items:
            lines.setdefault(change.what, _change_line(env, raw, change.what))
        whats = [what if line in (None, first) else f"{what} (line {line})" for what, line in lines.items()]
        rest = sorted({line for line in list(lines.values())[_LISTED:] if line})
        listed = "; ".join(whats[:_LISTED]) + (
            f"; and {len(whats) - _LISTED} more" + (f" (line {', '.join(map(str, rest[:10]))})" if rest else "")
            if len(whats) > _LISTED else "")
        advice = {Subtype.IFRAME: "write the link as Markdown if that is what you want readers to see",
                  Subtype.STYLE: "the theme sets colours and sizes, so every word stays readable in "
                                 "light and dark mode and in print; to stress words, use **bold**"
                  }.get(subtype, "the publication runs no page scripts and loads nothing from other sites")
        if own := list(dict.fromkeys(change.advice for _, change in items if change.advice)):
            general = [change for _, change in items if not change.advice]
            advice = "; ".join(own + ([advice] if general else []))
        logger.warning(f"this page's HTML was changed: {listed}; {advice}", location=_where(items[0][0]),
                       type=WARNING_TYPE, subtype=subtype.value)
    for paragraph in emptied:  # after the warnings, which name its line
        paragraph.parent.remove(paragraph)


def _left_empty(parent: nodes.Node) -> bool:
    """A paragraph of nothing but HTML that was all left out (an ``<svg>`` drawing): kept,
    it was an empty ``<p>`` in every edition, a passage with no words."""
    return isinstance(parent, nodes.paragraph) and parent.parent is not None \
        and not parent.astext().strip() and not any(parent.findall(nodes.image))


def _say_words_run_into_a_tag(docname: str, raws: list[nodes.raw]) -> None:
    """``<a href="…"how to contribute</a>``: the words became attributes, which cleaning
    drops; said once per page (as a link shown as its words is: ``link.as-text``)."""
    from loose_links import WARNING_TYPE as LINK
    from loose_links.core import Kind, html_run_together, html_run_together_message

    for raw in raws:
        if found := html_run_together(raw.astext()):
            element, tag, lines_in = found
            where = _where(raw)
            location = (docname, where.line + lines_in) if where is not None else docname
            logger.warning(html_run_together_message(element, tag), location=location,
                           type=LINK, subtype=Kind.AS_TEXT.value)
            return


def _say_placeholders(docname: str, raws: list[nodes.raw]) -> None:
    """Each paragraph's or HTML block's tags of no HTML element (``<your email>``), said at
    its line, before cleaning leaves them out."""
    page_html = "\n".join(raw.astext() for raw in raws)
    groups: dict[int, list[nodes.raw]] = defaultdict(list)
    for raw in raws:
        groups[id(raw.parent) if isinstance(raw.parent, nodes.TextElement) else id(raw)].append(raw)
    said = []
    for pieces in groups.values():
        if tags := placeholders("".join(raw.astext() for raw in pieces), page_html):
            first = next(raw for raw in pieces if placeholders(raw.astext(), page_html))
            said.append((_line_of(first), tags))
    for line, tags in sorted(said, key=lambda item: item[0] or 0):
        logger.warning(placeholder_message(tags), location=(docname, line) if line else docname,
                       type=WARNING_TYPE, subtype=Subtype.PLACEHOLDER.value)


def _line_of(raw: nodes.raw) -> int | None:
    """The line ``raw`` is on: its paragraph's, and one more for each line break before it
    (a hard break is two raw nodes, for HTML and for LaTeX: only the first is counted)."""
    inline = isinstance(raw.parent, nodes.TextElement)
    where = _where(raw.parent if inline else raw)  # MyST gives an inline raw its paragraph's line
    if where is None or not where.line:
        return None
    if not inline:
        return where.line
    breaks = 0
    for node in raw.parent.findall(include_self=False):
        if node is raw:
            break
        if isinstance(node, nodes.Text) and not (isinstance(node.parent, nodes.raw) and not is_html(node.parent)):
            breaks += node.astext().count("\n")
    return where.line + breaks


_ID = re.compile(r'\sid="([^"]*)"')  # rawhtml writes every attribute as name="value"


def ids_in(doctree: nodes.Node) -> set[str]:
    """Every id a page has: its own (headings, targets) and those its HTML gives
    (``<div id="part">``), which a link to ``page.md#part`` may name."""
    ids = {name for node in doctree.findall(nodes.Element) for name in node["ids"]}
    return ids | {unescape(found) for raw in html_nodes(doctree) for found in _ID.findall(raw.astext())}


class PageImages:
    """Finds a raw HTML picture on disk and registers it to be copied like any image.

    ``images/x.png`` is relative to the page, ``/assets/x.png`` to the source folder (as
    on the Jekyll site); a picture outside the source folder is not taken.
    """

    def __init__(self, env: BuildEnvironment, raw: nodes.raw) -> None:
        self.env, self.raw = env, raw

    def __call__(self, src: str) -> bool | str:
        found = local_file(Path(self.env.srcdir), Path(self.env.doc2path(self.env.docname)).parent, src,
                           _baseurl(self.env))
        if found is None:
            return False
        if why := unpublishable(found):
            return f"is not published: {why}"
        relative = found.relative_to(Path(self.env.srcdir).resolve()).as_posix()
        self.env.images.add_file(self.env.docname, relative)
        self.env.note_dependency(str(found))
        self.raw.setdefault(IMAGES, []).append((src, relative))
        return True


def unpublishable(path: Path, *, picture: bool = True) -> str | None:
    """Why a file a page's HTML shows or links may not be published (safety's rules for
    every picture and download: an SVG that can run or load anything, a decompression bomb,
    a page or script a browser would run on the site's address)."""
    if how := filetypes.how_it_runs(path, picture=picture):
        return (f"{how}; offer it zipped, or as plain text" if not picture
                or not how.startswith("a browser") else
                f"{path.name!r} is no picture (a browser would open it as a page of the site)")
    if picture and (empty := filetypes.no_picture_inside(path)):
        return empty
    if unsafe := svg.file_problems(path):
        return "; ".join(unsafe)
    return pixels.too_many_pixels(path)


_HREF = re.compile(r'\shref="([^"#?][^"]*)"')  # rawhtml writes every attribute as name="value"
_EMPTY_HREF = ' href=""'  # an include's ``{{ r.url }}`` of an entry not found
_BARE_LINK = re.compile(r"<a>(\s*)</a>")




def page_named(env: BuildEnvironment, address: str) -> tuple[str, str] | None | bool:
    """(docname, fragment) of the page a relative link names (``other.md``, ``folder/``,
    ``page.html#part``); None if it names no page; False if it is no link to a page."""
    path, _, fragment = address.partition("#")
    path = path.split("?", 1)[0]
    page_suffixes = (*env.config.source_suffix, ".html")  # other.mkd, other.MD too
    if path.startswith("/") and not path.startswith("//") and path.endswith(tuple(env.config.source_suffix)):
        return _page_from_root(env, path, fragment)
    if not path or SCHEME.match(path) or path.startswith("/") or \
            not (path.endswith(("/", *page_suffixes)) or "." not in posixpath.basename(path)):
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(env.docname), unquote(path)))
    stem = next((target.removesuffix(s) for s in page_suffixes if target.endswith(s)), None)
    for name in ([stem] if stem else [target, f"{target}/index"]):
        if name in env.found_docs:
            return name, fragment
    return None


def _page_from_root(env: BuildEnvironment, path: str, fragment: str) -> tuple[str, str] | bool:
    """A page's source file named from the site's folder (``/guides/a.md``, what Jekyll's
    ``{% link guides/a.md %}`` writes here, under the old ``baseurl`` or not): the page. It
    was published as a download of the Markdown file. Else no link to a page (a file)."""
    target = posixpath.normpath(unquote(path).lstrip("/"))
    base = _baseurl(env).strip("/")
    for name in (target, target[len(base) + 1:] if base and target.startswith(base + "/") else ""):
        stem = next((name.removesuffix(s) for s in env.config.source_suffix if name.endswith(s)), None)
        if stem and stem in env.found_docs:
            return stem, fragment
    return False


def _baseurl(env: BuildEnvironment) -> str:
    """The old site's ``baseurl``: ``/smart/assets/x.png`` there is ``/assets/x.png`` here."""
    from jekyll_compat import site_baseurl  # imported when used: jekyll_compat imports this room

    return site_baseurl(Path(env.srcdir))


PAGE_ADDRESS = "rawhtml-page-address"
"""Declared event ``(docname, address)`` → the root-relative address (``/docs/frontmatter/``)
a relative link that names no page's file means, or None: ``jekyll_compat`` reads
``../frontmatter/`` from the page's old URL, as it reads the same link in Markdown."""


def _refusals(changes: list[Change], refused: list[tuple[str, str]]) -> list[Change]:
    """``changes`` with one more for each file a link or frame names that is not published;
    an embedded frame of such a file is said once, as what readers get: its title, unlinked
    (its link was said to replace it, and the link then led nowhere)."""
    framed = {change.address: change for change in changes if change.iframe and change.address}
    said = []
    for address, why in refused:
        if (frame := framed.pop(unescape(address), None) or framed.pop(address, None)) is not None:
            changes = [change for change in changes if change is not frame]
            said.append(Change(f"an embedded frame of the file {address[:60]!r} is shown as its title "
                               f"only, without a link: the file is not published: "
                               f"{why.removesuffix('; offer it zipped, or as plain text')}", iframe=True,
                               advice="show the example's code in a fenced code block, or make it a "
                                      "page of the publication (a .md file) and link to that"))
        else:
            said.append(Change(f"the file {address[:60]!r} is not published, so its link shows only "
                               f"its words: {why}"))
    return changes + said


def register_links(env: BuildEnvironment, raw: nodes.raw,
                   refused: list[tuple[str, str]] | None = None,
                   read_address: Callable[[str], str | None] = lambda address: None) -> list[str]:
    """Note what a raw HTML link names: a page (linked when written), a file such as
    ``/assets/plan.pdf`` (published like a Markdown download link); the addresses that
    lead to neither are returned, their links made words, and files that may not be published (:func:`unpublishable`)
    are added to ``refused`` with why. A relative link to no page's file is first given to
    ``read_address``: the root-relative address it gives is written in its place (a server
    path, resolved later with the old site's addresses)."""
    folder = Path(env.doc2path(env.docname)).parent
    nowhere = []
    refused = [] if refused is None else refused
    if _EMPTY_HREF in raw.astext():  # a link to nowhere: its words stay, an empty one goes
        nowhere.append("")
        _replace(raw, _BARE_LINK.sub(r"\1", unlink(raw.astext(), "")))
    for href in _HREF.findall(raw.astext()):
        address = unescape(href)
        if SCHEME.match(address) or address.startswith("//"):
            continue
        page = page_named(env, address)
        if page:
            raw.setdefault(PAGES, []).append((href, *page))
            continue
        if page is None and (read := read_address(address)):
            _replace(raw, raw.astext().replace(f'href="{href}"', f'href="{escape(read)}"'))
            raw.setdefault(READ_AS, {})[escape(read)] = href
            continue
        if page is None:  # its words stay, without a link that leads nowhere
            nowhere.append(address)
            _replace(raw, unlink(raw.astext(), href))
            continue
        found = local_file(Path(env.srcdir), folder, address, _baseurl(env))
        if found is None:
            if not address.startswith("/") and address.split("#", 1)[0].split("?", 1)[0]:
                nowhere.append(address)  # a file that is not among the pages: a dead link
                _replace(raw, unlink(raw.astext(), href))
            continue  # a server path is jekyll_compat's (an old address of a page)
        if why := unpublishable(found, picture=False):
            refused.append((address, why))  # its words stay: a link to no copy would lead nowhere
            _replace(raw, unlink(raw.astext(), href))
            continue
        relative = found.relative_to(Path(env.srcdir).resolve()).as_posix()
        env.dlfiles.add_file(env.docname, relative)
        env.note_dependency(str(found))
        raw.setdefault(DOWNLOADS, []).append((href, relative))
    return nowhere


class LinkPictures(SphinxPostTransform):
    """Point each raw HTML picture at its copy in the output (``_images/``) and copy it;
    point links to pages at the page as this edition names it, and, on the website, links
    to files at their copy (``_downloads/``)."""

    default_priority = 4  # before jekyll_compat reads raw links as addresses of pages (5)
    formats = ("html",)  # the website and the ePub

    def run(self, **kwargs: Any) -> None:
        builder = self.app.builder
        depth = self.env.docname.count("/")
        for raw in html_nodes(self.document):
            if not raw.get(IMAGES) and not raw.get(DOWNLOADS) and not raw.get(PAGES):
                continue
            text = raw.astext()
            for src, relative in raw.get(IMAGES, ()):
                if relative not in self.env.images:
                    continue
                builder.images[relative] = self.env.images[relative][1]
                name = builder.images[relative]  # as the edition names it (the ePub: a safe name)
                target = "../" * depth + f"{builder.imagedir}/{quote(name)}"
                text = text.replace(f'src="{escape(written_validly(src))}"', f'src="{escape(target)}"')
            for href, relative in raw.get(DOWNLOADS, ()):
                if not builder.download_support:  # the ePub carries no files: the words stay
                    text = unlink(text, href)
                elif Path(relative) in self.env.dlfiles:
                    dest = PurePosixPath(self.env.dlfiles[Path(relative)][1]).as_posix()
                    target = "../" * depth + f"_downloads/{quote(dest)}"
                    text = text.replace(f'href="{href}"', f'href="{escape(target)}"')
            for href, docname, fragment in raw.get(PAGES, ()):
                try:
                    uri = builder.get_relative_uri(self.env.docname, docname)
                except NoUri:
                    continue
                uri += f"#{fragment}" if fragment else ""
                text = text.replace(f'href="{href}"', f'href="{escape(uri)}"')
            _replace(raw, text)


def _pictures_to_their_pieces(pieces: list[nodes.raw]) -> None:
    """A paragraph's pictures were noted on its first piece of HTML (``<a href=…>``); each
    goes to the piece that shows it (``<img …>``), where :class:`LinkPictures` points it
    at its copy."""
    noted = pieces[0].attributes.pop(IMAGES, [])
    for src, relative in noted:
        shown = f'src="{escape(written_validly(src))}"'
        for raw in pieces:
            if shown in raw.astext():
                raw.setdefault(IMAGES, []).append((src, relative))


_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _without_icon_names(pieces: list[nodes.raw]) -> list[Change]:
    """An icon font's name between a paragraph's ``<span class="material-icons">`` and its
    end tag, which Markdown hands over as text of its own (:func:`sanitize.icon_name`), left out."""
    changes = []
    for raw in pieces:
        opener = raw.astext()
        if "material-" not in opener or not (found := _CLASS.search(opener)):
            continue
        words = raw.next_node(descend=False, siblings=True)
        closer = words.next_node(descend=False, siblings=True) if isinstance(words, nodes.Text) else None
        if not (isinstance(closer, nodes.raw) and closer.astext().lstrip().startswith("</")):
            continue
        if name := icon_name(next(filter(None, found.groups()), ""), words.astext()):
            siblings = words.parent.children
            del siblings[next(at for at, node in enumerate(siblings) if node is words)]
            changes.append(icon_change(name))
    return changes


def _name_links(pieces: list[nodes.raw]) -> list[Change]:
    """Each ``<a href=…>`` of a paragraph with nothing up to its ``</a>`` that a screen reader
    could say (a picture with ``alt=""``) named by what it leads to (:func:`name_inline_link`)."""
    changes = []
    parent = pieces[0].parent
    for start in pieces:
        if not start.astext().startswith("<a "):
            continue
        inside = []
        for node in parent.children[parent.index(start) + 1:]:
            if isinstance(node, nodes.raw) and node.astext() == "</a>":
                break
            inside.append(node.astext() if isinstance(node, nodes.raw) else escape(node.astext()))
        else:
            continue
        named, change = name_inline_link(start.astext(), "".join(inside))
        if change is not None:
            _replace(start, named)
            changes.append(change)
    return changes


def _heading_level(node: nodes.Node) -> int:
    """The level of the heading ``node`` stands under: 1 for the page's title."""
    return max(sum(1 for _ in _sections_around(node)), 1)


def _sections_around(node: nodes.Node):
    while (node := node.parent) is not None:
        if isinstance(node, nodes.section):
            yield node


def _words_after(pieces: list[nodes.raw]) -> list[str]:
    """The paragraph's words after each piece of its HTML, to the next piece beside it."""
    ids = {id(piece) for piece in pieces}
    places: dict[int, dict[int, int]] = {}  # each parent's children by place: linear, not square
    found = []
    for piece in pieces:
        parent, words = piece.parent, []
        if parent is not None:
            if id(parent) not in places:
                places[id(parent)] = {id(child): n for n, child in enumerate(parent.children)}
            place = places[id(parent)]
            for n in range(place[id(piece)] + 1, len(parent.children)):
                if id(parent.children[n]) in ids:
                    break
                words.append(parent.children[n].astext())
        found.append(" ".join(words))
    return found


def _in_link(node: nodes.Node) -> bool:
    """Inside a Markdown link: ``[<img src="https://…">](https://…)``, or to a page."""
    while (node := node.parent) is not None:
        if isinstance(node, (nodes.reference, addnodes.pending_xref)):
            return True
    return False


def _replace(raw: nodes.raw, cleaned: str) -> None:
    if cleaned != raw.astext():
        raw[:] = [nodes.Text(cleaned)]


_LOOKED_AHEAD = 400  # lines of the file after the block's first one looked through
_QUOTED = re.compile(r"'([^'\n]{4,200})'")


def _change_line(env: BuildEnvironment, raw: nodes.raw, what: str) -> int | None:
    """The line of a change to a page's HTML: of the file's first line from the block's that
    holds the address it names (``the picture '/images/four.png' …``), else the block's."""
    quoted = _QUOTED.search(what)
    if quoted is None:
        return getattr(_where(raw), "line", None)
    place = _link_place(env, raw, quoted.group(1).removesuffix("…"))
    return place[1] if isinstance(place, tuple) else getattr(place, "line", None)


def _link_place(env: BuildEnvironment, raw: nodes.raw, address: str) -> Any:
    """Where the link is: MyST gives a block of HTML one line, its first, and a page written
    in HTML is one block until a blank line (the Utah Mapping Portal's zip-codes page named
    its figure's line for an empty ``<a href="">`` eight lines below): the first line of the
    file from there that holds the link's address, else the block's line."""
    where = _where(raw)
    if where is None or not where.line:
        return where
    needles = ([_EMPTY_IN_FILE, _LIQUID_ONLY_HREF] if not address else
               [re.compile(re.escape(address) + "|" + re.escape(escape(address)))])
    try:
        lines = Path(env.doc2path(env.docname)).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return where
    for needle in needles:
        for number in range(where.line, min(len(lines), where.line + _LOOKED_AHEAD) + 1):
            if needle.search(lines[number - 1]):
                return (env.docname, number)
    return where


_EMPTY_IN_FILE = re.compile(r"""\bhref\s*=\s*(?:""|'')""")
# an address that is one Liquid value and nothing else, `href="{{ photo.permalink }}"` (MARC's
# Instagram feed): the link that printed empty when no `href=""` is written in the file
_LIQUID_ONLY_HREF = re.compile(r"""\bhref\s*=\s*(["'])\s*\{\{[^{}"']*\}\}\s*\1""")


def _where(node: nodes.Node) -> Any:
    while node is not None and not node.line:
        node = node.parent
    return node


class DetailsBoxes(SphinxPostTransform):
    """The website's and ePub's ``<details>`` for each box of Markdown :mod:`.details` made
    (the PDF keeps the box, open, titled by its summary)."""

    default_priority = 500
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        details.as_html(self.document)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_event(PAGE_ADDRESS)
    app.connect("doctree-read", sanitize_page)
    app.add_post_transform(LinkPictures)
    app.add_post_transform(DetailsBoxes)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

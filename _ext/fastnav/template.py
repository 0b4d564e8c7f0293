"""Furo's sidebar HTML cut into a template that is filled in per page, without Sphinx.

Parsing works on Furo's own output for the root page, where nothing is current and
every internal link is the target's URI from the top folder. For another page,
exactly what Sphinx's toctree code and Furo's BeautifulSoup pass would change is
changed, and nothing else:

- every link is made relative to the page (``sphinx.util.osutil.relative_uri``); the
  link to the page itself becomes ``href="#"`` with class ``current`` first; a link's
  ``lang`` (a page in another language: the languages extension) is kept after them;
- every ``<li>`` and ``<ul>`` from that link up to the top gets the ``current`` class
  (after ``toctree-lN``, before Furo's ``has-children``); the last current ``<li>`` in
  document order also gets ``current-page``; their toggles get ``checked=""`` (Furo's
  serializer sorts attributes, so it sits after ``aria-label``).

Anything unexpected in the HTML makes :meth:`NavTemplate.parse` return ``None`` and the
caller use Furo's own code.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from sphinx.util.osutil import relative_uri

_TAG = re.compile(r"<(/?)(ul|li|a|input)(?=[\s>/])([^>]*)>")
_LI_CLASS = re.compile(r'^ class="(toctree-l\d+)( has-children)?"$')
_A_ATTRS = re.compile(r'^ class="reference internal" href="([^"#]+)"( lang="[A-Za-z0-9-]+")?$')
_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|/)", re.IGNORECASE)
_CHECKBOX = re.compile(r"""^( aria-label=(?:"[^"]*"|'[^']*'))( class="toctree-checkbox" .*)$""")


@dataclass
class _Item:
    """One ``<li>``: where its pieces are and which ``<li>``/``<ul>`` hold it."""

    li: int
    level: str
    has_children: bool
    parent: int | None  # index into items
    ul: int  # piece index of the enclosing <ul>
    link: int | None = None  # piece index of its first <a>
    target: str | None = None
    checkbox: int | None = None


@dataclass
class NavTemplate:
    """The sidebar as fixed text with the per-page tags kept as separate pieces."""

    pieces: list[str]
    items: list[_Item]
    ul_parent: dict[int, int | None]  # <ul> piece -> enclosing item (None at the top)
    links: list[tuple[int, str]] = field(default_factory=list)  # (piece, target URI)
    langs: dict[int, str] = field(default_factory=dict)  # link piece -> its ' lang="…"'
    _hrefs: dict[str, list[str]] = field(default_factory=dict)
    _linked: dict[str, list[str]] = field(default_factory=dict)  # folder -> pieces, links filled
    _by_target: dict[str, list[int]] | None = None  # target URI -> its link pieces
    _items_by_target: dict[str, list[int]] = field(default_factory=dict)  # -> its items
    _encoded: dict[str, tuple[bytes, list[int]]] = field(default_factory=dict)  # render_bytes
    _pieces_utf8: list[bytes] = field(default_factory=list)
    shared_hrefs: dict[str, dict[str, str]] = field(default_factory=dict)
    """uri -> {target: href}, shareable by the templates of one build (navpatch's old and
    new sidebar link the same pages from the same folders)."""

    @classmethod
    def parse(cls, html: str, root_uri: str,
              hrefs: dict[str, dict[str, str]] | None = None) -> NavTemplate | None:
        """Cut Furo's sidebar for the root page (URI ``root_uri``) into a template.

        ``hrefs`` is the build's table of relative links, shared between its templates.
        """
        if "/" in root_uri:
            return None
        pieces: list[str] = []
        items: list[_Item] = []
        ul_parent: dict[int, int | None] = {}
        open_uls: list[int] = []
        open_items: list[int | None] = [None]
        links: list[tuple[int, str]] = []
        langs: dict[int, str] = {}
        last = 0
        for match in _TAG.finditer(html):
            pieces.append(html[last:match.start()])
            last = match.end()
            closing, name, attrs = match.groups()
            index = len(pieces)
            pieces.append(match.group(0))
            if name == "ul":
                if closing:
                    if not open_uls:
                        return None
                    open_uls.pop()
                elif attrs:
                    return None
                else:
                    open_uls.append(index)
                    ul_parent[index] = open_items[-1]
            elif name == "li":
                if closing:
                    if len(open_items) < 2:
                        return None
                    open_items.pop()
                    continue
                found = _LI_CLASS.match(attrs)
                if found is None or not open_uls:
                    return None
                items.append(_Item(index, found.group(1), bool(found.group(2)), open_items[-1],
                                   open_uls[-1]))
                open_items.append(len(items) - 1)
            elif name == "a" and not closing:
                found = _A_ATTRS.match(attrs)
                if found is None:
                    return None
                target = found.group(1)
                if found.group(2):
                    langs[index] = found.group(2)
                if not _EXTERNAL.match(target):
                    links.append((index, target))
                owner = open_items[-1]
                if owner is not None and items[owner].link is None:
                    items[owner].link, items[owner].target = index, target
            elif name == "input":
                owner = open_items[-1]
                if not _CHECKBOX.match(attrs) or owner is None:
                    return None
                items[owner].checkbox = index
        pieces.append(html[last:])
        if open_uls or len(open_items) != 1:
            return None
        return cls(pieces, items, ul_parent, links, langs,
                   shared_hrefs=hrefs if hrefs is not None else {})

    def _relative_hrefs(self, uri: str) -> list[str]:
        """Every internal link relative to ``uri``: the same for all pages of one folder."""
        folder = uri.rpartition("/")[0]
        if folder not in self._hrefs:
            # relative_uri gives '' for the page itself; its siblings get the file name
            known = self.shared_hrefs.setdefault(uri, {})
            hrefs = []
            for _, target in self.links:
                href = known.get(target)
                if href is None:
                    href = known[target] = relative_uri(uri, target) or target.rpartition("/")[2]
                hrefs.append(href)
            self._hrefs[folder] = hrefs
        return self._hrefs[folder]

    def _linked_pieces(self, uri: str) -> list[str]:
        """The pieces with every link relative to ``uri``'s folder (a copy to change)."""
        folder = uri.rpartition("/")[0]
        if folder not in self._linked:
            pieces = self.pieces[:]
            for (index, _), href in zip(self.links, self._relative_hrefs(uri)):
                pieces[index] = f'<a class="reference internal" href="{href}"{self.langs.get(index, "")}>'
            self._linked[folder] = pieces
        return self._linked[folder][:]

    def _changes(self, uri: str) -> dict[int, str]:
        """The pieces that differ on the page ``uri`` from its folder's linked pieces."""
        if self._by_target is None:
            self._by_target, self._items_by_target = {}, {}
            for index, target in self.links:
                self._by_target.setdefault(target, []).append(index)
            for number, item in enumerate(self.items):
                if item.target is not None:
                    self._items_by_target.setdefault(item.target, []).append(number)
        changes = {index: f'<a class="current reference internal" href="#"{self.langs.get(index, "")}>'
                   for index in self._by_target.get(uri, ())}

        current_items: set[int] = set()
        current_uls: set[int] = set()
        for number in self._items_by_target.get(uri, ()):
            walk: int | None = number
            while walk is not None:
                current_items.add(walk)
                ul = self.items[walk].ul
                current_uls.add(ul)
                walk = self.items[walk].parent
        if not current_items:
            return changes
        for ul in current_uls:
            changes[ul] = '<ul class="current">'
        deepest = max(current_items, key=lambda n: self.items[n].li)
        for number in current_items:
            item = self.items[number]
            classes = [item.level, "current"] + (["has-children"] if item.has_children else [])
            if number == deepest:
                classes.append("current-page")
            changes[item.li] = f'<li class="{" ".join(classes)}">'
            if item.checkbox is not None:
                found = _CHECKBOX.match(self.pieces[item.checkbox][len("<input"):-1])
                changes[item.checkbox] = f'<input{found.group(1)} checked=""{found.group(2)}>'
        return changes

    def render(self, uri: str) -> str:
        """The sidebar as Furo would render it on the page whose URI is ``uri``."""
        pieces = self._linked_pieces(uri)
        for index, piece in self._changes(uri).items():
            pieces[index] = piece
        return "".join(pieces)

    def render_bytes(self, uri: str) -> bytes:
        """``render(uri)`` in UTF-8, spliced into its folder's encoded sidebar (no full join)."""
        folder = uri.rpartition("/")[0]
        if folder not in self._encoded:
            if not self._encoded:
                self._pieces_utf8 = [piece.encode("utf-8") for piece in self.pieces]
            pieces = self._pieces_utf8[:]
            for (index, _), href in zip(self.links, self._relative_hrefs(uri)):
                pieces[index] = f'<a class="reference internal" href="{href}"{self.langs.get(index, "")}>'.encode("utf-8")
            self._encoded[folder] = (b"".join(pieces),
                                     [0, *itertools.accumulate(map(len, pieces))])
        base, offsets = self._encoded[folder]
        out, at = [], 0
        for index, piece in sorted(self._changes(uri).items()):
            out += (base[at:offsets[index]], piece.encode("utf-8"))
            at = offsets[index + 1]
        out.append(base[at:])
        return b"".join(out)

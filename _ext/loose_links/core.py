"""What a page meant by a link address that leads nowhere as written.

Pages copied from a word processor or an old site carry links that MyST cannot resolve and
the old site could not either (kramdown made them addresses of files beside the page):

- ``[ATXfloods.com](www.atxfloods.com)``: a web address without ``https://``;
- ``[write to us](inquiries18F@gsa.gov)``: an e-mail address without ``mailto:``;
- ``[Goals](#heading=h.s0gq6c6tiig1)``: a heading of the Google Doc the text was copied from;
- ``[https://www.npr.org/…](African proverb)``: text and address swapped.

Plain Python, no Sphinx: :func:`read` says what the link becomes and what to write instead.
Any other address is not read here (MyST reports it as a missing target).
"""

from __future__ import annotations

import enum
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pagesource.fences import code_spans
from safety import urls


class Kind(enum.Enum):
    """Each value is a warning subtype of ``link``."""

    NO_SCHEME = "no-scheme"
    """A web address written without ``https://``: linked with it."""

    NO_MAILTO = "no-mailto"
    """An e-mail address written without ``mailto:``: linked with it."""

    DOCS_HEADING = "docs-heading"
    """A Google Docs heading link (``#heading=h.…``): the text is kept, without a link."""

    SWAPPED = "swapped"
    """The text is a web address and the address is words: the link goes to the text's address."""

    QUOTED = "quoted"
    """The address is written inside quotes (``(“https://…”)``, a word processor's curly ones):
    the link goes to the address inside them."""

    AS_TEXT = "as-text"
    """Markdown for a link or picture that was not read as one (an escaped ``\\]``, a
    bracket too many, a ``[text][label]`` whose definition the page lacks, a blank line in
    a picture's description, ``[text]`` and ``(address)`` apart): its brackets and address
    are shown as typed. Also a page's own HTML for a link or picture that the reader did not
    take as HTML (``<a href="…"words</a>``: a ``>`` or a space missing), shown as typed,
    ``<a href=`` and all."""

    EMPTY = "empty"
    """A link with no address (``[John Doe]()``, or ``[John Doe](#)``, a placeholder a
    template left): its text is kept, without a link."""

    MISSING_HEADING = "missing-heading"
    """A link to a heading or anchor the page it names does not have: it goes to that page."""

    NAMELESS = "nameless"
    """A link with nothing a screen reader can say: no words, or only a picture without a
    description. The picture is described by the name of what the link leads to; a link
    with nothing in it shows its address."""


    DUPLICATE_TARGET = "duplicate-target"
    """Two pages (or two places) give one label (``(h1)=``, ``{#h1}``): a link to it leads to
    one of them. Sphinx says it without a type, so it could not be told apart or suppressed."""

    NOTE_MISSING = "note-missing"
    """A footnote reference (``[^2]``) whose note (``[^2]: …``) the page lacks, often lost
    when the text was copied from Word: shown as typed."""


def missing_note_message(label: str) -> str:
    return (f"the footnote reference [^{label[:60]}] is shown as typed: no `[^{label[:60]}]: …` line "
            "on the page gives its note; add that line (anywhere on the page) with the note's "
            "words, or remove the reference")


DUPLICATE_NOTE = re.compile(r"Duplicate footnote definition found for label: '(.*)'$", re.S)


def duplicate_note_message(label: str) -> str:
    """MyST left a second ``[^label]: …`` out, saying only "Duplicate footnote definition":
    that its words are in no edition, and what to do."""
    return (f"a second note `[^{label[:60]}]: …` is left out of every edition, all its words: the "
            f"first `[^{label[:60]}]: …` on the page is the note its references show. Give this "
            "note its own label and cite it where it belongs, or join the two notes")


@dataclass(frozen=True)
class Reading:
    kind: Kind
    url: str | None  # the address the link gets; None: the text is shown without a link
    message: str


# Top-level domains a bare ``name.tld/...`` is taken for a web address with; any other
# (``plan.md``, ``map.png``, ``notes.py``) stays a file name. ``www.`` is always an address.
_WEB_TLDS = frozenset(
    "com org net gov edu mil int info biz io co us uk ca mx eu de fr es it nl au nz in "
    "app dev news city online tech".split())
_HOST = r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,24}))"
_HOST_THEN_PATH = re.compile(rf"^{_HOST}(?::\d{{1,5}})?(?:[/?#][^\s]*)?$", re.IGNORECASE)
_EMAIL = re.compile(rf"^[a-z0-9._%+-]{{1,64}}@{_HOST}$", re.IGNORECASE)
_DOCS_HEADING = re.compile(r"^#?heading=h\.[0-9a-z]+$", re.IGNORECASE)


def web_address(target: str) -> str | None:
    """``https://`` + ``target`` when the target is a web address missing its scheme."""
    found = _HOST_THEN_PATH.match(target)
    if found is None:
        return None
    host = found["host"].lower()
    if not (host.startswith("www.") or found["tld"].lower() in _WEB_TLDS):
        return None
    url = f"https://{target}"
    return url if urls.is_external(url) else None


def _is_web_url(text: str) -> bool:
    return urls.scheme_of(text) in ("http", "https") and not any(c.isspace() for c in text.strip())


_QUOTES = {"\"": "\"", "'": "'", "“": "”", "”": "”", "‘": "’", "’": "’", "«": "»", "„": "“"}


def _unquoted(target: str) -> str | None:
    """The address inside a pair of quotes around the whole of ``target``, else None."""
    written = target.strip()
    if len(written) < 3 or _QUOTES.get(written[0]) != written[-1]:
        return None
    inside = written[1:-1].strip()
    return inside if inside and not any(c in inside for c in _QUOTES) else None


def read(target: str, text: str) -> Reading | None:
    """What a link with this address (as MyST left it) and this text meant, if it is plain."""
    if not target.strip().lstrip("#"):
        return Reading(Kind.EMPTY, None,
                       f"the link {text!r} has no address: it is empty or `#` (a placeholder), so "
                       "its words are shown without a link: write where it leads, e.g. "
                       f"[{text[:40]}](https://…) or [{text[:40]}](other-page.md), or remove the brackets")
    if (inside := _unquoted(target)) is not None:
        url = inside if _is_web_url(inside) and urls.is_allowed(inside) else web_address(inside)
        if url is not None:
            return Reading(Kind.QUOTED, url,
                           f"the link address {target[:80]!r} is written inside quotes, which a browser "
                           f"takes as part of the address; it is linked to {url[:80]}: write ({url[:80]})")
    url = web_address(target)
    if url is not None:
        return Reading(Kind.NO_SCHEME, url,
                       f"the link address {target!r} is a web address without 'https://' "
                       f"(a browser would look for a file of that name beside the page); it is "
                       f"linked to {url}: write ({url}) to say so")
    email = _EMAIL.match(target)
    if email and email["tld"].lower() in _WEB_TLDS:  # not a file: photo@2x.png
        return Reading(Kind.NO_MAILTO, f"mailto:{target}",
                       f"the link address {target!r} is an e-mail address without 'mailto:' "
                       f"(a browser would look for a file of that name beside the page); it is "
                       f"linked to mailto:{target}: write (mailto:{target}) to say so")
    if _DOCS_HEADING.match(target):
        return Reading(Kind.DOCS_HEADING, None,
                       f"the link address '#{target.lstrip('#')}' is a heading of the Google Doc "
                       f"this text was copied from, which no edition has; {text!r} is shown "
                       "without a link: link a heading of this publication, e.g. "
                       "(#its-title), or remove the link")
    if _is_web_url(text) and urls.scheme_of(target) is None and urls.is_external(text.strip()):
        return Reading(Kind.SWAPPED, text.strip(),
                       f"the link's text is a web address and its address {target!r} is not: "
                       f"they look swapped; it is linked to {text.strip()}: write "
                       f"[{target}]({text.strip()})")
    return None


def missing_heading_message(page: str, fragment: str, headings: list[str]) -> str:
    """What to say of a link to ``page#fragment`` when the page has no such heading; the
    page's ``headings`` (their anchors) that look like it are offered."""
    import difflib

    near = difflib.get_close_matches(fragment, headings, n=1, cutoff=0.6)
    advice = f"did you mean '#{near[0]}'?" if near else "link one of its headings, or the page alone"
    return (f"the page {page!r} has no heading or anchor '#{fragment}': the link goes to the "
            f"top of that page; {advice}")


_ADDRESS = re.compile(r"\]\(([^\s)]+)")
_UNCLOSED = re.compile(r"\[([^\[\]\n]{0,200}?[^\W\d_]{2}[^\[\]\n]{0,200}?)\]\([ \t]*\Z")
"""A link whose ``(`` ends the paragraph: techstack's README broke off at ``[Praise Form](``."""


def unread_link(text: str) -> bool:
    """Whether ``text`` (a page's words as shown, never code) still holds ``](address``:
    the middle of a Markdown link or picture that the reader took as plain words, or a link
    whose address was never written (``[Praise Form](`` at the paragraph's end)."""
    return _ADDRESS.search(text) is not None or _UNCLOSED.search(text) is not None


_REFERENCE = re.compile(r"(?<![\w\]\\])\[([^\[\]\n]*[^\W\d_][^\[\]\n]*)\]\[([^\[\]\n]*)\]")


def undefined_reference(text: str) -> str | None:
    """``[text][label]`` left in ``text`` (a page's words as shown, never code): a reference
    link whose definition the page lacks (loopback.io's ``[inserting images][mydoc_images]``,
    defined by an include of the old site), shown as typed. Its label, or its text for
    ``[text][]``; None for an index written after a name (``a[i][j]``)."""
    found = _REFERENCE.search(text) if "][" in text else None
    if found is None:
        return None
    return found.group(2).strip() or found.group(1).strip()


_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,999}\]:[ \t]*<?([^\s<>]+)", re.M)
"""A reference definition (``[form]: javascript:…``) the reader did not take as one, which
it refuses for an address with a scheme no link may have: it and each ``[text][form]``
that names it were shown as typed."""


def refused_definition(text: str) -> str | None:
    """The address of the first such definition in ``text`` (a page's words as shown)."""
    for found in _DEFINITION.finditer(text) if "]:" in text else ():
        if not urls.is_allowed(found.group(1)):
            return found.group(1)
    return None


_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>]*)>")
"""An autolink as CommonMark reads one (a scheme of 2 to 32 characters, no space or ``<``)."""


def refused_autolink(text: str) -> str | None:
    """The address of the first ``<javascript:…>`` in ``text`` (a page's words as shown): an
    autolink with a scheme no link may have, which the reader refuses and shows as typed,
    ``<`` and all, with no link and, until now, no word of why."""
    for found in _AUTOLINK.finditer(text) if "<" in text else ():
        if not urls.is_allowed(found.group(1)):
            return found.group(1)
    return None


_WHOLE_ADDRESS = re.compile(r"\]\(((?:[^\s()]|\([^\s()]*\))+)")
"""The address after ``](`` with its own parentheses (``javascript:alert(1)``): the
message named it cut at its first ``)``."""


_ESCAPED_LINK = re.compile(r"\\\[[^\[\]\n]*\\\]\(")


def shown_on_purpose(lines: list[str], line: int) -> bool:
    """The paragraph that starts at ``line`` (1-based) escapes both brackets of each link
    it writes, ``\\[Isomer Guide\\](https://…)``: Markdown shown to readers on purpose (Isomer's
    guide teaches its syntax so), not a link that went wrong. One escaped ``\\]`` alone
    (``[text\\](address)``) is still a mistake."""
    chunk = []
    for text in lines[max(line - 1, 0):]:
        if not text.strip():
            break
        chunk.append(text)
    written = "\n".join(chunk)
    rest, escaped = _ESCAPED_LINK.subn("", written)
    return escaped > 0 and "](" not in rest


LINES_NAMED = 10
"""The most lines of a page's other such places one warning names."""


def _more(count: int, others: tuple[int, ...]) -> str:
    """The places a page's one warning does not describe: ``others`` are their lines."""
    if count <= 1:
        return ""
    shown = ", ".join(map(str, others[:LINES_NAMED])) + (", …" if len(others) > LINES_NAMED else "")
    at = f": line{'s' if len(others) > 1 else ''} {shown}" if others else ""
    return f" (and {count - 1} more on the page{at})"


def as_text_message(count: int, text: str = "", others: tuple[int, ...] = ()) -> str:
    """What to say of ``count`` such places on a page, the first in ``text``, the others
    at the lines ``others``."""
    more = _more(count, others)
    if not _ADDRESS.search(text) and refused_definition(text) is None and \
            (auto := refused_autolink(text)) is not None:
        return (f"an address in `<…>` is shown as typed, `<` and all{more}: its address "
                f"'{auto[:60]}' is not one a link may have (only http, https, mailto, tel and "
                "relative addresses are); remove the `<` and `>`, or give it such an address")
    if not _ADDRESS.search(text) and refused_definition(text) is None and \
            (label := undefined_reference(text)) is not None:
        return (f"a reference link is shown as typed, brackets and all{more}: no `[{label[:60]}]: "
                "address` line on the page defines it (the old site's include may have); add "
                "that line, or write the link as `[text](address)`")
    if not _ADDRESS.search(text) and (unclosed := _UNCLOSED.search(text)) is not None:
        return (f"a link is shown as typed, `[{unclosed.group(1)[:60]}](` and all{more}: its "
                "address and closing `)` were never written (the paragraph ends after the `(`); "
                "write where it leads, `[text](address)`, or remove the brackets")
    address = _WHOLE_ADDRESS.search(text) or _ADDRESS.search(text)
    refused = address.group(1) if address is not None else refused_definition(text)
    if refused is not None and refused.lower().startswith("data:"):
        return (f"Markdown for a picture is shown as typed{more}: its picture is written into "
                f"the page as a data: address of a kind Markdown does not read "
                f"('{refused[:40]}…': only PNG, JPEG, GIF and WebP are); save the picture as a "
                "file beside the page and write `![description](file.png)`")
    if refused is not None and not urls.is_allowed(refused):
        return (f"Markdown for a link is shown as typed{more}: its address "
                f"'{refused[:60]}' is not one a link may have (only http, https, "
                "mailto, tel and relative addresses are); remove the link or give it one")
    return (f"Markdown for a link or picture is shown as typed, `](` and all{more}: its brackets "
            "do not pair up (an escaped `\\]`, or a `[` or `]` too many); write it as "
            "`[text](address)` or `![description](picture)`")


_OPEN_PICTURE = re.compile(r"!\[[^\]]*+\Z")
_OPEN_LINK = re.compile(r"(?<![\\!])\[[^\]]*+\Z")


def opened_before_blank_line(before: str) -> re.Match[str] | None:
    """The ``![`` or ``[`` that the paragraph ``before`` ends inside of: a picture's
    description or a link's text with a blank line in it, which Markdown ends the paragraph
    at, so the ``](address)`` is shown as typed in the next one. ``match[0]`` starts with
    ``!`` for a picture. Only what follows the last ``]`` is looked at: in linear time."""
    after = before.rfind("]") + 1
    return _OPEN_PICTURE.search(before, after) or _OPEN_LINK.search(before, after)


def blank_line_message(count: int, opened: str, others: tuple[int, ...] = (), cuts: int = 1) -> str:
    """What to say when the first such place is a description or text cut by ``cuts`` blank
    lines."""
    more = _more(count, others)
    start = shortened(opened.replace("\n", " "), 40)
    blank = "a blank line" if cuts == 1 else f"{cuts} blank lines"
    line = "the blank line" if cuts == 1 else "the blank lines"
    if opened.startswith("!"):
        return (f"a picture's Markdown is shown as typed, `](` and all{more}: the picture's "
                f"description has {blank} in it (after `{start}`), and a blank line ends "
                f"the picture: remove {line}, so `![description](picture)` is one paragraph")
    return (f"a link's Markdown is shown as typed, `](` and all{more}: the link's text has "
            f"{blank} in it (after `{start}`), and a blank line ends the link: remove "
            f"{line}, so `[text](address)` is one paragraph")


_APART = re.compile(  # possessive: no backtracking, in linear time on a hostile page
    r"(?<![\\!\]])\[(?P<text>[^\[\]\n]*+)\](?P<gap>[ \t]*+(?:\n[ \t]*+){0,2})"
    r"\((?P<address><[^>\n]*>|(?:[a-z][a-z0-9+.-]*:|/|#|\.\.?/|www\.)[^\s()]*"
    r"|[^\s()]+\.[a-z0-9]{2,5}(?:[#?][^\s()]*)?)\)",
    re.IGNORECASE)


_WORD = re.compile(r"[^\W_]")


def apart_link(text: str) -> re.Match[str] | None:
    """``[text]`` and ``(address)`` with a space or a line break between them (a link a
    writer's editor wrapped): Markdown reads neither as a link and shows both as typed.
    Only an address-like ``(…)`` counts: ``[sic] (see above)`` is words."""
    for found in _APART.finditer(text) if "]" in text else ():
        if found["gap"] and _WORD.search(found["text"]):
            return found
    return None


def shortened(text: str, limit: int) -> str:
    """``text``, or its first words up to ``limit`` characters and "…"."""
    if len(text) <= limit:
        return text
    return (text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]) + "…"


def apart_message(count: int, found: re.Match[str], others: tuple[int, ...] = ()) -> str:
    more = _more(count, others)
    gap = "a blank line" if found["gap"].count("\n") > 1 else "a line break" if "\n" in found["gap"] else "a space"
    return (f"a link is shown as typed, brackets and all{more}: the link's [text] and (address) "
            f"are apart, with {gap} between `[{shortened(found['text'], 40)}]` and "
            f"`({shortened(found['address'], 80)})`: "
            "write them together, `[text](address)`, with nothing between `]` and `(`")
_HTML_SHOWN = re.compile(r"<(a|img)\s[^<>]{0,300}?\b(href|src)\s*=", re.I)
"""``<a … href=`` or ``<img … src=`` in a page's words as shown: HTML the reader did not read."""
_HTML_WRITTEN = re.compile(r"(?<![\\`])<(a|img)\s", re.I)


def html_shown_as_text(text: str) -> str | None:
    """The element (``a`` or ``img``) whose opening tag ``text`` (words as shown) holds."""
    found = _HTML_SHOWN.search(text) if "<" in text else None
    return found.group(1).lower() if found else None


def html_written(lines: list[str], line: int) -> str | None:
    """The paragraph at ``line`` (1-based) as written, from its first ``<a ``/``<img `` tag
    outside code (None: the tag was escaped, ``\\<a`` or ``&lt;a``, shown on purpose)."""
    chunk = []
    for text in lines[max(line - 1, 0):]:
        if not text.strip():
            break
        chunk.append(text)
    text, pieces, at = "\n".join(chunk), [], 0
    for start, end in code_spans(text):  # as CommonMark: ``(`+)[^`]*?\1`` took 3 s for 100 KB of `
        pieces += [text[at:start], " " * (end - start)]
        at = end
    written = "".join(pieces) + text[at:]
    found = _HTML_WRITTEN.search(written)
    return written[found.start():] if found else None


def html_as_text_message(element: str, written: str, count: int = 1) -> str:
    """What to say of a tag shown as typed, from the paragraph as written from the tag on."""
    more = f" (and {count - 1} more on the page)" if count > 1 else ""
    tag = re.match(r"<[^<>\n]*>?", written).group(0)[:80]
    if ">" not in written:
        why = "its `>` is missing, so the reader took it for words"
    elif re.search(r"""=\s*(?:"[^"\n]*"|'[^'\n]*')[^\s>/]""", written.split(">", 1)[0]):
        why = "a quoted value is followed straight by more text: a space or a `>` is missing after it"
    else:
        why = "it is not HTML the Markdown reader accepts (check its quotes, spaces and `>`)"
    fix = ('`<a href="address">words</a>`, or in Markdown `[words](address)`' if element == "a" else
           '`<img src="picture" alt="description">`, or in Markdown `![description](picture)`')
    return (f"HTML for a {'link' if element == 'a' else 'picture'} is shown as typed, "
            f"`<{element}` and all{more}: {why} (`{tag}`); write it as {fix}")


_TAG_START = re.compile(r"<(a|img)\s", re.I)
_RUN_TOGETHER = re.compile(
    r"""<(a|img)(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*?"""
    r"""\s+[^\s"'<>/=]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*')(?=[^\s>/])[^<>\n]{0,60}""", re.I)
"""A tag's well-formed attributes, then a quoted value with more text right after it."""
_TAG_REACH = 4000  # characters of one tag read (a data: picture's address is longer: not read)


def html_run_together(html: str) -> tuple[str, str, int] | None:
    """A page's HTML whose ``<a href="…"words`` (a space or ``>`` missing after a quoted
    value) a browser reads as more attributes: the element, the tag as written, and how many
    lines into ``html`` it is."""
    for start in _TAG_START.finditer(html) if "<" in html else ():
        found = _RUN_TOGETHER.match(html[start.start():start.start() + _TAG_REACH])
        if found:
            return found.group(1).lower(), found.group(0), html.count("\n", 0, start.start())
    return None


def html_run_together_message(element: str, tag: str) -> str:
    fix = ('`<a href="address">words</a>`' if element == "a" else '`<img src="picture" alt="description">`')
    return (f"HTML for a {'link' if element == 'a' else 'picture'} runs its words into its tag "
            f"(`{tag[:80]}`): a space or a `>` is missing after a quoted value, so they are read as "
            f"its attributes and no edition shows them; write it as {fix}")


def link_name(target: str) -> str:
    """What a link without words is called: the name of the file it leads to (``map.png``),
    else its address, which is what a screen reader would read out of it anyway."""
    try:
        path = urlsplit(target).path
    except ValueError:
        return target
    return unquote(posixpath.basename(path.rstrip("/"))) or target


def nameless_message(target: str, name: str, picture: str | None) -> str:
    """``picture``: the address of the picture that is all the link shows (None: nothing)."""
    if picture is not None:
        return (f"the link to {target!r} shows only a picture with no description, so a screen "
                f"reader can only call it {name!r} (its description now): say what the "
                f"picture shows, e.g. [![Map of the ten council districts]({picture})]({target})")
    return (f"the link to {target!r} has no words, so it could not be seen or read out; its "
            f"address is shown: write the words readers click, e.g. [The parking study]({target})")



def same_file_other_capitals(target: str, docname: str, sources: list[str]) -> str | None:
    """The file of link ``target`` as it should be written when only its capitals differ from a page's
    file (``Contact.md`` for ``contact.md``, ``parks/index.md`` for Windows' ``index.MD``), or
    ``None``. Staff's own computers ignore capitals, the web server does not: the warning
    named no file to write. ``sources``: the pages' files relative to the source folder."""
    path = target.partition("#")[0]
    if not path or "://" in path:
        return None
    base = "" if path.startswith("/") else posixpath.dirname(docname)
    exact = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    wanted = exact.lower()
    for source in sources:
        stem = posixpath.splitext(source)[0]
        if source == exact or posixpath.splitext(source)[0] == exact:
            return None  # the same file: no matter of capitals
        if source.lower() == wanted or (stem.lower() == wanted and "." not in posixpath.basename(path)):
            written = posixpath.relpath(source if source.lower() == wanted else stem, base or ".")
            return "/" + source if path.startswith("/") else written
    return None


_SEPARATORS = re.compile(r"[\s_-]+")


def same_file_other_separators(target: str, docname: str, sources: list[str]) -> str | None:
    """The file of link ``target`` as it should be written when it wrote spaces or
    underscores for the dashes of a page's file (``other page.md``, ``Other_Page.md`` for
    ``other-page.md``: staff link a page by its title), capitals aside, or ``None``."""
    path = target.partition("#")[0]
    if not path or "://" in path:
        return None
    base = "" if path.startswith("/") else posixpath.dirname(docname)
    exact = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    wanted = _SEPARATORS.sub("-", exact.lower())
    if wanted == exact.lower():
        return None
    for source in sources:
        stem = posixpath.splitext(source)[0]
        key = _SEPARATORS.sub("-", source.lower())
        if key == wanted or (_SEPARATORS.sub("-", stem.lower()) == wanted
                             and "." not in posixpath.basename(path)):
            written = posixpath.relpath(source if key == wanted else stem, base or ".")
            return "/" + source if path.startswith("/") else written
    return None

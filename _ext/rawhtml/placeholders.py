"""Words in angle brackets that Markdown reads as an HTML tag of no HTML element.

A how-to's placeholders and keys ("Enter <your email>", "press <Enter>") are tags to
Markdown (CommonMark and kramdown alike); a browser shows nothing for a tag it does not
know, so the old site showed nothing either, and neither does any edition. Plain Python:
the glue says them, with the line.
"""

from __future__ import annotations

import functools
import re

HTML_ELEMENTS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big
blink blockquote body br button canvas caption center cite code col colgroup command content
data datalist dd del details dfn dialog dir div dl dt element em embed fieldset figcaption
figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
image img input ins isindex kbd keygen label legend li link listing main map mark marquee
math menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object ol
optgroup option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s
samp script search section select shadow slot small source spacer span strike strong style
sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt
u ul var video wbr xmp
animate animatemotion animatetransform circle clippath defs desc ellipse feblend
fecolormatrix fecomposite feflood fegaussianblur feimage femerge femergenode feoffset filter
foreignobject g line lineargradient marker mask metadata mpath path pattern polygon polyline
radialgradient rect set stop switch symbol text textpath tspan use view
annotation maction menclose merror mfenced mfrac mi mmultiscripts mn mo mover mpadded
mphantom mprescripts mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr
munder munderover none semantics
""".split())
"""HTML's elements, obsolete ones too (a browser knows ``<center>``), and those of SVG and
MathML, which a drawing or formula written in a page holds."""

_OPENING = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?>")
"""An opening tag. A name with ``:`` (Word's ``<o:p>``) or ``-`` (a custom element) is
markup someone meant, never a placeholder, and does not match."""

_KEY = re.compile(r"<([A-Za-z][A-Za-z0-9]*[-+._][^\s/<>:\"'=]*)>")
"""A key or a field with no attributes (``<Ctrl+C>``, ``<Alt-F4>``, ``<first_name>``,
``<user.name>``): to the HTML parser a tag of that name, which no edition shows; unless
the page closes it (a custom element, ``<city-alert>…</city-alert>``)."""

_CLOSING = re.compile(r"</([A-Za-z][^\s/<>]*)\s*>")


@functools.lru_cache(maxsize=2)
def _closed(page_html: str) -> frozenset[str]:
    """The names of the tags the page closes, read once a page: a search through the page
    for each tag took minutes for a page of 300,000 placeholders."""
    return frozenset(name.lower() for name in _CLOSING.findall(page_html))


def placeholders(fragment: str, page_html: str) -> list[str]:
    """The tags in ``fragment`` (a paragraph's or block's raw HTML) that name no element HTML
    has and that nothing on the page (``page_html``: all its raw HTML) closes, as written.
    A self-closing one (``<x/>``) is markup, not words, and is left alone."""
    found = []
    closed = _closed(page_html)
    for tag in _OPENING.finditer(fragment):
        name, rest = tag.group(1), tag.group(2) or ""
        if name.lower() in HTML_ELEMENTS or rest.rstrip().endswith("/"):
            continue
        if name.lower() in closed:
            continue
        found.append(tag.group(0))
    for tag in _KEY.finditer(fragment):
        if tag.group(1).lower() not in closed:
            found.append(tag.group(0))
    return list(dict.fromkeys(found))


def message(tags: list[str]) -> str:
    """What the build says of ``tags`` (a page's first few), and how to show them."""
    shown = " and ".join(f"`{tag}`" for tag in tags[:3]) + (f" and {len(tags) - 3} more" if len(tags) > 3 else "")
    verb = "is" if len(tags) == 1 else "are"
    return (f"{shown} {verb} read as HTML: a tag of no element HTML has, so no edition shows it "
            f"(nor did a browser on the old site). To show the words with their brackets, "
            f"write `\\{tags[0]}`, or put them in backticks")

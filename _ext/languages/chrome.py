"""The site's own parts of a page written in another language, in the publication's (plain Python).

A Spanish page of an English publication says ``<html lang="es">`` (WCAG 3.1.1: the page's
main language is its words'), so Furo's skip link, header, navigation and search, buttons,
"Previous"/"Next", footer and "On this page" must say English (WCAG 3.1.2), or a screen
reader reads them with the Spanish voice; so must the article's "¶" links' labels. Furo's ``page.html`` has no block around most of
them, so the opening tags it writes get ``lang``/``dir`` in the rendered page; the sidebar's
own markup is untouched (fastnav renders it once for every page). ``.page`` keeps the
publication's direction: Furo lays out only left to right.
"""

from __future__ import annotations

from html import escape

ARTICLE = '<article role="main" id="furo-main-content">'
BEFORE_ARTICLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">',  # the icons' titles
    '<input type="checkbox" class="sidebar-toggle" name="__navigation"',
    '<input type="checkbox" class="sidebar-toggle" name="__toc"',
    '<a class="skip-to-content muted-link"',
    '<div class="announcement">',
    '<header class="mobile-header">',
    '<aside class="sidebar-drawer">',
    '<a href="#" class="back-to-top muted-link">',
    '<div class="content-icon-container">',
)
"""Furo's opening tags before the article, each the first of its kind in the page."""
AFTER_ARTICLE = ("<footer>", '<aside class="toc-drawer')
"""After it, each the last of its kind (a page's own HTML may hold a ``<footer>``)."""
EVERY = ('<a class="headerlink"', '<a class="passage-link"')
"""In the article: the "¶" links, labelled "Link to this heading"/"Link to this passage"."""
LAYOUT = '<div class="page">'


def mark(html: str, tag: str, direction: str) -> tuple[str, list[str]]:
    """``html`` with the site's parts in language ``tag`` and ``direction``, and the parts
    not found (a Furo that writes them otherwise leaves them in the page's language)."""
    attributes = f' lang="{escape(tag)}" dir="{escape(direction)}"'
    at = html.find(ARTICLE)
    if at < 0:
        return html, [ARTICLE]
    before, after = html[:at], html[at:]
    missing = []
    for opening, where in [(o, "before") for o in BEFORE_ARTICLE] + [(o, "after") for o in AFTER_ARTICLE]:
        text = before if where == "before" else after
        found = text.find(opening) if where == "before" else text.rfind(opening)
        if found < 0:
            if opening != '<div class="announcement">':  # only with an announcement
                missing.append(opening)
            continue
        name = opening[1:].split(" ", 1)[0].rstrip(">")
        added = f' lang="{escape(tag)}"' if name == "svg" else attributes  # HTML allows no dir on <svg>
        text = text[:found + 1 + len(name)] + added + text[found + 1 + len(name):]
        before, after = (text, after) if where == "before" else (before, text)
    for opening in EVERY:
        after = after.replace(opening, opening[:2] + attributes + opening[2:])
    layout = before.find(LAYOUT)
    if layout >= 0:
        end = layout + len(LAYOUT) - 1
        before = before[:end] + f' dir="{escape(direction)}"' + before[end:]
    else:
        missing.append(LAYOUT)
    return before + after, missing

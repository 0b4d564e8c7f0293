"""The "What changed" page of a release, as HTML for the website.

Plain Python. Changed words are ``<del>``/``<ins>`` with words a screen reader says
("deleted:", "inserted:"), so the change is not shown by colour alone.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .diff import Chapter, words

HIDDEN = "record-sr-only"


def _said(text: str) -> str:
    return f'<span class="{HIDDEN}">{escape(text)}</span>'


def marked(old: str, new: str) -> str:
    out = []
    for op, text in words(old, new):
        if op == "=":
            out.append(escape(text))
        elif op == "-":
            out.append(f"<del>{_said('[deleted: ')}{escape(text)}{_said(']')}</del>")
        else:
            out.append(f"<ins>{_said('[inserted: ')}{escape(text)}{_said(']')}</ins>")
    return "".join(out)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def body(version: str, previous: str, previous_date: str, chapters: list[Chapter],
         href_new: Any, href_old: Any) -> str:
    """The page body; ``href_new(file, id)``/``href_old(file, id)`` give relative links."""
    changed = sum(len(c.changed) for c in chapters)
    added = sum(len(c.added) for c in chapters)
    removed = sum(len(c.removed) for c in chapters)
    out = [f'<section id="what-changed"><h1>What changed in version {escape(version)}</h1>',
           f"<p>Compared with version {escape(previous)} of {escape(previous_date)}: "
           f"{_count(changed, 'passage')} changed, {_count(added, 'passage')} added, "
           f"{_count(removed, 'passage')} removed. Deleted words are marked "
           f"<del>like this</del> and inserted words <ins>like this</ins>; a screen reader "
           f"announces them as deleted and inserted.</p>"]
    if not chapters:
        out.append("<p>No passage changed.</p>")
    for chapter in chapters:
        out.append(f'<section class="record-chapter" id="chapter-{escape(chapter.docname.replace("/", "-"))}">'
                   f"<h2>{escape(chapter.title)}</h2>")
        if chapter.changed:
            out.append("<h3>Changed</h3><ul class=\"record-changes\">")
            for old, new in chapter.changed:
                out.append(
                    f'<li class="record-changed"><p>{marked(old["text"], new["text"])}</p>'
                    f'<p class="record-where"><a href="{escape(href_new(new["file"], new["id"]))}">'
                    f"Passage {escape(new['id'])} in version {escape(version)}</a>; it was "
                    f'<a href="{escape(href_old(old["file"], old["id"]))}">'
                    f"passage {escape(old['id'])} in version {escape(previous)}</a>.</p></li>")
            out.append("</ul>")
        for title, items, href, ver in (("Added", chapter.added, href_new, version),
                                         ("Removed", chapter.removed, href_old, previous)):
            if not items:
                continue
            out.append(f"<h3>{title}</h3><ul class=\"record-changes\">")
            for item in items:
                out.append(f'<li><p>{escape(item["text"])}</p><p class="record-where">'
                           f'<a href="{escape(href(item["file"], item["id"]))}">Passage '
                           f"{escape(item['id'])} in version {escape(ver)}</a>.</p></li>")
            out.append("</ul>")
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)

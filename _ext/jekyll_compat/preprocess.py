"""Turn a Jekyll page's text into MyST Markdown before Sphinx parses it.

Plain Python with no Sphinx import. The front matter stays as it is (MyST and pageorder
read it); the body gets its Liquid run (:mod:`.liquid_engine`) and its kramdown leftovers
removed (:mod:`.kramdown`), its HTML elements kept whole as kramdown read them
(:mod:`.htmlblocks`), addresses with spaces bracketed (:mod:`.spaced_urls`), and
a leading ``# Title`` that repeats the front-matter title dropped. The result has exactly the lines of the input, so every
message about the page points at the right line of the file; only Liquid that writes more
lines than it has, and the blank line that ends an HTML element Markdown follows
(:func:`.htmlblocks.end_after_lines`), move the lines after them, and
:attr:`Prepared.lines` takes them back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pagesource
from pagesource import titles
from pagesource.titles import atx_text

from . import callouts, emphasis, htmlblocks, kramdown, liquid, nesting, notices, pullquotes, spaced_urls, tablecells
from .linemap import LineMap

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$")  # its words: pagesource.titles.atx_text


def split_front_matter(text: str) -> tuple[str, str, dict[str, Any]]:
    """(front matter lines, body, front matter data); data is ``{}`` when unreadable."""
    source = pagesource.parse(text)
    if not source.closed:
        return "", text, {}
    head = text[:source.body_offset]
    if not head.endswith("\n"):
        head += "\n"
    return head, text[len(head):], source.data if source.front_matter_valid else {}


@dataclass(frozen=True)
class Note:
    """Something in a page that was changed so no word is lost: (file line, kind, message)."""

    line: int
    kind: str  # a value of jekyll_compat.Subtype
    message: str


@dataclass(frozen=True)
class Prepared:
    """The page as MyST should read it, the Liquid kept as text, and what else was changed."""

    text: str
    dropped: tuple[liquid.Dropped, ...]
    notes: tuple[Note, ...] = field(default=())
    callouts: tuple[callouts.Callout, ...] = field(default=())  # lines of the file
    no_toc: tuple[int, ...] = field(default=())  # lines of `{: .no_toc }` headings, for `{:toc}`
    lines: LineMap = field(default=LineMap())  # lines of ``text`` back to lines of the file
    languages: tuple[tuple[int, str], ...] = field(default=())  # `{: lang="es"}`: (block's line, language)


_FIRST_HEADING = re.compile(r"\A(?:[ \t]*\n)*[ \t]{0,3}#{1,6}[ \t]+([^\n]*)")


def with_heading_title(front: Mapping[str, Any], body: str) -> Mapping[str, Any]:
    """The front matter as the page's Liquid saw it on GitHub Pages: without a ``title``, the
    page's first line, when a heading, is its ``page.title`` (jekyll-titles-from-headings,
    one of GitHub Pages' own plugins), so ``{{ page.title }}`` printed the heading's words."""
    if "title" in front or "#" not in body[:4096]:
        return front
    found = _FIRST_HEADING.match(body)
    return {**front, "title": atx_text(found.group(1))} if found else front


def _nesting_message(deep: nesting.Flattened) -> str:
    if deep.what == "mixed":
        return (f"this line opens quotes and lists inside each other, {deep.depth} levels deep "
                "(a list counts two), more than the Markdown reader follows (it would drop the "
                f"rest of the page): past level {nesting.MAX_MIXED_COST} its `>` and list "
                "markers are shown as text. Nest it less deeply")
    return (f"this {deep.what} is nested {deep.depth} levels deep, more than the Markdown reader "
            f"follows (it would drop the rest of the page): its deeper levels are shown at level "
            f"{nesting.MAX_LIST_DEPTH if deep.what == 'list' else nesting.MAX_QUOTE_DEPTH}. "
            "Nest it less deeply")


def unfilled_message(unfilled: Collection[liquid.Dropped]) -> str:
    """One warning for a page's outputs of values nothing gives (the first eight named), said at
    the first one's line, which its words do not repeat."""
    at = next(iter(unfilled)).line
    named = [f"`{{{{ {d.tag} }}}}`" + ("" if d.line == at else f" (line {d.line})")
             for d in list(unfilled)[:8]]
    if len(unfilled) > len(named):
        named.append(f"{len(unfilled) - len(named)} more")
    verb = "prints" if len(unfilled) == 1 else "print"
    return (f"{', '.join(named)} {verb} nothing: no `_config.yml` setting, `_data/` file or "
            "front-matter key gives a value, so the text around it reads with a gap (as on the "
            "old site). Add the value, or write the words in its place")


def unlooped_message(name: str, tag: str) -> str:
    """A loop over a value nothing gives: where such a value would come from, and what to do."""
    parts = name.split(".")
    if parts[:2] == ["site", "data"] and len(parts) > 2:
        given = (f"no `_data/{parts[2]}` file gives (the old build may have fetched it, with a "
                 "plugin such as jekyll_get, and the pages' folder lacks it)")
        fix = f"add `_data/{parts[2]}.yml` with its items"
    elif parts[0] == "site":
        given, fix = "no `_config.yml` setting gives", "add the setting"
    else:
        given, fix = "no front-matter key gives", "add the key to the front matter"
    return (f"`{tag}` loops over `{name}`, which {given}: the loop prints nothing here, and its "
            f"section is empty. {fix.capitalize()}, or write the list in Markdown")


def untaken_message(name: str, tag: str) -> str:
    """A test of a value nothing gives: the words of the branch for when it is set are gone."""
    given = "no `_config.yml` setting gives" if name.startswith("site.") else "no front-matter key gives"
    return (f"`{tag}` tests `{name}`, which {given}: the words written for the other case are "
            "left out here (as on the old site). Give the value, or remove the tag and keep the "
            "words this page needs")


def _data_file_unread(name: str, site: Mapping[str, Any]) -> bool:
    """``site.data.bomb…`` whose ``_data/bomb.yml`` is there but gives nothing (refused, an
    alias bomb, or empty): its own warning says why; "no `_data/bomb` file gives it, add
    `_data/bomb.yml`" contradicted it."""
    parts, place = name.split("."), site.get("data")
    if parts[:2] != ["site", "data"]:
        return False
    for part in parts[2:]:
        if not isinstance(place, Mapping) or part not in place:
            return False
        if (place := place[part]) is None:
            return True
    return False


def preprocess(text: str, site: Mapping[str, Any], keep: Collection[str] = (),
               includes: Mapping[str, str] | None = None,
               relative: Mapping[str, str] | None = None,
               callout_kinds: Mapping[str, callouts.Kind] | None = None,
               whole_elements: bool = True, html_page: bool = False,
               paginator: Mapping[str, Any] | None = None,
               assets: Mapping[str, str] | None = None,
               linked: Callable[[str], bool] | None = None,
               page_fills: Mapping[str, Any] | None = None) -> Prepared:
    """The page as MyST should read it, and what could not be kept as it was.

    ``whole_elements``: read an HTML element with blank lines inside as one block, bold
    that touches a CJK word, and a table without a header line as kramdown did, and a
    theme's notice holding Markdown as a box (:mod:`.htmlblocks`, :mod:`.emphasis`,
    :mod:`.tablecells`, :mod:`.notices`); a page written for
    CommonMark may mean those blank lines and pipes. ``html_page``: a page written in HTML
    (``contact.html``), whose Liquid Jekyll ran and whose text it read as no Markdown: after
    its Liquid (a ``markdownify`` made HTML, as Jekyll made it) it is HTML blocks only.
    ``assets``: the files jekyll-assets' ``asset_path`` tags name (:func:`.assets.addresses`).
    ``linked``: whether the source folder has a file a ``{% link path %}`` names.
    ``page_fills``: what Jekyll gave every page itself (``page.path``, ``page.name``), under
    its own front matter, which wins as it did there.
    """
    head, body, front = split_front_matter(text)
    first_line = head.count("\n") + 1
    if html_page:
        body = without_title_heading(body, front.get("title") if "title" in front else None)
    if head and not front:  # unreadable or refused (an alias bomb): MyST gets none, same lines
        head = "---\n" + "\n" * (first_line - 3) + "---\n"
    if liquid.has_liquid(body):
        from . import liquid_engine  # python-liquid: ~0.1 s to import, for the pages with Liquid

        body = liquid.headings_only_when_filled(
            liquid.emphasis_only_when_filled(liquid.without_empty_emphasis(body, site)))
        rendered = liquid_engine.render(body, with_heading_title({**(page_fills or {}), **front}, body), site,
                                        first_line=first_line, keep=keep,
                                        includes=includes, relative=relative,
                                        markdownified=as_html if html_page else None,
                                        paginator=paginator, assets=assets, linked=linked)
        rendered = replace(rendered, text=liquid.shown_alone(rendered.text))
        defined, undefined = liquid.without_empty_definitions(body, rendered.text)
        rendered = replace(rendered, text=defined)
    else:
        rendered, undefined = liquid.Result(body, ()), []
    lines = rendered.lines.moved(first_line - 1)
    notes = [Note(lines(first_line - 1 + line), "link",
                  f"the link definition `[{label}]:` is given no address: its Liquid prints nothing "
                  "here, and the Markdown reader would take the next line as its address. It is "
                  f"left out, so `[{label}]` is shown as its words, as on the old site; write the "
                  "address after it") for line, label in undefined]
    notes += [Note(loop.line, "liquid",
                  f"`{loop.tag}` lists the old site's own pages, which the publication's Liquid "
                  "does not have: the list is left out here (the publication's contents list "
                  "those pages). Write the list in Markdown if this page needs it")
             for loop in rendered.unlisted]
    notes += [Note(menu.line, "liquid",
                   f"{menu.tag} is the old site's menu: it is left out here, because the "
                   "publication's own contents and navigation replace it. Remove the tag, or "
                   "write the links in Markdown if this page needs them")
              for menu in rendered.menus]
    notes += [Note(contents.line, "liquid",
                   f"{contents.tag} is the old site's table of contents for this page: it is left "
                   "out here, because every edition lists the page's headings itself (the website "
                   "beside the page, under \"On this page\", the ePub and the PDF in their contents). "
                   "Remove the tag")
              for contents in rendered.contents]
    notes += [Note(link.line, "link",
                   f"`{link.tag}` names a file the source folder does not have (Jekyll stopped its "
                   "build here: \"Could not find document\"): the link's words are kept, without "
                   "the link. Write the path of the page's file as it is now, from the source "
                   "folder (as `_pages/about.md`), or remove the link")
              for link in rendered.unlinked]
    notes += [Note(loop.line, "empty-value", unlooped_message(*loop.tag.split("\t", 1)))
              for loop in rendered.unlooped if not _data_file_unread(loop.tag.split("\t", 1)[0], site)]
    notes += [Note(test.line, "empty-value", untaken_message(*test.tag.split("\t", 1)))
              for test in rendered.untaken if not _data_file_unread(test.tag.split("\t", 1)[0], site)]
    if unfilled := [d for d in rendered.unfilled if not _data_file_unread(d.tag, site)]:
        notes.append(Note(unfilled[0].line, "empty-value", unfilled_message(unfilled)))
    if html_page:
        return Prepared(head + htmlblocks.one_block_per_element(rendered.text), rendered.dropped, tuple(notes),
                        lines=lines)
    notes += [Note(lines(first_line - 1 + line), "comment",
                  "`{::comment}` is never closed: on the old site it hid the rest of the page. "
                  "The text after it is published; close the comment with `{:/comment}` where it "
                  "should end") for line in kramdown.unclosed_comments(rendered.text)]
    named = tuple(callouts.Callout(lines(first_line - 1 + c.line), lines(first_line - 1 + c.target),
                                   c.kind, c.titled)
                  for c in callouts.find(rendered.text.split("\n"), callout_kinds or {}))
    if whole_elements:
        boxed, found = notices.boxes(rendered.text)
        rendered = replace(rendered, text=boxed)
        named += tuple(callouts.Callout(lines(first_line - 1 + line), lines(first_line - 1 + line),
                                        callouts.Kind(name, callouts.BOXES.get(name)), False)
                       for line, name in found)
    languages = tuple((lines(first_line - 1 + line), lang)
                      for line, lang in callouts.languages(rendered.text.split("\n")))
    no_toc = tuple(lines(first_line + i) for i in kramdown.no_toc_headings(rendered.text.split("\n"))) \
        if "{:toc}" in rendered.text.replace(" ", "") else ()
    options = site.get("kramdown")
    parse_block_html = isinstance(options, Mapping) and options.get("parse_block_html") is True
    quoted, lost = pullquotes.quotes(rendered.text, parse_block_html)
    notes += [Note(lines(first_line - 1 + avatar.line), "pull-quote", _avatar_message(avatar))
              for avatar in lost]
    cleaned = kramdown.clean(quoted, parse_block_html=parse_block_html, myst_marks=whole_elements)
    redcarpet = str(site.get("markdown", "")).strip().lower() == "redcarpet"
    cleaned, hashed = kramdown.hash_headings(cleaned, as_headings=redcarpet)
    notes += [Note(lines(first_line - 1 + line), "hash-heading",
                   _hash_heading_message(written, redcarpet, whole_elements)) for line, written in hashed]
    cleaned, apart = kramdown.markdown_elements(cleaned)
    if apart:
        lines = lines.with_blank_lines(tuple(first_line + line for line in apart))
    if whole_elements:
        cleaned = kramdown.joined_terms(cleaned)
        cleaned = kramdown.sublists_nested(cleaned)
        cleaned = tablecells.delimiters_fitted(cleaned)
        cleaned = tablecells.indented_rows_kept(cleaned)
        cleaned, headed = tablecells.with_header_lines(cleaned)
        if headed:
            lines = lines.with_blank_lines(tuple(first_line + line for line in headed))
    cleaned, wide = tablecells.keep_extra_cells(cleaned)
    if wide:
        rows = f"{len(wide)} table rows have" if len(wide) > 1 else "a table row has"
        notes.append(Note(lines(first_line + wide[0].line), "table-cells",
                          f"{rows} more cells than the table has columns (this one {wide[0].cells}, "
                          f"in {wide[0].columns} columns): the Markdown reader drops the extra cells, "
                          "so their words are kept in the row's last cell, with the `|` before each "
                          "shown. Write `\\|` for a `|` that is part of a cell's text, or give the "
                          "table's first two lines more columns"))
    if whole_elements:
        cleaned = emphasis.cjk_friendly(cleaned)
        cleaned, added = htmlblocks.end_after_lines(htmlblocks.keep_whole(cleaned))
        if added:
            lines = lines.with_blank_lines(tuple(first_line + line for line in added))
    split: list[spaced_urls.Split] = []
    flat, deep = nesting.flatten(spaced_urls.fix(cleaned, split))
    notes += [Note(lines(first_line - 1 + d.line), "nesting", _nesting_message(d)) for d in deep]
    notes += [Note(lines(first_line - 1 + s.line), "address-words",
                   f"the link's address `{s.address[:80]}` goes on after a space (`{s.words[:80]}`), "
                   "and a web address has no spaces: the old site's kramdown hid those words in the "
                   "address (GitHub showed the whole link as text). The link goes to the address up "
                   "to the space, and the words are shown after it; end the address with `)` where "
                   "it ends") for s in split]
    cleaned = without_repeated_title(flat, front.get("title"))
    return Prepared(head + cleaned, rendered.dropped, tuple(sorted(notes, key=lambda n: n.line)),
                    named, no_toc, lines, languages)


def _hash_heading_message(written: str, redcarpet: bool, jekyll: bool = True) -> str:
    marks = len(written) - len(written.lstrip("#"))
    heading = f"{written[:marks]} {written[marks:]}"
    if redcarpet:
        return (f"`{written[:60]}` is read as a heading, as the site's Markdown reader (redcarpet) "
                f"read it, but Markdown needs a space after `#`: write `{heading[:61]}`")
    where = ("as on the old site (kramdown reads" if jekyll else "as GitHub shows it (Markdown reads")
    return (f"`{written[:60]}` shows as text, not as a heading, {where} a heading only with a "
            f"space after `#`): write `{heading[:61]}` for a heading, or `\\{written[:60]}` to "
            "keep the sign")


def _avatar_message(avatar: pullquotes.Lost) -> str:
    return (f"the pull quote's avatar {avatar.address!r} is on another site, which the publication "
            f"never loads, so it is left out, and its description \"{avatar.description}\" with it. "
            "Write those words in the quote's credit line if readers need them")


def without_title_heading(body: str, title: object = None) -> str:
    """A page written in HTML without ``title:`` is titled by its ``<h1>`` when that is its
    first heading (``pageorder``): the element is left out, its lines kept, so the
    title is not shown twice. With a ``title:`` (given), only an ``<h1>`` of the same words
    is (Code for DC's ``title: Resources`` over ``<h1>Resources</h1>``), as a Markdown
    page's repeated ``# Title`` is (:func:`without_repeated_title`)."""
    found = titles.html_title(body)
    if found is None:
        return body
    words, start, end = found
    if title is not None and (not isinstance(title, str)
                              or " ".join(words.split()).casefold() != " ".join(title.split()).casefold()):
        return body
    return body[:start] + "\n" * body.count("\n", start, end) + body[end:]


def as_html(markdown: str) -> str:
    """What Jekyll's ``markdownify`` wrote on a page written in HTML: the Markdown as HTML
    (CommonMark, with tables; the page's sanitizer reads it as the rest of its HTML)."""
    from markdown_it import MarkdownIt  # loaded with MyST already

    return MarkdownIt("commonmark").enable("table").render(markdown)


_SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*$")


def without_repeated_title(body: str, title: object) -> str:
    """Blank a leading ``# Title`` (or ``Title`` over ``===``) that repeats the front-matter title.

    Jekyll layouts printed the title, so some pages also start with it as a heading; the
    publication already makes the title the page's heading, and a second one would become
    a second chapter-level heading in every edition. A page whose layout printed no title
    opens with it as a lower heading (pulibrary.github.io's posts: ``## <title>``): shown
    after the title it was the title twice, a section holding the whole page.
    """
    if not isinstance(title, str) or not title.strip():
        return body
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return body
    wanted = " ".join(title.split()).casefold()
    match = _ATX.match(lines[first])
    if match and " ".join(atx_text(match.group(1)).split()).casefold() == wanted:
        lines[first] = ""
    elif (first + 1 < len(lines) and _SETEXT_H1.match(lines[first + 1])
          and len(lines[first]) - len(lines[first].lstrip(" ")) < 4
          and " ".join(lines[first].split()).casefold() == wanted):
        lines[first] = lines[first + 1] = ""  # `Title` over `=====`, the UC Davis Library's
    return "\n".join(lines)

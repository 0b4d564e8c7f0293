"""Turn pages and their positions into the publication's outline.

Plain Python with no Sphinx import. Folders are sections: ``folder/index`` (or Jekyll's
``folder`` beside ``folder/``) is a section's landing page, and every landing page lists
its children in position order. Nothing is ever dropped and no section is flattened: a
folder with no landing page gets a generated one, titled after the folder (a Jekyll site
has many such folders: Jekyll needs no landing), and the loser of two landing pages stays
a plain page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jekyll_compat.titles import titleize_folder, titleize_slug

from .frontmatter import Page
from .problems import Kind, Problem


@dataclass(frozen=True)
class Outline:
    """The publication's structure: who lists whom, in reading order."""

    root: str
    children: Mapping[str, tuple[str, ...]]
    unpublished: frozenset[str]
    problems: tuple[tuple[str, Problem], ...]
    sections: frozenset[str] = frozenset()  # redirect pages kept as their section's landing
    generated: Mapping[str, Page] = field(default_factory=dict)  # landings no file gives

    @property
    def order(self) -> tuple[str, ...]:
        """Every published page in reading order: the root, then depth first."""
        found: list[str] = []

        def walk(docname: str) -> None:
            found.append(docname)
            for child in self.children.get(docname, ()):
                walk(child)

        walk(self.root)
        return tuple(found)


def _folder_of(path: str) -> str:
    """The folder a page (or a folder) is in: ``a/b`` for ``a/b/c``, ``""`` at the top."""
    return path.rpartition("/")[0]


def landing_beside(docname: str, folder: str, landing: str = "index.md") -> str:
    """Where a folder's ``index.md`` (a GitBook folder's ``README.md``) goes, said from the
    file ``docname`` is: staff read the warning at that file, and the folder's name as the
    outline knows it may not be the one on disk (a Jekyll collection's ``projects/`` is
    ``_projects/``)."""
    up = docname[len(folder) + 1:].count("/")
    return f"'{landing}' beside this file" if up == 0 else f"'{'../' * up}{landing}' from this file"


def build_outline(pages: Mapping[str, Page], root: str,
                  groups: Mapping[str, str] | None = None, landing: str = "index.md") -> Outline:
    """Order ``pages`` (keyed by docname) under ``root``; report what is odd on the way.
    ``groups``: folders a GitBook ``SUMMARY.md`` heading names (``## Guides``), which have
    no page by GitBook's design, or whose ``README.md`` it lists and the export lost (said at
    its line there): their generated landing takes those words, unremarked here.
    ``landing``: the file that lands a folder, as a folder without one is told to add
    (a GitBook folder's ``README.md``, placed by ``SUMMARY.md``)."""
    groups = groups or {}
    problems: list[tuple[str, Problem]] = []
    for docname in sorted(pages):
        problems.extend((docname, problem) for problem in pages[docname].problems)

    if any(page.parent for page in pages.values() if page.published):
        return _outline_by_titles(pages, root, problems)
    beside = _beside_by_address(pages)
    generated = generated_landings(pages, beside, _folders_of_home(pages, root, beside))
    for docname, page in list(generated.items()):
        folder = _folder_of(page.docname)
        if folder in groups:
            generated[docname] = replace(page, title=groups[folder])
            continue
        inside = [d for d in pages if d.startswith(folder + "/")]
        if all(pages[d].dated for d in inside if _shown(pages[d])):
            continue  # Jekyll's posts: a section of their own, which no site gives a page
        first = min(inside, key=lambda d: (_folder_of(d) != folder, d))  # a page of its own first
        problems.append((first, Problem(
            Kind.NO_LANDING, 1,
            f"the folder '{folder}/' has no landing page, so a contents page titled "
            f"{page.title!r} is generated for it; to name and place the section yourself, "
            f"add {landing_beside(first, folder, landing)} "
            + ("with a title and position" if landing == "index.md"
               else "with a title, and list it in the table of contents"),
        )))
    pages = {**pages, **generated}

    landings = _find_landings(pages, root, problems, beside)
    for folder in _folders_of_home(pages, root, beside):
        landings.setdefault(folder, root)
    unpublished = _unpublished(pages, root, landings)
    sections = frozenset(d for d in landings.values() if d in pages and pages[d].redirect
                         and d not in unpublished)
    for docname in sorted(sections):
        problems.extend((docname, problem) for problem in pages[docname].landing_problems)
    published = [d for d in sorted(pages) if d not in unpublished]
    landing_of = {landing: folder for folder, landing in landings.items()}

    siblings: dict[str, list[str]] = {}
    for docname in published:
        if docname == root:
            continue
        folder = _folder_of(landing_of[docname]) if docname in landing_of else _folder_of(docname)
        siblings.setdefault(landings.get(folder, root), []).append(docname)

    children = {
        landing: tuple(_sorted_siblings([pages[d] for d in members], problems, generated))
        for landing, members in siblings.items()
    }
    _menu_sections(children, pages, generated)
    problems = [(d, p) for d, p in problems if d not in generated]  # no file to point at
    return Outline(root, children, frozenset(unpublished), tuple(problems), sections,
                   {d: page for d, page in generated.items() if d not in unpublished})


def _menu_sections(children: dict[str, tuple[str, ...]], pages: Mapping[str, Page],
                   generated: dict[str, Page]) -> None:
    """The old site's menu groups (:attr:`Page.menu_group`) made sections: pages listed side
    by side under one landing that the menu grouped under "Getting Started" are listed under
    a generated landing of that title, where the group's first page was. A group holding
    every page of its landing adds no section: a level that would say nothing more."""
    taken = {name.casefold() for name in (*pages, *generated)}
    taken |= {folder.casefold() for d in pages for folder in _folders_above(d)}
    counted: dict[str, int] = {}
    for landing, kids in list(children.items()):
        by_group: dict[str, list[str]] = {}
        for kid in kids:
            if pages[kid].menu_group:
                by_group.setdefault(pages[kid].menu_group, []).append(kid)
        sections: dict[str, str] = {}
        for title, members in by_group.items():
            if len(members) == len(kids):
                continue
            docname = _free_name(_place_of(members[0], children), title, taken, counted)
            taken.add(docname.casefold())
            children[docname] = tuple(members)
            generated[docname] = Page(docname, title)
            sections[title] = docname
        if sections:  # one pass: each section where its first page was (thousands of groups)
            listed: list[str] = []
            placed: set[str] = set()
            for kid in kids:
                section = sections.get(pages[kid].menu_group or "")
                if section is None:
                    listed.append(kid)
                elif section not in placed:
                    placed.add(section)
                    listed.append(section)
            children[landing] = tuple(listed)


LANDING_NAMES = ("index", "_index", "README", "readme", "Readme")
"""The file names of a folder's landing page (Jekyll's and Hugo's, GitBook's)."""


def _place_of(docname: str, children: Mapping[str, tuple[str, ...]]) -> str:
    """The folder a page stands in: a folder's landing (``services/index``, Jekyll's
    ``services``) stands beside its folder, not in it, so a section generated where it was
    is not made inside the folder it holds."""
    if docname not in children:
        return _folder_of(docname)
    name = docname.rpartition("/")[2]
    folder = _folder_of(docname) if name in LANDING_NAMES else docname
    return _folder_of(folder)


def _folders_above(docname: str) -> list[str]:
    parts = docname.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


SLUG_MOST = 60
"""Characters of a generated section's file name: a menu's title may be any length, a file's not."""


def _free_name(folder: str, title: str, taken: set[str], counted: dict[str, int]) -> str:
    """A docname in ``folder`` for a generated section titled ``title``: its words in ASCII
    (``getting-started``), unlike any page's or folder's name (``taken``, casefolded);
    ``counted`` the last number each name was given, so a thousand titles of one slug
    ("!★") are not each counted up from 2."""
    ascii_words = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_words.lower()).split())
    slug = slug[:SLUG_MOST].rsplit("-", 1)[0] if len(slug) > SLUG_MOST else slug
    base = f"{folder}/{slug or 'section'}" if folder else (slug or "section")
    number = counted.get(base.casefold(), 1)
    name = base if number == 1 else f"{base}-{number}"
    while name.casefold() in taken:
        number += 1
        name = f"{base}-{number}"
    counted[base.casefold()] = number
    return name


def _outline_by_titles(pages: Mapping[str, Page], root: str,
                       problems: list[tuple[str, Problem]]) -> Outline:
    """A just-the-docs site: its pages say where they go by title, not by folder. A page with
    ``parent: <title>`` is listed under the page with that title (``grand_parent:`` or
    ``ancestor:`` single one out among pages of the same title), any other at the top; each
    list is ordered by ``position``, else ``nav_order``, else title, as the theme's menu was."""
    unpublished = {d for d, page in pages.items() if d != root
                   and (not page.published or page.redirect)}
    shown = {d: page for d, page in pages.items() if d not in unpublished}
    by_title: dict[str, list[str]] = {}
    for docname in sorted(shown):
        if shown[docname].title:
            by_title.setdefault(shown[docname].title, []).append(docname)
    resolved: dict[str, str] = {}

    def parent_of(docname: str, seen: tuple[str, ...] = ()) -> str | None:
        if docname in resolved or docname in seen:
            return resolved.get(docname)
        page = shown[docname]
        if not page.parent or docname == root:
            return None
        found = [d for d in by_title.get(page.parent, ()) if d != docname]
        if len(found) > 1 and page.grand_parent:
            found = [d for d in found
                     if page.grand_parent in _titles_above(d, shown, parent_of, seen + (docname,))
                     ] or found
        if found:
            resolved[docname] = found[0]
        return resolved.get(docname)

    folder_page = _folder_pages(shown, root)
    for docname in sorted(shown):
        page = shown[docname]
        if not page.parent or docname == root:
            continue
        parent = parent_of(docname)
        candidates = [d for d in by_title.get(page.parent, ()) if d != docname]
        if parent is None:
            above = folder_page.get(docname)
            where = (f"under its folder's page {pages[above].title!r}" if above is not None
                     else "at the top")
            problems.append((docname, Problem(
                Kind.PARENT_MISSING, page.parent_line,
                f"`parent: {page.parent}` is the title of no page, so this page is listed "
                f"{where}; write the exact `title` of the page it belongs under",
            )))
        elif docname in _chain(parent, resolved):
            del resolved[docname]
            problems.append((docname, Problem(
                Kind.PARENT_LOOP, page.parent_line,
                f"`parent: {page.parent}` leads back to this page, so it is listed at the top; "
                "give one page of the loop another parent",
            )))
        elif len(candidates) > 1 and not (page.grand_parent and sum(
                page.grand_parent in _titles_above(d, shown, parent_of) for d in candidates) == 1):
            problems.append((docname, Problem(
                Kind.PARENT_AMBIGUOUS, page.parent_line,
                f"`parent: {page.parent}` is the title of {len(candidates)} pages "
                f"({', '.join(repr(pages[d].named) for d in candidates)}); it is listed under {pages[parent].named!r}; "
                "add `grand_parent:` with the title of the page above the one you mean",
            )))

    for docname, above in folder_page.items():  # no parent named (or none found): its folder's
        if docname not in resolved and docname not in _chain(above, resolved):
            resolved[docname] = above
    siblings: dict[str, list[str]] = {}
    for docname in sorted(shown):
        if docname != root:
            siblings.setdefault(resolved.get(docname, root), []).append(docname)
    children = {parent: tuple(_sorted_siblings([pages[d] for d in members], problems, {}))
                for parent, members in siblings.items()}
    return Outline(root, children, frozenset(unpublished), tuple(problems))


def _folder_pages(shown: Mapping[str, Page], root: str) -> dict[str, str]:
    """Each page's nearest folder page above it (``a/one`` -> ``a``, or ``a/index``), for a
    page whose ``parent:`` places it nowhere. 18F's guides give some pages a ``parent:`` and
    keep the others in their section's folder: one ``parent:`` in the site listed every other
    page at the top, and the guide's sections came out as one flat list."""
    beside = _beside_by_address(shown)
    landings = _find_landings(shown, root, [], beside)
    landing_of = {landing: folder for folder, landing in landings.items() if folder}
    found = {}
    for docname in shown:
        if docname == root:
            continue
        folder = _folder_of(landing_of.get(docname, docname))
        while folder and (landings.get(folder) in (None, docname) or landings[folder] not in shown):
            folder = _folder_of(folder)
        if folder:
            found[docname] = landings[folder]
    return found


def _chain(docname: str, resolved: Mapping[str, str]) -> list[str]:
    """``docname`` and the pages above it, as far as they are resolved (stops at a loop)."""
    chain = [docname]
    while chain[-1] in resolved and resolved[chain[-1]] not in chain:
        chain.append(resolved[chain[-1]])
    return chain


def _titles_above(docname: str, shown: Mapping[str, Page], parent_of, seen: tuple[str, ...] = ()
                  ) -> set[str]:
    """The titles (and ``parent:`` values) of the pages above ``docname``."""
    titles: set[str] = set()
    current: str | None = docname
    visited = set(seen)
    while current is not None and current not in visited:
        visited.add(current)
        if shown[current].parent:
            titles.add(shown[current].parent)
        current = parent_of(current, tuple(visited))
        if current is not None and shown[current].title:
            titles.add(shown[current].title)
    return titles


def _shown(page: Page) -> bool:
    return page.published and not page.redirect


def _folders_of_home(pages: Mapping[str, Page], root: str,
                     beside: Mapping[str, list[str]]) -> frozenset[str]:
    """The folders the home page is in that have no landing of their own: the home lands
    them, so their pages are the publication's first level. An old Jekyll site's home may
    live in ``pages/home.md`` (``permalink: /``) beside ``pages/about.md`` (``/about/``):
    its readers saw one level, not a section "Pages" holding everything but the home."""
    found = set()
    folder = _folder_of(root)
    while folder and not _landing_candidates(pages, folder, beside):
        found.add(folder)
        folder = _folder_of(folder)
    return frozenset(found) if not folder else frozenset()


def generated_landings(pages: Mapping[str, Page],
                       beside: Mapping[str, list[str]],
                       landed_by_home: frozenset[str] = frozenset()) -> dict[str, Page]:
    """A landing page for every folder that has pages to show but no landing of its own.

    It is ``folder/index``, titled after the folder the way Jekyll titles a slug (``Utils.
    titleize_slug``: ``zero-waste`` -> "Zero Waste"; a collection's ``application_development``
    -> "Application Development", underscores read as spaces too; a bilingual site's ``es/``
    in its language, :func:`language_title`), and placed
    where the folder's first page was (the smallest position inside it, pages of its own first).
    """
    folders: set[str] = set()
    for docname, page in pages.items():
        if _shown(page):
            folder = _folder_of(docname)
            while folder and folder not in folders:
                folders.add(folder)
                folder = _folder_of(folder)
    generated = {}
    for folder in sorted(folders):
        if folder in landed_by_home or _landing_candidates(pages, folder, beside):
            continue
        shown = [p for d, p in pages.items() if d.startswith(folder + "/") and _shown(p)]
        inside = [p for p in shown if p.position is not None]
        own = [p for p in inside if _folder_of(p.docname) == folder]
        position = min((p.position for p in own or inside), default=None)
        docname = f"{folder}/index"
        in_language = language_title(folder.rsplit("/", 1)[-1], shown)
        title = in_language or titleize_folder(docname)
        # "Español" is a Spanish word: the landing says so, as its pages do
        language = folder.rsplit("/", 1)[-1].lower() if in_language else None
        generated[docname] = Page(docname, title, position, language=language)
    return generated


def language_title(name: str, inside: list[Page]) -> str | None:
    """A bilingual site's ``es/`` folder, whose pages all say ``lang: es``, is titled in its
    language ("Español"), not "Es"; None for any other folder (``it/`` of the IT office)."""
    code = name.lower()
    if not inside or any(p.language is None or p.language.split("-")[0] != code for p in inside):
        return None
    from babel import Locale, UnknownLocaleError

    try:
        shown = Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return shown[:1].upper() + shown[1:] if shown else None


def _find_landings(pages: Mapping[str, Page], root: str, problems: list[tuple[str, Problem]],
                   beside: Mapping[str, list[str]]) -> dict[str, str]:
    """Map each folder ('' is the top) to the docname of its landing page."""
    folders = {""}
    for docname in pages:
        folder = _folder_of(docname)
        while folder not in folders:
            folders.add(folder)
            folder = _folder_of(folder)

    landings = {"": root}
    for folder in sorted(folders - {""}):
        index, jekyll = f"{folder}/index", folder
        if index in pages and jekyll in pages and jekyll != root \
                and not (pages[index].redirect or pages[jekyll].redirect):
            problems.append((jekyll, Problem(
                Kind.TWO_LANDINGS, 1,
                f"the folder '{folder}/' has two landing pages, '{pages[index].named}' and this one; "
                f"'{pages[index].named}' is used and this page becomes an ordinary page beside the folder. "
                "Merge them or rename one",
            )))
        # A page with text lands its folder before a redirect does (the redirect then only
        # redirects); `folder/index` before `folder.md`, before a page beside the folder whose
        # permalink is the folder's address.
        # the home lands the top, never a folder `index/` (a site's `_pages/index/`)
        candidates = [d for d in _landing_candidates(pages, folder, beside) if d != root]
        if candidates:
            landings[folder] = min(candidates, key=lambda d: (pages[d].redirect, d != index,
                                                              d != jekyll, d))
    return landings


def _beside_by_address(pages: Mapping[str, Page]) -> dict[str, list[str]]:
    """``{folder: pages beside it, or in it, whose permalink is its address}`` (the City's
    ``SUMMITweek Winter 2018.md`` for ``SUMMITweek-Winter-2018/``; plainlanguage.gov's
    ``about/history/timeline.md`` for ``/about/history/``), in name order."""
    found: dict[str, list[str]] = {}
    for docname in sorted(pages):
        address = pages[docname].address  # an unpublished page claims no folder (it would hide it)
        if (address and address != docname and pages[docname].published
                and _folder_of(docname) in (_folder_of(address), address)):
            found.setdefault(address, []).append(docname)
    return found


_README = ("README", "readme", "Readme")


def _landing_candidates(pages: Mapping[str, Page], folder: str,
                        beside: Mapping[str, list[str]]) -> list[str]:
    """The pages that may land ``folder``: ``folder/index``, Hugo's ``folder/_index`` (read only
    where no ``index`` is: ``safety.project.section_landings``), ``folder`` (Jekyll's page beside
    it), its ``README`` (GitBook's always, :attr:`Page.lands`; else when there is neither, as
    GitHub shows a folder and GitHub Pages' jekyll-readme-index published it), and a page
    beside it whose permalink is the folder's address."""
    found = [d for d in (f"{folder}/index", f"{folder}/_index", folder) if d in pages]
    found += [d for d in (f"{folder}/{name}" for name in _README) if d in pages
              and (pages[d].lands or not found)][:1]
    return found + [d for d in beside.get(folder, ()) if d not in found]


def _unpublished(pages: Mapping[str, Page], root: str, landings: Mapping[str, str]) -> set[str]:
    """Pages with ``published: false``, and everything in a section whose landing is one."""
    hidden_folders = {folder for folder, landing in landings.items()
                      if folder and not pages[landing].published}
    hidden = {d for d, page in pages.items() if not page.published and d != root}
    lands = set(landings.values())
    hidden |= {d for d, page in pages.items() if page.redirect and d not in lands and d != root}
    for docname in pages:
        if docname == root:
            continue
        folder = _folder_of(docname)
        while folder:
            if folder in hidden_folders and landings[folder] != docname:
                hidden.add(docname)
                break
            folder = _folder_of(folder)
    return hidden


def reading_order_key(page: Page) -> tuple[int, float, str, str]:
    """Positioned pages first (ascending), then unpositioned ones; ties by title, then path.
    Without a ``position``, just-the-docs' ``nav_order`` places the page; a Jekyll
    collection's document without either is placed by its file's path, as Jekyll listed
    the collection (minimal-mistakes' ``_docs/01-quick-start-guide.md``, ``02-structure.md``)."""
    number = page.position if page.position is not None else page.nav_order
    if number is None:
        return (1, 0, page.file if page.in_collection else page.sort_title, page.docname)
    return (0, number, page.sort_title, page.docname)


def first_page(pages: Mapping[str, Page]) -> str | None:
    """The published top-level page that reads first: the landing page of a folder with no index.

    None when every top-level page redirects or is unpublished (a root is generated then).
    """
    top = [page for page in pages.values()
           if "/" not in page.docname and page.published and not page.redirect]
    return min(top, key=reading_order_key).docname if top else None


def newest_first(posts: list[Page]) -> list[Page]:
    """Jekyll's posts as its themes list them: the reverse of (date, file name) order."""
    return sorted(posts, key=lambda page: page.dated or ("", ""), reverse=True)


def _sorted_siblings(members: list[Page], problems: list[tuple[str, Problem]],
                     generated: Mapping[str, Page]) -> list[str]:
    """Pages with a number (``position``, else just-the-docs' ``nav_order``), then Jekyll's
    posts newest first, then pages without a number."""
    numbered = [p for p in members if p.position is not None
                or (p.nav_order is not None and not p.dated)]
    ordered = sorted(numbered, key=reading_order_key)
    ordered += newest_first([p for p in members if p.position is None and p.dated])
    ordered += sorted((p for p in members if p.position is None and p.nav_order is None
                       and not p.dated), key=reading_order_key)
    seen: dict[int, Page] = {}
    for page in ordered:
        if page.docname in generated or (page.dated and page.position is None):
            continue  # a generated landing borrows its position; a post is ordered by its date
        if page.position is None and page.nav_order is not None:
            continue
        if page.position is None:
            if not page.problems:  # a broken front matter was reported already: one message
                problems.append((page.docname, Problem(
                    Kind.POSITION_MISSING, 1,
                    "the page has no `position`, so it comes after the numbered pages beside it, "
                    f"{'by its file name, as Jekyll listed its collection' if page.in_collection else 'by its title'}"
                    + ("; start it with front matter that gives its place: a line `---`, then "
                       "`position: 10`, then `---`" if page.bare else
                       "; add e.g. `position: 10` to its front matter"),
                )))
        elif page.position in seen:
            problems.append((page.docname, Problem(
                Kind.POSITION_DUPLICATE, page.position_line,
                f"`position: {page.position}` is also used by '{seen[page.position].named}'; the two are "
                "ordered by title. Give each page its own number",
            )))
        else:
            seen[page.position] = page
    _shared_titles(ordered, problems, generated)
    return [page.docname for page in ordered]


def _shared_titles(pages: list[Page], problems: list[tuple[str, Problem]],
                   generated: Mapping[str, Page]) -> None:
    """Pages beside each other with one title, said once at the first: the contents list
    shows the same words for each (the VA's generated VistA RPC pages all have
    ``title: VISTA RPC documentation``; each names its RPC only in a heading). Posts are
    told apart by their dates."""
    by_title: dict[str, list[Page]] = {}
    for page in pages:
        if page.docname not in generated and not page.dated and page.title:
            by_title.setdefault(_as_read(page.title), []).append(page)
    for same in by_title.values():
        if len(same) < 2:
            continue
        first, others = same[0], same[1:]
        names = ", ".join(repr(p.named) for p in others[:_NAMED])
        if len(others) > _NAMED:
            names += f" and {len(others) - _NAMED} more"
        problems.append((first.docname, Problem(
            Kind.TITLE_SHARED, first.title_line,
            f"the title '{first.title}' is also the title of {names} beside this page, so the "
            f"contents list shows the same words for {len(same)} pages and a reader cannot tell "
            "them apart: give each page a title of its own",
        )))


def _as_read(title: str) -> str:
    """A title as a reader sees it: its invisible characters (a zero-width space, a soft
    hyphen, a bidirectional control: Unicode's format characters) left out, so a page titled
    "Budget" with a zero-width space inside is not told apart from "Budget" in silence."""
    seen = "".join(c for c in title if unicodedata.category(c) != "Cf")
    return " ".join(seen.casefold().split())


_NAMED = 3
"""How many of the pages that share a title the warning names."""

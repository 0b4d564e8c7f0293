"""Check every page's front matter without a Sphinx build: ``python -m pageorder.check``.

City staff run it as ``make check`` before they publish. It finds the pages the way
Sphinx does (``sphinx.project.Project`` with the ``source_suffix`` and
``exclude_patterns`` of ``conf.py``), then reuses the extension's own reader and outline
(``read_page``, ``build_outline``), so a build and a check always agree. Every problem is
printed as ``file:line: message [position.subtype]``; the exit status is 1 when there is
any, 2 when the folder cannot be checked at all.

Speed (the target is under a second for 1,000 pages): 0.32-0.42 s wall time for 1,001
generated pages on the team's 2-core machine under load, start-up included (about 0.25 s
of it is importing Sphinx and running conf.py; the pages are parsed with libyaml).
"""

from __future__ import annotations

import argparse
import dataclasses
import runpy
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pagesource
from pagesource.suffixes import source_suffix, spellings

from .frontmatter import Page, read_page
from .outline import Outline, build_outline, first_page
from .problems import WARNING_TYPE, Problem

DEFAULT_SUFFIXES = spellings()  # a build's, with conf.py (pagesource.suffixes)
DEFAULT_EXCLUDES = ("_*", "**/_*", ".*", "**/.*")


@dataclass(frozen=True)
class Settings:
    """What the check needs from ``conf.py``: which files are pages, the root, what is muted."""

    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    exclude_patterns: tuple[str, ...] = DEFAULT_EXCLUDES
    include_patterns: tuple[str, ...] = ("**",)
    root_doc: str = "index"
    suppress_warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())


def load_settings(confdir: Path) -> Settings:
    """Read the page settings from ``confdir/conf.py``; fall back to defaults with a note."""
    conf = confdir / "conf.py"
    if not conf.is_file():
        return Settings(notes=(f"{conf} not found; checking every .md file",))
    try:
        values: dict[str, Any] = runpy.run_path(str(conf), run_name="conf")
    except Exception as err:  # conf.py is someone's code: report, never crash
        return Settings(notes=(f"{conf} could not be read ({type(err).__name__}: {err}); "
                               "checking every .md file",))
    suffix = values.get("source_suffix", DEFAULT_SUFFIXES)
    suffixes = (suffix,) if isinstance(suffix, str) else tuple(suffix)
    return Settings(
        suffixes=suffixes or DEFAULT_SUFFIXES,
        exclude_patterns=tuple(values.get("exclude_patterns", DEFAULT_EXCLUDES)),
        include_patterns=tuple(values.get("include_patterns", ("**",))),
        root_doc=str(values.get("root_doc", values.get("master_doc", "index"))),
        suppress_warnings=tuple(values.get("suppress_warnings", ())),
    )


def find_pages(srcdir: Path, settings: Settings, unfound: list[str] | None = None,
               twins: list[Any] | None = None, links: list[Any] | None = None,
               underscored: list[str] | None = None) -> dict[str, Path]:
    """Every page Sphinx would read in ``srcdir``, as ``{docname: path}``; ``unfound`` gets
    the page files it passes over (``safety.names.unfound_pages``), ``underscored`` the
    ``_draft.md`` files it never reads (``safety.names.underscore_pages``), ``twins`` the files
    left out as another file of the same page, ``links`` the links to folders not walked and
    the pages that are links to no file (``safety.project``), as a build says them."""
    from gitbook_compat import summary
    from jekyll_compat import inplace, jekyll_config, leftout, markdown_suffixes, posts
    from safety.project import PagesProject  # the same discovery as a build, no build

    suffixes = settings.suffixes
    excludes = list(settings.exclude_patterns)
    if (gitbook := summary.layout_of(srcdir)) is not None:  # README.md home, SUMMARY.md no page
        excludes = summary.exclusions(gitbook, excludes)
    folders: dict[str, str] = {}
    if (srcdir / "_config.yml").is_file():  # an old Jekyll site: what a build reads of it
        site = jekyll_config(srcdir)
        markdown = markdown_suffixes(srcdir)
        suffixes = tuple({**dict.fromkeys(suffixes), **source_suffix(markdown)})
        folders = inplace.published_collections(srcdir, site)
        excludes += leftout.exclusions(srcdir, site, excludes, folders, markdown).all
    from sphinx.util.matching import Matcher

    with_posts = bool(posts.find(srcdir, suffixes, Matcher(excludes)).posts)
    project = PagesProject(srcdir, suffixes)
    if folders or with_posts:
        project = inplace.CollectionsProject(srcdir, suffixes, folders, with_posts)
    from safety import unreadable_said_as_page_name

    with unreadable_said_as_page_name(srcdir):
        docnames = project.discover(excludes, settings.include_patterns)
    if unfound is not None:
        from sphinx.project import EXCLUDE_PATHS

        from safety.names import unfound_pages

        unfound += unfound_pages(str(srcdir), suffixes, Matcher(list(settings.include_patterns)),
                                 Matcher([*excludes, *EXCLUDE_PATHS]), folders)
    if underscored is not None:
        from safety import chosen_exclusions
        from safety.names import underscore_pages

        underscored += underscore_pages(str(srcdir), suffixes, chosen_exclusions(excludes), folders)
    if twins is not None:
        twins += project.twins
    if links is not None:
        links += [*project.folder_links, *project.broken_links]
    return {docname: Path(project.doc2path(docname, absolute=True)) for docname in docnames}


def pages_inside(paths: Mapping[str, Path], srcdir: Path) -> tuple[dict[str, Path], list[str]]:
    """The pages a build reads (no link to a file outside the source folder, no named pipe:
    safety's rules), and a ``file:1: message`` line for each one it does not."""
    from safety.paths import not_a_file, page_outside
    from safety.problems import WARNING_TYPE as SECURITY, Kind as Refused

    inside, lines, folders = {}, [], {}
    for docname, path in paths.items():
        if why := page_outside(path, srcdir, folders):
            lines.append(f"{display_path(path)}:1: {why} [{SECURITY}.{Refused.FILE_OUTSIDE.value}]")
        elif why := not_a_file(path):
            lines.append(f"{display_path(path)}:1: {why} [{SECURITY}.{Refused.NOT_A_FILE.value}]")
        else:
            inside[docname] = path
    return inside, lines


def read_pages(paths: Mapping[str, Path], srcdir: Path | None = None) -> dict[str, Page]:
    """Read the front matter of every page (the extension's own reader): Jekyll's posts
    dated, a GitBook folder in its ``SUMMARY.md``'s order, an old site's menu order."""
    from gitbook_compat.summary import reading_order
    from jekyll_compat import defaults_of, menu_places, post_at, post_settings, posts

    from . import file_under
    from .frontmatter import in_menu_order, in_summary_order

    if srcdir is None:
        return {docname: read_page(docname, path) for docname, path in paths.items()}
    site = post_settings(srcdir) if any(posts.POSTS in Path(path).parts for path in paths.values()) \
        else None
    given = defaults_of(srcdir)
    pages = in_summary_order(
        {docname: read_page(docname, path, post_at(srcdir, path, site) if site else None,
                            given(path), file=file_under(path, srcdir))
         for docname, path in paths.items()}, reading_order(srcdir))
    if not (srcdir / "_config.yml").is_file():
        pages = {docname: unpublished_draft(page, paths[docname]) for docname, page in pages.items()}
    else:  # gaphor.org's es/discuss.md is Spanish by its folder (polyglot's lang_from_path)
        pages = {docname: page if page.language else given_language(page, srcdir, paths[docname])
                 for docname, page in pages.items()}
    return in_menu_order(pages, *(menu_places(srcdir, paths) if (srcdir / "_data").is_dir()
                                  else ({}, {})))


def given_language(page: Page, srcdir: Path, path: Path) -> Page:
    """A page without ``lang:`` in the language the old site's ``_config.yml`` gives it
    (``jekyll_compat.language_given``), so its folder's generated landing is titled in it."""
    from jekyll_compat import language_given

    value = language_given(srcdir, path)
    if not isinstance(value, str) or not 1 < len(value.strip()) <= 35:
        return page
    return dataclasses.replace(page, language=value.strip().lower().replace("_", "-"))


def unpublished_draft(page: Page, path: Path) -> Page:
    """A Hugo or Docusaurus page with ``draft: true``, which its site left out of what it
    published, is left out too, as ``published: false`` is (it was published, and its
    ``draft`` said to be data no edition shows). Not on a Jekyll site: Jekyll published it."""
    if page.published and pagesource.read(path).data.get("draft") is True:
        return dataclasses.replace(page, published=False)
    return page


def is_suppressed(problem: Problem, suppress_warnings: Iterable[str]) -> bool:
    """True when ``conf.py`` silences this kind, by Sphinx's own rule (``position.*`` too)."""
    from sphinx.util.logging import is_suppressed_warning

    return is_suppressed_warning(WARNING_TYPE, problem.kind.value, list(suppress_warnings))


def format_problem(path: Path, problem: Problem) -> str:
    """One line an editor can jump to: ``file:line: message [position.subtype]``."""
    return f"{path}:{problem.line}: {problem.message} [{WARNING_TYPE}.{problem.kind.value}]"


def problems_of(outline: Outline, settings: Settings) -> list[tuple[str, Problem]]:
    """The outline's problems that a build would show, in file then line order."""
    found = [(d, p) for d, p in outline.problems if not is_suppressed(p, settings.suppress_warnings)]
    return sorted(found, key=lambda item: (item[0], item[1].line, item[1].message))


def root_page(pages: Mapping[str, Page], root_doc: str, named: str | None = None) -> str:
    """The root page a build uses: ``root_doc``, else the page the folder names as its home
    (``named``: GitBook's ``README.md``), else the first top-level page."""
    if root_doc in pages:
        return root_doc
    if named in pages:
        return named
    return first_page(pages) or root_doc


def display_path(path: Path) -> Path:
    """The path relative to the current folder when it is inside it (shorter, clickable)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def check(srcdir: Path, confdir: Path) -> tuple[list[str], int]:
    """Check ``srcdir``: (the lines to print, the number of pages checked)."""
    from safety.names import shown, underscore_message, unfound_problem
    from safety.problems import WARNING_TYPE as SECURITY, Kind as Refused
    from safety.project import BrokenLink, broken_link_problem, folder_link_problem, twin_problem

    settings = load_settings(confdir)
    unfound: list[str] = []
    twins: list[Any] = []
    links: list[Any] = []
    underscored: list[str] = []
    paths, outside = pages_inside(find_pages(srcdir, settings, unfound, twins, links, underscored),
                                  srcdir)
    pages = read_pages(paths, srcdir)
    from gitbook_compat.summary import home

    root = root_page(pages, settings.root_doc, home(srcdir))
    from . import landing_file, summary_groups

    outline = build_outline(pages, root, summary_groups(srcdir), landing_file(srcdir))
    lines = [f"note: {note}" for note in settings.notes]
    lines += [f"note: {display_path(srcdir / shown(path))}:1: {underscore_message(shown(path))}"
              for path in underscored]
    if root != settings.root_doc:
        lines.append(f"note: no {settings.root_doc} page: '{root}' is the landing page, as in a build")
    elif root not in pages:
        lines.append(f"note: no {settings.root_doc} page, and every top-level page redirects or is "
                     "unpublished: a build generates a contents page listing the sections")
    lines += outside
    lines += [f"{display_path(srcdir / twin.path)}:1: {twin_problem(twin)} "
              f"[{SECURITY}.{Refused.SAME_PAGE.value}]" for twin in twins]
    lines += [f"{display_path(srcdir / link.path)}:1: {broken_link_problem(link)} "
              f"[{SECURITY}.{Refused.BROKEN_LINK.value}]" if isinstance(link, BrokenLink) else
              f"{display_path(srcdir / link.path)}:1: {folder_link_problem(link)} "
              f"[{SECURITY}.{(Refused.FOLDER_LOOP if link.loop else Refused.FILE_OUTSIDE).value}]"
              for link in links]
    lines += [f"{display_path(srcdir / shown(path))}:1: {unfound_problem(str(srcdir), path, settings.suffixes)} "
              f"[{SECURITY}.{Refused.PAGE_NAME.value}]" for path in unfound]
    for docname, problem in problems_of(outline, settings):
        lines.append(format_problem(display_path(paths[docname]), problem))
    lines += gitbook_problems(srcdir, paths, settings)
    return lines, len(paths)


def gitbook_problems(srcdir: Path, paths: Mapping[str, Path], settings: Settings) -> list[str]:
    """A GitBook folder's table of contents' problems, as a build says them (``gitbook.*``)."""
    from gitbook_compat import WARNING_TYPE as GITBOOK
    from gitbook_compat.summary import reading_order, unlisted

    order = reading_order(srcdir)
    if order is None:
        return []
    from . import file_under

    files = [file for path in paths.values() if (file := file_under(path, srcdir))]
    return [f"{display_path(srcdir / problem.file)}:{problem.line}: {problem.message} "
            f"[{GITBOOK}.{problem.kind.value}]"
            for problem in (*order.problems, *unlisted(order, srcdir, files))
            if GITBOOK not in settings.suppress_warnings
            and f"{GITBOOK}.{problem.kind.value}" not in settings.suppress_warnings]


def main(argv: list[str] | None = None) -> int:
    """Command line: print every problem, exit 1 if there is any."""
    parser = argparse.ArgumentParser(prog="python -m pageorder.check", description=__doc__.split("\n")[0])
    parser.add_argument("srcdir", nargs="?", default="source", type=Path, help="the folder of pages")
    parser.add_argument("-c", "--confdir", default=".", type=Path, help="the folder with conf.py")
    args = parser.parse_args(argv)
    if not args.srcdir.is_dir():
        print(f"{args.srcdir}: no such folder of pages", file=sys.stderr)
        return 2
    lines, count = check(args.srcdir.resolve(), args.confdir.resolve())
    if count == 0:
        print(f"{args.srcdir}: no pages found (Markdown files with a suffix from conf.py)", file=sys.stderr)
        return 1
    problems = [line for line in lines if not line.startswith("note: ")]
    for line in lines:
        print(line, file=sys.stderr if line.startswith("note: ") else sys.stdout)
    if problems:
        print(f"{len(problems)} problem(s) in {count} page(s)", file=sys.stderr)
        return 1
    print(f"{count} page(s) checked, no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

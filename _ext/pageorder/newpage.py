"""Create a page with front matter and the next free position: ``make page TITLE="..."``.

City staff should not have to work out a file name or a position by hand. The new page
goes at the end of its section: its position is one more than the largest position
beside it, found with the extension's own outline (``build_outline``), so the page lands
exactly where a build will put it. An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from .check import find_pages, load_settings, read_pages
from .frontmatter import Page
from .outline import build_outline

BODY = """\
Write the page here, in Markdown. Preview it with `make serve`, check it with `make check`.

% Lines starting with % are notes to yourself: they are not published.
% A picture needs a description for readers who cannot see it, e.g.
% ![Two city staff test an air-quality sensor on a lamp post](images/sensor.jpg)
"""

JEKYLL_BODY = """\
Write the page here, in Markdown. Preview it with `make serve`, check it with `make check`.

<!--
Lines between these marks are notes to yourself: they are not published.
A picture needs a description for readers who cannot see it, e.g.
![Two city staff test an air-quality sensor on a lamp post](images/sensor.jpg)
-->
"""
"""The same, on an old Jekyll site: kramdown has no ``%`` comment, so a line opening with
one is words there (``jekyll_compat.kramdown``) and the notes were published."""


class PageError(Exception):
    """Why a page was not created, in words for the person who asked for it."""


SLUG_LIMIT = 80
"""A new page's file name's longest (without ``.md``): a 300-character title's whole slug was
past the 255 bytes a file name holds, and ``make page`` stopped with "File name too long"."""


def slugify(title: str) -> str:
    """A file name from a title: ``Bike lanes & safety`` becomes ``bike-lanes-safety``; a long
    title's first words up to :data:`SLUG_LIMIT` characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_LIMIT:
        cut = slug[:SLUG_LIMIT + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_LIMIT]
    return slug or "page"


def clean_section(section: str) -> str:
    """``/mobility/`` and ``mobility`` are the same section; ``..`` is refused."""
    parts = [p for p in section.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        raise PageError(f"SECTION={section!r} leaves the folder of pages; name a folder inside it")
    return "/".join(parts)


def landing_of(section: str, pages: Mapping[str, Page], root: str) -> str | None:
    """The landing page of ``section`` (``section/index`` or Jekyll's ``section``), if any."""
    if not section:
        return root
    return next((d for d in (f"{section}/index", section) if d in pages), None)


def next_position(section: str, pages: Mapping[str, Page], root: str) -> int:
    """One more than the largest position listed in ``section`` (1 in an empty one)."""
    outline = build_outline(pages, root)
    known = {**pages, **outline.generated}  # a folder without a landing page is listed by one
    landing = landing_of(section, pages, root)
    if landing is not None:
        members = outline.children.get(landing, ())
    else:  # a folder without a landing page yet: its own pages are the neighbours
        members = tuple(d for d in pages if d.rpartition("/")[0] == section)
    positions = [known[d].position for d in members if d in known and known[d].position is not None]
    return max(positions, default=0) + 1


def front_matter(title: str, position: int) -> str:
    """YAML front matter with the title quoted safely, whatever it contains."""
    data = yaml.safe_dump({"title": title, "position": position}, allow_unicode=True,
                          sort_keys=False, width=1000)
    return f"---\n{data}---\n\n"


_NOT_TEXT = re.compile("[\ud800-\udfff]")
"""What a byte of a command line that is not UTF-8 becomes in Python (``surrogateescape``):
``TITLE=Caf\xe9`` from a Latin-1 terminal was written as the title ``"Caf\\uDCE9"``."""


def create_page(srcdir: Path, confdir: Path, title: str, section: str = "") -> tuple[Path, int]:
    """Write the new page; return its path and position. Raises :class:`PageError`."""
    title = " ".join(title.split())
    if not title:
        raise PageError('give the page a title: make page TITLE="Bike lanes" [SECTION=folder]')
    for name, value in (("TITLE", title), ("SECTION", section)):
        if _NOT_TEXT.search(value):
            raise PageError(f"{name}={value.encode('utf-8', 'surrogateescape')!r} is not UTF-8 "
                            "text (the terminal sent another encoding), so its letters would be "
                            "lost; set your terminal to UTF-8, or type them again")
    section = clean_section(section)
    inside = Path(os.path.realpath(srcdir))
    folder = Path(os.path.realpath(srcdir / section))
    if folder != inside and inside not in folder.parents:
        raise PageError(f"SECTION={section!r} is a link to {folder}, outside the folder of pages: "
                        "the page would be written there, and no edition reads it; name a folder "
                        "inside it")
    settings = load_settings(confdir)
    files = find_pages(srcdir, settings)
    pages = read_pages(files)
    hidden = _never_published(section, srcdir, files.values())
    if hidden:
        raise PageError(f"SECTION={section!r}: a folder whose name starts with '_' or '.' is never "
                        "published, so a page in it would be in no edition; name a section "
                        f"without it: SECTION={hidden}")
    if section and not (srcdir / section).is_dir() and landing_of(section, pages, settings.root_doc) is None:
        sections = sorted({d.rpartition("/")[0] for d in pages if "/" in d})
        raise PageError(f"there is no section '{section}' in {srcdir}. Sections: "
                        f"{', '.join(sections) or 'none yet'}. To start one, create its landing "
                        f"page first: make page TITLE=\"...\" then rename it to {section}.md")
    slug = slugify(title)
    docname = f"{section}/{slug}" if section else slug
    taken = [srcdir / f"{docname}{suffix}" for suffix in settings.suffixes]
    if docname in pages or any(path.exists() for path in taken):
        existing = next((p for p in taken if p.exists()), taken[0])
        raise PageError(f"{existing} already exists; it was not changed. Choose another title, "
                        "or edit that page")
    position = next_position(section, pages, settings.root_doc)
    path = srcdir / f"{docname}{settings.suffixes[0]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(front_matter(title, position) + (JEKYLL_BODY if (srcdir / "_config.yml").is_file() else BODY))
    return path, position


def _never_published(section: str, srcdir: Path, files: Iterable[Path]) -> str:
    """For a section no page of which is read (a folder part opening with ``_`` or ``.``:
    ``_private``, ``.git``), the name without those marks; else ``""``. Such a section's
    advice was to rename a landing to ``_private.md``, itself never read, and a folder of that
    name that was there got the new page, in no edition. A Jekyll site's collection read in
    place (``_projects``, whose pages are read) is a section."""
    parts = section.split("/") if section else []
    if not any(part.startswith(("_", ".")) for part in parts):
        return ""
    folder = srcdir / section
    if any(folder in Path(file).parents for file in files):
        return ""
    return "/".join(part.lstrip("_.") or "pages" for part in parts)


def main(argv: list[str] | None = None) -> int:
    """Command line; TITLE and SECTION may also come from the environment (``make page``)."""
    parser = argparse.ArgumentParser(prog="python -m pageorder.newpage", description=__doc__.split("\n")[0])
    parser.add_argument("srcdir", nargs="?", default="source", type=Path)
    parser.add_argument("-c", "--confdir", default=".", type=Path)
    parser.add_argument("--title", default=os.environ.get("TITLE", ""))
    parser.add_argument("--section", default=os.environ.get("SECTION", ""))
    args = parser.parse_args(argv)
    try:
        path, position = create_page(args.srcdir, args.confdir.resolve(), args.title, args.section)
    except (PageError, OSError) as err:
        print(f"make page: {err}", file=sys.stderr)
        return 1
    print(f"Created {path} (position {position}). Edit it, then `make serve` to preview it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

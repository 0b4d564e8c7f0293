"""Which page names the build can publish. Plain Python (no Sphinx).

A page whose name is a file the site generates (``search.md`` → ``search.html``,
``genindex``, ``404``, the ePub's ``nav``) would replace that file, or be replaced by it,
without a word; a name with ``:`` is read as an address of its own by the site's search
results (``javascript:alert(1).md``) and a name with bidirectional controls reads as another
name; a name too long for the file system (a component of more than 240 bytes:
the doctree cache adds ``.doctree`` to it) stops the build with an ``OSError``. Both are
refused before the page is read. A file Sphinx never finds as a page (a line break in its
name, a name not in composed Unicode, NFC) was left out without a word: :func:`unfound_pages`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pagesource.suffixes

RESERVED = {
    "search": "the site's search page (search.html)",
    "genindex": "the site's index page (genindex.html)",
    "py-modindex": "Sphinx's module index (py-modindex.html)",
    "404": "the site's page for missing addresses (404.html)",
    "nav": "the ePub's table of contents (nav.xhtml)",
}
RESERVED_FOLDERS = {
    "editions": "the folder of the frozen releases and the books (editions/)",
    "changes": "the folder of the What changed pages (changes/)",
    "cite": "the folder of the citation files (cite/)",
}
"""Top folders the site writes itself: ``editions/1.0.0/index.md`` was published at the
permanent address of release 1.0.0, before the release, and replaced by it after."""
MAX_COMPONENT_BYTES = 240
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def problem(docname: str) -> str | None:
    """Why a page named ``docname`` (no suffix, ``/`` between folders) cannot be published."""
    if docname in RESERVED:
        return (f"the page '{docname}' would replace {RESERVED[docname]}, or be replaced by it; "
                "give the file another name")
    if "/" in docname and (folder := docname.split("/", 1)[0]) in RESERVED_FOLDERS:
        return (f"the page is in {RESERVED_FOLDERS[folder]}, which the site writes itself: it "
                f"would be taken for one of those files, or replaced by one; rename the folder "
                f"'{folder}'")
    if _CONTROL.search(docname):
        return "the file name has control characters; rename the file"
    if ":" in docname:
        return ("the file name has a ':', so a link to the page would be read as an address of "
                "its own (`javascript:…`, `mailto:…`), as the site's search results read it; "
                "rename the file without ':'")
    if _BIDI.search(docname):
        return ("the file name has characters that reverse how text is shown (it reads as "
                "another name than it is); rename the file")
    for part in docname.split("/"):
        if len(part.encode("utf-8", "surrogateescape")) > MAX_COMPONENT_BYTES:
            return (f"the name '{part[:40]}…' is {len(part.encode('utf-8', 'surrogateescape'))} "
                    f"bytes long; the build can write at most {MAX_COMPONENT_BYTES}: shorten it")
    return None


UNPORTABLE = frozenset('<>"|?*:\\')
"""Characters Windows and many web hosts (and zip tools on them) refuse in a file name."""


def unportable(name: str) -> list[str]:
    """The characters of ``name`` a site holding a file of that name could not be copied
    to Windows or many web hosts with, in order."""
    return sorted(set(name) & UNPORTABLE)


def portable(name: str) -> str:
    """``name`` with each run of characters :func:`unportable` finds, and of spaces, one ``-``."""
    return re.sub(r"-{2,}", "-", re.sub(r"[\s<>\"|?*:\\=()']+", "-", name)).strip("-") or "page"


def unportable_message(file: str, docname: str, said: set[str] | None = None) -> str | None:
    """What to say of a page whose file name, or a folder on whose path, holds
    :func:`unportable` characters (it is still published: its contents are escaped, only the
    names are at stake). A folder is said once: ``said`` keeps the folders already said."""
    parts = docname.split("/")
    folder = next(("/".join(parts[:i + 1]) for i, part in enumerate(parts[:-1]) if unportable(part)), None)
    if folder is not None and said is not None:
        if folder in said:
            folder = None
        else:
            said.add(folder)
    found = unportable(parts[-1])
    folder_said = ""
    if folder is not None:
        last = folder.rsplit("/", 1)[-1]
        listed = ", ".join(repr(c) for c in unportable(last))
        folder_said = (f"the folder '{folder}' holds {listed}, which Windows and many web hosts do "
                       f"not allow in a folder name: its pages are published in a folder of that "
                       f"name, so the site cannot be copied there; rename the folder without them "
                       f"(e.g. '{portable(last)}')")
    if not found:
        return folder_said or None
    base, _, suffix = file.rpartition("/")[2].rpartition(".")
    listed = ", ".join(repr(c) for c in found)
    return (f"the file name holds {listed}, which Windows and many web hosts do not allow in a "
            f"file name: its page is published as '{parts[-1]}.html', so the site "
            f"cannot be copied there; rename the file without them (e.g. '{portable(base)}.{suffix}')"
            + (f"; and {folder_said}" if folder_said else ""))


def unportable_file_message(reference: str, what: str) -> str | None:
    """What to say of a picture or download (``what``) named with :func:`unportable`
    characters (``a|b.png``): it is still copied and shown, but under that name, as a page
    of such a name is published (:func:`unportable_message`)."""
    from urllib.parse import unquote

    reference = unquote(reference)  # a page's picture is read as ``a%7Cb.png``
    parts = [part for part in reference.split("#", 1)[0].split("/") if part not in ("", ".", "..")]
    bad = [part for part in parts if unportable(part)]
    if not bad:
        return None
    listed = ", ".join(repr(c) for c in unportable("".join(bad)))
    named = "its file name" if bad == parts[-1:] else f"the folder '{bad[0]}' on its path"
    stem, dot, suffix = bad[0].rpartition(".")
    renamed = f"{portable(stem)}.{portable(suffix)}" if dot and stem and bad[0] == parts[-1] else portable(bad[0])
    return (f"the {what} {reference[:80]!r} is published under its name, and {named} holds "
            f"{listed}, which Windows and many web hosts do not allow in a file name, so the site "
            f"cannot be copied there; rename it without them (e.g. '{renamed}') and change the "
            "link to it")


def shown(path: str) -> str:
    """A file name as one line of a warning: a line break is written ``\\n``."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], path)


def unfound_pages(srcdir: str, suffixes: Iterable[str], included: Callable[[str], bool],
                  excluded: Callable[[str], bool], collections: Iterable[str] = ()) -> list[str]:
    """Page files Sphinx's search never finds, as paths from ``srcdir``: a name with a line
    break (its patterns' ``.`` stops there) and a name whose Unicode is not in composed form
    (``cafe`` + U+0301: Sphinx looks for the composed name, another file or none).

    ``included`` and ``excluded`` are the build's patterns, as Sphinx applies them (an
    excluded folder is not entered); they judge a name with each line break read as a
    space, so a file in a folder the build leaves out is not said. In a published Jekyll
    collection (``collections``: its folders) a path is judged from the folder, as
    :class:`jekyll_compat.inplace.CollectionsProject` finds its documents."""
    suffixes, collections = tuple(suffixes), tuple(collections)

    def judged(path: str) -> str:
        plain = path.replace("\n", " ")
        return next((plain[len(f) + 1:] for f in collections if plain.startswith(f + "/")), plain)

    def entered(folder: str) -> bool:
        return any(f == folder or f.startswith(folder + "/") for f in collections) or not excluded(
            judged(folder))

    found = []
    for folder, dirs, files in os.walk(srcdir):
        base = os.path.relpath(folder, srcdir)
        base = "" if base == "." else base.replace(os.sep, "/") + "/"
        dirs[:] = sorted(d for d in dirs if entered(base + d))
        for name in sorted(files):
            path = base + name
            if (name.endswith(suffixes) and unfindable(path) or other_suffix(name, suffixes)
                    or text_page(os.path.join(folder, name))) \
                    and included(judged(path)) and not excluded(judged(path)):
                found.append(path)
    return found


SECTION_LANDING = "_index.md"
"""Hugo's section landing page: its folder's landing (``pageorder``), although its name starts
with ``_``, where no ``index`` page is beside it and the folder is no Jekyll site's."""


def own_exclusions(exclude_paths: Iterable[str]) -> Any:
    """The publisher's own patterns: not those that leave out every ``_`` name (``_*``)."""
    from sphinx.util.matching import Matcher

    return Matcher([p for p in exclude_paths if not Matcher([p])("_b") and not Matcher([p])("a/_b")])


def is_section_landing(srcdir: str | os.PathLike[str], name: str, own: Callable[[str], bool],
                       page_suffixes: Iterable[str]) -> bool:
    """Whether ``name`` (from ``srcdir``) is Hugo's ``_index.md`` that lands its folder: no
    ``index`` page beside it, the folder no ``_`` or ``.`` folder, the pages no Jekyll site
    (Jekyll never published a ``_`` file), and the publisher did not leave it out."""
    folder, _, base = name.rpartition("/")
    root = Path(srcdir)
    return (base == SECTION_LANDING and not own(name) and (root / name).is_file()
            and not any(part.startswith(("_", ".")) for part in folder.split("/") if part)
            and not (root / "_config.yml").is_file()
            and not any((root / folder / f"index{suffix}").is_file() for suffix in page_suffixes))


def underscore_pages(srcdir: str, suffixes: Iterable[str], chosen: Callable[[str], bool],
                     collections: Iterable[str] = ()) -> list[str]:
    """Page files whose own name starts with ``_`` (``_draft.md``, ``projects/_old.md``),
    as paths from ``srcdir``: Sphinx and Jekyll never read one, and staff looked for their
    page without a word of why. ``_``-folders are :mod:`jekyll_compat.leftout`'s, except the
    published ``collections`` the build reads; ``chosen`` says what the publisher left out
    on purpose (``exclude_patterns`` without those that leave out every ``_`` name)."""
    suffixes, collections = tuple(suffixes), tuple(collections)

    def entered(folder: str) -> bool:
        name = folder.rsplit("/", 1)[-1]
        if any(f == folder or f.startswith(folder + "/") for f in collections):
            return True
        return not name.startswith(("_", ".")) and not chosen(folder)

    found = []
    for folder, dirs, files in os.walk(srcdir):
        base = os.path.relpath(folder, srcdir)
        base = "" if base == "." else base.replace(os.sep, "/") + "/"
        dirs[:] = sorted(d for d in dirs if entered(base + d)
                         and not os.path.islink(os.path.join(folder, d)))
        found += [base + name for name in sorted(files)
                  if name.startswith("_") and name.endswith(suffixes) and not chosen(base + name)
                  and not is_section_landing(srcdir, base + name, chosen, suffixes)]
    return found


def underscore_message(path: str) -> str:
    """Why a ``_`` page is missing, and how to publish it."""
    name = path.rsplit("/", 1)[-1]
    return (f"'{path}' is not published: a page whose file name starts with '_' is never read "
            f"(nor did Jekyll publish one); rename it '{name.lstrip('_') or 'page.md'}' to publish it")


def other_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    """A Markdown page's suffix the build does not read (``.mD``, ``.mdown``), else None: such
    a page was left out without a word (:func:`pagesource.suffixes.unread_suffix`)."""
    return pagesource.suffixes.unread_suffix(name, suffixes)


TEXT_SUFFIXES = (".txt", ".text")


def text_page(path: str) -> bool:
    """A page saved as text (``notes.txt``, ``notes.md.txt`` where Windows hides ``.txt``):
    its front matter gives a ``title`` or ``position``, so it was written as a page, and it
    was left out without a word. A ``robots.txt`` with Jekyll front matter is none; a named
    pipe is never opened (it would hang the build)."""
    if not path.lower().endswith(TEXT_SUFFIXES) or os.path.islink(path) or not os.path.isfile(path):
        return False
    if not pagesource.suffixes.starts_with_front_matter(path):
        return False
    try:
        data = pagesource.read(path).data
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and ("title" in data or "position" in data)


def unfindable(path: str) -> bool:
    """A page file's path (from the source folder) Sphinx never finds: a line break in it,
    or a name Unicode's composed form (NFC, which Sphinx reads names in) writes otherwise."""
    return "\n" in path or unicodedata.normalize("NFC", path) != path


def unfound_problem(srcdir: str, path: str,
                    suffixes: tuple[str, ...] = pagesource.suffixes.JEKYLL) -> str:
    """Why the page file at ``path`` (from the source folder) is not built, and what to do."""
    name = path.rsplit("/", 1)[-1]
    if suffix := other_suffix(name, suffixes) or next(
            (name[-len(s):] for s in TEXT_SUFFIXES if name.lower().endswith(s)), None):
        renamed = shown(path)[:-len(suffix)]
        renamed = renamed if renamed.lower().endswith(tuple(suffixes)) else renamed + ".md"
        read = tuple(dict.fromkeys(s.lower() for s in suffixes))
        return (f"the page '{shown(path)}' is not read: pages end in "
                f"{pagesource.suffixes.described(read)}, not '{suffix}', so it is in no edition; "
                f"rename it '{renamed}'")
    if "\n" in path:
        return (f"the file name '{shown(path)}' has a line break, so the build cannot find the "
                "page and it is not built; rename the file without it")
    composed = unicodedata.normalize("NFC", path)
    if os.path.lexists(os.path.join(srcdir, composed)):
        return (f"the file name '{path}' is another file's name, '{composed}', in another Unicode "
                "form (as some Mac tools save 'é': 'e' and an accent, NFD): the build reads only "
                "the other file, and a Mac takes the two for one; keep one of them")
    return (f"the file name '{path}' is not in the composed Unicode form (NFC) the build reads "
            "names in (as some Mac tools save 'é': 'e' and an accent, NFD), so the build cannot "
            f"find the page and it is not built; rename the file '{composed}'")


@dataclass(frozen=True)
class CaseClash:
    """Two page files, or two folders of pages, whose names differ only in case."""

    docname: str  # the page the warning is said at (the later name, in code-point order)
    other: str    # a page under the name it clashes with
    name: str     # the page's name or folder, as written ("about", "team/")
    other_name: str


def case_clashes(docnames: Iterable[str]) -> list[CaseClash]:
    """Pages and folders whose names differ only in case (``About.md`` and ``about.md``,
    ``Team/`` and ``team/``): a host or zip reader that does not tell case apart (macOS,
    Windows, many web servers) keeps one file, or one folder, for both. Each pair once, said
    at the first page under the later name; a folder's clash before its pages'. Case as
    those hosts tell it (``lower``, letter by letter), not ``casefold``: ``ﬁle`` and
    ``file``, ``Straße`` and ``STRASSE`` are two files on every one of them."""
    first: dict[str, tuple[str, str]] = {}  # lower-cased output name -> (as written, a docname)
    said: set[str] = set()
    clashes = []
    for docname in sorted(docnames):
        parts = docname.split("/")
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth]) + ("/" if depth < len(parts) else "")
            written, other = first.setdefault(name.lower(), (name, docname))
            if written != name:
                if name not in said:
                    said.add(name)
                    clashes.append(CaseClash(docname, other, name, written))
                break
    return clashes

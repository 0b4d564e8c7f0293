"""When only the navigation changed, swap the new sidebar into a page's previous HTML.

Moving one page changes the sidebar of every page (and the prev/next links of a few),
so ``pageorder`` rewrites every page: each one unpickled, resolved, translated and put
through Furo's templates again, although only its sidebar differs. Here a page is
instead patched in place (its previous file read, the old sidebar replaced by the new
one, both from :class:`~fastnav.template.NavTemplate`) when all of this holds, and is
rendered normally otherwise:

- the build is an incremental ``html`` build with fastnav on, on Furo, in UTF-8;
- no page title, or the language it is in, changed and no page came or went (a title
  can show on any page);
- the page's parents, previous and next page are the ones it had (the footer links,
  ``<link rel>`` and anything else drawn from them stay as they are), and so are the
  pages its toctree lists, to any depth (a landing page's contents in its body);
- the page is not the root page (it lists every page, and is always rendered);
- Sphinx does not write the page anyway (changed source, template, configuration...);
- the page was not read again since the last HTML build wrote it: the environment's
  record of the read (``env.all_docs``) is the one saved then (no file times);
- the file holds, exactly once, the sidebar the previous build gave that page.

The previous build's sidebar (for the root page, as the template is cut from) is kept
in the doctree folder with the output folder it was written to and the read record of
every page. A patched page is replaced in one rename (never written in place), so a
killed build leaves no half page and a hard-linked previous edition keeps its bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

import changes
from publication.atomic import write_atomically

from . import saved, shim
from .template import NavTemplate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

_SNAPSHOT = "fastnav.snapshot"  # a changes.KEYS memory, per builder


def applies(app: Sphinx) -> bool:
    """This build could patch pages: the HTML builder, fastnav on, Furo's sidebar."""
    builder = app.builder
    if (builder is None or builder.name != "html" or not app.config.fastnav_enabled
            or os.linesep != "\n"
            or (app.config.html_output_encoding or "").lower().replace("-", "") != "utf8"):
        return False
    try:
        import furo
    except ImportError:
        return False
    return hasattr(getattr(furo, "_compute_navigation_tree", None), "furo_original")


def snapshot(env: BuildEnvironment) -> dict[str, Any]:
    """What a page takes from other pages besides the sidebar: relations and titles."""
    relations = env.collect_relations()
    related = {}
    for docname, (parent, prev, next_) in relations.items():
        parents, walk, seen = [], parent, set()
        while walk is not None and walk not in seen:
            seen.add(walk)
            parents.append(walk)
            walk = relations.get(walk, (None,))[0]
        related[docname] = (tuple(parents), prev, next_, _tree(env.toctree_includes, docname))
    # a title is said in its page's language (languages.PageLanguages): a page's footer
    # and a landing's list say it too, so a new language is a new title
    languages = getattr(env, "page_languages", {})
    titles = {docname: node.pformat() + (languages[docname].tag if docname in languages else "")
              for docname, node in env.titles.items()}
    return {"related": related, "titles": titles}


def _tree(includes: dict[str, list[str]], docname: str, seen: frozenset = frozenset()) -> tuple:
    """The pages a page's own toctrees list, with theirs, in order (a landing page's body)."""
    if docname in seen:
        return ()
    seen = seen | {docname}
    return tuple((child, _tree(includes, child, seen)) for child in includes.get(docname, ()))


def take_snapshot(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated`` (before pageorder): remember the old snapshot, store the new."""
    if applies(app):
        shim.state_of(app.builder).snapshot_before = changes.remember(
            env, _SNAPSHOT, snapshot(env), builder=app.builder.name)
    return []


def navigation_only(app: Sphinx, env: BuildEnvironment, docnames: set[str]) -> set[str]:
    """Of ``docnames`` (whose navigation changed), those this module will patch.

    Answers pageorder's ``pageorder-navigation-changed`` event, so Sphinx is not asked
    to rewrite them. Pages in the answer that cannot be patched after all are rendered
    normally (see :func:`wrap_write`).
    """
    builder = app.builder
    state = shim.state_of(builder)
    before = state.snapshot_before
    now = changes.recall(env, _SNAPSHOT, builder=getattr(builder, "name", None))
    if (not applies(app) or before is None or now is None or before["titles"] != now["titles"]
            or app.config.numfig or any(env.toc_secnumbers.values())):
        return set()
    related, related_before = now["related"], before["related"]
    taken = {docname for docname in docnames
             if docname in related and related_before.get(docname) == related[docname]
             and docname != app.config.root_doc}
    # (the root page is always rendered: pageorder returns at least one page, so Sphinx
    # saves the environment with the new navigation and snapshot)
    state.taken = taken
    return taken


def _load_sidebar(builder: Any) -> tuple[NavTemplate | None, dict[str, Any]]:
    """The previous build's template and read record, if written to this output folder."""
    found = saved.load(builder)
    if not found:
        return None, {}
    root_uri = builder.get_target_uri(builder.config.root_doc)
    return (NavTemplate.parse(saved.part(found, "sidebar", str), root_uri,
                              hrefs=shim.state_of(builder).hrefs),
            saved.part(found, "read", dict))


def _find_once(data: bytes, sidebar: bytes) -> int | None:
    """Where ``sidebar`` is in ``data`` if it is there exactly once (found by its start)."""
    start = sidebar[:200]
    at = data.find(start)
    if at >= 0 and data[at:at + len(sidebar)] == sidebar \
            and data.find(start, at + len(sidebar)) < 0:
        return at
    # its start is elsewhere too (or it is missing): the slow, plain count
    at = data.find(sidebar)
    return at if at >= 0 and data.find(sidebar, at + len(sidebar)) < 0 else None


def _patchable(builder: Any, docnames: set[str], old: NavTemplate | None,
               read: dict[str, Any]) -> dict[str, tuple[bytes, int]]:
    """The pages whose file can be patched, with the old sidebar each holds and where."""
    found: dict[str, tuple[bytes, int]] = {}
    if old is None:
        return found
    all_docs = builder.env.all_docs
    for docname in sorted(docnames):
        if docname not in all_docs or read.get(docname) != all_docs[docname]:
            continue
        try:
            data = Path(builder.get_outfilename(docname)).read_bytes()
        except OSError:
            continue
        expected = old.render_bytes(builder.get_target_uri(docname))
        at = _find_once(data, expected)
        if at is not None:
            found[docname] = (expected, at)
    return found


def wrap_write(app: Sphinx) -> None:
    """``builder-inited``: route the promised pages through :func:`write`."""
    builder = app.builder
    if not applies(app) or getattr(builder.write, "fastnav", False):
        return
    original = builder.write

    def write_with_patches(build_docnames: Any, updated_docnames: Any,
                           method: str = "update") -> None:
        state = shim.state_of(builder)
        taken, state.taken = state.taken, set()
        if not taken:
            return original(build_docnames, updated_docnames, method)
        patch: dict[str, tuple[bytes, int]] = {}
        if method == "update" and build_docnames is not None and build_docnames != ["__all__"]:
            planned = set(build_docnames) | set(updated_docnames)
            patch = _patchable(builder, taken - planned, *_load_sidebar(builder))
        rest = taken - set(patch)
        logger.info("fastnav: %d page(s) get the new sidebar in place, %d are rewritten",
                    len(patch), len(rest))
        # (pageorder sets env.files_to_rebuild aside: the pages taken list what they listed)
        original(build_docnames, set(updated_docnames) | rest, method)
        if patch:
            _apply(app, patch)

    write_with_patches.fastnav = True  # type: ignore[attr-defined]
    builder.write = write_with_patches


def _apply(app: Sphinx, patch: dict[str, tuple[bytes, int]]) -> None:
    """Replace each page's old sidebar with the one this build renders."""
    builder = app.builder
    template = shim.template(builder, shim.furo_original())
    if template is None:  # the new sidebar is not one the template reproduces: render
        builder.write_documents(set(patch))
        return
    again = set()
    for docname, (old, at) in patch.items():
        path = Path(builder.get_outfilename(docname))
        data = path.read_bytes()
        if data[at:at + len(old)] != old:  # changed since it was checked: render it
            again.add(docname)
            continue
        new = template.render_bytes(builder.get_target_uri(docname))
        write_atomically(path, b"".join((data[:at], new, data[at + len(old):])), durable=False)
    if again:
        builder.write_documents(again)


def save_sidebar(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep this build's sidebar for the next build to recognise
    (and, with its key, to reuse: :mod:`fastnav.sidebarkey`)."""
    builder = app.builder
    state = shim.state_of(builder) if builder is not None else None
    if exception is not None or state is None or state.template is None or not applies(app):
        return
    data = {"sidebar": "".join(state.template.pieces),
            "read": {docname: builder.env.all_docs.get(docname)
                     for docname in sorted(builder.env.found_docs)}}
    if state.key is not None:
        data.update(key=state.key, digests=state.digests)
    saved.save(builder, data)

"""When only the navigation changed, swap the new sidebar into a page's previous HTML.

Moving one page changes the sidebar of every page (and the prev/next links of a few),
so ``pageorder`` rewrites every page: each one unpickled, resolved, translated and put
through Furo's templates again, although only its sidebar differs. Here a page is
instead patched in place (its previous file read, the old sidebar replaced by the new
one, both from :class:`~fastnav.template.NavTemplate`) when all of this holds, and is
rendered normally otherwise:

- the build is an incremental ``html`` build with fastnav on, on Furo, in UTF-8;
- no page title changed and no page came or went (a title can show on any page);
- the page's parents, previous and next page are the ones it had (the footer links,
  ``<link rel>`` and anything else drawn from them stay as they are), and so are the
  pages its toctree lists, to any depth (a landing page's contents in its body);
- the page is not the root page (it lists every page, and is always rendered);
- Sphinx does not write the page anyway (changed source, template, configuration...);
- its doctree is older than its HTML file (it was not re-read since it was written);
- the file holds, exactly once, the sidebar the previous build gave that page.

The previous build's sidebar (for the root page, as the template is cut from) is kept
in the doctree folder with the output folder it was written to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .template import NavTemplate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

_SNAPSHOT = "fastnav_snapshot"  # on the env, per builder: relations and titles written
_BEFORE = "_fastnav_snapshot_before"  # on the builder: the snapshot of the previous build
_TAKEN = "_fastnav_navigation_only"  # on the builder: pages promised a patch
_CACHE = "_fastnav_template"  # fastnav's template of this build (see __init__)


def _sidebar_file(builder: Any) -> Path:
    return Path(builder.doctreedir) / f"fastnav-sidebar-{builder.name}.json"


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
    titles = {docname: node.pformat() for docname, node in env.titles.items()}
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
        key = f"{_SNAPSHOT}_{app.builder.name}"
        setattr(app.builder, _BEFORE, getattr(env, key, None))
        setattr(env, key, snapshot(env))
    return []


def navigation_only(app: Sphinx, env: BuildEnvironment, docnames: set[str]) -> set[str]:
    """Of ``docnames`` (whose navigation changed), those this module will patch.

    Answers pageorder's ``pageorder-navigation-changed`` event, so Sphinx is not asked
    to rewrite them. Pages in the answer that cannot be patched after all are rendered
    normally (see :func:`wrap_write`).
    """
    builder = app.builder
    before = getattr(builder, _BEFORE, None)
    now = getattr(env, f"{_SNAPSHOT}_{getattr(builder, 'name', '')}", None)
    if (not applies(app) or before is None or now is None or before["titles"] != now["titles"]
            or app.config.numfig or any(env.toc_secnumbers.values())):
        return set()
    related, related_before = now["related"], before["related"]
    taken = {docname for docname in docnames
             if docname in related and related_before.get(docname) == related[docname]
             and docname != app.config.root_doc}
    # (the root page is always rendered: pageorder returns at least one page, so Sphinx
    # saves the environment with the new navigation and snapshot)
    setattr(builder, _TAKEN, taken)
    return taken


def _load_sidebar(builder: Any) -> NavTemplate | None:
    """The previous build's template, if it was written to this output folder."""
    try:
        saved = json.loads(_sidebar_file(builder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("outdir") != str(builder.outdir):
        return None
    root_uri = builder.get_target_uri(builder.config.root_doc)
    return NavTemplate.parse(saved.get("sidebar", ""), root_uri)


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


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


def _patchable(builder: Any, docnames: set[str],
               old: NavTemplate | None) -> dict[str, tuple[bytes, int]]:
    """The pages whose file can be patched, with the old sidebar each holds and where."""
    found: dict[str, tuple[bytes, int]] = {}
    if old is None:
        return found
    doctrees = Path(builder.doctreedir)
    for docname in sorted(docnames):
        html = Path(builder.get_outfilename(docname))
        written, read = _mtime(html), _mtime(doctrees / f"{docname}.doctree")
        if written is None or read is None or read > written:
            continue
        expected = old.render_bytes(builder.get_target_uri(docname))
        at = _find_once(html.read_bytes(), expected)
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
        taken: set[str] = builder.__dict__.pop(_TAKEN, set())
        if not taken:
            return original(build_docnames, updated_docnames, method)
        patch: dict[str, tuple[bytes, int]] = {}
        if method == "update" and build_docnames is not None and build_docnames != ["__all__"]:
            planned = set(build_docnames) | set(updated_docnames)
            patch = _patchable(builder, taken - planned, _load_sidebar(builder))
        rest = taken - set(patch)
        logger.info("fastnav: %d page(s) get the new sidebar in place, %d are rewritten",
                    len(patch), len(rest))
        # Sphinx also writes the pages whose toctree lists a written page, in case its title
        # changed: no title changed, and the pages taken list what they listed before.
        env = builder.env
        files_to_rebuild, env.files_to_rebuild = env.files_to_rebuild, {}
        try:
            original(build_docnames, set(updated_docnames) | rest, method)
        finally:
            env.files_to_rebuild = files_to_rebuild
        if patch:
            _apply(app, patch)

    write_with_patches.fastnav = True  # type: ignore[attr-defined]
    builder.write = write_with_patches


def _apply(app: Sphinx, patch: dict[str, tuple[bytes, int]]) -> None:
    """Replace each page's old sidebar with the one this build renders."""
    import furo

    from . import _template

    builder = app.builder
    template = _template(builder, furo._compute_navigation_tree.furo_original)
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
        path.write_bytes(b"".join((data[:at], new, data[at + len(old):])))
    if again:
        builder.write_documents(again)


def save_sidebar(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep this build's sidebar for the next build to recognise."""
    builder = app.builder
    template = getattr(builder, _CACHE, None)
    if exception is not None or template is None or not applies(app):
        return
    saved = {"outdir": str(builder.outdir), "sidebar": "".join(template.pieces)}
    _sidebar_file(builder).write_text(json.dumps(saved), encoding="utf-8")

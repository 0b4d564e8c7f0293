"""Pages no file gives: the root of a folder whose top-level pages all redirect or are
unpublished, and the landing of a folder that has none.

The City's old Jekyll site has no ``index.md`` and only redirecting landings at the top
(``projects.md`` + ``projects/``), so no page can become the landing page. Instead of
Sphinx's "unable to load the master document", a small page titled after the
publication is written beside the doctrees (never into the sources) and registered as
the root document; the outline then lists every section on it. A folder without a
landing page gets one the same way (``Outline.generated``), titled after the folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

FOLDER = "pageorder-root"


def root_text(title: str) -> str:
    """The generated page: only a title; the contents list is added like on any landing page."""
    return f"---\ntitle: {json.dumps(title or 'Contents')}\nposition: 0\n---\n"


def needed(app: Sphinx) -> bool:
    """True when the root document has no source file (``choose_root_doc`` found none to use)."""
    return app.config.root_doc not in app.env.found_docs


def register(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
             removed: set[str]) -> list[str]:
    """``env-get-outdated``: write the generated root and make it a document of this build."""
    docname = app.config.root_doc
    if not needed(app):
        return []
    if add_page(app, env, docname, root_text(app.config.project), added, changed, removed):
        why = ("every top-level page redirects or is unpublished"
               if any("/" not in name and name != docname for name in env.found_docs)
               else "every page is in a folder")  # US-RSE's pages/, fortran-lang's learn/
        logger.info("no page can be the landing page (%s): a contents page titled %r is generated",
                    why, app.config.project)
    return []


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
"""ASCII punctuation, which Markdown lets a backslash keep as written."""


def landing_text(title: str, position: int | None, language: str | None = None) -> str:
    """A generated section landing: its title and the place of the folder's first page. The
    title is text (a menu group's, a folder's), which MyST would read as Markdown: a group
    titled ``Fees `2024` *new*`` lost its marks, and HTML in it was said at a line of this
    generated file, in the build folder. ``language``: the landing of a language's folder
    (``es/``, titled "Español") is in that language."""
    written = json.dumps(_PUNCTUATION.sub(r"\\\1", title))
    return f"---\ntitle: {written}\n" + (
        f"position: {position}\n" if position is not None else "") + (
        f"lang: {json.dumps(language)}\n" if language else "") + "---\n"


def add_page(app: Sphinx, env: BuildEnvironment, docname: str, text: str, added: set[str],
             changed: set[str], removed: set[str]) -> bool:
    """Write ``text`` as the source of ``docname`` beside the doctrees and make it a document
    of this build (read again only when its text changed); False if Sphinx cannot take it."""
    path = Path(app.doctreedir) / FOLDER / f"{docname}.md"
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    project = env.project
    try:  # Sphinx's Project keeps docname <-> path maps; an absolute path is read as it is
        project._docname_to_path[docname] = path
        project._path_to_docname[path] = docname
    except AttributeError:  # a Sphinx whose Project changed: say what to do instead
        logger.warning("this Sphinx version cannot be given a generated page for %r: add it as a "
                       "page with a title", docname, type="position", subtype="no-landing")
        return False
    project.docnames.add(docname)
    removed.discard(docname)
    if docname not in env.all_docs:
        added.add(docname)
    elif old != text:
        changed.add(docname)
    return True

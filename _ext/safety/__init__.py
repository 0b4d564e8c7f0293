"""Sphinx extension: what a page may do, whoever wrote it.

A page comes from anyone who can open a pull request, so the build treats it as untrusted:
it reads no file outside the source folder (:mod:`.files`) and no link runs script
(:mod:`.links`, rules in :mod:`.urls`); titles are text (:mod:`.titles`). Each refusal is one
``file:line`` warning of type ``security`` (:class:`.problems.Kind`), so ``-W`` fails the
build. The rules themselves are plain Python (:mod:`.paths`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import files, links, titles

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def setup(app: Sphinx) -> dict[str, object]:
    files.setup(app)
    app.add_transform(links.RefuseScriptLinks)
    app.add_transform(titles.TitlesAreText)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

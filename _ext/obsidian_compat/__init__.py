"""Sphinx glue: an Obsidian vault's pages built as Obsidian showed them.

Staff write notes in Obsidian and drop the vault (or what "copy to folder" gave them) in:
``[[Curb Pilot]]`` links, ``![[picture.png]]`` pictures, ``> [!warning]`` callouts and
``%%comments%%`` reached readers as raw markup, without a warning. Here, at ``source-read``
(before GitBook's blocks and Liquid), each page that is Obsidian's (:func:`.vault.is_obsidian`)
is rewritten line for line (:mod:`.markup`), its problems said at their lines; a titled
callout's admonition is given its kind's colour by :class:`CalloutColours`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import markup, vault

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

logger = logging.getLogger(__name__)
WARNING_TYPE = "obsidian"
KEY = "obsidian_compat_callouts"
"""Where ``source-read`` leaves a page's titled callouts for :class:`CalloutColours`."""


def _vault_of(app: Sphinx) -> vault.Vault:
    """The pages' folder's files, listed once per build (kept on the builder)."""
    found = getattr(app.builder, "obsidian_vault", None)
    if found is None:
        found = vault.files_of(Path(app.srcdir))
        app.builder.obsidian_vault = found
    return found


def rewrite_obsidian_markup(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: an Obsidian page's links, pictures, callouts and comments as MyST."""
    text = source[0]
    app.env.current_document[KEY] = ()
    if "[[" not in text and "%%" not in text and "[!" not in text:
        return
    srcdir = Path(app.srcdir)
    path = Path(app.env.doc2path(docname))
    files = _vault_of(app)
    if not vault.is_obsidian(text, path, srcdir, files):
        return
    result = markup.rewrite(text, path.relative_to(srcdir).as_posix(), files)
    source[0] = result.text
    app.env.current_document[KEY] = result.callouts
    for problem in result.problems:
        logger.warning(problem.message, location=(docname, problem.line),
                       type=WARNING_TYPE, subtype=problem.kind.value)


class CalloutColours(SphinxTransform):
    """A titled callout (``> [!info] Opening hours``) is an ``admonition`` with its title;
    its kind's class gives it the colour Obsidian gave it, in every edition."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        found = dict(self.env.current_document.get(KEY) or ())
        if not found:
            return
        self.env.current_document[KEY] = ()
        for node in self.document.findall(nodes.admonition):
            if node.line in found:
                node["classes"].append(found.pop(node.line))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", rewrite_obsidian_markup, priority=390)  # before GitBook (400), Liquid (500)
    app.add_transform(CalloutColours)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

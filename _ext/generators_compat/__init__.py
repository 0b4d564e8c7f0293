"""Sphinx glue: pages written for other site generators (MkDocs, Hugo) built as they showed.

City staff copy pages from other cities' documentation sites: MkDocs' ``!!! note`` boxes
and ``=== "Tab"`` tabs, Hugo's ``{{% notice %}}`` and ``{{< figure >}}`` shortcodes and
``+++`` TOML front matter reached readers as raw marks (a box's second paragraph as code).
At ``source-read``, before Obsidian's, GitBook's and Liquid's rewrites, every page is
rewritten line for line by the Sphinx-free :mod:`.mkdocs`, :mod:`.hugo` and
:mod:`.docusaurus` (MDX's ``import`` lines and ``{/* comments */}`` left out); their problems
are said at their lines, as are a word processor's pasted bullets (:mod:`.wordlists`). Docusaurus' ``:::tip Title`` boxes are read by ``maths.switch``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from pagesource.fences import body_start

from . import docusaurus, hugo, mkdocs, pandoc, wordlists

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

logger = logging.getLogger(__name__)
WARNING_TYPE = "generators"


def _files_of(app: Sphinx, docname: str) -> hugo.Exists:
    """Whether a path a link on ``docname`` writes is a file of the pages' folder (``/x`` from
    its top, else from the page's folder); nothing outside it is looked at."""
    srcdir = Path(app.srcdir).resolve()
    folder = Path(app.env.doc2path(docname)).parent

    def exists(path: str) -> bool:
        file = (srcdir / path.lstrip("/")) if path.startswith("/") else folder / path
        try:
            file = file.resolve()
        except (OSError, RuntimeError):
            return False
        return file.is_relative_to(srcdir) and file.is_file()

    return exists


def rewrite_other_generators(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: Hugo's front matter and shortcodes, MkDocs' blocks, as MyST."""
    text = source[0]
    if text.startswith("+++") or "{{" in text:
        text = hugo.rewrite(text, _files_of(app, docname))
    start = body_start(text.split("\n"))
    text, problems = mkdocs.rewrite(text, start)
    text, mdx = docusaurus.rewrite(text, start)
    text, exported = pandoc.rewrite(text, start)
    text, pasted = wordlists.rewrite(text, start)
    problems = sorted((*problems, *mdx, *exported, *pasted), key=lambda problem: problem.line)
    source[0] = text
    for problem in problems:
        logger.warning(problem.message, location=(docname, problem.line),
                       type=WARNING_TYPE, subtype=problem.kind.value)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", rewrite_other_generators, priority=380)  # before Obsidian (390), Liquid (500)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""Each page's file name found once, not once per look-up.

Sphinx's ``Project.doc2path`` makes two ``pathlib`` paths per call, and a one-page rebuild
at 1,000 pages asks ~7,000 times (the whole-site scans of page order, redirects, old
addresses and safety, and Sphinx's own), ~25 ms. An answer is kept with the project's own
entry for the page (``_docname_to_path``) and given again only while that entry is still
the same object: a new discovery of the folder, ``restore`` or a page added by hand
(``pageorder.generated_root``) all put new entries, so the answer is always what Sphinx's
own code would give (``-D buildcache_docpaths=0`` for it).
"""

from __future__ import annotations

import weakref
from typing import Any

from sphinx.project import Project

_ANSWERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_MISSING = object()
enabled = True
"""Set from ``buildcache_docpaths`` when a build starts."""


def install(app: Any) -> None:
    """``builder-inited``: this build's setting; Sphinx's method wrapped once per process."""
    global enabled
    enabled = bool(app.config.buildcache_docpaths)
    if getattr(Project.doc2path, "buildcache", False):
        return
    sphinx_doc2path = Project.doc2path

    def doc2path(self: Project, docname: str, absolute: bool) -> Any:
        entries = getattr(self, "_docname_to_path", None)
        if not enabled or entries is None:
            return sphinx_doc2path(self, docname, absolute)
        answers = _ANSWERS.get(self)
        if answers is None:
            answers = _ANSWERS[self] = {}
        entry = entries.get(docname, _MISSING)
        kept = answers.get((docname, absolute))
        if kept is not None and kept[0] is entry:
            return kept[1]
        answer = sphinx_doc2path(self, docname, absolute)
        answers[docname, absolute] = (entry, answer)
        return answer

    doc2path.buildcache = True  # type: ignore[attr-defined]
    Project.doc2path = doc2path  # type: ignore[method-assign]

"""Keep the search index of a rebuild identical to that of a clean build.

When pages leave the build (deleted, or ``published: false``), Sphinx prunes them from
each word's page set but keeps the word with an empty set, so a rebuild's
``searchindex.js`` carries ``"word": []`` entries a clean build does not. We drop the
empty words after Sphinx has pruned and before it writes the index.

A page with no file in the source folder (the contents page ``pageorder`` generates
beside the doctrees) would be listed by its absolute path on the build machine: it is
listed by its page name instead, so no build folder leaks into the published site.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def drop_empty_search_terms(app: Sphinx) -> list:
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, docnames in mapping.items() if not docnames]:
                del mapping[word]
    return []  # html-collect-pages expects the pages to add: none


def drop_build_paths(app: Sphinx) -> list:
    indexer = getattr(app.builder, "indexer", None)
    filenames = getattr(indexer, "_filenames", None)
    if isinstance(filenames, dict):
        for docname, filename in filenames.items():
            if isinstance(filename, str) and PurePath(filename).is_absolute():
                filenames[docname] = docname + PurePath(filename).suffix
    return []

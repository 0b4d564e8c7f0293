"""A digest of everything Furo's sidebar is made from, so a rebuild can reuse the last one.

Rendering the sidebar once per build still resolves the whole global toctree and runs
Furo's BeautifulSoup pass, twice with the self-check (~0.8 s at 1,000 pages), although a
body edit changes none of it. The sidebar of the root page is made from:

- the root page's toctrees (its doctree: the generated outline is one of them);
- each page's table of contents (``env.tocs``: its title, sections and any toctree in
  them), its title, its ``tocdepth`` and the pages its toctrees list, and the section
  numbers of every page (``env.toc_secnumbers``, assigned across pages);
- the configuration, the builder's tags, the versions of Sphinx, docutils, Furo,
  BeautifulSoup and every extension.

A page's part changes only when it is read again, so its digest is kept with the read
record (``env.all_docs``) it was computed at and recomputed only after a new read. When
the key equals the one saved with the last build's sidebar, that sidebar is this build's.
"""

from __future__ import annotations

import hashlib
import json
import types
from typing import Any

from sphinx import addnodes

KEY_VERSION = "1"
"""Bumped whenever what the key covers changes."""


def page_digest(env: Any, docname: str, root_doc: str) -> str:
    """The digest of what one page gives the sidebar (read from the environment)."""
    parts = [docname,
             env.tocs[docname].pformat() if docname in env.tocs else "-",
             env.titles[docname].pformat() if docname in env.titles else "-",
             repr(env.metadata.get(docname, {}).get("tocdepth")),
             repr(env.toctree_includes.get(docname))]
    if docname == root_doc:
        doctree = env.get_doctree(docname)
        parts += [toctree.pformat() for toctree in doctree.findall(addnodes.toctree)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def page_digests(env: Any, root_doc: str, saved: dict[str, Any],
                 read: dict[str, Any]) -> dict[str, str]:
    """Every page's digest: the saved one while the page was not read again since."""
    out = {}
    for docname in sorted(env.found_docs):
        stamp = env.all_docs.get(docname)
        old = saved.get(docname)
        if stamp is not None and isinstance(old, str) and read.get(docname) == stamp:
            out[docname] = old
        else:
            out[docname] = page_digest(env, docname, root_doc)
    return out


def _plain(value: Any) -> Any:
    """``value`` as JSON data, stable between runs (order kept where it means something)."""
    if isinstance(value, dict):
        return [[_plain(k), _plain(v)] for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (type, types.FunctionType)):
        return f"{value.__module__}.{value.__qualname__}"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)  # an object without a stable form just makes the key never match


def versions(app: Any) -> dict[str, str]:
    """The versions of the code that renders the sidebar (taken when the builder starts)."""
    from importlib import metadata

    import docutils
    import furo
    import sphinx

    try:  # not bs4.__version__: importing BeautifulSoup costs ~0.1 s (fastnav.deferred)
        soup = metadata.version("beautifulsoup4")
    except metadata.PackageNotFoundError:
        soup = "?"
    found = {"sphinx": sphinx.__version__, "docutils": docutils.__version__,
             "furo": getattr(furo, "__version__", "?"), "bs4": soup,
             "key": KEY_VERSION}
    for name, extension in sorted(app.extensions.items()):
        found[f"extension {name}"] = str(getattr(extension, "version", "?"))
    return found


def sidebar_key(builder: Any, code_versions: dict[str, str], digests: dict[str, str]) -> str:
    """The key of this build's sidebar: equal keys, equal sidebars."""
    env, config = builder.env, builder.config
    data = {"versions": code_versions,
            "config": sorted((item.name, _plain(item.value)) for item in config),
            "tags": sorted(builder.tags), "builder": builder.name,
            "root": config.root_doc, "pages": sorted(digests.items()),
            "secnumbers": _plain(env.toc_secnumbers)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


"""The last build's sidebar, kept in the doctree folder for the next build.

One JSON file per builder (``fastnav-sidebar-<builder>.json``): the output folder it was
written to, the sidebar (Furo's HTML for the root page), every page's read record
(``env.all_docs``) and, when the sidebar may be reused, its key and the page digests it
was made from (:mod:`fastnav.sidebarkey`). navpatch finds the old sidebar in the pages
with it; the shim reuses it when nothing it is made from changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publication.atomic import write_atomically


def sidebar_file(builder: Any) -> Path:
    return Path(builder.doctreedir) / f"fastnav-sidebar-{builder.name}.json"


def load(builder: Any) -> dict[str, Any]:
    """What the last build into this output folder saved ({} if nothing usable)."""
    try:
        saved = json.loads(sidebar_file(builder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict) or saved.get("outdir") != str(builder.outdir):
        return {}
    return saved


def part(saved: dict[str, Any], name: str, kind: type) -> Any:
    """``saved[name]`` if it has the expected type, else an empty one."""
    value = saved.get(name)
    return value if isinstance(value, kind) else kind()


def save(builder: Any, data: dict[str, Any]) -> None:
    write_atomically(sidebar_file(builder), json.dumps({"outdir": str(builder.outdir), **data})
                     .encode("utf-8"), durable=False)

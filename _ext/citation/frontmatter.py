"""Read a page's front matter, only what redirects need, without a Sphinx build.

The page-order extension reports broken front matter; here a page that cannot be read
simply has none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """Dates stay text: Jekyll's ``date: 2019-02-30`` must not crash a redirect plan."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
WANTED = ("redirect", "permalink", "layout")  # no YAML parsing for a page without these


def read(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """``(front matter, line of each top-level key)`` of a page that may redirect, else empty.

    Most pages have no redirect keys: their front matter is only scanned, not parsed, so
    a thousand pages cost little on every build.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return {}, {}
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"---") or \
            not any(key.encode() in head for key in WANTED) and len(head) < 4096:
        return {}, {}
    return _parse(path)


def _parse(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """``(front matter, line of each top-level key)``; empty when there is none."""
    try:
        lines = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff").splitlines()
    except OSError:
        return {}, {}
    if not lines or lines[0].rstrip() != "---":
        return {}, {}
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, {}
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=_Loader)
    except yaml.YAMLError:
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    keylines = {m[1]: i + 1 for i, line in enumerate(lines[1:end], start=1)
                if (m := _KEY.match(line))}
    return data, keylines

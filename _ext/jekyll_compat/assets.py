"""jekyll-assets' tags, as the files they named.

Plain Python with no Sphinx import. A site built with the jekyll-assets plugin (the
Austin Convention Center's) writes ``<img src="{% asset_path best-of-texas.png %}">``:
the plugin looked the name up in its folders (``_assets/images/`` …, and those
``assets: sources:`` adds) and wrote the file's address. The engine has no such tag, so
the picture was lost and the tag shown to readers. Here ``asset_path`` becomes that file's
address from the site's root, and the rooms that read a page's HTML copy or refuse it
(a name found nowhere: the address where it was looked for first, which they say is not
in the source folder); ``{% asset_source plan.svg %}``, which wrote a picture's markup into
the page, the picture. ``{% javascript main %}`` and ``{% stylesheet main %}`` wrote a
``<script>`` or a style sheet link: they become those elements, which the raw-HTML pass
leaves out and says (the publication runs no page scripts and has its own style).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

SOURCES = ("_assets/images", "_assets/img", "_assets/javascripts", "_assets/js",
           "_assets/stylesheets", "_assets/css", "_assets/fonts")
"""Where jekyll-assets 2 looked for a name before the folders a site's ``assets: sources:`` adds."""

PATH = re.compile(r"\{%-?\s*asset_path\s+(\"[^\"\n%]+\"|'[^'\n%]+'|[^\s\"'%]+)\s*-?%\}")
SOURCE = re.compile(r"\{%-?\s*asset_source\s+(\"[^\"\n%]+\"|'[^'\n%]+'|[^\s\"'%]+)\s*-?%\}")
PICTURES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
"""What ``{% asset_source %}`` wrote into the page as a picture (an SVG's own markup)."""
LINKED = re.compile(r"\{%-?\s*(javascript|js|stylesheet|css)\s+([\w./-]+)[^%\n]*?-?%\}")

_UNQUOTED = re.compile(r"[\"'<>&\s]")
_SCRIPT_SUFFIXES = (".js", ".coffee")
_STYLE_SUFFIXES = (".css", ".scss", ".sass")


def addresses(text: str, srcdir: Path, config: Mapping[str, Any]) -> dict[str, str]:
    """Each name an ``asset_path`` tag in ``text`` gives (as written, quotes and all), with
    the address from the site's root of the file jekyll-assets found for it."""
    found: dict[str, str] = {}
    if "asset_path" not in text and "asset_source" not in text:
        return found
    folders = (*SOURCES, *_site_sources(config))
    pictures = [m.group(1) for m in SOURCE.finditer(text) if m.group(1).strip("\"'").lower().endswith(PICTURES)]
    for written in dict.fromkeys([*(m.group(1) for m in PATH.finditer(text)), *pictures]):
        name = written.strip("\"'")
        if not _UNQUOTED.search(name):  # written into an attribute: a quote or `<` stays the tag
            found[written] = _file_for(name, srcdir, folders) or _looked_for(name)
    return found


def picture(match: re.Match[str], found: Mapping[str, str]) -> str:
    """What ``{% asset_source floor-plan.svg %}`` wrote, the picture's own markup, as the
    picture: an ``<img>`` with no description (the PDF says to write one); any other
    file's source (a style sheet's) stays the tag, said as Liquid not run."""
    address = found.get(match.group(1))
    return f'<img src="{address}" alt="" />' if address else match.group(0)


def element(match: re.Match[str]) -> str:
    """The element a ``{% javascript %}`` or ``{% stylesheet %}`` tag wrote."""
    kind, name = match.groups()
    if kind in ("javascript", "js"):
        return f'<script src="/assets/{name.removesuffix(".js")}.js"></script>'
    return f'<link rel="stylesheet" href="/assets/{name.removesuffix(".css")}.css" />'


def _site_sources(config: Mapping[str, Any]) -> list[str]:
    settings = config.get("assets")
    sources = settings.get("sources") if isinstance(settings, Mapping) else None
    if not isinstance(sources, list):
        return []
    return [folder.strip("/") for folder in sources if isinstance(folder, str) and folder.strip("/")]


def _file_for(name: str, srcdir: Path, folders: tuple[str, ...]) -> str | None:
    """The first file named ``name`` in ``folders``, inside the source folder (no ``..``, no
    link out of it), as an address from the site's root."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts:
        return None
    root = os.path.realpath(srcdir)
    for folder in folders:
        if ".." in PurePosixPath(folder).parts:
            continue
        path = os.path.realpath(os.path.join(srcdir, folder, *parts))
        if path.startswith(root + os.sep) and os.path.isfile(path):
            return "/" + PurePosixPath(folder, *parts).as_posix()
    return None


def _looked_for(name: str) -> str:
    """Where jekyll-assets would have found ``name`` first, by its kind."""
    folder = ("_assets/javascripts" if name.endswith(_SCRIPT_SUFFIXES) else
              "_assets/stylesheets" if name.endswith(_STYLE_SUFFIXES) else "_assets/images")
    return f"/{folder}/{name.lstrip('/')}"

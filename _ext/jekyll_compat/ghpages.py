"""GitHub Pages' own plugins, which a site built there ran whether or not it listed them.

Plain Python, no Sphinx. GitHub Pages (and the ``github-pages`` gem a site's ``Gemfile``
names to build as it does) always runs jekyll-optional-front-matter: a Markdown file without
front matter is a page too, but for a short list of a repository's notes (``README``,
``LICENSE``, ``CONTRIBUTING`` …), and jekyll-readme-index: a folder's ``README`` is its
page when the folder has no index. The City's ctm-dev-workflow was such a site: not one of
its guides had front matter, and every one was published. Read as plain Jekyll, each was
left out and the build had no page at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

PLUGIN = "jekyll-optional-front-matter"
README = "README.md"  # the top one conf.py leaves out: a repository's notes

NOTES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING",
                   "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE"})
"""The names jekyll-optional-front-matter leaves files (its ``FILENAME_BLACKLIST``, any case)."""

_GEM = re.compile(r"""^[ \t]*gem[ \t]+(['"])(?:github-pages|jekyll-optional-front-matter)\1""", re.M)
_GEMFILE_LIMIT = 64 * 1024


def publishes_bare_markdown(srcdir: Path, site: Mapping[str, Any], every_page_bare: bool) -> bool:
    """Whether the old site published Markdown without front matter as pages: its ``Gemfile``
    names ``github-pages`` (or the plugin), ``_config.yml``'s ``plugins:``/``gems:`` lists
    the plugin, or no page has front matter at all (``every_page_bare``: plain Jekyll would
    have published nothing, so the site was GitHub Pages'); not when ``_config.yml`` turns
    it off (``require_front_matter: true``, ``optional_front_matter: {enabled: false}``)."""
    if site.get("require_front_matter") is True:
        return False
    options = site.get("optional_front_matter")
    if isinstance(options, Mapping) and options.get("enabled") is False:
        return False
    listed = any(isinstance(site.get(key), list) and PLUGIN in site[key] for key in ("plugins", "gems"))
    return listed or every_page_bare or _gemfile_names_it(srcdir)


def _gemfile_names_it(srcdir: Path) -> bool:
    path = srcdir / "Gemfile"
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with path.open("rb") as gemfile:
            text = gemfile.read(_GEMFILE_LIMIT).decode("utf-8", "replace")
    except OSError:
        return False
    return _GEM.search(text) is not None


def is_notes(relative: str) -> bool:
    """Whether jekyll-optional-front-matter leaves the file ``relative`` a file (``README.md``,
    ``docs/License.markdown``)."""
    name = PurePosixPath(relative).name
    return name.split(".", 1)[0].upper() in NOTES


def readme_lands(relative: str, files: Iterable[str]) -> bool:
    """Whether ``relative`` is a ``README`` that jekyll-readme-index published as its
    folder's page: the folder (``files``: every file of the site, as paths from its top)
    has no ``index.*``."""
    path = PurePosixPath(relative)
    if path.name.split(".", 1)[0].upper() != "README":
        return False
    folder = path.parent
    return not any(PurePosixPath(other).parent == folder and PurePosixPath(other).name.startswith("index.")
                   for other in files)


def published(relative: str, files: Iterable[str]) -> bool:
    """Whether GitHub Pages published the Markdown file ``relative``, which has no front
    matter, as a page."""
    return not is_notes(relative) or readme_lands(relative, files)

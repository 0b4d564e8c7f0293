"""kramdown's typography on the old site's pages: ``--`` –, ``---`` —, ``...`` …, curly quotes.

kramdown turned these as it rendered, so that is what readers of the old site saw. Sphinx's
own smart-quotes transform (docutils' SmartQuotes, which leaves code, maths and literal
text alone) does the same; the publication switches it off (``smartquotes = False``) so
the City's own words stay exactly as typed. This subclass applies it only to the pages of
a Jekyll site, i.e. a source folder with a ``_config.yml``, or as ``kramdown_typography``
in ``conf.py`` says (True: every page; False: none; None, the default: Jekyll sites).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.transforms import SphinxSmartQuotes

#: kramdown's rules: quotes, ``--`` en and ``---`` em dash, ``...`` ellipsis.
ACTION = "qDe"


def applies(setting: Any, srcdir: Path) -> bool:
    """Whether kramdown's typography is applied to the pages in ``srcdir``."""
    if isinstance(setting, str):  # -D kramdown_typography=0 on the command line
        setting = None if setting.strip().lower() in ("", "auto", "none") else \
            setting.strip().lower() in ("1", "true", "yes", "on")
    if setting is None:
        return (srcdir / "_config.yml").is_file()
    return bool(setting)


class KramdownTypography(SphinxSmartQuotes):
    """Sphinx's smart quotes, for Jekyll pages only (Sphinx's own pass stays switched off)."""

    default_priority = 751

    def apply(self, **kwargs: Any) -> None:
        if not applies(self.config.kramdown_typography, Path(self.env.srcdir)):
            return
        if self.env._builder_cls.name in self.config.smartquotes_excludes.get("builders", []):
            return
        self.smartquotes_action = ACTION
        super(SphinxSmartQuotes, self).apply()

"""``$`` is text: a page opts into ``$...$`` and ``$$...$$`` maths with ``math: true``.

City documents are full of dollar amounts ("gets $2,000, and the runner-up $1,000!"),
which MyST's ``dollarmath`` would typeset as a formula without a word. So ``dollarmath``
is off for the publication, the ``{math}`` role and ``{math}`` blocks always work, and a
page whose front matter says ``math: true`` (as many Jekyll themes spell it) gets dollar
maths too. MyST's own ``myst: enable_extensions:`` would do it as well, but replaces the
whole list of extensions for that page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from docutils import nodes

SWITCH = "math"


def wants_dollar_math(topmatter: dict[str, Any]) -> bool | None:
    """True/False for ``math: true``/``false``; None when the value is not a yes or no."""
    value = topmatter.get(SWITCH, False)
    return value if isinstance(value, bool) else None


class DollarMathSwitchParser(MystParser):
    """MyST's parser, with ``dollarmath`` added for the pages that ask for it."""

    on_bad_switch: Callable[[str, int, object], None] = staticmethod(lambda docname, line, value: None)
    """Called with (docname, line, value) when ``math:`` is not a yes or no."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = None  # reported during the render, as MyST does
        if topmatter:
            warning = lambda wtype, msg: create_warning(  # noqa: E731
                document, msg, wtype, line=1, append_to=document)
            config = merge_file_level(config, topmatter, warning)
            wanted = wants_dollar_math(topmatter)
            if wanted:
                config = config.copy(enable_extensions={*config.enable_extensions, "dollarmath"})
            elif wanted is None:
                env = document.settings.env
                self.on_bad_switch(env.docname, key_line(inputstring, SWITCH), topmatter[SWITCH])
        parser = create_md_parser(config, SphinxRenderer)
        parser.options["document"] = document
        parser.render(inputstring)


def key_line(text: str, key: str) -> int:
    """The line of ``key:`` in the front matter at the top of ``text`` (1 if not found)."""
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if line.startswith(f"{key}:"):
            return number
    return 1

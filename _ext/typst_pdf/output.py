"""The generated Typst source, with a map from its lines back to page files and lines.

Typst reports problems by line of the generated ``.typ``; nobody should have to read
that file to fix a page. Every chunk is written together with the (docname, line) of
the node that produced it, so a Typst message can be reported at the Markdown line.
Some chunks are decided only at the end (a link to a label that may never appear):
they are written as callables and resolved when the text is joined.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

Location = tuple[str, int | None]
Chunk = str | Callable[[], str]


@dataclass
class Source:
    """Typst text being written, chunk by chunk, each tagged with its origin."""

    chunks: list[Chunk] = field(default_factory=list)
    origins: list[Location | None] = field(default_factory=list)

    def add(self, chunk: Chunk, origin: Location | None) -> None:
        self.chunks.append(chunk)
        self.origins.append(origin)

    def trim_end(self) -> None:
        """Drop white space at the end, e.g. the paragraph break before a closing ``]``."""
        while self.chunks and isinstance(self.chunks[-1], str):
            stripped = self.chunks[-1].rstrip()
            if stripped:
                self.chunks[-1] = stripped
                return
            self.chunks.pop()
            self.origins.pop()

    def render(self) -> tuple[str, LineMap]:
        """The finished text and where each of its lines came from."""
        parts: list[str] = []
        starts: list[int] = []
        places: list[Location] = []
        line = 1
        for chunk, origin in zip(self.chunks, self.origins):
            text = chunk() if callable(chunk) else chunk
            if origin is not None and (not places or places[-1] != origin):
                starts.append(line)
                places.append(origin)
            parts.append(text)
            line += text.count("\n")
        return "".join(parts), LineMap(starts, places)


@dataclass(frozen=True)
class LineMap:
    """Generated line number -> the page location that produced it."""

    starts: list[int]
    places: list[Location]

    def lookup(self, line: int) -> Location | None:
        index = bisect.bisect_right(self.starts, line) - 1
        return self.places[index] if index >= 0 else None

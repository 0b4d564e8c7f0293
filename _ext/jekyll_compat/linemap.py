"""Which line of the file each line of a rewritten page came from.

Plain Python. The rewrites keep every line where it was, except Liquid that writes more
lines than it has (an ``{% include %}`` of a six-line box, a loop): the lines after it move
down, and every message about them would name the wrong line. A :class:`LineMap` takes a
line of the text MyST reads back to the line of the file; the lines an expansion wrote
all stand for the line of its tag.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class LineMap:
    """``anchors``: (line written, line of the file) where the offset between them changes,
    in order; before the first one, each line is its own."""

    anchors: tuple[tuple[int, int], ...] = ()

    def __call__(self, line: int) -> int:
        """The file's line for ``line`` of the rewritten text (1-based)."""
        at = bisect_right(self.anchors, (line, float("inf"))) - 1
        written, source = self.anchors[at] if at >= 0 else (1, 1)
        mapped = source + (line - written)
        if at + 1 < len(self.anchors):
            mapped = min(mapped, max(source, self.anchors[at + 1][1] - 1))
        return mapped

    def __bool__(self) -> bool:
        return bool(self.anchors)

    def with_blank_lines(self, added: tuple[int, ...]) -> LineMap:
        """The map once blank lines were put in at ``added`` (1-based lines of the new text, in
        order): each stands for the line before it; every other line leads where it did."""
        anchors: dict[int, int] = {}
        for written, source in self.anchors:
            for line in added:
                if line <= written:
                    written += 1
            anchors[written] = source
        for n, line in enumerate(added, 1):
            anchors[line + 1] = self(line + 1 - n)
        return LineMap(tuple(sorted(anchors.items())))

    def moved(self, by: int) -> LineMap:
        """The same map for the text placed ``by`` lines further down (after front matter)."""
        return LineMap(tuple((written + by, source + by) for written, source in self.anchors))


def from_marks(marks: list[tuple[int, int]]) -> LineMap:
    """The map from each marked line's (line written, line of the source), in order."""
    anchors: list[tuple[int, int]] = []
    offset = 0
    for written, source in marks:
        if written - source != offset:
            anchors.append((written, source))
            offset = written - source
    return LineMap(tuple(anchors))

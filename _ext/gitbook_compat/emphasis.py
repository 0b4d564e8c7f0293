"""Bold as GitBook's editor wrote it, shown as GitBook showed it.

Plain Python with no Sphinx import. The editor exports a space inside the closing marker
(``**Monday mornings, required **``), empty bold (``**  **``, ``****Takes``, ``_****_``),
bold around a full stop alone (``versions**.**``): CommonMark reads no such marker as bold,
so readers saw the asterisks, without a warning. GitBook's editor showed the bold words and
nothing for the empty bold. Here the space moves outside its marker, empty bold is left out,
and so is a stop's, line by line, code left alone; a line whose ``**`` do not pair (bold
over two lines, ``***``, an escaped ``\\*``) is left as it is.
"""

from __future__ import annotations

import re

from pagesource.fences import code_spans, outside_fences

_RUN = re.compile(r"\*+")
_SPACE = " \t"
_PUNCTUATION = frozenset("""!"#$%&'()+,-./:;<=>?@[]^_`{|}~""")


def _only_punctuation(inner: str) -> bool:
    """``versions**.**``: bold that holds a full stop and no word, which CommonMark cannot
    open after a word; the stop is shown plain, as it looks."""
    return bool(inner.strip(_SPACE)) and set(inner.strip(_SPACE)) <= _PUNCTUATION


def tidy(text: str) -> str:
    """``text`` with each line's bold as GitBook showed it, line for line."""
    if "**" not in text:
        return text
    lines = text.split("\n")
    for i in outside_fences(lines):
        if "**" in lines[i]:
            lines[i] = _tidied(lines[i])
    return "\n".join(lines)


def _markers(line: str) -> list[int] | None:
    """Where each ``**`` outside code starts, in pairs; None when they do not pair."""
    if "\\*" in line:
        return None
    spans = code_spans(line)
    found: list[int] = []
    for run in _RUN.finditer(line):
        if any(start <= run.start() < end for start, end in spans):
            continue
        length = run.end() - run.start()
        if length in (2, 4):
            found += [run.start(), run.start() + 2][:length // 2]
        elif length != 1:
            return None
    return found if len(found) % 2 == 0 else None


def _tidied(line: str) -> str:
    markers = _markers(line)
    if not markers:
        return line
    out, pos = [], 0
    for opener, closer in zip(markers[::2], markers[1::2]):
        inner = line[opener + 2:closer]
        out.append(line[pos:opener])
        pos = closer + 2
        if _only_punctuation(inner):
            out.append(inner)
        elif inner.strip(_SPACE):
            lead = " " if inner[0] in _SPACE else ""
            trail = " " if inner[-1] in _SPACE else ""
            out.append(f"{lead}**{inner.strip(_SPACE)}**{trail}")
        elif out[-1].endswith("_") and line[pos:pos + 1] == "_":  # `_****_`: empty italic too
            out[-1], pos = out[-1][:-1], pos + 1
            out.append(inner)
        else:
            out.append(inner)
    out.append(line[pos:])
    return "".join(out)

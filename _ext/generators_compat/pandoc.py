"""pandoc's Markdown (Word and Google Docs exports, R Markdown) as pandoc showed it.

Plain Python with no Sphinx import; code left alone, every line keeps its number (a note's
lines joined into one leave blank lines at the end of their paragraph). City staff convert
Word documents with ``pandoc -t markdown``: readers saw ``{#summary .unnumbered}`` in a
heading (its contents entry and PDF bookmark too), ``^[note words]`` in the text,
`` `<br>`{=html} `` as code, a ``::: {.note}`` box's marks, ``| 200 Main Street`` address lines with their bars and
``(@)`` example lists as typed, and Google Docs' ``**bold **`` with its asterisks. Here a heading's attributes become its anchor (``(id)=`` on the blank line above, else
``[]{#id}``, when it differs from the one its words give), a fenced div
``::: {.note}`` the box ``::: note`` (any other class a block of it; Word's
``{custom-style="Quote"}`` is ``maths.switch``'s), an inline note a footnote, raw HTML the HTML (which ``rawhtml`` checks), raw markup for another format left
out and said, a line block lines with hard breaks, example items numbered as pandoc numbers
them; simple and multiline tables are pipe tables (:mod:`.pandoc_tables`). Grid tables are
said by ``loose_links.exported``.
"""

from __future__ import annotations

import bisect
import re

from pagesource.fences import code_spans, markdown_lines

from . import pandoc_tables
from .problems import Kind, Problem

_ATTRIBUTE = r"(?:[#.][^\W\d][\w:.-]*|-|[A-Za-z][\w-]*=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))"
_HEADING_START = re.compile(r" {0,3}#{1,6}[ \t]+\S")
_ATTRIBUTES = re.compile(rf"\{{[ \t]*(?P<attrs>{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*)[ \t]*\}}[ \t]*")
_LABEL = re.compile(r"\[\^([^\]\s]+)\]")
_DIV = re.compile(rf"^(?P<colons>[ \t]{{0,3}}:{{3,}})[ \t]*\{{[ \t]*(?P<attrs>{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*)"
                  rf"[ \t]*\}}[ \t]*:*[ \t]*$")
_CLASS = re.compile(r"(?:^|\s)\.([^\W\d][\w-]*)")
_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_RAW = re.compile(r"\{=([A-Za-z][\w-]*)\}")
_EXAMPLE = re.compile(r"^(?P<indent>[ \t]{0,3})\(@(?P<label>[\w-]*)\)(?=[ \t])")
_EXAMPLE_REF = re.compile(r"\(@([\w-]+)\)")
MAX_NOTE_LINES = 40


def rewrite(text: str, body_start: int = 0) -> tuple[str, tuple[Problem, ...]]:
    """``text`` with pandoc's own Markdown as MyST, line for line; problems with lines."""
    if not any(mark in text for mark in ("{", "^[", "| ", "(@", "-- ", "**")):
        return text, ()
    lines = text.split("\n")
    prose = sorted(i for i in markdown_lines(lines) if i >= body_start)
    problems: list[Problem] = []
    examples: dict[str, int] = {}
    for i in prose:
        line = lines[i]
        if "{" in line and (heading := _heading_attributes(line)) is not None:
            line, anchor = heading
            if anchor and i > body_start and not lines[i - 1].strip():
                lines[i - 1] = f"({anchor})="  # a MyST target, as jekyll_compat's kramdown
            elif anchor:
                line = f"{line} []{{#{anchor}}}"
        elif ":::" in line and (div := _DIV.match(line)) and (kind := _CLASS.search(div.group("attrs"))):
            line = f"{div.group('colons')} {kind.group(1)}"
        if "{=" in line:
            line = _raw_inline(line, i + 1, problems)
        if "(@" in line and (item := _EXAMPLE.match(line)) is not None:
            number = examples.setdefault(item.group("label") or f" {len(examples)}", len(examples) + 1)
            line = f"{item.group('indent')}{number}){line[item.end():]}"  # `)`: a list of its own
        if "**" in line:
            line = _outside_code(line, _spaced_bold)
        lines[i] = line
    if examples:
        named = {label: number for label, number in examples.items() if not label.startswith(" ")}
        for i in prose:
            if "(@" in lines[i]:
                lines[i] = _outside_code(lines[i], lambda part: _EXAMPLE_REF.sub(
                    lambda m: str(named[m.group(1)]) if m.group(1) in named else m.group(0), part))
    if "-- " in text:
        pandoc_tables.rewrite(lines, prose)
    _line_blocks(lines, prose)
    _inline_notes(lines, prose)
    return "\n".join(lines), tuple(problems)


def _outside_code(line: str, change) -> str:
    out, pos = [], 0
    for start, end in code_spans(line):
        out += [change(line[pos:start]), line[start:end]]
        pos = end
    return "".join(out) + change(line[pos:])


_BOLD = re.compile(r"(?<![*\\])\*\*(?!\*)")


def _spaced_bold(part: str) -> str:
    """Google Docs' ``**Bold with space **and`` (a word selected with its space): the space
    moved outside the marker, as Docs showed it; CommonMark read no bold and readers saw the
    asterisks. Only where the markers pair up on the line and one side, not both, is
    spaced (``2 ** 3 and 4 ** 5`` stays)."""
    marks = [m.start() for m in _BOLD.finditer(part)]
    if not marks or len(marks) % 2:
        return part
    out, pos = [], 0
    for opener, closer in zip(marks[::2], marks[1::2]):
        inner = part[opener + 2:closer]
        spaced = (inner[:1] in (" ", "\t"), inner[-1:] in (" ", "\t"))
        if not inner.strip() or spaced[0] == spaced[1]:
            continue
        lead = inner[:len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        out += [part[pos:opener], lead, "**", inner.strip(), "**", trail]
        pos = closer + 2
    return "".join(out) + part[pos:]


def _slug(words: str) -> str:
    """The anchor MyST gives a heading of these words (its ``make_anchor``)."""
    return re.sub(r"[^\w\- ]", "", words.strip().lower()).replace(" ", "-")


def _heading_attributes(line: str) -> tuple[str, str | None] | None:
    """``# Summary {#exec-summary .unnumbered}``: (the heading's words, the id when it is not
    the one the words give, so links to it keep working); classes mean nothing to a reader.
    The last ``{`` found, not a pattern that tried each split of a run of spaces."""
    brace = line.rfind("{")
    if brace < 1 or line[brace - 1] not in " \t" or _HEADING_START.match(line) is None:
        return None
    found = _ATTRIBUTES.fullmatch(line, brace)
    head = line[:brace].rstrip()
    if found is None or _HEADING_START.match(head) is None:
        return None
    anchor = _ID.search(found.group("attrs"))
    if anchor is None or _slug(head.lstrip(" #")) == anchor.group(1):
        return head, None
    return head, anchor.group(1)


def _raw_inline(line: str, number: int, problems: list[Problem]) -> str:
    """`` `<br>`{=html} ``: the HTML itself; `` `\\newpage`{=latex} ``: left out, said."""
    out, pos = [], 0
    for start, end in code_spans(line):
        raw = _RAW.match(line, end)
        if raw is None:
            continue
        inner = line[start:end].strip("`")
        inner = inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") and inner.strip() else inner
        out.append(line[pos:start])
        if raw.group(1).lower() == "html":
            out.append(inner)
        else:
            problems.append(Problem(number, Kind.PANDOC_RAW, (
                f"`{inner[:60]}`{{={raw.group(1)}}} is markup for {raw.group(1)} only, which no "
                "edition is written in: it is left out; write its meaning as Markdown (a page "
                "break needs nothing: each page starts on its own), or remove it")))
        pos = raw.end()
    return "".join(out) + line[pos:] if out else line


def _paragraphs(lines: list[str], prose: list[int]) -> list[list[int]]:
    """Runs of consecutive non-blank Markdown lines."""
    runs: list[list[int]] = []
    for i in prose:
        if not lines[i].strip():
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _line_blocks(lines: list[str], prose: list[int]) -> None:
    """pandoc's line block (``| 200 Main Street`` lines): each line its own, indentation kept
    (as no-break spaces), the bars left out. Never a table: no ``|---|`` rule, not every line
    closed by a bar."""
    for run in _paragraphs(lines, prose):
        first = lines[run[0]]
        if not (first.startswith("| ") or first == "|"):
            continue
        if any(_table_rule(lines[i]) for i in run) or all(lines[i].rstrip().endswith("|") for i in run):
            continue
        if not all(lines[i].startswith(("| ", " ")) or lines[i] == "|" for i in run):
            continue
        if any("|" in lines[i][1:] for i in run):
            continue  # cells: kramdown's table without a rule (jekyll_compat.tablecells)
        for at, i in enumerate(run):
            line = lines[i]
            if line.startswith("|"):
                words = line[2:]
                stripped = words.lstrip(" ")
                line = "\u00a0" * (len(words) - len(stripped)) + stripped
                if not line.strip():
                    line = "\u00a0"
            if at + 1 < len(run) and lines[run[at + 1]].startswith("|"):
                line = line.rstrip() + "\\"
            lines[i] = line


def _table_rule(line: str) -> bool:
    """A table's ``| --- | :-: |`` line (counted, not matched: no pattern retries a run)."""
    return "-" in line and not line.strip(" \t|:-")


def _note_end(text: str, start: int, code: dict[int, int]) -> int | None:
    """Where the ``]`` that closes the note opening at ``start`` (its ``^[``) is (``code``:
    each inline code's start and end, skipped whole)."""
    depth, i = 0, start + 1
    while i < len(text):
        if i in code:
            i = code[i]
            continue
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _inline_notes(lines: list[str], prose: list[int]) -> None:
    """``words^[a note]`` as ``words[^pandoc-note-1]``, the note's words defined at the page's
    end (one line); a note over several lines leaves its paragraph's last lines blank."""
    if not any("^[" in lines[i] for i in prose):
        return
    notes: list[str] = []
    taken = set(_LABEL.findall("\n".join(lines)))
    for run in _paragraphs(lines, prose):
        if len(run) > 1 and run[-1] - run[0] + 1 != len(run):
            continue
        if not any("^[" in lines[i] for i in run):
            continue
        text = "\n".join(lines[i] for i in run)
        code = dict(code_spans(text))
        starts = sorted(code)
        out, pos, at = [], 0, 0
        while (at := text.find("^[", at)) >= 0:
            before = bisect.bisect_right(starts, at) - 1
            if (before >= 0 and at < code[starts[before]]) or (at and text[at - 1] == "\\"):
                at += 2
                continue
            end = _note_end(text, at, code)
            if end is None or text.count("\n", at, end) > MAX_NOTE_LINES:
                break
            label = f"pandoc-note-{len(notes) + 1}"
            while label in taken:
                label += "x"
            words = " ".join(part.strip() for part in text[at + 2:end].split("\n")).strip()
            notes.append(f"[^{label}]: {words}")
            out += [text[pos:at], f"[^{label}]"]
            pos = at = end + 1
        if not out:
            continue
        joined = ("".join(out) + text[pos:]).split("\n")
        joined += [""] * (len(run) - len(joined))
        for i, line in zip(run, joined):
            lines[i] = line
    if notes:
        lines.extend(["", *(line for note in notes for line in (note, ""))])

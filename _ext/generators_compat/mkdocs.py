"""MkDocs' (Python-Markdown, pymdownx, Material) blocks rewritten as the MyST that shows them.

Plain Python with no Sphinx import. MkDocs' blocks are marked by a line and hold the lines
indented four spaces under it; MyST saw the marks as words and the indented lines as code:

- ``!!! note "Opening hours"`` (admonition), ``??? tip "Title"`` and ``???+ tip`` (pymdownx's
  details, folded or open: a folded one is closed on the site and in the ePub, as a
  ``<details>`` is, ``???+``'s open there until closed (``:::details+``), every one open in
  the PDF, as print must show it): a box of its
  kind's colour (:data:`KINDS`, ``:::kind Title``, which ``maths.switch`` reads), its body
  taken out of the indentation; ``!!! note ""`` (no title) a box labelled by its kind.
- ``=== "Residents"`` (content tabs): each tab's words one after another under their label
  (a ``:::tab`` block, its label a heading-like rubric), as print must show them.
- ``--8<-- "file.md"`` (snippets): shown as typed and said; nothing is read from a path a
  page names.
- ``:material-clock:`` (Material's icons, a font the editions lack): left out and said.

Every line keeps its number: the mark's line becomes the fence, the body keeps its lines,
the blank line after it closes the fence. Only where two blocks end on the same line (a
box last in a box) do two fences share that line, and the lines after it move down by one.
"""

from __future__ import annotations

import re

from pagesource.fences import container_fence, markdown_lines, outside_code

from .problems import Kind, Problem

KINDS = {
    **{kind: kind for kind in "note tip hint important warning caution attention danger error".split()},
    "info": "note", "abstract": "note", "summary": "note", "tldr": "note", "example": "note",
    "quote": "note", "cite": "note", "todo": "important", "success": "tip", "check": "tip",
    "done": "tip", "question": "hint", "help": "hint", "faq": "hint", "failure": "error",
    "fail": "error", "missing": "error", "bug": "error", "seealso": "note",
}
"""Material for MkDocs' admonition kinds as the box whose colour says the same; any other
is a note."""

MAX_DEPTH = 20
"""Boxes inside boxes past this depth are left as typed (each level is read again)."""

_BOX = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>!!!|\?\?\?\+?)[ \t]+(?:(?P<kinds>[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)*)[ \t]*)?"
                  r"(?:\"(?P<title>.*)\"[ \t]*)?$")
"""A box's line; its title runs to the line's last quote, as in MkDocs (``\"`` inside it a quote).
Each run of spaces is read by one ``[ \t]``: three side by side (no kinds, no title) took
25 s for ``!!!``, 1,500 spaces and an unclosed quote (cubic)."""
_TAB = re.compile(r"^(?P<indent>[ \t]*)===[!+]{0,2}[ \t]+\"(?P<title>.*)\"[ \t]*$")
_SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]+(?P<what>\S(?:.*[^ \t])?)[ \t]*$")
r"""Greedy to the last character that is no space or tab: ``\S.*?`` before ``[ \t]*$`` was
quadratic on a run of spaces (20 KB: 4 s)."""
_ICON = re.compile(r"(?<![\w:]):(?:material|fontawesome|octicons|simple)-[a-z0-9]+(?:-[a-z0-9]+)*:(?![\w:])")
"""Material for MkDocs' icon shortcodes (``:material-clock:``, ``:octicons-mark-github-16:``)."""
_ICON_AND_SPACE = re.compile(_ICON.pattern + r"[ \t]?")
_MARKUP = re.compile(r"(\\(?![!-/:-@\[-`{-~])|[<>|~^=$%{}])")
"""What a title's words keep as typed: its code, bold, emphasis and links are read as
Markdown, as Python-Markdown reads an admonition's title (``!!! note "Use `make` **now**"``),
a backslash before punctuation its escape; HTML, maths and the rest are not."""


def _unquoted(title: str) -> str:
    """A title's ``\\"`` as the quote MkDocs showed."""
    return title.replace('\\"', '"')


def rewrite(text: str, body_start: int = 0) -> tuple[str, tuple[Problem, ...]]:
    """``text`` with MkDocs' blocks as MyST, line for line; ``body_start``: the index of the
    line after the front matter."""
    if "!!!" not in text and "???" not in text and "===" not in text and "8<-" not in text \
            and ":material-" not in text and ":fontawesome-" not in text and ":octicons-" not in text \
            and ":simple-" not in text:
        return text, ()
    lines = text.split("\n")
    problems: list[Problem] = []
    head, body = lines[:body_start], lines[body_start:]
    body = _blocks(body, body_start, 0, problems)
    _icons(body, body_start, problems)
    return "\n".join(head + body), _once_per_kind(problems)


def _icons(lines: list[str], first: int, problems: list[Problem]) -> None:
    """Each Material icon shortcode left out of its line (code left alone): MyST read one at
    the start of a line as a field's name, and showed the others as typed."""
    for i in markdown_lines(lines):
        if ":" not in lines[i] or not _ICON.search(lines[i]):
            continue
        found: list[str] = []

        def without(part: str) -> str:
            found.extend(m.group(0) for m in _ICON.finditer(part))
            return _ICON_AND_SPACE.sub("", part)

        lines[i] = outside_code(lines[i], without)
        if found:
            written = found[0]
            problems.append(Problem(first + i + 1, Kind.ICON, (
                f"the Material for MkDocs icon {written} is left out: it is a picture from a font "
                "of that site, which the editions do not have; write a word for what it meant, "
                "or an emoji")))


def _once_per_kind(problems: list[Problem]) -> tuple[Problem, ...]:
    """The first problem of each kind, naming the lines of the others (a page of 20,000
    empty boxes is said once, not 20,000 times)."""
    kept: dict[Kind, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: p.line):
        kept.setdefault(problem.kind, []).append(problem)
    said = []
    for first, *others in kept.values():
        if others:
            lines = ", ".join(str(p.line) for p in others[:10]) + (", …" if len(others) > 10 else "")
            first = Problem(first.line, first.kind, f"{first.message} (and {len(others)} more on "
                            f"the page: line{'s' if len(others) > 1 else ''} {lines})")
        said.append(first)
    return tuple(sorted(said, key=lambda p: p.line))


def _width(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _dedent(line: str, indent: str) -> str:
    """``line`` without the four columns below ``indent`` that mark it as the block's."""
    if not line.strip():
        return ""
    rest = line[len(indent):] if line.startswith(indent) else line.lstrip()
    if rest.startswith("\t"):
        return indent + rest[1:]
    return indent + rest[min(4, len(rest) - len(rest.lstrip(" "))):]


def _blocks(lines: list[str], first: int, depth: int, problems: list[Problem]) -> list[str]:
    """``lines`` (the page's from index ``first``) with their outermost blocks rewritten;
    each block's body is rewritten the same way before its fence is chosen."""
    prose = list(markdown_lines(lines))
    out = list(lines)
    skip_to = -1
    for i in prose:
        if i < skip_to:
            continue
        line = lines[i]
        if "8<-" in line and (found := _SNIPPET.match(line)) is not None:
            problems.append(Problem(first + i + 1, Kind.SNIPPET, (
                f"the MkDocs snippet {found.group(0).strip()[:80]} put another file's words here; "
                "it is shown as typed: copy that file's words into the page, or link to it")))
            continue
        box = _BOX.match(line) if ("!!!" in line or "???" in line) else None
        tab = _TAB.match(line) if box is None and "===" in line else None
        if box is None and tab is None:
            continue
        found = box or tab
        indent = found.group("indent")
        end = _body_end(lines, i, _width(indent) + 4)
        last = end - 1
        while last > i and not lines[last].strip():
            last -= 1
        if last == i:
            problems.append(Problem(first + i + 1, Kind.EMPTY_BOX, (
                f"the MkDocs block {line.strip()[:60]} has no lines indented under it, so it is "
                "shown as typed: indent the lines it holds by four spaces, or remove the line")))
            continue
        if depth >= MAX_DEPTH:
            problems.append(Problem(first + i + 1, Kind.TOO_DEEP, (
                f"MkDocs blocks are nested more than {MAX_DEPTH} deep here, so this one is shown "
                "as typed: put fewer blocks inside one another")))
            skip_to = end  # the blocks inside it too, said once
            continue
        closing = end - 1 if end - 1 > last else None  # a blank line after the body
        inner_end = closing if closing is not None else end
        body = [_dedent(text, indent) for text in lines[i + 1:inner_end]]
        body = _blocks(body, first + i + 1, depth + 1, problems)
        fence = container_fence("\n".join(body).split("\n"))
        out[i] = indent + fence + (_box_info(box) if box is not None else "tab " + _unquoted(tab.group("title")).strip())
        out[i + 1:inner_end] = body
        close = indent + fence
        if closing is not None:
            out[closing] = close
        else:
            out[inner_end - 1] += "\n" + close
        skip_to = end
    return out  # as many items as ``lines``: two fences that share a line are one item


def _body_end(lines: list[str], header: int, width: int) -> int:
    """The index after the block's body: its lines indented ``width`` columns, and blank
    lines between them and after them."""
    end = header + 1
    while end < len(lines) and (not lines[end].strip() or _width(lines[end]) >= width):
        end += 1
    return end


def _box_info(found: re.Match[str]) -> str:
    """The colon fence's words for a box: its kind and title as ``maths.switch`` reads them."""
    words = (found.group("kinds") or "note").split()
    kind = KINDS.get(words[0].casefold(), "note")
    title = found.group("title")
    title = None if title is None else _unquoted(title)
    if title is None:
        if words[0].casefold() == kind and not found.group("mark").startswith("???"):
            return kind
        title = words[0].replace("-", " ").replace("_", " ").title()
    if found.group("mark").startswith("???"):  # folded: closed on the site, open in print
        opened = "+" if found.group("mark").endswith("+") else ""  # ???+: open until closed
        return f"details{opened} {_words(title)}".rstrip()
    return f"{kind} {_words(title)}".rstrip()


def _words(text: str) -> str:
    """A title's text, its inline Markdown read (:data:`_MARKUP`)."""
    return _MARKUP.sub(r"\\\1", text.strip())

"""just-the-docs' callouts: which paragraph or quote a kramdown IAL (``{: .note }``) names.

Plain Python, no Sphinx. The theme styles ``<p class="note">`` and ``<blockquote
class="note">`` as a box with the label ``_config.yml`` gives (``callouts: note: title:
Note``); ``{: .note-title }`` on a quote makes its first paragraph the label. kramdown
gives a block IAL to the block directly before it, else to the block directly after it
(an IAL with blank lines on both sides names nothing). Removing the IAL (:mod:`.kramdown`)
lost the label; this module says which block it named, by the block's first line, so the
glue can make that block an admonition in every edition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pagesource.fences import outside_fences

from .kramdown import opens_markdown_block

SPHINX_KINDS = ("note", "warning", "important", "tip", "hint", "caution", "danger",
                "attention", "error")
"""Admonitions every edition labels itself, in the publication's language."""
BOXES = {"box-note": "Note", "box-warning": "Warning", "box-error": "Error",
         "box-success": "Success",
         "notice": "Notice", "notice--primary": "Notice", "notice--info": "Info",
         "notice--warning": "Warning", "notice--success": "Success", "notice--danger": "Danger",
         "bd-callout": "Note", "bd-callout-info": "Info", "bd-callout-warning": "Warning",
         "bd-callout-danger": "Danger", "bd-callout-success": "Success", "bd-callout-accessibility": "Note"}
"""Beautiful Jekyll's boxes (``{: .box-warning}``) and minimal-mistakes' notices (``{:
.notice--info}``), and Bootstrap's docs' callouts (``bd-callout-warning``; Bootstrap Italia's
``bd-callout-accessibility`` bore an icon, no word): told apart by colour alone on the old site, so each gets the label its
colour meant (WCAG 1.4.1), on every site unless its ``callouts:`` says otherwise."""

_QUOTED = re.compile(r"^((?: {0,3}>(?:\t|[ ](?! {0,2}>))?)*)(.*)$")
_IAL = re.compile(r"^\s*\{:(?!:)\s*((?:[^{}\s][^{}\n]*)?)\}\s*$")
"""An IAL line; what it says starts at its first word (spaces before it read one way: a
line of spaces after ``{:`` took time as the square of its length)."""
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_NAME = re.compile(r"[A-Za-z][\w-]*")


@dataclass(frozen=True)
class Kind:
    """One kind of callout: its class name and its label (None: the theme printed none)."""

    name: str
    label: str | None


@dataclass(frozen=True)
class Callout:
    """A callout IAL (``line``) and the first line of the block it names (``target``)."""

    line: int
    target: int
    kind: Kind
    titled: bool  # ``{: .note-title }``: the quote's first paragraph is the label


def kinds(site: Mapping[str, Any]) -> dict[str, Kind]:
    """The callouts ``_config.yml`` defines (``callouts: {name: {title: …}}``).

    A site without ``callouts:`` still meant something by ``{: .note }``, ``{: .warning }``
    and the other kinds every edition knows: those are labelled with their own names.
    Beautiful Jekyll's boxes are known on every site.
    """
    boxes = {name: Kind(name, label) for name, label in BOXES.items()}
    defined = site.get("callouts")
    if not isinstance(defined, Mapping):
        return {name: Kind(name, name.capitalize()) for name in SPHINX_KINDS} | boxes
    found = dict(boxes)
    for name, spec in defined.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            continue
        title = spec.get("title") if isinstance(spec, Mapping) else None
        label = " ".join(str(title).split()) if isinstance(title, (str, int, float)) \
            and not isinstance(title, bool) else ""
        found[name] = Kind(name, label[:200] or None)
    return found


def find(lines: Sequence[str], known: Mapping[str, Kind]) -> list[Callout]:
    """Every callout IAL in ``lines`` (outside code) with the block it names, 1-based lines."""
    if not known or not any("{:" in line for line in lines):  # no IAL: no callout
        return []
    found = []
    for i, said, target in _named_blocks(lines):
        kind, titled = _kind(said, known)
        if kind is not None:
            found.append(Callout(i + 1, target + 1, kind, titled))
    return found


_LANG = re.compile(r"""(?:^|\s)lang=["']?([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)["']?(?=\s|$)""")


def languages(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(first line of the block, language) for each IAL in ``lines`` that gives the block a
    ``lang`` (``{: lang="es"}`` after a paragraph), 1-based: kramdown wrote ``<p lang="es">``;
    removing the IAL lost the language in every edition."""
    if not any("lang=" in line and "{:" in line for line in lines):
        return []
    return [(target + 1, language.group(1)) for _, said, target in _named_blocks(lines)
            if (language := _LANG.search(said)) is not None]


def _named_blocks(lines: Sequence[str]) -> Iterator[tuple[int, str, int]]:
    """(the IAL's line, what it says, the first line of the block it names), 0-based, for each
    block IAL in ``lines`` outside code that names a block."""
    split = [_split(line) for line in lines]
    for i in outside_fences(lines):
        depth, content = split[i]
        match = _IAL.match(content)
        if match is not None and (target := _target(split, i, depth)) is not None:
            yield i, match.group(1), target


def _split(line: str) -> tuple[int, str]:
    """(how many ``>`` quote the line, the line without them); a wrapper kramdown reads
    inside (``<div markdown="block">``) is no block of its own."""
    match = _QUOTED.match(line)
    assert match is not None
    content = match.group(2)
    return match.group(1).count(">"), "" if opens_markdown_block(content) else content


def _kind(attributes: str, known: Mapping[str, Kind]) -> tuple[Kind | None, bool]:
    for word in attributes.split():
        name = word[1:] if word.startswith(".") else ""
        if name in known:
            return known[name], False
        if name.endswith("-title") and name[:-6] in known:
            return known[name[:-6]], True
    return None, False


def _is_text(split: Sequence[tuple[int, str]], j: int, depth: int) -> bool:
    """Line ``j`` holds a block's text at quote ``depth`` or deeper (not blank, not an IAL)."""
    if j < 0 or j >= len(split):
        return False
    line_depth, content = split[j]
    if line_depth > depth:
        return True
    return line_depth == depth and bool(content.strip()) and _IAL.match(content) is None


def _target(split: Sequence[tuple[int, str]], i: int, depth: int) -> int | None:
    """The first line of the block the IAL on line ``i`` names, or None."""
    if _is_text(split, i - 1, depth):
        start = i - 1
        if split[start][0] > depth:  # a quote ends here: where did it start?
            while start > 0 and split[start - 1][0] > depth:
                start -= 1
            return start
        if _HEADING.match(split[start][1]):
            return None  # a heading's class (`.no_toc`), not a callout
        while start > 0 and _is_text(split, start - 1, depth) and split[start - 1][0] == depth \
                and not _HEADING.match(split[start - 1][1]):
            start -= 1
        return start
    following = i + 1
    if following < len(split) and (split[following][0] > depth or (
            split[following][1].strip() and _IAL.match(split[following][1]) is None)):
        return following  # a deeper quote, or a block at this depth or taken in lazily
    return None

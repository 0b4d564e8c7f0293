"""What the rewrites of other generators' pages say: one kind per problem, with its line."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    """Each value is a warning subtype of ``generators``."""

    SNIPPET = "mkdocs-snippet"
    """``--8<-- "file.md"``: MkDocs put that file's words here; the line is shown as typed."""

    EMPTY_BOX = "mkdocs-empty-box"
    """A ``!!!``/``???``/``===`` line with no indented lines under it (the body was not
    indented four spaces): shown as typed."""

    TOO_DEEP = "mkdocs-too-deep"
    """Boxes nested deeper than :data:`.mkdocs.MAX_DEPTH`: the inner ones are shown as typed."""

    ICON = "mkdocs-icon"
    """Material for MkDocs' ``:material-clock:`` (``:fontawesome-…:``, ``:octicons-…:``,
    ``:simple-…:``) icons: pictures of a font the editions do not have, left out."""

    MDX_CODE = "mdx-code"
    """Docusaurus' ``import … from '…'`` and ``export const …`` lines: code for that site,
    left out."""

    MDX_COMMENT = "mdx-comment"
    """``{/* … */}``: words Docusaurus hid, left out (said without them)."""

    PANDOC_RAW = "pandoc-raw"
    """pandoc's raw markup for another format (`` `\\newpage`{=latex} ``,
    `` `<w:br/>`{=openxml} ``): no edition is written in it, left out."""

    WORD_BULLETS = "word-bullets"
    """``• item`` or ``– item`` lines pasted from Word or Google Docs: read as a list."""


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    kind: Kind
    message: str

"""The problems the page-order extension reports, one subtype each.

Each member's value is the warning subtype, so a project can silence one kind with
``suppress_warnings = ["position.<value>"]``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

WARNING_TYPE = "position"


class Kind(enum.Enum):
    """What went wrong with a page. Every value is a warning subtype of ``position``."""

    ENCODING = "encoding"
    """The file is not UTF-8; undecodable bytes were replaced."""

    EMPTY = "empty"
    """The file holds nothing but white space."""

    YAML = "yaml"
    """The front matter is not valid YAML, or is never closed."""

    NOT_MAPPING = "not-mapping"
    """The front matter is valid YAML but not a ``key: value`` mapping."""

    FRONT_MATTER_NOT_FIRST = "front-matter-not-first"
    """A front matter not on line 1 is not read (``pagesource.Kind.NOT_FIRST``)."""

    MERGE_CONFLICT = "merge-conflict"
    """The file holds an unresolved Git merge conflict (``pagesource.Kind.CONFLICT``)."""

    DUPLICATE_KEY = "duplicate-key"
    """A front-matter key written twice: the last is read (``pagesource.Kind.DUPLICATE_KEY``)."""

    KEY_TYPED = "key-typed"
    """A key with a word processor's invisible space or curly quotes: read as the key it
    shows (``pagesource.Kind.KEY_TYPED``)."""

    TITLE_MISSING = "title-missing"
    """Neither a front-matter ``title`` nor a heading: the page has no name in the contents."""

    TITLE_SHARED = "title-shared"
    """Pages beside each other have one title: the contents list cannot tell them apart."""

    TITLE_INVALID = "title-invalid"
    """``title`` is a list or mapping instead of text."""

    POSITION_INVALID = "invalid"
    """``position`` is not a whole number (``first``, ``1.5``, ``true`` ...)."""

    POSITION_MISSING = "missing"
    """No ``position``: the page goes after its positioned siblings."""

    POSITION_DUPLICATE = "duplicate"
    """Two siblings share a position: they are ordered by title, then path."""

    PUBLISHED_INVALID = "published-invalid"
    """``published`` is not ``true`` or ``false``."""

    OWN_TOCTREE = "own-toctree"
    """A page carries a hand-written toctree, which the generated contents replace."""

    NO_LANDING = "no-landing"
    """A folder has no landing page; its pages are listed under the parent."""

    TWO_LANDINGS = "two-landings"
    """A folder has both ``folder/index.md`` and ``folder.md``."""

    PARENT_MISSING = "parent-missing"
    """just-the-docs' ``parent:`` names no page's title: the page is listed at the top."""

    PARENT_AMBIGUOUS = "parent-ambiguous"
    """``parent:`` is the title of several pages and ``grand_parent``/``ancestor`` does not
    single one out: the first by file name is used."""

    PARENT_LOOP = "parent-loop"
    """``parent:`` leads back to the page itself: the page is listed at the top."""


@dataclass(frozen=True)
class Problem:
    """One problem in one page, with the 1-based line it concerns."""

    kind: Kind
    line: int
    message: str

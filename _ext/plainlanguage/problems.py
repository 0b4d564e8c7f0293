"""Plain-language advice, as ``type="style"`` warnings with these subtypes.

Advice, not errors: a strict build (``-W``) lists them without failing unless the project
sets ``style_checks_strict = True``; ``suppress_warnings = ["style.acronym"]`` silences one kind.
"""

from __future__ import annotations

from enum import Enum

WARNING_TYPE = "style"


class Kind(Enum):
    """Warning subtypes of the plain-language check."""

    LONG_SENTENCE = "long-sentence"
    """A sentence longer than ``style_max_sentence_words`` (25) words."""

    READING_GRADE = "reading-grade"
    """The page reads above ``style_max_grade`` (US school grade, Flesch-Kincaid)."""

    ACRONYM = "acronym"
    """An acronym used without its words at its first use on the page."""

    LINK_TEXT = "link-text"
    """Link text that says nothing out of context: "click here", "here", "read more"."""

    ALT_TEXT = "alt-text"
    """Alt text that is a file name, starts with "image of", or repeats the caption."""

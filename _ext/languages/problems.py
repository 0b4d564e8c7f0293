"""Every problem the translated editions report, as ``type="languages"`` warnings."""

from __future__ import annotations

from enum import Enum

WARNING_TYPE = "languages"


class Kind(Enum):
    """Warning subtypes of the translated editions."""

    UNKNOWN_LANGUAGE = "unknown-language"
    """A code in ``publication_languages``/``translations_reviewed`` that is not a language; it is left out."""

    CATALOG = "catalog"
    """A ``.po`` file that cannot be read: its messages fall back to the source text."""

    LANGUAGE_FOLDER = "language-folder"
    """A top folder of pages named as a translation (``es/``): the Spanish site is written
    there, so its pages and the translation's would replace each other. Not published."""

    PAGE_LANGUAGE = "page-language"
    """A page's ``lang:`` that is no language code (``lang: english``): the page keeps the
    publication's language, and the value reaches no edition."""

    FOLDER_LANGUAGE = "folder-language"
    """A page that says no ``lang:`` in a folder of a language's copies (a city site's ``es/``,
    ``zh/``): read in the folder's language, every edition marks it so; said with the line to
    write (or ``lang: en`` when the folder is no language's)."""

    TWO_LANGUAGES = "two-languages"
    """A page's front matter names two languages (``lang: en`` and ``language: es``): the
    editions read ``lang:`` (then ``locale:``, then ``language:``); said at the other's line."""

    PAGE_SCRIPT = "page-script"
    """A page's ``lang:`` names a language whose script most of its letters are not in
    (``lang: ar`` over English words, a copy not yet translated): every edition marks it so,
    right to left for Arabic, and screen readers read it with that language's voice."""

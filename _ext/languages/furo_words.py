"""Furo's three screen-reader labels, in the language of a translated site.

Furo's ``page.html`` writes the labels of its navigation, contents and colour-theme
toggles as plain English attributes, outside any ``{% trans %}``, so a Spanish page read
them aloud in English (WCAG 3.1.2). In a translated build each rendered page gets them from
the same catalog as Furo's other words (``locales/<lang>/LC_MESSAGES/sphinx.po``). Only
these exact attributes are replaced; a Furo that changes them simply leaves them English.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.locale import _

LABELS = ("Toggle site navigation sidebar", "Toggle table of contents sidebar",
          "Toggle Light / Dark / Auto color theme")


def replacements() -> dict[str, str]:
    """``{'aria-label="English"': 'aria-label="translated"'}`` for the labels the catalog has."""
    out = {}
    for label in LABELS:
        translated = str(_(label))
        if translated != label:
            out[f'aria-label="{label}"'] = f'aria-label="{escape(translated, quote=True)}"'
    return out


def translate_rendered_pages(templates: Any) -> None:
    """Wrap ``templates.render`` (the HTML builder's) to put the labels in the page's language."""
    words = replacements()
    if not words or getattr(templates, "languages_labels", False):
        return
    render = templates.render

    def render_translated(template: str, context: dict[str, Any]) -> str:
        html = render(template, context)
        for english, translated in words.items():
            html = html.replace(english, translated)
        return html

    templates.render = render_translated
    templates.languages_labels = True

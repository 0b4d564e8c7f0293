"""Which languages a project translates into, read from its ``conf.py`` (plain Python)."""

from __future__ import annotations

from pathlib import Path

from . import names


def translations(confdir: Path, overrides: dict[str, str] | None = None) -> list[str]:
    """``publication_languages`` of ``conf.py``, without the source language and bad codes."""
    from sphinx.config import Config

    from sphinx.util.tags import Tags

    raw = Config.read(confdir, overrides={}, tags=Tags())._raw_config
    source = (overrides or {}).get("source_language") or raw.get("source_language") or raw.get("language") or "en"
    listed = raw.get("publication_languages", [])
    if not isinstance(listed, (list, tuple)):
        return []
    result = []
    for code in listed:
        try:
            names.locale(code)
        except names.UnknownLanguage:
            continue  # the build itself reports it, with the setting's name
        if code != source and code not in result:
            result.append(code)
    return result

"""What Jekyll's Liquid sees (the ``site`` variables) and what running it gives back.

Plain Python with no Sphinx import; the engine itself is :mod:`.liquid_engine`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Dropped:
    """Liquid the engine could not run (kept as text), with the line it starts on."""

    line: int
    tag: str


@dataclass(frozen=True)
class Result:
    """The text with its Liquid run, and what had to be kept as text."""

    text: str
    dropped: tuple[Dropped, ...]


def has_liquid(text: str) -> bool:
    """The text has a tag or an output for the engine (else it is left as it is, unrun)."""
    return "{%" in text or "{{" in text


def site_variables(config: Mapping[str, Any] | None, title: str = "",
                   data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Jekyll's ``site`` object: ``_config.yml`` values and ``_data/`` files, URLs emptied.

    Links are resolved root-relative to the page now at that place, so ``site.url`` and
    ``site.baseurl`` stand for nothing.
    """
    site: dict[str, Any] = {"title": title}
    site.update({k: v for k, v in (config or {}).items() if isinstance(k, str)})
    site["data"] = dict(data or {})
    site.update({"url": "", "baseurl": "", "github": {"url": ""}})
    return site

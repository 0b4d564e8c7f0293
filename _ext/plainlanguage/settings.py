"""The plain-language settings of ``conf.py``, with their defaults (one place for build and check)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .core import MAX_GRADE, MAX_SENTENCE_WORDS

DEFAULTS: dict[str, Any] = {
    "style_checks": True,  # False: builds do not check (make check still does)
    "style_checks_strict": False,  # True: advice fails a strict build (-W) like any warning
    "style_max_sentence_words": MAX_SENTENCE_WORDS,
    "style_max_grade": MAX_GRADE,
    "style_known_acronyms": [],  # acronyms your readers know, beside core.KNOWN_ACRONYMS
}


@dataclass(frozen=True)
class Settings:
    strict: bool = False
    max_words: int = MAX_SENTENCE_WORDS
    max_grade: float = MAX_GRADE
    known: frozenset[str] = frozenset()


def from_values(values: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from ``conf.py`` values, and what is wrong with them (the default is used)."""
    problems = []

    def get(name: str, kind: type | tuple[type, ...]) -> Any:
        value = values.get(name, DEFAULTS[name])
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            problems.append(f"conf.py: {name} = {value!r} is not a {getattr(kind, '__name__', 'number')}; "
                            f"using {DEFAULTS[name]!r}")
            return DEFAULTS[name]
        return value

    from .core import KNOWN_ACRONYMS

    known = get("style_known_acronyms", (list, tuple))
    return Settings(bool(get("style_checks_strict", bool)), int(get("style_max_sentence_words", int)),
                    float(get("style_max_grade", (int, float))),
                    KNOWN_ACRONYMS | {str(a) for a in known}), problems

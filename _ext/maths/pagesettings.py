"""The MyST settings a page's front matter may make, each value checked before MyST reads it.

MyST lets a page's ``myst:`` change any of its settings and checks only their types:
``words_per_minute: 0`` stopped every edition (a division by zero), ``disable_syntax:
[paragraph]`` too, and ``[block]`` or ``[inline]`` published the page without its words.
Its complaints about the rest (a misspelt name, a value of the wrong kind, a setting only
``conf.py`` makes) are ``myst.topmatter`` warnings at line 1, which ``conf.py`` silences
(pageorder says front matter that is no YAML, with a fix): the setting was dropped without
a word. So a page may make only the settings below, with values checked here; each other
one is left out and said at its own line. The page's extensions are added to the
publication's: MyST's replaced them, and a page that asked for one lost the others.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from myst_parser.config.main import MdParserConfig, merge_file_level

MYST = "myst"
YAML_WORDS = {True: "true", False: "false", None: "null"}
EXTENSIONS = "enable_extensions"

SUBSTITUTIONS = ("MyST substitutions are Jinja templates, which run Python on the build machine; "
                 "write the text itself")
TOP_LEVEL = {
    "substitutions": SUBSTITUTIONS,
    "html_meta": "a page's own <meta> tags can send every reader to another site "
                 "(http-equiv refresh); the website writes each page's description itself",
}
"""The settings MyST also reads at the top of the front matter, each refused, and why."""


def _yes_or_no(value: Any) -> bool:
    return isinstance(value, bool)


def _heading_level(value: Any) -> bool:
    return type(value) is int and 1 <= value <= 6


def _languages(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(name, str) for name in value)


ALLOWED: dict[str, tuple[Callable[[Any], bool], str]] = {
    "heading_anchors": (_heading_level, "a whole number from 1 to 6 (the deepest heading level "
                                        "given a link anchor)"),
    "number_code_blocks": (_languages, "a list of code languages, like [python, yaml]"),
    "footnote_sort": (_yes_or_no, "true or false"),
    "footnote_transition": (_yes_or_no, "true or false"),
    "strikethrough_single_tilde": (_yes_or_no, "true or false"),
    "colon_fence_exact_match": (_yes_or_no, "true or false"),
}
"""The settings a page may make besides ``enable_extensions``: each one's check, and what its
value must be."""

REFUSED = {
    "substitutions": SUBSTITUTIONS,
    "sub_delimiters": SUBSTITUTIONS,
    "html_meta": TOP_LEVEL["html_meta"],
    "disable_syntax": "Markdown switched off loses the page's words or stops the build "
                      "(to show Markdown as written, put it in a code block)",
    "commonmark_only": "every page is read as MyST, with the publication's extensions",
    "gfm_only": "every page is read as MyST, with the publication's extensions",
    "words_per_minute": "no edition shows a reading time",
    "url_schemes": "which addresses are links is the publication's rule, the same on every page",
    "title_to_header": "every page's `title:` is its heading, in every edition",
    "fence_as_directive": "write a directive as ```{name}",
}
"""Settings a page may not make, and why; any other MyST setting is the publication's own,
made in ``conf.py``."""

EXTENSION_ALLOWED = frozenset({
    "alert", "amsmath", "attrs_block", "attrs_image", "attrs_inline", "colon_fence", "deflist",
    "dollarmath", "fieldlist", "strikethrough"})
"""MyST extensions a page may add to the publication's: more of Markdown read, no word lost
or changed, nothing read past the publication's own checks."""

EXTENSION_REFUSED = {
    "substitution": SUBSTITUTIONS,
    "tasklist": "task lists are shown already, as ☑ and ☐ in every edition",
    "smartquotes": "the City's words stay exactly as written",
    "replacements": "the City's words stay exactly as written",
    "linkify": "it is not installed; an address written as www.… is a link already",
    "gfm_autolink": "an address written as www.… is a link already",
    "html_image": "a page's own HTML is read by the publication's rules; write ![words](picture)",
    "html_admonition": "a page's own HTML is read by the publication's rules; write ```{note}",
    "section_ref": "link to a heading with [words](#its-anchor)",
}
"""Extensions MyST knows that a page may not add, and why."""


@dataclass
class PageSettings:
    """What a page's front matter asks of MyST, checked."""

    myst: dict[str, Any] = field(default_factory=dict)
    """The settings MyST may read (``merge_file_level``'s ``myst:``)."""
    extensions: set[str] = field(default_factory=set)
    """Extensions to add to the publication's."""
    problems: list[tuple[int, str]] = field(default_factory=list)
    """``(line, message)`` for each setting left out."""

    def config(self, config: MdParserConfig, said: Callable[[Any, str], None]) -> MdParserConfig:
        """``config`` with these settings made; ``said`` takes MyST's complaints (``(kind,
        message)``), should one of its checks find what these let through."""
        merged = merge_file_level(config, {MYST: self.myst}, said) if self.myst else config
        if self.extensions <= set(merged.enable_extensions):
            return merged
        return merged.copy(enable_extensions={*merged.enable_extensions, *self.extensions})

    def changes(self, config: MdParserConfig) -> bool:
        """Whether the page reads with other settings than ``config``."""
        return bool(self.myst) or not self.extensions <= set(config.enable_extensions)


def page_settings(topmatter: Mapping[str, Any], text: str) -> PageSettings:
    """The MyST settings ``topmatter`` (read from ``text``) makes, and what is left out."""
    settings = PageSettings()
    for key, why in TOP_LEVEL.items():
        if key in topmatter:
            settings.problems.append((front_matter_line(text, key), f"`{key}` is refused: {why}"))
    if MYST not in topmatter:
        return settings
    asked = topmatter[MYST]
    if not isinstance(asked, dict):
        settings.problems.append((front_matter_line(text, MYST), (
            f"`{MYST}:` must hold MyST settings, one a line under it (like `  heading_anchors: 3`), "
            f"not {_shown(asked)}")))
        return settings
    for key, value in asked.items():
        line = front_matter_line(text, str(key), under=MYST)
        if key == EXTENSIONS:
            _read_extensions(value, line, settings)
        elif (problem := setting_problem(str(key), value)) is not None:
            settings.problems.append((line, problem))
        else:
            settings.myst[key] = value
    return settings


def setting_problem(key: str, value: Any) -> str | None:
    """Why a page may not set ``key`` to ``value``; None when it may."""
    if key in ALLOWED:
        check, wanted = ALLOWED[key]
        return None if check(value) else f"`{MYST}: {key}: {_shown(value)}` must be {wanted}"
    if key in REFUSED:
        return f"`{MYST}: {key}` is refused: {REFUSED[key]}"
    known = [setting.name for setting in MdParserConfig.get_fields()]
    if key in known:
        return (f"`{MYST}: {key}` is set for the whole publication (`myst_{key}` in conf.py), "
                "not by a page")
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"`{MYST}: {key}` is not a MyST setting{hint}"


def _read_extensions(value: Any, line: int, settings: PageSettings) -> None:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        settings.problems.append((line, f"`{MYST}: {EXTENSIONS}: {_shown(value)}` must be a list "
                                        f"of extensions, like [deflist]"))
        return
    for name in names:
        if name in EXTENSION_ALLOWED:
            settings.extensions.add(name)
        else:
            settings.problems.append((line, extension_problem(name)))


def extension_problem(name: str) -> str:
    """Why a page may not add the extension ``name``."""
    shown = f"`{MYST}: {EXTENSIONS}: [{name}]`"
    if name in EXTENSION_REFUSED:
        return f"{shown} is refused: {EXTENSION_REFUSED[name]}"
    close = difflib.get_close_matches(name, sorted(EXTENSION_ALLOWED), n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return (f"{shown} is not an extension a page may add{hint}: a page may add "
            f"{', '.join(sorted(EXTENSION_ALLOWED))}")


def front_matter_line(text: str, key: str, under: str | None = None) -> int:
    """The line of ``key:`` in the front matter at the top of ``text``, inside ``under:``
    when given (``under:``'s own line when ``key`` is not on a line of its own there); 1 if
    not found."""
    lines = list(_front_matter_lines(text))
    if under is None:
        return next((number for number, line in lines if line.startswith(f"{key}:")), 1)
    parent = front_matter_line(text, under)
    for number, line in lines:
        if number <= parent or not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            break
        if re.match(rf"\s+[\"']?{re.escape(key)}[\"']?\s*:", line):
            return number
    return parent


def _front_matter_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return
        yield number, line


def _shown(value: Any) -> str:
    """``value`` as the front matter wrote it, cut short."""
    if isinstance(value, str):
        shown = value
    elif value is None or isinstance(value, bool):
        shown = YAML_WORDS[value]
    else:
        shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"

"""Sphinx extension: plain-language advice on every page it reads (``style.*`` warnings).

The check itself is :mod:`plainlanguage.core` (plain Python, also run by ``make check``
through :mod:`plainlanguage.check`). Advice does not fail a strict build (``-W``): there it is
listed as ``file:line: … [style.<kind>]`` information, unless ``style_checks_strict = True``.
Only pages in the source language are checked (a translation is read as it was written).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

import pagesource

from . import core, grade, settings
from .problems import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"
logger = logging.getLogger(__name__)


def _strict_build(app: Sphinx) -> bool:
    """``-W``: Sphinx 9 keeps it in ``_fail_on_warnings`` (``warningiserror`` before)."""
    return bool(getattr(app, "_fail_on_warnings", getattr(app, "warningiserror", False)))


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    config = app.config
    docname = app.env.docname
    source_language = getattr(config, "source_language", None) or config.language
    if not config.style_checks or app.builder.name == "gettext" or config.language != source_language:
        return
    path = Path(app.env.doc2path(docname))
    try:
        source = pagesource.read(path)
    except OSError:
        return  # pageorder reports a page it cannot read
    text = core.body_of(source.lines, source.body_start)
    values = {name: getattr(config, name) for name in settings.DEFAULTS}
    chosen, problems = settings.from_values(values)
    for problem in problems:
        logger.warning(problem, type=WARNING_TYPE, subtype="config", once=True)
    report = core.analyse(text, max_words=chosen.max_words, max_grade=chosen.max_grade,
                          known_acronyms=chosen.known)
    as_warnings = chosen.strict or not _strict_build(app)
    for finding in report.findings:
        if as_warnings:
            logger.warning(finding.message, location=(docname, finding.line),
                           type=WARNING_TYPE, subtype=finding.kind.value)
        else:
            logger.info(f"{finding.message} [{WARNING_TYPE}.{finding.kind.value}]",
                        location=(docname, finding.line))
    logger.verbose(f"{path}: {report.summary()}")


_COUNTS = "plainlanguage_syllables"
"""The environment's record of words whose syllables were counted: ``{"stamp", "words"}``."""


def keep_counts(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Count syllables into the environment (workers of a parallel read too: they fork after)."""
    stamp = grade.dictionary_stamp()
    kept = getattr(env, _COUNTS, None)
    if not (isinstance(kept, dict) and kept.get("stamp") == stamp and stamp
            and isinstance(kept.get("words"), dict)):
        kept = {"stamp": stamp, "words": {}}
        setattr(env, _COUNTS, kept)
    grade.count_into(kept["words"])


def merge_counts(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    mine, theirs = getattr(env, _COUNTS, None), getattr(other, _COUNTS, None)
    if isinstance(mine, dict) and isinstance(theirs, dict) and mine.get("stamp") == theirs.get("stamp"):
        mine["words"].update(theirs["words"])


def setup(app: Sphinx) -> dict[str, Any]:
    for name, default in settings.DEFAULTS.items():
        app.add_config_value(name, default, "", [type(default)] if not isinstance(default, float) else [int, float])
    app.connect("env-before-read-docs", keep_counts)
    app.connect("env-merge-info", merge_counts)
    app.connect("doctree-read", check_page)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: plain-language advice on every page it reads (``style.*`` warnings),
given once the reading is over, page by page.

The check itself is :mod:`plainlanguage.core` (plain Python, also run by ``make check``
through :mod:`plainlanguage.check`). Advice does not fail a strict build (``-W``): there it is
listed as ``file:line: … [style.<kind>]`` information, unless ``style_checks_strict = True``.
Only pages in the source language are checked (a translation is read as it was written).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import SphinxParallelError
from sphinx.util import logging

import pagesource
from publication import apart

from . import core, grade, settings
from .problems import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"
logger = logging.getLogger(__name__)


def _strict_build(app: Sphinx) -> bool:
    """``-W``: Sphinx 9 keeps it in ``_fail_on_warnings`` (``warningiserror`` before)."""
    return bool(getattr(app, "_fail_on_warnings", getattr(app, "warningiserror", False)))


APART_FROM = 40
"""Pages read from which their advice is worked out in a forked process beside the reading.

The check parses every page again with markdown-it and counts its syllables: ~1.3 ms a
page, 0.35-0.45 s of a 6 s clean build of 340 pages, where a serial build leaves the second
core idle. Below this many pages the fork (~25 ms) costs more than it saves."""


@dataclass
class _Plan:
    """The pages being checked, their settings, and how to get their reports."""

    pages: list[tuple[str, str]]  # (docname, file)
    chosen: settings.Settings
    problems: list[str]
    beside: apart.Beside | None = None


_plans: weakref.WeakKeyDictionary[Any, _Plan] = weakref.WeakKeyDictionary()


def _checks_apply(app: Sphinx) -> bool:
    """Only pages in the source language are checked (a translation reads as written)."""
    config = app.config
    source_language = getattr(config, "source_language", None) or config.language
    return bool(config.style_checks) and app.builder.name != "gettext" \
        and config.language == source_language


def _in_english(app: Sphinx, env: Any, docname: str) -> bool:
    """The advice measures English (its grade, its sentences, its words): a page in Chinese
    was given "US school grade 13.9", a Hindi sentence ended by । counted as one of 69 words."""
    from languages import own_language

    publication = app.config.source_language or app.config.language or "en"
    if publication.replace("_", "-").split("-")[0].lower() != "en":
        return False
    own = own_language(env, app.config, docname)
    return own is None or getattr(own, "language", "en") == "en"


def plan_advice(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: the pages about to be read are checked from their files,
    beside the reading when there are enough of them (:data:`APART_FROM`)."""
    keep_counts(app, env, docnames)
    if not docnames or not _checks_apply(app):
        return
    values = {name: getattr(app.config, name) for name in settings.DEFAULTS}
    chosen, problems = settings.from_values(values)
    english = [docname for docname in docnames if _in_english(app, env, docname)]
    plan = _Plan([(docname, str(env.doc2path(docname))) for docname in english], chosen, problems)
    if apart.available and len(docnames) >= APART_FROM:
        plan.beside = apart.Beside(lambda: _advise(plan), "working out plain-language advice")
    _plans[app] = plan


def _advise(plan: _Plan) -> tuple[list[tuple[str, str, core.Report | None]], dict[str, int]]:
    """Each page's report (None: its file cannot be read, which pageorder reports), and the
    syllable counts the reports made (a forked process hands them back)."""
    chosen = plan.chosen
    reports = []
    for docname, path in plan.pages:
        try:
            source = pagesource.read(Path(path))
        except OSError:
            reports.append((docname, path, None))
            continue
        text = core.body_of(source.lines, source.body_start)
        reports.append((docname, path, core.analyse(
            text, max_words=chosen.max_words, max_grade=chosen.max_grade,
            known_acronyms=chosen.known)))
    return reports, grade.counted()


def report_advice(app: Sphinx, env: Any) -> list[str]:
    """``env-updated`` (every page is read): the advice, page by page in the reading's order."""
    plan = _plans.pop(app, None)
    if plan is None:
        return []
    for problem in plan.problems:
        logger.warning(problem, type=WARNING_TYPE, subtype="config", once=True)
    try:
        reports, counts = plan.beside.result() if plan.beside else _advise(plan)
    except SphinxParallelError as error:  # the process died: the advice is still given
        logger.verbose(f"plainlanguage: {error}; checking the pages here")
        reports, counts = _advise(plan)
    kept = getattr(env, _COUNTS, None)
    if isinstance(kept, dict) and isinstance(kept.get("words"), dict):
        kept["words"].update(counts)
    as_warnings = plan.chosen.strict or not _strict_build(app)
    for docname, path, report in reports:
        if report is None:
            continue
        for finding in report.findings:
            if as_warnings:
                logger.warning(finding.message, location=(docname, finding.line),
                               type=WARNING_TYPE, subtype=finding.kind.value)
            else:
                logger.info(f"{finding.message} [{WARNING_TYPE}.{finding.kind.value}]",
                            location=(docname, finding.line))
        logger.verbose(f"{path}: {report.summary()}")
    return []


_COUNTS = "plainlanguage_syllables"
"""The environment's record of words whose syllables were counted: ``{"stamp", "words"}``."""


def keep_counts(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Count syllables into the environment's mapping (a forked check hands its counts back)."""
    stamp = grade.dictionary_stamp()
    kept = getattr(env, _COUNTS, None)
    if not (isinstance(kept, dict) and kept.get("stamp") == stamp and stamp
            and isinstance(kept.get("words"), dict)):
        kept = {"stamp": stamp, "words": {}}
        setattr(env, _COUNTS, kept)
    grade.count_into(kept["words"])


def setup(app: Sphinx) -> dict[str, Any]:
    for name, default in settings.DEFAULTS.items():
        app.add_config_value(name, default, "", [type(default)] if not isinstance(default, float) else [int, float])
    # late: other extensions may change the list of pages to read
    app.connect("env-before-read-docs", plan_advice, priority=900)
    app.connect("env-updated", report_advice)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

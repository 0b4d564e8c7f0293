"""A translation's worker forked from ``make all``'s process, with Sphinx already imported.

The worker (``translation_worker.py``) ran as a new ``python``: it started Python and
imported Sphinx, docutils, MyST and our extensions again, ~0.4 s of CPU beside the
source-language build on a two-core machine. Forked after :func:`preload`, it starts with
all of them imported, and shares their memory with the process it came from.

Why a fork is right with Sphinx's translations: ``sphinx.locale``'s ``_()`` gives a lazy
proxy while no build has registered a language, and the translated string once one has,
so a module first imported during a build keeps that build's words (which is why each
language builds in a process of its own). Nothing is built before the fork: the modules
:func:`preload` imports hold proxies, which each build renders in its own language, the
source language here and the translation in the child. :func:`available` refuses a fork
once a language is registered. ``tests/test_fullbuild_units.py`` checks that the Spanish
editions are the same bytes from a forked worker and from a new ``python``.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import multiprocessing
import os
import sys
from pathlib import Path
from typing import IO


def available() -> bool:
    """A fork is possible and no build has registered a language in this process yet."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    locale = sys.modules.get("sphinx.locale")
    return locale is None or not locale.translators


def _modules(confdir: Path, overrides: dict[str, str]) -> list[str]:
    """The project's extensions (``conf.py``, or ``-D extensions=``) and its site's theme."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    try:
        raw = Config.read(confdir, overrides={}, tags=Tags())._raw_config
    except Exception:  # noqa: BLE001 - a broken conf.py is the build's to report, in its words
        return []
    extensions = overrides.get("extensions")
    names = extensions.split(",") if extensions is not None else list(raw.get("extensions", []))
    theme = overrides.get("html_theme", raw.get("html_theme"))
    return [*names, *([theme] if isinstance(theme, str) and theme.isidentifier() else [])]


def preload(confdir: Path, overrides: dict[str, str]) -> None:
    """Import what the builds import: Sphinx, its own extensions, the project's and its theme.

    A module that is not there or fails to import is left to the build, which reports it.
    """
    from sphinx.application import builtin_extensions
    from sphinx.cmd import build  # noqa: F401 - what the worker runs

    for name in [*builtin_extensions, *_modules(confdir, overrides)]:
        try:
            if importlib.util.find_spec(name) is not None:
                importlib.import_module(name)
        except Exception:  # noqa: BLE001 - reported by the build that loads it
            continue


def _serve(jobs: int, answers: int, others: list[int]) -> None:
    """In the child: answer jobs as ``translation_worker.py`` does, then end without clean-up."""
    import translation_worker

    for descriptor in others:  # the parent's ends of other workers' pipes
        os.close(descriptor)
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__  # not make all's SaidOnce
    gc.enable()
    with open(jobs, encoding="utf-8") as incoming, open(answers, "w", encoding="utf-8",
                                                        buffering=1) as outgoing:
        translation_worker.serve(incoming, outgoing)
    gc.freeze()  # the process ends: no last walk over what the builds left


class Forked:
    """A forked worker, driven like the ``subprocess.Popen`` of ``translation_worker.py``:
    jobs go to ``stdin``, answers come from ``stdout``; ``poll``, ``wait``, ``kill``."""

    open_ends: list[int] = []
    """The parent's ends of every worker's pipes, closed in each later child."""

    def __init__(self) -> None:
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        context = multiprocessing.get_context("fork")
        sys.stdout.flush()
        sys.stderr.flush()
        others = [*Forked.open_ends, jobs_write, answers_read]
        collecting = gc.isenabled()
        gc.disable()
        gc.freeze()  # the child's collector leaves the imported modules' pages shared
        try:
            self.process = context.Process(target=_serve, args=(jobs_read, answers_write, others),
                                           name="translation worker")
            self.process.start()
        finally:
            gc.unfreeze()
            if collecting:
                gc.enable()
        os.close(jobs_read)
        os.close(answers_write)
        self.ends = [jobs_write, answers_read]
        Forked.open_ends += self.ends
        self.pid = self.process.pid
        self.stdin: IO[str] = open(jobs_write, "w", encoding="utf-8")
        self.stdout: IO[str] = open(answers_read, encoding="utf-8")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self.process.exitcode is not None:
            self._ended()
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            self.process.join()
            self._ended()
        assert self.returncode is not None
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            self.process.kill()

    def _ended(self) -> None:
        self.returncode = self.process.exitcode
        for stream in (self.stdin, self.stdout):
            try:
                stream.close()
            except OSError:
                pass  # a job line the worker never read
        Forked.open_ends = [end for end in Forked.open_ends if end not in self.ends]


"""One translation's builds, one after another, in one Python process (``languages.build``).

Sphinx's ``_()`` keeps the words of a process's first build in the modules imported after
it, so a translation is never built in the process that built the source language. But
every edition of ONE language can share a process, as ``make all`` does for the source
language: Python starts and Sphinx is imported once, not once per edition (~1.2 s each).
Forked by ``make all`` with Sphinx imported and no language registered
(:mod:`languages.forked`), or else run as a script from ``_ext/`` (like
``edition_build.py``), so it imports what a build imports and nothing before it.

One JSON object a line: a job on stdin, ``{"argv": [sphinx options…], "stdout": file,
"stderr": file}``, is built (Sphinx's output goes to those files) and answered on stdout
with ``{"status": exit status}``. ``{"stop": true}`` (or the end of stdin) ends the worker:
the end of stdin alone is not enough, since processes the parent forked (a
``multiprocessing`` manager) may hold the pipe open.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import traceback
from typing import IO


def run(argv: list[str], stdout: str, stderr: str) -> int:
    """``python -m sphinx argv…`` in this process, its output in ``stdout``/``stderr``."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            from sphinx.cmd.build import build_main

            from lean_start import builder_of, leave_out

            leave_out([builder_of(argv)])
            # as edition_build.run_sphinx: nothing to collect while the extensions are set up
            # and the last environment is loaded (buildcache.memory turns it on after)
            gc.disable()
            return build_main(argv)
        except SystemExit as stop:  # Sphinx ends argument errors with SystemExit
            return stop.code if isinstance(stop.code, int) else 1
        except Exception:  # noqa: BLE001 - reported like Sphinx's own crash, the next job still runs
            traceback.print_exc()
            return 2
        finally:
            gc.enable()
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def serve(jobs: IO[str], answers: IO[str]) -> int:
    """Build each job of ``jobs``, answer each on ``answers``, until a stop or the end."""
    for line in jobs:
        job = json.loads(line)
        if job.get("stop"):
            break
        status = run(job["argv"], job["stdout"], job["stderr"])
        answers.write(json.dumps({"status": status}) + "\n")
        answers.flush()
    return 0


def main() -> int:
    answers = os.fdopen(os.dup(1), "w", buffering=1)  # fd 1 is Sphinx's output during a job
    return serve(sys.stdin, answers)


if __name__ == "__main__":
    status = main()
    # As edition_build.py: spare the collector a last walk over every object the builds left
    # (~0.25 s of CPU for our publication, and make all waits for this process to end).
    gc.freeze()
    sys.exit(status)

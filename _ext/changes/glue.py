"""Sphinx glue of ``changes``: a builder's memories stay tied to the output they describe.

The stamp is the modification time of the output's ``.buildinfo`` (Sphinx writes it in
every HTML and ePub output): ``make all`` copies an edition with its times, so the live
edition carries the stamp of the build that made it, and a thrown-away build's does not.
The same bytes as a clean build; only a time differs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import changes

STAMPED = ".buildinfo"
_STATE = "_changes_output"


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _pickle(app: Any) -> tuple[int, int, int] | None:
    """The saved environment as it is now (to tell whether this build saved it again)."""
    try:
        status = os.stat(Path(app.doctreedir) / "environment.pickle")
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


def check_output(app: Any) -> None:
    """Forget the builder's memories of another output; stamp this build's own (HTML and
    ePub: the PDF is written whole each time)."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    env, name = app.env, app.builder.name
    old = changes.recall(env, changes.OUTPUT, builder=name)
    changes.forget_another_output(env, name, _mtime(Path(app.outdir) / STAMPED))
    new = time.time_ns()
    changes.remember(env, changes.OUTPUT, new, builder=name)
    setattr(app.builder, _STATE, (old, new, _pickle(app)))


def stamp_output(app: Any, exception: BaseException | None) -> None:
    """Stamp the output with the memories saved with the cache: this build's when it saved
    the environment, else those it loaded."""
    state = getattr(app.builder, _STATE, None)
    stamped = Path(app.outdir) / STAMPED
    if state is None or exception is not None or not stamped.is_file():
        return
    old, new, pickle = state
    stamp = new if _pickle(app) != pickle else old
    if stamp is not None:
        os.utime(stamped, ns=(stamp, stamp))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", check_output, priority=100)
    app.connect("build-finished", stamp_output, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

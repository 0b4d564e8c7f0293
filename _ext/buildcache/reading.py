"""Read a few changed pages in this process, not in forked workers.

With ``-j``, Sphinx reads *every* batch of outdated pages in worker processes, even one
page: each worker pickles its whole copy of the environment back and the main process
unpickles and merges it (~1 s at 1,000 pages, for a page that reads in 0.02 s). Forking
pays only when enough pages are read to spread; below a tenth of the pages the batch is
read serially (``app.parallel`` is set to 1 for the reading and given back right after,
so writing keeps its workers). The environment and output are the same either way.
"""

from __future__ import annotations

from typing import Any

_SAVED = "buildcache_parallel"  # on the builder: the -j the reading set aside

FEW = 10
"""A batch of fewer than 1/FEW of the pages is read serially."""


def read_serially_if_few(app: Any, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: no workers for a small batch."""
    if app.parallel > 1 and len(docnames) * FEW < len(env.found_docs):
        app.builder.__dict__[_SAVED] = app.parallel
        app.parallel = 1


def restore_parallel(app: Any, env: Any) -> None:
    """``env-updated`` (reading is over): writing gets the ``-j`` it was given."""
    saved = app.builder.__dict__.pop(_SAVED, None)
    if saved is not None:
        app.parallel = saved

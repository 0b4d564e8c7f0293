"""Keep Python's cyclic garbage collector off the environment loaded from the last build.

An incremental build starts by unpickling the last build's environment (about a million
objects at 1,000 pages). Python's collector, triggered by allocations, walks the growing
heap again and again while that happens, and the whole of it again on every full
collection later (0.4-0.5 s of a one-page rebuild at N=1000). Nothing loaded is garbage:
the collector is off from ``config-inited`` (just before the load; ``edition_build``
turns it off before Sphinx even imports the extensions) to ``builder-inited`` (just
after), which freezes what is alive (``gc.freeze``: never walked again) and turns the
collector back on; ``build-finished`` unfreezes, for a next build in the same process.
The output does not depend on any of this.
"""

from __future__ import annotations

import gc
from typing import Any


def pause(app: Any, config: Any) -> None:
    """``config-inited``: no collection while the environment is loaded."""
    gc.disable()


def freeze_loaded(app: Any) -> None:
    """``builder-inited``: what is alive now lives through the build; collect the rest."""
    gc.freeze()
    gc.enable()


def thaw(app: Any, exception: Exception | None) -> None:
    """``build-finished``: the frozen objects are ordinary again (another build may follow)."""
    gc.enable()
    gc.unfreeze()

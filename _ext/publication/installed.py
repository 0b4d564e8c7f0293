"""Where the installation keeps what a build compiled or checked once, as Python keeps the
bytecode of the packages it runs.

Plain Python. A clean build removes its build folder; a cache that is a function of the
installed code and of the file it was made from (compiled Jinja templates, a
``CITATION.cff`` text that passed the schema) may outlive it, in the virtual environment
the build runs in, and goes away with that environment.
"""

from __future__ import annotations

import sys
from pathlib import Path


def cache_path(name: str) -> Path | None:
    """``<venv>/var/cache/<name>`` when Python runs in a virtual environment, else None
    (then the caller keeps its cache in the build folder)."""
    if sys.prefix == sys.base_prefix:
        return None
    return Path(sys.prefix, "var", "cache", name)

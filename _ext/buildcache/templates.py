"""Keep the compiled Jinja templates for the next build to load, as Python keeps bytecode.

Sphinx gives every build a new Jinja environment, and Jinja compiles each template it
renders (Furo's page, sidebar parts, ``genindex``, ``search``, the ePub's) from source into
Python, then into bytecode: ~35 templates, 0.1-0.2 s of every clean ``make all`` and of
each language's, the same work each time. Jinja's own :class:`jinja2.FileSystemBytecodeCache`
keeps what it compiled: a template is loaded from it only when its name, file and source
text (a checksum) are the same, under the same Jinja and Python (its magic header), and the
cache's file names carry everything else the compiled code depends on (the environment's
syntax, extensions and options), so the output is the same with it or without it
(``-D buildcache_templates=0``).

Like the bytecode Python keeps of the installed packages, the cache is kept with the
installation: in the virtual environment the build runs in (``<venv>/var/cache/``), so a
clean build, which removes the build folder, still finds it; removing the environment
removes it. Outside a virtual environment, or where that folder cannot be made, it lives in
the doctree folder (``doctreedir/templates/``). ``buildcache_templates_dir`` names another
folder. A cache that cannot be written to is simply not kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

FOLDER = "templates"
"""The cache's folder inside the doctree folder (outside a virtual environment)."""

INSTALLED = "jinja2-templates"
"""The cache's folder with the installation (:func:`publication.installed.cache_path`)."""

_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "optimized")


def environment_key(environment: Any) -> str:
    """What a template compiles to besides its source: Jinja, the environment's kind and options."""
    import jinja2

    kind = type(environment)
    parts = [jinja2.__version__, f"{kind.__module__}.{kind.__qualname__}",
             *(repr(getattr(environment, name, None)) for name in _SYNTAX),
             repr(sorted(environment.extensions)), repr(environment.autoescape),
             repr(environment.finalize is not None)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def _cache_class() -> type:
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        """A cache whose failure to save (a full or read-only disk) never fails the build."""

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache


def folders(app: Any) -> list[Path]:
    """Where the cache may live, first choice first."""
    from publication.installed import cache_path

    named = getattr(app.config, "buildcache_templates_dir", "")
    if named:
        return [Path(named)]
    installed = cache_path(INSTALLED)
    return [*([installed] if installed else []), Path(app.doctreedir) / FOLDER]


def install(app: Any) -> None:
    """``builder-inited``: give the builder's Jinja environment a cache (:func:`folders`)."""
    if not app.config.buildcache_templates:
        return
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    for folder in folders(app):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        pattern = f"{environment_key(environment)}-%s.cache"
        environment.bytecode_cache = _cache_class()(str(folder), pattern)
        app.builder.templates.render_string = _compiled_strings(environment)
        return


def _compiled_strings(environment: Any) -> Any:
    """``render_string`` through the bytecode cache: Sphinx renders the static ``*_t`` files
    (``basic.css_t``, ``documentation_options.js_t``, the ePub's ``epub.css_t``) with
    ``from_string``, which compiles each one again in every build of every edition (~25 ms
    a build). Each source is named by its checksum, so the cache keeps one file per text."""
    from jinja2.loaders import BaseLoader

    class OneString(BaseLoader):
        def __init__(self, source: str) -> None:
            self.source = source

        def get_source(self, environment: Any, template: str) -> tuple[str, None, Any]:
            return self.source, None, lambda: True

    def render_string(source: str, context: dict[str, Any]) -> str:
        name = "string-" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        template = OneString(source).load(environment, name, environment.make_globals(None))
        return template.render(context)

    return render_string

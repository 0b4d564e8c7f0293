"""Build docutils' per-page settings once per build instead of once per page.

Sphinx builds a new ``OptionParser`` (and re-reads docutils config files) for every
page it reads, ~10 ms a page: a tenth of reading a Markdown page. The settings are the
same for every page of a build, so the first result is kept and each page gets a
shallow copy with its own dependency list (the one thing docutils fills in per page).
Components are keyed by class: Sphinx creates a new parser object for every page.

Replaces ``sphinx.util.docutils._get_settings`` (private): the cache of one build is a
dict on its builder, reached through the function installed for that build.
"""

from __future__ import annotations

import copy
from typing import Any

from docutils.utils import DependencyList

_CACHE = "buildcache_settings_cache"  # on the builder


# What docutils' OptionParser reads of each component (``populate_from_components``)
_SPEC_ATTRIBUTES = ("settings_spec", "settings_defaults", "settings_default_overrides",
                    "relative_path_settings", "config_section", "config_section_dependencies")


def _component_key(component: Any) -> Any:
    """A component's class when its settings come from the class (Sphinx makes a new parser
    instance per page, so keying on the instance would never hit); None: do not cache."""
    if isinstance(component, type):
        return component
    own = getattr(component, "__dict__", {})
    if any(name in own for name in _SPEC_ATTRIBUTES):
        return None
    return type(component)


def _key(components: tuple, defaults: Any, read_config_files: bool) -> tuple | None:
    """Same components, same default values (by identity: env.settings does not change)."""
    kinds = tuple(_component_key(component) for component in components)
    if None in kinds:
        return None
    return (kinds, read_config_files,
            tuple(sorted((k, id(v)) for k, v in defaults.items())))


def cached(original: Any, cache: dict[tuple, Any]) -> Any:
    """Wrap ``sphinx.util.docutils._get_settings`` with ``cache``."""
    def get_settings(*components: Any, defaults: Any, read_config_files: bool = False) -> Any:
        key = _key(components, defaults, read_config_files)
        if key is None:
            return original(*components, defaults=defaults, read_config_files=read_config_files)
        if key not in cache:
            cache[key] = original(*components, defaults=defaults,
                                  read_config_files=read_config_files)
        settings = copy.copy(cache[key])
        settings.record_dependencies = DependencyList()
        return settings

    get_settings.settingscache_original = original  # type: ignore[attr-defined]
    return get_settings


def install(app: Any) -> None:
    """``builder-inited``: a fresh cache for this build (Sphinx's own code when switched off)."""
    import sphinx.util.docutils as sphinx_docutils

    current = sphinx_docutils._get_settings
    original = getattr(current, "settingscache_original", current)
    if not app.config.buildcache_settings:
        sphinx_docutils._get_settings = original
        return
    cache: dict[tuple, Any] = {}
    setattr(app.builder, _CACHE, cache)
    sphinx_docutils._get_settings = cached(original, cache)

"""Jekyll's own Liquid filters that Liquid lacks, as Jekyll 3/4 defined them.

Without them a page's ``{% assign groups = site.data.jobs | group_by: "team" %}`` was a tag
the engine could not run, shown to readers as written (opendatapolicies.org's guidelines
page). ``sample`` is left out: it is random, and an edition is the same every build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from liquid.exceptions import LiquidSyntaxError

from .liquid_limits import EXPRESSION, charge, held


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Mapping) or isinstance(value, str) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def _property(item: Any, key: str) -> Any:
    for part in str(key).split("."):
        if not isinstance(item, Mapping):
            return None
        item = item.get(part)
    return item


def _text(value: Any) -> str:
    """A group's name as Ruby's ``to_s`` wrote it: nil is empty."""
    return "" if value is None else str(value)


def _groups(pairs: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[str, list[Any]] = {}
    for name, item in pairs:
        grouped.setdefault(name, []).append(item)
    return [{"name": name, "items": items, "size": len(items)} for name, items in grouped.items()]


def group_by(value: Any, key: Any) -> list[dict[str, Any]]:
    return _groups([(_text(_property(item, key)), item) for item in _items(value)])


def push(value: Any, item: Any) -> list[Any]:
    return [*_items(value), held(item)]


def unshift(value: Any, item: Any) -> list[Any]:
    return [held(item), *_items(value)]


def pop(value: Any, count: Any = 1) -> list[Any]:
    items = _items(value)
    return items[:max(len(items) - max(to_integer(count), 0), 0)]


def shift(value: Any, count: Any = 1) -> list[Any]:
    return _items(value)[max(to_integer(count), 0):]


def to_integer(value: Any) -> int:
    """Ruby's ``to_i``: a text's leading digits (``"12 km"`` is 12), else 0."""
    if isinstance(value, (bool, int)):
        return int(value)
    if isinstance(value, float):
        return int(value) if value == value and abs(value) != float("inf") else 0
    found = re.match(r"\s*([+-]?\d+)", str(value))
    return int(found.group(1)) if found else 0


def inspect(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def expression_filters(env: Any) -> dict[str, Any]:
    """``where_exp``, ``find_exp`` and ``group_by_exp``: the expression is Liquid, run by the
    page's own bounded engine with only the named item in scope. An expression holding tags
    (``"x %}{% for ...``) is refused: run once per item, its loops would escape the engine's
    limit on a loop."""
    def checked(expression: Any) -> str:
        text = str(expression)
        if any(mark in text for mark in ("{%", "%}", "{{", "}}")):
            raise LiquidSyntaxError(f"an expression holds Liquid tags: {text[:40]!r}")
        return text

    def run(template: Any, variable: Any, item: Any) -> str:
        """One render per item: counted in the page's budget, as renders inside renders multiply."""
        charge(EXPRESSION)
        return template.render(**{str(variable): item})

    def test(variable: Any, expression: Any):
        template = env.from_string("{% if " + checked(expression) + " %}1{% endif %}")
        return lambda item: run(template, variable, item) == "1"

    def value_of(variable: Any, expression: Any):
        template = env.from_string("{{ " + checked(expression) + " }}")
        return lambda item: run(template, variable, item)

    def where_exp(value: Any, variable: Any, expression: Any) -> list[Any]:
        keep = test(variable, expression)
        return [item for item in _items(value) if keep(item)]

    def find_exp(value: Any, variable: Any, expression: Any) -> Any:
        keep = test(variable, expression)
        return next((item for item in _items(value) if keep(item)), None)

    def group_by_exp(value: Any, variable: Any, expression: Any) -> list[dict[str, Any]]:
        name = value_of(variable, expression)
        return _groups([(name(item), item) for item in _items(value)])

    return {"where_exp": where_exp, "find_exp": find_exp, "group_by_exp": group_by_exp}


FILTERS = {"group_by": group_by, "push": push, "unshift": unshift, "pop": pop, "shift": shift,
           "to_integer": to_integer, "inspect": inspect}

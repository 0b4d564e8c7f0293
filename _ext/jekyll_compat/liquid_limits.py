"""One budget of Liquid work for a whole page, shared by every render the page starts.

Python-liquid's limits hold each render apart: a loop of at most 10,000 turns, but
``group_by_exp`` runs a new render per item, so one inside another made 10^8 (a hostile
tester's page ran for hours); ten includes of a file that includes another ten, nine deep,
stayed under the depth limit and rendered 10^8 times; three chained ``replace`` made a text
of 10^8 characters, a fourth would have asked 10 GB. So a page's loop turns, filters, the
items they read, expressions and includes are counted together, and no filter makes a text
longer than a page's whole output may be. Running out is final: the page is kept as written.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from liquid import BoundTemplate, RenderContext
from liquid.exceptions import ResourceLimitError

STEPS = 500_000
"""Loop turns, filter runs, items read by filters, expressions run (each ``EXPRESSION``):
~3 s of the costliest of them (a loop turn with an ``assign``), on one page."""
EXPRESSION = 10
"""An expression a ``where_exp``-like filter runs on an item is a render of its own: ~10 loop turns."""
INCLUDES = 10_000
"""Includes run on one page, each including others (~0.6 s of them)."""
TEXT = 2_000_000
"""Characters a filter may make: the page's whole output may be no longer."""


class OverLimit(ResourceLimitError):
    """The page's budget ran out: the message says which and what to do."""


@dataclass
class Budget:
    steps: int = 0
    includes: int = 0


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("liquid_budget", default=None)


def watch(budget: Budget) -> contextvars.Token:
    """Charge the renders that follow (the page's, and every one they start) to ``budget``."""
    return _BUDGET.set(budget)


def unwatch(token: contextvars.Token) -> None:
    _BUDGET.reset(token)


def charge(steps: int) -> None:
    """Count ``steps`` of work against the page's budget (none outside a page's render)."""
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.steps += steps
    if budget.steps > STEPS:
        raise OverLimit(f"the page's Liquid does more than {STEPS:,} steps of work, counting loop "
                        "turns, filter runs and the items they read across loops and expressions "
                        "inside each other; none of it is run: make its lists and loops smaller",
                        token=None)


def charge_include() -> None:
    """Count one include run (an include of includes multiplies without going deeper)."""
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.includes += 1
    if budget.includes > INCLUDES:
        raise OverLimit(f"the page's includes run more than {INCLUDES:,} times, each including "
                        "others several times; none of its Liquid is run: include each file "
                        "fewer times", token=None)
    charge(EXPRESSION)


def too_long(length: int) -> OverLimit:
    return OverLimit(f"a filter in it makes a text of more than {TEXT:,} characters; none of "
                     "the page's Liquid is run: make the text or the replacements shorter", token=None)


def _length_of_join(value: Any, separator: Any = " ", *_: Any) -> int:
    """At least the length ``join`` would make, counted up to ``TEXT`` only (cheap)."""
    if not isinstance(value, Iterable) or isinstance(value, (str, Mapping)):
        return 0
    total, gap = 0, len(str(separator))
    for item in value:
        total += gap + (len(item) if isinstance(item, str) else 1)
        if total > TEXT:
            break
    return total


def _length_of_replace(value: Any, old: Any = "", new: Any = "", *_: Any) -> int:
    """The length ``replace`` would make, found before it is made."""
    text, old, new = str(value), str(old), str(new)
    return len(text) + text.count(old) * (len(new) - len(old)) if len(new) > len(old) else len(text)


DEPTH = 100
"""Lists inside lists: a site's data is a few deep; ``e | push: b`` in a loop made 5,000,
and writing them out overflowed Python's stack."""


def _unfolded_size(value: Any, sizes: dict[int, int]) -> int:
    """How many values ``value`` holds when each list or hash inside it is written out in
    full, counted up to ``TEXT`` only: each one shared is walked once (``sizes``), then
    counted as often as it is held."""

    def size(node: Any, depth: int = 0) -> int:
        if depth > DEPTH:
            return TEXT + 1
        if isinstance(node, Mapping):
            children = [*node.values()]
        elif isinstance(node, (list, tuple)):
            children = node
        else:
            return 1
        if id(node) not in sizes:
            sizes[id(node)] = TEXT + 1  # a list that holds itself is endless
            total = 1
            for child in children:
                total += size(child, depth + 1)
                if total > TEXT:
                    break
            sizes[id(node)] = min(total, TEXT + 1)
        return sizes[id(node)]
    return size(value)


VISITS = 20
"""Lists and hashes walked for :func:`held` in one step of work (a loop turn's time)."""


def held(item: Any) -> Any:
    """``item``, to be put in a list, refused when the list would hold more than ``TEXT``
    values written out: ``a | push: a`` in a loop doubles them each turn, and writing the
    list (``jsonify``, ``join``, ``{{ a }}``) took minutes at 30 turns."""
    if not isinstance(item, (Mapping, list, tuple)):
        return item
    walked: dict[int, int] = {}
    size = _unfolded_size(item, walked)
    charge(len(walked) // VISITS)
    if size > TEXT:
        raise OverLimit(f"a list in it would hold more than {TEXT:,} values, or lists more "
                        f"than {DEPTH} deep, counting the lists inside it; none of the page's "
                        "Liquid is run: do not put a list inside itself", token=None)
    return item


_GROWING = {"replace": _length_of_replace, "join": _length_of_join}
"""Filters whose text can be many times the texts given: measured before they run."""


def bounded_text(name: str, function: Any) -> Any:
    """``function`` (the filter ``name``), refusing to make a text longer than ``TEXT``."""
    measure = _GROWING.get(name)

    @functools.wraps(function)  # its marks too: ``with_context``, ``with_environment``
    def limited(value: Any, *args: Any, **kwargs: Any) -> Any:
        if measure is not None and (length := measure(value, *args)) > TEXT:
            raise too_long(length)
        made = function(value, *args, **kwargs)
        if isinstance(made, str) and len(made) > TEXT:
            raise too_long(len(made))
        return made
    return limited


class _CountedContext(RenderContext):
    """Each loop's turns counted against the page's budget as the loop starts."""

    __slots__ = ()

    def raise_for_loop_limit(self, length: int = 1) -> None:
        charge(length)
        super().raise_for_loop_limit(length)


class CountedTemplate(BoundTemplate):
    """A template whose renders count their loops (``Environment.template_class``)."""

    context_class = _CountedContext

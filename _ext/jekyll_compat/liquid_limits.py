"""One budget of Liquid work for a whole page, shared by every render the page starts.

Python-liquid's limits hold each render apart: a loop of at most 10,000 turns, but
``group_by_exp`` runs a new render per item, so one inside another made 10^8 (a hostile
tester's page ran for hours); ten includes of a file that includes another ten, nine deep,
stayed under the depth limit and rendered 10^8 times. So a page's loop turns, filters, the
items they read, expressions and includes are counted together. Running out is final: the
page is kept as written.
"""

from __future__ import annotations

import contextvars
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


class _CountedContext(RenderContext):
    """Each loop's turns counted against the page's budget as the loop starts."""

    __slots__ = ()

    def raise_for_loop_limit(self, length: int = 1) -> None:
        charge(length)
        super().raise_for_loop_limit(length)


class CountedTemplate(BoundTemplate):
    """A template whose renders count their loops (``Environment.template_class``)."""

    context_class = _CountedContext

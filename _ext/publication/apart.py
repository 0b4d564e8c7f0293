"""Work done in a forked process: waited for (:func:`in_child_process`) or run beside the
build on the core it leaves idle (:class:`Beside`).

Like Sphinx's ``ParallelTasks`` (an exception becomes a ``SphinxParallelError``), but the
log records are kept when the work fails, and a child that dies without answering
(killed, out of memory) fails instead of leaving the build waiting forever.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any

from sphinx.errors import SphinxParallelError
from sphinx.util import logging
from sphinx.util.parallel import parallel_available

logger = logging.getLogger(__name__)

available = parallel_available
"""Whether this system forks (not Windows): where it does not, the caller does the work itself."""


class Beside:
    """``func()`` started in a forked process; :meth:`result` waits for it (once)."""

    def __init__(self, func: Callable[[], Any], task: str) -> None:
        self.task = task
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._child = context.Process(target=_answer, args=(sender, func), daemon=True)
        self._child.start()
        sender.close()  # only the child writes: if it dies, recv() sees the end of the pipe

    def result(self) -> Any:
        """What ``func`` returned; its log records are replayed here first."""
        try:
            failed, records, result = self._receiver.recv()
        except EOFError:
            self._child.join()
            raise SphinxParallelError(
                f"the process {self.task} ended with exit code {self._child.exitcode} "
                "without a result", "") from None
        finally:
            self._receiver.close()
        self._child.join()
        for record in records:
            logger.handle(record)
        if failed:
            raise SphinxParallelError(*result)
        return result


def in_child_process(func: Callable[[], Any], task: str = "forked by the build") -> Any:
    """``func()`` run in a forked process: its result and its log records come back here."""
    return Beside(func, task).result()


def _answer(sender: Any, func: Callable[[], Any]) -> None:
    """In the child: run ``func`` and send (failed, log records, result or error)."""
    with logging.pending_logging() as memory:
        try:
            result, failed = func(), False
        except BaseException as error:  # reported in the parent, like Sphinx's -j
            message = traceback.format_exception_only(error.__class__, error)[0].strip()
            result, failed = (message, traceback.format_exc()), True
        records = _once_each(memory.clear())
    logging.convert_serializable(records)
    sender.send((failed, records, result))
    sender.close()


def _once_each(records: list[Any]) -> list[Any]:
    """Each record once, where it was last handled.

    A warning held back inside the child (Sphinx's ``pending_warnings``, as the PDF's steps
    do until their progress line has ended) is handled by the child's memory when it is
    said and again when it is let go: the same record twice, which the parent said twice,
    its type appended to the one message each time ("[link.no-scheme] [link.no-scheme]").
    Its last place is where it was meant to be said."""
    last = {id(record): index for index, record in enumerate(records)}
    return [record for index, record in enumerate(records) if last[id(record)] == index]

"""buildcache's helpers that are no cache: the collector's pause, pages frozen once read, serial reading."""

from __future__ import annotations

import gc
import weakref
from types import SimpleNamespace

from buildcache import doctrees, memory, reading


def app_with(parallel: int) -> SimpleNamespace:
    return SimpleNamespace(parallel=parallel, builder=SimpleNamespace())


def test_a_few_pages_are_read_in_this_process_and_writing_gets_its_workers_back() -> None:
    app, env = app_with(4), SimpleNamespace(found_docs={f"p{i}" for i in range(1000)})
    reading.read_serially_if_few(app, env, ["p1", "p2"])
    assert app.parallel == 1
    reading.restore_parallel(app, env)
    assert app.parallel == 4
    reading.restore_parallel(app, env)  # a second env-updated changes nothing
    assert app.parallel == 4


def test_many_pages_or_a_serial_build_keep_their_jobs() -> None:
    env = SimpleNamespace(found_docs={f"p{i}" for i in range(100)})
    many = app_with(2)
    reading.read_serially_if_few(many, env, [f"p{i}" for i in range(10)])
    assert many.parallel == 2
    serial = app_with(1)
    reading.read_serially_if_few(serial, env, ["p1"])
    reading.restore_parallel(serial, env)
    assert serial.parallel == 1


def test_the_collector_is_paused_for_the_load_then_frozen_then_thawed() -> None:
    assert gc.isenabled()
    try:
        memory.pause(None, None)
        assert not gc.isenabled()
        loaded = [object() for _ in range(3)]
        memory.freeze_loaded(None)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        memory.thaw(None, None)
        assert gc.isenabled() and gc.get_freeze_count() == 0
        assert loaded
    finally:
        gc.enable()
        gc.unfreeze()


class Node:
    """Like a docutils node: it points back to itself through its parent, a cycle."""

    def __init__(self) -> None:
        self.parent = self


def test_what_a_page_leaves_alive_is_frozen_and_its_garbage_collected_first() -> None:
    gc.unfreeze()
    try:
        kept = Node()
        left = Node()
        gone = weakref.ref(left)
        del left
        assert gone() is not None  # a cycle: only the collector frees it
        doctrees.freeze_read(None, "page", ["text"])
        assert gone() is None
        assert gc.get_freeze_count() > 0 and kept.parent is kept
        frozen = gc.get_freeze_count()
        assert doctrees.freeze_environment(None, None) == []  # no page to read again
        assert gc.get_freeze_count() >= frozen
        memory.thaw(None, None)
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
        gc.unfreeze()

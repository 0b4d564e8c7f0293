"""changes: the one owner of what the rooms remember of the previous build."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import changes


def test_remember_returns_what_was_there_per_builder():
    env = SimpleNamespace()
    assert changes.remember(env, "pageorder.navigation", "nav 1", builder="epub") is changes.MISSING
    assert changes.remember(env, "pageorder.navigation", "nav 2", builder="html") is changes.MISSING
    assert changes.remember(env, "pageorder.navigation", "nav 3", builder="html") == "nav 2"
    assert changes.recall(env, "pageorder.navigation", builder="epub") == "nav 1"
    assert changes.recall(env, "jekyll_compat.old_urls") is changes.MISSING
    assert list(vars(env)) == [changes.ATTRIBUTE]  # one attribute on the env, whatever the keys


def test_an_undeclared_memory_is_refused():
    with pytest.raises(KeyError, match="changes.KEYS"):
        changes.remember(SimpleNamespace(), "mine", 1)

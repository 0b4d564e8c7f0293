"""What each room remembers of the previous build: one owner, one attribute on the env.

Sphinx rewrites a page when its source changed. Some pages must also be rewritten when
something they *show* changed: the navigation, the metadata and editions, the pages of
the site, the old Jekyll URLs. Each room that needs such a memory keeps it here, under
one key listed in :data:`KEYS`, instead of an attribute of its own on the environment.

One doctree cache serves every builder (``make all``), so a memory of what a builder
*wrote* is kept per builder (``builder=`` its name): the HTML build after the ePub build
must still see that the navigation changed. A memory of the *sources* (``builder=None``)
is shared. Plain Python: the environment is only an object with attributes here.
"""

from __future__ import annotations

from typing import Any

ATTRIBUTE = "build_memory"
"""The env attribute holding every memory (pickled with the environment)."""

KEYS = {
    "pageorder.navigation": "the outline and titles a builder last wrote (pageorder)",
    "fastnav.snapshot": "each page's parents, neighbours, listed pages and every title, "
                        "as the HTML builder last wrote them (fastnav.navpatch)",
    "website.fingerprint": "the metadata, editions and site address the site last showed",
    "website.pages": "every page a builder ever wrote (their HTML is deleted while they are out)",
    "publication.read_warnings": "the warnings each page gave when it was last read, said "
                                 "again by a build that does not read it (publication.readwarnings)",
    "website.read": "when each page was read, as a builder last wrote it (read again for "
                    "another builder: rewritten)",
    "jekyll_compat.old_urls": "every page by the addresses it had on the Jekyll site",
    "record.releases": "the fingerprint of the frozen releases (versions, SHA256SUMS) that the "
                       "pages listing them were read with",
    "record.release_pages": "the pages that list the releases (the releases directive): read "
                            "again when a release comes",
    "jekyll_compat.category_pages": "the pages that list a category's posts (a layout's "
                                    "site.categories[…]), each with the posts it was read with: "
                                    "read again when those change",
    "changes.output": "the stamp of the output a builder's memories were made with (a failed "
                      "build's output is thrown away, its memories are not: changes.glue)",
}
"""Every memory, with what it holds: a room adds its key here, with one line."""

OUTPUT = "changes.output"

FOR_EVERY_OUTPUT = {"website.pages", OUTPUT}
"""Memories true of any output a builder made, kept when its memories of one output go."""

MISSING: Any = None
"""What :func:`recall` and :func:`remember` give when nothing was remembered yet."""


def _slot(key: str, builder: str | None) -> str:
    if key not in KEYS:
        raise KeyError(f"{key!r} is not a declared memory (add it to changes.KEYS)")
    return key if builder is None else f"{key}@{builder}"


def recall(env: Any, key: str, builder: str | None = None) -> Any:
    """What was remembered under ``key`` (for ``builder``), or :data:`MISSING`."""
    return getattr(env, ATTRIBUTE, {}).get(_slot(key, builder), MISSING)


def remember(env: Any, key: str, value: Any, builder: str | None = None) -> Any:
    """Remember ``value`` under ``key`` (for ``builder``); return what was there before."""
    memory = env.__dict__.setdefault(ATTRIBUTE, {})
    slot = _slot(key, builder)
    previous = memory.get(slot, MISSING)
    memory[slot] = value
    return previous


def forget_another_output(env: Any, builder: str, stamp: Any) -> bool:
    """Forget what ``builder`` remembers writing unless it wrote the output stamped ``stamp``.

    ``make all`` throws a failed build's output away and starts the next from the live
    edition, but the failed build saved its memories with the shared cache: the next
    build believed the live pages showed what the failed one wrote. Forgotten, every page
    is written again once. Whether anything was forgotten.
    """
    if stamp is not MISSING and recall(env, OUTPUT, builder) == stamp:
        return False
    memory = env.__dict__.get(ATTRIBUTE, {})
    mine = [slot for slot in memory if slot.endswith(f"@{builder}")
            and slot.rsplit("@", 1)[0] not in FOR_EVERY_OUTPUT]
    for slot in mine:
        del memory[slot]
    return bool(mine)

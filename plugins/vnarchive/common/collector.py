"""The cyclic garbage collector during a conversion or a build.

Both make many objects that live to their end (records and report entries;
every article, its metadata, URL wrappers, the taxonomies) and almost no
reference cycles. At CPython's default thresholds the collector runs every
700 allocations and walks those objects over and over, a few percent of a
conversion and of a build (docs/performance.md). Reference counting frees
everything else as usual.

- `fewer_collections(young)`: a block (the conversion, the sharded build's
  metadata pass) run with the young
  generation collected every `young` allocations, the objects alive before
  it (modules, a host such as Pelican) set aside; both undone after it.
- For a Pelican build, by fast_build's signal receivers: `collect_less`
  when it starts, `freeze_context` once the generators have built the
  context (later collections look only at what rendering makes), `thaw` at
  its end, so a process that runs several builds (the tests) collects each
  one's cycles.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

BUILD_YOUNG = 100_000  # allocations between young-generation collections in a build (CPython: 700)


@contextlib.contextmanager
def fewer_collections(young: int) -> Iterator[None]:
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(young, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def collect_less(_pelican=None) -> None:
    """initialized: fewer collections of the young generation (never more than the current setting)."""
    young, middle, old = gc.get_threshold()
    if young and young < BUILD_YOUNG:
        gc.set_threshold(BUILD_YOUNG, middle, old)


_frozen = [False]


def freeze_context(_generators=None) -> None:
    """all_generators_finalized: the context lives to the end of the build; the collector stops walking it."""
    if not gc.get_freeze_count():
        gc.freeze()
        _frozen[0] = True


def thaw(_pelican=None) -> None:
    """finalized: the build's objects are the collector's again."""
    if _frozen[0]:
        gc.unfreeze()
        _frozen[0] = False

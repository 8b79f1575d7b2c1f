"""The cyclic garbage collector during a build.

A build allocates hundreds of thousands of objects (every article, its
metadata, URL wrappers, the taxonomies) that live until it ends, and almost
none of them form garbage cycles. At CPython's default thresholds the
collector runs every 700 allocations and walks them over and over, a
measurable share of a build (docs/performance.md). So the young generation
is collected less often, and once the generators have built the context
(`all_generators_finalized`) it is frozen: later collections look only at
what rendering makes. Reference counting frees everything else as usual,
and at the end of the build (`finalized`) the context is thawed, so that a
process running several builds (the tests) collects each one's cycles.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 100_000  # allocations between collections of the youngest generation (CPython: 700)


def collect_less(_pelican=None) -> None:
    """initialized: fewer collections of the young generation (never more than the current setting)."""
    young, middle, old = gc.get_threshold()
    if young and young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, middle, old)


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

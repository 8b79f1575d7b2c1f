"""The duplicate sketch's bins computed with numpy, equal to corpus.sketch's.

corpus.py hashes each word 5-gram as `hash(tuple of five word ids)` and keeps,
per bin, the smallest hash; in Python that is a tuple, a hash call, a set
entry and a sort comparison per shingle (about 0.15 ms per article, an
eighth of the conversion). Here the same 64-bit hashes come from CPython's
tuple-hash formula (xxHash-style lanes, Objects/tupleobject.c) applied to
whole arrays, and the minimum per bin from one sort. The formula is checked
against the interpreter's own `hash()` once (`available()`); when it differs
(another interpreter, a 32-bit build) or numpy is missing, corpus.py keeps
its own way. numpy is imported on first use only: a conversion of a few
files never pays for it.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable

_XXPRIME_1 = 11400714785074694791
_XXPRIME_2 = 14029467366897019727
_XXPRIME_5 = 2870177450012600261
_ALL_ONES = (1 << 64) - 1
_STATE: dict[str, object] = {}


def _numpy():
    """numpy, or None when it is not installed or this is not a 64-bit CPython."""
    if "np" not in _STATE:
        np = None
        if sys.implementation.name == "cpython" and sys.hash_info.width == 64:
            try:
                import numpy as np
            except ImportError:
                np = None
        _STATE["np"] = np
    return _STATE["np"]


def shingle_hashes(ids: Iterable[int], length: int, size: int):
    """uint64 array: hash(tuple(ids[i:i + size])) & (2**64 - 1) for each i.

    `ids`: `length` ints below 2**61 (which hash to themselves), read once
    (an iterator will do)."""
    np = _numpy()
    count = length - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        lanes = np.fromiter(ids, dtype=np.uint64, count=length) * np.uint64(_XXPRIME_2)
        acc = np.full(count, _XXPRIME_5, dtype=np.uint64)
        high = np.empty(count, dtype=np.uint64)
        for k in range(size):
            acc += lanes[k:k + count]
            np.right_shift(acc, np.uint64(33), out=high)
            np.left_shift(acc, np.uint64(31), out=acc)
            acc |= high
            acc *= np.uint64(_XXPRIME_1)
        acc += np.uint64(size ^ (_XXPRIME_5 ^ 3527539))
    acc[acc == np.uint64(_ALL_ONES)] = 1546275796
    return acc


def min_per_bin(ids: Iterable[int], length: int, size: int, bins: int, shift: int, min_distinct: int, empty: int) -> list[int] | None:
    """For each bin b < bins, (the smallest distinct shingle hash h with
    h % bins == b) >> shift, or `empty` for an empty bin; None when there
    are fewer than min_distinct distinct hashes."""
    np = _numpy()
    hashes = shingle_hashes(ids, length, size)
    if len(hashes) < min_distinct:
        return None
    hashes.sort()
    if np.count_nonzero(hashes[1:] != hashes[:-1]) + 1 < min_distinct:
        return None
    values = np.full(bins, empty, dtype=np.uint64)
    np.minimum.at(values, hashes % np.uint64(bins), hashes >> np.uint64(shift))
    return values.tolist()


def available() -> bool:
    """Whether numpy is there and gives the interpreter's own tuple hashes."""
    if "ok" not in _STATE:
        ok = False
        if _numpy() is not None:
            rnd = random.Random(5)
            ids = [rnd.getrandbits(32) for _ in range(200)] + [0, 1, 2**61 - 2, 2**32 - 1]
            got = shingle_hashes(ids, len(ids), 5).tolist()
            ok = got == [hash(tuple(ids[i:i + 5])) & _ALL_ONES for i in range(len(ids) - 4)]
        _STATE["ok"] = ok
    return bool(_STATE["ok"])

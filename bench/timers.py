"""Wall-clock totals of functions, for the bench scripts that time a build's steps in-process."""

from __future__ import annotations

import collections
import time


class Timers:
    """`wrap(owner, name, label)` replaces owner.name by a wrapper that adds its wall time to `seconds[label]`."""

    def __init__(self):
        self.seconds: collections.Counter = collections.Counter()
        self.calls: collections.Counter = collections.Counter()

    def wrap(self, owner, name: str, label: str | None = None) -> None:
        function, label = getattr(owner, name), label or name

        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - began
                self.calls[label] += 1

        setattr(owner, name, wrapper)

    def clear(self) -> None:
        self.seconds.clear()
        self.calls.clear()

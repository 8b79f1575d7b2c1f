"""A time budget per raw file, so that one hostile file cannot hang a build.

A file whose conversion takes longer than the budget (a regex driven into
backtracking, a pathological line) is stopped and reported as a failure;
the other files convert as usual. The budget is enforced with a one-shot
real-time timer (`setitimer`, SIGALRM) in the process that converts the file:
arming and disarming it are two system calls per file, and the signal
interrupts Python code and the `re` engine alike (its matching loop checks
for signals). A timer can only be handled in a process's main thread, which
is where the local executors run the files (`-j 1` in this process, `-j N`
in the pool's worker processes). Where that does not hold the files run
without a budget:

- the Dask executor (its workers run tasks in threads): bound a run there
  with Dask's own means (restart a stuck worker);
- a conversion started from another thread, or on a system without
  SIGALRM (Windows);
- a host that has its own SIGALRM timer running (its alarm is left alone).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

DEFAULT_SECONDS = 10.0


class FileTimeout(BaseException):
    """Raised in the converting code when the file's time is up.

    A BaseException, like KeyboardInterrupt, so that the converter's own
    `except Exception` fallbacks (a parser error kept as a warning) cannot
    swallow it and carry on with the slow file.
    """


def _alarm(signum, frame) -> None:
    raise FileTimeout


_ACTIVE = threading.local()  # .on: the handler is installed in this thread (the main one)


def usable() -> bool:
    """Whether `limited()` can stop a file here (inside `alarms()`)."""
    return getattr(_ACTIVE, "on", False)


@contextlib.contextmanager
def alarms() -> Iterator[bool]:
    """Install the SIGALRM handler for a batch of files, when this thread can
    take signals and no other timer is running; yields whether it did."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread() or usable():
        yield usable()
        return
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # the host's own alarm: leave it be
        yield False
        return
    try:
        previous = signal.signal(signal.SIGALRM, _alarm)
    except (ValueError, OSError):
        yield False
        return
    _ACTIVE.on = True
    try:
        yield True
    finally:
        _ACTIVE.on = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def arm(seconds: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, seconds)


def disarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)

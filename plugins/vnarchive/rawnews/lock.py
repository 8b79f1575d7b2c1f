"""One conversion at a time per content folder: dest/.rawnews/lock.

The lock is an flock on that file, which the system drops when its holder
ends however it ends (SIGKILL included): a lock left by a dead process is
simply taken over. A second run waits for it up to WAIT_SECONDS, then
stops with ConversionError (the CLI exits 2). The lock file stays in place
(removing it would let two runs lock two different files); it holds the
holder's process id, for the message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import ConversionError

try:
    import fcntl
except ImportError:  # (not on Windows: no lock there)
    fcntl = None

logger = logging.getLogger(__name__)

LOCK_NAME = "lock"
WAIT_SECONDS = 30.0
POLL_SECONDS = 0.1

_HELD: set[int] = set()  # descriptors of the locks this process holds


def _close_in_child() -> None:
    """A forked worker must not keep its parent's lock alive: an flock
    belongs to the open file, which fork shares, and a worker left behind
    by a killed parent would hold it for good."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


@contextlib.contextmanager
def held(folder: Path, dest: Path, wait: float | None = None, what: str = "conversion", prefix: str = "rawnews") -> Iterator[None]:
    """Hold folder/lock for the block; ConversionError when another process
    holds it for longer than `wait` seconds (WAIT_SECONDS by default).
    `what` names the work in the messages and `prefix` starts the log line (the sharded build
    holds its own lock)."""
    if fcntl is None:
        yield
        return
    wait = WAIT_SECONDS if wait is None else wait
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        _acquire(fd, path, dest, wait, what, prefix)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    _HELD.add(fd)
    try:
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)  # (releases the lock)


def _acquire(fd: int, path: Path, dest: Path, wait: float, what: str, prefix: str) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(path)
        if time.monotonic() >= deadline:
            raise ConversionError(f"another {what}{holder} is writing to {dest}; try again when it has finished")
        if not told:
            logger.warning("%s: waiting up to %g s for another %s%s writing to %s", prefix, wait, what, holder, dest)
            told = True
        time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        pid = int(path.read_text(encoding="ascii").strip() or "0")
    except (OSError, ValueError):
        pid = 0
    return f" (process {pid})" if pid > 0 else ""

"""Small file helpers shared by the converter's modules, and the test hook
that injects a crash or a full disk before any write of a run."""

from __future__ import annotations

import hashlib
import os
import stat as _stat
from collections.abc import Callable
from pathlib import Path

# Test hook: when set, called with the name of each write step ("stage",
# "journal", "place", "write", "remove", "store", "state", "report", ...)
# just before it is done; it may raise (a full disk) or kill the process.
before_write: Callable[[str], None] | None = None


def step(name: str) -> None:
    if before_write is not None:
        before_write(name)


def sha(data: str | bytes) -> str:
    """The sha256 of a post (its UTF-8 bytes): how posts are told apart."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def digest(text: str) -> str:
    """A short digest, for keys that only need to tell versions apart."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def signature(path: str | Path) -> list[int] | None:
    """[size, mtime in ns], or None when path cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def read_or_none(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def write_atomic(path: str | Path, data: bytes, name: str, durable: bool = False) -> None:
    """Write through a temporary file and a rename, so a reader or a crash
    sees the old file or the new one, never half of one. `durable`: flushed
    to the disk before the rename (the files a power loss must not empty)."""
    path = os.fspath(path)
    tmp = path + ".tmp"
    step(name)
    with open(tmp, "wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(tmp, path)
    if durable:  # (the rename itself, before what the caller writes next)
        folder = os.open(os.path.dirname(path) or ".", os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def write_if_changed(path: str | Path, content: str | bytes, name: str, durable: bool = False) -> bool:
    """write_atomic unless the file already holds exactly `content` (text: as UTF-8); True when written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with open(path, "rb") as handle:
            if handle.read(len(data) + 1) == data:
                return False
    except OSError:
        pass
    write_atomic(path, data, name, durable)
    return True


def file_kind(mode: int) -> str:
    for test, kind in ((_stat.S_ISFIFO, "a named pipe"), (_stat.S_ISSOCK, "a socket"), (_stat.S_ISCHR, "a character device"), (_stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a file"

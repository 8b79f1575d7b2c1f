"""The work done per file, in worker processes (or in this one with -j 1):
map one raw file to what the reduce needs of it, and, once the reduce has
given each post its slug and authors, emit that post.

Tasks and results are small frozen dataclasses of strings and numbers: they
are pickled to and from the worker processes (or a Dask cluster).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import stat as _stat

from . import timelimit
from .convert import convert
from .corpus import Summary, sketch
from .emit import emit
from .files import digest, file_kind, sha, step
from .model import RawFile, Rejected
from .normalize import received_text
from .store import article_from_json, article_json


@dataclasses.dataclass(frozen=True)
class MapTask:
    path: str
    name: str  # as reported (inputs.printable)
    manifest: dict[str, str]
    default_year: int | None
    max_bytes: int
    known_hash: str = ""  # the sha256 of the bytes last converted ('': convert whatever they are)
    seconds: float = 0.0  # time budget (0: none)
    texts: str = ""  # folder of the raw-text copies, <sha256>.txt ('': none written)


@dataclasses.dataclass(frozen=True)
class Same:
    """The file holds the bytes converted last time."""

    hash: str = ""


@dataclasses.dataclass(frozen=True)
class Failed:
    reason: str
    hash: str = ""  # set when the same bytes would fail again: not read again while unchanged


@dataclasses.dataclass(frozen=True)
class Converted:
    """What the parent keeps of a converted file (the article only as JSON)."""

    hash: str  # sha256 of the raw bytes
    data: str  # the Article as stored in articles.sqlite
    digest: str  # of data
    summary: Summary  # what the reduce reads
    encoding: str
    warnings: tuple[str, ...]
    sketch: str  # MinHash sketch for the near-duplicate search


MapResult = Same | Failed | Converted


def map_batch(batch: list[MapTask]) -> list[MapResult]:
    with timelimit.alarms():  # (the signal handler once per batch; the timer per file)
        return [map_one(task) for task in batch]


def map_one(task: MapTask) -> MapResult:
    """_map_one within the task's time budget, where it can be enforced
    (timelimit.py): a file that takes longer is a failure, and is tried
    again on the next run (no hash is kept: load, not bytes, may be the cause)."""
    if not task.seconds or not timelimit.usable():
        return _map_one(task)
    try:
        timelimit.arm(task.seconds)
        try:
            return _map_one(task)
        finally:
            timelimit.disarm()
    except timelimit.FileTimeout:
        timelimit.disarm()  # (the alarm came before the disarm above)
        return Failed(f"took longer than {task.seconds:g} s to convert (time limit per file)")


def _map_one(task: MapTask) -> MapResult:
    """Read and convert one file; never raises (a crash is the file's failure).

    The file is opened without following a symbolic link and without
    blocking, must be a regular file, and at most max_bytes + 1 bytes are
    read, so a file swapped for a link, a FIFO or a huge file after listing
    costs nothing.
    """
    hashed = ""
    try:
        data = read_limited(task.path, task.max_bytes)
        hashed = hashlib.sha256(data).hexdigest()
        if hashed == task.known_hash:
            return Same(hashed)
        article = convert(RawFile(task.name, data, task.manifest), task.default_year)
        if task.texts:
            write_text_copy(task.texts, hashed, data)
        stored = article_json(article)
        return Converted(
            hashed, stored, digest(stored),
            Summary(article.source, article.source_id, article.slug, article.fingerprint, tuple(article.credits.authors)),
            article.encoding, tuple(article.warnings), sketch(article),
        )
    except Rejected as error:
        return Failed(str(error), hashed)
    except OSError as error:
        return Failed(f"cannot read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 - a bug must not lose the other files
        return Failed(f"converter error: {type(error).__name__}: {error}")


def write_text_copy(folder: str, hashed: str, data: bytes) -> None:
    """<folder>/<sha256>.txt: the raw text as received, in UTF-8 with a BOM
    (so a browser reads it as UTF-8 whatever the server says). Named by the
    raw bytes' hash, so an unchanged file's copy is never written again and
    a run stopped halfway leaves only whole, correct copies. A copy that
    cannot be written is left out (the run sees it missing: the file is read
    again next time); it never fails the article."""
    path = os.path.join(folder, hashed + ".txt")
    text = ("\ufeff" + received_text(data)).encode("utf-8", "replace")
    try:
        with open(path, "rb") as handle:
            if handle.read(len(text) + 1) == text:
                return
    except OSError:
        pass
    tmp = f"{path}.{os.getpid()}.tmp"  # (two identical raw files are two tasks, maybe at once)
    try:
        step("text copy")
        with open(tmp, "wb") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def read_limited(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file; Rejected when it is larger than max_bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:  # (plain file descriptor calls: no buffered file object per file)
        info = os.fstat(fd)
        if not _stat.S_ISREG(info.st_mode):
            raise Rejected(f"not a regular file ({file_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise Rejected(f"file too large: {info.st_size} bytes (limit {max_bytes})")
        # Ask for the size stat gave (a larger request allocates that much up
        # front), then for the rest in case the file grew since.
        data = _read_upto(fd, info.st_size + 1)
        if len(data) > info.st_size:
            data += _read_upto(fd, max_bytes + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Rejected(f"file too large: more than {max_bytes} bytes (limit {max_bytes})")
    return data


def _read_upto(fd: int, limit: int) -> bytes:
    """Up to limit bytes from fd, fewer only at the end of the file."""
    data = os.read(fd, limit)
    if not data or len(data) == limit:
        return data
    chunks = [data]
    size = len(data)
    while size < limit:
        chunk = os.read(fd, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


# -- emitting the posts, after the reduce -------------------------------------

@dataclasses.dataclass(frozen=True)
class EmitTask:
    name: str
    data: str  # the Article as stored (Converted.data)
    slug: str  # as the reduce gave it (unique)
    authors: tuple[str, ...]  # as the reduce gave them (canonical names)
    staging: str  # folder to write the post in ('': send it back)


@dataclasses.dataclass(frozen=True)
class Emitted:
    name: str
    sha: str = ""  # of the post
    staged: str = ""  # where the post was written, or
    text: str = ""  # the post itself, when it could not be staged
    stat: tuple[int, int] | None = None  # the staged file's size and mtime, which a rename keeps
    error: str = ""  # why there is no post (the report's reason)


def emit_batch(batch: list[EmitTask]) -> list[Emitted]:
    return [emit_one(task) for task in batch]


def emit_one(task: EmitTask) -> Emitted:
    """The post of one article with its final slug and authors; written into
    the staging folder when there is one, so that writing thousands of posts
    is shared by the workers and the parent only renames them into place."""
    try:
        article = article_from_json(task.data)
        printed = article.credits.authors if tuple(task.authors) != tuple(article.credits.authors) else ()
        article = dataclasses.replace(article, credits=dataclasses.replace(article.credits, authors=task.authors, printed=printed), slug=task.slug)
        text = emit(article)
    except Exception as error:  # noqa: BLE001 - one post must not stop the others
        reason = str(error) if isinstance(error, Rejected) else f"converter error: {type(error).__name__}: {error}"
        return Emitted(task.name, error=reason)
    data = text.encode("utf-8")
    if task.staging:
        try:
            path, stat = stage(task.staging, task.name, data)
            return Emitted(task.name, sha(data), staged=path, stat=stat)
        except OSError:  # the parent writes it
            pass
    return Emitted(task.name, sha(data), text=text)


def stage(staging: str, name: str, data: bytes) -> tuple[str, tuple[int, int]]:
    """Write a post into the staging folder: (its path, its size and mtime)."""
    path = os.path.join(staging, digest(name) + ".md.tmp")
    data = memoryview(data)
    step("stage")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        while data:
            data = data[os.write(fd, data):]
        info = os.fstat(fd)
    finally:
        os.close(fd)
    return path, (info.st_size, info.st_mtime_ns)

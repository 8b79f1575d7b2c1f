"""Files in, files out: the only part of the converter that does I/O.

convert_folder() lists the raw files, maps the pure stages over the changed
ones (in parallel), reduces over the corpus, writes the posts that changed
and a JSON report that names every input.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import gc
import hashlib
import json
import logging
import os
import sqlite3
import stat as _stat
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Iterator
from pathlib import Path

from . import emit as _emit_module
from . import timelimit
from .convert import convert
from .corpus import DUPLICATE_SCHEME, SKETCH_SCHEME, DuplicateFinder, Summary, author_names, canonical_authors, reduce_summaries, search_duplicates, sketch
from .corpus import _shingle_hashes, shingle_words
from .data import pairs
from .emit import emit, reissue
from .model import Article, Credits, PartialDate, RawFile, Rejected, ReportEntry
from .slug import is_safe_slug

logger = logging.getLogger(__name__)

# Bump when extraction or the state's format changes, so cached results are recomputed.
CONVERTER_VERSION = "5"
STATE_DIR = ".rawnews"
STATE_NAME = "state.json"
STORE_NAME = "articles.sqlite"
ALIAS_FILE = "author_aliases.txt"
MANIFEST_NAME = "manifest.csv"
STAGING_NAME = "staging"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = timelimit.DEFAULT_SECONDS  # seconds per file
PARALLEL_THRESHOLD = 200
STORE_BATCH = 256  # store rows written per statement while the map runs
GC_THRESHOLD = 20_000  # allocations between young-generation collections while converting (Python's default: 700)


class ConversionError(Exception):
    """The conversion could not run at all (missing folder, unwritable dest)."""


# -- listing inputs ---------------------------------------------------------

def list_inputs(src: Path) -> tuple[list[Path], list[ReportEntry]]:
    """Raw `.txt` files under src, subfolders included, and entries for the rest.

    Nothing vanishes silently: symbolic links are reported and never followed
    (they could point outside the corpus), hidden files and folders (`.git`)
    are reported and not read, other names are reported as not `.txt`, and a
    `.txt` name that is not a regular file (a FIFO would block the build, a
    device never ends) is a failure. manifest.csv at the top is the manifest.
    """
    named, skipped = _named_inputs(src)
    return [path for path, _ in named], skipped


def _named_inputs(src: Path) -> tuple[list[tuple[Path, str]], list[ReportEntry]]:
    """list_inputs, each file with the name it is reported under (see _rel)."""
    files, skipped = [], []
    top = os.fspath(src)

    def unreadable(error: OSError) -> None:
        name = _rel(Path(error.filename), src) if error.filename else "."
        skipped.append(ReportEntry(name, "failed", reason=f"cannot list folder: {error.strerror or error}"))

    for root, dirs, names in os.walk(top, onerror=unreadable, followlinks=False):
        # The names of this folder's entries, as _rel gives them (one string
        # operation per file instead of Path arithmetic).
        prefix = _printable(Path(root).relative_to(top).as_posix() + "/") if root != top else ""
        for name in sorted(dirs):
            path = Path(root, name)
            if os.path.islink(path):
                skipped.append(ReportEntry(prefix + _printable(name), "ignored", reason="symbolic link to a folder, not followed"))
                dirs.remove(name)
            elif name.startswith("."):
                skipped.append(ReportEntry(prefix + _printable(name), "ignored", reason="hidden folder, not read"))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(root, name)
            rel = prefix + _printable(name)
            try:
                mode = os.lstat(full).st_mode
            except OSError as error:
                skipped.append(ReportEntry(rel, "failed", reason=f"cannot read: {error.strerror or error}"))
                continue
            if _stat.S_ISLNK(mode):
                skipped.append(ReportEntry(rel, "ignored", reason="symbolic link, not followed"))
            elif rel == MANIFEST_NAME:
                continue
            elif name.startswith("."):
                skipped.append(ReportEntry(rel, "ignored", reason="hidden file, not read"))
            elif not name.lower().endswith(".txt"):
                skipped.append(ReportEntry(rel, "ignored", reason="not a .txt file"))
            elif not _stat.S_ISREG(mode):
                skipped.append(ReportEntry(rel, "failed", reason=f"not a regular file ({_file_kind(mode)})"))
            else:
                files.append((Path(full), rel))
    return files, skipped


def _file_kind(mode: int) -> str:
    for test, kind in ((_stat.S_ISFIFO, "a named pipe"), (_stat.S_ISSOCK, "a socket"), (_stat.S_ISCHR, "a character device"), (_stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a file"


def _rel(path: Path, src: Path) -> str:
    """The name a file is reported under: relative, '/'-separated, valid UTF-8.

    Bytes of a name that are not UTF-8 are written as `\\xe9`, so every name can
    go into JSON, a post and a log (the file itself is read by its real path).
    """
    return _printable(path.relative_to(src).as_posix())


def _printable(name: str) -> str:
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_manifest(src: Path) -> dict[str, dict[str, str]]:
    """manifest.csv (file, url, published, crawled) keyed by file name."""
    return load_manifest(src)[0]


def load_manifest(src: Path) -> tuple[dict[str, dict[str, str]], str]:
    """(rows keyed by file name, a problem to report or ''); a broken manifest never stops the build."""
    path = src / MANIFEST_NAME
    if path.is_symlink():
        return {}, "symbolic link, not followed: manifest not used"
    if not path.is_file():
        return {}, ""
    try:
        data = path.read_bytes()
    except OSError as error:
        return {}, f"cannot read manifest: {error.strerror or error}"
    problem = ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        problem = "manifest is not valid UTF-8: bad bytes replaced"
    try:
        rows = list(csv.DictReader(text.replace("\x00", "").splitlines()))
    except csv.Error as error:
        return {}, f"manifest is not valid CSV: {error}"
    if rows and "file" not in rows[0]:
        return {}, "manifest has no 'file' column: not used"
    manifest = {}
    for row in rows:
        name = (row.get("file") or "").strip()
        if name:
            manifest[name] = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items() if isinstance(k, str) and k}
    return manifest, problem


# -- the map step, run in worker processes ------------------------------------

def map_one(
    path: str, name: str, manifest: dict, default_year: int | None, max_bytes: int, known_hash: str, staging: str = "", seconds: float = 0.0
) -> dict:
    """_map_one within a time budget of `seconds` (0: none), where it can be
    enforced (timelimit.py): a file that takes longer is a failure, and is
    tried again on the next run (no hash is kept: load, not bytes, may be
    the cause)."""
    if not seconds or not timelimit.usable():
        return _map_one(path, name, manifest, default_year, max_bytes, known_hash, staging)
    try:
        timelimit.arm(seconds)
        try:
            return _map_one(path, name, manifest, default_year, max_bytes, known_hash, staging)
        finally:
            timelimit.disarm()
    except timelimit.FileTimeout:
        timelimit.disarm()  # (the alarm came before the disarm above)
        return {"status": "failed", "reason": f"took longer than {seconds:g} s to convert (time limit per file)"}


def _map_one(path: str, name: str, manifest: dict, default_year: int | None, max_bytes: int, known_hash: str, staging: str = "") -> dict:
    """Read and convert one file; never raises (a crash is the file's failure).

    With `staging` (a folder in dest, when the workers share the parent's
    file system) the post is also written there, and the parent only renames
    it into place when the reduce leaves it as it is: writing thousands of
    posts is then shared by the workers instead of following the map.

    The file is opened without following a symbolic link and without
    blocking, must be a regular file, and at most max_bytes + 1 bytes are
    read, so a file swapped for a link, a FIFO or a huge file after listing
    costs nothing.
    """
    digest = ""
    try:
        data = _read_limited(path, max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        if digest == known_hash:
            return {"status": "same", "hash": digest}
        article = convert(RawFile(name, data, manifest), default_year)
        # Only strings and short lists go back to the parent (pickled per
        # result): the stored form of the article (articles.sqlite) and its
        # digest, what the reduce reads of it, its sketch and its post.
        stored = json.dumps(article_to_dict(article), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        result = {
            "status": "ok", "hash": digest, "data": stored, "digest": _digest(stored),
            "summary": [article.source_id, article.slug, article.fingerprint, list(article.credits.authors)],
            "encoding": article.encoding, "warnings": list(article.warnings), "sketch": sketch(article),
        }
        try:
            # The post as it will be unless the reduce changes its authors or
            # slug (rarely): emitting (and digesting) here moves that work to the workers.
            post = emit(article)
            result["post"], result["sha"] = post, _sha(post)
        except Exception:  # noqa: BLE001 - the parent emits again and reports why
            return result
        if staging:
            try:
                result["staged"] = _stage(staging, name, post)
                del result["post"]
            except OSError:  # the parent writes it
                pass
        return result
    except Rejected as error:
        return {"status": "failed", "reason": str(error), "hash": digest}
    except OSError as error:
        return {"status": "failed", "reason": f"cannot read: {error.strerror or error}"}
    except Exception as error:  # noqa: BLE001 - a bug must not lose the other files
        return {"status": "failed", "reason": f"converter error: {type(error).__name__}: {error}"}


def _read_limited(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file; Rejected when it is larger than max_bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:  # (plain file descriptor calls: no buffered file object per file)
        info = os.fstat(fd)
        if not _stat.S_ISREG(info.st_mode):
            raise Rejected(f"not a regular file ({_file_kind(info.st_mode)})")
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


def _stage(staging: str, name: str, text: str) -> tuple[str, list[int]]:
    """Write a post into the staging folder: (its path, its size and time),
    which a rename keeps, so the parent need not stat it again."""
    path = os.path.join(staging, _digest(name) + ".md.tmp")
    data = memoryview(text.encode("utf-8"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        while data:
            data = data[os.write(fd, data):]
        info = os.fstat(fd)
    finally:
        os.close(fd)
    return path, [info.st_size, info.st_mtime_ns]


def _map_batch(batch: list[tuple]) -> list[dict]:
    with timelimit.alarms():  # (the signal handler once per batch; the timer per file)
        return [map_one(*task) for task in batch]


def article_to_dict(article: Article) -> dict:
    """dataclasses.asdict(article), without its generic deep copy (the fields
    are strings, ints and tuples of strings)."""
    data = dict(article.__dict__)
    data["date"] = dict(article.date.__dict__)
    data["credits"] = dict(article.credits.__dict__)
    return data


def article_from_dict(data: dict) -> Article:
    data = dict(data)
    data["date"] = PartialDate(**data["date"])
    data["credits"] = Credits(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["credits"].items()})
    for key in ("paragraphs", "tags", "warnings"):
        data[key] = tuple(data[key])
    return Article(**data)


def run_map(
    tasks: list[tuple],
    jobs: int,
    progress: bool,
    executor: str | None = None,
    scheduler: str | None = None,
) -> list[dict]:
    """Map over tasks, results in task order (iter_map, as a list)."""
    return list(iter_map(tasks, jobs, progress, executor, scheduler))


def iter_map(
    tasks: list[tuple],
    jobs: int,
    progress: bool,
    executor: str | None = None,
    scheduler: str | None = None,
) -> Iterator[dict]:
    """Map over tasks, yielding the results in task order as they come.

    Runs in local processes (`jobs` of them) when there are enough tasks, or
    on the executor named here or set with `executors.configured()` (a Dask
    cluster). `progress` asks for a bar, shown only on a terminal. The caller
    can use each result while the workers convert the next files.
    """
    from . import executors

    config = executors.current() if executor is None else executors.ExecutorConfig(executor, scheduler)
    if not tasks:
        return
    if config.kind == "process" and (jobs <= 1 or len(tasks) < PARALLEL_THRESHOLD):
        config = executors.ExecutorConfig("serial")
    pool = executors.make_executor(config, jobs)
    try:
        with executors.Progress(len(tasks), progress) as bar:
            for batch_result in pool.map(_map_batch, executors.batches(tasks, pool.workers)):
                yield from batch_result
                bar.update(len(batch_result))
    finally:
        pool.close()


def _progress(iterable, enabled: bool, total: int | None = None):
    """Wrap an iterable in a tqdm bar when a person watches a terminal."""
    from .executors import progress_wanted

    if not progress_wanted(enabled):
        return iterable
    try:
        from tqdm import tqdm
    except ImportError:
        return iterable
    return tqdm(iterable, total=total, unit="file", file=sys.stderr)


def _map_all(tasks: list[tuple], jobs: int, progress: bool) -> Iterator[dict]:
    """iter_map, and when its executor breaks (a worker killed by a crash or
    the memory limit), the tasks not done yet again in fresh processes,
    halving the batches that still break, so only the file that kills a
    worker fails."""
    done = 0
    try:
        for result in iter_map(tasks, jobs, progress):
            done += 1
            yield result
    except ConversionError:
        raise
    except Exception as error:  # noqa: BLE001 - BrokenProcessPool, a killed Dask worker, ...
        logger.warning("rawnews: the conversion workers failed (%s: %s); converting again in isolated processes", type(error).__name__, error)
        yield from _map_isolated(tasks[done:], f"{type(error).__name__}")


def _map_isolated(tasks: list[tuple], cause: str) -> list[dict]:
    results: list[dict | None] = [None] * len(tasks)
    pending = [(0, len(tasks))]
    while pending:
        start, end = pending.pop()
        try:
            with ProcessPoolExecutor(max_workers=1) as pool:
                results[start:end] = pool.submit(_map_batch, tasks[start:end]).result()
        except Exception as error:  # noqa: BLE001 - the worker died again
            if end - start == 1:
                results[start] = {"status": "failed", "reason": f"converter process crashed on this file ({cause}; {type(error).__name__})"}
            else:
                middle = (start + end) // 2
                pending += [(middle, end), (start, middle)]
    return results  # type: ignore[return-value]


def _unique_names(named: list[tuple[Path, str]]) -> tuple[list[tuple[Path, str]], list[ReportEntry]]:
    """Drop files whose printable name is taken by another (`caf\\xe9.txt` spelled
    out, beside a non-UTF-8 `café.txt`); they are reported, never lost silently."""
    seen: set[str] = set()
    kept, clashes = [], []
    for path, name in named:
        if name in seen:
            clashes.append(ReportEntry(name, "failed", reason="another file has the same printable name; rename one of them"))
        else:
            seen.add(name)
            kept.append((path, name))
    return kept, clashes


# -- state ----------------------------------------------------------------------
#
# dest/.rawnews/state.json (compact JSON) holds, per raw file, what is needed
# to skip it when it did not change: its hash, size and time, manifest row,
# and either the failure or the article's summary (what the reduce reads),
# digest and the post last written from it (its key, file, hash, size and
# time). The articles themselves and their MinHash sketches are in
# dest/.rawnews/articles.sqlite: sketches are read when the duplicate search
# must run again, articles only for the few that must be emitted again or
# be compared word by word. Also kept: the slug registry, the posts written
# (to find hand edits), and the last duplicate search and author mapping,
# each with a digest of its inputs. During a run, dest/.rawnews/staging holds
# the posts the workers wrote, until the parent renames them into place (it is
# removed at the end of every run, and at the start of the next after a crash).

class ArticleStore:
    """Converted articles as JSON, keyed by raw file name, in SQLite (stdlib).

    A row is used only when the digest state.json gives for it is the digest
    of its data (a sketch, when its digest column is that one); anything else (a missing, tampered or unreadable database)
    means those files are converted again, never a failed build.
    """

    SCHEMA = 1

    def __init__(self, path: Path):
        self.path = path
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._connect()
        except sqlite3.Error:
            for name in (path.name, path.name + "-journal"):
                try:
                    (path.parent / name).unlink()
                except OSError:
                    pass
            try:
                self.db = self._connect()
            except sqlite3.Error as error:
                logger.warning("rawnews: cannot use %s (%s): every file is converted on every run", path, error)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != self.SCHEMA:
                with db:
                    db.execute("DROP TABLE IF EXISTS articles")
                    db.execute("CREATE TABLE articles (name TEXT PRIMARY KEY, digest TEXT NOT NULL, sketch TEXT NOT NULL, data TEXT NOT NULL)")
                    db.execute(f"PRAGMA user_version = {self.SCHEMA}")
            db.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def digests(self) -> dict[str, str]:
        if self.db is None:
            return {}
        try:
            return {name: digest for name, digest in self.db.execute("SELECT name, digest FROM articles")
                    if isinstance(name, str) and isinstance(digest, str)}
        except sqlite3.Error:
            return {}

    def load(self, name: str, digest: str) -> dict | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM articles WHERE name = ?", (name,)).fetchone()
        except sqlite3.Error:
            return None
        if not row or not isinstance(row[0], str) or _digest(row[0]) != digest:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def sketches(self, digests: dict[str, str]) -> dict[str, str]:
        """name -> sketch, for the names whose row has the given digest."""
        if self.db is None:
            return {}
        try:
            return {name: sketch for name, digest, sketch in self.db.execute("SELECT name, digest, sketch FROM articles")
                    if digests.get(name) == digest and isinstance(sketch, str)}
        except sqlite3.Error:
            return {}

    def put(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Add rows (name, digest, sketch, data) in the open transaction; save() commits."""
        if self.db is None or not rows:
            return
        try:
            self.db.executemany("INSERT OR REPLACE INTO articles (name, digest, sketch, data) VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._failed(error)

    def save(self, keep: set[str], stored: dict[str, str]) -> None:
        """Drop the rows not in keep and commit the rows put since the last save."""
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("DELETE FROM articles WHERE name = ?", [(name,) for name in stored if name not in keep])
        except sqlite3.Error as error:
            self._failed(error)

    def _failed(self, error: sqlite3.Error) -> None:
        """A write failed: nothing of this run is kept (state.json does not
        name these rows' digests as stored, so the files are converted again)."""
        logger.warning("rawnews: cannot save converted articles in %s: %s", self.path, error)
        try:
            self.db.rollback()
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def _state_version(default_year: int | None) -> str:
    """What cached results depend on besides a file's bytes and manifest row."""
    return f"{CONVERTER_VERSION}/{SKETCH_SCHEME}/{default_year}"


def load_state(dest: Path, default_year: int | None = None) -> dict:
    """The previous run's state; records that do not have the expected shape
    (a tampered file) are dropped, and all of them when the version differs.
    The slug registry and the posts written survive a version change: URLs
    stay and hand edits are still found."""
    path = dest / STATE_DIR / STATE_NAME
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if not isinstance(state, dict):
        state = {}
    slugs, outputs, files = state.get("slugs"), state.get("outputs"), state.get("files")
    fresh = {
        "version": _state_version(default_year),
        "slugs": {k: v for k, v in slugs.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(slugs, dict) else {},
        "outputs": {k: v for k, v in outputs.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(outputs, dict) else {},
        "files": {},
    }
    if state.get("version") != fresh["version"] or not isinstance(files, dict):
        return fresh
    fresh["files"] = {name: record for name, record in files.items() if isinstance(name, str) and _valid_record(record)}
    for memo in ("duplicates", "authors", "similarities"):
        if isinstance(state.get(memo), dict):
            fresh[memo] = state[memo]
    return fresh


def _valid_record(record) -> bool:
    if not isinstance(record, dict) or not isinstance(record.get("hash"), str) or not isinstance(record.get("manifest"), dict):
        return False
    if "digest" not in record:
        return isinstance(record.get("reason"), str)
    summary = record.get("summary")
    return (
        isinstance(record["digest"], str) and isinstance(record.get("encoding"), str) and _str_list(record.get("warnings"))
        and isinstance(summary, list) and len(summary) == 4 and all(isinstance(v, str) for v in summary[:3]) and _str_list(summary[3])
    )


def _str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _summary(name: str, record: dict) -> Summary:
    source_id, slug, fingerprint, authors = record["summary"]
    return Summary(name, source_id, slug, fingerprint, tuple(authors))


def _record(result: dict, signature: list | None, row: dict) -> dict:
    """The state record of a file converted in this run."""
    return {
        "hash": result["hash"], "stat": signature, "manifest": row, "digest": result["digest"],
        "summary": result["summary"], "encoding": result["encoding"], "warnings": result["warnings"],
    }


def _write_if_changed(path: Path | str, text: str) -> bool:
    """Write text to path (through a temporary file and a rename) unless the
    file already holds exactly that; True when written."""
    data = text.encode("utf-8")
    path = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            if handle.read(len(data) + 1) == data:
                return False
    except OSError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return True


def _reissued(result: dict, authors: tuple[str, ...], slug: str) -> str | None:
    """The post of a file converted in this run with the authors and slug the
    reduce gave it, from the post its worker wrote (None: emit it again)."""
    post = result.get("post")
    try:
        if post is None and result.get("staged"):
            with open(result["staged"][0], "rb") as handle:
                post = handle.read().decode("utf-8")
        return reissue(post, authors, slug) if post is not None else None
    except (OSError, ValueError, Rejected):
        return None


def _place(path: str, staged: tuple[str, list[int]], digest: str) -> tuple[bool, list[int] | None]:
    """Move a post written in the staging folder to path, unless path already
    holds it (its sha256 is digest): (whether written, its signature if so)."""
    try:
        with open(path, "rb") as handle:
            same = hashlib.sha256(handle.read()).hexdigest() == digest
    except OSError:
        same = False
    if same:
        return False, None
    os.replace(staged[0], path)
    return True, staged[1]


def _remove_staging(folder: Path) -> None:
    """Remove the staging folder and the posts left in it (it holds files only)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass
    try:
        os.rmdir(folder)
    except OSError:
        pass


def _staging_folder(dest: Path) -> str:
    """An empty folder in dest/.rawnews where workers write posts, or '' when
    they may not share this file system (a Dask cluster) or it cannot be made."""
    from . import executors

    if executors.current().kind == "dask":
        return ""
    folder = dest / STATE_DIR / STAGING_NAME
    _remove_staging(folder)  # left by a run that crashed
    try:
        folder.mkdir()
    except OSError:
        return ""
    return os.fspath(folder)


_ENCODE_STRING = json.encoder.c_encode_basestring or json.encoder.py_encode_basestring


def indented_json(value, indent: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, the same text.

    With an indent the json module encodes in Python, one generator per
    value; this builds each container with one join and its strings in C
    (the report lists every input: a few hundred thousand values at 10k)."""
    if isinstance(value, str):
        return _ENCODE_STRING(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        items = [f"{_ENCODE_STRING(key)}: {indented_json(item, inner)}" for key, item in value.items()]
        return "{\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + inner + (",\n" + inner).join(indented_json(item, inner) for item in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest(text: str) -> str:
    """A short digest, for keys that only need to tell versions apart."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _signature(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


_EMIT_CODE: list[str] = []


def _emit_code() -> str:
    """Digest of the emitter's source: a post is written again when it changes."""
    if not _EMIT_CODE:
        from . import slug as _slug_module

        parts = [Path(module.__file__).read_bytes() for module in (_emit_module, _slug_module)]
        _EMIT_CODE.append(hashlib.sha256(b"\0".join(parts)).hexdigest())
    return _EMIT_CODE[0]


def _memo(state: dict, name: str, key: str, valid) -> object | None:
    memo = state.get(name)
    if isinstance(memo, dict) and memo.get("key") == key and valid(memo.get("value")):
        return memo["value"]
    return None


# -- the whole run ------------------------------------------------------------

class _Clock:
    """Wall seconds per phase of a run (Result.timings), for the benchmarks."""

    def __init__(self):
        self.spans: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        self.spans[phase] = round(now - self._last, 4)
        self._last = now


@dataclasses.dataclass
class Result:
    entries: list[ReportEntry]
    written: int
    removed: int
    converted: int
    timings: dict[str, float] = dataclasses.field(default_factory=dict)  # seconds per phase, for benchmarks

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.status] = counts.get(entry.status, 0) + 1
        return dict(sorted(counts.items()))

    def report(self) -> dict:
        return {
            "inputs": len(self.entries),
            "counts": self.counts(),
            "files": [entry.as_dict() for entry in self.entries],
        }


def convert_folder(
    src: str | Path,
    dest: str | Path,
    report_path: str | Path | None = None,
    jobs: int | None = None,
    default_year: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Result:
    """Convert every raw file in src into a post in dest (incrementally).

    `timeout`: seconds one file may take (0 or None: no limit; timelimit.py
    says where it is enforced)."""
    src, dest = Path(src), Path(dest)
    try:
        seconds = float(timeout or 0)
    except (TypeError, ValueError):
        seconds = -1.0
    if not seconds >= 0:  # (also NaN)
        raise ConversionError(f"the time limit per file must be a number of seconds (0: none), got {timeout!r}")
    timeout = 0.0 if seconds == float("inf") else seconds
    if not src.is_dir():
        raise ConversionError(f"source folder not found: {src}")
    try:
        (dest / STATE_DIR).mkdir(parents=True, exist_ok=True)
        probe = dest / STATE_DIR / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ConversionError(f"cannot write to destination {dest}: {error.strerror or error}") from error

    jobs = jobs or os.cpu_count() or 1
    state = load_state(dest, default_year)
    store = ArticleStore(dest / STATE_DIR / STORE_NAME)
    try:
        with _fewer_collections():
            return _convert(src, dest, state, store, report_path, jobs, default_year, max_bytes, progress, timeout)
    finally:
        store.close()
        _remove_staging(dest / STATE_DIR / STAGING_NAME)


@contextlib.contextmanager
def _fewer_collections():
    """Run the garbage collector less often while converting.

    A run builds a few small objects per file that live to its end (records,
    results, report entries) and few reference cycles, so the default
    thresholds spend a few percent of the run scanning them again and again.
    The objects alive before (loaded modules, a host such as Pelican) are
    set aside (gc.freeze) and the forked workers inherit both settings.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _convert(src, dest, state, store, report_path, jobs, default_year, max_bytes, progress, timeout=0.0) -> Result:
    clock = _Clock()
    manifest, manifest_problem = load_manifest(src)
    named, entries = _named_inputs(src)
    if manifest_problem:
        entries.append(ReportEntry(MANIFEST_NAME, "failed", reason=manifest_problem))
    named, clashes = _unique_names(named)
    entries.extend(clashes)
    stored = store.digests()
    # A converted file counts as known only while its article is in the store.
    known = {name: r for name, r in state["files"].items() if "digest" not in r or stored.get(name) == r["digest"]}

    clock.mark("list")
    staging = _staging_folder(dest)
    tasks, results, signatures = [], {}, {}
    for path, name in named:
        signature = signatures[name] = _signature(path)
        info, row = known.get(name), manifest.get(name, {})
        if info and signature and info.get("stat") == signature and info["manifest"] == row:
            results[name] = {"status": "same"}
            continue
        same_inputs = info and info["manifest"] == row
        tasks.append((str(path), name, row, default_year, max_bytes, info["hash"] if same_inputs else "", staging, timeout))
    records: dict[str, dict] = {}  # the new state, per file
    loaded: dict[str, Article | None] = {}

    def article_of(name: str) -> Article | None:
        if name not in loaded:
            result = results.get(name)
            data = json.loads(result["data"]) if result and result["status"] == "ok" else store.load(name, records[name]["digest"])
            loaded[name] = article_from_dict(data) if data is not None else None
        return loaded[name]

    def shingles_of(name: str) -> set[int]:
        article = article_of(name)
        if article is None:
            logger.warning("rawnews: converted article of %s not found; not compared with others", name)
            return set()
        return _shingle_hashes(shingle_words(article))

    prefer = state["slugs"]
    # When every file is converted now (a first run), in the order the
    # duplicate search examines them, the search runs as the results come.
    task_names = [task[1] for task in tasks]
    finder = None
    if not known and not prefer.keys() & set(task_names) and all(a < b for a, b in zip(task_names, task_names[1:])):
        finder = DuplicateFinder(shingles_of)
    # Converted articles go into the store as they come back, while the
    # workers convert the next files (one transaction, committed in save()).
    pending: list[tuple[str, str, str, str]] = []
    for index, result in enumerate(_map_all(tasks, jobs, progress)):
        name = task_names[index]
        results[name] = result
        if result["status"] == "ok":
            pending.append((name, result["digest"], result.get("sketch") or "", result["data"]))
            if len(pending) >= STORE_BATCH:
                store.put(pending)
                pending = []
            if finder is not None:
                finder.add(name, result["summary"][2], result.get("sketch") or "")
    store.put(pending)

    clock.mark("map")
    fresh: dict[str, dict] = {}  # map results of the files converted now
    failed: dict[str, ReportEntry] = {}
    for _, name in named:
        result, row = results[name], manifest.get(name, {})
        if result["status"] == "same":
            info = dict(known[name], stat=signatures[name])
        elif result["status"] == "ok":
            info = _record(result, signatures[name], row)
            fresh[name] = result
        else:
            failed[name] = ReportEntry(name, "failed", reason=result["reason"])
            if result.get("hash"):
                records[name] = {"hash": result["hash"], "stat": None, "manifest": row, "reason": result["reason"]}
            continue
        if "digest" not in info:  # failed before, same bytes: read again next time
            failed[name] = ReportEntry(name, "failed", reason=info["reason"])
            info["stat"] = None
        records[name] = info

    clock.mark("records")
    summaries = [_summary(name, r) for name, r in records.items() if "digest" in r]
    sources = {s.source for s in summaries}
    # Duplicates depend only on the articles in the order they are examined.
    order = sorted(sources, key=lambda source: (source not in prefer, source))
    key = _digest("\n".join([DUPLICATE_SCHEME, *(f"{name}\t{records[name]['digest']}" for name in order)]))
    found = _memo(state, "duplicates", key, lambda v: isinstance(v, dict) and all(
        k in sources and isinstance(o, list) and len(o) == 2 and o[0] in sources and isinstance(o[1], float) for k, o in v.items()))
    if finder is not None:
        found = {k: list(v) for k, v in finder.duplicates.items()}
        state["duplicates"] = {"key": key, "value": found}
        state["similarities"] = {"key": DUPLICATE_SCHEME, "value": finder.similarities}
    elif found is None:
        # Sketches of the files converted now came with them: the store is read
        # (every row of it) only when some come from earlier runs.
        earlier = {s.source: records[s.source]["digest"] for s in summaries if s.source not in fresh}
        sketches = store.sketches(earlier) if earlier else {}
        sketches.update((name, result.get("sketch") or "") for name, result in fresh.items())
        # Pairs compared word by word last time are not compared again.
        known = _memo(state, "similarities", DUPLICATE_SCHEME, lambda v: isinstance(v, dict) and all(
            isinstance(k, str) and isinstance(x, float) and 0.0 <= x <= 1.0 for k, x in v.items()))
        searched = search_duplicates(summaries, sketches, prefer, shingles=shingles_of, known=known)
        found = {k: list(v) for k, v in searched.duplicates.items()}
        state["duplicates"] = {"key": key, "value": found}
        state["similarities"] = {"key": DUPLICATE_SCHEME, "value": searched.similarities}
    found = {k: (o, sim) for k, (o, sim) in found.items()}

    clock.mark("duplicates")
    names = sorted(author_names(summaries, found))
    aliases = dict(pairs(ALIAS_FILE))
    key = _digest(json.dumps([names, sorted(aliases.items())], ensure_ascii=False))
    mapping = _memo(state, "authors", key, lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()))
    if mapping is None:
        mapping = canonical_authors(set(names), aliases)
        state["authors"] = {"key": key, "value": mapping}

    reduced = reduce_summaries(summaries, prefer, found, mapping)
    state["slugs"] = {source: reduced.slugs[source] for source in reduced.published}

    clock.mark("authors, slugs")
    outputs = state["outputs"]  # post file name -> sha of what we wrote
    written = removed = 0
    wanted = {}
    code = _emit_code()
    folder = os.fspath(dest)
    writes: list[tuple[str, str | None, tuple | None, dict]] = []
    for name in reduced.published:
        record = records[name]
        entry = ReportEntry(name, "converted", encoding=record["encoding"], warnings=record["warnings"] + reduced.notes.get(name, []))
        slug, authors = reduced.slugs[name], reduced.authors[name]
        filename = f"{slug}.md"
        path = os.path.join(folder, filename)
        post_key = _digest(repr((code, record["digest"], slug, tuple(authors))))
        post = record.pop("post", None)
        if (is_safe_slug(slug) and isinstance(post, dict) and post.get("key") == post_key and post.get("file") == filename
                and outputs.get(filename) == post.get("sha") and post.get("stat") == _signature(path)):
            # Same article, authors and slug as the post on disk, which nobody touched.
            record["post"] = post
            wanted[filename] = post["sha"]
            entry.output = filename
            entries.append(entry)
            continue
        staged = None
        try:
            if not is_safe_slug(slug):  # posts are written only as dest/<safe slug>.md
                raise Rejected(f"unsafe slug {slug[:100]!r}")
            _, guessed_slug, _, guessed_authors = record["summary"]
            text = digest = None
            if name in fresh and slug == guessed_slug and authors == tuple(guessed_authors):
                text, digest, staged = fresh[name].get("post"), fresh[name].get("sha"), fresh[name].get("staged")
            elif name in fresh:
                text = _reissued(fresh[name], authors, slug)
            if text is None and staged is None:
                article = article_of(name)
                if article is None:
                    raise Rejected("converted article not found in the converter's state: convert again")
                text = emit(dataclasses.replace(article, credits=dataclasses.replace(article.credits, authors=authors), slug=slug))
        except Exception as error:  # noqa: BLE001 - one post must not stop the others
            reason = str(error) if isinstance(error, Rejected) else f"converter error: {type(error).__name__}: {error}"
            entries.append(ReportEntry(name, "failed", reason=reason, encoding=record["encoding"]))
            continue
        digest = digest or _sha(text)
        wanted[filename] = digest
        entry.output = filename
        if filename in outputs and os.path.exists(path) and _sha(Path(path).read_text(encoding="utf-8", errors="replace")) != outputs[filename]:
            entry.status = "kept"
            entry.warnings.append("post edited by hand since it was generated: kept as it is")
            wanted[filename] = outputs[filename]
        else:
            record["post"] = {"key": post_key, "file": filename, "sha": digest}
            writes.append((path, text, staged, record["post"]))
        entries.append(entry)
    clock.mark("posts")
    for path, text, staged, post in writes:
        if staged is not None:
            changed, signature = _place(path, staged, post["sha"])
        else:
            changed, signature = _write_if_changed(path, text), None
        written += changed
        post["stat"] = signature or _signature(path)  # as written: the next run reads it only if it changed
    clock.mark("write posts")
    for name, original in reduced.duplicates.items():
        records[name].pop("post", None)
        reason = (reduced.notes.get(name) or [f"same text as {original}"])[0]
        entries.append(ReportEntry(name, "duplicate", duplicate_of=original, encoding=records[name]["encoding"], reason=reason))
    entries.extend(failed.values())
    for filename, digest in outputs.items():
        if filename in wanted or not (filename.endswith(".md") and is_safe_slug(filename[:-3])):
            continue  # state.json is read from disk: never remove anything but dest/<safe slug>.md
        path = dest / filename
        if path.exists() and _sha(path.read_text(encoding="utf-8", errors="replace")) == digest:
            path.unlink()
            removed += 1
    state["outputs"] = wanted
    state["files"] = records
    clock.mark("entries")
    store.save(sources, stored)
    clock.mark("store")
    _write_if_changed(dest / STATE_DIR / STATE_NAME, json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":")))

    clock.mark("state")
    entries.sort(key=lambda e: e.source)
    result = Result(entries=entries, written=written, removed=removed, converted=len(tasks), timings=clock.spans)
    report_text = indented_json(result.report()) + "\n"
    _write_if_changed(dest / STATE_DIR / "report.json", report_text)
    if report_path:
        Path(report_path).parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(Path(report_path), report_text)
    clock.mark("report")
    return result

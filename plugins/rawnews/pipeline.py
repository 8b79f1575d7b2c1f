"""Files in, files out: the only part of the converter that does I/O.

convert_folder() lists the raw files, maps the pure stages over the changed
ones (in parallel), reduces over the corpus, writes the posts that changed
and a JSON report that names every input.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import logging
import os
import stat as _stat
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .convert import convert
from .corpus import reduce_corpus, sketch
from .emit import emit
from .model import Article, Credits, PartialDate, RawFile, Rejected, ReportEntry
from .slug import is_safe_slug

logger = logging.getLogger(__name__)

# Bump when extraction changes, so cached results are recomputed.
CONVERTER_VERSION = "2"
STATE_DIR = ".rawnews"
MANIFEST_NAME = "manifest.csv"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PARALLEL_THRESHOLD = 200


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
    files, skipped = [], []

    def unreadable(error: OSError) -> None:
        name = _rel(Path(error.filename), src) if error.filename else "."
        skipped.append(ReportEntry(name, "failed", reason=f"cannot list folder: {error.strerror or error}"))

    for root, dirs, names in os.walk(src, onerror=unreadable, followlinks=False):
        for name in sorted(dirs):
            path = Path(root, name)
            if os.path.islink(path):
                skipped.append(ReportEntry(_rel(path, src), "ignored", reason="symbolic link to a folder, not followed"))
                dirs.remove(name)
            elif name.startswith("."):
                skipped.append(ReportEntry(_rel(path, src), "ignored", reason="hidden folder, not read"))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            rel = _rel(path, src)
            try:
                mode = os.lstat(path).st_mode
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
                files.append(path)
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
    rel = path.relative_to(src).as_posix()
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


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

def map_one(path: str, name: str, manifest: dict, default_year: int | None, max_bytes: int, known_hash: str) -> dict:
    """Read and convert one file; never raises (a crash is the file's failure).

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
        return {"status": "ok", "hash": digest, "article": article_to_dict(article), "sketch": sketch(article)}
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
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(handle.fileno())
        if not _stat.S_ISREG(info.st_mode):
            raise Rejected(f"not a regular file ({_file_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise Rejected(f"file too large: {info.st_size} bytes (limit {max_bytes})")
        # Ask for the size stat gave (a larger request allocates that much up
        # front), then for the rest in case the file grew since.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise Rejected(f"file too large: more than {max_bytes} bytes (limit {max_bytes})")
    return data


def _map_batch(batch: list[tuple]) -> list[dict]:
    return [map_one(*task) for task in batch]


def article_to_dict(article: Article) -> dict:
    return dataclasses.asdict(article)


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
    """Map over tasks, results in task order.

    Runs in local processes (`jobs` of them) when there are enough tasks, or
    on the executor named here or set with `executors.configured()` (a Dask
    cluster). `progress` asks for a bar, shown only on a terminal.
    """
    from . import executors

    config = executors.current() if executor is None else executors.ExecutorConfig(executor, scheduler)
    if not tasks:
        return []
    if config.kind == "process" and (jobs <= 1 or len(tasks) < PARALLEL_THRESHOLD):
        config = executors.ExecutorConfig("serial")
    pool = executors.make_executor(config, jobs)
    results: list[dict] = []
    try:
        with executors.Progress(len(tasks), progress) as bar:
            for batch_result in pool.map(_map_batch, executors.batches(tasks, pool.workers)):
                results.extend(batch_result)
                bar.update(len(batch_result))
    finally:
        pool.close()
    return results


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


def _map_all(tasks: list[tuple], jobs: int, progress: bool) -> list[dict]:
    """run_map, and when its executor breaks (a worker killed by a crash or
    the memory limit), the same tasks again in fresh processes, halving the
    batches that still break, so only the file that kills a worker fails."""
    try:
        return run_map(tasks, jobs, progress)
    except ConversionError:
        raise
    except Exception as error:  # noqa: BLE001 - BrokenProcessPool, a killed Dask worker, ...
        logger.warning("rawnews: the conversion workers failed (%s: %s); converting again in isolated processes", type(error).__name__, error)
        return _map_isolated(tasks, f"{type(error).__name__}")


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


def _unique_names(paths: list[Path], src: Path) -> tuple[list[Path], list[ReportEntry]]:
    """Drop files whose printable name is taken by another (`caf\\xe9.txt` spelled
    out, beside a non-UTF-8 `café.txt`); they are reported, never lost silently."""
    seen: set[str] = set()
    kept, clashes = [], []
    for path in paths:
        name = _rel(path, src)
        if name in seen:
            clashes.append(ReportEntry(name, "failed", reason="another file has the same printable name; rename one of them"))
        else:
            seen.add(name)
            kept.append(path)
    return kept, clashes


# -- state ----------------------------------------------------------------------

def load_state(dest: Path) -> dict:
    path = dest / STATE_DIR / "state.json"
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": CONVERTER_VERSION, "files": {}, "slugs": {}, "outputs": {}}
    if state.get("version") != CONVERTER_VERSION:
        state["files"] = {}
        state["version"] = CONVERTER_VERSION
    state.setdefault("slugs", {})
    state.setdefault("outputs", {})
    return state


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- the whole run ------------------------------------------------------------

@dataclasses.dataclass
class Result:
    entries: list[ReportEntry]
    written: int
    removed: int
    converted: int

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
) -> Result:
    """Convert every raw file in src into a post in dest (incrementally)."""
    src, dest = Path(src), Path(dest)
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
    state = load_state(dest)
    manifest, manifest_problem = load_manifest(src)
    paths, entries = list_inputs(src)
    if manifest_problem:
        entries.append(ReportEntry(MANIFEST_NAME, "failed", reason=manifest_problem))
    paths, clashes = _unique_names(paths, src)
    entries.extend(clashes)
    known = state["files"]

    tasks, results = [], {}
    for path in paths:
        name = _rel(path, src)
        info = known.get(name)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        signature = [stat.st_size, stat.st_mtime_ns] if stat else None
        if info and signature and info.get("stat") == signature and info.get("manifest") == manifest.get(name, {}):
            results[name] = {"status": "same", "hash": info["hash"]}
            continue
        same_inputs = info and info.get("manifest") == manifest.get(name, {})
        tasks.append((str(path), name, manifest.get(name, {}), default_year, max_bytes, info["hash"] if same_inputs else ""))
    for task, result in zip(tasks, _map_all(tasks, jobs, progress)):
        results[task[1]] = result

    articles: list[Article] = []
    failed: dict[str, ReportEntry] = {}
    new_files = {}
    for path in paths:
        name = _rel(path, src)
        result = results[name]
        try:
            stat = path.stat()
            signature = [stat.st_size, stat.st_mtime_ns]
        except OSError:
            signature = None
        if result["status"] == "same":
            info = dict(known[name], stat=signature)
            new_files[name] = info
        elif result["status"] == "ok":
            info = {"hash": result["hash"], "stat": signature, "manifest": manifest.get(name, {}), "article": result["article"], "sketch": result.get("sketch")}
            new_files[name] = info
        else:
            failed[name] = ReportEntry(name, "failed", reason=result["reason"])
            continue
        if info.get("article"):
            article = article_from_dict(info["article"])
            if not isinstance(info.get("sketch"), str):  # state written before sketches existed
                info["sketch"] = sketch(article)
            articles.append(article)
        else:
            failed[name] = ReportEntry(name, "failed", reason=info.get("reason", "unknown"))
    for name, entry in failed.items():
        if name in results and results[name].get("hash"):
            new_files[name] = {"hash": results[name]["hash"], "stat": None, "manifest": manifest.get(name, {}), "reason": entry.reason}

    sketches = {name: info["sketch"] for name, info in new_files.items() if isinstance(info.get("sketch"), str)}
    published, duplicates, notes = reduce_corpus(articles, state["slugs"], sketches=sketches)
    state["slugs"] = {a.source: a.slug for a in published}
    by_source = {a.source: a for a in articles}

    outputs = state["outputs"]  # post file name -> sha of what we wrote
    written = removed = 0
    wanted = {}
    for article in published:
        entry = ReportEntry(article.source, "converted", encoding=article.encoding, warnings=list(article.warnings) + notes.get(article.source, []))
        try:
            if not is_safe_slug(article.slug):  # posts are written only as dest/<safe slug>.md
                raise Rejected(f"unsafe slug {article.slug[:100]!r}")
            text = emit(article)
        except Exception as error:  # noqa: BLE001 - one post must not stop the others
            reason = str(error) if isinstance(error, Rejected) else f"converter error: {type(error).__name__}: {error}"
            entries.append(ReportEntry(article.source, "failed", reason=reason, encoding=article.encoding))
            continue
        filename = f"{article.slug}.md"
        path = dest / filename
        wanted[filename] = _sha(text)
        entry.output = filename
        if filename in outputs and path.exists() and _sha(path.read_text(encoding="utf-8", errors="replace")) != outputs[filename]:
            entry.status = "kept"
            entry.warnings.append("post edited by hand since it was generated: kept as it is")
            wanted[filename] = outputs[filename]
        elif _write_if_changed(path, text):
            written += 1
        entries.append(entry)
    for name, original in duplicates.items():
        article = by_source[name]
        reason = (notes.get(name) or [f"same text as {original}"])[0]
        entries.append(ReportEntry(name, "duplicate", duplicate_of=original, encoding=article.encoding, reason=reason))
    entries.extend(failed.values())
    for filename, digest in outputs.items():
        if filename in wanted or not (filename.endswith(".md") and is_safe_slug(filename[:-3])):
            continue  # state.json is read from disk: never remove anything but dest/<safe slug>.md
        path = dest / filename
        if path.exists() and _sha(path.read_text(encoding="utf-8", errors="replace")) == digest:
            path.unlink()
            removed += 1
    state["outputs"] = wanted
    state["files"] = new_files
    _write_if_changed(dest / STATE_DIR / "state.json", json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1))

    entries.sort(key=lambda e: e.source)
    result = Result(entries=entries, written=written, removed=removed, converted=len(tasks))
    report_text = json.dumps(result.report(), ensure_ascii=False, indent=2) + "\n"
    _write_if_changed(dest / STATE_DIR / "report.json", report_text)
    if report_path:
        Path(report_path).parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(Path(report_path), report_text)
    return result

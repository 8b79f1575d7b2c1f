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
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .convert import convert
from .corpus import reduce_corpus
from .emit import emit
from .model import Article, Credits, PartialDate, RawFile, Rejected, ReportEntry

# Bump when extraction changes, so cached results are recomputed.
CONVERTER_VERSION = "1"
STATE_DIR = ".rawnews"
MANIFEST_NAME = "manifest.csv"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PARALLEL_THRESHOLD = 200


class ConversionError(Exception):
    """The conversion could not run at all (missing folder, unwritable dest)."""


# -- listing inputs ---------------------------------------------------------

def list_inputs(src: Path) -> tuple[list[Path], list[ReportEntry]]:
    """Raw `.txt` files under src (recursively), and entries for the rest.

    Symbolic links are not followed (they could point outside the corpus);
    other files are ignored and reported so that nothing vanishes silently.
    """
    files, skipped = [], []
    for root, dirs, names in os.walk(src, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for link in [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            dirs.remove(link)
            skipped.append(ReportEntry(_rel(Path(root, link), src), "ignored", reason="symbolic link to a folder, not followed"))
        for name in sorted(names):
            path = Path(root, name)
            rel = _rel(path, src)
            if name.startswith("."):
                continue
            if path.is_symlink():
                skipped.append(ReportEntry(rel, "ignored", reason="symbolic link, not followed"))
            elif rel == MANIFEST_NAME:
                continue
            elif not name.lower().endswith(".txt"):
                skipped.append(ReportEntry(rel, "ignored", reason="not a .txt file"))
            else:
                files.append(path)
    return files, skipped


def _rel(path: Path, src: Path) -> str:
    return path.relative_to(src).as_posix()


def read_manifest(src: Path) -> dict[str, dict[str, str]]:
    """manifest.csv (file, url, published, crawled) keyed by file name."""
    path = src / MANIFEST_NAME
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        return {row["file"].strip(): {k: (v or "").strip() for k, v in row.items() if k} for row in rows if row.get("file")}


# -- the map step, run in worker processes ------------------------------------

def map_one(path: str, name: str, manifest: dict, default_year: int | None, max_bytes: int, known_hash: str) -> dict:
    """Read and convert one file; never raises (a crash is the file's failure)."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return {"status": "failed", "reason": f"file too large: {size} bytes (limit {max_bytes})"}
        with open(path, "rb") as handle:
            data = handle.read()
        digest = hashlib.sha256(data).hexdigest()
        if digest == known_hash:
            return {"status": "same", "hash": digest}
        article = convert(RawFile(name, data, manifest), default_year)
        return {"status": "ok", "hash": digest, "article": article_to_dict(article)}
    except Rejected as error:
        return {"status": "failed", "reason": str(error), "hash": locals().get("digest", "")}
    except OSError as error:
        return {"status": "failed", "reason": f"cannot read: {error.strerror or error}"}
    except Exception as error:  # noqa: BLE001 - a bug must not lose the other files
        return {"status": "failed", "reason": f"converter error: {type(error).__name__}: {error}"}


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
    manifest = read_manifest(src)
    paths, entries = list_inputs(src)
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
    for task, result in zip(tasks, run_map(tasks, jobs, progress)):
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
            info = {"hash": result["hash"], "stat": signature, "manifest": manifest.get(name, {}), "article": result["article"]}
            new_files[name] = info
        else:
            failed[name] = ReportEntry(name, "failed", reason=result["reason"])
            continue
        if info.get("article"):
            articles.append(article_from_dict(info["article"]))
        else:
            failed[name] = ReportEntry(name, "failed", reason=info.get("reason", "unknown"))
    for name, entry in failed.items():
        if name in results and results[name].get("hash"):
            new_files[name] = {"hash": results[name]["hash"], "stat": None, "manifest": manifest.get(name, {}), "reason": entry.reason}

    published, duplicates, notes = reduce_corpus(articles, state["slugs"])
    state["slugs"] = {a.source: a.slug for a in published}
    by_source = {a.source: a for a in articles}

    outputs = state["outputs"]  # post file name -> sha of what we wrote
    written = removed = 0
    wanted = {}
    for article in published:
        entry = ReportEntry(article.source, "converted", encoding=article.encoding, warnings=list(article.warnings) + notes.get(article.source, []))
        filename = f"{article.slug}.md"
        path = dest / filename
        text = emit(article)
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
        entries.append(ReportEntry(name, "duplicate", duplicate_of=original, encoding=article.encoding, reason=f"same text as {original}"))
    entries.extend(failed.values())
    for filename, digest in outputs.items():
        if filename in wanted:
            continue
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

"""Files in, files out: one conversion run, phase by phase.

convert_folder() holds the folder's lock, lists the inputs (inputs.py),
maps the changed files in parallel (worker.py), reduces over the corpus
(corpus.py: duplicates, canonical authors, unique slugs), emits the posts
that changed (worker.py again, now that each has its slug and authors) and
commits: journal, posts in place (posts.py), article store (store.py),
state.json (state.py), report (report.py). Every other module is pure or
owns one kind of file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import time
from pathlib import Path

from vnarchive.common.collector import fewer_collections
from vnarchive.common.workers import cpu_count

from . import executors, lock, posts, timelimit, worker
from . import state as states
from .corpus import DUPLICATE_SCHEME, DuplicateFinder, Summary, author_names, canonical_authors, reduce_summaries, search_duplicates
from .corpus import _shingle_hashes, shingle_words
from .data import pairs
from .errors import ConversionError, cannot_run
from .files import digest, signature
from .inputs import list_inputs
from .model import Article, ReportEntry
from .report import Result, write_reports
from .store import ArticleStore, article_from_json

__all__ = ["ConversionError", "Result", "convert_folder", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT"]

logger = logging.getLogger(__name__)

STATE_DIR = ".rawnews"
STORE_NAME = "articles.sqlite"
TEXTS_DIR = "text"  # the raw-text copies, <sha256>.txt (worker.write_text_copy)
ALIAS_FILE = "author_aliases.txt"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = timelimit.DEFAULT_SECONDS  # seconds per file
PARALLEL_THRESHOLD = 200  # fewer files than this are converted in this process
STORE_BATCH = 256  # store rows written per statement while the map runs
EMIT_CHUNK = 5000  # posts emitted per map (each task holds its article's JSON)
LOADED_KEPT = 2048  # articles the duplicate search keeps read (article_of)
GC_THRESHOLD = 20_000  # allocations between young-generation collections while converting (Python's default: 700)


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
    says where it is enforced). Raises ConversionError when the run cannot
    happen or finish: a missing source, an unwritable dest, a full disk,
    another run holding dest's lock. A run stopped at any point (that
    error, a crash, SIGKILL) leaves dest so that the next run gives the
    posts and report a run without the stop would have given."""
    src, dest = Path(src), Path(dest)
    seconds = _time_limit(timeout)
    if not src.is_dir():
        raise ConversionError(f"source folder not found: {src}")
    if src.resolve() == dest.resolve():  # the posts and the converter's state would mix with the raw files
        raise ConversionError(f"the destination is the source folder itself: {dest}; give the posts a folder of their own")
    folder = dest / STATE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"  # (its own: another run may be probing too)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ConversionError(f"cannot write to destination {dest}: {error.strerror or error}") from error
    try:
        # A run builds a few small objects per file that live to its end and few reference cycles.
        with lock.held(folder, dest), fewer_collections(GC_THRESHOLD):
            return _Run(src, dest, folder, jobs or cpu_count(), default_year, max_bytes, seconds, progress).run(report_path)
    except OSError as error:
        raise cannot_run(error) from error


def _time_limit(timeout) -> float:
    try:
        seconds = float(timeout or 0)
    except (TypeError, ValueError):
        seconds = -1.0
    if not seconds >= 0:  # (also NaN)
        raise ConversionError(f"the time limit per file must be a number of seconds (0: none), got {timeout!r}")
    return 0.0 if seconds == float("inf") else seconds


class _Clock:
    """Wall seconds per phase of a run (Result.timings), for the benchmarks."""

    def __init__(self):
        self.spans: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        self.spans[phase] = round(now - self._last, 4)
        self._last = now


class _Run:
    """One run, as its phases; each phase is a method that reads what the
    earlier ones left on self."""

    def __init__(self, src, dest, folder, jobs, default_year, max_bytes, seconds, progress):
        self.src, self.dest, self.folder = src, dest, folder
        self.jobs, self.default_year, self.max_bytes, self.seconds, self.progress = jobs, default_year, max_bytes, seconds, progress
        self.clock = _Clock()
        self.entries: list[ReportEntry] = []
        self.records: dict[str, dict] = {}  # the new state, per raw file
        self.results: dict[str, worker.MapResult] = {}  # per raw file listed
        self.loaded: dict[str, Article | None] = {}  # the articles read last (article_of)
        self.tasks: dict[str, worker.MapTask] = {}  # the files converted now, to convert again if need be (data_of)

    def run(self, report_path) -> Result:
        self.state = states.load(self.folder, states.version(self.default_year, self.max_bytes))
        self.journal = states.load_journal(self.folder)
        self.store = ArticleStore(self.folder / STORE_NAME)
        self.staging = posts.open_staging(self.folder)
        self.texts = self.folder / TEXTS_DIR
        try:
            self.list_inputs()
            self.map_files()
            self.read_results()
            reduced = self.reduce()
            writes = self.emit_posts(reduced)
            return self.commit(reduced, writes, report_path)
        finally:
            self.store.close()
            posts.close_staging(self.folder)

    # -- map -------------------------------------------------------------------

    def list_inputs(self) -> None:
        self.inputs = list_inputs(self.src)
        self.entries.extend(self.inputs.entries)
        self.stored = self.store.digests()
        # A converted file counts as known only while its article is in the store.
        self.known = {name: r for name, r in self.state.files.items() if "digest" not in r or self.stored.get(name) == r["digest"]}
        self.clock.mark("list")

    def map_files(self) -> None:
        """Convert the files that changed; the others keep their record. A
        converted file whose raw-text copy is missing is converted again
        (which writes the copy)."""
        tasks, self.signatures = [], {}
        copies = posts.text_copies(self.texts)
        for path, name in self.inputs.files:
            stat = self.signatures[name] = signature(path)
            info, row = self.known.get(name), self.inputs.manifest_row(name)
            copied = not info or "digest" not in info or info["hash"] in copies
            if info and stat and info.get("stat") == stat and info["manifest"] == row and copied:
                self.results[name] = worker.Same()
                continue
            known_hash = info["hash"] if info and info["manifest"] == row and copied else ""
            tasks.append(worker.MapTask(str(path), name, row, self.default_year, self.max_bytes, known_hash, self.seconds, str(self.texts)))
        self.converted = len(tasks)
        prefer = self.state.slugs
        # When every file is converted now (a first run), in the order the
        # duplicate search examines them, the search runs as the results come.
        names = [task.name for task in tasks]
        self.finder = None
        if not self.known and not prefer.keys() & set(names) and all(a < b for a, b in zip(names, names[1:])):
            self.finder = DuplicateFinder(self.shingles_of)
        # Converted articles go into the store as they come back, while the
        # workers convert the next files (one transaction, committed in commit()).
        results = executors.map_tasks(worker.map_batch, tasks, self.jobs, self.progress, _map_crashed, serial_below=PARALLEL_THRESHOLD)
        with contextlib.closing(results):  # (the pool ends with the loop, however it ends)
            self.collect(tasks, results)
        self.clock.mark("map")

    def collect(self, tasks, results) -> None:
        """Put converted articles in the store as they come. Once a batch is in
        it, its articles' JSON leaves memory (data_of reads it back): a first
        run does not hold the whole archive."""
        pending: list[tuple[str, str, str, str]] = []
        for task, result in zip(tasks, results):
            self.results[task.name] = result
            if isinstance(result, worker.Converted):
                self.tasks[task.name] = task
                pending.append((task.name, result.digest, result.sketch, result.data))
                if self.finder is not None:
                    self.finder.add(task.name, result.summary.fingerprint, result.sketch)
                if len(pending) >= STORE_BATCH:
                    self._store(pending)
                    pending = []
        self._store(pending)

    def _store(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.store.put(rows)
        if self.store.writable:
            for name, *_ in rows:
                self.results[name] = dataclasses.replace(self.results[name], data="")

    def read_results(self) -> None:
        """The new record of every file, and the failures."""
        self.fresh: dict[str, worker.Converted] = {}
        self.failed: dict[str, ReportEntry] = {}
        for _, name in self.inputs.files:
            result, row = self.results[name], self.inputs.manifest_row(name)
            if isinstance(result, worker.Same):
                info = dict(self.known[name], stat=self.signatures[name])
            elif isinstance(result, worker.Converted):
                info = states.record_of(result, self.signatures[name], row)
                self.fresh[name] = result
            else:
                self.failed[name] = ReportEntry(name, "failed", reason=result.reason)
                if result.hash:
                    self.records[name] = {"hash": result.hash, "stat": None, "manifest": row, "reason": result.reason}
                continue
            if "digest" not in info:  # failed before, same bytes: read again next time
                self.failed[name] = ReportEntry(name, "failed", reason=info["reason"])
                info["stat"] = None
            self.records[name] = info
        self.clock.mark("records")

    def data_of(self, name: str) -> str | None:
        """The article JSON of a file: in memory, else from the store (this run's
        rows too), else, if the store failed after the JSON left memory,
        converted again (the same bytes give the same article)."""
        result = self.results.get(name)
        if isinstance(result, worker.Converted):
            if result.data:
                return result.data
            data = self.store.data(name, result.digest)
            if data is None and name in self.tasks:
                again = worker.map_one(self.tasks[name])
                data = again.data if isinstance(again, worker.Converted) and again.digest == result.digest else None
            return data
        return self.store.data(name, self.records[name]["digest"])

    def article_of(self, name: str) -> Article | None:
        """The article (the last LOADED_KEPT read are kept: the duplicate search asks for a few again and again)."""
        if name in self.loaded:
            self.loaded[name] = self.loaded.pop(name)  # most recent last
            return self.loaded[name]
        data = self.data_of(name)
        try:
            article = article_from_json(data) if data is not None else None
        except (ValueError, TypeError, KeyError):
            article = None
        self.loaded[name] = article
        if len(self.loaded) > LOADED_KEPT:
            del self.loaded[next(iter(self.loaded))]
        return article

    def shingles_of(self, name: str) -> set[int]:
        article = self.article_of(name)
        if article is None:
            logger.warning("rawnews: converted article of %s not found; not compared with others", name)
            return set()
        return _shingle_hashes(shingle_words(article))

    # -- reduce ----------------------------------------------------------------

    def reduce(self):
        summaries = [states.summary_of(name, r) for name, r in self.records.items() if "digest" in r]
        found = self.duplicates(summaries)
        self.clock.mark("duplicates")
        names = sorted(author_names(summaries, found))
        aliases = dict(pairs(ALIAS_FILE))
        key = digest(json.dumps([names, sorted(aliases.items())], ensure_ascii=False))
        mapping = self.state.memo("authors", key, lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()))
        if mapping is None:
            mapping = canonical_authors(set(names), aliases)
            self.state.remember("authors", key, mapping)
        reduced = reduce_summaries(summaries, self.state.slugs, found, mapping)
        self.state.slugs = {source: reduced.slugs[source] for source in reduced.published}
        self.clock.mark("authors, slugs")
        return reduced

    def duplicates(self, summaries: list[Summary]) -> dict[str, tuple[str, float]]:
        """Duplicates depend only on the articles in the order they are examined:
        the last search is reused when those did not change."""
        prefer = self.state.slugs
        sources = {s.source for s in summaries}
        order = sorted(sources, key=lambda source: (source not in prefer, source))
        key = digest("\n".join([DUPLICATE_SCHEME, *(f"{name}\t{self.records[name]['digest']}" for name in order)]))
        found = self.state.memo("duplicates", key, lambda v: isinstance(v, dict) and all(
            k in sources and isinstance(o, list) and len(o) == 2 and o[0] in sources and isinstance(o[1], float) for k, o in v.items()))
        if self.finder is not None:
            found = {k: list(v) for k, v in self.finder.duplicates.items()}
            self.state.remember("duplicates", key, found)
            self.state.remember("similarities", DUPLICATE_SCHEME, self.finder.similarities)
        elif found is None:
            # Sketches of the files converted now came with them: the store is read
            # (every row of it) only when some come from earlier runs.
            earlier = {s.source: self.records[s.source]["digest"] for s in summaries if s.source not in self.fresh}
            sketches = self.store.sketches(earlier) if earlier else {}
            sketches.update((name, result.sketch) for name, result in self.fresh.items())
            # Pairs compared word by word last time are not compared again.
            known = self.state.memo("similarities", DUPLICATE_SCHEME, lambda v: isinstance(v, dict) and all(
                isinstance(k, str) and isinstance(x, float) and 0.0 <= x <= 1.0 for k, x in v.items()))
            searched = search_duplicates(summaries, sketches, prefer, shingles=self.shingles_of, known=known)
            found = {k: list(v) for k, v in searched.duplicates.items()}
            self.state.remember("duplicates", key, found)
            self.state.remember("similarities", DUPLICATE_SCHEME, searched.similarities)
        self.sources = sources
        return {k: (o, sim) for k, (o, sim) in found.items()}

    # -- emit ------------------------------------------------------------------

    def emit_posts(self, reduced) -> list[tuple[str, worker.Emitted, dict]]:
        """Emit the posts whose article, slug or authors changed (or whose file
        was touched), and sort out hand edits: (path, post, its record) to put
        in place. Fills self.wanted: post file name -> sha256 of its text."""
        self.known_posts = posts.written_by_converter(self.state.outputs, self.journal)
        self.wanted: dict[str, str] = {}
        tasks, waiting = [], {}
        for name in reduced.published:
            record = self.records[name]
            entry = ReportEntry(name, "converted", encoding=record["encoding"], warnings=record["warnings"] + reduced.notes.get(name, []))
            slug, authors = reduced.slugs[name], reduced.authors[name]
            filename = posts.post_name(slug)
            key = digest(repr((record["digest"], slug, tuple(authors))))
            post = record.pop("post", None)
            if (filename and isinstance(post, dict) and post.get("key") == key and post.get("file") == filename
                    and self.state.outputs.get(filename) == post.get("sha") and post.get("stat") == signature(self.dest / filename)):
                # Same article, authors and slug as the post on disk, which nobody touched.
                record["post"] = post
                self.wanted[filename] = post["sha"]
                entry.output = filename
                self.entries.append(entry)
                continue
            if filename is None:
                self.entries.append(ReportEntry(name, "failed", reason=f"unsafe slug {slug[:100]!r}", encoding=record["encoding"]))
                continue
            tasks.append((name, slug, tuple(authors)))
            waiting[name] = (entry, record, filename, key)
        self.clock.mark("posts")

        writes = []
        for emitted in self._emit(tasks, waiting):
            entry, record, filename, key = waiting[emitted.name]
            if emitted.error:
                self.entries.append(ReportEntry(emitted.name, "failed", reason=emitted.error, encoding=record["encoding"]))
                continue
            entry.output = filename
            self.entries.append(entry)
            path = self.dest / filename
            current = posts.on_disk(path)
            ours = self.known_posts.get(filename)
            if posts.edited_by_hand(current, ours, emitted.sha):
                entry.status = "kept"
                entry.warnings.append("post edited by hand since it was generated: kept as it is")
                self.wanted[filename] = self.state.outputs.get(filename) or sorted(ours)[0]
                continue
            self.wanted[filename] = emitted.sha
            record["post"] = {"key": key, "file": filename, "sha": emitted.sha}
            if current.sha == emitted.sha:
                record["post"]["stat"] = signature(path)  # (the next run reads it only if it changed)
            else:
                writes.append((os.fspath(path), emitted, record["post"]))
        self.clock.mark("emit")
        return writes

    def _emit(self, todo: list[tuple[str, str, tuple[str, ...]]], waiting: dict):
        """The posts of `todo` (name, slug, authors), EMIT_CHUNK at a time: a
        chunk's tasks hold their articles' JSON."""
        local = executors.current()
        if local.kind == "dask":  # (the posts are written by workers that share this file system)
            local = executors.ExecutorConfig("process")
        for start in range(0, len(todo), EMIT_CHUNK):
            tasks = []
            for name, slug, authors in todo[start:start + EMIT_CHUNK]:
                data = self.data_of(name)
                if data is None:
                    entry, record, _, _ = waiting.pop(name)
                    reason = "converted article not found in the converter's state: convert again"
                    self.entries.append(ReportEntry(name, "failed", reason=reason, encoding=record["encoding"]))
                    continue
                tasks.append(worker.EmitTask(name, data, slug, authors, self.staging))
            with contextlib.closing(executors.map_tasks(worker.emit_batch, tasks, self.jobs, False, _emit_crashed, local, PARALLEL_THRESHOLD)) as results:
                yield from list(results)

    # -- commit ----------------------------------------------------------------

    def commit(self, reduced, writes, report_path) -> Result:
        """Put the posts in place and save what the run did, in an order that a
        crash at any point cannot turn into a wrong next run (state.py)."""
        candidates = set(self.known_posts) | set(self.journal.removed)
        remove, gone = posts.stale(self.dest, candidates, self.wanted, self.known_posts)
        if writes or remove:
            journal = states.Journal(
                {**self.journal.posts, **{p["file"]: sorted({*self.journal.shas(p["file"]), p["sha"]}) for _, _, p in writes}},
                sorted({*self.journal.removed, *remove}),
            )
            states.write_journal(self.folder, journal)
        written = 0
        for path, emitted, post in writes:
            post["stat"] = posts.place(path, emitted)
            written += 1
        removed = sum(posts.remove(self.dest, filename) for filename in remove)
        self.clock.mark("write posts")

        for name, original in reduced.duplicates.items():
            self.records[name].pop("post", None)
            reason = (reduced.notes.get(name) or [f"same text as {original}"])[0]
            self.entries.append(ReportEntry(name, "duplicate", duplicate_of=original, encoding=self.records[name]["encoding"], reason=reason))
        self.entries.extend(self.failed.values())
        self.state.outputs = self.wanted
        self.state.files = self.records
        self.clock.mark("entries")
        self.store.save(self.sources, self.stored)
        self.clock.mark("store")
        self.state.save(self.folder)
        self.clock.mark("state")
        posts.remove_text_copies(self.texts, {r["hash"] for r in self.records.values() if "digest" in r})

        self.entries.sort(key=lambda e: e.source)
        removed_posts = sorted({*remove, *(name for name in gone if name in self.journal.removed)})
        result = Result(self.entries, written, removed, self.converted, self.clock.spans, removed_posts, self.inputs.manifest_unmatched)
        write_reports(self.folder, report_path, result)
        states.clear_journal(self.folder)
        self.clock.mark("report")
        return result


def _map_crashed(task: worker.MapTask, cause: str) -> worker.Failed:
    return worker.Failed(f"converter process crashed on this file ({cause})")


def _emit_crashed(task: worker.EmitTask, cause: str) -> worker.Emitted:
    return worker.Emitted(task.name, error=f"converter process crashed on this file ({cause})")

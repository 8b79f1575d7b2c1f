"""The sharded build, start to end: convert, metadata pass, jobs, merge, search index.

Folders, all under CACHE_PATH/shards/<digest of the output folder's path>/
(a shared filesystem on a cluster):
`records.pickle` (the metadata pass), `related.json` (the related plugin's
cache), `related.pickle` (the lists the jobs read), `jobs/<name>/output`
and `jobs/<name>/cache` (each job's own output and Pelican cache),
`jobs/<name>/owned.json` (the files it owns), `state.json` (each job's
digest at its last successful run), `merged.json` (what the merge placed).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from vnarchive.common.statefile import load_versioned
from vnarchive.rawnews.files import write_if_changed
from vnarchive.rawnews.lock import held

from . import PLUGIN
from .keys import LISTING
from .merge import MergeStats, load_owned, merge
from .metadata import list_posts, read_versioned, related_lists, update_records, write_versioned
from .plan import Plan, listing_digest, make_plan
from .run import JobResult, JobSpec, Runner

logger = logging.getLogger(__name__)
STATE_VERSION = 1
PLAN_VERSION = 1


@dataclass
class BuildReport:
    posts: int = 0
    changed_posts: int = 0
    shards: list[str] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    results: list[JobResult] = field(default_factory=list)
    merge: MergeStats = field(default_factory=MergeStats)
    searched: bool = False  # whether the search index step ran (not when no page moved since it last did)
    listing_early: bool = False  # the listing job ran beside the metadata pass (it needs nothing of the plan)
    seconds: dict[str, float] = field(default_factory=dict)


def read_build_settings(settings_file: str, content: str, output: str, extra: dict | None = None) -> dict:
    from pelican.settings import read_settings

    override = {"PATH": os.path.abspath(content), "OUTPUT_PATH": os.path.abspath(output), **(extra or {})}
    return read_settings(settings_file, override=override)


def environment(settings: dict, settings_file: str) -> str:
    """Templates, plugin code, library versions, the settings file: a change runs every job."""
    from vnarchive.fast_build.writer import environment_digest

    h = hashlib.blake2b(environment_digest(settings), digest_size=16)
    h.update(Path(settings_file).read_bytes())
    for key in sorted(k for k in settings if k.isupper()):
        try:  # settings holding functions or objects are in the settings file's bytes already
            h.update(json.dumps([key, settings[key]], sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogateescape"))
        except (TypeError, ValueError):
            continue
    return h.hexdigest()


def _convert(settings: dict) -> None:
    """The conversion, in a child process: the memory it takes (every article of a first
    run) goes back before the metadata pass and the jobs."""
    from vnarchive.common.workers import run_in_child
    from vnarchive.rawnews import convert_on_init
    from vnarchive.rawnews import plugin_settings as rawnews_settings

    if "vnarchive.rawnews" in settings.get("PLUGINS", []) and rawnews_settings(settings)["ENABLED"]:
        run_in_child(lambda: convert_on_init(SimpleNamespace(settings=settings)))


def _job_overrides(settings: dict, name: str, reads: bool, cache: Path, extra: dict) -> dict:
    rawnews = dict(settings.get("RAWNEWS") or {})
    rawnews["ENABLED"] = bool(rawnews.get("ENABLED", True)) and name == LISTING  # the listing job publishes the report
    rawnews["CONVERT"] = False  # converted once, by the driver
    skipped = PLUGIN.options(settings)["SHARD_SETTINGS" if name != LISTING else "LISTING_SETTINGS"]
    return {
        **extra,
        **(skipped if isinstance(skipped, dict) else {}),
        "CACHE_PATH": str(cache / "jobs" / name / "cache"),
        "RAWNEWS": rawnews,
        "RELATED": {**(settings.get("RELATED") or {}), "ENABLED": False},
        "SEARCH_INDEX": {**(settings.get("SEARCH_INDEX") or {}), "ENABLED": False},
        # Paths only: a setting is part of every page's key (fast_build), so what the plan
        # decides (the shards, which job renders which) is read from files, else a new
        # shard (the first post of a year) would make every job that runs render every page.
        "SHARDS": {**(settings.get("SHARDS") or {}), "JOB": {
            "name": name, "layout": str(cache / "layout.json"),
            "related": str(cache / "related.pickle"), "owned": str(cache / "jobs" / name / "owned.json"),
            "reads": str(cache / "jobs" / name / "reads.json") if reads else None,
        }},
    }


def _kept_plan(cache: Path, stamp: str, force: bool) -> Plan | None:
    """The last run's plan when no post's path, size or mtime and nothing of the environment
    changed since (`stamp`): the records (the largest file here) are then not even read."""
    kept = read_versioned(cache / "plan.pickle", PLAN_VERSION, "kept", None)
    if not force and isinstance(kept, dict) and kept.get("stamp") == stamp and isinstance(kept.get("plan"), Plan) \
            and (cache / "related.pickle").is_file():
        return kept["plan"]
    return None


def _metadata_pass(content: Path, settings: dict, cache: Path, options: dict, env: str, force: bool,
                   stats: dict, stamp: str) -> tuple[Plan, int, int]:
    """Records, related lists (written for the jobs) and the plan: (plan, posts, posts changed).

    With the collector's young generation run as seldom as in a build: the records are
    containers that live to the end, which at CPython's default it walks again and again."""
    from vnarchive.common.collector import BUILD_YOUNG, fewer_collections
    from vnarchive.common.workers import cpu_count

    with fewer_collections(BUILD_YOUNG):
        records, changed = update_records(content, settings, cache / "records.pickle", cpu_count(), stats)
        related = related_lists(records, settings, cache / "related.json", cpu_count(), None if force else changed, _stale_share(options))
        write_if_changed(cache / "related.pickle", pickle.dumps(related, protocol=pickle.HIGHEST_PROTOCOL), "shards")
        plan = make_plan(records, related, int(options["MONTH_SPLIT"]), env, _author_count(settings), _shard_posts(options))
        write_versioned(cache / "plan.pickle", PLAN_VERSION, "kept", {"stamp": stamp, "plan": plan})
    return plan, len(records), len(changed)


def _stale_share(options: dict) -> float:
    value = options["RELATED_STALE_SHARE"]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    logger.warning("shards: RELATED_STALE_SHARE must be a number from 0 to 1, got %r; using 0 (every list computed)", value)
    return 0.0


def _shard_posts(options: dict) -> int:
    value = options["SHARD_POSTS"]
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    logger.warning("shards: SHARD_POSTS must be a whole number of posts (0: a job per year), got %r; using 0", value)
    return 0


def _author_count(settings: dict) -> int:
    """How many "other articles by the author" a page shows: by_author's COUNT, 0 when it is off."""
    from vnarchive.by_author import PLUGIN as BY_AUTHOR

    if "vnarchive.by_author" not in settings.get("PLUGINS", []):
        return 0
    options = BY_AUTHOR.options(settings)
    count = options["COUNT"]
    return count if options["ENABLED"] and isinstance(count, int) and not isinstance(count, bool) and count > 0 else 0


def _search_index(settings: dict) -> bool:
    """The search_index plugin's step over the merged site; whether every bundle is up to date."""
    from vnarchive.search_index import build_index

    if "vnarchive.search_index" in settings.get("PLUGINS", []):
        return build_index(SimpleNamespace(settings=settings, output_path=settings["OUTPUT_PATH"]))
    return True


def build(content: str, output: str, settings_file: str, *, extra: dict | None = None, executor: str | None = None,
          scheduler: str | None = None, jobs: int | None = None, client=None, force: bool = False) -> BuildReport:
    """Build the site in `output` as shards; `extra` are setting overrides (as pelican -e)."""
    run = _Run(content, output, settings_file, dict(extra or {}), force)
    options = run.options
    run.cache.mkdir(parents=True, exist_ok=True)
    # One run at a time per output folder: two runs would share every job's folders and state.
    with held(run.cache, run.output, what="sharded build", prefix="shards"):
        run.convert()
        plan, stale, results = run.jobs(Runner(executor or options["EXECUTOR"], jobs or options["JOBS"] or _cpu_count(),
                                                scheduler or options["SCHEDULER"], client))
        run.record(plan, results)
        run.merge(plan)
        run.index()
    run.report.ran, run.report.results = stale, results
    return run.report


def _cpu_count() -> int:
    from vnarchive.common.workers import cpu_count

    return cpu_count()


class _Run:
    """One sharded build's steps, in order: convert, jobs (with the metadata pass), record, merge, index."""

    def __init__(self, content: str, output: str, settings_file: str, extra: dict, force: bool):
        self.settings_file, self.extra, self.force = settings_file, extra, force
        self.settings = read_build_settings(settings_file, content, output, extra)
        self.options = PLUGIN.options(self.settings)
        # One folder per output folder, as fast_build's manifest: two sites built from one cache never mix.
        tag = hashlib.blake2b(os.path.abspath(self.settings["OUTPUT_PATH"]).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
        self.cache = Path(self.settings["CACHE_PATH"]) / "shards" / tag
        self.content, self.output = Path(self.settings["PATH"]), Path(self.settings["OUTPUT_PATH"])
        self.report = BuildReport()
        self.state_file = self.cache / "state.json"
        self.env = ""
        self.state: dict = {}

    def _timed(self, step: str, began: float) -> None:
        self.report.seconds[step] = time.perf_counter() - began

    def convert(self) -> None:
        self.env = environment(self.settings, self.settings_file)  # before the conversion, which may add to the settings
        began = time.perf_counter()
        _convert(self.settings)
        self._timed("convert", began)

    def _spec(self, name: str, reads: bool) -> JobSpec:
        return JobSpec(name=name, content=str(self.content), output=str(self.cache / "jobs" / name / "output"),
                       settings_file=os.path.abspath(self.settings_file),
                       overrides=_job_overrides(self.settings, name, reads, self.cache, self.extra), cwd=os.getcwd())

    def jobs(self, runner: Runner) -> tuple[Plan, list[str], list[JobResult]]:
        """The metadata pass and the jobs that are out of date: (plan, jobs run, their results)."""
        from vnarchive.common.workers import run_in_child

        cache, report = self.cache, self.report
        self.state = {} if self.force else _load_state(self.state_file)
        stats = list_posts(self.content, self.settings)
        # Every post's path, size and mtime, and the environment: the listing job's digest, and the
        # stamp under which the last plan is kept.
        stamp = listing_digest(((source, stat.st_size, stat.st_mtime_ns) for source, stat in stats.items()), self.env)
        plan = _kept_plan(cache, stamp, self.force)
        with runner:
            futures = {}
            if plan is None:
                # Some post changed, so the listing job runs, and it needs nothing of the plan: it runs
                # beside the metadata pass. Not on a first build, where the two together would hold
                # every post twice at once (docs/scaling.md).
                ran_before = LISTING in self.state and load_owned(cache / "jobs" / LISTING / "owned.json") is not None
                if ran_before and self.state.get(LISTING) != stamp:
                    futures[LISTING] = runner.submit(self._spec(LISTING, False))
                    report.listing_early = True

            began = time.perf_counter()
            if plan is None:
                # In a child too: the records and the related indexes are the largest thing the driver
                # would hold, and it holds only the plan while the jobs run.
                settings, options, env, force = self.settings, self.options, self.env, self.force
                plan, posts, changed = run_in_child(lambda: _metadata_pass(self.content, settings, cache, options, env, force, stats, stamp))
            else:
                posts, changed = len(stats), 0
            report.posts, report.changed_posts, report.shards = posts, changed, list(plan.shards)
            self._timed("metadata", began)

            stale = [name for name in plan.shards if name in futures or self.state.get(name) != plan.digests.get(name)
                     or load_owned(cache / "jobs" / name / "owned.json") is None]
            layout = {"shards": sorted({*plan.keys.values(), LISTING}), "split": sorted(plan.split_years), "jobs": plan.jobs}
            write_if_changed(cache / "layout.json", json.dumps(layout, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogateescape"), "shards")
            began = time.perf_counter()
            for name in stale:
                if name in futures:
                    continue
                if name in plan.reads:
                    own, linked = plan.reads[name]
                    reads = {"own": own, "linked": linked}
                    (cache / "jobs" / name).mkdir(parents=True, exist_ok=True)
                    write_if_changed(cache / "jobs" / name / "reads.json", json.dumps(reads, ensure_ascii=False).encode("utf-8", "surrogateescape"), "shards")
                futures[name] = runner.submit(self._spec(name, name in plan.reads))
            results = [futures[name].result() for name in stale]
        self._timed("jobs", began)
        return plan, stale, results

    def record(self, plan: Plan, results: list[JobResult]) -> None:
        """Each job's digest at its last successful run; a failed job stops the build."""
        failed = [r for r in results if not r.ok]
        for result in results:
            if result.ok:
                self.state[result.name] = plan.digests[result.name]
            else:
                self.state.pop(result.name, None)
        _save_state(self.state_file, {k: v for k, v in self.state.items() if k in plan.digests})
        if failed:
            raise RuntimeError("shards: jobs failed: " + "; ".join(f"{r.name}:\n{r.log_tail}" for r in failed))

    def merge(self, plan: Plan) -> None:
        began = time.perf_counter()
        owned = {name: (self.cache / "jobs" / name / "output", load_owned(self.cache / "jobs" / name / "owned.json") or []) for name in plan.shards}
        self.output.mkdir(parents=True, exist_ok=True)
        self.report.merge = merge(self.output, owned, self.cache / "merged.json")
        _drop_old_jobs(self.cache / "jobs", plan.shards)
        self._timed("merge", began)

    def index(self) -> None:
        began = time.perf_counter()
        # The index is a function of the pages and the settings: when this merge moved no page and
        # the last index was made after the merge that placed these pages, with these settings, it stands.
        searched = {"version": STATE_VERSION, "env": self.env, "merged": self.report.merge.files}
        moved = self.report.merge.placed or self.report.merge.deleted
        if moved or self.force or load_versioned(self.cache / "searched.json", STATE_VERSION) != searched:
            (self.cache / "searched.json").unlink(missing_ok=True)
            if _search_index(self.settings):
                write_if_changed(self.cache / "searched.json", json.dumps(searched).encode(), "shards")
            self.report.searched = True
        self._timed("search", began)


def _drop_old_jobs(folder: Path, names) -> None:
    """The folders of jobs the plan no longer has (a year now split by month, spans of years
    regrouped): the merge placed none of their files."""
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name not in names:
                shutil.rmtree(entry, ignore_errors=True)


def _load_state(path: Path) -> dict:
    return load_versioned(path, STATE_VERSION).get("jobs", {})


def _save_state(path: Path, jobs: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": STATE_VERSION, "jobs": jobs}, indent=0), encoding="utf-8")

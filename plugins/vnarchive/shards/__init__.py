"""shards: the site built as one job per year (or month) plus a listing job, then merged.

`python -m vnarchive.shards build` (build.py) converts the raw folder once,
runs the metadata pass (metadata.py: every post's head, its shard, the
related lists over the whole archive, what each shard's pages depend on),
then runs the jobs that are out of date (plan.py) on local processes or a
Dask cluster (run.py), and merges their outputs (merge.py). Each job is the
normal Pelican build, same settings and plugins, with this plugin told its
job (the JOB setting, set by the driver, never by hand):

- a year shard reads its own posts whole and, of the others, only those
  its pages link (links.py; reads.json from the driver), as stand-ins: the
  post's metadata block with no body; the listing job reads every post as
  a stand-in (the open dataset reads each body as it writes its row);
- related lists come from the metadata pass (the related plugin is off in
  jobs), so every job links the same related articles as a single build;
- fast_build's writer and the citations plugin ask `output_filter`
  whether this job owns a path (keys.owner: article folders and their
  year's archive pages for a shard, everything else for the listing job)
  and write only those.

Settings (all optional), merged over DEFAULT_SETTINGS:

    SHARDS = {
        "MODE": "auto",        # `make html`: "auto" (sharded from THRESHOLD posts), "single" or "sharded"
        "THRESHOLD": 50000,    # posts (or raw files) from which "auto" builds sharded: where the single
                               # build needs over 3 GiB (docs/scaling.md); None: never
        "MONTH_SPLIT": 20000,  # a year with more posts than this is split into month shards
        "SHARD_POSTS": 2000,   # smaller years are grouped: a job renders an aligned span of 2-16 years
                               # holding about this many posts (plan.year_span; 0: a job per year)
        "RELATED_STALE_SHARE": 0.01,  # related lists of unchanged posts are kept until this share of
                               # the archive was added or edited since they were computed (0: always
                               # computed, exactly a single build's; metadata.related_lists)
        "EXECUTOR": "process", # "process" (local processes) or "dask"
        "SCHEDULER": None,     # Dask scheduler address (tcp://host:8786) with EXECUTOR "dask"
        "JOBS": None,          # jobs at once on local processes; None: one per core
        "SHARD_SETTINGS": {},  # settings for year/month jobs only: work whose output they never own
                               # (pelicanconf.py turns off the open dataset there: only the about page links it)
        "LISTING_SETTINGS": {},  # the same for the listing job (pelicanconf.py: by_author's lists, shown
                               # on article pages only)
        "JOB": None,           # set by the driver for each job (see build.py)
    }
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Callable

from vnarchive.foundation import Plugin

from .keys import LISTING, ArchiveLayout, article_places, owner, shard_key

DEFAULT_SETTINGS = {
    "MODE": "auto",
    "THRESHOLD": 50000,
    "MONTH_SPLIT": 20000,
    "SHARD_POSTS": 2000,
    "RELATED_STALE_SHARE": 0.01,
    "EXECUTOR": "process",
    "SCHEDULER": None,
    "JOBS": None,
    "SHARD_SETTINGS": {},
    "LISTING_SETTINGS": {},
    "JOB": None,
}
PLUGIN = Plugin(__name__, "SHARDS", DEFAULT_SETTINGS)
logger = PLUGIN.logger

# Output folder (absolute) -> whether this job owns a path relative to it.
_FILTERS: dict[str, Callable[[str], bool]] = {}


def job_of(settings) -> dict | None:
    job = PLUGIN.options(settings)["JOB"]
    return job if isinstance(job, dict) and job.get("name") else None


def output_filter(output_path) -> Callable[[str], bool] | None:
    """For fast_build's writer: `owns(rel)` in a sharded job, None in a plain build."""
    return _FILTERS.get(os.path.abspath(str(output_path)))


def _reads(job: dict) -> tuple[frozenset[str], frozenset[str]] | None:
    """(own posts, linked posts) of a shard job, from the file the driver wrote; None for the listing job."""
    if not job.get("reads"):
        return None
    with open(job["reads"], encoding="utf-8", errors="surrogateescape") as handle:
        data = json.load(handle)
    return frozenset(data["own"]), frozenset(data["linked"])


def _stand_in_reads(generator) -> None:
    """article_generator_init: a shard job reads only its own posts and those its pages link
    (links.py), the latter as their metadata block only."""
    job = job_of(generator.settings)
    if job is None:
        return
    from .standin import wrap_reader

    reads = _reads(job)
    if reads is None:  # the listing job: listings, feeds and the sitemap show no body (the open dataset
        # reads each one when it writes its row: standin.content_of); feeds with the whole text need every post whole.
        if not generator.settings.get("FEED_FULL_TEXT"):
            for reader in generator.readers.readers.values():
                wrap_reader(reader, lambda source: False)
        return
    own, linked = reads
    wanted = own | linked
    listed = generator.get_files

    root = generator.path

    def get_files(paths, exclude=None, extensions=None):
        return {path for path in listed(paths, exclude, extensions) if source_of(path, root) in wanted}

    generator.get_files = get_files
    for reader in generator.readers.readers.values():
        wrap_reader(reader, lambda path: source_of(path, root) in own)


def source_of(path: str, root: str) -> str:
    """A post's path (absolute, or relative to the content folder `root`) as the metadata
    pass names it: relative to `root`, with "/"."""
    full = os.path.join(root, path)
    prefix = root.rstrip(os.sep) + os.sep
    tail = full[len(prefix) - 1:]
    if full.startswith(prefix) and os.sep + "." not in tail and os.sep * 2 not in tail:  # already plain: no relpath needed
        return full[len(prefix):].replace(os.sep, "/")
    return os.path.relpath(full, root).replace(os.sep, "/")


def article_key(article, split: frozenset[str]) -> str:
    """The date shard of a read article (for the listing job: any name but its own marks an article folder as not its)."""
    date = getattr(article, "date", None)
    return shard_key(date.strftime("%Y-%m-%d") if date is not None else "", str(getattr(article, "date_precision", "") or "day"), split)


def _attach(generator) -> None:
    """article_generator_finalized: related lists from the metadata pass; this job's page filter."""
    job = job_of(generator.settings)
    if job is None:
        return
    by_source = {source_of(article.source_path, generator.path): article for article in generator.articles}
    reads = _reads(job)
    if reads is not None:  # article pages show related lists; the listing job renders none
        with open(job["related"], "rb") as handle:
            related = pickle.load(handle)
        for source, article in by_source.items():
            article.related_articles = [by_source[r] for r in related.get(source, ()) if r in by_source]
    name = job["name"]
    if reads is None:
        # The listing job owns what no shard does, and it reads every post: the shards are the
        # keys of the posts it read (years, or "undated"; how a year is split or spanned makes
        # no page its own), so it needs nothing of the plan and may start before it (build.py).
        split, jobs = frozenset(), {}
    else:
        with open(job["layout"], encoding="utf-8", errors="surrogateescape") as handle:
            layout_of_plan = json.load(handle)  # the plan's shards, split years and spans (build.py)
        split, jobs = frozenset(layout_of_plan["split"]), layout_of_plan["jobs"]  # jobs: a year rendered by a span's job
    places: dict[str, str] = {}
    for source, article in by_source.items():
        if reads is None:
            key = article_key(article, split)
        elif source in reads[0]:
            key = name
            if getattr(article, "shard_stand_in", False):
                raise RuntimeError(f"shards: {source} is this job's ({name}) but was read as a stand-in")
        else:
            key = "elsewhere"
        for place in article_places(article.save_as):
            places[place] = key
    if reads is None:
        shards = frozenset({*places.values(), LISTING})
    else:
        shards = frozenset(layout_of_plan["shards"])
    layout = ArchiveLayout.from_settings(generator.settings.get("DATE_ARCHIVES") or {})

    def owns(rel: str) -> bool:
        found = owner(rel, places, shards, layout)
        return jobs.get(found, found) == name

    owns.announce = name == LISTING  # its sitemap lists every page, written by any job
    _FILTERS[os.path.abspath(generator.output_path)] = owns


def _record_owned(pelican) -> None:
    """finalized: list the files of this job's output that are its own, for the merge."""
    job = job_of(pelican.settings)
    if job is None:
        return
    root = os.path.abspath(pelican.output_path)
    owns = _FILTERS.pop(root, None)
    files = []
    if owns is not None:
        for folder, _dirs, names in os.walk(root):
            # os.walk gives root + os.sep + subfolder: the relative name is a slice (no relpath per file)
            base = folder[len(root) + 1:].replace(os.sep, "/") + "/" if folder != root else ""
            for name in names:
                rel = base + name
                if owns(rel):
                    files.append(rel)
    files.sort()
    target = Path(job["owned"])
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(files, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.article_generator_init, _stand_in_reads)
    PLUGIN.connect(signals.article_generator_finalized, _attach)
    PLUGIN.connect(signals.finalized, _record_owned)

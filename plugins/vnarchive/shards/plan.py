"""The jobs of a sharded build and what each one's pages depend on (pure).

A year shard's pages (its articles, its year and month archives) show its
own posts whole and, of other posts, what a link shows (links.py says
which). Its digest is therefore its posts' sizes and mtimes, the order of
each one's related list, and the metadata blocks of the posts its pages
link to (among them one of each month just before and after its own: a
month archive links them, across years); the job reads a few more
(links.py: the windows by_author picks from), which change no page. A job whose digest and environment are
those of its last successful run is not started. The listing job shows
every post's metadata: any change to any post runs it.

Years are split into months by size (MONTH_SPLIT) and, the other way,
grouped by size: in an archive of small years a job renders an aligned span
of 2, 4, 8 or 16 years (`year_span`), so that each job's fixed cost (one
Pelican start, the posts its pages link) is spread over SHARD_POSTS posts or
so. Spans are aligned on the calendar ("2024..2027"), so a new post, which
lands in the newest span, never moves another span's bounds.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

from .keys import LISTING, UNDATED, shard_key, undated_part
from .metadata import PostRecord


MAX_SPAN = 16  # years in one job at most


@dataclass(frozen=True)
class Plan:
    split_years: frozenset[str]
    keys: dict[str, str]  # source -> shard (a year, a month of a split year, an undated part)
    shards: tuple[str, ...]  # every job name, the listing job first
    digests: dict[str, str]  # job name -> digest of its inputs
    reads: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # job -> (its own posts, read whole; linked ones, stand-ins)
    jobs: dict[str, str] = field(default_factory=dict)  # shard -> the job rendering it, where that is a span of years


def year_span(keys: dict[str, str], shard_posts: int) -> int:
    """Years per job: the smallest power of two (at most MAX_SPAN) whose span holds
    `shard_posts` posts at the archive's average per (unsplit) year; 1 when 0."""
    per_year = Counter(key for key in keys.values() if key.isdigit())
    if shard_posts <= 0 or not per_year:
        return 1
    average = sum(per_year.values()) / len(per_year)
    span = 1
    while span < MAX_SPAN and average * span < shard_posts:
        span *= 2
    return span


def span_job(year: str, span: int) -> str:
    """The job of a year in spans of `span` years, aligned on the calendar: "2024..2027"."""
    if span <= 1:
        return year
    first = int(year) - int(year) % span
    return f"{first:04d}..{first + span - 1:04d}"


def split_years(records: dict[str, PostRecord], month_split: int) -> frozenset[str]:
    per_year = Counter(shard_key(r.meta.get("date", ""), r.meta.get("date_precision", "")) for r in records.values())
    return frozenset(year for year, n in per_year.items() if year != UNDATED and n > month_split)


def neighbours(records: dict[str, PostRecord]) -> dict[str, tuple[str | None, str | None]]:
    """source -> (older, newer) among dated posts, as the archives plugin orders them."""
    from vnarchive.archives.tree import chronological_neighbours

    items = {s: SimpleNamespace(date=r.date, date_precision=r.precision, slug=r.slug, source=s) for s, r in records.items()}
    found = chronological_neighbours(list(items.values()))
    return {s: tuple(n.source if n is not None else None for n in found[id(item)]) for s, item in items.items() if id(item) in found}


def _view(record: PostRecord | None) -> str:
    """What a link to a post can show: its metadata block (everything but the body), as a digest."""
    return "" if record is None else record.view


def make_plan(records: dict[str, PostRecord], related: dict[str, list[str]], month_split: int, environment: str,
              author_count: int = 0, shard_posts: int = 0) -> Plan:
    from .links import linked_posts
    from .metadata import pelican_order

    split = split_years(records, month_split)
    keys = {s: shard_key(r.meta.get("date", ""), r.meta.get("date_precision", ""), split) for s, r in records.items()}
    undated = sum(1 for key in keys.values() if key == UNDATED)
    parts = -(-undated // max(1, month_split))  # one undated job per MONTH_SPLIT undated posts
    if parts > 1:
        keys = {s: undated_part(s, parts) if key == UNDATED else key for s, key in keys.items()}
    span = year_span(keys, shard_posts)
    jobs = {key: span_job(key, span) for key in set(keys.values()) if key.isdigit() and span > 1}
    read, shown = linked_posts(records, keys, related, neighbours(records), pelican_order(records), author_count)
    job_of = {source: jobs.get(key, key) for source, key in keys.items()}

    def by_job(by_shard: dict[str, set[str]]) -> dict[str, set[str]]:
        """A span's links: its years' links to posts of other jobs."""
        found: dict[str, set[str]] = {}
        for shard, sources in by_shard.items():
            job = jobs.get(shard, shard)
            found.setdefault(job, set()).update(s for s in sources if job_of.get(s) != job)
        return found

    linked, showing = by_job(read), by_job(shown)
    own: dict[str, list[str]] = {}
    for source in sorted(records):
        own.setdefault(job_of[source], []).append(source)
    digests = {LISTING: listing_digest(((s, r.size, r.mtime_ns) for s, r in records.items()), environment)}
    reads: dict[str, tuple[str, ...]] = {}
    views: dict[str, bytes] = {}  # a post linked from many shards is serialised once
    for shard, sources in own.items():
        h = hashlib.blake2b(f"{environment}\x00{shard}".encode(), digest_size=16)
        for source in sources:  # its posts, and the order of each one's related list
            h.update(_stamp(source, records[source].size, records[source].mtime_ns) + "\x01".join(related.get(source, ())).encode("utf-8", "surrogateescape"))
        for source in sorted(showing.get(shard, ())):  # shown as links: their metadata blocks
            view = views.get(source)
            if view is None:
                view = views[source] = b"\x01" + source.encode("utf-8", "surrogateescape") + b"\x00" + _view(records[source]).encode("utf-8", "surrogateescape")
            h.update(view)
        digests[shard] = h.hexdigest()
        reads[shard] = (tuple(sources), tuple(sorted(linked.get(shard, ()))))
    shards = (LISTING, *sorted(own, key=lambda k: (k.startswith(UNDATED), k), reverse=True))
    return Plan(split_years=split, keys=keys, shards=shards, digests=digests, reads=reads, jobs=jobs)


def listing_digest(stamps: Iterable[tuple[str, int, int]], environment: str) -> str:
    """The listing job's digest: every post's path, size and mtime, and the environment. It
    needs no more of the plan (its pages are whichever no shard owns: shards/__init__.py), so
    the driver can compute it from the posts' stat and start the job before the plan."""
    h = hashlib.blake2b(environment.encode(), digest_size=16)
    for source, size, mtime_ns in sorted(stamps):
        h.update(_stamp(source, size, mtime_ns))
    return h.hexdigest()


def _stamp(source: str, size: int, mtime_ns: int) -> bytes:
    return f"{source}\x00{size}\x00{mtime_ns}\x00".encode("utf-8", "surrogateescape")

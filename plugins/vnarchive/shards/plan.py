"""The jobs of a sharded build and what each one's pages depend on (pure).

A year shard's pages (its articles, its year and month archives) show its
own posts whole and, of other posts, what a link shows (links.py says
which). Its digest is therefore its posts' sizes and mtimes, the order of
each one's related list, and the metadata blocks of the posts it links to
(among them one of each month just before and after its own: a month
archive links them, across years). A job whose digest and environment are
those of its last successful run is not started. The listing job shows
every post's metadata: any change to any post runs it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

from .keys import LISTING, UNDATED, shard_key, undated_part
from .metadata import PostRecord


@dataclass(frozen=True)
class Plan:
    split_years: frozenset[str]
    keys: dict[str, str]  # source -> shard
    shards: tuple[str, ...]  # every job name, the listing job first
    digests: dict[str, str]  # job name -> digest of its inputs
    reads: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # shard -> (its own posts, read whole; linked ones, stand-ins)


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
              author_count: int = 0) -> Plan:
    from .links import linked_posts
    from .metadata import pelican_order

    split = split_years(records, month_split)
    keys = {s: shard_key(r.meta.get("date", ""), r.meta.get("date_precision", ""), split) for s, r in records.items()}
    undated = sum(1 for key in keys.values() if key == UNDATED)
    parts = -(-undated // max(1, month_split))  # one undated job per MONTH_SPLIT undated posts
    if parts > 1:
        keys = {s: undated_part(s, parts) if key == UNDATED else key for s, key in keys.items()}
    linked = linked_posts(records, keys, related, neighbours(records), pelican_order(records), author_count)
    own: dict[str, list[str]] = {}
    listing = hashlib.blake2b(environment.encode(), digest_size=16)
    for source in sorted(records):
        own.setdefault(keys[source], []).append(source)
        listing.update(_stamp(records[source], source))
    digests = {LISTING: listing.hexdigest()}
    reads: dict[str, tuple[str, ...]] = {}
    views: dict[str, bytes] = {}  # a post linked from many shards is serialised once
    for shard, sources in own.items():
        h = hashlib.blake2b(f"{environment}\x00{shard}".encode(), digest_size=16)
        for source in sources:  # its posts, and the order of each one's related list
            h.update(_stamp(records[source], source) + "\x01".join(related.get(source, ())).encode("utf-8", "surrogateescape"))
        others = sorted(linked.get(shard, ()))
        for source in others:  # shown as links: their metadata blocks
            view = views.get(source)
            if view is None:
                view = views[source] = b"\x01" + source.encode("utf-8", "surrogateescape") + b"\x00" + _view(records[source]).encode("utf-8", "surrogateescape")
            h.update(view)
        digests[shard] = h.hexdigest()
        reads[shard] = (tuple(sources), tuple(others))
    shards = (LISTING, *sorted(own, key=lambda k: (k.startswith(UNDATED), k), reverse=True))
    return Plan(split_years=split, keys=keys, shards=shards, digests=digests, reads=reads)


def _stamp(record: PostRecord, source: str) -> bytes:
    return f"{source}\x00{record.size}\x00{record.mtime_ns}\x00".encode("utf-8", "surrogateescape")

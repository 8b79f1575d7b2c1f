"""The jobs of a sharded build and what each one's pages depend on (pure).

A year shard's pages (its articles, its year and month archives) show its
own posts whole and, of other posts, what a link shows: the related
articles and the previous/next article by date. Its digest is therefore
its posts' sizes and mtimes, the metadata blocks of the posts they link to,
the list of months that have articles (a month archive links the month
before and after, across years) and the undated posts listed on its year
page. A job whose digest and environment are those of its last successful
run is not started. The listing job shows every post's metadata: any
change to any post runs it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

from .keys import LISTING, UNDATED, shard_key
from .metadata import PostRecord


@dataclass(frozen=True)
class Plan:
    split_years: frozenset[str]
    keys: dict[str, str]  # source -> shard
    shards: tuple[str, ...]  # every job name, the listing job first
    digests: dict[str, str]  # job name -> digest of its inputs


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
    """What a link to a post can show: its metadata block (everything but the body)."""
    return "" if record is None else json.dumps(record.head, ensure_ascii=False)


def make_plan(records: dict[str, PostRecord], related: dict[str, list[str]], month_split: int, environment: str) -> Plan:
    split = split_years(records, month_split)
    keys = {s: shard_key(r.meta.get("date", ""), r.meta.get("date_precision", ""), split) for s, r in records.items()}
    around = neighbours(records)
    months = sorted({r.date.strftime("%Y-%m") for r in records.values() if r.precision in ("day", "month")})
    hashes: dict[str, hashlib.blake2b] = {}

    def of(shard: str) -> hashlib.blake2b:
        if shard not in hashes:
            hashes[shard] = hashlib.blake2b(f"{environment}\x00{shard}\x00{months}".encode(), digest_size=16)
        return hashes[shard]

    # A split year's own pages (its months and their counts) are written by its first part (keys.owner).
    first_part: dict[str, str] = {}
    for key in sorted(set(keys.values())):
        if "-" in key:
            first_part.setdefault(key[:4], key)
    listing = hashlib.blake2b(environment.encode(), digest_size=16)
    for source in sorted(records):
        record, key = records[source], keys[source]
        stamp = f"{source}\x00{record.size}\x00{record.mtime_ns}\x00".encode("utf-8", "surrogateescape")
        listing.update(stamp)
        h = of(key)
        h.update(stamp)
        if "-" in key and first_part[key[:4]] != key:
            of(first_part[key[:4]]).update(b"\x03" + stamp)
        for linked in [*related.get(source, ()), *around.get(source, (None, None))]:
            h.update(b"\x01" + _view(records.get(linked) if linked else None).encode("utf-8", "surrogateescape"))
        if record.precision == "unknown":  # listed on its bound's year page (archives/tree.py)
            before = record.meta.get("date_before", "")[:4]
            for shard in sorted({k for k in set(keys.values()) if before and k[:4] == before}):
                of(shard).update(b"\x02" + stamp)
    shards = (LISTING, *sorted(set(keys.values()), key=lambda k: (k == UNDATED, k), reverse=True))
    digests = {LISTING: listing.hexdigest(), **{k: h.hexdigest() for k, h in hashes.items()}}
    return Plan(split_years=split, keys=keys, shards=shards, digests=digests)

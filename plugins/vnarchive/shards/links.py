"""Which other posts a shard's pages show (pure).

A year (or month) shard renders its own posts' article pages and its
archive pages. Of any other post those pages show only what a link shows
(the metadata block), and only for these posts:

- each own post's related articles (the metadata pass's lists);
- each own post's previous and next article by date;
- "Bài khác của tác giả": the COUNT posts of each of its persons nearest
  to it in time (by_author/picks.py), so the window of COUNT posts either
  side of the shard's own posts in each person's list (and, for ties, the
  first COUNT + 1 posts of the date at each end of the window);
- the month before and after each of its month pages (one post of each
  names the month);
- undated posts with a bound in its year (listed on its year and month
  pages), and for the first part of a year split into months, every post
  of that year (its year page counts them by month).

The job reads just these posts, as stand-ins, besides its own: its cost
follows its own size, not the archive's. Its digest (plan.py) covers fewer:
the posts its pages do show, by_author's own picks instead of the windows
they are chosen from. A new article by a prolific reporter enters the
windows of many years but the lists of only the few posts nearest to it,
so only the jobs rendering those start.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date as Date
from types import SimpleNamespace

from vnarchive.by_author.picks import others_by_author, run_starts, timestamp_of
from vnarchive.common import dates

from .metadata import PostRecord


def month_of(record: PostRecord) -> tuple[int, int] | None:
    """The month page a post is listed on (archives/tree.py): its date's, or its bound's when undated."""
    if record.precision in ("day", "month"):
        return (record.date.year, record.date.month)
    if record.precision == "unknown":
        bound = bound_of(record)
        return (bound.year, bound.month) if bound else None
    return None


def bound_of(record: PostRecord) -> Date | None:
    """The day an undated post is known to precede (common/dates.bound_of on its `Date_before`)."""
    return dates.bound_of(SimpleNamespace(date_before=record.meta.get("date_before", "")))


def person_windows(records: dict[str, PostRecord], order: list[str], keys: dict[str, str], count: int) -> dict[str, set[str]]:
    """shard -> the posts within `count` places of its own posts in each of their persons' lists."""
    if count <= 0:
        return {}
    position = {source: i for i, source in enumerate(order)}
    lists: dict[str, list[str]] = defaultdict(list)  # person -> posts, newest first (by_author's ranking)
    for source in sorted(order, key=lambda s: (-timestamp_of(records[s]), position[s])):
        for person in records[source].persons:
            lists[person].append(source)
    found: dict[str, set[str]] = defaultdict(set)
    for person, posts in lists.items():
        spans: dict[str, list[int]] = {}
        for i, source in enumerate(posts):
            span = spans.setdefault(keys[source], [i, i])
            span[1] = i
        starts = run_starts([timestamp_of(records[source]) for source in posts])
        for shard, (first, last) in spans.items():
            low, high = max(0, first - count), min(len(posts) - 1, last + count)
            found[shard].update(posts[low: high + 1])
            for edge in (low, high):  # the same date as an edge post: by_author's ties
                found[shard].update(posts[starts[edge]: starts[edge] + count + 1])
    return found


def person_picks(records: dict[str, PostRecord], order: list[str], keys: dict[str, str], count: int) -> dict[str, set[str]]:
    """shard -> the posts its own posts' "Bài khác của tác giả" lists show (by_author's picks over the archive)."""
    if count <= 0:
        return {}
    items = [SimpleNamespace(source=source, authors=records[source].persons, date=records[source].date) for source in order]
    found: dict[str, set[str]] = defaultdict(set)
    for item, picks in zip(items, others_by_author(items, count)):
        found[keys[item.source]].update(pick.source for pick in picks)
    return found


def month_neighbours(records: dict[str, PostRecord], keys: dict[str, str]) -> dict[str, set[str]]:
    """shard -> one post of each month just before and after the months its pages show."""
    months: dict[tuple[int, int], str] = {}
    for source in sorted(records):
        month = month_of(records[source])
        if month is not None:
            months.setdefault(month, source)
    ordered = sorted(months)
    shown: dict[str, set[tuple[int, int]]] = defaultdict(set)
    shards = set(keys.values())
    for month in ordered:
        for shard in _shards_of_month(month, shards):
            shown[shard].add(month)
    found: dict[str, set[str]] = defaultdict(set)
    for shard, own in shown.items():
        for month in own:
            i = bisect.bisect_left(ordered, month)
            for j in (i - 1, i + 1):
                if 0 <= j < len(ordered) and ordered[j] not in own:
                    found[shard].add(months[ordered[j]])
    return found


def _shards_of_month(month: tuple[int, int], shards: set[str]) -> list[str]:
    year = f"{month[0]:04d}"
    if year in shards:
        return [year]
    part = f"{year}-{month[1]:02d}"
    return [part] if part in shards else []


def linked_posts(records: dict[str, PostRecord], keys: dict[str, str], related: dict[str, list[str]],
                 around: dict[str, tuple[str | None, str | None]], order: list[str], author_count: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(read, shown): shard -> the posts of other shards its job reads, and the fewer its pages
    show (see the module docstring)."""
    base: dict[str, set[str]] = defaultdict(set)
    for source, key in keys.items():
        for other in (*related.get(source, ()), *around.get(source, (None, None))):
            if other:
                base[key].add(other)
    for shard, sources in month_neighbours(records, keys).items():
        base[shard].update(sources)
    shards = set(keys.values())
    first_part: dict[str, str] = {}
    for key in sorted(shards):
        if "-" in key:
            first_part.setdefault(key[:4], key)
    for source, record in records.items():
        year = keys[source][:4]
        if first_part.get(year) is not None:
            base[first_part[year]].add(source)
        if record.precision == "unknown":
            bound = bound_of(record)
            if bound is not None:
                for shard in shards:
                    if shard[:4] == f"{bound.year:04d}":
                        base[shard].add(source)
    results = []
    for by_author in (person_windows(records, order, keys, author_count), person_picks(records, order, keys, author_count)):
        found = {shard: set(sources) for shard, sources in base.items()}
        for shard, sources in by_author.items():
            found.setdefault(shard, set()).update(sources)
        results.append({shard: {s for s in sources if keys.get(s) != shard} for shard, sources in found.items()})
    return results[0], results[1]

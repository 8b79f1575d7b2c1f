"""Other articles by the same persons, the ones nearest in time, in linear time
(pure: any objects with `authors` and `date`).

A reader of a 2016 story wants what the reporter wrote around then, not
their latest pieces; and a list that follows the archive's newest article
would change the page of every article a prolific reporter ever wrote each
time they file one (a daily rebuild would re-render thousands of pages, and
every shard of a sharded build). Nearest in time, a new article enters only
the lists of its persons' COUNT articles nearest to it.

The articles are ranked newest first once (one sort), each person's list is
filled in that order, and an article looks at the COUNT entries either side
of its own place in each of its persons' lists: O(n log n + credits x COUNT),
however many articles one reporter has.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def timestamp_of(article) -> float:
    """The article's date as a number (0 without one): the ranking, here and in shards/links.py."""
    date = getattr(article, "date", None)
    return date.timestamp() if hasattr(date, "timestamp") else 0.0


def others_by_author(articles: Sequence, count: int) -> list[list]:
    """For each article (same order), up to `count` other articles sharing a person:
    the nearest in time (at equal distance the newer, then the given order first),
    listed newest first.

    The result is the same on every build of the same input, and for any
    subset of the articles that holds, in each of an article's persons'
    lists, its `count` neighbours either side and the first `count` + 1
    articles of the same date as the outermost of them (the sharded
    build's jobs: shards/links.py)."""
    if count <= 0:
        return [[] for _ in articles]
    persons = [tuple(dict.fromkeys(getattr(article, "authors", None) or ())) for article in articles]
    stamps = [timestamp_of(article) for article in articles]
    ranked = sorted(range(len(articles)), key=lambda i: (-stamps[i], i))
    rank_of = [0] * len(articles)
    by_person: dict[object, list[int]] = {}
    for rank, index in enumerate(ranked):
        rank_of[index] = rank
        for person in persons[index]:
            by_person.setdefault(person, []).append(rank)
    runs = {person: run_starts([stamps[ranked[rank]] for rank in ranks]) for person, ranks in by_person.items()}
    result = []
    for index, own in enumerate(persons):
        mine = rank_of[index]
        near: set[int] = set()
        for person in own:
            ranks, starts = by_person[person], runs[person]
            at = bisect.bisect_left(ranks, mine)
            low, high = max(0, at - count), min(len(ranks) - 1, at + count)
            near.update(ranks[low: high + 1])
            for edge in (low, high):  # articles of the same date as an edge one: the first of them win ties
                near.update(ranks[starts[edge]: starts[edge] + count + 1])
        near.discard(mine)
        chosen = sorted(near, key=lambda rank: (abs(stamps[ranked[rank]] - stamps[index]), rank))[:count]
        result.append([articles[ranked[rank]] for rank in sorted(chosen)])
    return result


def run_starts(values: Sequence) -> list[int]:
    """For each place in a list, where the run of equal values it is in begins."""
    starts: list[int] = []
    for i, value in enumerate(values):
        starts.append(starts[-1] if i and values[i - 1] == value else i)
    return starts

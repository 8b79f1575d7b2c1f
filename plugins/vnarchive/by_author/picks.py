"""Other articles by the same persons, in linear time (pure: any objects with
`authors` and `date`).

The articles are ranked newest first once (one sort); each person's list is
then filled in that order, so it needs no sort of its own, and an article
looks at no more than COUNT + 1 entries of each of its persons' lists.
The whole pass is O(n log n + credits x COUNT), however many articles one
prolific reporter has.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence


def _stamp(article) -> float:
    date = getattr(article, "date", None)
    return date.timestamp() if hasattr(date, "timestamp") else 0.0


def others_by_author(articles: Sequence, count: int) -> list[list]:
    """For each article (same order), up to `count` other articles sharing a person, newest first.

    Ties in date keep the articles' given order, so the result is the same
    on every build of the same input."""
    if count <= 0:
        return [[] for _ in articles]
    persons = [tuple(dict.fromkeys(getattr(article, "authors", None) or ())) for article in articles]
    ranked = sorted(range(len(articles)), key=lambda i: (-_stamp(articles[i]), i))
    by_person: dict[object, list[int]] = {}
    for rank, index in enumerate(ranked):
        for person in persons[index]:
            by_person.setdefault(person, []).append(rank)
    result = []
    for index, own in enumerate(persons):
        if not own:
            result.append([])
            continue
        heads = [by_person[p][: count + 1] for p in own]
        merged = heads[0] if len(heads) == 1 else heapq.merge(*heads)
        chosen: list = []
        last = -1
        for rank in merged:
            other = ranked[rank]
            if other == index or rank == last:
                continue
            last = rank
            chosen.append(articles[other])
            if len(chosen) == count:
                break
        result.append(chosen)
    return result

"""Other articles by the same persons, in linear time (pure: any objects with
`authors` and `date`).

Each person's articles are sorted newest first once (O(n log n) over all
credits); an article then looks at no more than COUNT + 1 entries of each
of its persons' lists, so the whole pass is O(n log n + n x persons x COUNT)
however many articles one prolific reporter has.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence


def _persons(article) -> list:
    return list(getattr(article, "authors", None) or ())


def _stamp(article) -> float:
    date = getattr(article, "date", None)
    return date.timestamp() if hasattr(date, "timestamp") else 0.0


def others_by_author(articles: Sequence, count: int) -> list[list]:
    """For each article (same order), up to `count` other articles sharing a person, newest first.

    Ties in date keep the articles' given order, so the result is the same
    on every build of the same input."""
    if count <= 0:
        return [[] for _ in articles]
    position = {id(article): i for i, article in enumerate(articles)}
    by_person: dict[object, list] = {}
    for article in articles:
        for person in _persons(article):
            by_person.setdefault(person, []).append(article)
    def order(a) -> tuple[float, int]:
        return (-_stamp(a), position[id(a)])

    for member in by_person.values():
        member.sort(key=order)
    result = []
    for article in articles:
        persons = _persons(article)
        if not persons:
            result.append([])
            continue
        heads = [by_person[p][: count + 1] for p in persons]
        if len(heads) == 1:
            merged = heads[0]
        else:
            merged = heapq.merge(*heads, key=order)
        chosen: list = []
        seen = {id(article)}
        for other in merged:
            if id(other) in seen:
                continue
            seen.add(id(other))
            chosen.append(other)
            if len(chosen) == count:
                break
        result.append(chosen)
    return result

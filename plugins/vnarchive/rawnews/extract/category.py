"""Pick a category: the page's breadcrumb if any, else keyword rules (data/categories.txt)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import pairs
from .gazetteer import Gazetteer

DEFAULT_CATEGORY = "Tin tổng hợp"


@lru_cache(maxsize=1)
def rules() -> tuple[re.Pattern, dict[str, str], tuple[str, ...]]:
    """One regex over every keyword (lower-cased), keyword -> category, category order."""
    owner: dict[str, str] = {}
    order = []
    for category, keywords in pairs("categories.txt"):
        order.append(category)
        for keyword in keywords.split(";"):
            keyword = keyword.strip().lower()
            if keyword:
                owner.setdefault(keyword, category)
    alternatives = sorted(owner, key=len, reverse=True)
    regex = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
    return regex, owner, tuple(order)


@lru_cache(maxsize=1)
def _keywords() -> tuple[Gazetteer, frozenset[str]]:
    """The keywords in one automaton (the regex then decides where they start)."""
    _, owner, _ = rules()
    return Gazetteer(owner), frozenset(owner)


MIN_HITS = 2


def extract_category(title: str, lead: str, breadcrumb: tuple[str, ...] = ()) -> str:
    """Breadcrumb's last section; else the keyword rules, when they are clear.

    Keywords are counted in the title (twice) and the lead. The best category
    needs at least MIN_HITS hits and more than any other; otherwise the
    article is "Tin tổng hợp" rather than a guess.
    """
    if breadcrumb:
        section = breadcrumb[-1].strip()
        if section and len(section) <= 40:
            return section
    regex, owner, order = rules()
    text = f"{title}\n{title}\n{lead}".lower()
    hits: dict[str, int] = {}
    gazetteer, keywords = _keywords()
    for _, keyword in gazetteer.scan(text).words(regex, keywords):
        category = owner[keyword]
        hits[category] = hits.get(category, 0) + 1
    if not hits:
        return DEFAULT_CATEGORY
    ranked = sorted(hits.items(), key=lambda item: (-item[1], order.index(item[0])))
    best, count = ranked[0]
    if count < MIN_HITS or (len(ranked) > 1 and ranked[1][1] == count):
        return DEFAULT_CATEGORY
    return best

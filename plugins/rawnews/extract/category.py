"""Pick a category: the page's breadcrumb if any, else keyword rules."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import pairs

DEFAULT_CATEGORY = "Tin tổng hợp"


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[str, re.Pattern], ...]:
    compiled = []
    for category, keywords in pairs("categories.txt"):
        words = [re.escape(k.strip()) for k in keywords.split(";") if k.strip()]
        compiled.append((category, re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)))
    return tuple(compiled)


def extract_category(title: str, lead: str, breadcrumb: tuple[str, ...] = ()) -> str:
    if breadcrumb:
        return breadcrumb[-1].strip()
    text = f"{title}\n{title}\n{lead}"  # the title counts twice
    best, best_hits = DEFAULT_CATEGORY, 0
    for category, regex in rules():
        hits = len(regex.findall(text))
        if hits > best_hits:
            best, best_hits = category, hits
    return best

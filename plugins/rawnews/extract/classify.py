"""A category from the text alone, when the site names no section.

Two kinds of evidence, both shipped as data (nothing is downloaded):

- `data/category_model.txt`: a naive Bayes model over syllables and syllable
  pairs (Vietnamese words are mostly two syllables), trained on real news
  labelled by their sites' own sections (`bench/devset/train_category.py`
  says how). Each entry keeps the categories a feature speaks for most, so
  the file stays small and a lookup adds at most a few weights.
- `data/categories.txt`: the user's keyword rules (`Category = kw; kw`),
  counted in the title (twice) and the lead. A keyword is worth about as much
  as the whole model's opinion, so a user's rule wins when the model is torn.

The title and the first WORDS words of the lead and body are read: what an
article is about is said early, and this bounds the time per file. With no
evidence (a keyword, or enough words the model knows) the category is
"Tin tổng hợp".
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..data import DATA_DIR, pairs
from .gazetteer import Gazetteer

DEFAULT_CATEGORY = "Tin tổng hợp"
WORDS = 200  # words of the lead and body read after the title
KEYWORD_WEIGHT = 1.0  # per keyword hit (title hits count twice)
# The model speaks only when it knows this many features of the text: a
# line or two says too little ("Tin tổng hợp" then, unless a keyword spoke).
# Real articles give it 70 and more.
MIN_KNOWN = 12
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def model() -> tuple[tuple[str, ...], dict[bytes, tuple[tuple[int, float], ...]]]:
    """(categories, feature -> ((category index, weight), ...)); features in UTF-8."""
    categories: tuple[str, ...] = ()
    weights: dict[bytes, tuple[tuple[int, float], ...]] = {}
    path = DATA_DIR / "category_model.txt"
    if not path.exists():
        return categories, weights
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@categories "):
            categories = tuple(line[len("@categories "):].split("|"))
        elif line and not line.startswith("#"):
            feature, _, entries = line.partition("\t")
            weights[feature.encode("utf-8")] = tuple(
                (int(index), float(weight)) for index, weight in (entry.split(":") for entry in entries.split())
            )
    return categories, weights


def features(words) -> set:
    """The syllables and syllable pairs of a word list (str or UTF-8 bytes)."""
    if not words:
        return set()
    space = b" " if isinstance(words[0], bytes) else " "
    found = set(words)
    found.update(map(space.join, zip(words, words[1:])))
    return found


@lru_cache(maxsize=1)
def keyword_rules() -> tuple[re.Pattern, dict[str, str], Gazetteer, frozenset[str]]:
    """The user's keywords: one regex, keyword -> category, and an automaton over them."""
    owner: dict[str, str] = {}
    for category, keywords in pairs("categories.txt"):
        for keyword in keywords.split(";"):
            keyword = keyword.strip().lower()
            if keyword:
                owner.setdefault(keyword, category)
    alternatives = sorted(owner, key=len, reverse=True) or ["\x00"]
    regex = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
    return regex, owner, Gazetteer(owner), frozenset(owner)


def keyword_hits(title: str, lead: str) -> dict[str, float]:
    """Category -> keyword weight found in the title (twice) and the lead."""
    regex, owner, gazetteer, keys = keyword_rules()
    hits: dict[str, float] = {}
    for text, weight in ((title.lower(), 2 * KEYWORD_WEIGHT), (lead.lower(), KEYWORD_WEIGHT)):
        if text:
            for _, keyword in gazetteer.scan(text).words(regex, keys):
                category = owner[keyword]
                hits[category] = hits.get(category, 0.0) + weight
    return hits


def scores(title_features: set, body_features: set, title: str = "", lead: str = "", trained=None) -> dict[str, float]:
    """Category -> score: the model's (normalised by how many features it
    knew; title features count twice) plus the keyword rules'. `trained`
    replaces the shipped model (the training script's cross-validation)."""
    categories, weights = trained or model()
    totals = [0.0] * len(categories)
    known = 0
    for feature in title_features | body_features:
        entry = weights.get(feature)
        if entry:
            known += 1
            for index, weight in entry:
                totals[index] += weight
    for feature in title_features:
        entry = weights.get(feature)
        if entry:
            for index, weight in entry:
                totals[index] += weight
    result: dict[str, float] = {}
    if known >= MIN_KNOWN:
        scale = 1.0 / math.sqrt(known)
        result = {category: total * scale for category, total in zip(categories, totals) if total}
    for category, weight in keyword_hits(title, lead).items():
        result[category] = result.get(category, 0.0) + weight
    return result


def best(found: dict[str, float], categories: tuple[str, ...]) -> str:
    """The best-scoring category (ties: the earlier in the model), or "Tin tổng hợp"."""
    if not found:
        return DEFAULT_CATEGORY
    order = {category: index for index, category in enumerate(categories)}
    return max(found, key=lambda category: (found[category], -order.get(category, len(order))))


def words_of(text: str, limit: int | None = None) -> list[str]:
    """`re.findall(r"\\w+", text.lower())`, at most limit words."""
    found = _WORD.findall(text.lower())
    return found[:limit] if limit else found


def classify(title: str, lead: str, paragraphs: tuple[str, ...] = ()) -> str:
    """The best-scoring category, or "Tin tổng hợp" when nothing spoke."""
    from . import word_list  # the fingerprint tokenizes this same text next: one pass serves both

    body = " ".join((lead, *paragraphs)).lower()
    body_words = (word_list(body) or [])[:WORDS]
    title_words = [word.encode("utf-8") for word in words_of(title)]
    found = scores(features(title_words), features(body_words), title, lead)
    return best(found, model()[0])

"""A category from the text alone, when the site names no section.

Two kinds of evidence, both shipped as data (nothing is downloaded):

- `data/category_model.txt`: a naive Bayes model over syllables and syllable
  pairs (Vietnamese words are mostly two syllables), trained on real news
  labelled by their sites' own sections (`bench/devset/train_category.py`
  says how). Each feature keeps only the categories it speaks for most, so
  the file stays small.
- `data/categories.txt`: the user's keyword rules (`Category = kw; kw`),
  counted in the title (twice) and the lead. A title keyword is worth about
  as much as the model's whole opinion, so a user's rule wins when the model
  is torn (the training also reads the rules, as prior documents).

The title and the first WORDS words of the lead and body are read: what an
article is about is said early, and this bounds the time per file. With no
evidence (a keyword, or enough words the model knows) the category is
"Tin tổng hợp".
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from ..data import DATA_DIR, pairs
from .gazetteer import Gazetteer

DEFAULT_CATEGORY = "Tin tổng hợp"
WORDS = 80  # words of the lead and body read after the title
HEAD_CHARS = 8 * WORDS  # enough text for WORDS words (5-6 characters a word)
KEYWORD_WEIGHT = 1.0  # per keyword hit in the lead; twice that in the title
# The model speaks only when it knows this many features of the text: a
# line or two says too little ("Tin tổng hợp" then, unless a keyword spoke).
# Real articles give it 70 and more.
MIN_KNOWN = 12
# Words are split on ASCII punctuation and a few typographic marks, in C
# (bytes.translate, split): a regex scan cost more than the whole rest.
_NOT_WORD = bytes(b for b in range(128) if not (chr(b).isalnum() or b == 0x5F))
_SPACES = bytes.maketrans(_NOT_WORD, b" " * len(_NOT_WORD))
_MARKS = "“”‘’…–—«»•·"


class Model(NamedTuple):
    """Categories, and per feature (UTF-8) its weights for all categories in
    one integer: FIELD bits a category, in tenths (sums are exact whatever
    order a set gives, and `sum` adds a text's features in C)."""

    categories: tuple[str, ...]
    weights: dict[bytes, int]
    keys: frozenset[bytes]


FIELD = 20  # bits per category: room for the sum of a text's features


def make_model(categories: tuple[str, ...], entries: dict[bytes, tuple[tuple[int, float], ...]]) -> Model:
    """A Model from sparse entries (feature -> ((category index, weight), ...));
    only weights above zero are kept (the training keeps no other)."""
    weights = {}
    for feature, entry in entries.items():
        packed = 0
        for index, weight in entry:
            packed |= max(0, round(weight * 10)) << (FIELD * index)
        weights[feature] = packed
    return Model(categories, weights, frozenset(weights))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (an empty one when the file is missing)."""
    categories: tuple[str, ...] = ()
    entries: dict[bytes, tuple[tuple[int, float], ...]] = {}
    path = DATA_DIR / "category_model.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("@categories "):
                categories = tuple(line[len("@categories "):].split("|"))
            elif line and not line.startswith("#"):
                feature, _, found = line.partition("\t")
                entries[feature.encode("utf-8")] = tuple(
                    (int(index), float(weight)) for index, weight in (item.split(":") for item in found.split())
                )
    return make_model(categories, entries)


def words_of(text: str, limit: int | None = None) -> list[bytes]:
    """The lower-cased words of text in UTF-8 (letters and digits between
    punctuation and spaces), at most limit."""
    text = text.lower()
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, " ")
    words = text.encode("utf-8", "replace").translate(_SPACES).split()
    return words[:limit] if limit else words


def features(words: list[bytes]) -> set[bytes]:
    """The syllables and syllable pairs of a word list."""
    found = set(words)
    found.update(map(b" ".join, zip(words, words[1:])))
    return found


def text_features(title: str, lead: str, paragraphs=()) -> tuple[set[bytes], set[bytes]]:
    """(title features, features of the first WORDS words of lead and body)."""
    head = lead
    for paragraph in paragraphs:
        if len(head) >= HEAD_CHARS:
            break
        head = f"{head} {paragraph}"
    return features(words_of(title)), features(words_of(head[:HEAD_CHARS], WORDS))


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
    """Category -> weight of its keywords in the title (twice) and the lead."""
    regex, owner, gazetteer, keys = keyword_rules()
    hits: dict[str, float] = {}
    for text, weight in ((title.lower(), 2 * KEYWORD_WEIGHT), (lead.lower(), KEYWORD_WEIGHT)):
        if text:
            for _, keyword in gazetteer.scan(text).words(regex, keys):
                category = owner[keyword]
                hits[category] = hits.get(category, 0.0) + weight
    return hits


def scores(title_features: set, body_features: set, title: str = "", lead: str = "", trained: Model | None = None) -> dict[str, float]:
    """Category -> score: the model's (its weights summed, title features
    twice, divided by the square root of how many features it knew) plus the
    keyword rules'. `trained` replaces the shipped model (cross-validation)."""
    categories, weights, keys = trained or model()
    known_title = title_features & keys
    known = known_title | (body_features & keys)
    result: dict[str, float] = {}
    if len(known) >= MIN_KNOWN:
        packed = sum(map(weights.__getitem__, known)) + sum(map(weights.__getitem__, known_title))
        scale = 0.1 / math.sqrt(len(known))  # (weights are in tenths)
        mask = (1 << FIELD) - 1
        for index, category in enumerate(categories):
            total = (packed >> (FIELD * index)) & mask
            if total:
                result[category] = total * scale
    for category, weight in keyword_hits(title, lead).items():
        result[category] = result.get(category, 0.0) + weight
    return result


def best(found: dict[str, float], categories: tuple[str, ...]) -> str:
    """The best-scoring category (a tie goes to the one the model lists first),
    or "Tin tổng hợp" when nothing scored."""
    if not found:
        return DEFAULT_CATEGORY
    order = {category: index for index, category in enumerate(categories)}
    return max(found, key=lambda category: (found[category], -order.get(category, len(order))))


def classify(title: str, lead: str, paragraphs: tuple[str, ...] = ()) -> str:
    """The best-scoring category, or "Tin tổng hợp" when nothing spoke."""
    title_features, body_features = text_features(title, lead, paragraphs)
    return best(scores(title_features, body_features, title, lead), model().categories)

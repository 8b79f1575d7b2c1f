"""Related articles by shared tags and text similarity, without all pairs.

Each article gets two small weighted vectors:

- its tags, weighted by smoothed inverse document frequency (a tag on every
  article says nothing; a tag on three articles says a lot);
- a text *signature*: the K rarest syllable bigrams ("nhân quyền", "kon
  tum") of its title, lead and start of body among those that at least one
  other article shares (and not more than a small share of all articles),
  weighted by idf. Vietnamese words are mostly two syllables, so bigrams are
  close to words and far more telling than single syllables.

Both vectors are L2-normalised, so the score of a pair is the mean of a tag
cosine and a signature cosine, in [0, 1].

Candidates come from inverted indexes (tag -> articles, signature bigram ->
articles) whose posting lists are in date order. A long posting list (a
frequent tag) is not walked whole: only the WINDOW articles nearest in date
are visited, which bounds the work per article by (tags + K) x WINDOW, so the
total cost grows linearly with the corpus, and for news the articles close in
time are the ones worth proposing anyway.

When fewer than `minimum` candidates score above `min_score`, the list is
filled with articles of the same category nearest in date, then any articles
nearest in date, so every article offers something to read next.

Everything here is pure: lists of `Doc` in, lists of indexes out.
"""

from __future__ import annotations

import gc
import heapq
import math
import re
import zlib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vnarchive.common.workers import run_forked

if TYPE_CHECKING:  # numpy is imported where it is used: every Pelican run loads this module
    import numpy as np

_PUNCTUATION = re.compile(r"[^\w\s]+")  # ends a phrase: no bigram across it


@dataclass(frozen=True)
class Doc:
    """What the similarity needs from one article (plain text, no markup)."""

    title: str
    text: str
    tags: tuple[str, ...] = ()
    category: str = ""
    when: float = 0.0  # any sortable time value (POSIX seconds)


@dataclass(frozen=True)
class Options:
    count: int = 5  # at most this many related articles
    minimum: int = 3  # fill up to this many when similarity finds fewer
    signature_size: int = 16  # bigrams kept per article
    window: int = 48  # posting-list entries visited around an article
    min_score: float = 0.04  # below this a candidate is not "related"
    max_chars: int = 1000  # text read per article after the title (lead, start of body)
    max_df_share: float = 0.02  # bigrams on more articles than this share are too common
    min_df_ceiling: int = 20  # ... unless on at most this many (small corpora)
    tag_share: float = 0.5  # weight of tags vs text in the score
    place_weight: float = 0.3  # a place tag's weight against other tags': the same city alone is not the same story
    places: tuple[str, ...] = ()  # place names (casefolded, sorted) whose tags get place_weight
    other_category: float = 0.7  # a candidate of another category scores this share


@dataclass
class _Postings:
    """Posting list of one key: article ranks (ascending = by date) and weights."""

    ranks: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)


def _phrases(text: str):
    for phrase in _PUNCTUATION.split(text.lower()):
        words = phrase.split()
        if len(words) > 1:
            yield words


def bigrams(text: str) -> set[str]:
    """The distinct word pairs ("nhân quyền") of the text, lower-cased, never
    across punctuation. (For reading; the computation numbers them: text_keys.)"""
    return {f"{a} {b}" for words in _phrases(text) for a, b in zip(words, words[1:])}


def text_keys(doc: Doc, max_chars: int) -> np.ndarray:
    """The distinct bigrams of the doc's title and start of text, each as a 64-bit
    number (CRC-32 and Adler-32 of its UTF-8 bytes), sorted.

    Numbers, not strings: an archive's bigram sets are the largest thing its
    related lists hold, and a number depends on the bigram alone, so a doc's
    keys can be kept with it between builds (the sharded build's records) and
    only new docs are read; unlike hash(), the same in every run and process.
    Two bigrams with one number would share their counts: with about 52 bits
    that is unlikely among the few million distinct bigrams of an archive."""
    import numpy as np

    crc, adler = zlib.crc32, zlib.adler32
    found: set[int] = set()
    add = found.add
    for words in _phrases(f"{doc.title}. {doc.text[:max_chars]}"):
        for pair in map(" ".join, zip(words, words[1:])):
            data = pair.encode("utf-8", "surrogatepass")
            add(crc(data) << 32 | adler(data))
    return np.array(sorted(found), dtype=np.uint64)


def _idf(total: int, df: int) -> float:
    return math.log(1.0 + total / df)


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {key: w / norm for key, w in weights.items()} if norm else {}


def _text_signatures(docs: list[Doc], options: Options, keys: list[np.ndarray] | None = None) -> list[dict[int, float]]:
    """Per doc, its `signature_size` rarest bigrams that some other doc shares.

    Rare shared bigrams are names, places and the story's own phrases; common
    ones ("của các") carry no signal. Term frequency is not used: counting
    costs more than it tells in a text of a few hundred words.

    `keys`: each doc's text_keys, when kept from an earlier build; else read
    here. Counting and choosing run over one array of every doc's keys."""
    import numpy as np

    if keys is None:
        keys = [text_keys(doc, options.max_chars) for doc in docs]
    total = len(docs)
    ceiling = max(options.min_df_ceiling, int(total * options.max_df_share))
    # Document frequencies from one sorted copy of every doc's numbers (each doc's are distinct).
    flat = np.concatenate(keys) if keys else np.empty(0, dtype=np.uint64)
    flat.sort()
    starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1]))) if len(flat) else np.empty(0, dtype=np.int64)
    distinct = flat[starts]
    counts = np.diff(np.append(starts, len(flat))).astype(np.int32)
    del flat, starts
    size = options.signature_size
    signatures: list[dict[int, float]] = []
    step = max(1, (1 << 20) // max(1, sum(len(k) for k in keys) // max(1, total)))  # docs per chunk: ~1M numbers
    for first in range(0, total, step):  # chunks of docs: the arrays below stay small at any size
        part = keys[first: first + step]
        chunk = np.concatenate(part) if part else np.empty(0, dtype=np.uint64)
        df = counts[np.searchsorted(distinct, chunk)]
        owner = np.repeat(np.arange(len(part), dtype=np.int32), [len(k) for k in part])
        usable = (df >= 2) & (df <= ceiling)
        chunk, df, owner = chunk[usable], df[usable], owner[usable]
        order = np.lexsort((chunk, df, owner))  # per doc, rarest first, ties by number: the same in every run
        chunk, df, owner = chunk[order], df[order], owner[order]
        bounds = np.searchsorted(owner, np.arange(len(part) + 1))
        chosen = np.arange(len(owner)) - bounds[owner] < size  # each doc's first ones
        chunk, df, owner = chunk[chosen].tolist(), df[chosen].tolist(), owner[chosen]
        bounds = np.searchsorted(owner, np.arange(len(part) + 1)).tolist()
        signatures.extend(_normalised({chunk[j]: _idf(total, df[j]) for j in range(bounds[i], bounds[i + 1])}) for i in range(len(part)))
    return signatures


def _tag_vectors(docs: list[Doc], options: Options = Options()) -> list[dict[str, float]]:
    """Per doc, its tags weighted by idf, places by place_weight too.

    A place is where many unrelated stories happen ("Đà Nẵng"), so sharing
    one says less than sharing a person, a body or a topic; the idf alone
    does not see it in a corpus where each city has few articles."""
    df: Counter = Counter()
    keyed = [{tag.casefold() for tag in doc.tags if tag.strip()} for doc in docs]
    for tags in keyed:
        df.update(tags)
    total = len(docs)
    places = frozenset(options.places)
    kind = {tag: options.place_weight if tag in places else 1.0 for tag in df}
    return [_normalised({tag: kind[tag] * _idf(total, df[tag]) for tag in sorted(tags) if df[tag] >= 2}) for tags in keyed]  # sorted: same float sums every run


def _index(vectors: list[dict], order: list[int]) -> dict:
    index: dict = {}
    for rank, i in enumerate(order):
        for key, weight in vectors[i].items():
            postings = index.get(key)
            if postings is None:
                postings = index[key] = _Postings()
            postings.ranks.append(rank)
            postings.weights.append(weight)
    return index


def _accumulate(scores: dict[int, float], vector: dict, index: dict, rank: int, share: float, window: int) -> None:
    half = window // 2
    for key, weight in vector.items():
        postings = index[key]
        ranks = postings.ranks
        if len(ranks) <= window:
            lo, hi = 0, len(ranks)
        else:
            at = bisect_left(ranks, rank)
            lo = max(0, min(at - half, len(ranks) - window))
            hi = lo + window
        w = weight * share
        weights = postings.weights
        for j in range(lo, hi):
            other = ranks[j]
            scores[other] = scores.get(other, 0.0) + w * weights[j]


def _nearest_in_date(rank: int, candidates: list[int], taken: set[int], need: int) -> list[int]:
    """Up to `need` ranks from the sorted list `candidates`, nearest to `rank` first."""
    found: list[int] = []
    at = bisect_left(candidates, rank)
    lo, hi = at - 1, at
    while len(found) < need and (lo >= 0 or hi < len(candidates)):
        if hi < len(candidates) and (lo < 0 or candidates[hi] - rank <= rank - candidates[lo]):
            pick, hi = candidates[hi], hi + 1
        else:
            pick, lo = candidates[lo], lo - 1
        if pick != rank and pick not in taken:
            found.append(pick)
            taken.add(pick)
    return found


def related(docs: list[Doc], options: Options = Options(), workers: int = 1, only: list[int] | None = None,
            keys: list[np.ndarray] | None = None) -> list[list[int]]:
    """For each doc (or each doc of `only`, in that order), the indexes of its related docs,
    best first (never itself). `only` gives the same lists as the whole run for those docs;
    `keys`, each doc's text_keys kept from an earlier build, the same as reading them again.

    `workers` > 1 scores the docs in that many forked processes once the
    indexes are built (the same lists; where `fork` is missing, one process)."""
    # Millions of small containers and no cycles: the cyclic collector would
    # only rescan them again and again (a third of the time at 50k articles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _related(docs, options, workers, only, keys)
    finally:
        if enabled:
            gc.enable()


# The indexes built by _related, read by the forked scoring processes.
_SHARED: dict = {}


def _score_range(bounds: tuple[int, int]) -> list[list[int]]:
    targets = _SHARED["targets"]
    shared = {k: v for k, v in _SHARED.items() if k != "targets"}
    return [_lists_for(targets[i], **shared) for i in range(*bounds)]


def _related(docs: list[Doc], options: Options, workers: int = 1, only: list[int] | None = None,
             keys: list[np.ndarray] | None = None) -> list[list[int]]:
    total = len(docs)
    targets = list(range(total)) if only is None else list(only)
    if total < 2:
        return [[] for _ in targets]
    order = sorted(range(total), key=lambda i: (docs[i].when, i))
    rank_of = {i: rank for rank, i in enumerate(order)}
    tags = _tag_vectors(docs, options)
    texts = _text_signatures(docs, options, keys)
    tag_index = _index(tags, order)
    text_index = _index(texts, order)
    by_category: dict[str, list[int]] = {}
    for rank, i in enumerate(order):
        by_category.setdefault(docs[i].category, []).append(rank)
    all_ranks = list(range(total))
    categories = [docs[i].category for i in order]  # by rank

    shared = dict(docs=docs, options=options, order=order, rank_of=rank_of, tags=tags, texts=texts, tag_index=tag_index,
                  text_index=text_index, by_category=by_category, all_ranks=all_ranks, categories=categories)
    count = len(targets)
    workers = max(1, min(workers, count // 500))  # a fork costs more than scoring a few hundred docs
    if workers > 1:
        _SHARED.update(shared, targets=targets)
        try:
            step = -(-count // workers)
            ranges = [(start, min(start + step, count)) for start in range(0, count, step)]
            # One range per process; this process scores the first itself (run_forked: job i
            # goes to process i), so one process fewer holds copies of the indexes.
            parts = run_forked(ranges, _score_range, len(ranges))
        finally:
            _SHARED.clear()
        return [found for part in parts for found in part]
    return [_lists_for(i, **shared) for i in targets]


def _lists_for(i, docs, options, order, rank_of, tags, texts, tag_index, text_index, by_category, all_ranks, categories) -> list[int]:
    """Doc i's related docs, best first, filled up to `minimum` by date."""
    rank = rank_of[i]
    scores: dict[int, float] = {}
    _accumulate(scores, tags[i], tag_index, rank, options.tag_share, options.window)
    _accumulate(scores, texts[i], text_index, rank, 1.0 - options.tag_share, options.window)
    scores.pop(rank, None)
    if options.other_category != 1.0:
        category, factor = categories[rank], options.other_category
        for other, score in scores.items():
            if categories[other] != category:
                scores[other] = score * factor
    best = heapq.nsmallest(
        options.count,
        (item for item in scores.items() if item[1] >= options.min_score),
        key=lambda item: (-item[1], abs(item[0] - rank), item[0]),
    )
    picked = [other for other, _ in best]
    if len(picked) < options.minimum:
        taken = set(picked) | {rank}
        need = options.minimum - len(picked)
        picked += _nearest_in_date(rank, by_category.get(docs[i].category, []), taken, need)
        picked += _nearest_in_date(rank, all_ranks, taken, options.minimum - len(picked))
    return [order[r] for r in picked]

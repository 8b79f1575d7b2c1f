"""The reduce step: facts that need the whole corpus, computed once.

- duplicates: articles with the same words (re-scrapes with other chrome),
  and near-duplicates (a changed credit, a sentence added or a typo fixed);
- canonical authors: "Khánh Vi" and "Hồ Thị Khánh Vi" are one reporter when
  the short form matches exactly one full form; the alias file overrides;
- unique slugs: a slug once given to a source keeps it (URLs stay stable),
  a newcomer whose slug is taken gets its source id appended.
"""

from __future__ import annotations

import dataclasses
import operator
import re
import struct
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import repeat

from . import fastsketch
from .extract import word_list
from .model import Article
from .slug import is_safe_slug, slugify


# Near-duplicates: two texts are the same article when at least this share of
# their word 5-grams ("shingles") is common (Jaccard similarity). A re-scrape
# with a sentence added or a word changed stays far above it; two reports of
# the same event written apart stay far below (they share names, not runs of
# five words). Texts shorter than NEAR_MIN_SHINGLES are compared exactly only.
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
NEAR_MIN_SHINGLES = 30
# The sketch: one-permutation MinHash in SKETCH_BANDS * BAND_ROWS bins. Two
# texts become candidates when one band of bins is identical (locality-
# sensitive hashing), so finding them is linear in the corpus; candidates
# are then compared exactly. With 16 bands of 5 rows a pair at J = 0.8 is a
# candidate with probability 0.998, a pair at J = 0.3 with 0.04.
SKETCH_BANDS, BAND_ROWS = 16, 5
SKETCH_BINS = SKETCH_BANDS * BAND_ROWS
# A band shared by more than BUCKET_CAP kept posts is boilerplate (a standard
# paragraph, a common notice), not a sign of one article: it pairs no one
# from then on, so a corpus where every article carries the same paragraph
# stays linear. Kept posts are different articles, so a real bucket is small;
# a true duplicate also shares bands of its own text.
BUCKET_CAP = 8
# Part of the keys of the cached search and similarities: a change here must redo them.
DUPLICATE_SCHEME = f"shingles{SHINGLE_WORDS}-j{NEAR_DUPLICATE_JACCARD}-bands{SKETCH_BANDS}x{BAND_ROWS}-cap{BUCKET_CAP}"
_BIN_BITS = 32
_EMPTY = 1 << _BIN_BITS


def article_words(article: Article) -> list[str]:
    """The words of the article text (lead and body), case-folded."""
    return re.findall(r"\w+", " ".join((article.lead, *article.paragraphs)).casefold())


def shingle_words(article: Article) -> list[str] | list[bytes]:
    """article_words(article), each word in UTF-8 when the text can be
    encoded (a word's id is the same either way): found in C, and usually
    already found for the article's fingerprint."""
    text = " ".join((article.lead, *article.paragraphs)).casefold()
    words = word_list(text)
    return words if words is not None else re.findall(r"\w+", text)


class _WordIds(dict):
    """word (str, or its UTF-8 bytes) -> CRC-32 of its UTF-8 bytes, computed once per distinct word.

    Looked up through `map(ids.__getitem__, words)`, so a known word costs a
    dict lookup in C; the cache is cleared when it grows past _MAX_WORD_IDS."""

    def __missing__(self, word: str | bytes) -> int:
        value = self[word] = zlib.crc32(word if isinstance(word, bytes) else word.encode("utf-8"))
        return value


_WORD_IDS = _WordIds()
_MAX_WORD_IDS = 500_000
_MASK64 = (1 << 64) - 1
# Shingle hash: the hash of the tuple of five word ids. Ints hash to
# themselves, so this is the same in every process whatever PYTHONHASHSEED
# (only str and bytes hashes are salted); it does depend on the interpreter's
# tuple-hash algorithm and word size, so this probe of it is part of the
# state's version (state.py) and a different interpreter recomputes the
# cached sketches instead of comparing them with its own.
SKETCH_SCHEME = f"tuplehash-{hash((1, 2, 3, 4, 5)) & _MASK64:016x}"


def _word_ids(words: list[str] | list[bytes]) -> list[int]:
    """Each word's id (its CRC-32), from the cache, which is kept bounded."""
    if len(_WORD_IDS) > _MAX_WORD_IDS:
        _WORD_IDS.clear()
    return list(map(_WORD_IDS.__getitem__, words))


def _shingle_hashes(words: list[str] | list[bytes]) -> set[int]:
    """64-bit hashes of the word 5-grams, all computed in C (no per-shingle
    Python code: a blake2b digest per shingle was a quarter of the map step)."""
    ids = _word_ids(words)
    shingles = zip(*(ids[k:] for k in range(SHINGLE_WORDS)))
    # (operator functions over repeat() are called faster than bound int methods)
    return set(map(operator.and_, map(hash, shingles), repeat(_MASK64)))


def sketch(article: Article) -> str:
    """MinHash sketch of the article's shingles, as hex ('' for short texts).

    Computed once per file in the map step and cached with the article; each
    shingle hash goes to one bin (its low bits), which keeps the smallest of
    its high 32 bits. Empty bins borrow the next full bin's value
    (densification), so every band counts.
    """
    words = shingle_words(article)
    if fastsketch.available():  # the same bins, from numpy arrays
        bins = fastsketch.min_per_bin(_word_ids(words), len(words), SHINGLE_WORDS, SKETCH_BINS, 64 - _BIN_BITS, NEAR_MIN_SHINGLES, _EMPTY)
        if bins is None:
            return ""
    else:
        hashes = _shingle_hashes(words)
        if len(hashes) < NEAR_MIN_SHINGLES:
            return ""
        # Largest first: the last value written to a bin is its smallest (the
        # smallest hash of a bin has its smallest high bits). Built in C: dict()
        # of (bin, hash) pairs keeps the last value of each key; an empty bin
        # gets a value whose high bits are _EMPTY.
        ordered = sorted(hashes, reverse=True)
        kept = dict(zip(map(operator.mod, ordered, repeat(SKETCH_BINS)), ordered))
        bins = list(map(operator.rshift, map(kept.get, range(SKETCH_BINS), repeat(_EMPTY << (64 - _BIN_BITS))), repeat(64 - _BIN_BITS)))
    if _EMPTY not in bins:
        return _PACK(*bins).hex()
    dense = []
    for index, value in enumerate(bins):
        if value == _EMPTY:
            distance = next(d for d in range(1, SKETCH_BINS + 1) if bins[(index + d) % SKETCH_BINS] != _EMPTY)
            value = (bins[(index + distance) % SKETCH_BINS] + distance * 0x9E3779B1) % _EMPTY
        dense.append(value)
    return _PACK(*dense).hex()


_PACK = struct.Struct(f">{SKETCH_BINS}I").pack  # each bin as 8 hex digits


def _sketch_values(text: str) -> tuple[int, ...]:
    return struct.unpack(f">{len(text) // 8}I", bytes.fromhex(text))


def _jaccard(first: set[int], second: set[int]) -> float:
    if not first or not second:
        return 0.0
    common = len(first & second)  # (the union's size from it: no union set is built)
    return common / (len(first) + len(second) - common)


def find_duplicates(
    articles: list,
    sketches: dict[str, str] | None = None,
    prefer: Iterable[str] = (),
    shingles: Callable[[str], set[int]] | None = None,
) -> dict[str, tuple[str, float]]:
    """source -> (the source it duplicates, similarity; 1.0 when the words are the same).

    `articles` are Articles, or anything with `source` and `fingerprint`
    (a Summary) when `shingles(source)` gives an article's shingle hashes:
    the texts are then read only for the few pairs whose sketches are close.
    The kept post is one already published (in `prefer`, so URLs stay), else
    the first by name. Every duplicate points at a kept post, never at another
    duplicate. The result depends only on the articles in that order.
    """
    return search_duplicates(articles, sketches, prefer, shingles).duplicates


def search_duplicates(
    articles: list,
    sketches: dict[str, str] | None = None,
    prefer: Iterable[str] = (),
    shingles: Callable[[str], set[int]] | None = None,
    known: dict[str, float] | None = None,
) -> DuplicateFinder:
    """find_duplicates, as the finder that ran it: its `similarities` (the
    pairs compared word by word) given back as `known` on the next run mean
    that only pairs with a new or changed text are compared again."""
    preferred = set(prefer)
    sketches = dict(sketches or {})
    ordered = sorted(articles, key=lambda a: (a.source not in preferred, a.source))
    by_source = {a.source: a for a in ordered}
    if shingles is None:
        shingles = lambda source: _shingle_hashes(shingle_words(by_source[source]))  # noqa: E731
    finder = DuplicateFinder(shingles, known)
    for article in ordered:
        text = sketches.get(article.source)
        if text is None or (text and len(text) != SKETCH_BINS * 8):
            text = sketch(article) if isinstance(article, Article) else ""
        finder.add(article.source, article.fingerprint, text)
    return finder


_BOILERPLATE: tuple = ()  # a band bucket that grew past BUCKET_CAP


class DuplicateFinder:
    """find_duplicates one article at a time, given in the order it examines
    them (kept posts first, then by name): a caller that receives articles in
    that order can search while it receives them. `duplicates` is the result
    so far; `similarities` the exact comparisons made ("fingerprint
    fingerprint" -> similarity), reused from `known` when there."""

    def __init__(self, shingles: Callable[[str], set[int]], known: dict[str, float] | None = None):
        self.duplicates: dict[str, tuple[str, float]] = {}
        self.similarities: dict[str, float] = {}
        self._known = known or {}
        self._shingles = _memo(shingles)
        self._texts: dict[str, str] = {}
        self._fingerprints: dict[str, str] = {}
        self._values = _memo(lambda source: _sketch_values(self._texts[source]))
        self._rank: dict[str, int] = {}
        self._first: dict[str, tuple[str, float]] = {}  # fingerprint -> (kept post, similarity to it)
        # Per band: its text (BAND_ROWS bins) -> the kept posts with that band
        # (at most BUCKET_CAP), or _BOILERPLATE.
        self._bands: list[dict[str, list[str] | tuple]] = [{} for _ in range(SKETCH_BANDS)]

    def add(self, source: str, fingerprint: str, text: str) -> None:
        """The next article: its source, fingerprint and sketch ('' if none)."""
        self._rank[source] = len(self._rank)
        if fingerprint in self._first:
            self.duplicates[source] = self._first[fingerprint]
            return
        if text and len(text) != SKETCH_BINS * 8:
            text = ""
        self._texts[source] = text
        self._fingerprints[source] = fingerprint
        bands = self._bands
        keys = _band_texts(text) if text else []
        # (Most texts share no band with a kept one: that is checked in C.)
        match = None
        if any(map(operator.contains, bands, keys)):
            candidates = list(map(dict.get, bands, keys, repeat(())))
            match = _near_match(source, candidates, self._values, self._similarity, self._rank)
        if match:
            self.duplicates[source] = match
            # An exact copy of this text, seen later, points at the kept post too.
            self._first[fingerprint] = match
            return
        self._first[fingerprint] = (source, 1.0)
        for band, key in zip(bands, keys):
            kept = band.get(key)
            if kept is None:
                band[key] = [source]
            elif kept is not _BOILERPLATE:
                if len(kept) < BUCKET_CAP:
                    kept.append(source)
                else:
                    band[key] = _BOILERPLATE

    def _similarity(self, source: str, other: str) -> float:
        """Exact similarity of two examined articles, known or computed once."""
        first, second = sorted((self._fingerprints[source], self._fingerprints[other]))
        key = f"{first} {second}"
        value = self.similarities.get(key)
        if value is None:
            value = self._known.get(key)
            if value is None:
                first_set, second_set = self._shingles(source), self._shingles(other)
                value = _jaccard(first_set, second_set)
                if not first_set or not second_set:  # a text not found: not remembered
                    return value
            self.similarities[key] = value
        return value


_band_texts = re.compile(f".{{{BAND_ROWS * 8}}}", re.S).findall  # a sketch's bands, in order (each BAND_ROWS bins)


def _memo(function: Callable[[str], object]) -> Callable[[str], object]:
    cache: dict[str, object] = {}

    def cached(source: str):
        if source not in cache:
            cache[source] = function(source)
        return cache[source]

    return cached


def _near_match(source, candidates, values, similarity, rank) -> tuple[str, float] | None:
    """The kept article most similar to this one, if similar enough.

    Candidates share a band (`candidates`: the kept posts sharing each band, in
    band order); their sketch estimate filters out most before the exact
    comparison. Ties go to the article kept first.
    """
    seen: set[str] = set()
    best: tuple[str, float] | None = None
    for band in candidates:
        for other in band:
            if other in seen:
                continue
            seen.add(other)
            estimate = sum(map(operator.eq, values(source), values(other))) / SKETCH_BINS
            if estimate < NEAR_DUPLICATE_JACCARD - 0.2:
                continue
            value = similarity(source, other)
            if value >= NEAR_DUPLICATE_JACCARD and (best is None or (value, -rank[other]) > (best[1], -rank[best[0]])):
                best = (other, value)
    return best


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def canonical_authors(names: set[str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Map every name to its canonical form.

    A name is merged into a longer one when its words are the tail of exactly
    one fullest longer name (Vietnamese given names come last: "Khánh Vi" is
    the tail of "Hồ Thị Khánh Vi"), and an initials form ("K.Vi", "T. Hà")
    into the one fullest name whose given name and initials match. Newsroom
    credits ("PV", "Nhóm PV") and ambiguous short forms stay apart. The alias
    file (`Name = Canonical`) overrides every guess; `Name = Name` keeps a
    name apart.
    """
    aliases = {_fold(k): v for k, v in (aliases or {}).items()}
    ordered = sorted(names)
    words_of = {name: _fold(name).split() for name in ordered}

    def is_tail(short: list[str], long: list[str]) -> bool:
        return len(long) > len(short) and long[-len(short):] == short

    def fullest_of(candidates: list[str]) -> list[str]:
        # "Thị Khánh Vi" is itself a tail of "Hồ Thị Khánh Vi": keep the fullest only.
        return [a for a in candidates if not any(is_tail(words_of[a], words_of[b]) for b in candidates)]

    def initials_match(name: str) -> list[str]:
        """Full names for "K.Vi" / "H.T.K.Vi" / "T. Hà": initials, then the given name."""
        parts = [p for p in re.split(r"[.\s]+", _fold(name)) if p]
        if len(parts) < 2 or not all(len(p) == 1 for p in parts[:-1]) or len(parts[-1]) < 2:
            return []
        initials, given = parts[:-1], parts[-1]
        found = []
        for other in ordered:
            words = words_of[other]
            if other == name or len(words) < len(initials) + 1 or words[-1] != given or "." in other:
                continue
            before = words[-1 - len(initials):-1]
            if [w[0] for w in before] == initials:
                found.append(other)
        return fullest_of(found)

    # The names each word sequence is a tail of (is_tail), in name order:
    # looked up instead of testing every pair of names.
    longer: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in ordered:
        words = words_of[name]
        for size in range(1, len(words)):
            longer[tuple(words[-size:])].append(name)

    mapping = {}
    for name in ordered:
        words = words_of[name]
        if _fold(name) in aliases:
            mapping[name] = aliases[_fold(name)]
            continue
        target = name
        if "." in name:
            matches = initials_match(name)
            target = matches[0] if len(matches) == 1 else name
        elif len(words) >= 2 and words[0] != "nhóm":
            fullest = fullest_of(longer.get(tuple(words), []))
            target = fullest[0] if len(fullest) == 1 else name
        mapping[name] = aliases.get(_fold(target), target)
    return mapping


def assign_slugs(articles: list[Article], registry: dict[str, str]) -> dict[str, str]:
    """source -> unique slug, keeping every slug the registry already gave."""
    taken: dict[str, str] = {}
    result = {}
    for article in articles:
        slug = registry.get(article.source)
        # The registry is read from disk: a slug that could be a path is not reused.
        if slug and is_safe_slug(slug) and slug not in taken:
            taken[slug] = article.source
            result[article.source] = slug
    for article in sorted(articles, key=lambda a: a.source):
        if article.source in result:
            continue
        slug = article.slug
        if slug in taken:
            short_id = slugify(article.source_id)[:8] or "bai"
            slug = f"{article.slug}-{short_id}"
            suffix = 2
            while slug in taken:
                slug = f"{article.slug}-{short_id}-{suffix}"
                suffix += 1
        taken[slug] = article.source
        result[article.source] = slug
    return result


@dataclasses.dataclass(frozen=True)
class Summary:
    """What the reduce reads of one article (besides its text, for the few
    near-duplicate candidates): small enough to keep for every file between runs."""

    source: str
    source_id: str
    slug: str
    fingerprint: str
    authors: tuple[str, ...]


@dataclasses.dataclass
class Reduced:
    """The corpus facts for each source: published or duplicate, its authors and slug."""

    published: list[str]  # sources, in input order
    duplicates: dict[str, str]  # source -> the published source it duplicates
    authors: dict[str, tuple[str, ...]]  # published source -> canonical authors
    slugs: dict[str, str]  # published source -> unique slug
    notes: dict[str, list[str]]


def author_names(summaries: Iterable[Summary], duplicates: dict) -> set[str]:
    """Every author name of the published articles: the input of canonical_authors."""
    return {name for s in summaries if s.source not in duplicates for name in s.authors}


def reduce_summaries(
    summaries: list[Summary],
    slug_registry: dict[str, str],
    found: dict[str, tuple[str, float]],
    mapping: dict[str, str],
) -> Reduced:
    """The reduce once duplicates are found (find_duplicates) and author names
    mapped (canonical_authors over author_names); both are inputs so that a
    caller can keep them between runs when their own inputs did not change."""
    notes: dict[str, list[str]] = defaultdict(list)
    duplicates = {source: original for source, (original, _) in found.items()}
    for source, (original, similarity) in found.items():
        if similarity < 1.0:
            notes[source].append(f"nearly the same text as {original}: {similarity:.0%} of its 5-word sequences shared")
        else:
            notes[source].append(f"same text as {original}")
    published = [s for s in summaries if s.source not in duplicates]
    slugs = assign_slugs(published, slug_registry)
    authors_of = {}
    for summary in published:
        authors = tuple(dict.fromkeys(mapping.get(n, n) for n in summary.authors))
        for old, new in zip(summary.authors, authors):
            if old != new:
                notes[summary.source].append(f"author '{old}' merged into '{new}'")
        if slugs[summary.source] != summary.slug:
            notes[summary.source].append(f"slug '{summary.slug}' taken: using '{slugs[summary.source]}'")
        authors_of[summary.source] = authors
    return Reduced([s.source for s in published], duplicates, authors_of, slugs, dict(notes))

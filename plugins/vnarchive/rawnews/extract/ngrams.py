"""Words of a text, tokenized once, and n-gram counts computed only when asked.

The tagger needs, for a few dozen phrases of the title, how often the text
says them, what follows them and how they are written. Counting every
n-gram of a long article up front was most of the tagging time; here the
text is split into words once (plain `str.split` for the common case, the
word regex only for chunks with punctuation or digits), and the positions
of a phrase are found from those of its first word, narrowed one word at a
time and kept for the next question.
"""

from __future__ import annotations

import re

# A word, or a break: a phrase never crosses punctuation, a line end or a spaced dash.
TOKEN = re.compile(r"([^\W_]+(?:[.,]\d+)*)|[.,;:!?…()\[\]\"“”'‘’«»|/\n]+|\s[-–—]\s")
_DASHES = frozenset("-–—")
_CHUNKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # chunk with punctuation -> (its words and breaks (''), lower-cased)
_CHUNKS_MAX = 50_000
_CHUNK_MAX_CHARS = 40
PAD = 5  # breaks after the last word, so that positions + n never run out of the list


def tokens(text: str) -> list[str]:
    """The words of text in order, with '' at each break (and at both ends).

    The same words and breaks as scanning the whole text with TOKEN: a word
    never spans whitespace, so each whitespace-separated chunk is read alone;
    a chunk of letters only is one word, a lone dash between spaces is a
    break, a line end is a break.
    """
    return _tokens(text, lower=False)[0]


def _tokens(
    text: str, lower: bool, wanted: frozenset[str] = frozenset(), at: dict | None = None, lowered: str | None = None
) -> tuple[list[str], list[str]]:
    """tokens(text), and the same words lower-cased when asked (else []).

    With `wanted` (lower-case words) and `at`, also records at[word] = the
    positions of each wanted word, in the same pass. `lowered` is
    text.lower() when the caller has it.
    """
    out = [""]
    lows = [""]
    chunks = _CHUNKS
    lines = text.split("\n")
    # Lower-casing never makes or removes a line break, never joins or splits
    # whitespace-separated chunks, and a character's context ends at a space
    # or line break: line for line and chunk for chunk the same.
    lowered_lines = (lowered if lowered is not None else text.lower()).split("\n") if lower else lines
    for line, lowered_line in zip(lines, lowered_lines):
        out.append("")
        lows.append("")
        split = line.split()
        for chunk, low in zip(split, lowered_line.split() if lower else split):
            if chunk.isalpha():
                if low in wanted:
                    found = at.get(low)
                    if found is None:
                        at[low] = [len(lows)]
                    else:
                        found.append(len(lows))
                out.append(chunk)
                lows.append(low)
            elif chunk in _DASHES:
                out.append("")
                lows.append("")
            else:
                parts = chunks.get(chunk)
                if parts is None:
                    words = tuple(TOKEN.findall(chunk))
                    parts = (words, tuple(word.lower() for word in words))
                    if len(chunk) <= _CHUNK_MAX_CHARS:  # ("2023,", "(TTXVN)": short and frequent)
                        if len(chunks) >= _CHUNKS_MAX:
                            chunks.clear()
                        chunks[chunk] = parts
                if wanted:
                    for offset, word in enumerate(parts[1]):
                        if word in wanted:
                            at.setdefault(word, []).append(len(lows) + offset)
                out.extend(parts[0])
                lows.extend(parts[1])
    out.extend([""] * PAD)
    lows.extend([""] * PAD)
    return out, lows if lower else []


def segments(text: str) -> list[list[str]]:
    """Words of text, split into runs at breaks."""
    runs: list[list[str]] = []
    current: list[str] = []
    for word in tokens(text):
        if word:
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    return runs


class NgramIndex:
    """One text's words (as written and lower-cased) and the positions of its n-grams."""

    def __init__(self, text: str, words: frozenset[str] = frozenset(), lowered: str | None = None):
        """`words`: lower-case words whose positions to record while tokenizing;
        `lowered`: text.lower(), when the caller has it."""
        self._first: dict[str, list[int]] = {}
        self.words, self.lows = _tokens(text, True, frozenset(words), self._first, lowered)
        self._indexed: set[str] = set(words)
        self._positions: dict[tuple[str, ...], list[int]] = {}

    def index_words(self, words: set[str]) -> None:
        """Record where these (lower-case) words stand, in one pass."""
        missing = words - self._indexed
        if not missing:
            return
        self._indexed |= missing
        first = self._first
        lows = self.lows
        for position in [i for i, word in enumerate(lows) if word in missing]:
            found = first.get(lows[position])
            if found is None:
                first[lows[position]] = [position]
            else:
                found.append(position)

    def positions(self, words: tuple[str, ...]) -> list[int]:
        """Start positions of the n-gram (lower-case words), within one segment."""
        found = self._positions.get(words)
        if found is None:
            if len(words) == 1:
                if words[0] not in self._indexed:
                    self.index_words({words[0]})
                found = self._first.get(words[0], [])
            else:
                offset = len(words) - 1
                last = words[-1]
                lows = self.lows
                found = [i for i in self.positions(words[:-1]) if lows[i + offset] == last]
            self._positions[words] = found
        return found


class TitleCounts:
    """The n-gram statistics title_keyphrases reads, for one title over one text.

    Only n-grams (n <= 4) that start with a title word count, and not those
    that start with an exempt word; an edge word starts only bigrams. For
    those, `count` is the number of occurrences, `followers` the next words
    (in text order) and `surfaces` the written forms of occurrences that do
    not start a segment, when every word is a title word.
    """

    def __init__(self, index: NgramIndex, title_words: set[str], edges: frozenset[str], exempt: set[str]):
        self.index = index
        self.title_words = title_words
        self.edges = edges
        self.exempt = exempt
        index.index_words(title_words.difference(exempt))
        self._counts: dict[str, int] = {}
        # Each answer is kept: every occurrence is then read at most once per
        # question and n-gram, however often a long text repeats a phrase.
        self._followers: dict[str, dict[str, int] | None] = {}
        self._surfaces: dict[str, dict[str, int] | None] = {}

    def _occurrences(self, key: str, full: bool) -> tuple[list[str], list[int]]:
        words = key.split(" ")
        first = words[0]
        if first not in self.title_words or first in self.exempt or len(words) > 4:
            return words, []
        if first in self.edges and (full or len(words) != 2):
            return words, []
        return words, self.index.positions(tuple(words))

    def run_counts(self, low_words: list[str]) -> list[list[int]]:
        """count(" ".join(low_words[i:i + n])) for a run of title words, as table[i][n] (n <= 4).

        All at once, each n-gram's positions narrowed from the previous one's.
        """
        lows = self.index.lows
        size = len(low_words)
        table = []
        for i, first in enumerate(low_words):
            row = [0, 0, 0, 0, 0]
            table.append(row)
            if first not in self.title_words or first in self.exempt:
                continue
            edge = first in self.edges
            found = self.index.positions((first,))
            for n in range(1, min(4, size - i) + 1):
                if n > 1:
                    word = low_words[i + n - 1]
                    found = [p for p in found if lows[p + n - 1] == word]
                row[n] = len(found) if not edge or n == 2 else 0
                if not found:
                    break
        return table

    def remember(self, key: str, count: int) -> None:
        """count(key) is known (from run_counts)."""
        self._counts[key] = count

    def count(self, key: str) -> int:
        found = self._counts.get(key)
        if found is None:
            found = self._counts[key] = len(self._occurrences(key, full=False)[1])
        return found

    def followers(self, key: str) -> dict[str, int] | None:
        if key not in self._followers:
            self._followers[key] = self._read_followers(key)
        return self._followers[key]

    def surfaces(self, key: str) -> dict[str, int] | None:
        if key not in self._surfaces:
            self._surfaces[key] = self._read_surfaces(key)
        return self._surfaces[key]

    def _read_followers(self, key: str) -> dict[str, int] | None:
        words, found = self._occurrences(key, full=True)
        lows = self.index.lows
        offset = len(words)
        seen: dict[str, int] = {}
        for position in found:
            word = lows[position + offset]
            if word:
                seen[word] = seen.get(word, 0) + 1
        return seen or None

    def _read_surfaces(self, key: str) -> dict[str, int] | None:
        words, found = self._occurrences(key, full=True)
        if not found or not all(word in self.title_words for word in words):
            return None
        lows = self.index.lows
        written = self.index.words
        size = len(words)
        forms: dict[str, int] = {}
        for position in found:
            if lows[position - 1]:  # not the first word of its segment
                form = " ".join(written[position: position + size])
                forms[form] = forms.get(form, 0) + 1
        return forms or None

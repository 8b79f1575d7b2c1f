"""Many alternation regexes over one text, in one pass of a compiled matcher.

Python's `re` tries every alternative of `(?<!\\w)(Kon Tum|Gia Lai|...)` at
every position, so a list of hundreds of names costs a slow regex pass per
list. Here one Aho-Corasick automaton (`ahocorasick_rs`, compiled) over the
literal prefixes of all the alternatives of all the lists finds, in one
pass, the only positions where any of the regexes can match; each regex then
decides at those positions with `regex.match(text, pos)` (`Scan.finditer`),
or, for an alternation of literal words, the automaton's hits are read
directly (`Scan.words`). Taking candidates left to right and skipping those
inside the previous match gives exactly what `regex.finditer(text)` gives,
which stays the fallback when the automaton is unavailable or cannot read
the text (lone surrogates).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

try:
    import ahocorasick_rs
except ImportError:  # pragma: no cover - a pinned dependency; the regexes still work
    ahocorasick_rs = None


# Scans before the automaton is rebuilt as a DFA: a DFA scans a text about
# 1.5-2x faster but takes several ms to build for the 741 names, which a
# conversion of a few files would not earn back.
DFA_AFTER = 64


class Gazetteer:
    """An automaton over literal strings (the prefixes of regex alternatives)."""

    def __init__(self, keys: Iterable[str]):
        self.keys = sorted({key for key in keys if key})
        self._automaton = ahocorasick_rs.AhoCorasick(self.keys) if ahocorasick_rs is not None and self.keys else None
        self._scans = 0

    def scan(self, text: str) -> "Scan":
        """Where each key occurs in text (all occurrences, overlapping ones too)."""
        if self._automaton is None:
            return Scan(text, None)
        self._scans += 1
        if self._scans == DFA_AFTER:
            self._automaton = _dfa(self.keys) or self._automaton
        try:
            hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except (UnicodeError, ValueError, TypeError):
            return Scan(text, None)  # e.g. lone surrogates: let the regexes scan
        starts: dict[str, list[int]] = {}
        keys = self.keys
        for index, start, _ in hits:
            key = keys[index]
            found = starts.get(key)
            if found is None:
                starts[key] = [start]
            else:
                found.append(start)
        return Scan(text, starts)


def _dfa(keys: list[str]):
    """The same automaton as a DFA (same matches, same order), or None."""
    try:
        return ahocorasick_rs.AhoCorasick(keys, implementation=ahocorasick_rs.Implementation.DFA)
    except (AttributeError, TypeError, ValueError):  # an older ahocorasick_rs
        return None


class Scan:
    """One text's key positions; `finditer(regex, prefixes)` == `regex.finditer(text)`.

    `prefixes` must hold a literal prefix of every alternative of the regex
    (every match starts with one of them); the regex itself decides.
    """

    def __init__(self, text: str, starts: dict[str, list[int]] | None):
        self.text = text
        self.starts = starts

    def finditer(self, regex: re.Pattern, prefixes: Collection[str]) -> Iterator[re.Match]:
        if self.starts is None:
            yield from regex.finditer(self.text)
            return
        if len(prefixes) < len(self.starts):
            found = [s for key in prefixes if key in self.starts for s in self.starts[key]]
        else:
            found = [s for key, starts in self.starts.items() if key in prefixes for s in starts]
        if not found:
            return
        found.sort()
        text = self.text
        end = -1
        for start in found:
            if start < end:
                continue
            match = regex.match(text, start)
            if match:
                yield match
                end = max(match.end(), start + 1)
            else:
                end = start + 1  # same start again (two keys): tried already

    def words(self, regex: re.Pattern, keys: Collection[str]) -> Iterator[tuple[int, str]]:
        """(start, key) of what `(?<!\\w)(k1|k2|...)(?!\\w)` finds, the keys
        tried longest first: each key must be one of regex's alternatives,
        which are exactly these literal strings. Read from the automaton's
        hits without running the regex (which stays the fallback)."""
        text = self.text
        if self.starts is None:
            for match in regex.finditer(text):
                yield match.start(), match.group(1)
            return
        at: dict[int, list[str]] = {}
        for key, starts in self.starts.items():
            if key in keys:
                for start in starts:
                    found = at.get(start)
                    if found is None:
                        at[start] = [key]
                    else:
                        found.append(key)
        end = 0
        size = len(text)
        for start in sorted(at):
            if start < end:
                continue
            if start:
                char = text[start - 1]
                if char.isalnum() or char == "_":
                    continue
            found = at[start]
            if len(found) > 1:
                found.sort(key=len, reverse=True)
            for key in found:
                stop = start + len(key)
                if stop < size:
                    char = text[stop]
                    if char.isalnum() or char == "_":
                        continue
                yield start, key
                end = stop
                break



"""Runs without a final stop fused in front of a sentence.

A body scraped onto one line loses the line breaks around its subheadings
and its uncredited captions: "... trong liên minh. Khúc dạo đầu không yên ả
Sự bất hợp tác từ Tây Ban Nha ...". Such a run starts where a sentence
starts and ends, with no stop, where the next sentence starts: a capitalised
word followed by lower-case ones ("Sự bất hợp tác"). Vietnamese capitalises
every syllable of a name ("Tây Ban Nha", "Phạm Minh Chính") and a title
written before a name is followed by that name's capital ("Thủ tướng Phạm
Minh Chính"), so a capital and two lower-case words (or one and a comma,
"Mới đây,"; or a date, "Tối 28/6,") start a sentence, not a name.

Whether a run is a subheading or a caption is the site's habit, read from
the article itself (structure.py): where the pictures carry credits, an
uncredited run is a subheading; where none does, a run of a few words more
than a heading's is a caption. Pure functions only.
"""

from __future__ import annotations

import re

from functools import lru_cache

from .data import data_lines
from .line_roles import LOWER, UPPER


def _strict(letters: str, upper: bool) -> str:
    """The letters of a regex class (as line_roles writes it, with ranges) that
    are truly upper- or lower-case: line_roles' ranges over Latin Extended
    Additional hold both cases, which is harmless where it is used but not
    for telling a name's capital from a lower-case letter."""
    chars = set()
    index = 0
    while index < len(letters):
        if index + 2 < len(letters) and letters[index + 1] == "-":
            chars.update(chr(code) for code in range(ord(letters[index]), ord(letters[index + 2]) + 1))
            index += 3
        else:
            chars.add(letters[index])
            index += 1
    return "".join(sorted(char for char in chars if (char.isupper() if upper else char.islower())))


STRICT_UPPER = _strict(UPPER, True)
STRICT_LOWER = _strict(LOWER, False)

RUN_MIN_WORDS = 4  # shorter runs are mostly a noun and a name ("Ngân hàng Nhà nước")
HEADING_MAX_WORDS = 14  # a subheading is at most this long ("UKVFTA và CPTPP - Xung lực lớn ...")
HEADING_ONLY_WORDS = 5  # a run this short is a subheading on any site ("Khó khăn nội bộ")
CAPTION_MAX_WORDS = 30
FOLLOW_MIN_WORDS = 5  # the sentence after a run has at least this many words
RUN_MAX_CHARS = 300  # longer than any run of CAPTION_MAX_WORDS words

# The end of a run: a letter, digit, closing quote or bracket, then the start
# of the next sentence. (`\s\s*`, not `\s+`: the same matches, but a pattern
# that opens with a single class lets the engine skip to the next space.)
_BOUNDARY = re.compile(
    rf"\s\s*(?=(?:[{STRICT_UPPER}][{STRICT_LOWER}]+|Ở)\s+"
    rf"(?:[{STRICT_LOWER}]+,|[{STRICT_LOWER}]+\s+[{STRICT_LOWER}“\"]|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?,))"
)  # (the character before it is checked apart: a look-behind at every position costs more)
_BEFORE_BOUNDARY = frozenset(STRICT_LOWER + "0123456789”\"’)")
_DATE = re.compile(r"\d{1,2}/\d{1,2}")
# What a run never holds: a stop, a colon or semicolon (a run is no sentence and no list).
_INSIDE_STOP = re.compile(r"[.!?…:;]")
_OPENING = re.compile(rf"[\"“‘(]?[{STRICT_UPPER}0-9]")
# A connective and its comma opening the run ("Tuy nhiên,", "Trong khi đó,"): a sentence's start, not a heading.
_OPENING_CLAUSE = re.compile(r"^\S+(?:\s\S+)?,")
_LOWER_WORD = re.compile(rf"[{STRICT_LOWER}0-9”\"’)]\S*$|\S*[”\")]$")  # lower-case, or a quotation or bracket closed


@lru_cache(maxsize=1)
def _classifiers() -> frozenset[str]:
    return frozenset(data_lines("name_classifiers.txt"))


@lru_cache(maxsize=1)
def _dangling() -> frozenset[str]:
    return frozenset(data_lines("run_dangling_ends.txt"))


@lru_cache(maxsize=1)
def _narration() -> re.Pattern:
    words = "|".join(re.escape(word) for word in data_lines("narration_words.txt"))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


def narrates(text: str) -> bool:
    """Whether text holds a word of narration (data/narration_words.txt)."""
    return bool(_narration().search(text))


_CAPITALISED = re.compile(rf"[\"“‘(]?[{STRICT_UPPER}]")


def _names_follow(word: str) -> bool:
    """Whether a capitalised word after `word` is a proper name ("ông Nam")."""
    return word.casefold() in _classifiers()


_AFTER_LOWER = re.compile(rf"(?<!\w)[{STRICT_LOWER}0-9]\w*,?\s+$")  # a lower-case word (and its comma) right before
NAME_LOOKUPS = 200  # distinct words looked up per article; past them a capital counts as a name (bounded work)


class Names:
    """The article's own evidence of which capitalised words are names: a
    name is written capitalised after lower-case words more than once, or
    never appears in lower case ("Mỹ", "Iran", "Binance"); a common word
    capitalised because it starts a sentence ("Sự", "Tòa") appears in lower
    case elsewhere in the article. Each word is looked up when first asked
    about, with plain substring searches."""

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self.text = "\n".join(paragraphs)
        self.known: dict[str, bool] = {}

    def _whole_words(self, word: str):
        """Offsets of word in the text where it stands as a whole word."""
        text, size = self.text, len(word)
        index = text.find(word)
        while index >= 0:
            end = index + size
            if (index == 0 or not text[index - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                yield index
            index = text.find(word, end)

    def is_name(self, word: str) -> bool:
        known = self.known.get(word)
        if known is None:
            if len(self.known) >= NAME_LOOKUPS:
                return True
            if next(self._whole_words(word.casefold()), -1) < 0:
                known = True  # never written in lower case
            else:
                after_lower = 0
                for index in self._whole_words(word):
                    after_lower += bool(_AFTER_LOWER.search(self.text, max(0, index - 40), index))
                    if after_lower > 1:
                        break
                known = after_lower > 1
            self.known[word] = known
        return known


def _balanced(run: str) -> bool:
    return run.count("“") == run.count("”") and run.count('"') % 2 == 0 and run.count("(") == run.count(")")


# A stop and the space after it: where a run may start inside a span that
# sentence_ends left whole (it does not cut inside what it takes for a quotation).
_LOCAL_START = re.compile(r"[.!?…][\"”’)]?\s+")


def run_at(text: str, start: int, end: int, names: Names) -> tuple[int, int] | None:
    """(start, end) of a run in the sentence text[start:end], or None.

    The run starts the sentence (or, where a scraper's stray quotation mark
    kept sentence_ends from cutting, the part after the span's last stop
    before it), and the rest of the sentence follows it."""
    for match in _BOUNDARY.finditer(text, start, end):
        bound = match.start()
        if bound <= start or text[bound - 1] not in _BEFORE_BOUNDARY:
            continue
        last = text[max(start, text.rfind(" ", start, bound) + 1):bound]
        # The word before the boundary is lower-case (a name's last syllable is not) and no name's classifier.
        if not _LOWER_WORD.match(last) or _names_follow(last):
            continue
        following, _, rest = text[match.end():match.end() + 40].partition(" ")
        if _DATE.match(rest) or not names.is_name(following):  # "Ngày 27/6/2025,": no name is followed by a date
            break
    else:
        return None
    window = max(start, match.start() - RUN_MAX_CHARS)  # a run is short: only its reach is read back
    stops = [stop.end() for stop in _LOCAL_START.finditer(text, window, match.start())]
    start = stops[-1] if stops else start
    if match.start() - start > RUN_MAX_CHARS:
        return None
    run = text[start:match.start()]
    words = len(run.split())
    if not RUN_MIN_WORDS <= words <= CAPTION_MAX_WORDS:
        return None
    if not _OPENING.match(run) or _INSIDE_STOP.search(run) or not _balanced(run) or _OPENING_CLAUSE.match(run):
        return None
    tokens = run.split()
    if tokens[-1].casefold() in _dangling() or " ".join(tokens[-2:]).casefold() in _dangling() or narrates(run):
        return None
    if not run.rstrip().endswith(("”", '"', ")")) and any(_CAPITALISED.match(token) for token in tokens[1:][-3:]):
        return None  # it ends inside a name or a title ("tốt nghiệp Đại học", "Phó giám đốc")
    if len(text[match.end():end].split()) < FOLLOW_MIN_WORDS:
        return None
    return start, match.start()


def run_kind(run: str, credited: bool) -> str:
    """'h' or 'caption' for a run, or 'p' when it is neither surely.

    `credited`: whether the article's pictures carry credits."""
    words = len(run.split())
    if "," not in run and (words <= HEADING_ONLY_WORDS or (credited and words <= HEADING_MAX_WORDS)):
        return "h"  # (a comma in a short run is a clause's: "Hơn 2 giờ sau, công nhân")
    return "p" if credited else "caption"

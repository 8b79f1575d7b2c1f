"""Where sentences end in a scraped text, quotations kept whole.

The one sentence scan that the lead's cut (parse.py) and the body's blocks
(structure.py, captions.py, headings.py) share. Pure functions only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .line_roles import LOWER as _LOWER
from .line_roles import UPPER as _UPPER

QUOTE_REACH = 400  # a quotation is kept whole up to this length

# Where a sentence ends: a stop mark and a space before a capital or an
# opening quote; or a stop glued to the next sentence by the scraper ("bếp.Lực").
# The match starts with the stop mark itself (the break is what follows it):
# a pattern that opens with a character class lets the engine skip to the
# next stop instead of trying a look-behind at every position.
_SENTENCE_BREAK = re.compile(rf"[.!?…](?:[\"”’)]?\s+(?=[\"“‘(]?[{_UPPER}0-9])|(?<=[{_LOWER}]{{2}}[.!?])(?=[{_UPPER}][{_LOWER}]))")

_QUOTE_MARKS = re.compile(r'[“”"]')


def sentence_ends(text: str) -> list[int]:
    """Offsets where a new sentence starts, outside quotations (see _ends)."""
    return list(_ends(text))


@lru_cache(maxsize=64)  # the body's steps ask about the same paragraph in turn
def _ends(text: str) -> tuple[int, ...]:
    """Where new sentences start, outside quotations.

    One pass from the start keeps the quotation state: “ opens, ” closes, a
    straight quote closes an open quotation (scrapers mix them: “...") and
    opens one otherwise. Past QUOTE_REACH characters from its opening a
    quotation no longer holds breaks back (a scraper's unmatched mark must
    not hold the rest of the text), though its closing mark still closes it.
    A break's own closing mark (`... nói." Sau đó`) is
    read before the break is judged."""
    if '"' not in text and "“" not in text:
        return tuple(match.end() for match in _SENTENCE_BREAK.finditer(text))
    marks = [(match.start(), match.group()) for match in _QUOTE_MARKS.finditer(text)]
    ends = []
    opened = -1  # where the open quotation began, -1 when none is open
    index = 0
    for match in _SENTENCE_BREAK.finditer(text):
        limit = match.start() + 1 + (match.group()[1:2] in '"”')  # the marks before the break, its own closing one too
        while index < len(marks) and marks[index][0] < limit:
            position, mark = marks[index]
            if mark == "“" or (mark == '"' and opened < 0):
                opened = position
            else:
                opened = -1  # (a straight quote closes even a quotation past its reach: its pair)
            index += 1
        if opened < 0 or match.start() + 1 - opened > QUOTE_REACH:
            ends.append(match.end())
    return tuple(ends)

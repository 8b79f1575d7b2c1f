"""Vietnamese folding for search: "Đắk Lắk" -> "Dak Lak".

Pagefind already matches words without their tone and vowel marks ("nhan
quyen" finds "nhân quyền", exact marks ranked first), because those marks
decompose in Unicode (NFD). The letter đ does not decompose: it is a letter
of its own, so "dak" would never find "Đắk". The theme therefore adds, in a
hidden element of each article, the folded form of every word that has a đ
(`search_aliases`), and Pagefind indexes those too.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from vnarchive.common.text import fold, strip_tags

# A word with đ, tried from word starts only (no backtracking inside words).
_STROKE_WORD = re.compile(r"(?<!\w)[^\WđĐ]*[đĐ]\w*")


def stroke_words(text: str) -> list[str]:
    """Folded forms of the words that contain đ/Đ, each once, in reading order."""
    return list(dict.fromkeys(map(_folded_word, _STROKE_WORD.findall(unicodedata.normalize("NFC", text)))))


@lru_cache(maxsize=1 << 15)
def _folded_word(word: str) -> str:
    return fold(word).lower()


def search_aliases(*fragments) -> str:
    """Jinja filter: the folded đ-words of HTML fragments, space-separated, as
    escaped text ready to print (plain ASCII letters and digits in practice)."""
    text = " ".join(strip_tags(f) for f in fragments)
    return html.escape(" ".join(stroke_words(text)))

"""Plain text from HTML fragments, and Vietnamese folded to ASCII.

Metadata reach the plugins as the converter wrote them (HTML special
characters as entities) or as rendered HTML (summaries, content); every
plugin that needs the text a reader sees gets it here, the same way.
"""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]*>")
_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def strip_tags(markup) -> str:
    """The visible text of an HTML fragment: each tag made a space (so words
    on both sides stay apart), entities decoded; whitespace as it was."""
    return html.unescape(_TAG.sub(" ", "" if markup is None else str(markup)))


def plain_text(markup) -> str:
    """strip_tags, on one line: whitespace runs (newlines too) made one space, ends trimmed."""
    return " ".join(strip_tags(markup).split())


def fold(text: str) -> str:
    """Text without any diacritics, đ as d ("Đắk Lắk" -> "Dak Lak"): what a
    reader types without marks, and the base of slugs. Tone and vowel marks
    decompose in Unicode (NFD) and are dropped; đ is a letter of its own."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKE))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))

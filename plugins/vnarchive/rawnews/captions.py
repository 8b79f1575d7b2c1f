"""Photo and video captions in a scraped body.

A caption is told by its credit ("Ảnh: Hồ Phương", "(Nguồn: NATO)", fused
into one-line prose or not), by its place (the text right under an image
tag the scraper kept), by its opening ("Phối cảnh ...",
data/caption_openings.txt) or by its repetition (the next sentence repeats
it). Used by structure.py. Pure functions only.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .data import data_lines
from .fused_runs import STRICT_LOWER, STRICT_UPPER
from .line_roles import LOWER as _LOWER
from .line_roles import UPPER as _UPPER
from .line_roles import is_caption
from .sentences import sentence_ends

# A credit's name: capitalised words ("Hồ Phương", "T.Lê", "AFP/TTXVN",
# "VÕ VĂN"), joined by spaces, commas, slashes, " - " or " và".
_NAME_WORD = rf"[{_UPPER}0-9][\w&-]*(?:\.[{_UPPER}][\w&-]*)*"
_CREDIT_NAME = rf"(?:{_NAME_WORD}|[{_LOWER}0-9][\w.-]*)(?:(?:[ ,/]| - | và ){_NAME_WORD}){{0,4}}?"
# The next sentence's start: a capitalised (or upper-case) word with no
# other capital inside it, then a lower-case word or a number ("Vụ việc",
# "Hiện 80"); a word that opens sentences and is no name
# (data/sentence_openers.txt: "Ông Hoàng Hải Minh, ..."); or a capitalised
# word glued to the credit by the scraper ("Ảnh: Tư HuynhTuy nhiên ...").
# The credit's name is the shortest one the next sentence's start follows.
_NEXT_SENTENCE = (
    rf"(?=\s+[\"“‘]?[{STRICT_UPPER}](?:[{STRICT_LOWER}0-9]*|[{STRICT_UPPER}0-9]+)[\"”’,]?\s+[{STRICT_LOWER}0-9]|\s+(?:{{openers}})\s+[{_UPPER}]"
    rf"|(?<=[{STRICT_LOWER}])[{STRICT_UPPER}][{STRICT_LOWER}]+\s+[{STRICT_LOWER}])"
)
# A fused caption: the picture's credit, then the next sentence.
_CREDIT_MARKERS = r"Ảnh minh h(?:ọa|oạ|oa)|Ảnh|Video|Clip|Đồ họa|Đồ hoạ|MH"
_FUSED_CREDIT_TEMPLATE = (
    rf"(?:\s[-–]\s?|\.\s*|\s)(?:\(?(?:{_CREDIT_MARKERS})\s*:\s*(?P<credit>{_CREDIT_NAME})\)?\.?"
    rf"|\((?:Nguồn|Ảnh)\s*:\s*[^()]{{1,40}}\)\.?|\(Ảnh[^()]{{0,30}}minh h(?:ọa|oạ|oa)\)\.?)"
)


@lru_cache(maxsize=1)
def fused_credit() -> re.Pattern:
    openers = "|".join(re.escape(word) for word in data_lines("sentence_openers.txt"))
    return re.compile(_FUSED_CREDIT_TEMPLATE + _NEXT_SENTENCE.replace("{openers}", openers))



_MARKERS = ("Ảnh", "ảnh", "Video", "Clip", "Hình", "Đồ h", "Nguồn", "MH:")
_ANY_MARKER = re.compile("|".join(re.escape(marker) for marker in _MARKERS))  # one scan, not one per marker


def has_marker(text: str) -> bool:
    """Whether a caption's marker is anywhere in text (a cheap test before the patterns)."""
    return _ANY_MARKER.search(text) is not None


def unfuse_captions(text: str) -> list[tuple[str, str]]:
    """[(kind, text)]: the captions fused into a paragraph taken out as their own blocks."""
    starts = [0, *sentence_ends(text)]
    blocks: list[tuple[str, str]] = []
    taken = 0  # text before this offset is in blocks already
    for match in fused_credit().finditer(text):
        if match.start() < taken:
            continue
        start = max(taken, starts[bisect.bisect_right(starts, match.start()) - 1])
        caption = text[start:match.end()].strip()
        if len(caption.split()) > 60:  # not a caption but a paragraph naming a photo
            continue
        before = text[taken:start].strip()
        if before:
            blocks.append(("p", before))
        blocks.append(("caption", caption))
        taken = match.end()
    rest = text[taken:].strip()
    if rest and taken < len(text) and is_caption(rest):
        # The paragraph ends with a caption ("... hoặc màu nổi. Ảnh: Pinterest"): its last sentence.
        inside = [start for start in starts if taken <= start < len(text)]
        last = inside[-1] if inside else taken
        if len(inside) > 1 and re.match(r"\(?(?:Ảnh|Video|Clip|Đồ họa|Đồ hoạ|Nguồn)\b", text[last:]):
            last = inside[-2]  # "... Bò kho. Ảnh: Savoury days": the credit's own sentence is its picture's
        tail = text[last:].strip()
        if last > taken and is_caption(tail) and len(tail.split()) <= 60:
            blocks.append(("p", text[taken:last].strip()))
            blocks.append(("caption", tail))
            return blocks
    if rest:
        blocks.append(("p", rest))
    return blocks

# A tag the scraper kept for a picture or a video (normalize leaves unknown tags as text).
MEDIA_LINE = re.compile(r"^(?:<(?:img|iframe|video|embed|picture|figure)\b[^>]*>\s*)+$", re.I)
IMAGE_CAPTION_MAX_WORDS = 60  # the text under a picture
ESSAY_CAPTION_MAX_WORDS = 120  # in a photo essay (most text under pictures) captions run long
NOT_UNDER_PICTURE = re.compile(r"^(?:[-–]\s|\d+[.)]\s)")  # an interview's question, a numbered item
OPENING_CAPTION_MAX_WORDS = 40


def under_picture_limit(paragraphs: tuple[str, ...]) -> int:
    """How long the text under a picture may be and still be its caption:
    longer in a photo essay, where two thirds of the text stands under pictures."""
    texts = [index for index, paragraph in enumerate(paragraphs) if not MEDIA_LINE.match(paragraph)]
    under = sum(1 for index in texts if index and MEDIA_LINE.match(paragraphs[index - 1]))
    return ESSAY_CAPTION_MAX_WORDS if texts and under * 3 >= len(texts) * 2 else IMAGE_CAPTION_MAX_WORDS


@lru_cache(maxsize=1)
def _caption_opening() -> re.Pattern:
    openings = "|".join(re.escape(words) for words in data_lines("caption_openings.txt"))
    return re.compile(rf"[\"“]?(?:{openings})\s")


def opening_caption(text: str, start: int, end: int) -> bool:
    """Whether the sentence text[start:end] is short and describes a picture ("Phối cảnh đoạn kênh ...")."""
    if not _caption_opening().match(text, start, end):
        return False
    sentence = text[start:end]
    return (
        len(sentence.split()) <= OPENING_CAPTION_MAX_WORDS
        and not any(mark in sentence for mark in '"“”')
        and not sentence.rstrip().endswith(":")  # "Hình ảnh ... :" announces a gallery
    )


REPEAT_MIN_WORDS, REPEAT_MAX_WORDS = 6, 30
REPEAT_REACH = 40  # the repetition starts within this many characters after the caption
REPEAT_PROBE = 120  # characters that hold a sentence's first REPEAT_MIN_WORDS words


def repeated(text: str, start: int, end: int) -> int:
    """Where a caption that the next sentence repeats ends, or -1: scrapers
    keep a picture's caption and, right after, the text it was taken from
    ("X được vinh danh trong các hạng mục ESG. Việc X được vinh danh trong
    các hạng mục ESG và ..."), or its alt text and its caption, the same."""
    words = text[start:min(end, start + REPEAT_PROBE)].split(None, REPEAT_MIN_WORDS)[:REPEAT_MIN_WORDS]  # (only the opening is read first)
    if len(words) < REPEAT_MIN_WORDS:
        return -1
    opening = " ".join(words[:REPEAT_MIN_WORDS - 1])
    again = text.find(opening, start + len(opening), end + REPEAT_REACH)
    if again < 0:
        return -1
    cut = min(end, again)
    caption = text[start:cut].rstrip().rstrip(".!?…").rstrip()
    if not REPEAT_MIN_WORDS <= len(caption.split()) <= REPEAT_MAX_WORDS or not text.startswith(caption, again):
        return -1
    return cut

# A credit whose last name the scraper glued to the next paragraph's first
# word ("Video: Tư HuynhTheo" / "Tiêu chuẩn thiết kế ...").
_GLUED_TAIL = re.compile(rf"(?:Ảnh|Video|Clip|Đồ họa|Đồ hoạ)\s*:[^.:]{{0,40}}[{STRICT_LOWER}](?P<word>[{STRICT_UPPER}][{STRICT_LOWER}]+)$")


def unglue(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The glued word given back to the paragraph it starts (no character moves: it stays between the two)."""
    if not any(_GLUED_TAIL.search(paragraph[-60:]) for paragraph in paragraphs[:-1]):
        return paragraphs
    out = list(paragraphs)
    for index in range(len(out) - 1):
        tail = max(0, len(out[index]) - 60)
        match = _GLUED_TAIL.search(out[index], tail)
        if match and out[index + 1][:1].isupper():
            out[index] = out[index][: match.start("word")]
            out[index + 1] = f"{match['word']} {out[index + 1]}"
    return tuple(out)

"""The body's structure: paragraphs of a few sentences, captions, subheadings.

Scraped bodies are often one long line with photo captions fused into the
prose ("... trên phố. Ảnh: Hồ Phương Vụ việc xảy ra ..."). This module turns
the body's lines into blocks, each with a kind:

- `p`: prose, at most about PARAGRAPH_WORDS words, cut only at a sentence's
  end and never inside a quotation;
- `caption`: a photo or video caption, the sentence that ends with the
  picture's credit ("Ảnh: Reuters", "Ảnh minh họa");
- `h`: a subheading, a short line standing alone between paragraphs.

Nothing is dropped or reordered: the blocks' characters, spaces aside, are
the body's (tests check it with hypothesis). Pure functions only.
"""

from __future__ import annotations

import bisect
import re

from .line_roles import LOWER as _LOWER
from .line_roles import UPPER as _UPPER
from .line_roles import is_caption

PARAGRAPH_WORDS = 60  # a longer paragraph is cut at sentence ends into pieces of about this size
SPLIT_ABOVE_WORDS = 100  # paragraphs up to this size are kept as the source wrote them
SUBHEADING_MAX_CHARS = 110
QUOTE_REACH = 400  # a quotation is kept whole up to this length

# Where a sentence ends: a stop mark and a space before a capital or an
# opening quote; or a stop glued to the next sentence by the scraper ("bếp.Lực").
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[{_UPPER}0-9])|(?<=[{_LOWER}]{{2}}[.!?])(?=[{_UPPER}][{_LOWER}])")
# A fused caption: the picture's credit, then the next sentence's capitalised
# first word followed by a lower-case one ("Ảnh: Hồ Phương Vụ việc ...").
_FUSED_CREDIT = re.compile(
    rf"(?:\s[-–]\s?|\.\s*|\s)\(?(?:Ảnh|Video|Clip|Đồ họa|Đồ hoạ)\s*:\s*"
    rf"(?P<credit>(?:[{_UPPER}][\w&-]*(?:\.[{_UPPER}][\w&-]*)*|[{_LOWER}]+)(?:[ ,/][{_UPPER}][\w&-]*(?:\.[{_UPPER}][\w&-]*)*){{0,4}})\)?\.?"
    rf"(?=\s+[\"“‘]?[{_UPPER}][\w]*[\"”’]?\s+[{_LOWER}])"
)


def _inside_quote(head: str) -> bool:
    """Whether a quotation is open at the end of `head`. A straight quote
    closes a curly one (scrapers mix them: “...")."""
    opens, straight = head.count("“"), head.count('"')
    if opens:
        return opens > head.count("”") + straight
    return straight % 2 == 1


def sentence_ends(text: str) -> list[int]:
    """Offsets where a new sentence starts, outside quotations."""
    ends = []
    quoted = '"' in text or "“" in text
    for match in _SENTENCE_BREAK.finditer(text):
        # Inside a quotation when one opened in the last QUOTE_REACH characters is
        # still open (a wider look would carry a scraper's unmatched mark on and on).
        if quoted and _inside_quote(text[max(0, match.start() - QUOTE_REACH): match.start()]):
            continue
        ends.append(match.end())
    return ends


def _split_long(text: str) -> list[str]:
    """A paragraph cut at sentence ends into pieces of about PARAGRAPH_WORDS words."""
    total = len(text.split())
    if total <= SPLIT_ABOVE_WORDS:
        return [text]
    pieces = []
    start = last = 0
    words = seen = 0
    for end in sentence_ends(text):
        count = len(text[last:end].split())
        words += count
        seen += count
        last = end
        if words >= PARAGRAPH_WORDS and total - seen >= 10:
            pieces.append(text[start:end].strip())
            start, words = end, 0
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


_MARKERS = ("Ảnh", "ảnh", "Video", "Clip", "Hình", "Đồ h")


def _has_marker(text: str) -> bool:
    """Whether a caption's marker is anywhere in text (a cheap test before the patterns)."""
    return any(marker in text for marker in _MARKERS)


def _unfuse_captions(text: str) -> list[tuple[str, str]]:
    """[(kind, text)]: the captions fused into a paragraph taken out as their own blocks."""
    starts = [0, *sentence_ends(text)]
    blocks: list[tuple[str, str]] = []
    taken = 0  # text before this offset is in blocks already
    for match in _FUSED_CREDIT.finditer(text):
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
        if len(inside) > 1 and re.match(r"\(?(?:Ảnh|Video|Clip|Đồ họa)\b", text[last:]):
            last = inside[-2]  # "... Bò kho. Ảnh: Savoury days": the credit's own sentence is its picture's
        tail = text[last:].strip()
        if last > taken and is_caption(tail) and len(tail.split()) <= 60:
            blocks.append(("p", text[taken:last].strip()))
            blocks.append(("caption", tail))
            return blocks
    if rest:
        blocks.append(("p", rest))
    return blocks


def _is_subheading(line: str, before: str, after: str) -> bool:
    """A short line without a final stop, between two paragraphs that end sentences."""
    return (
        len(line) <= SUBHEADING_MAX_CHARS
        and 2 <= len(line.split()) <= 16
        and line[:1].isupper()
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "…", '"', "”", ")"))
        and before.rstrip().endswith((".", "!", "?", "…", '"', "”", ")"))
        and len(after) > len(line)
    )


def structure(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(blocks, their kinds) for the body's paragraphs (the lead is not among them)."""
    blocks: list[str] = []
    kinds: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        before = paragraphs[index - 1] if index else ""
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        marked = _has_marker(paragraph)
        if marked and is_caption(paragraph) and len(paragraph.split()) <= 60 and len(sentence_ends(paragraph)) <= 1:
            blocks.append(paragraph)
            kinds.append("caption")
            continue
        if index and after and _is_subheading(paragraph, before, after):
            blocks.append(paragraph)
            kinds.append("h")
            continue
        for kind, text in (_unfuse_captions(paragraph) if marked else (("p", paragraph),)):
            for piece in ([text] if kind == "caption" else _split_long(text)):
                blocks.append(piece)
                kinds.append(kind)
    return tuple(blocks), tuple(kinds)

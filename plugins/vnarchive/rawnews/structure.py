"""The body's structure: paragraphs of a few sentences, captions, subheadings.

Scraped bodies are often one long line with photo captions fused into the
prose ("... trên phố. Ảnh: Hồ Phương Vụ việc xảy ra ..."). This module turns
the body's lines into blocks, each with a kind:

- `p`: prose, at most about PARAGRAPH_WORDS words, cut only at a sentence's
  end and never inside a quotation;
- `caption`: a photo or video caption: the sentence that ends with the
  picture's credit ("Ảnh: Reuters", "Ảnh minh họa", "(Nguồn: NATO)"), the
  text under an image tag the scraper kept, a sentence that opens like a
  picture's description ("Phối cảnh ...", data/caption_openings.txt), or,
  on a site that credits no picture, a run without a final stop fused in
  front of a sentence;
- `h`: a subheading: a short line standing alone between paragraphs, or a
  short run without a final stop fused in front of a sentence on a site
  whose captions carry credits (so the run cannot be a caption).

Nothing is dropped or reordered: the blocks' characters, spaces aside, are
the body's (tests check it with hypothesis). Pure functions only.
"""

from __future__ import annotations

import bisect
import re

from functools import lru_cache

from .data import data_lines
from .line_roles import LOWER as _LOWER
from .line_roles import UPPER as _UPPER
from .fused_runs import STRICT_LOWER, STRICT_UPPER, Names, narrates, run_at, run_kind
from .line_roles import is_caption

PARAGRAPH_WORDS = 60  # a longer paragraph is cut at sentence ends into pieces of about this size
SPLIT_ABOVE_WORDS = 100  # paragraphs up to this size are kept as the source wrote them
LONG_PARAGRAPH_WORDS = 120  # a piece is cut before it grows past this, where a sentence ends
MIN_PIECE_WORDS = 20
SUBHEADING_MAX_CHARS = 110
QUOTE_REACH = 400  # a quotation is kept whole up to this length

# Where a sentence ends: a stop mark and a space before a capital or an
# opening quote; or a stop glued to the next sentence by the scraper ("bếp.Lực").
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[{_UPPER}0-9])|(?<=[{_LOWER}]{{2}}[.!?])(?=[{_UPPER}][{_LOWER}])")
# A credit's name: capitalised words ("Hồ Phương", "T.Lê", "AFP/TTXVN",
# "VÕ VĂN"), joined by spaces, commas, slashes, " - " or " và".
_NAME_WORD = rf"[{_UPPER}0-9][\w&-]*(?:\.[{_UPPER}][\w&-]*)*"
_CREDIT_NAME = rf"(?:{_NAME_WORD}|[{_LOWER}0-9][\w.-]*)(?:(?:[ ,/]| - | và ){_NAME_WORD}){{0,4}}?"
# The next sentence's start: a capitalised (or upper-case) word, no other
# capital inside it, and a lower-case one or a number ("Vụ việc", "Hiện 80"), a word that opens sentences and is no name
# (data/sentence_openers.txt: "Ông Hoàng Hải Minh, ..."), or a capitalised
# word glued to the credit by the scraper ("Ảnh: Tư HuynhTuy nhiên ...").
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
def _fused_credit() -> re.Pattern:
    openers = "|".join(re.escape(word) for word in data_lines("sentence_openers.txt"))
    return re.compile(_FUSED_CREDIT_TEMPLATE + _NEXT_SENTENCE.replace("{openers}", openers))


_QUOTE_MARKS = re.compile(r'[“”"]')


def sentence_ends(text: str) -> list[int]:
    """Offsets where a new sentence starts, outside quotations.

    One pass from the start keeps the quotation state: “ opens, ” closes, a
    straight quote closes an open quotation (scrapers mix them: “...") and
    opens one otherwise. Past QUOTE_REACH characters from its opening a
    quotation no longer holds breaks back (a scraper's unmatched mark must
    not hold the rest of the text), though its closing mark still closes it.
    A break's own closing mark (`... nói." Sau đó`) is
    read before the break is judged."""
    if '"' not in text and "“" not in text:
        return [match.end() for match in _SENTENCE_BREAK.finditer(text)]
    marks = [(match.start(), match.group()) for match in _QUOTE_MARKS.finditer(text)]
    ends = []
    opened = -1  # where the open quotation began, -1 when none is open
    index = 0
    for match in _SENTENCE_BREAK.finditer(text):
        limit = match.start() + (match.group()[:1] in '"”')  # the marks before the break, its own closing one too
        while index < len(marks) and marks[index][0] < limit:
            position, mark = marks[index]
            if mark == "“" or (mark == '"' and opened < 0):
                opened = position
            else:
                opened = -1  # (a straight quote closes even a quotation past its reach: its pair)
            index += 1
        if opened < 0 or match.start() - opened > QUOTE_REACH:
            ends.append(match.end())
    return ends


def _split_long(text: str) -> list[str]:
    """A paragraph cut at sentence ends into pieces of about PARAGRAPH_WORDS
    words; a piece is also cut short (at MIN_PIECE_WORDS or more) where the
    next sentence would carry it past LONG_PARAGRAPH_WORDS."""
    total = len(text.split())
    if total <= SPLIT_ABOVE_WORDS:
        return [text]
    ends = sentence_ends(text)
    sizes = [len(text[a:b].split()) for a, b in zip([0, *ends], [*ends, len(text)])]
    pieces = []
    start = 0
    words = seen = 0
    for index, end in enumerate(ends):
        words += sizes[index]
        seen += sizes[index]
        following = sizes[index + 1]
        if total - seen >= 10 and (words >= PARAGRAPH_WORDS or (words >= MIN_PIECE_WORDS and words + following > LONG_PARAGRAPH_WORDS)):
            pieces.append(text[start:end].strip())
            start, words = end, 0
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


_MARKERS = ("Ảnh", "ảnh", "Video", "Clip", "Hình", "Đồ h", "Nguồn", "MH:")


def _has_marker(text: str) -> bool:
    """Whether a caption's marker is anywhere in text (a cheap test before the patterns)."""
    return any(marker in text for marker in _MARKERS)


def _unfuse_captions(text: str) -> list[tuple[str, str]]:
    """[(kind, text)]: the captions fused into a paragraph taken out as their own blocks."""
    starts = [0, *sentence_ends(text)]
    blocks: list[tuple[str, str]] = []
    taken = 0  # text before this offset is in blocks already
    for match in _fused_credit().finditer(text):
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


_STOPS = (".", "!", "?", "…", '"', "”", ")")
SUMMARY_MAX_WORDS = 60  # a related article's summary under its headline is no longer


def _heading_shaped(line: str) -> bool:
    """Short, capitalised, and without a final stop (a question mark aside)."""
    return (
        len(line) <= SUBHEADING_MAX_CHARS
        and 2 <= len(line.split()) <= 16
        and line[:1].isupper()
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "…", '"', "”", ")"))
    )


def _headline_shaped(line: str) -> bool:
    """A related article's headline: capitalised, without a final stop, not long."""
    return line[:1].isupper() and len(line.split()) <= 25 and not line.rstrip().endswith(_STOPS) and not is_caption(line)


def _teaser_tail(paragraphs: tuple[str, ...]) -> int:
    """Where the body's tail of related articles starts (len when there is
    none): pairs of a headline and its one-paragraph summary up to the end,
    at least two of them."""
    start = index = len(paragraphs)
    pairs = 0
    while index >= 2:
        headline, summary = paragraphs[index - 2], paragraphs[index - 1]
        if not (_headline_shaped(headline) and summary.rstrip().endswith(_STOPS) and len(summary.split()) <= SUMMARY_MAX_WORDS):
            break
        pairs += 1
        index -= 2
        start = index
    return start if pairs >= 2 else len(paragraphs)


def _is_subheading(line: str, before: str, after: str) -> bool:
    """A short line without a final stop, after a paragraph that ends a
    sentence (or at the body's start), heading a longer paragraph. A question
    ("Thiếu nhu cầu thực hay giá ảo?") may close a paragraph the scraper cut.
    (Related articles' headlines in the body's tail are left out by the caller.)"""
    if not _heading_shaped(line) or len(after) <= len(line):
        return False
    question = line.rstrip().endswith("?")
    if question and (len(line.split()) > 14 or before.rstrip().endswith("?") or after.startswith(("-", "–"))):
        return False  # a line of a dialogue
    if not before or (not before.rstrip().endswith(_STOPS) and not question):
        return False
    return True


# A tag the scraper kept for a picture or a video (normalize leaves unknown tags as text).
_MEDIA_LINE = re.compile(r"^(?:<(?:img|iframe|video|embed|picture|figure)\b[^>]*>\s*)+$", re.I)
IMAGE_CAPTION_MAX_WORDS = 60  # the text under a picture
ESSAY_CAPTION_MAX_WORDS = 120  # in a photo essay (most text under pictures) captions run long
_NOT_UNDER_PICTURE = re.compile(r"^(?:[-–]\s|\d+[.)]\s)")  # an interview's question, a numbered item
OPENING_CAPTION_MAX_WORDS = 40


def _under_picture_limit(paragraphs: tuple[str, ...]) -> int:
    """How long the text under a picture may be and still be its caption:
    longer in a photo essay, where two thirds of the text stands under pictures."""
    texts = [index for index, paragraph in enumerate(paragraphs) if not _MEDIA_LINE.match(paragraph)]
    under = sum(1 for index in texts if index and _MEDIA_LINE.match(paragraphs[index - 1]))
    return ESSAY_CAPTION_MAX_WORDS if texts and under * 3 >= len(texts) * 2 else IMAGE_CAPTION_MAX_WORDS


@lru_cache(maxsize=1)
def _caption_opening() -> re.Pattern:
    openings = "|".join(re.escape(words) for words in data_lines("caption_openings.txt"))
    return re.compile(rf"[\"“]?(?:{openings})\s")


def _opening_caption(sentence: str) -> bool:
    """A short sentence that describes a picture ("Phối cảnh đoạn kênh ...")."""
    return (
        bool(_caption_opening().match(sentence))
        and len(sentence.split()) <= OPENING_CAPTION_MAX_WORDS
        and not any(mark in sentence for mark in '"“”')
        and not sentence.rstrip().endswith(":")  # "Hình ảnh ... :" announces a gallery
    )


REPEAT_MIN_WORDS, REPEAT_MAX_WORDS = 6, 30
REPEAT_REACH = 40  # the repetition starts within this many characters after the caption


def _repeated(text: str, start: int, end: int) -> int:
    """Where a caption that the next sentence repeats ends, or -1: scrapers
    keep a picture's caption and, right after, the text it was taken from
    ("X được vinh danh trong các hạng mục ESG. Việc X được vinh danh trong
    các hạng mục ESG và ..."), or its alt text and its caption, the same."""
    words = text[start:end].split()
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


def _split_runs(kind: str, text: str, credited: bool, names: Names) -> list[tuple[str, str]]:
    """A block with what is fused into it taken out: in prose, sentences that
    describe a picture and runs without a final stop (fused_runs); in front
    of a caption, a subheading run."""
    starts = [0, *sentence_ends(text)]
    if kind == "caption":
        found = run_at(text, 0, starts[1] if len(starts) > 1 else len(text), names)
        if found and found[0] == 0 and credited and run_kind(text[: found[1]], True) == "h":
            return [("h", text[: found[1]].strip()), ("caption", text[found[1]:].strip())]
        return [(kind, text)]
    out: list[tuple[str, str]] = []
    taken = 0
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        if start < taken:
            continue
        repeated = _repeated(text, start, end)
        if repeated > 0:
            cut, found_kind = repeated, "caption"
        elif _opening_caption(text[start:end]):
            cut, found_kind = end, "caption"
        else:
            found = run_at(text, start, end, names)
            if not found:
                continue
            start, cut = found
            found_kind = run_kind(text[start:cut], credited)
            if found_kind == "p":
                continue
        if text[taken:start].strip():
            out.append(("p", text[taken:start].strip()))
        out.append((found_kind, text[start:cut].strip()))
        taken = cut
    if text[taken:].strip():
        out.append(("p", text[taken:].strip()))
    return out


def _question_heads(blocks: list[tuple[str, str]], credited: bool) -> list[tuple[str, str]]:
    """A short question closing the prose in front of a caption heads the
    next section ("... tấn công Iran”. Israel đạt được gì? Tòa nhà bị phá hủy ... Ảnh: THX")."""
    if not credited:
        return blocks
    out: list[tuple[str, str]] = []
    for index, (kind, text) in enumerate(blocks):
        following = blocks[index + 1][0] if index + 1 < len(blocks) else ""
        if kind == "p" and following == "caption" and text.endswith("?"):
            starts = sentence_ends(text)
            last = starts[-1] if starts else 0
            question = text[last:].strip()
            if len(question.split()) <= 12 and (last or not out or out[-1][0] != "p"):
                if text[:last].strip():
                    out.append(("p", text[:last].strip()))
                out.append(("h", question))
                continue
        out.append((kind, text))
    return out


RUN_IN_MAX_WORDS = 8
RUN_IN_MIN_COUNT = 3  # a list of run-in headings has at least this many
RUN_IN_REACH = 400  # the heading's words recur within this many characters after it


def _run_in_head(sentence: str, after: str) -> bool:
    """A short sentence that announces the topic the next sentences expand
    ("Tập bổ trợ. Kế hoạch ... gồm các ngày tập bổ trợ ..."): no comma,
    quotation, colon or narration, no name after its first word, and two of
    its words recur together right after it."""
    words = sentence.split()
    if not (2 <= len(words) <= RUN_IN_MAX_WORDS and sentence.endswith(".")):
        return False
    if any(mark in sentence for mark in ',"“”:') or narrates(sentence) or any(word[:1].isupper() for word in words[1:]):
        return False
    following = after[:RUN_IN_REACH].casefold()
    return any(f"{first} {second}".casefold().strip(".") in following for first, second in zip(words, words[1:]))


def _run_in_heads(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Run-in headings of a list written into the prose ("Chạy chậm. ...
    Lắng nghe cơ thể. ..."), taken out as subheadings when the article has
    at least RUN_IN_MIN_COUNT of them (one alone is just a short sentence)."""
    found: list[tuple[int, int, int]] = []  # (block, start, end)
    for number, (kind, text) in enumerate(blocks):
        if kind != "p":
            continue
        starts = [0, *sentence_ends(text)]
        for index, start in enumerate(starts[:-1]):
            end = starts[index + 1]
            if _run_in_head(text[start:end].strip(), text[end:end + RUN_IN_REACH]):
                found.append((number, start, end))
    if len(found) < RUN_IN_MIN_COUNT:
        return blocks
    out: list[tuple[str, str]] = []
    for number, (kind, text) in enumerate(blocks):
        cuts = [(start, end) for block, start, end in found if block == number]
        taken = 0
        for start, end in cuts:
            if text[taken:start].strip():
                out.append(("p", text[taken:start].strip()))
            out.append(("h", text[start:end].strip()))
            taken = end
        if text[taken:].strip():
            out.append((kind, text[taken:].strip()))
    return out


# A credit whose last name the scraper glued to the next paragraph's first
# word ("Video: Tư HuynhTheo" / "Tiêu chuẩn thiết kế ...").
_GLUED_TAIL = re.compile(rf"(?:Ảnh|Video|Clip|Đồ họa|Đồ hoạ)\s*:[^.:]{{0,40}}[{STRICT_LOWER}](?P<word>[{STRICT_UPPER}][{STRICT_LOWER}]+)$")


def _unglue(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
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


def structure(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(blocks, their kinds) for the body's paragraphs (the lead is not among them)."""
    paragraphs = _unglue(paragraphs)
    tail = _teaser_tail(paragraphs)
    under_picture = _under_picture_limit(paragraphs)
    first: list[tuple[str, str]] = []  # (kind, text): captions by their credit, subheading lines, the rest as "p"
    for index, paragraph in enumerate(paragraphs):
        before = paragraphs[index - 1] if index else ""
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        marked = _has_marker(paragraph)
        if marked and is_caption(paragraph) and len(paragraph.split()) <= 60 and len(sentence_ends(paragraph)) <= 1:
            first.append(("caption", paragraph))
        elif (
            _MEDIA_LINE.match(before)
            and not _MEDIA_LINE.match(paragraph)
            and not _NOT_UNDER_PICTURE.match(paragraph)
            and len(paragraph.split()) <= under_picture
        ):
            first.append(("caption", paragraph))  # the text right under a picture
        elif after and index < tail and _is_subheading(paragraph, before, after):
            first.append(("h", paragraph))
        else:
            first.extend(_unfuse_captions(paragraph) if marked else (("p", paragraph),))
    credited = any(kind == "caption" and _has_marker(text) and is_caption(text) for kind, text in first)
    names = Names(paragraphs)
    second: list[tuple[str, str]] = []
    for kind, text in first:
        second.extend(_split_runs(kind, text, credited, names) if kind != "h" else ((kind, text),))
    blocks: list[str] = []
    kinds: list[str] = []
    for kind, text in _run_in_heads(_question_heads(second, credited)):
        for piece in ([text] if kind != "p" else _split_long(text)):
            blocks.append(piece)
            kinds.append(kind)
    return tuple(blocks), tuple(kinds)

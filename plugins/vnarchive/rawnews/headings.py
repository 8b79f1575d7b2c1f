"""Subheadings in a scraped body: short lines between paragraphs, a
question before a picture, the run-in headings of a list; and the related
articles' headlines at the body's end, which are none. Used by
structure.py. Pure functions only.
"""

from __future__ import annotations

from .fused_runs import narrates
from .line_roles import is_caption
from .sentences import sentence_ends

SUBHEADING_MAX_CHARS = 110
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


def teaser_tail(paragraphs: tuple[str, ...]) -> int:
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


def is_subheading(line: str, before: str, after: str) -> bool:
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

def question_heads(blocks: list[tuple[str, str]], credited: bool) -> list[tuple[str, str]]:
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
    words = sentence.split(None, RUN_IN_MAX_WORDS)  # (one more than the most it may have: all of them when it fits)
    if not (2 <= len(words) <= RUN_IN_MAX_WORDS and sentence.endswith(".")):
        return False
    if any(mark in sentence for mark in ',"“”:') or narrates(sentence) or any(word[:1].isupper() for word in words[1:]):
        return False
    following = after[:RUN_IN_REACH].casefold()
    return any(f"{first} {second}".casefold().strip(".") in following for first, second in zip(words, words[1:]))


def run_in_heads(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
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

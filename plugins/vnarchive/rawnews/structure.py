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

from .captions import (
    MEDIA_LINE,
    NOT_UNDER_PICTURE,
    has_marker,
    opening_caption,
    repeated,
    under_picture_limit,
    unfuse_captions,
    unglue,
)
from .fused_runs import Names, run_at, run_kind
from .headings import is_subheading, question_heads, run_in_heads, teaser_tail
from .line_roles import is_caption
from .sentences import sentence_ends

__all__ = ["sentence_ends", "structure"]  # (sentence_ends: parse.py's lead cut reads it from here)

PARAGRAPH_WORDS = 60  # a longer paragraph is cut at sentence ends into pieces of about this size
SPLIT_ABOVE_WORDS = 100  # paragraphs up to this size are kept as the source wrote them
LONG_PARAGRAPH_WORDS = 120  # a piece is cut before it grows past this, where a sentence ends
MIN_PIECE_WORDS = 20


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
        again = repeated(text, start, end)
        if again > 0:
            cut, found_kind = again, "caption"
        elif opening_caption(text, start, end):
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

def structure(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(blocks, their kinds) for the body's paragraphs (the lead is not among them)."""
    paragraphs = unglue(paragraphs)
    tail = teaser_tail(paragraphs)
    under_picture = under_picture_limit(paragraphs)
    first: list[tuple[str, str]] = []  # (kind, text): captions by their credit, subheading lines, the rest as "p"
    for index, paragraph in enumerate(paragraphs):
        before = paragraphs[index - 1] if index else ""
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        marked = has_marker(paragraph)
        if marked and is_caption(paragraph) and len(paragraph.split()) <= 60 and len(sentence_ends(paragraph)) <= 1:
            first.append(("caption", paragraph))
        elif (
            MEDIA_LINE.match(before)
            and not MEDIA_LINE.match(paragraph)
            and not NOT_UNDER_PICTURE.match(paragraph)
            and len(paragraph.split()) <= under_picture
        ):
            first.append(("caption", paragraph))  # the text right under a picture
        elif after and index < tail and is_subheading(paragraph, before, after):
            first.append(("h", paragraph))
        else:
            first.extend(unfuse_captions(paragraph) if marked else (("p", paragraph),))
    credited = any(kind == "caption" and has_marker(text) and is_caption(text) for kind, text in first)
    names = Names(paragraphs)
    second: list[tuple[str, str]] = []
    for kind, text in first:
        second.extend(_split_runs(kind, text, credited, names) if kind != "h" else ((kind, text),))
    blocks: list[str] = []
    kinds: list[str] = []
    for kind, text in run_in_heads(question_heads(second, credited)):
        for piece in ([text] if kind != "p" else _split_long(text)):
            blocks.append(piece)
            kinds.append(kind)
    return tuple(blocks), tuple(kinds)

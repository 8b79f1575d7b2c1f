"""Stage 2, parse: clean lines -> Parts (title, lead, body, credit lines).

Page chrome is recognised with the user-editable pattern files in `data/`;
everything removed is returned too, so the report can say what was dropped.
"""

from __future__ import annotations

import re

from .data import line_regex
from .extract.authors import is_credit_line
from .model import Parts, Rejected

TITLE_MAX_CHARS = 200
DERIVED_TITLE_MAX_CHARS = 110
_BREADCRUMB = re.compile(r"^(?:Trang chủ|Home)\s*(?:>|»|/|›)\s*(.+)$", re.I)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>|»|/|›)\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“A-ZÀ-ỸĐ0-9])")


def _is_chrome(line: str) -> bool:
    return bool(line_regex("chrome.txt").match(line))


def split_chrome(lines: tuple[str, ...]) -> tuple[list[str], list[str], tuple[str, ...]]:
    """Remove chrome at both ends; return (kept lines, removed lines, breadcrumb)."""
    kept = list(lines)
    removed: list[str] = []
    breadcrumb: tuple[str, ...] = ()
    tail_start = line_regex("chrome_tail.txt", anchored_end=False)
    # Leading chrome and breadcrumbs.
    while kept:
        crumb = _BREADCRUMB.match(kept[0])
        if crumb:
            breadcrumb = tuple(p for p in _BREADCRUMB_SPLIT.split(crumb.group(1)) if p)
        elif not _is_chrome(kept[0]):
            break
        removed.append(kept.pop(0))
    # Trailing chrome: a related-articles heading drops all that follows it,
    # but only in the last third of the text (it never cuts the article).
    for index in range(len(kept) - 1, max(len(kept) * 2 // 3, 0) - 1, -1):
        if index > 0 and tail_start.match(kept[index]) and len(kept[index]) < 120:
            removed.extend(kept[index:])
            del kept[index:]
            break
    while kept and _is_chrome(kept[-1]):
        removed.append(kept.pop())
    # End marks glued to the last paragraph ("... tại địa phương./.").
    if kept:
        stripped = re.sub(r"\s*\./\.\s*$", ".", kept[-1])
        if stripped != kept[-1]:
            removed.append("./.")
            kept[-1] = stripped
    return kept, removed, breadcrumb


def looks_like_title(line: str, following: list[str]) -> bool:
    """A title is a short line, without a final full stop, before the text."""
    if not following or len(line) > TITLE_MAX_CHARS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    words = line.split()
    return 2 <= len(words) <= 40 and line[0].isupper() | line[0].isdigit() | (line[0] in "\"“'(")


def derive_title(paragraph: str) -> str:
    """First sentence of a paragraph, cut at a word boundary if too long."""
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()
    sentence = sentence.rstrip(".;:, ")
    if len(sentence) <= DERIVED_TITLE_MAX_CHARS:
        return sentence
    cut = sentence[:DERIVED_TITLE_MAX_CHARS]
    # Prefer a clause boundary, else a word boundary.
    for mark in (";", ","):
        if mark in cut[40:]:
            return cut[: cut.rindex(mark)].rstrip() + "…"
    return cut[: cut.rindex(" ")].rstrip(" ,;:") + "…" if " " in cut else cut + "…"


def split_credits(lines: list[str]) -> tuple[list[str], list[str]]:
    """Trailing credit lines (at most 3) apart from the body."""
    credits: list[str] = []
    while lines and len(credits) < 3 and is_credit_line(lines[-1]):
        credits.insert(0, lines.pop())
    return lines, credits


def parse(lines: tuple[str, ...]) -> Parts:
    """Find title, lead, body paragraphs and credit lines."""
    kept, removed, breadcrumb = split_chrome(lines)
    body, credits = split_credits(kept)
    if not body:
        if credits:
            raise Rejected("only a credit line, no article text")
        raise Rejected("only page chrome, no article text")
    warnings = []
    if looks_like_title(body[0], body[1:]):
        title, title_source = body[0], "text"
        body = body[1:]
    else:
        title, title_source = derive_title(body[0]), "derived"
        warnings.append("no title line: title derived from the first sentence")
    lead = body[0]
    return Parts(
        title=title,
        title_source=title_source,
        lead=lead,
        paragraphs=tuple(body[1:]),
        credit_lines=tuple(credits),
        chrome_removed=tuple(removed),
        breadcrumb=breadcrumb,
        warnings=tuple(warnings),
    )

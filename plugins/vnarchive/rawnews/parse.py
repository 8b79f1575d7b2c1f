"""Stage 2, parse: clean lines -> Parts (title, lead, body, credit lines).

Page chrome is recognised with the user-editable pattern files in `data/`
(`chrome.txt`: whole lines removed wherever they stand; `chrome_tail.txt`:
a heading that drops itself and all that follows, near the end). Everything
removed is returned too, so the report can say what was dropped.
"""

from __future__ import annotations

import re

from .data import line_regex
from .extract.authors import is_credit_line, lead_outlet, read_credit, split_glued_credit
from .extract.dates import is_dateline
from .line_roles import continues, has_two_sentences, is_caption, is_cut, is_list, opens_with_event_time, outlet_suffix
from .model import Parts, Rejected
from .structure import sentence_ends, structure

TITLE_MAX_CHARS = 200
DERIVED_TITLE_MAX_CHARS = 110
TITLE_WITH_STOP_MAX_CHARS = 160
TITLE_LONG_CHARS = 120  # real headlines are shorter; a longer one must stand over a longer lead
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s+\S")
MAX_CREDIT_LINES = 4
_CREDIT_NOTE = re.compile(r"^\(\s*(?:tổng hợp|thực hiện|biên dịch|lược dịch|dịch|tư liệu)\s*\)\.?$", re.I)
_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])\s*[:h]\s*[0-5]\d\b")
_CRUMB_SEP = r"\s*(?:>|»|›|/|\|)\s*"
_BREADCRUMB = re.compile(rf"^(?:Trang chủ|Home|Trang nhất|Tin tức){_CRUMB_SEP}(.+)$", re.I)
_BREADCRUMB_SPLIT = re.compile(_CRUMB_SEP)
_BARE_CRUMB = re.compile(r"^[^\s>»›][^>»›]{0,40}(?:\s*(?:>|»|›)\s*[^>»›]{1,40})+$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ0-9])")
_END_MARK = re.compile(r"\s*\./\.\s*$")


def _without_end_mark(line: str, replacement: str = "") -> str:
    """_END_MARK.sub(replacement, line); most lines have no "./." at all (a fast find)."""
    return _END_MARK.sub(replacement, line) if "./." in line else line

# Text glued to a related-articles heading by the scraper: "Tin liên quanTham dự ...".
_GLUED_TAIL = re.compile(r"^(Tin liên quan|Tin cùng chuyên mục|Bài viết liên quan)(?=[A-ZĐÀ-Ỹ])")


def _is_chrome(line: str) -> bool:
    return bool(line_regex("chrome.txt").match(line))


def _breadcrumb(line: str, following: str = "") -> tuple[str, ...] | None:
    """The sections of a breadcrumb line, else None. One without "Trang chủ"
    ("Thời sự > Chính trị") is one only above a title: over the lead itself,
    "Xuất khẩu gạo Việt Nam > Thái Lan" is the headline."""
    crumb = _BREADCRUMB.match(line)
    if crumb:
        return tuple(p.strip() for p in _BREADCRUMB_SPLIT.split(crumb.group(1)) if p.strip())
    above_a_title = len(following) <= TITLE_MAX_CHARS and not following.rstrip().endswith((".", "!", "?", "…"))
    if _BARE_CRUMB.match(line) and len(line) <= 90 and above_a_title:
        parts = [p.strip() for p in re.split(r"\s*(?:>|»|›)\s*", line) if p.strip()]
        if all(len(p.split()) <= 5 and p[0].isupper() for p in parts):
            return tuple(parts)
    return None


def split_chrome(lines: tuple[str, ...]) -> tuple[list[str], list[tuple[str, str]], tuple[str, ...], frozenset[str]]:
    """Remove chrome; return (kept lines, removed lines as (kind, line),
    breadcrumb, the lines a whole-line chrome line follows). Kinds:
    "breadcrumb", "chrome" (a line of data/chrome.txt), "related" (a
    related-articles list and what follows it)."""
    kept = list(lines)
    removed: list[tuple[str, str]] = []
    breadcrumb: tuple[str, ...] = ()
    tail_start = line_regex("chrome_tail.txt", anchored_end=False)
    # Leading chrome and breadcrumbs.
    while kept:
        crumb = _breadcrumb(kept[0], kept[1] if len(kept) > 1 else "") if len(removed) < 6 else None
        if crumb:
            breadcrumb = crumb
        elif not _is_chrome(kept[0]):
            break
        removed.append(("breadcrumb" if crumb else "chrome", kept.pop(0)))
    # Trailing chrome: a related-articles heading drops all that follows it,
    # but only in the last part of the text (it never cuts the article): in
    # the second half of its lines, or after half of its characters (an
    # article run together on one line is one long line before the heading).
    total = sum(map(len, kept))
    after = 0  # characters after the line looked at
    for index in range(len(kept) - 1, 0, -1):
        line = kept[index]
        if index < len(kept) // 2 and (total - after - len(line)) * 2 < total:
            break
        after += len(line)
        if tail_start.match(line) and (len(line) < 120 or _GLUED_TAIL.match(line)):
            # A page's date stamp after the comments or related heading stays for the date rule.
            stamps = [later for later in kept[index + 1:] if is_dateline(later)]
            removed.extend(("related", later) for later in kept[index:] if later not in stamps)
            del kept[index:]
            kept.extend(stamps)
            break
    else:
        # Nothing but a related-articles list: the text starts with its heading
        # alone on a line ("Tin liên quan", not "Tin liên quan đến vụ cháy...").
        if kept and line_regex("chrome_tail.txt").match(kept[0]):
            removed.extend(("related", line) for line in kept)
            kept = []
    # Whole-line chrome anywhere (share buttons, "Xem thêm", view counters).
    # A toolbar closes the article: the line before it is noted, a byline may stand there.
    body = []
    closers = set()
    for line in kept:
        if _is_chrome(line):
            removed.append(("chrome", line))
            if body:
                closers.add(body[-1])
        else:
            body.append(line)
    return body, removed, breadcrumb, frozenset(closers)


def looks_like_title(line: str, following: list[str]) -> bool:
    """A title is a short line of one sentence before the text, not a lead or a caption.

    It does not end with a full stop, unless the next paragraph restates it
    (a lead repeats its headline's words; a first body sentence rarely does).
    """
    if not following or len(line) > TITLE_MAX_CHARS:
        return False
    if is_caption(line) or outlet_suffix(line) or has_two_sentences(line) or opens_with_event_time(line) or is_list(line) or is_cut(line):
        return False
    if len(line) > TITLE_LONG_CHARS and len(following[0]) <= len(line):
        return False  # a long line before a shorter one is a cut lead, not a headline over its lead
    if _NUMBERED_HEADING.match(line):  # "1. Nội soi dạ dày": a section of the text, not its title
        return False
    if continues(following[0]) and not _restated(line, following[0]):
        return False  # a subheading over "Tuy nhiên, ...": a title stands over a lead that repeats it
    if lead_outlet(line)[0]:  # "(QNO) - Sáng 10/5 ..." is a lead
        return False
    if not 2 <= len(line.split()) <= 40:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return line.endswith(".") and len(line) <= TITLE_WITH_STOP_MAX_CHARS and _restated(line, following[0])
    if line[0].isupper() or line[0].isdigit() or line[0] in "\"“'(‘«":
        return True
    # A lowercase start ("iPhone 17 Pro ...", a headline cut by the crawl): short, before a longer paragraph.
    return line[0].isalpha() and len(line) <= DERIVED_TITLE_MAX_CHARS and len(following[0]) > len(line)


def _restated(line: str, paragraph: str) -> bool:
    words = re.findall(r"\w+", line.casefold())
    found = set(re.findall(r"\w+", paragraph.casefold()))
    return bool(words) and sum(word in found for word in words) >= 0.5 * len(words)


def derive_title(paragraph: str) -> str:
    """First sentence of a paragraph, cut at a word boundary if too long."""
    paragraph = lead_outlet(paragraph)[1] or paragraph
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


LEAD_MAX_CHARS = 600  # a longer first paragraph is the whole text run together, not a lead
LEAD_TARGET_CHARS = 300


def split_lead(paragraph: str) -> tuple[str, str]:
    """(lead, rest): a first paragraph that is the whole article on one line
    keeps its first sentences (about LEAD_TARGET_CHARS) as the lead; nothing
    is dropped or reordered, and a break inside a quotation is not used
    (structure.sentence_ends finds the breaks)."""
    if len(paragraph) <= LEAD_MAX_CHARS:
        return paragraph, ""
    cut = 0
    for end in sentence_ends(paragraph[: LEAD_MAX_CHARS + 200]):
        if cut and end > LEAD_TARGET_CHARS:
            break
        cut = end
        if cut >= LEAD_TARGET_CHARS:
            break
    if not cut:
        return paragraph, ""
    return paragraph[:cut].rstrip(), paragraph[cut:].lstrip()


MAX_LINES_AFTER_CREDIT = 2  # short lines a page sets after the byline ("Tổng hợp", a share line, a footer)


def _after_credit(line: str) -> bool:
    """A short line that may follow the byline: no sentence, a few words."""
    return len(line) <= 80 and len(line.split()) <= 12 and not re.search(r"[\w)\]\"”][.!?…]", line)


def split_credits(lines: list[str], closers: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """Trailing credit lines apart from the body; a credit glued to the end
    of the last paragraph is cut off it. Up to MAX_LINES_AFTER_CREDIT short
    lines after the credit are looked past (and stay in the body)."""
    credits: list[str] = []
    tail: list[str] = []
    while lines and len(credits) < MAX_CREDIT_LINES and len(lines) > 1:
        last = _without_end_mark(lines[-1])
        if is_credit_line(last) or (_CREDIT_NOTE.match(last) and len(lines) > 2 and is_credit_line(_without_end_mark(lines[-2]))):
            credits.insert(0, last.strip())  # a note under a byline ("(thực hiện)", "(tổng hợp)") goes with it
            lines.pop()
        elif not credits and len(tail) < MAX_LINES_AFTER_CREDIT and len(lines) > 2 and _after_credit(last):
            tail.insert(0, lines.pop())
        else:
            break
    if lines:
        glued = split_glued_credit(lines[-1])
        if glued:
            lines[-1] = glued[0]
            credits.insert(0, glued[1])
    if not credits:
        lines, tail, credits = _byline_before_related(lines + tail, closers)
    return lines + tail, credits


def _names_someone(line: str) -> bool:
    """A credit naming a writer or an outlet (a photo credit inside the text is a caption's)."""
    found = read_credit(line)
    return bool(found and (found[0] or found[2]))


def _related_list(lines: list[str]) -> bool:
    """Lines that read as a list of related headlines (with or without their
    teasers): several, and many of them short lines that end no sentence."""
    headlines = sum(1 for line in lines if len(line) <= 150 and line[:1].isupper() and not line.rstrip().endswith((".", "!", "?", "…", ":", '"', "”")))
    return len(lines) >= 4 and headlines >= 2 and headlines * 5 >= len(lines) * 2


BYLINE_ZONE = 0.4  # the last share of the text's characters where a byline may stand before a related list


def _byline_before_related(lines: list[str], closers: frozenset[str] = frozenset()) -> tuple[list[str], list[str], list[str]]:
    """(body, what follows the byline, [byline]) for a byline that closes the
    article but is followed by a list of related headlines and teasers the
    scraper kept without their heading; ([...], [], []) when there is none.

    The byline is a short credit line right after a paragraph that ends a
    sentence, in the last part of the text or right before a share toolbar
    (`closers`)."""
    total = sum(map(len, lines))
    seen = total
    for index in range(len(lines) - 1, 1, -1):
        seen -= len(lines[index])
        if seen < total * (1 - BYLINE_ZONE) and lines[index] not in closers and not _related_list(lines[index + 1:]):
            continue
        line = _without_end_mark(lines[index]).strip()
        if len(line.split()) <= 8 and lines[index - 1].rstrip().endswith((".", "!", "?", "…", "”", '"', ")")) and _names_someone(line):
            block = [line]  # the byline and the credit lines right under it ("Nguồn: The Guardian, CNN")
            while index + len(block) < len(lines) and len(block) < MAX_CREDIT_LINES and is_credit_line(lines[index + len(block)]):
                block.append(lines[index + len(block)].strip())
            return lines[:index], lines[index + len(block):], block
        glued = split_glued_credit(lines[index])  # "... cần được giúp đỡ. Phạm Bắc", then the related list
        if glued and _names_someone(glued[1]):
            return [*lines[:index], glued[0]], lines[index + 1:], [glued[1]]
    return lines, [], []


def split_datelines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Date stamps near the top or the bottom of the text, or anywhere when
    they give a time of day ("Chủ nhật, 6/4/2025, 14:44 (GMT+7)" between the
    byline and a related list): a timeline's heading carries no time."""
    datelines = []
    body = []
    for index, line in enumerate(lines):
        near_edge = index < 4 or index >= len(lines) - 3
        stamp = (near_edge or (len(line) <= 80 and _CLOCK.search(line))) and is_dateline(line)
        (datelines if stamp else body).append(line)
    return body, datelines


def _top_credits(body: list[str]) -> tuple[list[str], list[str]]:
    """Role-prefixed credit lines just under the title ("Tác giả: X")."""
    credits = []
    index = 1
    while index < min(len(body), 4):
        line = body[index]
        if re.match(r"^(?:Tác giả|Bài|Tin|Bài và ảnh|Tin và ảnh|Bài, ảnh|Tin, ảnh|Thực hiện|Nhóm phóng viên)\s*:", line, re.I) and is_credit_line(line):
            credits.append(body.pop(index))
            continue
        index += 1
    return body, credits


def parse(lines: tuple[str, ...]) -> Parts:
    """Find title, lead, body paragraphs, credit lines and datelines."""
    kept, removed, breadcrumb, closers = split_chrome(lines)
    kept, datelines = split_datelines(kept)
    body, credits = split_credits(kept, closers)
    if not body:
        if credits:
            raise Rejected("only a credit line, no article text")
        raise Rejected("only page chrome, no article text")
    body, top = _top_credits(body)
    credits = top + credits
    # End marks glued to the last paragraph ("... tại địa phương./.").
    stripped = _END_MARK.sub(".", body[-1]).replace("..", ".") if "./." in body[-1] and _END_MARK.search(body[-1]) else body[-1]
    if stripped != body[-1]:
        removed.append(("end mark", "./."))
        body[-1] = stripped
    warnings = []
    if len(body) > 1 and looks_like_title(body[0], body[1:]):
        title, title_source = body[0], "text"
        body = body[1:]
        if len(body) > 1 and body[0].casefold() == title.casefold():
            removed.append(("repeated title", body.pop(0)))  # the title repeated by the page
    else:
        title, title_source = derive_title(body[0]), "derived"
        warnings.append("no title line: title derived from the first sentence")
    lead, rest = split_lead(body[0])
    paragraphs, kinds = structure(tuple(([rest] if rest else []) + body[1:]))
    return Parts(
        title=title,
        title_source=title_source,
        lead=lead,
        paragraphs=paragraphs,
        kinds=kinds,
        credit_lines=tuple(credits),
        chrome_removed=tuple(line for _, line in removed),
        removed_kinds=tuple(kind for kind, _ in removed),
        breadcrumb=breadcrumb,
        warnings=tuple(warnings),
        datelines=tuple(datelines),
        lead_cut=bool(rest),
    )

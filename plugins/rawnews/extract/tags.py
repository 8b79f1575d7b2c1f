"""Choose 3-8 tags an editor would give: places, organisations, topics.

Sources, cheapest first: the province gazetteer, the user's tag vocabulary
(`data/tag_vocabulary.txt`, with synonyms and banned phrases), and named
organisations/programmes/acronyms found by capitalisation patterns. Pure
string work, so it keeps up with the conversion speed target.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import data_lines

MIN_TAGS, MAX_TAGS = 3, 8

_ORG_HEAD = r"(?:Ban Chỉ đạo|Ban|Hội đồng|Ủy ban|Sở|Bộ|Hội|Mặt trận|Tổng cục|Cục|Chương trình|Quỹ|Trung tâm|Viện|Trường|Bệnh viện|Công ty|Tập đoàn|Liên đoàn)"
_CAP = r"[A-ZÀ-ỸĐ][\wÀ-ỹđĐ-]*"
# "Ban Chỉ đạo về Nhân quyền tỉnh Kon Tum": head, capitalised words, joined
# by a few lowercase function words, and an optional place.
ORG = re.compile(rf"\b{_ORG_HEAD}(?:\s+(?:về|và|của|các)?\s*{_CAP})+")
ACRONYM = re.compile(r"\(([A-Z][A-Z0-9-]{2,9})\)")
_TRAILING_PLACE = re.compile(r"\s+(?:tỉnh|thành phố|huyện|TP)\s*$")
_GENERIC_ACRONYMS = {"UBND", "HĐND", "BTV", "TP", "TW", "CP", "NXB"}


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, str], frozenset[str]]:
    """Phrase (lowercase) -> canonical tag, and the banned phrases."""
    phrases: dict[str, str] = {}
    banned = set()
    for line in data_lines("tag_vocabulary.txt"):
        if line.startswith("!"):
            banned.add(line[1:].strip().lower())
        elif "=" in line:
            variant, canonical = (part.strip() for part in line.split("=", 1))
            phrases[variant.lower()] = canonical
        else:
            phrases.setdefault(line.lower(), line)
    return phrases, frozenset(banned)


def banned_phrases() -> frozenset[str]:
    """Lower-cased phrases that must never be tags."""
    return vocabulary()[1]


@lru_cache(maxsize=1)
def _phrase_regex() -> re.Pattern:
    phrases, _ = vocabulary()
    alternatives = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)", re.I)


@lru_cache(maxsize=1)
def _province_regex() -> re.Pattern:
    names = sorted(data_lines("provinces.txt"), key=len, reverse=True)
    forms = []
    for name in names:
        forms.append(re.escape(name).replace(r"\ \-\ ", r"\s*-\s*"))
    return re.compile(r"(?<!\w)(" + "|".join(forms) + r")(?!\w)")


def _province_name(match: str) -> str:
    for name in data_lines("provinces.txt"):
        if re.sub(r"\s*-\s*", "-", name) == re.sub(r"\s*-\s*", "-", match):
            return name
    return match


def extract_tags(title: str, lead: str, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Rank candidate tags by where and how often they occur."""
    head = f"{title}\n{lead}"
    text = head + "\n" + "\n".join(paragraphs)
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}

    def add(tag: str, position: int, weight: float) -> None:
        key = tag.lower()
        if key in banned or len(tag) < 2:
            return
        for existing in list(scores):
            if existing.lower() == key:
                tag = existing
        scores[tag] = scores.get(tag, 0) + weight + (1.5 if position < len(head) else 0)
        first_seen.setdefault(tag, position)

    phrases, banned = vocabulary()
    for match in _province_regex().finditer(text):
        add(_province_name(match.group(1)), match.start(), 1.5)
    for match in ORG.finditer(text):
        name = _TRAILING_PLACE.sub("", match.group(0)).strip()
        if len(name.split()) >= 3:
            add(name, match.start(), 1.2)
    for match in ACRONYM.finditer(text):
        if match.group(1) not in _GENERIC_ACRONYMS:
            add(match.group(1), match.start(), 2.0)
    for match in _phrase_regex().finditer(text):
        add(phrases[match.group(1).lower()], match.start(), 1.0)

    ranked = sorted(scores, key=lambda tag: (-scores[tag], first_seen[tag]))
    chosen = [tag for tag in ranked if scores[tag] >= 2.0][:MAX_TAGS]
    if len(chosen) < MIN_TAGS:
        chosen = ranked[:MIN_TAGS]
    return tuple(chosen)

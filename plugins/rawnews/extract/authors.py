"""Extract credits (authors, photographers, source outlets) from credit lines.

Vietnamese news ends with a credit line such as `Tác giả: Khánh Vi`,
`Tin, ảnh: Hồ Thị Khánh Vi`, `Theo TTXVN` or a bare name. Only the last lines
of a text are considered, so prose like "Theo ông ..." is never a byline.
"""

from __future__ import annotations

import re

from ..model import Credits

_UPPER = "A-ZÀ-ỸĐ"
_LOWER = "a-zà-ỹđ"
# A personal name: 1-6 capitalised syllables ("Hồ Thị Khánh Vi", "Y Ngọc").
_NAME = rf"[{_UPPER}][{_LOWER}{_UPPER}]*\.?(?:[ -][{_UPPER}][{_LOWER}{_UPPER}]*\.?){{0,5}}"
_NAME_RE = re.compile(rf"^{_NAME}$")
# Initials and newsroom credits ("PV", "H.T", "Nhóm PV", "CTV").
_INITIALS_RE = re.compile(rf"^(?:Nhóm )?(?:PV|CTV|BTV|[{_UPPER}]{{1,3}}(?:\.[{_UPPER}]{{1,3}})+\.?|[{_UPPER}]{{2,4}})(?: [A-ZĐ][\w.]*)*$")

ROLE_PATTERNS = (
    # (regex on the whole line, role of the people named after it)
    (re.compile(r"^(?:Tác giả|Bài và ảnh|Bài, ảnh|Bài và ảnh|Tin và ảnh|Tin, ảnh|Tin ảnh|Bài|Tin|Thực hiện|Nhóm phóng viên)\s*:\s*(.+)$", re.I), "author"),
    (re.compile(r"^(?:Ảnh|Video|Đồ họa|Clip)\s*:\s*(.+)$", re.I), "photo"),
)
_SOURCE_RE = re.compile(r"^\(?\s*(?:Nguồn|Theo)\s*:?\s+(.+?)\s*\)?\.?$", re.I)
# Words that start ordinary sentences after "Theo": not an outlet.
_NOT_OUTLET = re.compile(r"^(ông|bà|anh|chị|đồng chí|báo cáo|kế hoạch|quy định|thống kê|đó|đánh giá|số liệu|lãnh đạo|ý kiến|dự báo|nghị|thông tư|luật|chương trình)\b", re.I)
_RANKS = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy)|Đại úy|PGS\.?|GS\.?|TS\.?|ThS\.?|BS\.?|Nhà báo|NB)\s+", re.I)
_OUTLET_SUFFIX = re.compile(r"\s*(?:\(([^)]+)\)|/\s*(.+))$")
_SPLIT_PEOPLE = re.compile(r"\s+(?:-|–|và|,|&)\s+|,\s*")


def _titlecase(name: str) -> str:
    if name.isupper() and len(name) > 3 and " " in name:
        return " ".join(word.capitalize() for word in name.split())
    return name


def split_people(text: str) -> tuple[list[str], list[str]]:
    """Split 'A - B (TTXVN)' into people ['A', 'B'] and outlets ['TTXVN']."""
    people, outlets = [], []
    text = text.strip().rstrip(".").strip()
    match = _OUTLET_SUFFIX.search(text)
    if match:
        outlets.append((match.group(1) or match.group(2)).strip())
        text = text[: match.start()].strip()
    for part in _SPLIT_PEOPLE.split(text):
        part = _RANKS.sub("", part.strip()).strip()
        if not part:
            continue
        part = _titlecase(part)
        if _NAME_RE.match(part) or _INITIALS_RE.match(part):
            people.append(part)
    return people, outlets


def is_credit_line(line: str) -> bool:
    """Whether a (short, trailing) line is a byline rather than prose."""
    line = line.strip()
    if len(line) > 90:
        return False
    if any(regex.match(line) for regex, _ in ROLE_PATTERNS):
        return True
    source = _SOURCE_RE.match(line)
    if source and not _NOT_OUTLET.match(source.group(1)) and len(source.group(1).split()) <= 6:
        return True
    bare = line.rstrip(".")
    if len(bare.split()) <= 6 and not bare.endswith((":", ",")):
        people, outlets = split_people(bare)
        if people or outlets:
            rebuilt = len(" ".join(people + outlets))
            return rebuilt >= len(re.sub(r"[\s\-–/(),&]|và", "", bare)) * 0.6
    return False


def extract_credits(lines: tuple[str, ...]) -> Credits:
    """Credits from the trailing credit lines found by the parser."""
    authors: list[str] = []
    photos: list[str] = []
    sources: list[str] = []
    evidence = []
    for line in lines:
        line = line.strip()
        for regex, role in ROLE_PATTERNS:
            match = regex.match(line)
            if match:
                people, outlets = split_people(match.group(1))
                (authors if role == "author" else photos).extend(people)
                sources.extend(outlets)
                evidence.append(line)
                break
        else:
            source = _SOURCE_RE.match(line)
            if source and not _NOT_OUTLET.match(source.group(1)):
                people, outlets = split_people(source.group(1))
                sources.extend(outlets or [source.group(1).strip()])
                evidence.append(line)
                continue
            people, outlets = split_people(line)
            authors.extend(people)
            sources.extend(outlets)
            if people or outlets:
                evidence.append(line)
    return Credits(
        authors=tuple(dict.fromkeys(authors)),
        photographers=tuple(dict.fromkeys(photos)),
        sources=tuple(dict.fromkeys(sources)),
        evidence=" | ".join(evidence),
    )

"""Extract credits (authors, photographers, source outlets) from credit lines.

Vietnamese news ends with a credit line such as `Tác giả: Khánh Vi`,
`Tin, ảnh: Hồ Thị Khánh Vi`, `Theo TTXVN`, `Tuyết Lan/VOV-Tây Bắc` or a bare
name. Only lines the parser set apart (trailing lines, a credit glued to the
end of the last paragraph, a role line under the title) are read, so prose
such as "Theo ông ..." or "Tác giả Charles Chu kết luận" is never a byline.

Roles: people after `Tác giả:`, `Tin, ảnh:`, `Bài:` ... are authors; after
`Ảnh:` photographers; `Theo X`, `(TTXVN)`, the part after a slash or in
brackets are outlets (not people). Ranks and titles ("Thượng tá", "TS.") are
kept apart from the name; ALL-CAPS names are title-cased.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import data_lines
from ..model import Credits
from .places import province_names

def _letters() -> tuple[str, str]:
    """Upper- and lowercase Vietnamese letters as regex classes (exact, no ranges)."""
    import unicodedata

    base = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
    lower = set(base)
    for char in "aăâeêioôơuưy":
        for tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            lower.add(unicodedata.normalize("NFC", char + tone))
    upper = {c.upper() for c in lower}
    return "".join(sorted(upper)), "".join(sorted(lower))


_UPPER, _LOWER = _letters()
_SYLLABLE = rf"[{_UPPER}][{_LOWER}]*"
_INITIAL = rf"[{_UPPER}]{{1,2}}\."
# A personal name: 2-6 capitalised syllables, initials allowed ("H.T", "T.Hà", "N. Anh", "Y Ngọc").
_NAME_RE = re.compile(rf"^(?:(?:{_INITIAL}\s?)*{_SYLLABLE}(?:[ -]{_SYLLABLE}){{1,5}}|(?:{_INITIAL}\s?)+{_SYLLABLE}|(?:{_INITIAL}\s?)+[{_UPPER}]{{1,2}}\.?)$")
# Newsroom and group credits.
_GROUP_RE = re.compile(
    r"^(?:Nhóm\s+(?:PV|phóng viên|tác giả|CTV|PV,\s*CTV)(?:\s+(?:thường trú|thực hiện|tổng hợp))?|PV|CTV|BTV|Phóng viên|Cộng tác viên|Nhóm PV(?:\s*-\s*CTV)?"
    r"|Ban\s+(?:Thời sự|Kinh tế|Xã hội|Quốc tế|Thế giới|Văn hóa|Thể thao|Bạn đọc|Điện tử|Biên tập|[A-ZĐ]{2,6}))$",
    re.I,
)
_GROUP_CANON = {"pv": "PV", "ctv": "CTV", "btv": "BTV", "nhóm pv": "Nhóm PV", "nhóm phóng viên": "Nhóm PV", "nhóm ctv": "Nhóm CTV",
                "nhóm phóng viên thường trú": "Nhóm PV thường trú", "nhóm pv thường trú": "Nhóm PV thường trú",
                "phóng viên": "PV", "cộng tác viên": "CTV", "nhóm tác giả": "Nhóm tác giả"}
_GROUP_PREFIX = re.compile(r"^(Nhóm\s+(?:PV|phóng viên|CTV)|PV|CTV)\s+(?=(?:Báo|Tạp chí|Đài|Truyền hình)\b|(?-i:[A-ZĐ]{2,}))", re.I)

_AUTHOR_ROLE = re.compile(
    r"^(?:Tác giả|Nhóm tác giả|Bài\s*(?:,|và|-|/|\+|&)?\s*ảnh(?:\s*(?:,|và)\s*(?:clip|video))?|Tin\s*(?:,|và|-|/|\+|&)?\s*ảnh|"
    r"Bài\s*(?:,|và)\s*(?:clip|video)|Bài viết|Bài|Tin|Thực hiện|Nhóm phóng viên|Phóng viên|Ghi chép|Ghi|Lược dịch|Biên dịch|Dịch)\s*:\s*(?P<who>.+)$",
    re.I,
)
# The role after the names: "Chi Mai - Nguyễn Thảo thực hiện".
_AUTHOR_ROLE_AFTER = re.compile(r"^(?P<who>.+?)\s+(?:thực hiện|tổng hợp|ghi|ghi chép)\.?$", re.I)
_PHOTO_ROLE = re.compile(r"^\(?\s*(?:Ảnh|Hình ảnh|Video|Đồ họa|Clip|Infographic|Ảnh và video|Ảnh, video)\s*:\s*(?P<who>.+?)\s*\)?\.?$", re.I)
# A line holding two roles: "Bài: Minh Anh - Ảnh: Hoàng Nam".
_ROLE_BREAK = re.compile(r"\s*(?:[-–|;,]|\.)\s*(?=(?:Ảnh|Video|Đồ họa|Clip)\s*:)", re.I)
_SOURCE_RE = re.compile(r"^(?:Nguồn|Theo)\s*:?\s+(?P<who>.+?)\s*\.?$", re.I)
# Words that start ordinary sentences after "Theo": not an outlet.
_NOT_OUTLET = re.compile(
    r"^(?:ông|bà|anh|chị|em|cô|chú|đồng chí|đ/c|báo cáo|kế hoạch|quy định|thống kê|đó|đánh giá|số liệu|lãnh đạo|ý kiến|dự báo|nghị|"
    r"thông tư|luật|chương trình|quyết định|hướng dẫn|chỉ thị|công văn|tờ trình|các|những|nhiều|một|tôi|chúng|họ|người|đại diện|"
    r"giám đốc|chủ tịch|phó|trưởng|bộ trưởng|thượng tá|đại tá|trung tá|thiếu tá|tác giả|nhận định|phân tích|nghiên cứu|khảo sát|"
    r"tổng cục|cục|sở|bộ|ban|ubnd|hđnd|ủy ban|tài liệu|lịch sử|truyền thuyết|quan điểm|kết quả|thông tin|tin từ|nguồn tin)\b",
    re.I,
)
_RANKS = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Đại úy|Đại uý|PGS\.?\s*,?\s*TS\.?|GS\.?\s*,?\s*TSKH\.?|GS\.?\s*,?\s*TS\.?|PGS\.?|GS\.?|TSKH\.?|TS\.?|ThS\.?|BS\.?|"
    r"BSCKII\.?|BSCKI\.?|Độc giả|Bạn đọc|Nhà báo|Nhà văn|Nhà thơ|Nhạc sĩ|Họa sĩ|Luật sư|LS\.?|KTS\.?|Kỹ sư|KS\.?|NB\.?|NSND|NSƯT|Đồng chí|Đ/c|Ông|Bà|Linh mục|Đại đức|Thượng tọa)\s+",
    re.I,
)
_OUTLET_HEAD = re.compile(r"^(?:Báo|Tạp chí|Tạp Chí|Đài|Cổng|Trang|Kênh|Thông tấn|Truyền hình|Phát thanh|Tờ|Tuần báo|Nhật báo|Bản tin)\b", re.I)
_DOMAIN = re.compile(r"\w\.(?:vn|com|net|org|gov\.vn|com\.vn)\b", re.I)
_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&+.]{1,9}(?:[- ][A-ZĐ][\wĐđÀ-ỹ]*)*$")
_NOT_OUTLET_ACRONYM = {"PV", "CTV", "BTV", "TTV", "NB", "UBND", "HĐND", "TP"}
_COMPILED_NOTE = re.compile(r"^(?:tổng hợp|tổng hợp và biên dịch|biên dịch|lược dịch|dịch|thực hiện|tư liệu)$", re.I)
_ACRONYM_START = re.compile(r"^[A-ZĐ]{2,}(?:[\s.-]|$)")  # "VOV online", "VTC news", "TTXVN-Trung tâm Tin"
_ROLE_TITLE = re.compile(r"^(?:PV|CTV|BTV|Phóng viên|Cộng tác viên|Nhà báo)\s+(?=[A-ZĐÀ-Ỹ])")
_LEADING_ACRONYM = re.compile(r"^([A-ZĐ]{2,}[A-Z0-9+]*)\s+(?=\S)")
_SPLIT_PEOPLE = re.compile(r"\s+(?:-|–|—|và|&)\s+|\s*[,;]\s*")
_WRAP = re.compile(r"^[(\[]\s*(.+?)\s*[)\]]$")


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    return {name.casefold(): name for name in data_lines("outlets.txt")}


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(name.casefold() for name in province_names())


_INITIALS_NAME = re.compile(rf"^(?:[{_UPPER}]\.\s?)+[{_UPPER}][{_LOWER}{_UPPER}]+$")


def outlet_name(text: str) -> str | None:
    """The outlet's display name when text names one, else None."""
    text = text.strip().strip(".").strip()
    if not text or len(text) > 60 or _RANKS.match(text):
        return None
    if _INITIALS_NAME.match(text) and not _outlets().get(text.casefold()):
        return None  # "M. Hà", "M.QUANG": a reporter's initials and given name
    if text.isupper() and len(text.split()) >= 2 and not _outlets().get(text.casefold()) and _NAME_RE.match(_titlecase(text)):
        return None  # "SONG MAI": a name set in capitals
    known = _outlets().get(text.casefold())
    if known:
        return known
    if _OUTLET_HEAD.match(text):
        return text[0].upper() + text[1:]
    if _DOMAIN.search(text):
        return text
    first = re.split(r"[- /]", text, maxsplit=1)[0]
    if _ACRONYM.match(text) and first not in _NOT_OUTLET_ACRONYM and not _GROUP_RE.match(text):
        if re.fullmatch(r"[A-ZĐ]\.[A-ZĐ]\.?", first):  # "H.T" is a person's initials
            return None
        return text
    return None


def _titlecase(name: str) -> str:
    """'LÊ QUANG HỒI' -> 'Lê Quang Hồi'; acronyms and initials stay."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return name
    words = []
    for word in name.split():
        if word.upper() in ("PV", "CTV", "BTV") or len(word) == 1:
            words.append(word)
        elif "." in word:  # "M.QUANG" -> "M.Quang"; initials stay
            words.append(".".join(part if len(part) <= 1 else part[0] + part[1:].lower() for part in word.split(".")))
        else:
            words.append(word[0] + word[1:].lower())
    return " ".join(words)


def person_name(text: str) -> str | None:
    """A person's (or newsroom group's) name without rank, else None."""
    text = text.strip().strip(".,").strip()
    while True:
        stripped = _RANKS.sub("", text, count=1).strip()
        if stripped == text:
            break
        text = stripped
    if not text:
        return None
    group = _GROUP_RE.match(text)
    if group:
        return _GROUP_CANON.get(" ".join(text.split()).casefold(), text)
    text = _titlecase(text)
    if _NAME_RE.match(text) and text.casefold() not in _places() and not _outlets().get(text.casefold()):
        return text
    return None


def _people_parts(text: str) -> list[str]:
    """The parts of a credit: split at " - ", " và ", commas; also at a bare
    hyphen between full names ("Minh Hợp-Phong Hà-Hữu Tiến") and after a
    leading agency acronym ("NHK Hoàng Cường")."""
    parts = []
    for part in _SPLIT_PEOPLE.split(text):
        pieces = part.split("-")
        if len(pieces) > 1 and all(len(p.split()) >= 2 and person_name(p) for p in pieces):
            parts.extend(pieces)
            continue
        titled = _ROLE_TITLE.match(part.strip())
        if titled and person_name(part.strip()[titled.end():]):
            parts.append(part.strip()[titled.end():])  # "CTV Kiến An": the role is a title, the name is the author
            continue
        lead = _LEADING_ACRONYM.match(part.strip())
        if lead and lead.group(1) not in _NOT_OUTLET_ACRONYM and person_name(part.strip()[lead.end():]):
            parts.extend((lead.group(1), part.strip()[lead.end():]))
            continue
        parts.append(part)
    return parts


def split_people(text: str, theo: bool = False) -> tuple[list[str], list[str], bool]:
    """'A - B (TTXVN)' -> (['A', 'B'], ['TTXVN'], complete).

    `complete` says every part was understood as a person or an outlet: a
    bare line is a byline only then. After "Theo" a lone name is an outlet
    ("Theo Tuổi Trẻ"), unless an outlet follows it ("Theo Minh Anh (TTXVN)").
    """
    people: list[str] = []
    outlets: list[str] = []
    text = text.strip().rstrip(".").strip()
    wrapped = _WRAP.match(text)
    if wrapped:
        text = wrapped.group(1)
    complete = True
    # Outlet in brackets or after a slash at the end: "Phạm Duy Khương (TTXVN)", "Tuyết Lan/VOV-Tây Bắc".
    while True:
        match = re.search(r"\s*(?:\(([^()]+)\)|/\s*([^/()]+))$", text)
        if not match:
            break
        inner = (match.group(1) or match.group(2)).strip()
        if match.group(1) and _COMPILED_NOTE.match(inner):
            text = text[: match.start()].strip()  # "Mi Vân (Tổng hợp)": how it was written, not who
            continue
        said_source = bool(re.match(r"^(?:Theo|Nguồn)\b", inner, re.I))
        inner = re.sub(r"^(?:Theo|Nguồn)\s*:?\s+", "", inner, flags=re.I)
        if said_source and re.search(r"[,/]", inner) and not outlet_name(inner):  # "(Theo AFP, Times of Israel)", "(theo Bloomberg/Reuters)"
            names = [part.strip() for part in re.split(r"[,/]", inner) if part.strip()]
            outlets[:0] = [outlet_name(part) or part for part in names]
            text = text[: match.start()].strip()
            theo = False
            continue
        name = outlet_name(inner) or (inner if said_source or _ACRONYM_START.match(inner) else None)
        if not name and text[: match.start()].strip() and person_name(text[: match.start()].strip()) and not person_name(inner):
            # "Toàn Thắng (Autovina)", "Việt Anh/Thương vụ Việt Nam tại CH Séc": what a person's name is credited to
            name = inner if len(inner) <= 60 and inner[:1].isupper() else None
        if not name:
            if match.group(2) and person_name(inner):  # "A/B": two people
                break
            complete = False
            name = inner
        outlets.insert(0, name)
        text = text[: match.start()].strip()
        theo = False
    titled = _ROLE_TITLE.match(text)
    if titled and person_name(text[titled.end():]):
        return [person_name(text[titled.end():])], outlets, complete  # "CTV Kiến An/VOV.VN": the role is a title
    agency = _LEADING_ACRONYM.match(text) if theo else None
    if agency and agency.group(1) not in _NOT_OUTLET_ACRONYM and person_name(text[agency.end():]):
        return [person_name(text[agency.end():])], [*outlets, agency.group(1)], complete  # "Theo NHK Hoàng Cường"
    group = _GROUP_PREFIX.match(text)
    if group:
        rest = text[group.end():].strip()
        people.append(person_name(group.group(1)) or group.group(1))
        outlets.append(outlet_name(rest) or rest)
        return people, outlets, complete and bool(outlet_name(rest))
    for part in _people_parts(text):
        part = part.strip()
        if not part:
            continue
        outlet = outlet_name(part)
        if outlet and not (theo is False and person_name(part) and outlet == part and not _ACRONYM.match(part)):
            outlets.append(outlet)
            continue
        if theo and not people:
            # "Theo Thanh Niên": an outlet with a name-like title.
            initials = _INITIALS_NAME.match(part) or re.fullmatch(rf"(?:[{_UPPER}]\.\s?)+[{_UPPER}]\.?", part)
            if not initials and re.match(rf"^[{_UPPER}][\w.&+-]*(?:\s+[\w.&+-]+){{0,5}}$", part):
                outlets.append(part)
                continue
        name = person_name(part)
        if name:
            people.append(name)
        else:
            complete = False
    return people, outlets, complete and bool(people or outlets)


def _role_segments(line: str) -> list[str]:
    """Split at a second role ("... - Ảnh: X"), never inside "Tin, ảnh:"."""
    line = line.strip()
    colon = line.find(":")
    if colon < 0:
        return [line]
    head, tail = line[: colon + 1], line[colon + 1:]
    parts = _ROLE_BREAK.split(tail)
    return [seg.strip() for seg in [head + parts[0], *parts[1:]] if seg.strip()]


def read_credit(line: str) -> tuple[list[str], list[str], list[str]] | None:
    """(authors, photographers, outlets) when the line is a credit, else None."""
    if len(line) > 120 and line.isprintable() and len(line) - line.count(" ") > 120:
        return None  # a paragraph: more than 120 characters even with its spaces joined
    if len(line) > 512:
        return _read_credit_uncached(line)
    # The same lines come back (parse asks, then extract; a reporter's byline
    # in every article): remembered, and handed out as fresh lists.
    found = _read_credit(line)
    return None if found is None else (list(found[0]), list(found[1]), list(found[2]))


@lru_cache(maxsize=4096)
def _read_credit(line: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    found = _read_credit_uncached(line)
    return None if found is None else (tuple(found[0]), tuple(found[1]), tuple(found[2]))


_GLUED_THEO = re.compile(rf"(?<=[{_LOWER}])(?=(?:Theo\s|Ảnh\s*:|Video\s*:))")


def unglue(line: str) -> str:
    """Put back the space a scraper lost between a name and "Theo", a photo
    credit or a known outlet: "T.ThủyTheo Cnet", "Mi LêẢnh: Mi Lê",
    "Theo Nhật ThanhVietnamNet"."""
    line = _GLUED_THEO.sub(" ", line)
    words = line.split(" ")
    for index, word in enumerate(words):
        for cut in range(2, len(word) - 1):
            if word[cut - 1] in _LOWER and word[cut].isupper() and word[cut:].casefold() in _outlets():
                words[index] = f"{word[:cut]} {word[cut:]}"
                break
    return " ".join(words)


_PART_BREAK = re.compile(r"\s+(?=Theo\s*:?\s)|\s+(?=(?:Ảnh|Video|Clip|Đồ họa)\s*:)")
_ROLE_HEAD_END = re.compile(r"(?:\b(?:Bài|Tin|và)|[,&/+-])\s*$", re.I)


def _credit_parts(line: str) -> list[str]:
    """A name and what follows it: "T.Thủy Theo Cnet", "Mi Lê Ảnh: Mi Lê" (never
    inside "Bài và Ảnh: X")."""
    parts: list[str] = []
    for piece in _PART_BREAK.split(line):
        if parts and (not parts[-1].strip() or _ROLE_HEAD_END.search(parts[-1])):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def _read_credit_uncached(line: str) -> tuple[list[str], list[str], list[str]] | None:
    line = unglue(" ".join(line.split()).strip())
    if not line or len(line) > 120:
        return None
    authors: list[str] = []
    photos: list[str] = []
    outlets: list[str] = []
    # "T.Thủy Theo Cnet": a name, then its source.
    segments = [segment for part in _credit_parts(line) for segment in _role_segments(part)]
    for segment in segments:
        role = _AUTHOR_ROLE.match(segment) or _AUTHOR_ROLE_AFTER.match(segment)
        photo = None if role else _PHOTO_ROLE.match(segment)
        if role or photo:
            people, found, _ = split_people((role or photo).group("who"))
            if not people and not found:
                return None
            (authors if role else photos).extend(people)
            (outlets if role else photos).extend(found)  # "Ảnh: TTXVN" credits the picture, not the article
            continue
        unwrapped = _WRAP.match(segment.rstrip("."))
        source = _SOURCE_RE.match(unwrapped.group(1) if unwrapped else segment)
        if source:
            who = source.group("who")
            # "Theo Anh Trang/Báo Quảng Nam" (a name, then its outlet), "Theo Người Lao Động" (a name in title case):
            # not the sentence openings "Theo anh ...", "Theo người dân ...".
            marked = who[:1].isupper() and (re.search(r"[/(]", who) or all(word[:1].isupper() for word in who.split()))
            if (_NOT_OUTLET.match(who) and not marked) or len(who.split()) > 10 or re.search(r"[,;:]\s+\S+\s+\S+\s+\S+", who):
                return None
            people, found, complete = split_people(who, theo=True)
            if not complete:
                return None
            authors.extend(people)
            outlets.extend(found)
            continue
        if len(segment.split()) > 12 or segment.endswith((":", ",")):
            return None
        people, found, complete = split_people(segment)
        if not complete:
            return None
        authors.extend(people)
        outlets.extend(found)
    if not (authors or photos or outlets):
        return None
    return authors, photos, outlets


def is_credit_line(line: str) -> bool:
    """Whether a (short, trailing) line is a byline rather than prose."""
    return read_credit(line) is not None


# A credit glued to the end of the last paragraph: "... tại địa phương. Tin, ảnh: Hồ Thị Khánh Vi",
# "... tại địa phương./. Khánh Vi", "... tại địa phương.(TTXVN)", "... yêu cầu. G.Thùy - H.Lân",
# "... khó lường. Giang Bùi/VOV.VN (biên dịch) Theo: Reuters". A dot inside the credit belongs to
# initials ("G.") or a name in capitals ("VOV.VN").
_GLUED = re.compile(r"\s*(?:\./\.\s*)?(?P<credit>(?:\(|\b)(?:[^.!?…”\"]|(?<=\b[A-ZĐ])\.|(?<=[A-ZĐ])\.(?=[A-ZĐ])){2,80})$")
_GLUED_STOPS = ".!?…”\""
GLUED_REACH = 120  # a glued credit is read from the paragraph's last characters only


def split_glued_credit(paragraph: str) -> tuple[str, str] | None:
    """(paragraph without it, credit) when the paragraph ends with a credit.

    Each place after a stop mark near the end is tried, the earliest first,
    so "... độ C. Gia Chính" finds "Gia Chính" after "độ C." fails."""
    start = max(0, len(paragraph) - GLUED_REACH)
    for index in range(start, len(paragraph) - 1):
        if paragraph[index] not in _GLUED_STOPS:
            continue
        if paragraph[index] == "." and paragraph[index - 1:index].isupper() and paragraph[index + 1:index + 2].isalpha():
            continue  # "TP.Hồ Chí Minh": an abbreviation, not a sentence's end
        match = _GLUED.match(paragraph, index + 1)
        if not match:
            continue
        credit = match.group("credit").strip()
        body = paragraph[: match.start("credit")].rstrip()
        if len(body) < 20:
            continue
        role_like = _AUTHOR_ROLE.match(credit) or _PHOTO_ROLE.match(credit) or _SOURCE_RE.match(credit) or _WRAP.match(credit)
        # A bare name glued after a sentence must be short and alone.
        if (role_like or len(credit.split()) <= 6) and read_credit(credit):
            return body, credit
    return None


def _theo_person(line: str, parsed, following) -> bool:
    """Whether "Theo X" names a writer: X reads as a person's name and the
    next credit line names only an outlet (the writer's paper)."""
    people, photographers, outlets = parsed
    if people or photographers or len(outlets) != 1 or not _SOURCE_RE.match(line.strip()) or not following:
        return False
    return bool(person_name(outlets[0])) and not _outlets().get(outlets[0].casefold()) and bool(following[2]) and not following[0]


def extract_credits(lines: tuple[str, ...]) -> Credits:
    """Credits from the credit lines found by the parser."""
    authors: list[str] = []
    photos: list[str] = []
    sources: list[str] = []
    groups: list[str] = []
    evidence = []
    parsed_lines = [(line, read_credit(line)) for line in lines]
    parsed_lines = [(line, parsed) for line, parsed in parsed_lines if parsed]
    for index, (line, parsed) in enumerate(parsed_lines):
        people, photographers, outlets = parsed
        following = parsed_lines[index + 1][1] if index + 1 < len(parsed_lines) else None
        if _theo_person(line, parsed, following):
            people, outlets = outlets, []  # "Theo Văn Vũ" over "Công an nhân dân": the name is the writer's
        for name in people:
            if _GROUP_RE.match(name):  # a newsroom, named with its outlet so that two papers' "PV" stay apart
                groups.append(f"{name} · {outlets[0]}" if len(outlets) == 1 else name)
            else:
                authors.append(name)
        photos.extend(photographers)
        sources.extend(outlets)
        evidence.append(line.strip())
    return Credits(
        authors=tuple(dict.fromkeys(authors)),
        photographers=tuple(dict.fromkeys(p for p in photos if p not in authors)),
        sources=tuple(dict.fromkeys(sources)),
        evidence=" | ".join(evidence),
        groups=tuple(dict.fromkeys(groups)),
    )


_LEAD_OUTLET = re.compile(
    r"^\s*(?:(?:[^\W\d_][^\W\d_]*(?: [^\W\d_]+){0,3}\s*)?\((?P<paren>[^()]{2,30})\)|(?P<bare>[A-ZĐ][A-ZĐ0-9.]{1,11}(?:\.VN|\.vn)?))\s*[-–—:]\s*"
)  # "TPO - ", "(QNO) - ", "Hà Nội (TTXVN) - "


def lead_outlet(lead: str) -> tuple[str, str]:
    """('TPO', rest) for a lead that starts 'TPO - ...' or '(QNO) - ...', else ('', lead)."""
    match = _LEAD_OUTLET.match(lead)
    if not match:
        return "", lead
    name = (match.group("paren") or match.group("bare")).strip()
    if match.group("bare") and name in _NOT_OUTLET_ACRONYM:
        return "", lead
    if match.group("bare") and match.group(0).rstrip().endswith(":") and name.casefold() not in _outlets():
        return "", lead  # "TP.HCM: ...", "F1: ...": a headline's topic, not an outlet
    if match.group("paren") and not outlet_name(name):
        return "", lead  # "(bên trái) -" is a caption, not an outlet
    return name, lead[match.end():]

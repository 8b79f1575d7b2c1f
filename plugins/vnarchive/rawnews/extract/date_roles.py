"""The role a date plays in its sentence: is it the day the article reports?

A news lead states its own event day ("Sáng 10/5, ...", "Chiều nay 1/10",
"hôm nay (30/10)", "Tính đến ngày 10/2, ..."), but the same sentence can name
other days: what happened before ("Trước đó, ngày 5/5 ..."), since when
("đi vào hoạt động từ ngày 1/1/2017"), a cited document ("Nghị quyết ...
ngày 5/5/2015"), a plan or deadline ("ngày 5/10 sẽ công bố", "hạn chót
30/6"), an anniversary or a birth ("kỷ niệm", "sinh ngày"), or a score
("7-6, 3-6"). The role comes from the words around the date within its
clause, so it holds whatever the site; the word lists are data below.
"""

from __future__ import annotations

import re

EVENT = "event"
AS_OF = "as_of"
BACKGROUND = "background"
DOCUMENT = "document"
PLAN = "plan"
HISTORY = "history"
SCORE = "score"

# Words in the clause before the date, nearest last (the clause starts after
# the last ". ; :" or at the line start); each list is matched at the end of
# that clause text, or (CLAUSE_*) anywhere in it.
_AS_OF_BEFORE = re.compile(r"(?:tính\s+(?:đến|tới|từ đầu năm đến)|cập nhật\s+(?:đến|lúc)?|^\s*(?:đến|tới))\s+(?:hết\s+)?(?:ngày\s+)?$", re.I)
_DOCUMENT_BEFORE = re.compile(
    r"(?:số\s+[\w./-]+|[\w.-]+/[\w./-]+|ban hành|ký|kí|hiệu lực|thông báo số|công văn)\s*,?\s*(?:ngày\s+)?$", re.I
)
_DOCUMENT_CLAUSE = re.compile(r"\b(?:Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Công văn|Kết luận|Luật|Bộ luật|Hiến pháp|Kế hoạch số|Tờ trình|Công điện)\b[^,;]{0,60}$")
_PLAN_BEFORE = re.compile(
    r"(?:đến|tới|trước|hạn|hạn chót|chậm nhất|dự kiến|sẽ|hết|từ nay đến|kéo dài đến|lùi sang|dời sang|hoãn đến)\s*,?\s*(?:ngày\s+|hôm\s+)?$",
    re.I,
)
_PLAN_CLAUSE = re.compile(r"\b(?:sẽ|dự kiến|dự định|sắp)\b", re.I)
_PLAN_AFTER = re.compile(r"^[^.,;:]{0,30}?\b(?:sẽ|tới đây|sắp tới|dự kiến)\b", re.I)
_BACKGROUND_CLAUSE = re.compile(r"(?:\btrước đó\b|\btrước đây\b|\bhồi\b|\btừng\b|\bkể từ\b|\btừ ngày\b|\bđã từng\b|\bnăm ngoái\b|\bnăm trước\b)", re.I)
_BACKGROUND_BEFORE = re.compile(r"(?:từ|kể từ|sau|trước|hồi)\s+(?:ngày\s+)?$", re.I)
_HISTORY_CLAUSE = re.compile(r"\b(?:kỷ niệm|kỉ niệm|thành lập|ra đời|sinh ngày|sinh năm|ngày sinh|qua đời|mất ngày|giải phóng|chiến thắng|lịch sử)\b", re.I)
_SCORE_AROUND = re.compile(r"^\s*[,;]\s*\d{1,2}\s*-\s*\d{1,2}\b")
_SCORE_BEFORE = re.compile(r"(?:\d{1,2}\s*-\s*\d{1,2}\s*[,;]\s*|tỷ số\s+|thắng\s+|thua\s+|hòa\s+|set\s+\d\s+)$", re.I)
_CLAUSE_START = re.compile(r"[.;:!?]\s")


def clause_before(text: str, start: int, reach: int = 120) -> str:
    """The text of the date's clause before it (after the last sentence mark)."""
    window = text[max(0, start - reach):start]
    cut = None
    for cut in _CLAUSE_START.finditer(window):
        pass
    return window[cut.end():] if cut else window


def role_of(text: str, start: int, end: int, dash: bool = False) -> str:
    """The role of the date text[start:end] (see module docstring)."""
    before = clause_before(text, start)
    segment = before[before.rfind(",") + 1:]  # words of the date's own comma segment
    after = text[end:end + 60]
    if dash and (_SCORE_AROUND.match(after) or _SCORE_BEFORE.search(before)):
        return SCORE
    if _AS_OF_BEFORE.search(before):
        return AS_OF
    if _DOCUMENT_BEFORE.search(before) or _DOCUMENT_CLAUSE.search(before):
        return DOCUMENT
    if _HISTORY_CLAUSE.search(segment):
        return HISTORY
    if _BACKGROUND_BEFORE.search(before) or _BACKGROUND_CLAUSE.search(before):
        return BACKGROUND
    if _PLAN_BEFORE.search(before) or _PLAN_CLAUSE.search(segment) or _PLAN_AFTER.match(after):
        return PLAN
    return EVENT


PUBLICATION_GRADE = frozenset({EVENT, AS_OF})

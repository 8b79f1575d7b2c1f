"""What a single line of a scraped article is, from its own shape.

Pure predicates the parser asks before it calls a line a title: a photo
caption ("Bò kho. Ảnh: Savoury days"), a lead that ends with its outlet
("... khởi hành. - VnExpress"), a line of two sentences, a line that opens
with the event's time ("Sáng 29/12, ..."). Each is a property of the line
itself, so it holds on any site.
"""

from __future__ import annotations

import re

from .extract.authors import outlet_name

# Regex class ranges for Vietnamese capitals and lower-case letters (structure.py uses them too).
UPPER = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"
LOWER = "a-zà-ỹđ"
# A caption ends with the photo's credit: "... Ảnh: TTXVN", "(Ảnh minh họa)", "Video: Otosaigon",
# "(Nguồn: NATO)", "MH: VÕ VĂN", "Ảnh chụp màn hình", "(Ảnh có tính chất minh họa)".
CAPTION_END = re.compile(
    r"(?:^|[.!?…)\"”\s–-])\s*[(\[]?\s*(?:(?:Ảnh|Hình|Hình ảnh|Video|Clip|Nguồn ảnh|Nguồn video|Đồ họa|Đồ hoạ|Ảnh minh h[ọo]a|Ảnh minh hoạ|Ảnh phối cảnh|Ảnh tư liệu|Ảnh chụp màn hình|MH)\s*:\s*[^:]{1,60}?"
    r"|Ảnh minh h[ọo]a|Ảnh minh hoạ|Ảnh tư liệu|Ảnh chụp màn hình|Ảnh[^()\[\]]{0,30}minh h(?:ọa|oạ))"
    r"\s*[)\]]?\.?\s*$"
    r"|\(\s*Nguồn\s*:\s*[^():]{1,40}\)\.?\s*$",
    re.I,
)
# "... khởi hành. - VnExpress": a lead whose sentence ends before the outlet's name.
_OUTLET_SUFFIX = re.compile(r"(?P<end>[.!?…\"”])\s*[-–—]\s*(?P<outlet>[^-–—.]{2,30})\.?$")
# A sentence ends inside the line: a lowercase word, a full stop, a capital ("... đám cưới. Rồi anh").
_INNER_SENTENCE_END = re.compile(rf"[{LOWER}]{{2,}}[.]\s+[\"“‘'(]?[{UPPER}]")
# The lead's opening: a part of the day and a date, then a comma ("Sáng 29/12,", "Chiều nay (1/10),").
EVENT_OPENING = re.compile(
    r"^(?:[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm|[Rr]ạng sáng|[Nn]gày|[Hh]ôm)(?:\s+(?:nay|qua|mai))?\s*\(?\s*\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?\s*\)?\s*,"
)


CAPTION_TAIL = 120  # marker, credit and the stop before them fit in this many last characters
CREDIT_MAX_WORDS = 6  # "Ảnh: cắt từ clip", "Ảnh: Bloomberg"; more is a sentence after a credit


def is_caption(line: str) -> bool:
    """A photo or video caption: the line ends with the picture's credit."""
    if len(line) > 400:
        return False
    match = CAPTION_END.search(line, max(0, len(line) - CAPTION_TAIL))  # the credit ends the line: only its tail is read
    if not match:
        return False
    credit = match.group(0).partition(":")[2]
    return len(credit.split()) <= CREDIT_MAX_WORDS


def outlet_suffix(line: str) -> str:
    """'VnExpress' for a line ending '... sentence. - VnExpress', else ''."""
    match = _OUTLET_SUFFIX.search(line)
    if not match:
        return ""
    return outlet_name(match["outlet"]) or ""


def has_two_sentences(line: str) -> bool:
    return bool(_INNER_SENTENCE_END.search(line))


def is_list(line: str) -> bool:
    """Items strung on one line ("Thời sự ; Gần 200 km ... · 90 ; ..."): a menu or a related list."""
    return line.count(" ; ") + line.count(" · ") + line.count(" | ") >= 2


def is_cut(line: str) -> bool:
    """A line the crawl cut at its start ("... Nguyễn Thị Hương Lan cho biết")."""
    return line.startswith(("...", "…"))


def opens_with_event_time(line: str) -> bool:
    return bool(EVENT_OPENING.match(line))


# Words that continue a story: a paragraph opening with one is not a lead.
_CONTINUATION = re.compile(
    r"^(?:Tuy nhiên|Ngoài ra|Trong khi đó|Bên cạnh đó|Do đó|Vì vậy|Vì thế|Theo đó|Đồng thời|Mặt khác|Thế nhưng|Nhưng|Song|"
    r"Tương tự|Cũng theo|Còn|Cùng với đó|Trước đó|Sau đó|Từ đó|Như vậy|Ngoài việc|Không chỉ vậy|Thêm vào đó)\b"
)


def continues(paragraph: str) -> bool:
    """A paragraph that opens with a connective ("Tuy nhiên, ..."): the middle of a story, not its lead."""
    return bool(_CONTINUATION.match(paragraph))

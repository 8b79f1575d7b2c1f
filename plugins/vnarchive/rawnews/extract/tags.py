"""Choose up to 8 tags an editor would give: places, organisations, topics.

Candidates, all found with plain string work so the tagger keeps up with
the conversion speed target (docs/extraction.md has the measurements that
chose this over an NLP library run per file):

- places: the 63 provinces (`data/places.txt`) and their districts
  (`data/districts.txt`, named with their type, "huyện Nam Trà My", or bare
  when their province is named too);
- the user's vocabulary (`data/tag_vocabulary.txt`: phrases, synonyms
  `variant = Canonical`, banned `!phrase`);
- organisations and programmes by the Vietnamese capitalisation of their
  names ("Ban Chỉ đạo về Nhân quyền", "Sở Nông nghiệp và Phát triển nông
  thôn"), and acronyms in brackets ("(CERD)");
- keyphrases of the title that the text repeats ("hạn hán", "vải thiều",
  "Hội Lim"), cut at function words and action verbs
  (`data/tag_stopwords.txt`); names whole: without a person's title ("Ca sĩ
  Tuấn Hưng"), split from a trailing province ("Sun Group | Hà Nam"), one
  word when it is no Vietnamese syllable or an acronym ("Hamas", "EVN").

Each candidate is scored by kind, frequency and presence in the title or
lead; the best are kept (up to 8; weaker ones only to reach 3, never below
FLOOR: a short article may have two), in score order, with the text's casing.
Whatever could be a fragment is left out rather than filled in: a tag that
starts or ends inside a word or a name, a word in 1.5 % of all news
(`data/tag_common.txt`), an acronym that follows no name or is never used
again, a place, body or broad topic named in passing (once in the body, as
where someone lives, inside a body's name, or a foreign namesake), a name
cut inside a lowercase run, a photo credit.

For speed (docs/extraction.md, "Speed") the lists of names are found in one
Aho-Corasick pass (`gazetteer.py`) and the text is tokenized once, with the
title's n-grams counted on demand (`ngrams.py`); each gives exactly what the
plain regexes gave (tests/test_extract.py checks it).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..data import data_lines
from .gazetteer import Gazetteer, Scan
from .ngrams import NgramIndex, TitleCounts, segments
from .places import province_names

LEAD_PHRASE_CHARS = 600
MIN_TAGS, MAX_TAGS = 3, 8
# Tags read the title, the lead and the start of the body: what an article is
# about is said early, and this bounds the time per file for long articles.
TEXT_LIMIT = 4000
MIN_SCORE = 2.5
TOPIC_MIN_COUNT = 2  # times a lowercase title phrase is said, title included
FLOOR = 1.0  # below this a candidate is never a tag, not even to reach MIN_TAGS

_WORD = re.compile(r"[^\W_]+(?:[.,]\d+)*", re.UNICODE)
_ORG_HEADS = (
    "Ban Chỉ đạo", "Ban Chỉ huy", "Ban Quản lý", "Ban", "Hội đồng", "Hội Liên hiệp", "Hội", "Ủy ban", "Uỷ ban", "Sở", "Bộ Chỉ huy",
    "Bộ Tư lệnh", "Bộ", "Mặt trận", "Tổng cục", "Cục", "Chương trình", "Quỹ", "Trung tâm", "Viện", "Trường", "Bệnh viện",
    "Công ty", "Tập đoàn", "Liên đoàn", "Ngân hàng", "Quân khu", "Vườn quốc gia", "Học viện", "Đại học", "Tổng công ty",
    "Liên minh", "Đoàn", "Thành đoàn", "Tỉnh đoàn", "Hiệp hội", "Công ước", "Festival", "Lễ hội", "Hội chợ",
)
_HEAD_RE = re.compile(
    "(?=[" + "".join(sorted({h[0] for h in _ORG_HEADS})) + "])(?<!\\w)(" + "|".join(sorted(map(re.escape, _ORG_HEADS), key=len, reverse=True)) + r")(?!\w)"
)
_CONNECTORS = {"về", "và", "-", "–", "&"}
# Lowercase words that end an organisation's name: places, verbs, prepositions.
_ORG_STOP = set(
    "tỉnh huyện xã phường quận thành thị tp phối cho đã đang sẽ vừa tại trong với để là có được cùng đến từ của các những "
    "này đó năm ngày sáng chiều tối khi theo trên ra vào lên đề yêu tiếp khai thực tham đánh hướng kiểm bố "
    "trao tặng họp chỉ nêu cũng đều không chưa mới như nhằm hỗ đưa giao nhận thu bắt tuyên chủ hiện ghi đạt "
    "kêu ôn tăng giảm yêu xử cấp vì nên mà thì lần xuân hạ thu đông nhiệm kỳ khóa giai đoạn lãnh "
    # first syllables of verbs that follow a name ("Ủy ban Thường vụ Quốc hội bổ sung ...")
    "bổ thông quyết ban ký chấp phê xem lấy gửi trình nghe mời chuẩn tiến sửa dự gặp làm cử trả tìm đặt thi "
    "phải huy cần bị gây nói mua bán lập bàn đón công đối nhấn".split()
)
# Verb pairs that end a name even though each word could belong to one.
_VERB_PAIRS = set(
    "tổ chức|phát biểu|phối hợp|công bố|thông báo|kiểm tra|tham gia|tổng kết|triển khai|phát hiện|phát động|công nhận|"
    "trao tặng|làm việc|tổ chức,|thông tin|khảo sát|báo cáo|cho biết|phát huy|tiếp nhận|thực hiện|ra quân|khai mạc".split("|")
)
_ACRONYM = re.compile(r"\(([A-ZĐ][A-ZĐ0-9-]{2,9})\)")
# Words that stand before a noun: "ha chè", "cây dừa", "vùng quế", "dịch sởi".
# Words before a person's name: the name is not a tag.
_PERSON_TITLES = set("ông bà anh chị em cô chú bác đồng chí tá tướng úy uý sĩ sư ts ths pgs gs nhà báo nghệ nhân thống trưởng tịch thư đốc mc nsưt nsnd hlv".split()) | {
    "đồng chí", "đại tá", "thượng tá", "trung tá", "thiếu tá", "đại úy", "nhà báo", "nghệ nhân", "bác sĩ", "luật sư", "kỹ sư"}
# Function words: a phrase may start or end next to them without cutting a word.
_FUNCTION_WORDS = set("của và các cho tại trong với được đã sẽ là có từ để về theo trên dưới ở hơn đến khi này đó những một nhiều sớm mới cả".split())
_CLASSIFIERS = set("ha cây con hạt vùng giống bệnh dịch mặt hàng tấn kg loài đàn nghề món tuyến".split())
# Acronyms that name no one thing (administrative, police, school and outlet words).
_GENERIC_ACRONYMS = {"UBND", "HĐND", "BTV", "TP", "TW", "CP", "NXB", "TTXVN", "QNO", "TPO", "THPT", "THCS", "MTTQ", "USD"} | set(
    "CA SN TAND VKSND CQCSĐT CSĐT CSGT ĐH CĐ GD ĐT HLV HCV HCB HCĐ TNHH MTV CLB VN TPHCM HCM GDP MV".split())
# Bodies whose name includes their place ("Trường Đại học Cần Thơ"), and
# government departments that editors seldom tag.
_NAMED_BY_PLACE = {"Trường", "Đại học", "Học viện", "Bệnh viện", "Festival", "Lễ hội", "Hội chợ", "Vườn quốc gia", "Công ty", "Tập đoàn"}
_DEPARTMENTS = {"Sở", "Trung tâm", "Cục", "Tổng cục", "Bộ Chỉ huy", "Ban Quản lý"}
_GENERIC_ORGS = {"ban tổ chức", "ban chỉ đạo", "ban giám khảo", "hội nghị", "bộ", "sở", "ban", "hội", "đoàn kiểm tra", "trường", "lễ hội"}


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


def _starts(alternatives) -> str:
    """A lookahead on the possible first characters: lets the regex skip most
    positions fast (Python's re tries every alternative at every position)."""
    chars = sorted({a[0] for a in alternatives if a})
    return "(?=[" + "".join(re.escape(c) for c in chars) + "])"


def banned_phrases() -> frozenset[str]:
    """Lower-cased phrases that must never be tags."""
    return vocabulary()[1]


@lru_cache(maxsize=1)
def stopwords() -> tuple[frozenset[str], frozenset[str]]:
    """(edge syllables, generic phrases) from data/tag_stopwords.txt."""
    edges, generic = set(), set()
    for line in data_lines("tag_stopwords.txt"):
        if line.startswith(("edge:", "verb:")):
            edges.update(word.lower() for word in line[5:].split())
        else:
            generic.add(line.lower())
    return frozenset(edges), frozenset(generic)


@lru_cache(maxsize=1)
def common_phrases() -> frozenset[str]:
    """Lowercase words too common to be a tag alone (data/tag_common.txt)."""
    return frozenset(line.lower() for line in data_lines("tag_common.txt"))


@lru_cache(maxsize=1)
def verb_edges() -> frozenset[str]:
    """Verbs that precede a topic ("tiêm vắc xin", "cấp căn cước"): edges that bind to nothing."""
    return frozenset(w.lower() for line in data_lines("tag_stopwords.txt") if line.startswith("verb:") for w in line[5:].split())


@lru_cache(maxsize=1)
def _phrase_regex() -> re.Pattern:
    """Vocabulary phrases, matched on lower-cased text (faster than re.I)."""
    phrases, _ = vocabulary()
    alternatives = sorted(phrases, key=len, reverse=True)
    return re.compile(_starts(alternatives) + r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")


@lru_cache(maxsize=1)
def _provinces() -> tuple[re.Pattern, dict[str, str]]:
    names = sorted(province_names(), key=len, reverse=True)
    canon = {re.sub(r"\s*-\s*", "-", n): n for n in names}
    forms = [re.escape(n).replace(r"\ \-\ ", r"\s*-\s*") for n in names]
    return re.compile(_starts(names) + r"(?<!\w)(" + "|".join(forms) + r")(?!\w)"), canon


@lru_cache(maxsize=1)
def _province_prefixes() -> frozenset[str]:
    """The literal start of every province form ("Bà Rịa" of "Bà Rịa - Vũng Tàu")."""
    return frozenset(n.split(" - ")[0] for n in province_names())


_DISTRICT_TYPES = ("huyện", "Huyện", "quận", "Quận", "thị xã", "Thị xã", "thành phố", "Thành phố", "TP")


@lru_cache(maxsize=1)
def _districts() -> dict[str, set[str]]:
    """District name -> the provinces it is in."""
    provinces: dict[str, set[str]] = {}
    for line in data_lines("districts.txt"):
        if "=" not in line:
            continue
        typed, province = (part.strip() for part in line.split("=", 1))
        kind, _, name = typed.partition(" ")
        if kind == "Thành":
            kind, _, name = typed.partition(" phố ")
        if kind == "Thị":
            kind, _, name = typed.partition(" xã ")
        provinces.setdefault(name.strip(), set()).add(province)
    return provinces


@lru_cache(maxsize=1)
def _typed_districts() -> re.Pattern:
    """A district named with its type: "huyện Nam Trà My", "TP. Pleiku", "Quận 1"."""
    alt = "|".join(map(re.escape, sorted(_districts(), key=len, reverse=True)))
    return re.compile(r"(?=[HhQqTt])(?<!\w)(?:[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố|TP\.?)\s+(" + alt + r")(?!\w)")


@lru_cache(maxsize=1)
def _numbered_districts() -> tuple[str, ...]:
    """District names that are numbers ("Quận 1"), longest first."""
    return tuple(sorted((n for n in _districts() if n[:1].isdigit()), key=len, reverse=True))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _typed_matches(names: Scan):
    """(start, name) of what `_typed_districts().finditer(text)` finds (its
    group 1), read from the automaton's hits of the type words and names:
    the 665-name regex is then never compiled (a cold-start cost)."""
    text = names.text
    if names.starts is None:
        for match in _typed_districts().finditer(text):
            yield match.start(1), match.group(1)
        return
    districts = _districts()
    at: dict[int, list[str]] = {}
    for key, starts in names.starts.items():
        if key in districts:
            for start in starts:
                at.setdefault(start, []).append(key)
    size = len(text)
    end = -1
    for start in sorted({s for key in _DISTRICT_TYPES for s in names.starts.get(key, ())}):
        if start < end or (start and _is_word(text[start - 1])):
            continue
        # The type word ("TP." before "TP": the regex's greedy "TP\.?").
        if text.startswith("TP", start):
            after_type = start + (3 if text.startswith("TP.", start) else 2)
        else:
            after_type = start + next(len(t) for t in _DISTRICT_TYPES if text.startswith(t, start))
        at_name = after_type
        while at_name < size and text[at_name].isspace():
            at_name += 1
        if at_name == after_type:
            continue  # "\s+" needs one space at least
        if text[at_name: at_name + 1].isdigit():
            found = [n for n in _numbered_districts() if text.startswith(n, at_name)]
        else:
            found = sorted(at.get(at_name, ()), key=len, reverse=True)
        for name in found:
            stop = at_name + len(name)
            if stop == size or not _is_word(text[stop]):
                yield at_name, name
                end = stop
                break


@lru_cache(maxsize=128)
def _bare_districts(province: str) -> tuple[re.Pattern, frozenset[str]] | None:
    """Regex of one province's district names (not numbered ones) and the names, or None."""
    provinces = _districts()
    names = sorted((n for n, ps in provinces.items() if province in ps and not n[:1].isdigit()), key=len, reverse=True)
    if not names:
        return None
    return re.compile(_starts(names) + r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)"), frozenset(names)


@lru_cache(maxsize=1)
def _names_gazetteer() -> Gazetteer:
    """One automaton for every list read in the text as written: provinces,
    district types and names, organisation heads."""
    districts = (n for n in _districts() if not n[:1].isdigit())
    return Gazetteer([*_province_prefixes(), *_DISTRICT_TYPES, *districts, *_ORG_HEADS])


@lru_cache(maxsize=1)
def _phrases_gazetteer() -> Gazetteer:
    """The vocabulary, read in the lower-cased text."""
    return Gazetteer(vocabulary()[0])


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


_ORG_TOKEN = re.compile(r"[^\W_]+|[-–&]|[^\w\s]|\n")
_HEADS = frozenset(_ORG_HEADS)
ORG_WINDOW = 160  # characters after a head that its name may take
ORG_FIRST_WINDOW = 48
_SPACE_RUN = re.compile(r"\s+")
_ACRONYM_AND = re.compile(r"(?<=\b[A-ZĐ]{2}) & (?=[A-ZĐ]{2}\b)")


def _org_words(head: str, tokens: list[str]) -> tuple[list[str], int]:
    """The words of the name that starts with head, and the index it stopped at
    (-1 when it stopped inside a lowercase run: where the name ends is unknown)."""
    name = [head]
    index = 0
    lowers = 0
    while index < len(tokens):
        token = tokens[index]
        if (_is_cap(token) and not token.isdigit()) or (token.isdigit() and name[-1].lower() == "khu"):
            if token.isupper() and len(token) > 1 and token in ("UBND", "HĐND", "TP"):
                break
            name.append(token)
            lowers = 0
            if token.isdigit():
                break  # "Quân khu 3" ends with its number
        elif token.isdigit() and head in ("Quân khu", "Festival") and index == 0:
            name.append(token)
        elif token.lower() in _CONNECTORS and index + 1 < len(tokens) and _is_cap(tokens[index + 1]):
            name.append(token)
        elif (token.islower() and token not in _ORG_STOP and token not in _CONNECTORS and lowers < 3 and len(name) > 1
              and f"{token} {tokens[index + 1] if index + 1 < len(tokens) else ''}" not in _VERB_PAIRS):
            name.append(token)
            lowers += 1
        elif token.islower() and not name[-1].islower() and f"{name[-1].lower()} {token}" in _compounds():
            name.append(token)  # "Truyền thông", "Cà phê": the stop word ends a word of the name
            lowers += 1
        else:
            if lowers >= 3 and token.islower() and token not in _ORG_STOP and token not in _CONNECTORS:
                return name, -1  # "Hội đồng Công viên địa chất | toàn cầu ...": cut mid-phrase
            break
        index += 1
    return name, index


@lru_cache(maxsize=1)
def _compounds() -> frozenset[str]:
    """Two-syllable words: the common ones and the vocabulary's."""
    return frozenset(w for w in common_phrases() | set(vocabulary()[0]) if w.count(" ") == 1)


def _org_name(head: str, window: str, final: bool) -> str | None:
    """The organisation name that starts with head and continues in window, or None.

    `window` is the text right after the head: ORG_WINDOW characters when
    `final`, else fewer, and then _FULL when the name came near the window's
    end (its last word may be cut).
    """
    tokens = _ORG_TOKEN.findall(window)
    name, index = _org_words(head, tokens)
    if index < 0:
        return None
    if not final and index >= len(tokens) - 2:
        return _FULL  # came near the window's last word, which the window may have cut
    while name and (name[-1].lower() in _CONNECTORS or name[-1].lower() in _ORG_STOP):
        name.pop()
    if len(name) < 2 or (len(" ".join(name).split()) < 2):
        return None
    text_name = " ".join(name).replace(" - ", "-").replace("-", " - ")
    text_name = _SPACE_RUN.sub(" ", text_name).strip()
    text_name = _ACRONYM_AND.sub("&", text_name)  # "Bộ TT&TT", as written
    if text_name.lower() in _GENERIC_ORGS:
        return None
    if len(text_name.split()) <= len(head.split()):
        return None
    return text_name


_FULL = "\x00"  # _org_name's answer when the short window is not enough
_ORG_NAMES: dict[tuple[str, str, bool], str | None] = {}  # the same name follows a head again and again
_ORG_NAMES_MAX = 20_000


def _cached_org_name(head: str, window: str, final: bool) -> str | None:
    key = (head, window, final)
    if key in _ORG_NAMES:
        return _ORG_NAMES[key]
    if len(_ORG_NAMES) >= _ORG_NAMES_MAX:
        _ORG_NAMES.clear()
    found = _ORG_NAMES[key] = _org_name(head, window, final)
    return found


@lru_cache(maxsize=4096)
def _name_head(name: str) -> str:
    """The head an organisation name starts with ("Ban Chỉ đạo"), or ""."""
    match = _HEAD_RE.match(name)
    return match.group(1) if match else ""


# Capitalised words that open a sentence before a name ("Theo Ban Chỉ đạo").
_OPENERS = frozenset(
    "theo tại trong ngày sáng chiều tối hôm khi sau trước với về các những đây đó cùng từ để do vì nếu còn "
    "ông bà anh chị em đồng chí thưa kính gửi cả tất lãnh đại phó trưởng giám thứ chủ tổng ủy viên bí phía".split()
)


def _inside_name(text: str, start: int) -> bool:
    """Whether the word at start continues a capitalised word before it ("Tây
    Ban Nha", "Nguyễn Văn Đoàn"), rather than a sentence's opening word
    ("Theo Ban Chỉ đạo")."""
    if start < 2 or text[start - 1] != " ":
        return False
    parts = text[max(0, start - 40): start - 1].rsplit(None, 1)
    word = (parts[-1] if parts else "").lstrip("'\"“‘(«")
    return word[:1].isupper() and word[-1:].isalnum() and not word.isupper() and word.lower() not in _OPENERS


def find_organisations(text: str, scan: Scan | None = None) -> list[tuple[int, str]]:
    """(position, name) of organisation/programme names, without their place."""
    found = []
    scan = scan or _names_gazetteer().scan(text)
    for start, head in scan.words(_HEAD_RE, _HEADS):
        end = start + len(head)
        if text[end: end + 1] == " " and text[end + 1: end + 2].islower() and text[end + 1] != "v":
            continue  # "Hội nghị", "Ban hành": a lowercase word (not "về"/"và") right after the head ends it
        if _inside_name(text, start):
            continue  # "Tây Ban Nha", "Nguyễn Văn Đoàn": the head is inside another name
        # The name depends only on the text right after the head: most names
        # stop within a few words, so a short window is read first.
        name = _cached_org_name(head, text[end: end + ORG_FIRST_WINDOW], False)
        if name == _FULL:
            name = _cached_org_name(head, text[end: end + ORG_WINDOW], True)
        if name:
            found.append((start, name))
    return found


@lru_cache(maxsize=4096)
def _starts_known(phrase: str) -> bool:
    phrases = vocabulary()[0]
    words = phrase.split()
    return any(" ".join(words[:k]) in phrases for k in range(2, len(words) + 1))


@lru_cache(maxsize=4096)
def _ends_known(phrase: str) -> bool:
    phrases = vocabulary()[0]
    words = phrase.split()
    return any(" ".join(words[-k:]) in phrases for k in range(2, len(words) + 1))


@lru_cache(maxsize=1)
def _exempt_words() -> frozenset[str]:
    """Words a phrase may start or end next to without cutting a word."""
    return frozenset(_FUNCTION_WORDS | verb_edges() | _CLASSIFIERS)


_VI_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


@lru_cache(maxsize=4096)
def _whole_name_word(word: str) -> bool:
    """A capitalised word that is a name by itself: an acronym ("EVN", "UNESCO")
    or a foreign word that is no Vietnamese syllable ("Hamas", "Microsoft"),
    unlike a Vietnamese syllable, which is one part of a name ("Công" of "Công an")."""
    if len(word) < 2 or not word[:1].isupper() or any(char.isdigit() for char in word):
        return False
    marks = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word.lower().replace("đ", "d")))
    if word.isupper():
        # A Vietnamese word in capitals ("SẾP") has its marks; acronyms have none.
        return not marks and word not in _GENERIC_ACRONYMS and word.casefold() not in _outlet_names()
    if marks:
        return False
    bare = word.lower()
    return _VI_SYLLABLE.fullmatch(bare) is None and bare.isascii()


def _written_capitalised(index: NgramIndex, low: str) -> int:
    """How often the text writes this word capitalised ("Runner" of "những runner" once)."""
    return sum(1 for p in index.positions((low,)) if index.words[p][:1].isupper())


def _possessive(text: str, word: str) -> bool:
    """"Runner" of "Runner's World": the word is the first part of a longer name."""
    return f"{word}'" in text or f"{word}’" in text


def _capitalised_inside(index: NgramIndex, low: list[str]) -> bool:
    """Whether the text writes this phrase capitalised after a lowercase word
    twice at least: a name whose first word is otherwise a function word."""
    found = index.positions(tuple(low))
    inside = sum(1 for p in found if index.words[p][:1].isupper() and index.lows[p - 1] and index.lows[p - 1] == index.words[p - 1])
    return inside >= 2


@lru_cache(maxsize=1)
def _province_words_set() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(name.lower().replace(" - ", " ").split()) for name in province_names())


def _province_words(low_words: list[str], at: int) -> int:
    """How many words from `at` name a province (0: none)."""
    names = _province_words_set()
    for size in (4, 3, 2, 1):
        if at + size <= len(low_words) and tuple(low_words[at: at + size]) in names:
            return size
    return 0


def _title_words(title: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(title)}


def title_keyphrases(title: str, text: str, limit: int = 3, index: NgramIndex | None = None) -> list[tuple[str, int, bool]]:
    """(phrase as written, count in text, proper noun) for title phrases the text repeats.

    Candidates are the title's runs of capitalised words (names: "Hội Lim",
    "Sơn Đoòng") and its lowercase n-grams (topics: "hạn hán", "vải thiều",
    "hát Xoan"), which must not start or end with a function word nor start
    inside a name. The best non-overlapping ones win: frequency in the text,
    then length. `index` is the text's NgramIndex when the caller has one.
    """
    edges, generic = stopwords()
    common = common_phrases()
    exempt = _exempt_words()
    title_words = _title_words(title)
    # Only n-grams that start with a title word are ever looked up: counted on demand.
    stats = TitleCounts(index or NgramIndex(text), title_words, edges, exempt)
    count = stats.count
    candidates = []  # (score, seg, start, end, phrase, count, proper)
    for seg_index, words in enumerate(segments(title)):
        caps = [_is_cap(w) and not w.isdigit() for w in words]
        low_words = [w.lower() for w in words]
        table = stats.run_counts(low_words)
        # Per position: is it an edge word, how many capitalised words run from
        # it, where the next number is; then each n-gram's cheap tests are lookups.
        size = len(words)
        edge = [w in edges for w in low_words]
        cap_run = [0] * (size + 1)
        next_digit = [size] * (size + 1)
        for k in range(size - 1, -1, -1):
            cap_run[k] = cap_run[k + 1] + 1 if caps[k] else 0
            next_digit[k] = k if low_words[k][:1].isdigit() else next_digit[k + 1]
        for n in (4, 3, 2, 1):
            for i in range(size - n + 1):
                # (Cheap tests first; the order of these filters does not matter.)
                if next_digit[i] < i + n:
                    continue
                if (edge[i] or edge[i + n - 1]) and not (n > 1 and cap_run[i] >= n and _capitalised_inside(stats.index, low_words[i: i + n])):
                    continue  # a function word ends it, unless the text writes it as part of a name ("Triệu Lộ Tư")
                said = table[i][n] if not edge[i] else len(stats.index.positions(tuple(low_words[i: i + n])))
                if said < 2 and cap_run[i] < n:
                    continue  # said once: not a topic of the text
                low = low_words[i: i + n]
                key = " ".join(low)
                if key in generic:
                    continue
                stats.remember(key, said)
                gram = words[i: i + n]
                cap = caps[i: i + n]
                initial = i == 0
                if any(len(w) == 1 and w.isalpha() for w in low):
                    continue  # "s World" of "Runner's World"
                whole = n == 1 and cap[0] and _whole_name_word(words[i])
                if all(cap) and not (initial and n == 1 and not whole):
                    # A name: the whole run of capitalised words only (a title
                    # such as "MC", "NSƯT" before it is not part of it).
                    place_after = _province_words(low_words, i + n)
                    if (i > 0 and caps[i - 1] and low_words[i - 1] not in _PERSON_TITLES) or (i + n < len(words) and caps[i + n] and not place_after):
                        continue
                    if any(_province_words(low_words, k) == i + n - k for k in range(i + 2, i + n)):
                        continue  # "Sun Group Hà Nam": a name and a place
                    if (i > 0 and len(words[i - 1]) == 1) or (i + n < len(words) and len(words[i + n]) == 1):
                        continue  # "Runner", "World" of "Runner's World": the apostrophe joined them
                    if low_words[i] in _PERSON_TITLES:
                        continue
                    if all(w.isupper() and len(w) <= 3 for w in gram) and not whole:
                        continue  # "GD TĐ" of an outlet's "GD&TĐ"
                    proper = True
                    if n == 1 and (not whole or _written_capitalised(stats.index, low_words[i]) < 2 or _possessive(text, words[i])):
                        continue  # a lone capitalised syllable is half a word ("Công" of "Công an"); "Hamas", "EVN" are whole
                else:
                    proper = False
                    inner = cap[1:] if initial else cap
                    # Lowercase words, possibly ending in a whole name ("hát Xoan").
                    if any(inner):
                        first_cap = inner.index(True) + (1 if initial else 0)
                        if not all(cap[first_cap:]) or (i + n < len(words) and caps[i + n]):
                            continue
                        if first_cap > 1 and not (first_cap == 2 and n == 3 and _whole_name_word(words[i + 2])):
                            continue  # "mang tên Hỏa", "bộ trưởng Bộ": a clause, not a word before a name ("tên lửa Patriot" is one)
                    elif key in common:
                        continue  # "tuy nhiên", "cơ hội", "ấn tượng": in too many articles to say what this one is about
                    if i > 0 and caps[i - 1] and not (i - 1 == 0 and not caps[i]):
                        continue  # starts inside a name ("trình mục tiêu" of "Chương trình")
                    if said < (3 if n == 1 else 2) or len(key) < 2:
                        continue
                    if n == 1 and not (i > 0 and low_words[i - 1] in _CLASSIFIERS):
                        continue  # a lone syllable only after a classifier: "ha chè", "cây dừa"
                    if any(" ".join(low[:k]) in generic for k in range(2, n)) or any(" ".join(low[-k:]) in generic for k in range(2, n)):
                        continue
                # Not cut through a word: the syllable before or after must not bind
                # tighter (unless it is a function word, or a known phrase marks the edge).
                before = low_words[i - 1] if i > 0 and (not caps[i - 1] or i - 1 == 0) else ""
                after = low_words[i + n] if i + n < len(words) and not caps[i + n] else ""
                if not proper and ((before and f"{before} {low[0]}" in common) or (after and f"{low[-1]} {after}" in common)):
                    continue  # "dựng hạ tầng" of "xây dựng hạ tầng": a common word is cut
                if i > 1 and f"{low_words[i - 2]} {before}" in generic:
                    before = ""  # after a verb such as "kiểm tra"
                # (the syllable before and the first are two title words: a bigram of the table)
                if not proper and before and before not in exempt and table[i - 1][2] >= said and not _starts_known(key):
                    continue
                after = low_words[i + n] if i + n < len(words) and not caps[i + n] else ""
                if after and after not in exempt and table[i + n - 1][2] >= said and not _ends_known(key):
                    continue  # also for a name: "Ban Quản" of "Ban Quản lý"
                if not proper:
                    # A phrase the text always continues the same way: "căn cước" -> "căn cước công dân".
                    base = key
                    while len(low) < 4:
                        nxt = stats.followers(key)
                        if not nxt:
                            break
                        word, seen = max(nxt.items(), key=lambda item: item[1])
                        if seen < 2 or 3 * seen < 2 * count(key) or (word in edges and seen < 3):  # (two times in three at least)
                            break
                        key = f"{key} {word}"
                        low = key.split()
                    ahead = stats.followers(key)
                    if key != base and ahead and max(ahead.values()) >= max(2, count(key) - 1):
                        key, low = base, base.split()  # still inside a longer word: keep the title's words
                    if key in common:
                        continue
                forms = stats.surfaces(key)
                phrase = max(forms.items(), key=lambda item: item[1])[0] if forms else " ".join(gram)
                if len(phrase.split()) != len(key.split()):
                    phrase = key
                if not proper and _is_cap(phrase) and not all(_is_cap(w) for w in phrase.split()):
                    phrase = phrase[0].lower() + phrase[1:]
                score = 0.7 * min(count(key), 6) + 0.3 * len(low) + (1.0 if proper and n > 1 else 0.0) - (0.5 if proper and n == 1 else 0.0)
                candidates.append((score, seg_index, i, i + n, phrase, count(key), proper))
    chosen = []
    taken: set[tuple[int, int]] = set()
    for score, seg, start, end, phrase, count, proper in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if not proper or end - start == 1:
            # Vietnamese puts modifiers after the head: prefer the longer phrase
            # the text repeats ("đầu tư công" over "đầu tư"), and a lone name
            # with its noun ("tên lửa Patriot").
            longer = [
                c for c in candidates
                if c[1] == seg and c[2] <= start and c[3] >= end and (c[3] - c[2]) > (end - start) and not c[6] and c[5] >= 2
                and (c[2] == start or c[4].split()[0].lower() not in _CLASSIFIERS)
            ]
            if longer:
                _, seg, start, end, phrase, count, proper = max(longer, key=lambda c: c[3] - c[2])
        span = {(seg, k) for k in range(start, end)}
        if span & taken:
            continue
        taken |= span
        chosen.append((phrase, count, proper))
        if len(chosen) == limit:
            break
    return chosen


INCIDENTAL = 0.6  # a place named once, late in the body: below every tag's floor
EARLY = 300  # characters of the body that still say where the story is
_MARKUP = re.compile(r"<[^>]*>|https?://\S+|www\.\S+")
# A photo's or a clip's credit: "Ảnh: Lockheed Martin.", "(Ảnh: Reuters)".
_CREDIT = re.compile(r"\(?\b(?:Ảnh|Nguồn ảnh|Video|Clip|Đồ họa)\s*:\s*[^.()\n]{1,60}(?:[.)]|$)", re.M)
_RESIDENCE = re.compile(r"\(\s*(?:SN\s*)?\d{1,4}(?:\s*tuổi)?,[^()]*$")
_FOREIGN_NAMESAKE = re.compile(r"\s*\((?!Việt Nam\))[A-ZĐ][^()\n]{1,30}\)")


def _without_markup(text: str) -> str:
    """Text without HTML tags, web addresses (a crawl left them in) and photo credits."""
    if "<" in text or "http" in text or "www." in text:
        text = _MARKUP.sub(" ", text)
    return _CREDIT.sub(" ", text) if ":" in text else text


def _named_acronym(text: str, match: re.Match) -> bool:
    """An acronym in brackets names a body when it follows that body's name
    (capitalised, or opened by a head such as "Công ước"): "Lực lượng Phòng
    vệ Israel (IDF)", not "biên lãi ròng (NIM)", an outlet's "(NLĐO) -" or
    a code such as "(PC45)"."""
    acronym = match.group(1)
    if acronym in _GENERIC_ACRONYMS or any(char.isdigit() for char in acronym) or acronym.casefold() in _outlet_names():
        return False
    before = text[max(0, match.start() - 30): match.start()].split()
    if before and before[-1][:1].isupper() and before[-1][-1:].isalnum():
        return True
    # A name in sentence case: "Công ước quốc tế về ... chủng tộc (CERD)".
    clause = re.split(r"[,.;:!?()\n]", text[max(0, match.start() - 120): match.start()])[-1]
    return bool(_HEAD_RE.search(clause))


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    return frozenset(line.casefold() for line in data_lines("outlets.txt"))


def _exclusive(kind_a: str, kind_b: str) -> bool:
    """Whether two overlapping tags of these kinds say the same thing twice."""
    if {kind_a, kind_b} == {"topic", "keyphrase"}:
        return False  # "đầu tư" and "đầu tư công" are both tags an editor uses
    return kind_a == kind_b or "keyphrase" in (kind_a, kind_b)


def _overlap(a: str, b: str) -> bool:
    """One phrase holds the other, word for word."""
    if len(a) > len(b):
        a, b = b, a
    return a == b or (a in b and f" {a} " in f" {b} ")  # (a plain substring test first)


def extract_tags(title: str, lead: str, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Rank candidate tags by kind, frequency and place in the text."""
    title, lead, paragraphs = _without_markup(title), _without_markup(lead), tuple(map(_without_markup, paragraphs))
    derived = title.rstrip("…").rstrip()
    if derived and lead.startswith(derived):
        lead = lead[len(derived):]  # a derived title is the lead's first words: count them once
    head = f"{title}\n{lead}"
    body = "\n".join(paragraphs)
    text = (head + "\n" + body)[: max(TEXT_LIMIT, len(head) + 1)]
    phrases, banned = vocabulary()
    _, generic = stopwords()
    common = common_phrases()
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    display: dict[str, str] = {}
    kinds: dict[str, str] = {}

    def add(tag: str, position: int, weight: float, kind: str = "entity", passing: bool = False) -> None:
        tag = tag.strip(" -–")
        key = tag.casefold()
        if key in banned or key in generic or len(tag) < 2:
            return
        display.setdefault(key, tag)
        if key not in scores:
            kinds[key] = kind
        in_head = 0 <= position < len(head) and kind != "org" and not passing  # (an organisation in the lead is mostly a source or a host)
        scores[key] = scores.get(key, 0.0) + weight + (1.5 if in_head and key not in first_seen else 0.0)
        first_seen.setdefault(key, position)

    names = _names_gazetteer().scan(text)
    province_re, province_canon = _provinces()
    named_provinces = set()
    mentioned: dict[str, list[int]] = {}
    found_organisations = find_organisations(text, names)
    # Where organisations' names run: a province at the end of one ("Đại
    # học Sư phạm Hà Nội") names the body, not where the story is.
    in_names = [(start, start + len(name)) for start, name in found_organisations if _name_head(name) in _NAMED_BY_PLACE]
    foreign = set()
    for match in names.finditer(province_re, _province_prefixes()):
        name = province_canon.get(re.sub(r"\s*-\s*", "-", match.group(1)), match.group(1))
        named_provinces.add(name)
        if _FOREIGN_NAMESAKE.match(text, match.end()):
            foreign.add(name)  # "Hà Nam (Trung Quốc)": another country's province of the same name
        elif not any(a < match.start() < b for a, b in in_names):
            mentioned.setdefault(name, []).append(match.start())
    for name in foreign:
        mentioned.pop(name, None)
    for name, starts in mentioned.items():
        # A place the story happens in is named early, or again; one passing
        # mention late in the body is not a tag ("... như Hà Nội"), nor two.
        if starts[0] < len(head) + EARLY or len(starts) > 2:
            add(name, starts[0], 3.0 + 0.5 * (len(starts) - 1))
        else:
            add(name, starts[0], INCIDENTAL)
    districts_seen = set()
    typed: dict[str, list[int]] = {}
    for start, name in _typed_matches(names):
        if name[:1].isdigit():
            name = f"Quận {name}"
        if name.casefold() not in (p.casefold() for p in named_provinces):
            typed.setdefault(name, []).append(start)
    for name, starts in typed.items():
        districts_seen.add(name)
        if len(starts) == 1 and (starts[0] >= len(head) + EARLY or _RESIDENCE.search(text, max(0, starts[0] - 60), starts[0])):
            add(name, starts[0], INCIDENTAL, passing=True)  # named once, late, or as where someone lives ("(33 tuổi, quận Hoàng Mai)")
            continue
        for start in starts:
            add(name, start, 1.5 if name.casefold() not in scores else 0.3)
    for province in sorted(named_provinces):
        bare = _bare_districts(province)
        if bare is None:
            continue
        for start, name in names.words(*bare):
            if name not in districts_seen and name not in named_provinces:
                add(name, start, 0.4)
    organisations = []
    for position, name in found_organisations:
        org_head = _name_head(name)
        if org_head not in _NAMED_BY_PLACE:
            for province in sorted(named_provinces, key=len, reverse=True):
                if name.endswith(" " + province) and len(name) > len(province) + len(org_head) + 1:
                    name = name[: -len(province)].strip()
                    break
        organisations.append((position, name, org_head))
    said = Counter(name.casefold() for _, name, _ in organisations)
    for position, name, org_head in organisations:
        if said[name.casefold()] == 1 and position >= len(head):
            continue  # named once, in the body: an expert's university, a source ("theo Bộ ...")
        add(name, position, 0.5 if org_head in _DEPARTMENTS else 1.0, "org")
    for match in _ACRONYM.finditer(text):
        # Defined in the body and never used again: named in passing ("(UNDP)").
        if _named_acronym(text, match) and (match.start() < len(head) or text.count(match.group(1)) > 1):
            add(match.group(1), match.start(), 2.5)
    lowered = text.lower()
    # A topic is often named many times: add it once, then its further
    # mentions (the same additions, in the same order, as one add each).
    mentions: dict[str, list] = {}
    for start, phrase in _phrases_gazetteer().scan(lowered).words(_phrase_regex(), phrases):
        if text[start].isupper() and _inside_name(text, start):
            continue  # "Bộ Quốc phòng Anh": part of a name, not the topic
        tag = phrases[phrase]
        if tag in mentions:
            mentions[tag][1] += 1
        else:
            mentions[tag] = [start, 0]
    for tag, (position, again) in mentions.items():
        if position >= len(head) + EARLY and not again:
            continue  # a topic named once, in passing, late in the body
        if tag.lower() in common and position >= len(title):
            continue  # a broad word ("môi trường", "đầu tư", "phụ nữ") is the topic only when the title says it
        add(tag, position, 1.2, "topic")
        key = tag.strip(" -–").casefold()
        if again and key in scores:
            for _ in range(again):
                scores[key] += 1.2
    # Tokenized once; where the title's words stand is noted on the way.
    index = NgramIndex(text, _title_words(title).difference(_exempt_words()), lowered)
    topics_taken = 0
    for phrase, count, proper in title_keyphrases(title, text, index=index):
        key = phrase.casefold()
        if phrase not in text:
            continue  # not written so anywhere: its words were joined by "&", "-" or quotes ("Bộ TT TT")
        if not proper:
            # One topic phrase of the title, said often enough: the title's other
            # lowercase phrases are mostly its wording ("bí quyết", "mức giá").
            if topics_taken or count < TOPIC_MIN_COUNT:
                continue
            topics_taken += 1
        inside = [k for k in scores if _overlap(key, k) and len(k) >= len(key)]
        if proper and inside and all(kinds[k] == "org" and k.startswith(key) for k in inside):
            # The title names it: "Hội Lim", not "Hội Lim xuân Quý Mão".
            weight = max(scores[k] for k in inside) + 0.5
            for k in inside:
                del scores[k]
            add(phrase, 0, weight, "keyphrase")
            continue
        if inside:  # the vocabulary or a name already says it, or more
            for k in inside:
                scores[k] += 1.5
            continue
        weight = 1.0 + 0.5 * min(count, 6) + (1.0 if proper else 0.0) + 0.2 * len(phrase.split())
        held = [k for k in scores if _overlap(key, k)]
        if held:  # a more specific phrase than a tag we have: "đầu tư công" over "đầu tư"
            weight = max(weight, max(scores[k] for k in held) + 0.5)
        add(phrase, 0, weight, "keyphrase")

    chosen = _select(scores, first_seen, kinds)
    if len(chosen) < MIN_TAGS:
        # Too few: names the lead repeats fill in (its lowercase phrases are
        # mostly wording: "cơn đau", "gia nhập").
        # Only the lead's opening (a sapo is 1-3 sentences): a scraped file whose
        # "lead" is a 1 MB line would make this quadratic in its length.
        opening = lead if len(lead) <= LEAD_PHRASE_CHARS else lead[:LEAD_PHRASE_CHARS].rsplit(" ", 1)[0]
        for phrase, count, proper in title_keyphrases(opening, text, limit=4, index=index):
            if proper and count > 1 and phrase in text and not any(_overlap(phrase.casefold(), k) for k in scores):
                add(phrase, len(head), max(FLOOR, 0.5 * count), "keyphrase")
        chosen = _select(scores, first_seen, kinds)
    return tuple(display[key] for key in chosen)


def _select(scores: dict[str, float], first_seen: dict[str, int], kinds: dict[str, str]) -> list[str]:
    """The best 3-8 keys: by score, one tag per idea, weak ones only to reach three."""
    ranked = sorted(scores, key=lambda key: (-scores[key], first_seen[key]))
    chosen: list[str] = []
    for key in ranked:
        if any(_overlap(key, other) and _exclusive(kinds[key], kinds[other]) for other in chosen):
            continue
        if scores[key] < MIN_SCORE and len(chosen) >= MIN_TAGS or scores[key] < FLOOR:
            break
        chosen.append(key)
        if len(chosen) == MAX_TAGS:
            break
    return chosen

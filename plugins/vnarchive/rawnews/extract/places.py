"""The provinces an article is about (the `Places` metadata).

A pure function over the title, lead and body. The names and their forms
are data (`data/places.txt`); each form is matched as written, capitals
included, so the common words that are also province names ("hòa bình",
peace; "long an") never count.

The rule, measured on the development set (bench/devset/places_score.py):

- the text read: the title, the lead and the body paragraphs, a paragraph
  that repeats the lead or an earlier one, and contact lines (addresses,
  telephone and account numbers of an appeal), left out;
- a mention is a form standing alone: not inside a longer proper name (the
  word before it, unless it starts a sentence, and the word after it are
  not capitalised: "Trần Long An", "Sài Gòn Giải Phóng" are names), unless
  it is typed ("tỉnh Long An", "TP Cần Thơ"), which is always a mention; a
  district named with its type ("huyện Trà Bồng", data/districts.txt) whose
  name belongs to one province only is a typed mention of that province;
- a province counts when the title or the lead (with its dateline) names
  it, or at least `BODY_PARAGRAPHS` body paragraphs name it: a province
  named in passing (an origin, a destination, a comparison) does not count.
  Measured: 2 paragraphs gave precision 0.79 / recall 0.92, 3 gave 0.89 /
  0.86, and a typed mention counting on its own in a short body lowered
  precision (docs/places.md);
- the result is ordered by weight (title, lead, body mentions), then by
  first appearance, and holds at most `MAX_PLACES` provinces.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..data import data_lines

BODY_PARAGRAPHS = 3
MAX_PLACES = 6

# Old and new tone placement on oa/oe/uy: "Hòa" and "Hoà" are both written.
_TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TYPED_BEFORE = re.compile(r"(?:\b(?:tỉnh|Tỉnh|TỈNH|thành phố|Thành phố|THÀNH PHỐ|Thủ đô|thủ đô)|\b(?:TP|Tp)\.?)\s*$")
_TYPED_FORM = re.compile(r"^(?:TP|Tp|Thành phố|thành phố|Thủ đô)\b")
_WORD_BEFORE = re.compile(r"(\S+) $")
_WORD_AFTER = re.compile(r" (\w+)")
_CONTACT = re.compile(r"(?i)\b(?:điện thoại|đt|address|fax|số tài khoản|stk|tài khoản số|email)\s*:|\b0\d{2,3}[. ]?\d{3}[. ]?\d{3,4}\b")
_NOT_A_PLACE_BEFORE = re.compile(r"(?:\b[Ss]ông|\b[Cc]hợ|\b[Bb]ến xe|\b[Nn]hà ga|\b[Gg]a) $")
_DISTRICT_TYPED = re.compile(r"(?<!\w)(?:[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố|TP\.?)\s+$")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…\"“”'(\[–—-])\s*$")


@dataclass(frozen=True)
class Province:
    name: str
    slug: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    province: str
    where: str  # "title", "lead" or "body"
    start: int
    typed: bool


@functools.lru_cache(maxsize=None)
def _districts() -> tuple[re.Pattern | None, dict[str, str]]:
    """Named districts of one province only -> that province (data/districts.txt)."""
    owners: dict[str, set[str]] = {}
    for line in data_lines("districts.txt"):
        if "=" not in line:
            continue
        typed, province = (part.strip() for part in line.split("=", 1))
        name = re.sub(r"^(?:Huyện|Quận|Thị xã|Thành phố)\s+", "", typed)
        if not name[:1].isdigit():
            owners.setdefault(name, set()).add(province)
    names = {name: next(iter(ps)) for name, ps in owners.items() if len(ps) == 1}
    if not names:
        return None, {}
    alternation = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)({alternation})(?!\w)"), names


def _variants(form: str) -> set[str]:
    out = {form, form.upper()}
    for new, old in _TONE_PAIRS.items():
        for text in list(out):
            if new in text:
                out.add(text.replace(new, old))
            if old in text:
                out.add(text.replace(old, new))
    return out


@functools.lru_cache(maxsize=None)
def provinces() -> tuple[Province, ...]:
    """The provinces of data/places.txt, in file order."""
    found = []
    for line in data_lines("places.txt"):
        name, slug, forms = (part.strip() for part in line.split("|", 2))
        found.append(Province(name, slug, tuple(f.strip() for f in forms.split(";") if f.strip())))
    return tuple(found)


def province_names() -> tuple[str, ...]:
    """The 63 canonical names (places.txt's first column), in file order: the
    one list of provinces that tags, credits and related articles read too."""
    return tuple(p.name for p in provinces())


@functools.lru_cache(maxsize=None)
def _matcher() -> tuple[re.Pattern, dict[str, str]]:
    owner: dict[str, str] = {}
    for province in provinces():
        for form in province.forms:
            for variant in _variants(form):
                owner.setdefault(variant, province.name)
    alternation = "|".join(map(re.escape, sorted(owner, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)({alternation})(?!\w)"), owner


def _title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _is_mention(text: str, start: int, end: int, form: str) -> tuple[bool, bool]:
    """(counts, typed) for the form at text[start:end]."""
    before = text[max(0, start - 16):start]
    typed = bool(_TYPED_FORM.match(form) or _TYPED_BEFORE.search(before))
    if typed:
        return True, True
    if _NOT_A_PLACE_BEFORE.search(text, 0, start):
        return False, False  # a river, a market or a station of that name
    after = _WORD_AFTER.match(text, end) if end < len(text) else None
    if after and _title_case(after.group(1)) and form != form.upper():
        return False, False  # the start of a longer name: "Sài Gòn Giải Phóng"
    word = _WORD_BEFORE.search(text, 0, start)
    if word and word.group(1)[-1:].isalpha() and _title_case(word.group(1).lstrip("“\"'(")):
        if not _SENTENCE_END.search(text, 0, word.start(1)):
            return False, False  # the end of a longer name: "Trần Long An"
    return True, False


def read_parts(title: str, lead: str, paragraphs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(where, text) of what is read: repeats of the lead or of a paragraph,
    and contact lines, left out."""
    parts = [("title", title or ""), ("lead", lead or "")]
    seen = {" ".join((lead or "").split())[:80]} if lead else set()
    for paragraph in paragraphs:
        key = " ".join(paragraph.split())[:80]
        if not key or key in seen or _CONTACT.search(paragraph):
            continue
        seen.add(key)
        parts.append(("body", paragraph))
    return parts


def mentions(title: str, lead: str, paragraphs: tuple[str, ...]) -> list[Mention]:
    """Every standing mention of a province, in reading order; `start` is
    the index of the part (title 0, lead 1, body paragraphs from 2)."""
    regex, owner = _matcher()
    district_regex, district_owner = _districts()
    found = []
    for index, (where, text) in enumerate(read_parts(title, lead, paragraphs)):
        hits = []
        for match in regex.finditer(text):
            counts, typed = _is_mention(text, match.start(), match.end(), match.group(1))
            if counts:
                hits.append((match.start(), Mention(owner[match.group(1)], where, index, typed)))
        if district_regex is not None:
            for match in district_regex.finditer(text):
                if _DISTRICT_TYPED.search(text, 0, match.start()):
                    hits.append((match.start(), Mention(district_owner[match.group(1)], where, index, True)))
        found.extend(mention for _, mention in sorted(hits, key=lambda hit: hit[0]))
    return found


def extract_places(title: str, lead: str, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The canonical names of the provinces the article is about (see the module's rule)."""
    found = mentions(title, lead, paragraphs)
    if not found:
        return ()
    weight: dict[str, int] = {}
    first: dict[str, int] = {}
    counts: dict[str, bool] = {}
    body: dict[str, set[int]] = {}
    for mention in found:
        name = mention.province
        first.setdefault(name, mention.start)
        if mention.where == "body":
            if mention.start not in body.setdefault(name, set()):
                body[name].add(mention.start)
                weight[name] = weight.get(name, 0) + 1
        elif (mention.where, name) not in counts:
            weight[name] = weight.get(name, 0) + (4 if mention.where == "title" else 3)
            counts[name] = counts[(mention.where, name)] = True
    for name, paragraphs_naming in body.items():
        if len(paragraphs_naming) >= BODY_PARAGRAPHS:
            counts[name] = True
    chosen = sorted((n for n in counts if isinstance(n, str) and counts[n]), key=lambda n: (-weight[n], first[n]))
    return tuple(chosen[:MAX_PLACES])

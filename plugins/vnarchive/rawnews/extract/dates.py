"""Extract the publication date of an article, with its precision and its evidence.

A date in a news text is a claim with a source and a role. Only
publication-grade evidence gives a post its date, in this order
(docs/extraction.md says it for users):

1. the manifest's `published` value, at its own precision (a dateline or
   the lead's day may refine it when they agree with it);
2. a dateline, the page's own date stamp ("Thứ Tư, 10/05/2023 08:30");
3. the lead's own event day: its first date whose role is the event or an
   as-of day (`date_roles`: "Sáng 10/5", "Chiều nay 1/10", "Tính đến ngày
   10/2"), never a background, cited-document, history, plan or score date;
4. else the event day that opens the first body paragraph (a sapo without a
   date leaves it to the text's first sentence).

Other dates in the body, and the months and years a text names, are not the
publication date. Without any of the above, the crawl date is recorded as a
bound (`before`), else the date is unknown.

Day/month order is Vietnamese (dd/mm). A day-month date takes its year from
the manifest's `published`, else the crawl date (a day up to FUTURE_DAYS
after the crawl is a coming one, never moved back a year), else the
DEFAULT_YEAR setting; never from today. A crawl date is an upper bound for
every date. Lunar and impossible dates (31/2/2023) are never taken.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..model import PartialDate
from .date_roles import PUBLICATION_GRADE, role_of

_D = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_M = r"(?P<m>0?[1-9]|1[0-2])"
_Y = r"(?P<y>(?:19|20)\d\d)"
_TIME = r"(?:\s*(?:,|lúc|-|\||\s)\s*(?P<H>[01]?\d|2[0-3])\s*(?::|h|giờ)\s*(?P<MI>[0-5]\d)(?::[0-5]\d)?(?!\d))?"
_LUNAR_AFTER = re.compile(r"^\s*(?:\(?\s*(?:âm lịch|âl|al)\b|năm\s+(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Kỉ|Canh|Tân|Nhâm|Quý)\b)", re.I)
_LUNAR_BEFORE = re.compile(r"(?:âm lịch|tức|âl)\s*(?:ngày\s*)?$", re.I)

# The date patterns start with a digit (or the first letter of "năm"/"tháng"),
# so that `re` skips to the next such character instead of trying the whole
# pattern at every position; the "not after" lookbehind sits after that first
# character. The day is read as one or two digits and checked in code
# (`_DAY_VALUES`, the values `_D` allows), and a scan that meets an out-of-range
# day resumes one character after it (`_matches`): the same matches as the
# straightforward `(?<![\d/.,-])(?P<d>0?[1-9]|[12]\d|3[01])...` patterns.
_DAY = r"(?P<d>\d(?<!{before}\d)\d?)"
FULL_NUMERIC = re.compile(_DAY.format(before=r"[\d/.,-]") + rf"\s*(?P<sep>[/.-])\s*{_M}\s*(?P=sep)\s*{_Y}(?![\d/])" + _TIME)
SPELLED = re.compile(_DAY.format(before=r"\w") + rf"\s+[Tt]háng\s+{_M}\s*(?:[Nn]ăm|,|/)\s*{_Y}(?!\d)")
# A day-month date without a year counts only after an event word ("Sáng 10/5",
# "ngày 3 tháng 5"), an opening bracket, a dash, or at the start of the text.
DAY_MONTH = re.compile(_DAY.format(before=r"[\w/.,-]") + rf"\s*(?:[/-]\s*{_M}|\s+[Tt]háng\s+(?P<m2>0?[1-9]|1[0-2]))(?![\d/-]|\.\d|\s*(?:[Nn]ăm|/)\s*\d)")
_DAY_VALUES = re.compile(_D.replace("(?P<d>", "(?:"))
_DAY_MONTH_BEFORE = re.compile(
    r"(?:(?<!\w)(?:[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm|[Nn]gày|[Hh]ôm|[Rr]ạng sáng|[Đđ]ầu giờ sáng|[Cc]uối giờ chiều|[Tt]ừ ngày|[Tt]rong ngày|[Vv]ào)"
    r"\s+(?:ngày\s+|hôm\s+|(?:nay|qua)\s*[,(]?\s*)?|\(\s*|^\s*|[-–]\s+)$"
)
# A line that is only a date stamp: weekday, label, date, time, zone.
_DATELINE_NOISE = re.compile(
    r"(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|đăng|thời gian|xuất bản|ngày|lúc|giờ|gmt\s*\+\s*7|\(gmt\+7\)|utc\s*\+?\s*7|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn|t[2-7]|sa|ch|am|pm|[\s,|:()\-–—/.]|\d{1,2}[:h]\d{2}(?::\d{2})?)+",
    re.I,
)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _matches(regex: re.Pattern, text: str, until: int | None = None):
    """regex.finditer(text) for the day patterns, keeping only days `_D` allows.

    With `until`, only the text before it is searched and each match found
    is then taken from the whole text: every match whose day and month end
    by `until` is found, later ones may be missing.
    """
    if regex is SPELLED and "háng" not in text:
        return  # "[Tt]háng" is in every match: a fast find rules the scan out
    search = regex.search
    pos = 0
    while True:
        match = search(text, pos) if until is None else search(text, pos, until)
        if match is None:
            return
        if until is not None:
            whole = regex.match(text, match.start())  # the lookahead may need what lies beyond
            if whole is None:
                pos = match.start() + 1
                continue
            match = whole
        if _DAY_VALUES.fullmatch(match["d"]):
            yield match
            pos = match.end()
        else:
            pos = match.start() + 1  # not a date here; one may start inside it


def _within(y: int, m: int, d: int, upper: dt.date | None) -> bool:
    return upper is None or dt.date(y, m, d) <= upper


def _lunar(text: str, start: int, end: int) -> bool:
    return bool(_LUNAR_AFTER.match(text[end:end + 30]) or _LUNAR_BEFORE.search(text[max(0, start - 12):start]))


FUTURE_DAYS = 60
HISTORY_YEARS = 5  # a full date this many years before the crawl is history, not the report's day
OPENING_CHARS = 200  # how much of the first body paragraph stands in for a dateless lead
_RANGE_AFTER = re.compile(r"^\s*[-–]\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_RANGE_BEFORE = re.compile(r"\d{4}\s*[-–]\s*$")


def _in_range(text: str, start: int, end: int) -> bool:
    """An end of a span "(30/4/1975 - 30/4/2023)": an anniversary, not the event day."""
    return bool(_RANGE_AFTER.match(text[end:end + 16]) or _RANGE_BEFORE.search(text[max(0, start - 8):start]))


def is_dateline(line: str) -> bool:
    """A short line that holds a full date and nothing but stamp words."""
    if len(line) > 80:
        return False
    match = next(_matches(FULL_NUMERIC, line), None) or next(_matches(SPELLED, line), None)
    if not match:
        return False
    rest = (line[: match.start()] + " " + line[match.end():]).strip()
    return not _DATELINE_NOISE.sub("", rest).strip()


def _complete(d: int, m: int, year: int | None, upper: dt.date | None) -> int | None:
    """The year for a day-month date: given, else from the crawl.

    From the crawl: the crawl's year, unless that puts the date after the
    crawl. A date up to FUTURE_DAYS after the crawl is a coming day (a plan),
    never moved back a year; a later one is last year's (the crawl came
    months after the article).
    """
    if year is not None:
        return year if _valid(year, m, d) and _within(year, m, d, upper) else None
    if upper is None:
        return None
    if _valid(upper.year, m, d):
        ahead = (dt.date(upper.year, m, d) - upper).days
        if ahead <= 0:
            return upper.year
        if ahead <= FUTURE_DAYS:
            return None
    for y in (upper.year - 1, upper.year - 2, upper.year - 3, upper.year - 4):
        if _valid(y, m, d):
            return y
    return None


def _full_date(match: re.Match) -> PartialDate:
    hour = minute = None
    if match.groupdict().get("H"):
        hour, minute = int(match["H"]), int(match["MI"])
    return PartialDate(int(match["y"]), int(match["m"]), int(match["d"]), hour, minute, "day", match.group(0).strip(" ,-|"))


def find_full_date(text: str, upper: dt.date | None = None) -> PartialDate | None:
    """The first valid dd/mm/yyyy or 'ngày d tháng m năm y' date in text (a dateline's)."""
    found = []
    for regex in (FULL_NUMERIC, SPELLED):
        for match in _matches(regex, text):
            y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
            if not _lunar(text, match.start(), match.end()) and _valid(y, m, d) and _within(y, m, d, upper):
                found.append((match.start(), _full_date(match)))
                break
    return min(found)[1] if found else None


def parse_manifest_date(value: str) -> PartialDate | None:
    """A manifest `published`/`crawled` value: YYYY, YYYY-MM, YYYY-MM-DD[Thh:mm], or dd/mm/yyyy."""
    value = (value or "").strip()
    match = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?(?:[:+\-Z\d.]*)$", value)
    if match:
        y, m, d, hh, mm = (int(g) if g else None for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?", value)
        if not match:
            return None
        d, m, y, hh, mm = (int(g) if g else None for g in match.groups())
    if not 1900 <= y <= 2100 or (m is not None and not 1 <= m <= 12) or (d is not None and not _valid(y, m, d)):
        return None
    if hh is not None and not (0 <= hh < 24 and 0 <= (mm or 0) < 60):
        hh = mm = None
    precision = "day" if d else "month" if m else "year"
    return PartialDate(y, m, d, hh, mm, precision, f"manifest: {value}")


def _upper_bound(crawled: str) -> dt.date | None:
    crawl = parse_manifest_date(crawled)
    if not crawl:
        return None
    if crawl.precision == "day":
        return dt.date(crawl.year, crawl.month, crawl.day)
    if crawl.precision == "month":
        nxt = dt.date(crawl.year + (crawl.month == 12), crawl.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(crawl.year, 12, 31)


def lead_date(lead: str, year_hint, upper: dt.date | None, crawl_first: bool, crawl: dt.date | None = None) -> PartialDate | None:
    """The lead's own event day: its first date whose role is the event or an as-of day.

    Background, history, cited-document, plan and score dates are passed
    over (`date_roles`); lunar dates and the ends of a span too.
    """
    found: list[tuple[int, PartialDate]] = []
    for regex in (FULL_NUMERIC, SPELLED):
        for match in _matches(regex, lead):
            start = match.start()
            if _lunar(lead, start, match.end()) or _in_range(lead, start, match.end()):
                continue
            if role_of(lead, start, match.end(), dash=match.groupdict().get("sep") == "-") not in PUBLICATION_GRADE:
                continue
            y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
            if not _valid(y, m, d) or not _within(y, m, d, upper):
                continue
            if crawl is not None and y < crawl.year - HISTORY_YEARS:
                continue  # "Ngày 12/7/1984, ..." opening a report crawled in 2014: history
            found.append((start, _full_date(match)))
            break
    first_full = min(found)[0] if found else None
    for match in _matches(DAY_MONTH, lead, None if first_full is None else first_full + 2):
        start = match.start("d")
        if first_full is not None and start > first_full - 3:
            break
        before = _DAY_MONTH_BEFORE.search(lead[max(0, start - 24):start])
        if (not before and start > 0) or _lunar(lead, match.start(), match.end()):
            continue
        if role_of(lead, match.start(), match.end(), dash="-" in match.group(0)) not in PUBLICATION_GRADE:
            continue
        d, m = int(match["d"]), int(match["m"] or match["m2"])
        if not _valid(2000, m, d):
            continue
        if crawl_first:
            y = _complete(d, m, None, upper)
        else:  # no crawl date: the year comes from the manifest or DEFAULT_YEAR, else there is none
            hint = year_hint() if callable(year_hint) else year_hint
            y = _complete(d, m, hint, upper) if hint is not None else None
        if y is None:
            continue
        lead_in = before.group(0) if before else ""
        return PartialDate(y, m, d, None, None, "day", (lead_in + match.group(0)).strip(" (-–"))
    return min(found)[1] if found else None


def _agrees(finer: PartialDate, coarse: PartialDate) -> bool:
    """Whether a finer date lies within a coarser one (same year, and month when known)."""
    return finer.year == coarse.year and (coarse.month is None or finer.month == coarse.month) and (coarse.day is None or finer.day == coarse.day)


def _claim(date: PartialDate, source: str) -> PartialDate:
    """The date with the evidence that gave it (`Date_source`)."""
    return dataclasses.replace(date, source=source)


def extract_date(
    lead: str,
    paragraphs: tuple[str, ...],
    published: str = "",
    crawled: str = "",
    default_year: int | None = None,
    datelines: tuple[str, ...] = (),
    opening: bool = True,
    today: dt.date | None = None,
) -> PartialDate:
    """The publication date of one article, from publication-grade evidence only.

    In this order: the manifest's `published` (a dateline or the lead's day
    may refine it when they agree with it), a dateline, the lead's own event
    day, else the event day opening the first body paragraph. Other dates in
    the body are background, never the publication day.
    Without any of these, the crawl date is an upper bound (`before`).
    """
    upper = crawl = _upper_bound(crawled)
    bound = upper.isoformat() if upper else ""
    if upper is None and today is not None:
        upper = today  # without a crawl date the conversion day bounds every date: nothing from 2099
    manifest = parse_manifest_date(published)
    if manifest and upper and dt.date(manifest.year, manifest.month or 1, manifest.day or 1) > upper:
        manifest = None
    stamp = None
    for line in datelines:
        stamp = find_full_date(line, upper)
        if stamp:
            stamp = PartialDate(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, "day", f"dateline: {stamp.evidence}")
            break
    if manifest is not None:
        if stamp and _agrees(stamp, manifest) and manifest.precision != "day":
            return _claim(stamp, "dateline")
        if manifest.precision != "day":
            found = lead_date(lead, manifest.year, upper, False, crawl)
            if found and _agrees(found, manifest):
                return _claim(found, "lead")
        return _claim(manifest, "manifest")
    if stamp:
        return _claim(stamp, "dateline")
    # A day-month date takes its year from the crawl, else from DEFAULT_YEAR;
    # the years a text names are only a lower bound, never the year.
    crawl_first = bool(bound)
    year_hint = None if crawl_first else default_year
    found = lead_date(lead, year_hint, upper, crawl_first, crawl)
    if found:
        return _claim(found, "lead")
    if paragraphs and opening:
        # A sapo without a date leaves the event's day to the text's first
        # sentence (not when the "lead" is the start of a one-line text).
        found = lead_date(paragraphs[0][:OPENING_CHARS], year_hint, upper, crawl_first, crawl)
        if found:
            return _claim(found, "opening")
    if bound:
        return PartialDate(evidence=f"no publication date in the text; crawled {bound}", source="crawl", before=bound)
    # Nothing bounds it. The months and years a text names are not its date:
    # on the real set the latest one named was the article's in 4 of 20.
    return PartialDate(evidence="no date in text", source="none")

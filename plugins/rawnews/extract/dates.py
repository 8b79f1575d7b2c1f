"""Extract the publication date, with its precision, from Vietnamese prose.

Rule (documented in docs/extraction.md): the date is the first full date
stated in the lead or body in reading order (a dateline such as
"Thứ Tư, 10/05/2023 08:30" counts too). Day/month order is Vietnamese
(dd/mm). A day-month date without a year takes its year only from the same
text (or the crawl date) and never from today. Lunar dates are skipped.
When no day is given the precision falls to month, year or unknown; a day is
never invented.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import PartialDate

_D = r"(?P<d>[0-3]?\d)"
_M = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20)\d\d)"
_TIME = r"(?:\s*(?:,|lúc|-)?\s*(?P<H>[0-2]?\d)[:h](?P<MI>[0-5]\d))?"
_LUNAR = re.compile(r"^\s*(?:âm lịch|ÂL|\(âm lịch\))", re.I)

# Ordered by how much they say: full numeric dates, spelled-out dates,
# day-month without year, month-year.
FULL_NUMERIC = re.compile(rf"(?<![\d/.-]){_D}\s*(?P<sep>[/.-])\s*{_M}\s*(?P=sep)\s*{_Y}(?![\d/])" + _TIME)
SPELLED = re.compile(rf"\bngày\s+{_D}\s+tháng\s+{_M}\s*(?:năm|,|/)\s*{_Y}", re.I)
DAY_MONTH = re.compile(rf"(?:\b(?:[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm|[Nn]gày|[Hh]ôm)\s+(?:ngày\s+)?|\(|\s-\s){_D}\s*[/-]\s*{_M}(?![\d/.-])")
MONTH_YEAR = re.compile(rf"\btháng\s+{_M}\s*(?:/|năm|-)\s*{_Y}\b", re.I)
YEAR = re.compile(rf"\bnăm\s+{_Y}\b", re.I)
# Years after these words are plans or periods, not the time of writing.
_NOT_NOW = re.compile(r"(?:đến|tới|trước|sau|giai đoạn|nhiệm kỳ|kế hoạch|mục tiêu|tầm nhìn|từ)\s+(?:năm\s+)?$", re.I)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _within(date: dt.date, upper: dt.date | None) -> bool:
    return upper is None or date <= upper


def find_full_date(text: str, upper: dt.date | None = None) -> PartialDate | None:
    """First valid dd/mm/yyyy or 'ngày d tháng m năm y' date in text."""
    candidates = []
    for regex in (FULL_NUMERIC, SPELLED):
        for match in regex.finditer(text):
            if _LUNAR.match(text[match.end():]):
                continue
            y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
            if not _valid(y, m, d) or not _within(dt.date(y, m, d), upper):
                continue
            hour = minute = None
            if "H" in match.groupdict() and match["H"] and int(match["H"]) < 24:
                hour, minute = int(match["H"]), int(match["MI"])
            candidates.append((match.start(), PartialDate(y, m, d, hour, minute, "day", match.group(0).strip())))
            break
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def find_day_month(text: str, year: int | None, upper: dt.date | None) -> PartialDate | None:
    """'Sáng 10/5' completed with a known year (text or crawl), else None."""
    for match in DAY_MONTH.finditer(text):
        if _LUNAR.match(text[match.end():]):
            continue
        d, m = int(match["d"]), int(match["m"])
        if not 1 <= m <= 12:
            continue
        if year is None and upper is not None:
            # The latest such date on or before the crawl.
            y = upper.year if _valid(upper.year, m, d) and dt.date(upper.year, m, d) <= upper else upper.year - 1
        else:
            y = year
        if y is None or not _valid(y, m, d) or not _within(dt.date(y, m, d), upper):
            continue
        return PartialDate(y, m, d, None, None, "day", match.group(0).strip(" (-"))
    return None


def find_month_year(text: str, upper: dt.date | None) -> PartialDate | None:
    for match in MONTH_YEAR.finditer(text):
        y, m = int(match["y"]), int(match["m"])
        if 1 <= m <= 12 and _within(dt.date(y, m, 1), upper):
            return PartialDate(y, m, None, None, None, "month", match.group(0))
    return None


def find_year(text: str, upper: dt.date | None) -> PartialDate | None:
    """The latest 'năm YYYY' that is not a plan or a period."""
    years = []
    for match in YEAR.finditer(text):
        if _NOT_NOW.search(text[max(0, match.start() - 25): match.start()]):
            continue
        y = int(match["y"])
        if upper is None or y <= upper.year:
            years.append(y)
    if not years:
        return None
    y = max(years)
    return PartialDate(y, None, None, None, None, "year", f"năm {y} (latest year named)")


def parse_manifest_date(value: str) -> PartialDate | None:
    """A manifest `published`/`crawled` value: YYYY, YYYY-MM, YYYY-MM-DD[Thh:mm]."""
    match = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?", value or "")
    if not match:
        return None
    y, m, d, hh, mm = (int(g) if g else None for g in match.groups())
    if m and not 1 <= m <= 12 or (d and not _valid(y, m, d)):
        return None
    precision = "day" if d else "month" if m else "year"
    return PartialDate(y, m, d, hh, mm, precision, f"manifest: {value.strip()}")


def extract_date(
    lead: str,
    paragraphs: tuple[str, ...],
    published: str = "",
    crawled: str = "",
    default_year: int | None = None,
) -> PartialDate:
    """The publication date of one article (see module docstring)."""
    crawl = parse_manifest_date(crawled)
    upper = dt.date(crawl.year, crawl.month or 12, crawl.day or 28) if crawl and crawl.precision == "day" else None
    text = "\n".join((lead, *paragraphs))
    found = find_full_date(text, upper)
    if found:
        return found
    manifest = parse_manifest_date(published)
    if manifest and manifest.precision == "day":
        return manifest
    year_in_text = find_year(text, upper)
    year_hint = year_in_text.year if year_in_text else (manifest.year if manifest else None)
    year_hint = year_hint or default_year
    found = find_day_month(text, year_hint, upper)
    if found:
        return found
    found = find_month_year(text, upper)
    if found:
        return found
    if manifest:
        return manifest
    if year_in_text:
        return year_in_text
    return PartialDate(evidence="no date in text")

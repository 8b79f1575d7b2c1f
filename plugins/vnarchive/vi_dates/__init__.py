"""Vietnamese dates on pages, at the precision the text gave.

Adds Jinja filters (via Pelican's generator_init signal):

- `vi_date(article)`: "Thứ Tư, 10/05/2023" for a day, "Tháng 5/2023" for a
  month, "Năm 2023" for a year, "Trước 25/05/2017" when only the crawl date
  bounds it (`Date_before`), "Không rõ ngày đăng" when nothing is known;
- `vi_bound(article)`: that bound as "25/05/2017" ('' without one);
- `iso_date(article)`: the same precision in ISO 8601 ("2023-05", "2023");
- `vi_month(date)`: "Tháng 5/2023" (archive headings);
- `vi_number(n)`: "1.234" (Vietnamese digit grouping).

Babel supplies the weekday names, so no system locale is needed.
"""

from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal

from vnarchive.common.dates import bound_of, precision_of
from vnarchive.foundation import Plugin

PLUGIN = Plugin(__name__)

LOCALE = "vi_VN"
_WEEKDAYS: list[str] = []  # Monday first, capitalised; filled from Babel on first use


def weekday_name(date) -> str:
    """ "Thứ Tư" (Babel's name, capitalised): looked up once per weekday, not per page."""
    if not _WEEKDAYS:
        import datetime as dt

        monday = dt.date(2024, 1, 1)
        for offset in range(7):
            name = format_date(monday + dt.timedelta(days=offset), "EEEE", locale=LOCALE)
            _WEEKDAYS.append(f"{name[0].upper()}{name[1:]}")
    return _WEEKDAYS[date.weekday()]


def vi_date(article, with_weekday: bool = True) -> str:
    date = article.date
    precision = precision_of(article)
    if precision == "unknown":
        before = bound_of(article)
        return f"Trước {before.day:02d}/{before.month:02d}/{before.year}" if before else "Không rõ ngày đăng"
    if precision == "year":
        return f"Năm {date.year}"
    if precision == "month":
        return f"Tháng {date.month}/{date.year}"
    text = f"{date.day:02d}/{date.month:02d}/{date.year}"
    if with_weekday:
        text = f"{weekday_name(date)}, {text}"
    return text


def iso_date(article) -> str:
    date = article.date
    precision = precision_of(article)
    if precision == "unknown":
        return ""
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.date().isoformat() if hasattr(date, "date") else date.isoformat()


def vi_bound(article) -> str:
    """ "25/05/2017": the day an undated article is known to precede, or ''."""
    before = bound_of(article)
    return f"{before.day:02d}/{before.month:02d}/{before.year}" if before else ""


def vi_month(date) -> str:
    return f"Tháng {date.month}/{date.year}"


def vi_number(number) -> str:
    return format_decimal(number, locale=LOCALE)


FILTERS = {"vi_bound": vi_bound, "vi_date": vi_date, "iso_date": iso_date, "vi_month": vi_month, "vi_number": vi_number}


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_filters)

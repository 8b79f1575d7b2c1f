"""“Ngày này năm xưa”: the articles of each day of the year, by year.

Only articles dated to the day count (a month- or year-only date has no
day). One page per month keeps a page's size in proportion to a twelfth of
the archive; each day is a section with its own anchor (`ngay-04-12`), in
which the years are listed newest first. The script of the pages
(theme/static/js/onthisday.js) only reorders and points to today's section:
without it every page is a complete list.

Pure functions over anything with `.date`, `.date_precision` and `.slug`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vnarchive.common.dates import precision_of


@dataclass
class YearGroup:
    year: int
    articles: list = field(default_factory=list)  # newest first within the day


@dataclass
class Day:
    month: int
    day: int
    years: list[YearGroup] = field(default_factory=list)  # newest year first

    @property
    def anchor(self) -> str:
        return f"ngay-{self.day:02d}-{self.month:02d}"

    @property
    def count(self) -> int:
        return sum(len(group.articles) for group in self.years)


@dataclass
class MonthOfDays:
    month: int
    days: list[Day] = field(default_factory=list)  # 1st to 31st, only days with articles
    url: str = ""
    save_as: str = ""

    @property
    def count(self) -> int:
        return sum(day.count for day in self.days)


@dataclass
class OnThisDay:
    months: list[MonthOfDays] = field(default_factory=list)  # January to December, only months with articles
    url: str = ""
    save_as: str = ""

    @property
    def count(self) -> int:
        return sum(month.count for month in self.months)

    @property
    def day_keys(self) -> str:
        """"0104 0105 ..." (mmdd of every day that has articles), for the script."""
        return " ".join(f"{day.month:02d}{day.day:02d}" for month in self.months for day in month.days)


def build(articles, url: str, save_as: str, month_url: str, month_save_as: str) -> OnThisDay:
    """Group the day-dated articles by month, day and year. `month_url` and
    `month_save_as` are patterns with `{month}` (an int: use {month:02d})."""
    by_day: dict[tuple[int, int], dict[int, list]] = {}
    for article in articles:
        if precision_of(article) != "day":
            continue
        date = article.date
        by_day.setdefault((date.month, date.day), {}).setdefault(date.year, []).append(article)
    months: dict[int, MonthOfDays] = {}
    for (month, day), years in sorted(by_day.items()):
        entry = months.get(month)
        if entry is None:
            entry = months[month] = MonthOfDays(month, url=month_url.format(month=month),
                                                save_as=month_save_as.format(month=month))
        groups = [
            YearGroup(year, sorted(items, key=lambda a: (a.date, str(getattr(a, "slug", ""))), reverse=True))
            for year, items in sorted(years.items(), reverse=True)
        ]
        entry.days.append(Day(month, day, groups))
    return OnThisDay([months[m] for m in sorted(months)], url=url, save_as=save_as)

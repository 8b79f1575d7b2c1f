"""Group articles by year and month at the precision their dates really have.

Pelican's own period archives read `article.date` only, so an article known
only to the year 2023 (stored as 2023-01-01) would be filed under January,
and one of unknown date (stored as 1900-01-01) under the year 1900. Here:

- day and month precision: filed under their month;
- year precision: under the year only ("chỉ rõ năm"), never in a month;
- unknown with a bound (`Date_before`, the crawl date): under the bound's
  month, where the page shows "Trước dd/mm/yyyy" (a bound, not a day);
- unknown without one: in a separate group ("Không rõ ngày"), never under a year.

Pure functions over anything with `.date` and `.date_precision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vnarchive.common.dates import bound_of as _bound, precision_of


@dataclass
class Month:
    year: int
    month: int
    articles: list = field(default_factory=list)
    url: str = ""
    save_as: str = ""

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass
class Year:
    year: int
    months: list[Month] = field(default_factory=list)  # newest first
    year_only: list = field(default_factory=list)  # articles dated only to this year
    url: str = ""
    save_as: str = ""

    @property
    def count(self) -> int:
        return sum(m.count for m in self.months) + len(self.year_only)


@dataclass
class Tree:
    years: list[Year] = field(default_factory=list)  # newest first
    undated: list = field(default_factory=list)
    undated_url: str = ""
    undated_save_as: str = ""

    @property
    def count(self) -> int:
        return sum(y.count for y in self.years) + len(self.undated)


@dataclass(frozen=True)
class Patterns:
    """URL and file patterns; `{year}` and `{month}` (an int: use {month:02d})."""

    year_url: str = "luu-tru/{year}/"
    year_save_as: str = "luu-tru/{year}/index.html"
    month_url: str = "luu-tru/{year}/{month:02d}/"
    month_save_as: str = "luu-tru/{year}/{month:02d}/index.html"
    undated_url: str = "luu-tru/khong-ro-ngay/"
    undated_save_as: str = "luu-tru/khong-ro-ngay/index.html"


def _sort_day(article) -> tuple:
    """The day an article is listed at: its date, or for an undated one its bound (the end of that day)."""
    bound = _bound(article) if precision_of(article) == "unknown" else None
    if bound is not None:
        return (bound.year, bound.month, bound.day, 24, 0)
    date = article.date
    return (date.year, date.month, date.day, getattr(date, "hour", 0), getattr(date, "minute", 0))


def _newest_first(articles: list) -> list:
    return sorted(articles, key=lambda a: (_sort_day(a), str(getattr(a, "slug", ""))), reverse=True)


def build_tree(articles, patterns: Patterns = Patterns()) -> Tree:
    """The archive tree of `articles` (any order), each list newest first."""
    months: dict[tuple[int, int], list] = {}
    year_only: dict[int, list] = {}
    undated = []
    for article in articles:
        precision = precision_of(article)
        bound = _bound(article) if precision == "unknown" else None
        if bound is not None:
            months.setdefault((bound.year, bound.month), []).append(article)
        elif precision == "unknown":
            undated.append(article)
        elif precision == "year":
            year_only.setdefault(article.date.year, []).append(article)
        else:
            months.setdefault((article.date.year, article.date.month), []).append(article)

    years = {}
    for number in sorted({y for y, _ in months} | set(year_only), reverse=True):
        years[number] = Year(
            year=number,
            year_only=_newest_first(year_only.get(number, [])),
            url=patterns.year_url.format(year=number),
            save_as=patterns.year_save_as.format(year=number),
        )
    for (y, m), group in sorted(months.items(), reverse=True):
        years[y].months.append(
            Month(
                year=y,
                month=m,
                articles=_newest_first(group),
                url=patterns.month_url.format(year=y, month=m),
                save_as=patterns.month_save_as.format(year=y, month=m),
            )
        )
    return Tree(
        years=list(years.values()),
        undated=_newest_first(undated),
        undated_url=patterns.undated_url,
        undated_save_as=patterns.undated_save_as,
    )


def chronological_neighbours(articles) -> dict[int, tuple[object | None, object | None]]:
    """id(article) -> (older, newer) among the dated articles, by date then slug.

    Undated articles are left out: "previous by date" means nothing for them."""
    dated = sorted(
        (a for a in articles if precision_of(a) != "unknown"),
        key=lambda a: (a.date, str(getattr(a, "slug", ""))),
    )
    result = {}
    for i, article in enumerate(dated):
        older = dated[i - 1] if i > 0 else None
        newer = dated[i + 1] if i + 1 < len(dated) else None
        result[id(article)] = (older, newer)
    return result

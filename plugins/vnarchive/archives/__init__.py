"""archives: date archives that respect each date's precision, and prev/next by date.

Replaces Pelican's period archives (set YEAR_ARCHIVE_SAVE_AS and
MONTH_ARCHIVE_SAVE_AS to "" so Pelican does not write its own): an article
known only to the year is listed on the year page, never in January; one of
unknown date is listed on a "Không rõ ngày" page, never under 1900 (see
tree.py).

- `archive_tree` (a tree.Tree) is added to the template context, for the
  archives index and sidebars;
- pages written: one per year (its months with counts, and its year-only
  articles), one per month, one for undated articles; long lists are
  paginated with Pelican's PAGINATION_PATTERNS;
- `article.prev_by_date` (older) and `article.next_by_date` (newer) are set on
  every dated article;
- "Ngày này năm xưa" (onthisday.py): an index and one page per month listing
  the day-dated articles of each day of the year, by year (`on_this_day`
  and, for the navigation, `on_this_day_url` in the context);
- the Jinja filters `years_chart`, `year_chart` and `month_chart` draw the
  bar charts of the index, year and month pages (chart.py).

Templates used: archive_year.html, archive_month.html, archive_undated.html,
on_this_day.html (the index) and on_this_day_month.html,
which receive `archive_year` / `archive_month` (and `older_month`,
`newer_month`) and the usual `articles_page`,
`articles_paginator`, `articles_previous_page`, `articles_next_page`.

Settings (all optional), merged over DEFAULT_SETTINGS:

    DATE_ARCHIVES = {
        "YEAR_URL": "luu-tru/{year}/",
        "YEAR_SAVE_AS": "luu-tru/{year}/index.html",
        "MONTH_URL": "luu-tru/{year}/{month:02d}/",
        "MONTH_SAVE_AS": "luu-tru/{year}/{month:02d}/index.html",
        "UNDATED_URL": "luu-tru/khong-ro-ngay/",
        "UNDATED_SAVE_AS": "luu-tru/khong-ro-ngay/index.html",
        "ON_THIS_DAY_URL": "ngay-nay-nam-xua/",
        "ON_THIS_DAY_SAVE_AS": "ngay-nay-nam-xua/index.html",
        "ON_THIS_DAY_MONTH_URL": "ngay-nay-nam-xua/{month:02d}/",
        "ON_THIS_DAY_MONTH_SAVE_AS": "ngay-nay-nam-xua/{month:02d}/index.html",
        "PER_PAGE": 50,       # articles per archive page
        "NEIGHBOURS": True,   # set prev_by_date / next_by_date
        "ENABLED": True,
    }
"""

from __future__ import annotations

import calendar

from vnarchive.foundation import Plugin

from . import onthisday
from .chart import bar_chart, month_bars, year_bars, years_bars
from .tree import Patterns, build_tree, chronological_neighbours

DEFAULT_SETTINGS = {
    "YEAR_URL": "luu-tru/{year}/",
    "YEAR_SAVE_AS": "luu-tru/{year}/index.html",
    "MONTH_URL": "luu-tru/{year}/{month:02d}/",
    "MONTH_SAVE_AS": "luu-tru/{year}/{month:02d}/index.html",
    "UNDATED_URL": "luu-tru/khong-ro-ngay/",
    "UNDATED_SAVE_AS": "luu-tru/khong-ro-ngay/index.html",
    "ON_THIS_DAY_URL": "ngay-nay-nam-xua/",
    "ON_THIS_DAY_SAVE_AS": "ngay-nay-nam-xua/index.html",
    "ON_THIS_DAY_MONTH_URL": "ngay-nay-nam-xua/{month:02d}/",
    "ON_THIS_DAY_MONTH_SAVE_AS": "ngay-nay-nam-xua/{month:02d}/index.html",
    "PER_PAGE": 50,
    "NEIGHBOURS": True,
    "ENABLED": True,
}

PLUGIN = Plugin(__name__, "DATE_ARCHIVES", DEFAULT_SETTINGS)
logger = PLUGIN.logger
plugin_settings = PLUGIN.options


def _patterns(options: dict) -> Patterns:
    return Patterns(
        year_url=options["YEAR_URL"],
        year_save_as=options["YEAR_SAVE_AS"],
        month_url=options["MONTH_URL"],
        month_save_as=options["MONTH_SAVE_AS"],
        undated_url=options["UNDATED_URL"],
        undated_save_as=options["UNDATED_SAVE_AS"],
    )


def years_chart(tree, siteurl: str = ""):
    return bar_chart(years_bars(tree), "bieu-do-nam", "Số bài theo năm", siteurl)


def year_chart(year, siteurl: str = ""):
    return bar_chart(year_bars(year), "bieu-do-thang", f"Số bài theo tháng, năm {year.year}", siteurl)


def month_chart(month, siteurl: str = ""):
    days = calendar.monthrange(month.year, month.month)[1]
    return bar_chart(month_bars(month, days), "bieu-do-ngay", f"Số bài theo ngày, tháng {month.month}/{month.year}",
                     siteurl, label_every=5)


def add_filters(generator) -> None:
    """Signal handler (generator_init): the chart filters."""
    generator.env.filters.update(years_chart=years_chart, year_chart=year_chart, month_chart=month_chart)


def add_tree(generator) -> None:
    """Signal handler (article_generator_finalized): the tree, the neighbours, the days of the year."""
    options = plugin_settings(generator.settings)
    if not options["ENABLED"]:
        return
    generator.context["archive_tree"] = build_tree(generator.articles, _patterns(options))
    if options["ON_THIS_DAY_SAVE_AS"]:
        generator.context["on_this_day"] = onthisday.build(
            generator.articles, options["ON_THIS_DAY_URL"], options["ON_THIS_DAY_SAVE_AS"],
            options["ON_THIS_DAY_MONTH_URL"], options["ON_THIS_DAY_MONTH_SAVE_AS"])
        generator.context["on_this_day_url"] = options["ON_THIS_DAY_URL"]  # the navigation's link (a string, not the days)
    if options["NEIGHBOURS"]:
        neighbours = chronological_neighbours(generator.articles)
        for article in generator.articles:
            article.prev_by_date, article.next_by_date = neighbours.get(id(article), (None, None))


def _write_paginated(generator, writer, template, save_as, url, articles, per_page, **kwargs) -> None:
    from pelican.paginator import Paginator

    if not save_as:
        return
    paginator = Paginator(save_as, url, articles, generator.settings, per_page)
    pages = [paginator.page(n) for n in paginator.page_range]
    for index, page in enumerate(pages):
        writer.write_file(
            page.save_as,
            template,
            generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"],
            paginated={},  # paginated here, not by the writer
            url=page.url,
            articles_paginator=paginator,
            articles_page=page,
            articles_previous_page=pages[index - 1] if index > 0 else None,
            articles_next_page=pages[index + 1] if index + 1 < len(pages) else None,
            **kwargs,
        )


def write_pages(generator, writer) -> None:
    """Signal handler (article_writer_finalized): year, month and undated pages."""
    options = plugin_settings(generator.settings)
    tree = generator.context.get("archive_tree")
    if not options["ENABLED"] or tree is None:
        return
    templates = PLUGIN.templates(generator, "archive_year", "archive_month", "archive_undated", missing="the date archives")
    if templates is None:
        return
    year_template, month_template, undated_template = templates
    per_page = max(1, int(options["PER_PAGE"] or 50))
    for year in tree.years:
        _write_paginated(generator, writer, year_template, year.save_as, year.url, year.year_only, per_page,
                         archive_year=year, template_name="archive_year")
    months = [(year, month) for year in tree.years for month in year.months]  # newest first
    for index, (year, month) in enumerate(months):
        _write_paginated(generator, writer, month_template, month.save_as, month.url, month.articles, per_page,
                         archive_year=year, archive_month=month, template_name="archive_month",
                         newer_month=months[index - 1][1] if index > 0 else None,
                         older_month=months[index + 1][1] if index + 1 < len(months) else None)
    if tree.undated:
        _write_paginated(generator, writer, undated_template, tree.undated_save_as, tree.undated_url, tree.undated,
                         per_page, template_name="archive_undated")
    days = generator.context.get("on_this_day")
    if days is not None:
        _write_on_this_day(generator, writer, days)


def _write_on_this_day(generator, writer, days: onthisday.OnThisDay) -> None:
    """The index and the month pages of "Ngày này năm xưa" (not paginated: a
    month's days are one page, with an anchor per day)."""
    templates = PLUGIN.templates(generator, "on_this_day", "on_this_day_month", missing="Ngày này năm xưa")
    if templates is None:
        return
    index_template, month_template = templates
    relative = generator.settings["RELATIVE_URLS"]
    writer.write_file(days.save_as, index_template, generator.context, relative_urls=relative, paginated={},
                      url=days.url, template_name="on_this_day", page_name="on_this_day")
    # Each month page names only its own month and its neighbours' numbers and
    # URLs, so an article added in May re-renders the index and May only.
    links = [{"month": m.month, "url": m.url} for m in days.months]
    for index, month in enumerate(days.months):
        writer.write_file(month.save_as, month_template, generator.context, relative_urls=relative, paginated={},
                          url=month.url, template_name="on_this_day_month", page_name="on_this_day",
                          days_month=month, days_index_url=days.url,
                          previous_days_month=links[index - 1] if index > 0 else None,
                          next_days_month=links[index + 1] if index + 1 < len(links) else None)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_filters)
    PLUGIN.connect(signals.article_generator_finalized, add_tree)
    PLUGIN.connect(signals.article_writer_finalized, write_pages)

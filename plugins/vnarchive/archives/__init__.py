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
  every dated article.

Templates used: archive_year.html, archive_month.html, archive_undated.html,
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
        "PER_PAGE": 50,       # articles per archive page
        "NEIGHBOURS": True,   # set prev_by_date / next_by_date
        "ENABLED": True,
    }
"""

from __future__ import annotations

from vnarchive.foundation import Plugin

from .tree import Patterns, build_tree, chronological_neighbours

DEFAULT_SETTINGS = {
    "YEAR_URL": "luu-tru/{year}/",
    "YEAR_SAVE_AS": "luu-tru/{year}/index.html",
    "MONTH_URL": "luu-tru/{year}/{month:02d}/",
    "MONTH_SAVE_AS": "luu-tru/{year}/{month:02d}/index.html",
    "UNDATED_URL": "luu-tru/khong-ro-ngay/",
    "UNDATED_SAVE_AS": "luu-tru/khong-ro-ngay/index.html",
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


def add_tree(generator) -> None:
    """Signal handler (article_generator_finalized): the tree and the neighbours."""
    options = plugin_settings(generator.settings)
    if not options["ENABLED"]:
        return
    generator.context["archive_tree"] = build_tree(generator.articles, _patterns(options))
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
    from pelican.generators import PelicanTemplateNotFound

    options = plugin_settings(generator.settings)
    tree = generator.context.get("archive_tree")
    if not options["ENABLED"] or tree is None:
        return
    try:
        year_template = generator.get_template("archive_year")
        month_template = generator.get_template("archive_month")
        undated_template = generator.get_template("archive_undated")
    except PelicanTemplateNotFound as error:
        logger.warning("archives: theme has no archive templates (%s); no date archives written", error)
        return
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


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.article_generator_finalized, add_tree)
    PLUGIN.connect(signals.article_writer_finalized, write_pages)

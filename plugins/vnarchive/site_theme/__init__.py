"""site_theme: what the theme needs from Python.

- Jinja filters (filters.py): `text` (safe plain text), `plain`, `shorten`,
  `safe_url`, `by_name`, `by_count`, `is_absolute`, `news_article_ld`;
- pages rendered from theme templates with the full site context: the
  "about this archive" page, the search page and the 404 page;
- `site_pages` in the context: page name -> URL, for links in the layout;
  `report_url`: the conversion report the rawnews plugin publishes;
- orderings computed once per build, not once per page: `tags_by_count`,
  `categories_by_count`, `authors_by_name` ((object, articles) pairs).

Settings (all optional), merged over DEFAULT_SETTINGS:

    SITE_THEME = {
        "PAGES": {                      # template name -> file written
            "about": "gioi-thieu/index.html",
            "search": "tim-kiem/index.html",
            "404": "404.html",
        },
        "ROOT_RELATIVE": ["404"],       # pages served at any path: links from the site root
        "REPORT_URL": None,             # None: RAWNEWS["REPORT_NAME"] or "conversion-report.json"
        "ENABLED": True,
    }

A page whose template the theme lacks is skipped with a warning.
"""

from __future__ import annotations

from vnarchive.common.urls import url_of
from vnarchive.foundation import Plugin

from .filters import FILTERS, by_count, by_name

DEFAULT_SETTINGS = {
    "PAGES": {
        "about": "gioi-thieu/index.html",
        "search": "tim-kiem/index.html",
        "404": "404.html",
    },
    "ROOT_RELATIVE": ["404"],
    "REPORT_URL": None,
    "ENABLED": True,
}

PLUGIN = Plugin(__name__, "SITE_THEME", DEFAULT_SETTINGS)
logger = PLUGIN.logger
plugin_settings = PLUGIN.options


def report_url(settings: dict, options: dict) -> str:
    if options["REPORT_URL"]:
        return str(options["REPORT_URL"])
    rawnews = settings.get("RAWNEWS") or {}
    return str(rawnews.get("REPORT_NAME") or "conversion-report.json") if isinstance(rawnews, dict) else "conversion-report.json"


def setup_generator(generator) -> None:
    """Signal handler (generator_init): filters, and the page URLs in the context."""
    generator.env.filters.update(FILTERS)
    options = plugin_settings(generator.settings)
    pages = options["PAGES"] if options["ENABLED"] else {}
    generator.context["site_pages"] = {name: url_of(save_as) for name, save_as in (pages or {}).items() if save_as}
    generator.context["report_url"] = report_url(generator.settings, options)


def add_orderings(generator) -> None:
    """Signal handler (article_generator_finalized): sorted indexes, once.

    The home page's side column shows the most used tags on every page of
    the pagination; sorting 10,000 tags for each of 2,500 pages would cost
    more than the rest of the page."""
    context = generator.context
    context["tags_by_count"] = by_count(context.get("tags") or [])
    context["categories_by_count"] = by_count(context.get("categories") or [])
    context["authors_by_name"] = by_name(context.get("authors") or [])


def write_pages(generator, writer) -> None:
    """Signal handler (article_writer_finalized): the theme's own pages."""
    from pelican.generators import PelicanTemplateNotFound

    options = plugin_settings(generator.settings)
    if not options["ENABLED"]:
        return
    for name, save_as in (options["PAGES"] or {}).items():
        if not save_as:
            continue
        try:
            template = generator.get_template(name)
        except PelicanTemplateNotFound:
            logger.warning("site_theme: the theme has no %s.html; %s not written", name, save_as)
            continue
        root_relative = name in (options["ROOT_RELATIVE"] or ())
        writer.write_file(
            save_as,
            template,
            generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"] and not root_relative,
            paginated={},
            template_name=name,
            page_name=name,
            url=url_of(save_as),
        )


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, setup_generator)
    PLUGIN.connect(signals.article_generator_finalized, add_orderings)
    PLUGIN.connect(signals.article_writer_finalized, write_pages)

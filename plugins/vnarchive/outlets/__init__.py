"""outlets: a page per news outlet (nguon/<slug>/), its feeds, and an index of outlets.

Posts name the outlets they came from in their `Outlets` metadata
(";"-separated: "TTXVN;", "Báo Quân đội nhân dân;"). This plugin turns each
name into an `Outlet` (a Pelican URLWrapper, like a tag) and:

- sets `article.outlet_list` (the article's outlets, in its order) so the
  byline links to them;
- adds `outlets_by_count` ((outlet, articles) pairs, most articles first) to
  the context, for the index page and the nav;
- writes each outlet's page with the `outlet` template through the same
  path as Pelican's tag pages (vnarchive.fast_build.taxonomy.write_taxonomy:
  the writer's pagination, which fast_build makes stable, and its
  skip-unchanged keys), and the index with the `outlets` template;
- writes an Atom and an RSS feed per outlet (the feeds plugin titles them).

Newsroom credits ("Nhóm PV", "PV") are not outlets: they stay in `Groups`
and get no page.

Pelican-style settings, given these defaults at `initialized` unless the
settings file sets them (like TAG_URL and friends):

    OUTLET_URL = "nguon/{slug}/"
    OUTLET_SAVE_AS = "nguon/{slug}/index.html"
    OUTLETS_SAVE_AS = "nguon/index.html"
    OUTLET_FEED_ATOM = "feeds/nguon/{slug}.atom.xml"   # None: no feed
    OUTLET_FEED_RSS = "feeds/nguon/{slug}.rss.xml"

and "outlet" is added to PAGINATED_TEMPLATES (DEFAULT_PAGINATION per page)
when absent. OUTLETS = {"ENABLED": True} turns the plugin off for a build.
"""

from __future__ import annotations

from vnarchive.common.urls import url_of
from vnarchive.foundation import Plugin

from .model import Outlet, group_by_outlet, split_names

DEFAULT_SETTINGS = {"ENABLED": True}
PELICAN_DEFAULTS = {
    "OUTLET_URL": "nguon/{slug}/",
    "OUTLET_SAVE_AS": "nguon/{slug}/index.html",
    "OUTLETS_SAVE_AS": "nguon/index.html",
    "OUTLET_FEED_ATOM": "feeds/nguon/{slug}.atom.xml",
    "OUTLET_FEED_RSS": "feeds/nguon/{slug}.rss.xml",
}

PLUGIN = Plugin(__name__, "OUTLETS", DEFAULT_SETTINGS)
logger = PLUGIN.logger

__all__ = ["Outlet", "group_by_outlet", "split_names", "register"]


def _enabled(settings) -> bool:
    return bool(PLUGIN.options(settings)["ENABLED"])


def add_settings(pelican) -> None:
    """Signal handler (initialized): the OUTLET_* defaults, and "outlet" paginated.

    Runs before Pelican copies its settings into the template context, so
    templates see OUTLET_URL and OUTLETS_SAVE_AS like the tag settings."""
    settings = pelican.settings
    for key, value in PELICAN_DEFAULTS.items():
        settings.setdefault(key, value)
    paginated = settings.get("PAGINATED_TEMPLATES") or {}
    if "outlet" not in paginated:
        settings["PAGINATED_TEMPLATES"] = {**paginated, "outlet": None}


def attach(generator) -> None:
    """Signal handler (article_generator_finalized): outlets on articles, pairs in the context."""
    if not _enabled(generator.settings):
        return
    pairs = group_by_outlet(generator.articles, generator.settings)
    generator.context["outlets_by_count"] = pairs


def write_pages(generator, writer) -> None:
    """Signal handler (article_writer_finalized): each outlet's pages and feeds, and the index."""
    from functools import partial

    from vnarchive.fast_build.taxonomy import write_taxonomy

    settings = generator.settings
    pairs = generator.context.get("outlets_by_count")
    if not _enabled(settings) or pairs is None:
        return
    templates = PLUGIN.templates(generator, "outlet", "outlets", missing="the outlet pages")
    if templates is None:
        return
    index_template = templates[1]
    relative = settings["RELATIVE_URLS"]
    if settings.get("OUTLET_SAVE_AS"):
        write_taxonomy(generator, partial(writer.write_file, relative_urls=relative), pairs, "outlet", "outlet")
    for outlet, articles in pairs:
        for kind in ("atom", "rss"):
            pattern = settings.get(f"OUTLET_FEED_{kind.upper()}")
            if pattern:
                path = str(pattern).format(slug=outlet.slug)
                writer.write_feed(articles, generator.context, path, path, feed_type=kind, feed_title=outlet.name)
    save_as = settings.get("OUTLETS_SAVE_AS")
    if save_as:
        writer.write_file(
            save_as,
            index_template,
            generator.context,
            relative_urls=relative,
            paginated={},
            template_name="outlets",
            page_name=save_as[: -len(".html")] if save_as.endswith(".html") else save_as,
            url=url_of(save_as),
        )


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.initialized, add_settings)
    PLUGIN.connect(signals.article_generator_finalized, attach)
    PLUGIN.connect(signals.article_writer_finalized, write_pages)

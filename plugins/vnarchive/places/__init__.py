"""places: a page per province the articles are about, an index with a map.

The converter writes each post's provinces as `Places` metadata
(rawnews/extract/places.py); this plugin groups the articles by them:

- `place_index` (index.PlaceIndex: every province, with its articles newest
  first) and `places_url` (the index's URL, for the navigation) in the
  template context;
- pages written: `dia-phuong/<slug>/` for each province that has articles,
  paginated like the tag pages (template place.html, given `place_name`
  and, on the first page, `place_count`), and
  `dia-phuong/` (template places.html): the map and every province with
  its count;
- the Jinja filters `vn_map` (the SVG map of an index, svgmap.py) and
  `map_legend` (its colour steps).

Settings (all optional), merged over DEFAULT_SETTINGS:

    PLACES = {
        "URL": "dia-phuong/{slug}/",
        "SAVE_AS": "dia-phuong/{slug}/index.html",
        "INDEX_URL": "dia-phuong/",
        "INDEX_SAVE_AS": "dia-phuong/index.html",
        "PER_PAGE": None,   # articles per page; None: DEFAULT_PAGINATION
        "ENABLED": True,
    }
"""

from __future__ import annotations

from vnarchive.foundation import Plugin

from . import index, svgmap

DEFAULT_SETTINGS = {
    "URL": "dia-phuong/{slug}/",
    "SAVE_AS": "dia-phuong/{slug}/index.html",
    "INDEX_URL": "dia-phuong/",
    "INDEX_SAVE_AS": "dia-phuong/index.html",
    "PER_PAGE": None,
    "ENABLED": True,
}

PLUGIN = Plugin(__name__, "PLACES", DEFAULT_SETTINGS)
logger = PLUGIN.logger
plugin_settings = PLUGIN.options


def vn_map(place_index: index.PlaceIndex, siteurl: str = ""):
    regions = [svgmap.Region(p.name, p.count, p.url) for p in place_index.places]
    return svgmap.render(regions, siteurl)


def map_legend(place_index: index.PlaceIndex) -> list[tuple[str, str]]:
    return svgmap.legend(svgmap.breaks([p.count for p in place_index.places]))


def add_filters(generator) -> None:
    """Signal handler (generator_init): the map filters, and `place_links` for an
    article's provinces (none when the province pages are off)."""
    options = plugin_settings(generator.settings)
    urls = index.urls_by_name(options["URL"]) if options["ENABLED"] and options["SAVE_AS"] else {}

    def place_links(article) -> list[tuple[str, str]]:
        return index.links(getattr(article, "places", ""), urls)

    generator.env.filters.update(vn_map=vn_map, map_legend=map_legend, place_links=place_links)


def add_index(generator) -> None:
    """Signal handler (article_generator_finalized): the articles by province."""
    options = plugin_settings(generator.settings)
    if not options["ENABLED"]:
        return
    generator.context["place_index"] = index.build(
        generator.articles, options["INDEX_URL"], options["INDEX_SAVE_AS"], options["URL"], options["SAVE_AS"])
    # The navigation names this string only: a page that looked up the whole
    # index would be rendered again whenever any article changed.
    generator.context["places_url"] = options["INDEX_URL"] if options["INDEX_SAVE_AS"] else ""


def write_pages(generator, writer) -> None:
    """Signal handler (article_writer_finalized): the index and the province pages."""
    from vnarchive.fast_build.pagination import StablePaginator

    options = plugin_settings(generator.settings)
    place_index = generator.context.get("place_index")
    if not options["ENABLED"] or place_index is None:
        return
    templates = PLUGIN.templates(generator, "places", "place", missing="the province pages")
    if templates is None:
        return
    index_template, place_template = templates
    relative = generator.settings["RELATIVE_URLS"]
    if place_index.save_as:
        writer.write_file(place_index.save_as, index_template, generator.context, relative_urls=relative,
                          paginated={}, url=place_index.url, template_name="places", page_name="places")
    per_page = int(options["PER_PAGE"] or generator.settings.get("DEFAULT_PAGINATION") or 20)
    for place in place_index.places:
        if not place.articles or not place.save_as:
            continue
        # Paginated as the tag pages are (fast_build/pagination.py): full pages
        # counted from the oldest article never change; a page names only the
        # province's name and (the first) its count, not its whole list.
        paginator = StablePaginator(place.save_as, place.url, place.articles, generator.settings, per_page)
        pages = [paginator.page(n) for n in paginator.page_range]
        for number, page in enumerate(pages):
            writer.write_file(
                page.save_as, place_template, generator.context, relative_urls=relative,
                paginated={}, url=page.url, template_name="place", page_name="places",
                place_name=place.name, place_count=place.count if number == 0 else None,
                places_index_url=place_index.url,
                articles_paginator=paginator, articles_page=page,
                articles_previous_page=pages[number - 1] if number > 0 else None,
                articles_next_page=pages[number + 1] if number + 1 < len(pages) else None,
            )


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_filters)
    PLUGIN.connect(signals.article_generator_finalized, add_index)
    PLUGIN.connect(signals.article_writer_finalized, write_pages)

"""article_order: Pelican's article order, without its quadratic translation pass.

Pelican finds translations by grouping articles by ARTICLE_TRANSLATION_ID
and then listing the rest with `x not in index` over a list: a pass whose
time grows with the square of the article count (seconds at 10,000 posts,
minutes at 150,000). This archive is in one language and has no
translations, so pelicanconf.py turns the pass off
(ARTICLE_TRANSLATION_ID = None). The pass also gave equal dates a
deterministic order (its grouping sorts by slug; Pelican's file list is a
set), so this plugin restores that order in one sort: by slug, then newest
first, ties keeping slug order, exactly the order the pass gave.

It acts only when the pass is off and ARTICLE_ORDER_BY is Pelican's
default "reversed-date"; with any other setting Pelican's own order stands.
"""

from __future__ import annotations

from operator import attrgetter

from vnarchive.foundation import Plugin

PLUGIN = Plugin(__name__)


def slug_then_newest(articles: list) -> None:
    """Sort in place: by slug, then stably by date, newest first."""
    articles.sort(key=attrgetter("slug"))
    articles.sort(key=attrgetter("date"), reverse=True)


def restore_order(generator) -> None:
    """Signal handler (article_generator_pretaxonomy: before categories, tags, authors and dates are made)."""
    settings = generator.settings
    if settings.get("ARTICLE_TRANSLATION_ID") or settings.get("ARTICLE_ORDER_BY") != "reversed-date":
        return
    for articles in (generator.articles, generator.hidden_articles, generator.drafts):
        slug_then_newest(articles)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.article_generator_pretaxonomy, restore_order)

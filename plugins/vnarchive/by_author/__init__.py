"""by_author: "Bài khác của tác giả", other articles by the same reporter.

Sets `article.same_author` on every article: up to COUNT other articles by
any of its persons (`authors`; newsroom credits in `Groups` are not persons
and never count), those published nearest to it, listed newest first, never
the article itself. Nearest, not newest: what the reporter wrote around that
story, and a new article changes only the lists of its persons' COUNT
nearest articles, not every page they ever wrote (picks.py). Computed in
`article_generator_finalized` in time linear in the articles.

fast_build re-renders an article's page when this list changes: the list
is an attribute of the article, and a page's key digests its article's
attributes with the title, date and text of each article they name
(fast_build/digest.py, Digester.content_own). Listings do not show it, and
their keys leave out attributes that name other articles.

Settings (all optional): BY_AUTHOR = {"COUNT": 5, "ENABLED": True}.
"""

from __future__ import annotations

from vnarchive.foundation import Plugin

from .picks import others_by_author

DEFAULT_SETTINGS = {"COUNT": 5, "ENABLED": True}
PLUGIN = Plugin(__name__, "BY_AUTHOR", DEFAULT_SETTINGS)
logger = PLUGIN.logger


def attach(generator) -> None:
    """Signal handler (article_generator_finalized)."""
    options = PLUGIN.options(generator.settings)
    if not options["ENABLED"]:
        return
    count = options["COUNT"]
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        logger.warning("by_author: COUNT must be a non-negative integer, got %r; using 5", count)
        count = 5
    picks = others_by_author(generator.articles, count)
    for article, others in zip(generator.articles, picks):
        article.same_author = others


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.article_generator_finalized, attach)

"""related: 3-5 related articles per article, by shared tags and text.

Sets `article.related_articles` (a list of articles, best first) when the
article generator has read every article. The similarity itself is in
`similarity.py` (pure, no Pelican); `python -m related.benchmark` times it
on a synthetic corpus.

Settings (all optional), merged over DEFAULT_SETTINGS:

    RELATED = {
        "COUNT": 5,             # at most this many per article
        "MINIMUM": 3,           # filled from the same category, then by date, when fewer are similar
        "SIGNATURE_SIZE": 16,   # rare bigrams kept per article
        "WINDOW": 48,           # posting-list entries visited around an article (bounds the cost)
        "MIN_SCORE": 0.04,      # similarity below this does not count
        "MAX_CHARS": 1000,      # characters of lead + body read per article
        "ENABLED": True,
    }
"""

from __future__ import annotations

import html
import logging
import re
import time

from .similarity import Doc, Options, related

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS = {
    "COUNT": 5,
    "MINIMUM": 3,
    "SIGNATURE_SIZE": 16,
    "WINDOW": 48,
    "MIN_SCORE": 0.04,
    "MAX_CHARS": 1000,
    "ENABLED": True,
}

_TAG = re.compile(r"<[^>]*>")


def plugin_settings(settings: dict) -> dict:
    """RELATED merged over the defaults; unknown keys are logged and ignored."""
    user = settings.get("RELATED") or {}
    if not isinstance(user, dict):
        logger.error("related: RELATED must be a dict, got %r; using defaults", type(user).__name__)
        user = {}
    unknown = set(user) - set(DEFAULT_SETTINGS)
    if unknown:
        logger.warning("related: unknown RELATED keys ignored: %s", ", ".join(sorted(unknown)))
    return {**DEFAULT_SETTINGS, **{k: v for k, v in user.items() if k in DEFAULT_SETTINGS}}


def plain_text(markup) -> str:
    """Visible text of an HTML fragment (entities decoded)."""
    return html.unescape(_TAG.sub(" ", str(markup or "")))


def _when(article) -> float:
    try:
        return article.date.timestamp()
    except (AttributeError, ValueError, OverflowError):
        return 0.0


def to_doc(article, max_chars: int) -> Doc:
    summary = plain_text(getattr(article, "summary", ""))
    body = plain_text(getattr(article, "_content", ""))[:max_chars]
    return Doc(
        title=plain_text(getattr(article, "title", "")),
        text=f"{summary} {body}",
        tags=tuple(str(tag) for tag in getattr(article, "tags", None) or ()),
        category=str(getattr(article, "category", "") or ""),
        when=_when(article),
    )


def attach_related(generator) -> None:
    """Signal handler (article_generator_finalized)."""
    options = plugin_settings(generator.settings)
    articles = list(generator.articles)
    if not options["ENABLED"]:
        return
    began = time.perf_counter()
    docs = [to_doc(article, options["MAX_CHARS"]) for article in articles]
    lists = related(
        docs,
        Options(
            count=options["COUNT"],
            minimum=options["MINIMUM"],
            signature_size=options["SIGNATURE_SIZE"],
            window=options["WINDOW"],
            min_score=options["MIN_SCORE"],
            max_chars=options["MAX_CHARS"],
        ),
    )
    for article, indexes in zip(articles, lists):
        article.related_articles = [articles[i] for i in indexes]
    logger.info("related: %d articles in %.1f s", len(articles), time.perf_counter() - began)


def register() -> None:
    from pelican import signals

    signals.article_generator_finalized.connect(attach_related)

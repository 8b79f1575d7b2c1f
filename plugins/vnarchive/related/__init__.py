"""related: 3-5 related articles per article, by shared tags and text.

Sets `article.related_articles` (a list of articles, best first) when the
article generator has read every article. The similarity itself is in
`similarity.py` (pure, no Pelican); `python -m vnarchive.related.benchmark` times it
on a synthetic corpus. With JOBS > 1, once its indexes are built, the
articles are scored by that many processes (this one and forked ones; the
same lists): 3.8 -> 3.2 s for 10,000 synthetic articles on 2 cores. By
default ("auto") only up to FORK_LIMIT articles: the forked process's copy
of the indexes raised the summed RSS of a 50,000-article build from 3.88 to
4.13 GiB, over the 4 GiB budget (docs/performance.md), while at 10,000 it
adds ~0.1 GiB to a build of ~0.9 GiB.

With CACHE_CONTENT on, CACHE_PATH/related/cache.json keeps the last lists
with a digest of every input (settings and each article's title, text, tags,
category and date): a build where none changed reuses them. Any change
recomputes all lists: every article's weights depend on the whole corpus
(idf over the article count and each tag's and bigram's frequency), so one
added article can reorder any list, and nothing short of recomputing is
exact. (Caching each text's bigrams, tried, saved less than reading the
cache cost.)

Settings (all optional), merged over DEFAULT_SETTINGS:

    RELATED = {
        "COUNT": 5,             # at most this many per article
        "MINIMUM": 3,           # filled from the same category, then by date, when fewer are similar
        "SIGNATURE_SIZE": 16,   # rare bigrams kept per article
        "WINDOW": 48,           # posting-list entries visited around an article (bounds the cost)
        "MIN_SCORE": 0.04,      # similarity below this does not count
        "MAX_CHARS": 1000,      # characters of lead + body read per article
        "PLACE_WEIGHT": 0.3,    # weight of a place tag (provinces, districts) against other tags
        "OTHER_CATEGORY": 0.7,  # share of its score a candidate of another category keeps
        "JOBS": "auto",         # processes that score the articles: "auto" = one per core up to
                                # FORK_LIMIT articles, then 1; None: one per core; or a number
        "ENABLED": True,
    }
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache
from pathlib import Path

from vnarchive.common.statefile import load_versioned
from vnarchive.common.text import strip_tags
from vnarchive.common.workers import cpu_count
from vnarchive.foundation import Plugin

from .similarity import Doc, Options, related

DEFAULT_SETTINGS = {
    "COUNT": 5,
    "MINIMUM": 3,
    "SIGNATURE_SIZE": 16,
    "WINDOW": 48,
    "MIN_SCORE": 0.04,
    "MAX_CHARS": 1000,
    "PLACE_WEIGHT": 0.3,
    "OTHER_CATEGORY": 0.7,
    "JOBS": "auto",
    "ENABLED": True,
}
FORK_LIMIT = 20_000

PLUGIN = Plugin(__name__, "RELATED", DEFAULT_SETTINGS)
logger = PLUGIN.logger
plugin_settings = PLUGIN.options


def scoring_jobs(setting, articles: int) -> int:
    """Processes for the scoring, from the JOBS setting (see the module docstring)."""
    cores = cpu_count()
    if setting == "auto":
        return cores if articles <= FORK_LIMIT else 1
    if isinstance(setting, int) and not isinstance(setting, bool) and setting > 0:
        return setting
    if setting is not None:
        logger.warning("related: JOBS must be \"auto\", None or a positive number, got %r; using 1", setting)
        return 1
    return cores


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """Provinces and districts (the converter's lists), casefolded and sorted."""
    from vnarchive.rawnews.data import data_lines
    from vnarchive.rawnews.extract.places import province_names

    names = set()
    for line in (*province_names(), *data_lines("districts.txt")):
        name = line.split("=", 1)[0].strip()
        for kind in ("Thành phố ", "Thị xã ", "Huyện ", "Quận ", "huyện ", "quận ", "thị xã ", "thành phố "):
            if name.startswith(kind):
                name = name[len(kind):]
        names.add(f"quận {name}" if name[:1].isdigit() else name.casefold())  # the tag "Quận 1"
    names.update(("việt nam", "tp hồ chí minh", "tp hcm", "tphcm", "sài gòn"))
    return tuple(sorted(names))


def _when(article) -> float:
    try:
        return article.date.timestamp()
    except (AttributeError, ValueError, OverflowError):
        return 0.0


def to_doc(article, max_chars: int) -> Doc:
    summary = strip_tags(getattr(article, "summary", ""))
    body = strip_tags(getattr(article, "_content", ""))[:max_chars]
    return Doc(
        title=strip_tags(getattr(article, "title", "")),
        text=f"{summary} {body}",
        tags=tuple(str(tag) for tag in getattr(article, "tags", None) or ()),
        category=str(getattr(article, "category", "") or ""),
        when=_when(article),
    )


def scoring_options(options: dict) -> Options:
    """The similarity's options from the plugin's settings (one place: the sharded
    build's metadata pass must score exactly as a single build does)."""
    return Options(
        count=options["COUNT"],
        minimum=options["MINIMUM"],
        signature_size=options["SIGNATURE_SIZE"],
        window=options["WINDOW"],
        min_score=options["MIN_SCORE"],
        max_chars=options["MAX_CHARS"],
        place_weight=options["PLACE_WEIGHT"],
        places=place_names(),
        other_category=options["OTHER_CATEGORY"],
    )


def attach_related(generator) -> None:
    """Signal handler (article_generator_finalized)."""
    options = plugin_settings(generator.settings)
    articles = list(generator.articles)
    if not options["ENABLED"]:
        return
    began = time.perf_counter()
    docs = [to_doc(article, options["MAX_CHARS"]) for article in articles]
    settings = scoring_options(options)
    path = cache_file(generator.settings)
    jobs = scoring_jobs(options["JOBS"], len(docs))
    lists, reused = cached_related(docs, settings, path, jobs)
    for article, indexes in zip(articles, lists):
        article.related_articles = [articles[i] for i in indexes]
    logger.info("related: %d articles in %.1f s%s", len(articles), time.perf_counter() - began, " (unchanged: cached)" if reused else "")


CACHE_VERSION = 3  # 3: bigrams numbered by text_keys


def cache_file(settings: dict) -> Path | None:
    """CACHE_PATH/related/cache.json, or None when content caching is off."""
    if not settings.get("CACHE_CONTENT", True) or not settings.get("CACHE_PATH"):
        return None
    return Path(settings["CACHE_PATH"]) / "related" / "cache.json"


def inputs_key(docs: list[Doc], options: Options) -> str:
    """Digest of everything related() reads: the options and every doc, in order."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((CACHE_VERSION, options)).encode())
    for doc in docs:
        digest.update(json.dumps([doc.title, doc.text, doc.tags, doc.category, doc.when], ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached_related(docs: list[Doc], options: Options, path: Path | None, workers: int = 1, keys=None) -> tuple[list[list[int]], bool]:
    """related(docs), reusing the cache at `path`; (lists, whether they were reused whole).
    `keys`: the docs' text_keys when the caller kept them (similarity.related)."""
    if path is None:
        return related(docs, options, workers, keys=keys), False
    cache = _load(path)
    key = inputs_key(docs, options)
    lists = cache.get("lists")
    if cache.get("key") == key and isinstance(lists, list) and len(lists) == len(docs) and all(
        isinstance(found, list) and all(isinstance(i, int) and 0 <= i < len(docs) for i in found) for found in lists
    ):
        return lists, True
    lists = related(docs, options, workers, keys=keys)
    _save(path, {"version": CACHE_VERSION, "key": key, "lists": lists})
    return lists, False


def _load(path: Path) -> dict:
    return load_versioned(path, CACHE_VERSION)


def _save(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as error:
        logger.warning("related: cannot write the cache %s: %s", path, error)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.article_generator_finalized, attach_related)

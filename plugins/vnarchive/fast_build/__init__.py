"""fast_build: Pelican builds that scale with what changed, not with the archive.

- reader.py: Markdown posts in the converter's restricted form are rendered
  without Python-Markdown (identical output, checked by the tests); one
  tag, category or author object per name, not one per post;
- taxonomy.py: tag/category/author/period lists in linear time instead of
  Pelican 4.12's quadratic list-membership filter;
- writer.py: a Writer that renders only pages and feeds whose inputs changed
  since the last build, and deletes the files of pages that are gone (before
  `finalized`, so the search index never sees a deleted page);
- pagination.py: pages counted from the oldest article, so one new article
  does not shift every page of every listing;
- urls.py: articles', tags', categories' and authors' URLs computed once
  per build instead of on every access (an article's source path relative
  to the content folder as soon as it is read);
- the garbage collector runs less often, and not over the context once it
  is built (vnarchive.common.collector);
- the pages to render are queued and rendered over every core (forked
  processes: vnarchive.common.workers.run_forked) once all generators have
  asked for them, or once QUEUE are waiting: each holds its own copy of
  the context, so the queue is bounded.

Settings: FAST_BUILD = {"SKIP_UNCHANGED": True, "STABLE_PAGINATION": True,
"FAST_MARKDOWN": True, "LINEAR_TAXONOMY": True, "DELETE_STALE": True,
"VERIFY": False, "SALT": "", "JOBS": None, "KEEP_URLS": True, "QUEUE": 2000} (DEFAULT_SETTINGS below). The page-skipping state lives
in CACHE_PATH/fast_build/. See docs/performance.md.
"""

from __future__ import annotations

from vnarchive.foundation import Plugin

DEFAULT_SETTINGS = {
    "SKIP_UNCHANGED": True,  # keep pages whose inputs did not change
    "STABLE_PAGINATION": True,  # pages counted from the oldest article (pagination.py)
    "FAST_MARKDOWN": True,  # restricted-Markdown fast path in the reader
    "LINEAR_TAXONOMY": True,  # set-based tag/category/author/period lists
    "DELETE_STALE": True,  # delete files an earlier build wrote and this one did not
    "VERIFY": False,  # render skipped pages anyway and compare (tests, debugging)
    "SALT": "",  # change to force a full re-render
    "KEEP_URLS": True,  # each object's URLs computed once per build (urls.py)
    "JOBS": None,  # processes that render pages; None: one per core, 1: render inline
    "QUEUE": 2000,  # pages held (each with its own copy of the context) before they are rendered
}
PLUGIN = Plugin(__name__, "FAST_BUILD", DEFAULT_SETTINGS)
logger = PLUGIN.logger

_TAKEN: dict[int, list] = {}  # id(pelican) -> other plugins' get_writer receivers


def _options(settings) -> dict:
    from .writer import options

    return options(settings)


def _install_reader(readers) -> None:
    if _options(readers.settings)["FAST_MARKDOWN"]:
        from .reader import install

        install(readers)


def _install_taxonomy(generator) -> None:
    if _options(generator.settings)["LINEAR_TAXONOMY"]:
        from .taxonomy import install

        install(generator)


def _keep_urls(generators) -> None:
    generators = list(generators)
    if generators and _options(generators[0].settings)["KEEP_URLS"]:
        from .urls import keep_all_urls

        keep_all_urls(generators)


def _remember_source(content) -> None:
    if _options(content.settings)["KEEP_URLS"]:
        from .urls import remember_source

        remember_source(content)


def _take_writers(pelican) -> None:
    """Stand in front of other plugins' writers instead of competing with them.

    Pelican uses the first class returned on `get_writer` and warns if there
    are several; so the other receivers are disconnected for this build, and
    _writer() puts the fast-build mixin in front of the class they return.
    """
    from pelican import signals

    others = [r for r in signals.get_writer.receivers_for(pelican) if r is not PLUGIN.receiver(_writer)]
    for receiver in others:
        signals.get_writer.disconnect(receiver)
    _TAKEN[id(pelican)] = others


def _writer(pelican):
    from pelican.writers import Writer

    from .writer import compose

    classes = [cls for cls in (receiver(pelican) for receiver in _TAKEN.get(id(pelican), [])) if isinstance(cls, type)]
    if len(classes) > 1:
        logger.warning("fast_build: %d other writers found, using %s", len(classes), classes[0].__name__)
    return compose(classes[0] if classes else Writer)


class FlushGenerator:
    """Added after the other generators: renders the pages the writer queued
    and deletes the pages that are gone, so the output is final before
    `finalized`. Its receivers (the search index, the sitemap) read that
    tree, and blinker calls them in no set order, so none of them may be the
    one that finishes the pages."""

    def __init__(self, *args, **kwargs):
        pass

    def generate_output(self, writer) -> None:
        from .writer import finish_build

        if getattr(writer, "flush", None) is not None:
            finish_build(writer.output_path)


def _generators(pelican):
    return FlushGenerator


def _finish(pelican) -> None:
    """The writer was finished by FlushGenerator; this one only forgets the
    build (and finishes the writer if, somehow, no generator did)."""
    from .writer import finish_build

    _TAKEN.pop(id(pelican), None)
    finish_build(pelican.output_path)


def register() -> None:
    from pelican import signals

    from vnarchive.common.collector import collect_less, freeze_context, thaw

    PLUGIN.connect(signals.readers_init, _install_reader)
    PLUGIN.connect(signals.article_generator_init, _install_taxonomy)
    PLUGIN.connect(signals.initialized, _take_writers)
    PLUGIN.connect(signals.get_writer, _writer)
    PLUGIN.connect(signals.get_generators, _generators)
    PLUGIN.connect(signals.content_object_init, _remember_source)
    PLUGIN.connect(signals.all_generators_finalized, _keep_urls)
    PLUGIN.connect(signals.initialized, collect_less)
    PLUGIN.connect(signals.all_generators_finalized, freeze_context)
    PLUGIN.connect(signals.finalized, thaw)
    PLUGIN.connect(signals.finalized, _finish)

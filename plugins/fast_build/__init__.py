"""fast_build: Pelican builds that scale with what changed, not with the archive.

- reader.py: Markdown posts in the converter's restricted form are rendered
  without Python-Markdown (identical output, checked by the tests);
- taxonomy.py: tag/category/author/period lists in linear time instead of
  Pelican 4.12's quadratic list-membership filter;
- writer.py: a Writer that renders only pages and feeds whose inputs changed
  since the last build, and deletes the files of pages that are gone (before
  `finalized`, so the search index never sees a deleted page);
- pagination.py: pages counted from the oldest article, so one new article
  does not shift every page of every listing;
- urls.py: articles', tags', categories' and authors' URLs computed once
  per build instead of on every access;
- parallel.py: the pages to render are queued and rendered over every core
  (forked processes) once all generators have asked for them.

Settings: FAST_BUILD = {"SKIP_UNCHANGED": True, "STABLE_PAGINATION": True,
"FAST_MARKDOWN": True, "LINEAR_TAXONOMY": True, "DELETE_STALE": True,
"VERIFY": False, "SALT": "", "JOBS": None, "KEEP_URLS": True} (writer.DEFAULTS). The page-skipping state lives
in CACHE_PATH/fast_build/. See docs/performance.md.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

_TAKEN: dict[int, list] = {}  # id(pelican) -> other plugins' get_writer receivers


def _listed(plugins) -> bool:
    for plugin in plugins or ():
        name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        if name == __name__ or name.endswith("." + __name__) or name == "fast_build":
            return True
    return False


def _active(pelican) -> bool:
    # Signals are process-wide: act only for builds that list this plugin.
    return _listed(getattr(pelican, "plugins", ()))


def _options(settings) -> dict:
    from .writer import options

    return options(settings)


def _install_reader(readers) -> None:
    if _listed(readers.settings.get("PLUGINS")) and _options(readers.settings)["FAST_MARKDOWN"]:
        from .reader import install

        install(readers)


def _install_taxonomy(generator) -> None:
    if _listed(generator.settings.get("PLUGINS")) and _options(generator.settings)["LINEAR_TAXONOMY"]:
        from .taxonomy import install

        install(generator)


def _keep_urls(generators) -> None:
    generators = list(generators)
    if generators and _listed(generators[0].settings.get("PLUGINS")) and _options(generators[0].settings)["KEEP_URLS"]:
        from .urls import keep_all_urls

        keep_all_urls(generators)


def _take_writers(pelican) -> None:
    """Stand in front of other plugins' writers instead of competing with them.

    Pelican uses the first class returned on `get_writer` and warns if there
    are several; so the other receivers are disconnected for this build, and
    _writer() puts the fast-build mixin in front of the class they return.
    """
    from pelican import signals

    if not _active(pelican):
        return
    others = [r for r in signals.get_writer.receivers_for(pelican) if r is not _writer]
    for receiver in others:
        signals.get_writer.disconnect(receiver)
    _TAKEN[id(pelican)] = others


def _writer(pelican):
    if not _active(pelican):
        return None
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
    return FlushGenerator if _active(pelican) else None


def _finish(pelican) -> None:
    """The writer was finished by FlushGenerator; this one only forgets the
    build (and finishes the writer if, somehow, no generator did)."""
    if not _active(pelican):
        return
    from .writer import finish_build

    _TAKEN.pop(id(pelican), None)
    finish_build(pelican.output_path)


def register() -> None:
    from pelican import signals

    signals.readers_init.connect(_install_reader)
    signals.article_generator_init.connect(_install_taxonomy)
    signals.initialized.connect(_take_writers)
    signals.get_writer.connect(_writer)
    signals.get_generators.connect(_generators)
    signals.all_generators_finalized.connect(_keep_urls)
    signals.finalized.connect(_finish)

"""open_data: the archive as a dataset (issue 15).

`make html` writes, in OUTPUT_PATH/du-lieu/: `articles.jsonl.gz` (every
record with its body), `articles.csv` (metadata only, formula-safe),
`articles.parquet` and a Frictionless `datapackage.json`, plus the "Dữ liệu"
page from the theme's `data.html`. docs/data.md describes the files.

Settings (all optional), merged over DEFAULTS; a bad value is logged and its
default used:

    OPEN_DATA = {
        "ENABLED": True,         # False: no files, no page, no link
        "PATH": "du-lieu",       # folder in the output, also the page's URL
        "ROW_GROUP_SIZE": 1000,  # Parquet rows per group: what memory holds at once
    }

The files are written in a forked child from the moment the articles are
final, beside the rendering of the pages (common/workers.start_in_child).
An unchanged archive (same posts, same settings, same plugin code, files
still as written) is not written again: state.py keeps the digest under
CACHE_PATH (when CACHE_CONTENT is on, as for the other plugins).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from vnarchive.foundation import Plugin

PLUGIN = Plugin(__name__)  # acts only for builds whose PLUGINS list it; OPEN_DATA is checked below
logger = PLUGIN.logger

DEFAULTS: dict[str, Any] = {"ENABLED": True, "PATH": "du-lieu", "ROW_GROUP_SIZE": 1000}
_CHECKS = {
    "ENABLED": lambda v: isinstance(v, bool),
    "PATH": lambda v: isinstance(v, str) and v.strip("/") != "" and ".." not in v.split("/") and not v.startswith("/"),
    "ROW_GROUP_SIZE": lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
}


_said: set[str] = set()


def _complain(level: int, message: str) -> None:
    """Each settings problem once per process, though the settings are read per generator."""
    if message not in _said:
        _said.add(message)
        logger.log(level, message)


def plugin_settings(settings: dict) -> dict[str, Any]:
    """OPEN_DATA over DEFAULTS; unknown keys and bad values are logged."""
    user = settings.get("OPEN_DATA")
    if user is None:
        user = {}
    if not isinstance(user, dict):
        _complain(logging.ERROR, f"open_data: OPEN_DATA must be a dict, got {type(user).__name__}; using defaults")
        user = {}
    options = dict(DEFAULTS)
    for key, value in user.items():
        if key not in DEFAULTS:
            _complain(logging.WARNING, f"open_data: unknown OPEN_DATA key ignored: {key}")
        elif not _CHECKS[key](value):
            _complain(logging.ERROR, f"open_data: OPEN_DATA[{key!r}] = {value!r} is not valid; using {DEFAULTS[key]!r}")
        else:
            options[key] = value
    options["PATH"] = options["PATH"].strip("/")
    return options


def _active(settings) -> bool:
    return PLUGIN.listed(settings) and plugin_settings(settings)["ENABLED"]


def add_link(generator) -> None:
    """Signal handler (generator_init): `open_data_url` for the about page."""
    settings = generator.settings
    generator.context["open_data_url"] = f"{plugin_settings(settings)['PATH']}/" if _active(settings) else None


# Output folder -> the dataset's files being written in a forked child (start_dataset).
_PENDING: dict[str, Any] = {}


def _articles_generator(generators):
    from pelican.generators import ArticlesGenerator

    return next((g for g in generators if isinstance(g, ArticlesGenerator)), None)


def start_dataset(generators) -> None:
    """Signal handler (all_generators_finalized): the articles are final, so the files are
    written now, in a forked child, while this process renders the pages (the dataset reads
    and compresses every row); write_dataset waits for it."""
    generator = _articles_generator(generators)
    if generator is None or not _active(generator.settings):
        return
    from vnarchive.common.workers import start_in_child

    key = os.path.abspath(generator.settings["OUTPUT_PATH"])
    stale = _PENDING.pop(key, None)  # started by a build of this process that stopped before its page
    if stale is not None:
        try:
            stale.result()
        except Exception:  # noqa: BLE001 - that build failed already; this one writes the files again
            pass
    _PENDING[key] = start_in_child(lambda: _write_files(generator))


def write_dataset(generator, writer) -> None:
    """Signal handler (article_writer_finalized): the files (written by then, see
    start_dataset), then the page."""
    settings = generator.settings
    if not PLUGIN.listed(settings):
        return
    if not plugin_settings(settings)["ENABLED"]:
        _remove_files(settings)
        return
    pending = _PENDING.pop(os.path.abspath(settings["OUTPUT_PATH"]), None)
    package = pending.result() if pending is not None else _write_files(generator)
    _write_page(generator, writer, plugin_settings(settings)["PATH"], package)


def _write_files(generator) -> dict:
    """The three files and datapackage.json, unless the archive is as when they were written;
    returns the data package (the page shows it)."""
    settings = generator.settings
    began, cpu = time.perf_counter(), time.process_time()
    from . import state
    from .describe import FILES, datapackage
    from .records import page_url, record

    options = plugin_settings(settings)
    siteurl = settings.get("SITEURL") or ""
    folder = Path(settings["OUTPUT_PATH"]) / options["PATH"]
    articles = sorted(generator.articles, key=lambda a: a.url)
    names = [*FILES.values(), "datapackage.json"]
    digest = state.inputs_digest(((a.source_path, a.url) for a in articles), {"options": options, "SITEURL": siteurl})
    where = state.state_path(settings)
    saved = state.load(where)
    if saved.get("digest") == digest and saved.get("files") == state.file_stamps(folder, names):
        logger.info("open_data: archive unchanged, %s/ kept (%.2f s, CPU %.2f s)", options["PATH"], time.perf_counter() - began, time.process_time() - cpu)
        return saved["package"]
    from vnarchive.shards.standin import content_of  # a sharded build's listing job reads bodies here

    from .rows import RowCache
    from .writers import write_all, write_json  # pyarrow: only when writing

    cache = RowCache(state.rows_path(where), state.rows_key(settings, {"options": options, "SITEURL": siteurl}))
    try:
        records = cache.rows(((a.source_path, page_url(a.url, siteurl), a) for a in articles),
                             lambda a, url: record(a.metadata, url, content_of(a)))
        count, infos = write_all(records, folder, options["ROW_GROUP_SIZE"])
    finally:
        cache.close()
    package = datapackage(count, infos)
    write_json(folder / "datapackage.json", package)
    state.save(where, {"digest": digest, "path": options["PATH"], "files": state.file_stamps(folder, names), "package": package})
    logger.info("open_data: %d records written to %s/ (%.2f s, CPU %.2f s)", count, options["PATH"], time.perf_counter() - began, time.process_time() - cpu)
    return package


def _remove_files(settings) -> None:
    """Turned off: the files an earlier build wrote go, if still as written."""
    from . import state

    where = state.state_path(settings)
    saved = state.load(where)
    if not saved:
        return
    folder = Path(settings["OUTPUT_PATH"]) / saved.get("path", "")
    files = saved.get("files") or {}
    if saved.get("path") and files == state.file_stamps(folder, files):
        for name in files:
            (folder / name).unlink()
        logger.info("open_data: turned off, %s/ files removed", saved["path"])
    where.unlink()  # load() found it, so it is a path


def _write_page(generator, writer, path: str, package: dict) -> None:
    templates = PLUGIN.templates(generator, "data", missing="the Dữ liệu page")
    if templates is None:
        return
    template = templates[0]
    writer.write_file(
        f"{path}/index.html",
        template,
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        paginated={},
        template_name="data",
        page_name="data",
        url=f"{path}/",
        open_data=package,
        open_data_path=path,
    )


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_link)
    PLUGIN.connect(signals.all_generators_finalized, start_dataset)
    PLUGIN.connect(signals.article_writer_finalized, write_dataset)

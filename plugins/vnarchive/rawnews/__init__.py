"""rawnews: turn scraped Vietnamese news text into Pelican posts.

As a Pelican plugin it converts the raw folder into the content folder when
Pelican starts, before any content is read, so `pelican` alone converts too.

Settings (all optional), merged over DEFAULT_SETTINGS:

    RAWNEWS = {
        "SOURCE": "seeds",          # folder of raw .txt files; relative to the working folder
        "JOBS": None,               # worker processes (None: all cores)
        "EXECUTOR": "process",      # "process", "serial" or "dask" (rawnews/executors.py)
        "SCHEDULER": None,          # Dask scheduler address, with EXECUTOR "dask"
        "DEFAULT_YEAR": None,       # year for day-month dates with no year in the text
        "MAX_BYTES": 20 * 2**20,    # larger files are reported, not converted
        "TIMEOUT": 10.0,            # seconds a file may take to convert, else reported (0: no limit; see timelimit.py)
        "REPORT_NAME": "conversion-report.json",  # copied into the output folder
        "CONVERT": True,            # False: only publish the report of a conversion already run
                                    # (a sharded build's listing job: its driver converted)
        "ENABLED": True,
    }
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from vnarchive.foundation import Plugin

DEFAULT_SETTINGS = {
    "SOURCE": "seeds",
    "JOBS": None,
    "EXECUTOR": "process",
    "SCHEDULER": None,
    "DEFAULT_YEAR": None,
    "MAX_BYTES": 20 * 2**20,
    "TIMEOUT": 10.0,
    "REPORT_NAME": "conversion-report.json",
    "CONVERT": True,
    "ENABLED": True,
}

PLUGIN = Plugin(__name__, "RAWNEWS", DEFAULT_SETTINGS)
logger = PLUGIN.logger
plugin_settings = PLUGIN.options


def _source_folder(source: str) -> Path:
    """SOURCE as given; a relative path is taken from the working folder."""
    return Path(os.path.expanduser(str(source))).absolute()


def convert_on_init(pelican) -> None:
    """Signal handler: convert SOURCE into Pelican's content PATH."""
    from .errors import ConversionError
    from .executors import KINDS, configured
    from .pipeline import convert_folder

    options = plugin_settings(pelican.settings)
    if not options["ENABLED"] or options["CONVERT"] is False:
        return
    source = _source_folder(options["SOURCE"])
    content = Path(pelican.settings["PATH"])
    if options["EXECUTOR"] not in KINDS or (options["EXECUTOR"] == "dask" and not options["SCHEDULER"]):
        raise ConversionError(f"RAWNEWS: EXECUTOR must be one of {', '.join(KINDS)} (dask needs SCHEDULER), got {options['EXECUTOR']!r}")
    try:
        with configured(options["EXECUTOR"], options["SCHEDULER"]):
            result = convert_folder(
                source,
                content,
                jobs=options["JOBS"],
                default_year=options["DEFAULT_YEAR"],
                max_bytes=options["MAX_BYTES"],
                timeout=options["TIMEOUT"],
            )
    except ConversionError as error:
        # Broken configuration (missing raw folder, unwritable content folder):
        # stop the build with the one-line reason instead of building an empty site.
        error.exitcode = 2
        raise
    counts = ", ".join(f"{n} {status}" for status, n in result.counts().items())
    logger.info("rawnews: %d inputs (%s); %d posts written, %d removed", len(result.entries), counts, result.written, result.removed)
    for entry in result.entries:
        if entry.status == "failed":
            logger.warning("rawnews: %s not converted: %s", entry.source, entry.reason)
    if result.manifest_unmatched:
        logger.warning("rawnews: manifest.csv rows name no file: %s", ", ".join(result.manifest_unmatched[:10]) + (", ..." if len(result.manifest_unmatched) > 10 else ""))


def copy_report(pelican) -> None:
    """Publish the conversion report beside the site (linked from the about page)."""
    options = plugin_settings(pelican.settings)
    report = Path(pelican.settings["PATH"]) / ".rawnews" / "report.json"
    if options["ENABLED"] and report.is_file() and options["REPORT_NAME"]:
        target = Path(pelican.settings["OUTPUT_PATH"]) / options["REPORT_NAME"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(report, target)


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.initialized, convert_on_init)
    PLUGIN.connect(signals.finalized, copy_report)

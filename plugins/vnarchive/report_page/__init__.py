"""report_page: the conversion report as a page for maintainers, bao-cao/
(issue 15), beside the JSON the rawnews plugin publishes for scripts.

The page (theme template report.html) shows counts by status, every failed,
ignored, duplicate and kept input with its reason (duplicates linked to the
post they duplicate), the warnings grouped by kind, and a table that a small
script (theme/js/report.js) filters; without it the table reads as it is.
It is linked from the about page and the site footer (`report_page_url`),
never from article pages.

Settings (all optional), merged over DEFAULT_SETTINGS:

    REPORT_PAGE = {"ENABLED": True, "PATH": "bao-cao/index.html"}
"""

from __future__ import annotations

import json
from pathlib import Path

from vnarchive.common.urls import url_of
from vnarchive.foundation import Plugin

DEFAULT_SETTINGS = {"ENABLED": True, "PATH": "bao-cao/index.html"}
PLUGIN = Plugin(__name__, "REPORT_PAGE", DEFAULT_SETTINGS)
logger = PLUGIN.logger
REPORT = (".rawnews", "report.json")  # written by the converter, under PATH


def add_link(generator) -> None:
    """Signal handler (generator_init): `report_page_url` for the about page and the footer."""
    options = PLUGIN.options(generator.settings)
    generator.context["report_page_url"] = url_of(options["PATH"]) if options["ENABLED"] and options["PATH"] else None


def load_report(settings) -> dict | None:
    try:
        data = json.loads(Path(settings["PATH"]).joinpath(*REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_page(generator, writer) -> None:
    """Signal handler (article_writer_finalized): bao-cao/index.html."""
    from vnarchive.common.text import plain_text

    from .model import view

    options = PLUGIN.options(generator.settings)
    if not options["ENABLED"] or not options["PATH"]:
        return
    report = load_report(generator.settings)
    if report is None:
        logger.warning("report_page: no conversion report in %s; %s not written", Path(generator.settings["PATH"]).joinpath(*REPORT), options["PATH"])
        return
    templates = PLUGIN.templates(generator, "report", missing=options["PATH"])
    if templates is None:
        return
    template = templates[0]
    urls = {plain_text(a.metadata.get("source") or ""): a.url for a in generator.articles if a.metadata.get("source")}
    writer.write_file(
        options["PATH"], template, generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"], paginated={},
        template_name="report", page_name="report", url=url_of(options["PATH"]),
        report_view=view(report, urls),
    )


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.generator_init, add_link)
    PLUGIN.connect(signals.article_writer_finalized, write_page)

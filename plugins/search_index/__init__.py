"""search_index: build the Pagefind full-text index as the last build step.

When Pelican has written the site (`finalized`), runs Pagefind (the PyPI
package `pagefind[bin]`, so nothing is downloaded) over the article pages.
The theme marks what is indexed: `data-pagefind-body` on the article text,
`data-pagefind-filter` for year, author and tag, `data-pagefind-meta` for the
date shown in results, and a hidden element with the folded đ-words
(fold.py: "dak lak" finds "Đắk Lắk"). The search page loads
`pagefind/pagefind.js` relative to the site root, so the site works under a
sub-path.

Also adds the Jinja filter `search_aliases` used by the theme.

Settings (all optional), merged over DEFAULT_SETTINGS:

    SEARCH_INDEX = {
        "OUTPUT_SUBDIR": "pagefind",  # bundle folder inside OUTPUT_PATH
        "GLOB": None,                 # pages to read; None: from ARTICLE_SAVE_AS ("bai/*/index.html")
        "EXTRA_ARGS": [],             # more Pagefind CLI arguments
        "TIMEOUT": 1800,              # seconds
        "ENABLED": True,
    }

A failure of Pagefind is logged as an error; it never stops the build.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import time
from pathlib import Path

from .fold import fold, search_aliases, stroke_words

__all__ = ["fold", "stroke_words", "search_aliases", "register"]

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS = {
    "OUTPUT_SUBDIR": "pagefind",
    "GLOB": None,
    "EXTRA_ARGS": [],
    "TIMEOUT": 1800,
    "ENABLED": True,
}


def plugin_settings(settings: dict) -> dict:
    """SEARCH_INDEX merged over the defaults; unknown keys are logged and ignored."""
    user = settings.get("SEARCH_INDEX") or {}
    if not isinstance(user, dict):
        logger.error("search_index: SEARCH_INDEX must be a dict, got %r; using defaults", type(user).__name__)
        user = {}
    unknown = set(user) - set(DEFAULT_SETTINGS)
    if unknown:
        logger.warning("search_index: unknown SEARCH_INDEX keys ignored: %s", ", ".join(sorted(unknown)))
    return {**DEFAULT_SETTINGS, **{k: v for k, v in user.items() if k in DEFAULT_SETTINGS}}


def glob_from_save_as(save_as: str) -> str:
    """ARTICLE_SAVE_AS "bai/{slug}/index.html" -> Pagefind glob "bai/*/index.html"."""
    pattern = re.sub(r"\{[^}]*\}", "*", save_as or "").lstrip("/")
    return pattern if pattern.endswith((".html", ".htm")) else "**/*.html"


def pagefind_command(output: Path, options: dict, article_save_as: str) -> list[str]:
    return [
        sys.executable, "-m", "pagefind",
        "--site", str(output),
        "--output-subdir", str(options["OUTPUT_SUBDIR"]),
        "--glob", options["GLOB"] or glob_from_save_as(article_save_as),
        "--quiet",
        *[str(arg) for arg in options["EXTRA_ARGS"] or ()],
    ]


def build_index(pelican) -> None:
    """Signal handler (finalized): run Pagefind over the written site."""
    options = plugin_settings(pelican.settings)
    if not options["ENABLED"]:
        return
    output = Path(pelican.settings["OUTPUT_PATH"])
    command = pagefind_command(output, options, pelican.settings.get("ARTICLE_SAVE_AS", ""))
    began = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=options["TIMEOUT"], check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.error("search_index: Pagefind did not run: %s", error)
        return
    if done.returncode != 0:
        logger.error("search_index: Pagefind failed (%d): %s", done.returncode, (done.stderr or done.stdout).strip()[-2000:])
        return
    for line in (done.stderr or "").splitlines():  # notes, e.g. "no stemming for vi"
        if line.strip():
            logger.info("search_index: %s", line.strip())
    logger.info("search_index: Pagefind index written in %.1f s", time.perf_counter() - began)


def add_filters(generator) -> None:
    generator.env.filters["search_aliases"] = search_aliases


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(add_filters)
    signals.finalized.connect(build_index)

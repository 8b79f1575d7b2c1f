"""sitemap.xml (an index plus files of at most 50,000 URLs when larger) and
robots.txt pointing to it.

The pages are the HTML files Pelican writes in this build (the
`content_written` signal), so stale files left in the output folder are
never listed. Settings: SITEMAP_MAX_URLS (50,000), SITEMAP_EXCLUDE (globs of
output paths, default 404 pages). Without an absolute SITEURL no sitemap is
written (the protocol needs absolute URLs) and robots.txt says so.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

from vnarchive.foundation import Plugin

PLUGIN = Plugin(__name__)
logger = PLUGIN.logger
DEFAULT_EXCLUDE = ("404.html", "*/404.html")

# Output folder -> {written path: its post file or None}, filled while Pelican
# writes; relative paths and dates are worked out only when a sitemap is made.
_written: dict[str, dict[str, str | None]] = {}


def _key(output_path) -> str:
    return os.path.realpath(str(output_path))


def _reset(pelican) -> None:
    pages: dict[str, str | None] = {}
    _written[_key(pelican.output_path)] = pages
    _written[str(pelican.settings.get("OUTPUT_PATH", ""))] = pages  # the same dict under the name signals give


def _lastmod(source: str | None) -> str:
    """For an article page: when its post file last changed (UTC)."""
    if not source:
        return ""
    try:
        stamp = os.stat(source).st_mtime
    except OSError:
        return ""
    return datetime.fromtimestamp(int(stamp), timezone.utc).isoformat()


def _record(path, context=None) -> None:
    path = str(path)
    if not context or not path.endswith(".html"):
        return
    output = context.get("OUTPUT_PATH", "")
    pages = _written.get(output)
    if pages is None:
        pages = _written[output] = _written.setdefault(_key(output), {})
    article = context.get("article")
    pages[path] = getattr(article, "source_path", None) if article is not None else None


def _relative(path: str, root: str) -> str | None:
    try:
        return Path(os.path.realpath(path)).relative_to(root).as_posix()
    except ValueError:
        return None


def _write(pelican) -> None:
    settings = pelican.settings
    from .sitemap import Page, included, robots_txt, sitemap_files

    output = Path(pelican.output_path)
    base = settings.get("SITEURL") or ""
    base = base.rstrip("/") if re.match(r"^https?://", base) else ""
    for stale in list(output.glob("sitemap.xml")) + list(output.glob("sitemap-*.xml")):
        stale.unlink()
    root = _key(output)
    if base:
        by_relative = {_relative(path, root): source for path, source in _written.get(root, {}).items()}
        pages = [Page(relative, _lastmod(source)) for relative, source in by_relative.items() if relative is not None]
        pages = included(pages, settings.get("SITEMAP_EXCLUDE", DEFAULT_EXCLUDE))
        files = sitemap_files(base, pages, int(settings.get("SITEMAP_MAX_URLS", 50_000)))
        for name, text in files.items():
            (output / name).write_text(text, encoding="utf-8")
        logger.info("Sitemap: %d URLs in %d file(s)", len(pages), len(files))
    else:
        logger.info("No sitemap: SITEURL is not absolute (make publish sets it)")
    (output / "robots.txt").write_text(robots_txt(base), encoding="utf-8")


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.initialized, _reset)
    PLUGIN.connect(signals.content_written, _record)
    PLUGIN.connect(signals.finalized, _write)

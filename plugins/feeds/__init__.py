"""Feeds a feed reader accepts: RSS 2.0 and Atom, per site, category, tag
and author, newest first, capped (FEED_MAX_ITEMS), dates at their real
precision, every author, XML-safe text; full text with FEED_FULL_TEXT.

Pelican decides which feeds to write from its FEED_* settings; this plugin
supplies the writer that renders them (see writer.py, dates.py, docs/feeds.md).
"""

from __future__ import annotations


def _writer_for(pelican):
    # Signals are process-wide: answer only for builds that list this plugin.
    names = {getattr(p, "__name__", str(p)) for p in getattr(pelican, "plugins", ())}
    if __name__ not in names:
        return None
    from .writer import FeedWriter

    return FeedWriter


def register() -> None:
    from pelican import signals

    signals.get_writer.connect(_writer_for)

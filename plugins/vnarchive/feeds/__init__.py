"""Feeds a feed reader accepts: RSS 2.0 and Atom, per site, category, tag
and author, newest first, capped (FEED_MAX_ITEMS), dates at their real
precision, every author, XML-safe text; full text with FEED_FULL_TEXT.

Pelican decides which feeds to write from its FEED_* settings; this plugin
supplies the writer that renders them (see writer.py, dates.py, docs/feeds.md).
"""

from __future__ import annotations

from vnarchive.foundation import Plugin

PLUGIN = Plugin(__name__)


def _writer_for(pelican):
    from .writer import FeedWriter

    return FeedWriter


def register() -> None:
    from pelican import signals

    PLUGIN.connect(signals.get_writer, _writer_for)

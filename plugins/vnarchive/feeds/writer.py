"""Pelican's Writer with our feeds: precision-aware, capped, XML-safe.

Pelican's generators still decide which feeds exist (FEED_ALL_ATOM,
CATEGORY_FEED_RSS, ... in the settings) and call `write_feed` for each;
this class writes them with render.py instead of Pelican's feedgenerator,
which always writes a full timestamp and one author.
"""

from __future__ import annotations

import heapq
import logging
import os
import posixpath
import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from pelican.utils import sanitised_join
from pelican.writers import Writer

from .items import archived_at, feed_item, in_feeds
from .model import FeedInfo
from .render import render_atom, render_rss
from .xmltext import unescape_name

logger = logging.getLogger(__name__)

# Feed kinds whose settings take a {slug}: (settings prefix, page URL setting, label).
KINDS = (
    ("CATEGORY", "CATEGORY_URL", "Chuyên mục"),
    ("TAG", "TAG_URL", "Chủ đề"),
    ("AUTHOR", "AUTHOR_URL", "Tác giả"),
    ("OUTLET", "OUTLET_URL", "Nguồn"),  # vnarchive.outlets
)


def is_absolute(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", url or "", re.I))


def feed_kind(path: str, settings) -> tuple[str, str, str] | None:
    """Which per-X feed a path is: (URL setting, label, slug), else None."""
    for prefix, url_setting, label in KINDS:
        for fmt in ("ATOM", "RSS"):
            pattern = settings.get(f"{prefix}_FEED_{fmt}")
            if not pattern or "{slug}" not in pattern:
                continue
            head, _, tail = pattern.partition("{slug}")
            if path.startswith(head) and path.endswith(tail) and len(path) > len(head) + len(tail):
                return url_setting, label, path[len(head) : len(path) - len(tail)]
    return None


class FeedWriter(Writer):
    """Writes feeds with render.py; every other file as Pelican does."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._items = {}  # id(article) -> FeedItem, shared by all feeds
        zone = self.settings.get("TIMEZONE")
        self._tz = ZoneInfo(zone) if zone else None

    def _base(self, context) -> str:
        base = context.get("FEED_DOMAIN") or self.settings.get("FEED_DOMAIN") or context.get("SITEURL") or ""
        return base.rstrip("/") if is_absolute(base) else ""

    def _linker(self, base: str, feed_path: str):
        """Site-relative URL -> URL written in this feed."""
        if base:
            return lambda url: f"{base}/{url}"
        folder = posixpath.dirname(feed_path)

        def relative(url: str) -> str:
            target = posixpath.relpath(url or ".", folder or ".")
            if url.endswith("/") or not url:
                target = target.rstrip("/") + "/"
            return target

        return relative

    def _item(self, article):
        key = id(article)
        if key not in self._items:
            self._items[key] = feed_item(article, self._tz, bool(self.settings.get("FEED_FULL_TEXT")))
        return self._items[key]

    def _chosen(self, elements) -> list:
        """The articles a feed lists: the newest FEED_MAX_ITEMS of those that go in feeds.
        The last answer is kept: fast_build asks again, for the key, of the list just written."""
        last = getattr(self, "_last_chosen", None)
        if last is not None and last[0] is elements:
            return last[1]
        cap = self.settings.get("FEED_MAX_ITEMS", 50)
        candidates = (a for a in elements if in_feeds(a))
        if cap is None:
            chosen = sorted(candidates, key=lambda a: a.date, reverse=True)
        else:
            chosen = heapq.nlargest(int(cap), candidates, key=lambda a: a.date)
        self._last_chosen = (elements, chosen)
        return chosen

    def feed_inputs(self, elements) -> list:
        """The elements a feed is written from (fast_build digests these, not the whole list):
        the articles it lists, or every element when it lists none (its <updated> reads them all)."""
        chosen = self._chosen(elements)
        return chosen if chosen else list(elements)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False, feed_title=None):
        chosen = self._chosen(elements)
        items = [self._item(a) for a in chosen]
        # Atom needs <updated> even when every article lacks a date: then it
        # is when the archive last got one of them.
        empty_updated = None
        if not items:
            stamps = [archived_at(a, self._tz) for a in elements]
            empty_updated = max(stamps) if stamps else datetime.now(self._tz).replace(microsecond=0)

        feed_path = path or url or ""
        base = self._base(context)
        link = self._linker(base, feed_path)
        kind = feed_kind(feed_path, self.settings)
        sitename = unescape_name(context.get("SITENAME", ""))
        if kind:
            url_setting, label, slug = kind
            title = f"{sitename} — {label}: {unescape_name(feed_title or slug)}"
            page = self.settings.get(url_setting, "").format(slug=slug)
        else:
            title = f"{sitename} — {unescape_name(feed_title)}" if feed_title else sitename
            page = ""
        public = url or feed_path
        self_url = f"{base}/{public}" if base else posixpath.basename(public)
        info = FeedInfo(
            title=title,
            subtitle=unescape_name(context.get("SITESUBTITLE", "") or ""),
            id=self_url if base else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:vn-news-archive:feed:' + public)}",
            self_url=self_url,
            page_url=link(page),
            language=context.get("DEFAULT_LANG", "vi") or "vi",
            updated=empty_updated,
        )
        text = (render_rss if feed_type == "rss" else render_atom)(info, items, link)
        if path:
            complete_path = sanitised_join(self.output_path, path)
            os.makedirs(os.path.dirname(complete_path), exist_ok=True)
            with self._open_w(complete_path, "utf-8", override_output) as fp:
                fp.write(text)
            logger.info('Writing "%s"', complete_path)
        return text

"""Plain data for one feed: what a feed says, independent of RSS or Atom."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Person:
    name: str
    url: str = ""  # site-relative URL of the person's page, "" if none


@dataclass(frozen=True)
class FeedItem:
    """One article as a feed entry.

    `published` is None unless the text gives the day: RSS then has no
    pubDate and Atom no <published>, and `date_note` says in words what the
    text does give ("Tháng 5/2023"). `updated` is always set (Atom requires
    it): the day of publication when known, else when the archive got the
    article.
    """

    id: str
    title: str
    url: str  # site-relative, e.g. "bai/slug/"
    published: datetime | None
    updated: datetime
    precision: str
    date_note: str
    authors: tuple[Person, ...]
    categories: tuple[str, ...]
    summary_html: str
    content_html: str = ""  # only when full text is on


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself. URLs here are final (absolute or feed-relative)."""

    title: str
    subtitle: str
    id: str
    self_url: str
    page_url: str  # the HTML page the feed follows
    language: str = "vi"
    updated: datetime | None = None
    extra: dict = field(default_factory=dict)

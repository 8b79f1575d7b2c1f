"""A Pelican article -> FeedItem: the one place that reads Pelican objects."""

from __future__ import annotations

import os
import uuid
from datetime import datetime

from vnarchive.common.dates import precision_of

from .dates import entry_dates, in_zone
from .model import FeedItem, Person
from .xmltext import plain_text, unescape_name, xml_safe

# Namespace for entry ids. An id must be one article's for good: it is
# derived from the post's slug, which is unique (it is the page's URL) and
# kept between runs by the converter, and not from SITEURL, so it does not
# change when the site moves. (Not from the raw file's 16-hex id: two
# different articles can carry the same one, and readers would merge them.)
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:vn-news-archive:article")


def in_feeds(article) -> bool:
    """Articles with no known date are never in feeds: their Date is a sort
    key (1900-01-01), not a date."""
    return precision_of(article) != "unknown"


def entry_id(article) -> str:
    key = getattr(article, "slug", "") or article.url
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, str(key))}"


def date_note(article) -> str:
    """What the text gives, in words, when it gives no day."""
    precision = precision_of(article)
    if precision == "month":
        return f"Thời gian: tháng {article.date.month}/{article.date.year} (bản tin không ghi ngày)"
    if precision == "year":
        return f"Thời gian: năm {article.date.year} (bản tin không ghi ngày, tháng)"
    return ""


def archived_at(article, tz) -> datetime:
    """When the archive got (or last changed) the article: the post file's
    time, which the converter keeps while the text is unchanged."""
    try:
        stamp = os.stat(article.source_path).st_mtime
    except (OSError, TypeError, AttributeError):
        return in_zone(datetime.now(), tz)
    return in_zone(datetime.fromtimestamp(stamp).astimezone(), tz)


def people(article) -> tuple[Person, ...]:
    found = []
    for author in getattr(article, "authors", None) or ():
        name = unescape_name(getattr(author, "name", author))
        if name:
            found.append(Person(name, getattr(author, "url", "") or ""))
    if not found:
        outlets = getattr(article, "outlets", "") or ""
        found = [Person(unescape_name(o)) for o in str(outlets).split(";") if o.strip()]
    return tuple(found)


def categories(article) -> tuple[str, ...]:
    names = []
    category = getattr(article, "category", None)
    if category:
        names.append(unescape_name(category))
    names += [unescape_name(tag) for tag in getattr(article, "tags", None) or ()]
    return tuple(dict.fromkeys(n for n in names if n))


def feed_item(article, tz, full_text: bool) -> FeedItem:
    precision = precision_of(article)
    published, updated = entry_dates(article.date, precision, archived_at(article, tz))
    return FeedItem(
        id=entry_id(article),
        title=plain_text(article.title),
        url=article.url,
        published=published,
        updated=updated,
        precision=precision,
        date_note=date_note(article),
        authors=people(article),
        categories=categories(article),
        summary_html=xml_safe(str(getattr(article, "summary", "") or "")),
        content_html=xml_safe(str(article.content or "")) if full_text else "",
    )

"""Feed dates at the precision the text gives: never invent a day.

RSS 2.0 and Atom only know full timestamps, so:

- day precision: the day is published. Without a time of day we put noon,
  Vietnam time (05:00 UTC), so that a reader from UTC-5 to UTC+14 shows the
  same calendar day as the text (midnight +07:00 would show the day
  before everywhere west of Vietnam's time zone).
- month/year precision: no publication timestamp at all (RSS has no
  pubDate, Atom no <published>); Atom's required <updated> is when the
  archive got the article (the post file's time), which is what <updated>
  means, and the entry says "Tháng 5/2023" in words.
- unknown: the date is a sort key (1900-01-01), never shown: such articles
  are not in feeds.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

NOON = time(12, 0)


def has_time_of_day(date: datetime) -> bool:
    """The converter writes a time only when the text gives one; a date
    alone arrives as midnight."""
    return (date.hour, date.minute, date.second) != (0, 0, 0)


def publication_time(date: datetime, precision: str) -> datetime | None:
    """The timestamp a feed may claim for publication, or None."""
    if precision != "day":
        return None
    if has_time_of_day(date):
        return date
    return date.replace(hour=NOON.hour, minute=0, second=0, microsecond=0)


def entry_dates(date: datetime, precision: str, archived_at: datetime) -> tuple[datetime | None, datetime]:
    """(published or None, updated) for one entry."""
    published = publication_time(date, precision)
    return published, (published or archived_at).replace(microsecond=0)


def in_zone(moment: datetime, tz) -> datetime:
    """Aware datetime in the site's zone (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(tz) if tz else moment


def rfc3339(moment: datetime) -> str:
    """Atom date: 2023-05-10T12:00:00+07:00."""
    return moment.replace(microsecond=0).isoformat()


def rfc822(moment: datetime) -> str:
    """RSS date: Wed, 10 May 2023 12:00:00 +0700 (English names, as RFC 822 wants)."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return (
        f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year:04d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} {sign}{minutes // 60:02d}{minutes % 60:02d}"
    )

"""The precision of an article's date, as the converter writes it in `Date_precision`."""

from __future__ import annotations

# From most to least precise. An unknown date is stored as 1900-01-01 (a
# sort key, not a date); a year or month date as its first day.
PRECISIONS = ("day", "month", "year", "unknown")


def precision_of(article) -> str:
    """`article.date_precision` checked: one of PRECISIONS, "day" when missing or
    not one of them (a post written by hand states a full date)."""
    value = str(getattr(article, "date_precision", "") or "day").strip().lower()
    return value if value in PRECISIONS else "day"


def bound_of(article):
    """The day an undated article is known to precede (`Date_before`, its crawl date), or None."""
    import datetime as dt

    value = str(getattr(article, "date_before", "") or "").strip()
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None

"""What a post says about where its text came from: the crawl date at the
precision the manifest gives, and what the converter took out of the text
(counted by kind, so the reader of the "Nguồn gốc" section can weigh it)."""

from __future__ import annotations

from collections import Counter

from .dates import parse_manifest_date

# The kinds parse.py gives removed lines, plus page date stamps: in this order.
REMOVED_KINDS = ("breadcrumb", "chrome", "related", "dateline", "end mark", "repeated title")


def crawl_date(value: str) -> str:
    """The manifest's `crawled` value as ISO at its own precision
    ("2023", "2023-05", "2023-05-10"); '' when absent or not a date."""
    date = parse_manifest_date(value)
    if date is None:
        return ""
    if date.precision == "year":
        return f"{date.year:04d}"
    if date.precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def removed_summary(kinds: tuple[str, ...], datelines: int) -> tuple[str, ...]:
    """("chrome: 3", "related: 5", ...): lines removed per kind, kinds with none left out."""
    counts = Counter(kinds)
    counts["dateline"] += datelines
    return tuple(f"{kind}: {counts[kind]}" for kind in REMOVED_KINDS if counts[kind])

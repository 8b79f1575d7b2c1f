"""An article -> one dataset record, and a record -> one CSV row. Pure
functions: the plugin hands in what Pelican read, nothing here touches a file."""

from __future__ import annotations

import html
import re
from typing import Any

from .fields import CSV_FIELDS, FIELDS, LIST_SEPARATOR

# The converter's body holds only these blocks (docs/metadata.md): paragraphs,
# '### ' subheadings and '<p class="caption">' photo captions.
_BLOCK = re.compile(r'<(p|h[1-6])(\s+class="caption")?\s*>(.*?)</\1\s*>', re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
# OWASP "CSV injection": a cell a spreadsheet would read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(text: Any) -> str:
    """HTML fragment or entity-escaped metadata -> plain text on one line.

    Most blocks hold no tag and no entity: those passes are skipped."""
    if text is None:
        return ""
    text = str(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def blocks(content: str) -> list[dict[str, str]]:
    """Rendered body -> [{"kind": "p" | "h" | "caption", "text": ...}], in order."""
    out = []
    for tag, caption, inner in _BLOCK.findall(content or ""):
        text = plain(inner)
        if text:
            kind = "caption" if caption else ("p" if tag.lower() == "p" else "h")
            out.append({"kind": kind, "text": text})
    return out


def names(value: Any) -> list[str]:
    """A metadata list ('a; b;' text or Pelican objects) -> its names."""
    if value is None or value == "":
        return []
    items = value.split(LIST_SEPARATOR) if isinstance(value, str) else [getattr(v, "name", v) for v in value]
    return [name for name in (plain(item) for item in items) if name]


def iso_date(date: Any, precision: str) -> str | None:
    """The date at the precision the text gives: no invented day or month.

    A post's Date carries a time only when the text gave one; a midnight
    time is taken as "no time given"."""
    if date is None or precision not in ("day", "month", "year"):
        return None
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if (date.hour, date.minute, date.second) != (0, 0, 0):
        return date.isoformat()
    return date.date().isoformat() if hasattr(date, "date") else str(date)[:10]


def page_url(relative: str, siteurl: str) -> str:
    if re.match(r"^https?://", siteurl or ""):
        return f"{siteurl.rstrip('/')}/{relative}"
    return relative


def record(meta: dict[str, Any], url: str, content: str) -> dict[str, Any]:
    """Pelican's metadata of one post (lower-case keys), its page URL and
    rendered body -> the record, keys in FIELDS order."""
    precision = plain(meta.get("date_precision")) or "day"
    category = meta.get("category")
    values: dict[str, Any] = {
        "url": url,
        "slug": plain(meta.get("slug")),
        "title": plain(meta.get("title")),
        "title_source": plain(meta.get("title_source")) or "text",
        "date": iso_date(meta.get("date"), precision),
        "date_precision": precision,
        "date_source": plain(meta.get("date_source")),
        "date_before": plain(meta.get("date_before")),
        "date_evidence": plain(meta.get("date_evidence")),
        "authors": names(meta.get("authors")),
        "authors_printed": names(meta.get("authors_printed")),
        "groups": names(meta.get("groups")),
        "photographers": names(meta.get("photographers")),
        "outlets": names(meta.get("outlets")),
        "tags": names(meta.get("tags")),
        "places": names(meta.get("places")),
        "category": plain(getattr(category, "name", category)),
        "summary": plain(meta.get("summary")),
        "source": plain(meta.get("source")),
        "source_id": plain(meta.get("source_id")),
        "original_url": plain(meta.get("original_url")),
        "encoding": plain(meta.get("encoding")),
        "paragraphs": blocks(content),
    }
    return {f.name: values[f.name] for f in FIELDS}


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading quote."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_row(rec: dict[str, Any]) -> list[str]:
    row = []
    for f in CSV_FIELDS:
        value = rec[f.name]
        if f.kind == "list":
            value = LIST_SEPARATOR.join(value)
        row.append(neutralise("" if value is None else str(value)))
    return row


def csv_header() -> list[str]:
    return [f.name for f in CSV_FIELDS]


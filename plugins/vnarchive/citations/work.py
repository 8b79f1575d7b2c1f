"""What is cited: one article's bibliographic facts, read from its post's
metadata once, for the Vietnamese reference, BibTeX and CSL-JSON alike.

Dates keep the precision the converter found (a year-only article has no
month, an undated one no date) and names are split the Vietnamese way:
the family name (họ) comes first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vnarchive.common.dates import precision_of
from vnarchive.common.text import plain_text


@dataclass(frozen=True)
class Work:
    key: str  # citation key, from the raw file's id: stable across builds
    title: str
    persons: tuple[str, ...]  # authors who are people, as printed (family name first)
    institutions: tuple[str, ...]  # newsroom and group credits ("Nhóm PV"): institutional authors
    outlets: tuple[str, ...]  # the newspapers the text credits: container and publisher
    year: int | None = None
    month: int | None = None
    day: int | None = None
    url: str = ""  # where the article was published (the manifest's URL), else ''
    accessed: str = ""  # the crawl date, ISO at its precision ("2023", "2023-05", "2023-05-10"), else ''
    archive_url: str = ""  # this archive's page of the article (absolute URL), else ''
    archive_name: str = ""


def split_list(value) -> tuple[str, ...]:
    """A list from metadata: Pelican's list (authors) or the converter's "a; b;" string."""
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(";")
    return tuple(dict.fromkeys(text for text in (plain_text(str(item)) for item in items) if text))


def date_parts(date, precision: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) as far as the precision goes; unknown -> all None."""
    if precision == "unknown" or not isinstance(date, (dt.date, dt.datetime)):
        return None, None, None
    if precision == "year":
        return date.year, None, None
    if precision == "month":
        return date.year, date.month, None
    return date.year, date.month, date.day


def accessed_date(value) -> str:
    text = plain_text(value or "")
    parts = text.split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        return ""
    return text


def http_url(value) -> str:
    url = plain_text(value or "")
    return url if url.lower().startswith(("http://", "https://")) and not any(c in url for c in " <>\"'{}\\") else ""


def work_of(article, siteurl: str = "", sitename: str = "") -> Work:
    """The Work of a Pelican article (its metadata as the converter wrote them)."""
    meta = article.metadata
    precision = precision_of(article)
    year, month, day = date_parts(getattr(article, "date", None), precision)
    archive = f"{siteurl.rstrip('/')}/{article.url}" if http_url(siteurl) else ""
    source_id = plain_text(meta.get("source_id") or "") or plain_text(getattr(article, "slug", "") or "")
    return Work(
        key="luutru-" + "".join(c for c in source_id if c.isascii() and c.isalnum())[:40],
        title=plain_text(meta.get("title") or ""),
        persons=split_list(meta.get("authors")),
        institutions=split_list(meta.get("groups")),
        outlets=split_list(meta.get("outlets")),
        year=year, month=month, day=day,
        url=http_url(meta.get("original_url")),
        accessed=accessed_date(meta.get("crawled")),
        archive_url=archive,
        archive_name=plain_text(sitename),
    )


def family_given(name: str) -> tuple[str, str]:
    """("Hồ", "Thị Khánh Vi") for "Hồ Thị Khánh Vi": a Vietnamese name is
    written family name first; a one-word name (a pen name) is all family."""
    words = name.split()
    return (words[0], " ".join(words[1:])) if words else ("", "")

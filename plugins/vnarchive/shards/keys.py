"""Which shard a post belongs to, and which job owns an output path (pure).

A shard is named by a year ("2019"), by a month of a year too large for one
job ("2019-03"), or "undated" (date unknown: the converter stores 1900-01-01
as a sort key), split into "undated.0", "undated.1", ... by a hash of the
post's file when there are too many for one job. The listing job is
"listing"; it also writes the undated archive pages. Ownership is decided from the
output path alone plus the article folders each shard renders, so a page
type added by another plugin is carried along without code here: a file
inside an article's folder belongs to that article's shard, a file under
an archive year belongs to that year's shard, anything else to the listing
job.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

LISTING = "listing"
UNDATED = "undated"
_YEAR = re.compile(r"^(\d{4})")
_MONTH = re.compile(r"^\d{4}-(\d{2})")


def shard_key(date: str, precision: str, split_years: frozenset[str] = frozenset()) -> str:
    """The shard of a post from its `Date` and `Date_precision` values."""
    precision = (precision or "day").strip().lower()
    match = _YEAR.match((date or "").strip())
    if precision == "unknown" or not match:
        return UNDATED
    year = match.group(1)
    if year in split_years:
        month = _MONTH.match(date.strip())
        # A year-only date is listed on the year page, not in a month: the year's first part keeps it.
        return f"{year}-{month.group(1) if month and precision in ('day', 'month') else '01'}"
    return year


def undated_part(source: str, parts: int) -> str:
    """The undated shard of a post when undated posts are split into `parts` jobs (stable: a hash of its file)."""
    if parts <= 1:
        return UNDATED
    digest = hashlib.blake2b(source.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return f"{UNDATED}.{int.from_bytes(digest, 'big') % parts}"


@dataclass(frozen=True)
class ArchiveLayout:
    """Where the date archives live: `luu-tru/` + year folders, and the undated folder."""

    root: str = "luu-tru/"
    undated: str = "luu-tru/khong-ro-ngay/"

    @classmethod
    def from_settings(cls, options: dict) -> "ArchiveLayout":
        year = str(options.get("YEAR_SAVE_AS") or "luu-tru/{year}/index.html")
        undated = str(options.get("UNDATED_SAVE_AS") or "luu-tru/khong-ro-ngay/index.html")
        return cls(root=year.split("{year}", 1)[0], undated=undated.rsplit("/", 1)[0] + "/")


def article_places(save_as: str) -> list[str]:
    """The keys of article_dirs for an article: its file, and its folder when the page is a folder's index."""
    places = [save_as]
    if save_as.endswith("/index.html"):
        places.append(save_as[: -len("/index.html")])
    return places


def owner(rel: str, article_dirs: dict[str, str], shards: frozenset[str], layout: ArchiveLayout = ArchiveLayout()) -> str:
    """The job that writes the output file `rel` (a path relative to the output folder, with "/")."""
    if rel in article_dirs:
        return article_dirs[rel]
    folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
    while folder:
        key = article_dirs.get(folder)
        if key is not None:
            return key
        folder = folder.rsplit("/", 1)[0] if "/" in folder else ""
    if rel.startswith(layout.undated):  # one list of every undated post: the listing job reads them all anyway
        return LISTING
    if layout.root and rel.startswith(layout.root):
        parts = rel[len(layout.root):].split("/")
        year = parts[0]
        if len(year) == 4 and year.isdigit():
            if year in shards:
                return year
            months = sorted(s for s in shards if s.startswith(year + "-"))
            if months:
                wanted = f"{year}-{parts[1]}" if len(parts) > 2 and parts[1].isdigit() else None
                return wanted if wanted in shards else months[0]
    return LISTING

"""Plain data passed between the pipeline stages.

Each stage is a pure function from one of these types to the next, so a
reader can follow one raw file to one post:

    RawFile --normalize--> Normalized --parse--> Parts --extract--> Article --emit--> Markdown
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Precision values, from most to least precise. Stored in `Date_precision`.
from vnarchive.common.dates import PRECISIONS  # noqa: F401 - one list for the converter and the site


@dataclass(frozen=True)
class RawFile:
    """One input file as bytes, with the name it is reported under."""

    name: str
    data: bytes
    # Optional crawl facts from manifest.csv (url, published, crawled).
    manifest: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Normalized:
    """Decoded, NFC-normalised text split into non-empty lines."""

    lines: tuple[str, ...]
    encoding: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parts:
    """The structure of a news text once page chrome is removed."""

    title: str
    title_source: str  # "text" or "derived"
    lead: str
    paragraphs: tuple[str, ...]
    credit_lines: tuple[str, ...]
    chrome_removed: tuple[str, ...] = ()
    removed_kinds: tuple[str, ...] = ()  # per line of chrome_removed: breadcrumb, chrome, related, end mark, repeated title
    breadcrumb: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    datelines: tuple[str, ...] = ()  # page date stamps ("Thứ Tư, 10/05/2023 08:30"), removed from the body
    lead_cut: bool = False  # the lead is the start of a text run together on one line; the body goes on from it
    kinds: tuple[str, ...] = ()  # per paragraph: "p", "caption" or "h" (subheading); empty means all "p"


@dataclass(frozen=True)
class PartialDate:
    """A date known only as far as the text tells it.

    `precision` says which fields are real: a month-precision date has no day,
    and nothing downstream may show or invent one.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    precision: str = "unknown"
    evidence: str = ""
    source: str = ""  # which evidence gave it: dateline, manifest, lead, crawl (a bound only), none
    before: str = ""  # ISO day the article is known to precede (the crawl), when no date is known

    def iso(self) -> str:
        """ISO 8601 form used in the `Date` key (first day of a month/year)."""
        if self.precision == "unknown" or self.year is None:
            return ""
        month = self.month or 1
        day = self.day or 1
        text = f"{self.year:04d}-{month:02d}-{day:02d}"
        if self.precision == "day" and self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}:00+07:00"
        return text


@dataclass(frozen=True)
class Credits:
    """Who made the article: people (authors, photographers) and outlets."""

    authors: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: str = ""
    groups: tuple[str, ...] = ()  # newsroom credits with their outlet ("Nhóm PV · Báo QĐND"): not persons
    printed: tuple[str, ...] = ()  # the names as the article printed them, when the reduce merged them into others


@dataclass(frozen=True)
class Article:
    """Everything the emitter needs to write one post."""

    source: str
    source_id: str
    title: str
    title_source: str
    lead: str
    paragraphs: tuple[str, ...]
    date: PartialDate
    credits: Credits
    tags: tuple[str, ...]
    category: str
    slug: str = ""
    original_url: str = ""
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    fingerprint: str = ""  # text hash used to find duplicates
    kinds: tuple[str, ...] = ()  # per paragraph: "p", "caption" or "h" (subheading); empty means all "p"
    places: tuple[str, ...] = ()  # provinces the article is about (extract/places.py)
    # Provenance (shown in an article's "Nguồn gốc" section): the raw bytes'
    # sha256, the crawl day from the manifest (ISO, '' when unknown) and what
    # the converter removed, as "kind: count" items (removed_summary()).
    raw_sha256: str = ""
    crawled: str = ""
    removed: tuple[str, ...] = ()


@dataclass
class ReportEntry:
    """What became of one input file; the report lists one per input."""

    source: str
    status: str  # "converted", "kept", "duplicate", "failed", "ignored" (see docs/robustness.md)
    output: str = ""
    reason: str = ""
    duplicate_of: str = ""
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {"source": self.source, "status": self.status}
        for key in ("output", "reason", "duplicate_of", "encoding"):
            value = getattr(self, key)
            if value:
                data[key] = value
        data["warnings"] = list(self.warnings)
        return data


class Rejected(Exception):
    """An input that cannot become a post; the message is the report's reason."""

"""Stage 4, emit: Article -> Pelican Markdown text.

The only module that knows Pelican's metadata syntax. Raw text is escaped so
that nothing in it is interpreted: HTML special characters become entities
and Markdown syntax characters are backslash-escaped, so `<script>`,
`[x](y)`, `# ` or `{{ }}` in a scraped text show as literal text.
"""

from __future__ import annotations

import datetime
import functools
import html
import re
import unicodedata
from urllib.parse import quote, urlsplit

from .model import PRECISIONS, Article, Rejected
from .slug import is_safe_slug

# Characters with inline meaning in Markdown, escaped wherever they stand.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
# Characters that start a block (heading, list, quote, rule) at a line start.
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([#+\-])")
_BLOCK_STARTS = re.compile(_BLOCK_START.pattern, re.M)  # at every line start of a text
_INLINE_CHARS = "\\`*_[]{}"  # what _INLINE matches
_BLOCK_FIRST = frozenset("0123456789#+-")  # what a _BLOCK_START match starts with
# Characters that are not text: C0/C1 controls (Python-Markdown also uses
# \x02/\x03 as its own placeholders) and lone surrogates (not encodable).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
UNTITLED = "Bài không có tiêu đề"
_LIST_LOOKALIKES = str.maketrans({";": ",", "&": "\uff06", "<": "\u2039", ">": "\u203a"})
UNKNOWN_DATE = "1900-01-01"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_YEAR, MAX_YEAR = 1000, 9998
# Keys in the order written; Pelican lower-cases them when reading.
KEYS = (
    "Title", "Title_source", "Date", "Date_precision", "Date_evidence", "Date_source", "Date_before", "Authors", "Authors_printed", "Groups",
    "Photographers", "Outlets", "Tags", "Places", "Category", "Summary", "Slug", "Source",
    "Source_id", "Original_url", "Encoding", "Crawled", "Raw_sha256", "Removed", "Credit_evidence", "Converter",
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CRAWL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def plain_line(text: str) -> str:
    """One line of text: controls dropped, whitespace runs (newlines too) made one space."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Already one plain line (nearly every paragraph, as normalize leaves
        # it): str.isprintable is False for every control, lone surrogate and
        # whitespace character but the space, and is one fast pass in C.
        return text
    return " ".join(_NOT_TEXT.sub("", text).split())


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text (one line)."""
    text = _INLINE.sub(r"\\\1", plain_line(text))
    text = _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return html.escape(text, quote=False)


def metadata_text(value: str) -> str:
    """A one-line metadata value: no newlines, no controls, HTML special characters as entities."""
    return html.escape(plain_line(value), quote=False)


def metadata_url(url: str) -> str:
    """An http(s) URL, percent-encoded so no quote or bracket can leave an href; else ''."""
    url = plain_line(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url, safe="/:?#[]@!$&()*+,;=%~-._")


def metadata_date(article: Article) -> tuple[str, str]:
    """(Date, Date_precision): an ISO date Pelican can read, else the unknown-date sort key."""
    date = article.date
    if date.precision not in PRECISIONS or date.precision == "unknown":
        return UNKNOWN_DATE, "unknown"
    try:
        text = date.iso()
        day = datetime.date.fromisoformat(text[:10])
        if len(text) > 10:
            datetime.datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return UNKNOWN_DATE, "unknown"
    if not MIN_YEAR <= day.year <= MAX_YEAR:  # time-zone arithmetic must not overflow
        return UNKNOWN_DATE, "unknown"
    return text, date.precision


def has_url_name(value: str) -> bool:
    """Whether Pelican can make a URL name (slug) of value. Pelican slugifies
    tags, authors and categories after transliterating to ASCII; a value with
    no letter or digit left (`???`) would get the empty slug and its page would
    overwrite the index of all tags, authors or categories."""
    return _has_url_name(value)


# Tags, authors, outlets and categories repeat across a corpus: each distinct
# value is checked (and cleaned, below) once per process, not once per post.
_CACHED_VALUES = 65_536


@functools.lru_cache(maxsize=_CACHED_VALUES)
def _has_url_name(value: str) -> bool:
    folded = unicodedata.normalize("NFKC", value)
    try:
        from unidecode import unidecode
    except ImportError:  # Pelican depends on it; without it, stay on the safe side
        return any(c.isascii() and c.isalnum() for c in folded)
    return bool(re.search(r"[A-Za-z0-9_]", unidecode(folded)))


@functools.lru_cache(maxsize=_CACHED_VALUES)
def _list_item(value: str) -> str:
    """One item of a list value as metadata_list writes it ('' when left out)."""
    return metadata_text(value.translate(_LIST_LOOKALIKES)) if _has_url_name(plain_line(value)) else ""


def metadata_list(values: tuple[str, ...]) -> str:
    """A list value. Pelican splits on ';' when present, so always end with one:
    tags like "tự do tín ngưỡng, tôn giáo" keep their comma. An entity such
    as `&amp;` would be split there too, so in list items `;` becomes `,` and
    `& < >` their look-alikes `＆ ‹ ›`. Values that cannot have a URL name are
    left out."""
    cleaned = list(dict.fromkeys(text for text in map(_list_item, values) if text))  # as Pelican reads them
    return "; ".join(cleaned) + ";" if cleaned else ""


def metadata(article: Article) -> dict[str, str]:
    """The metadata values, each one safe line; raises Rejected for an unsafe slug."""
    if not is_safe_slug(article.slug):
        raise Rejected(f"unsafe slug {article.slug[:100]!r}")
    date, precision = metadata_date(article)
    return {
        "Title": metadata_text(article.title) or UNTITLED,
        "Title_source": metadata_text(article.title_source),
        "Date": date,
        "Date_precision": precision,
        "Date_evidence": metadata_text(article.date.evidence),
        "Date_source": metadata_text(article.date.source),
        "Date_before": article.date.before if precision == "unknown" and _ISO_DAY.fullmatch(article.date.before or "") else "",
        "Authors": metadata_list(article.credits.authors),
        "Authors_printed": metadata_list(article.credits.printed),
        "Groups": metadata_list(article.credits.groups),
        "Photographers": metadata_list(article.credits.photographers),
        "Outlets": metadata_list(article.credits.sources),
        "Tags": metadata_list(article.tags),
        "Places": metadata_list(article.places),
        "Category": metadata_text(article.category) if _has_url_name(plain_line(article.category)) else "",
        "Summary": escape_markdown(article.lead),
        "Slug": article.slug,
        "Source": metadata_text(article.source),
        "Source_id": metadata_text(article.source_id),
        "Original_url": metadata_url(article.original_url),
        "Encoding": metadata_text(article.encoding),
        "Crawled": article.crawled if _CRAWL_DATE.fullmatch(article.crawled or "") else "",
        "Raw_sha256": article.raw_sha256 if _SHA256.fullmatch(article.raw_sha256 or "") else "",
        "Removed": metadata_text(", ".join(article.removed)),
        "Credit_evidence": metadata_text(article.credits.evidence),
        "Converter": converter_version(),
    }


@functools.lru_cache(maxsize=1)
def converter_version() -> str:
    """The package's version and the converter's state version (state.py's
    CONVERTER_VERSION): what a reader needs to know which converter made a
    post. (Not the code digest: that would rewrite every post on any edit.)"""
    from importlib import metadata as importlib_metadata

    from .state import CONVERTER_VERSION

    try:
        package = importlib_metadata.version("vn-news-archive")
    except importlib_metadata.PackageNotFoundError:
        package = "?"
    return f"vn-news-archive {package}, rawnews {CONVERTER_VERSION}"


def emit(article: Article) -> str:
    """The whole post: metadata block, blank line, escaped paragraphs."""
    meta = metadata(article)
    head = "\n".join(f"{key}: {meta[key]}" for key in KEYS if meta.get(key))
    return f"{head}\n\n{body_blocks(article.paragraphs, article.kinds)}\n"


CAPTION_OPEN, CAPTION_CLOSE = '<p class="caption">', "</p>"


def body_blocks(paragraphs: tuple[str, ...], kinds: tuple[str, ...] = ()) -> str:
    """The body: prose as escaped paragraphs, a subheading as a level-3
    Markdown heading, a caption as a one-line HTML paragraph of class
    "caption" whose text is HTML-escaped (Markdown leaves an HTML block as
    it is, so no Markdown escape is needed and no markup can get in)."""
    if not kinds or all(kind == "p" for kind in kinds):
        return escaped_paragraphs(paragraphs)
    out = []
    run: list[str] = []
    for text, kind in zip(paragraphs, kinds):
        if kind == "p":
            run.append(text)
            continue
        if run:
            out.append(escaped_paragraphs(tuple(run)))
            run = []
        line = plain_line(text)
        if not line:
            continue
        if kind == "caption":
            out.append(CAPTION_OPEN + html.escape(line, quote=False) + CAPTION_CLOSE)
        else:
            heading = escape_markdown(line)
            out.append("### " + (heading[:-1] + "\\#" if heading.endswith("#") else heading))
    if run:
        out.append(escaped_paragraphs(tuple(run)))
    return "\n\n".join(block for block in out if block)


def escaped_paragraphs(paragraphs: tuple[str, ...]) -> str:
    """`"\n\n".join` of the non-empty escape_markdown(p): the plain lines are
    joined first and escaped as one text (a plain line has no line break, so
    the escapes cannot reach across paragraphs, and each paragraph starts a line)."""
    lines = [line for line in map(plain_line, paragraphs) if line]
    text = "\n\n".join(lines)
    # Each regex runs only when a character it acts on is there (about 1% of
    # texts): the literal searches cost far less than a regex pass.
    if any(char in text for char in _INLINE_CHARS):
        text = _INLINE.sub(r"\\\1", text)
    if any(line[:1] in _BLOCK_FIRST for line in lines):  # (a line starts after an inline escape with "\\", never one of these)
        text = _BLOCK_STARTS.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return html.escape(text, quote=False)

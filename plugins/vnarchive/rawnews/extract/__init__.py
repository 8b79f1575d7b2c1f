"""Stage 3, extract: Parts -> Article (dates, credits, tags, category)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

from ..model import Article, Parts
from ..slug import safe_slug
from .authors import extract_credits, lead_outlet
from .category import extract_category
from .dates import extract_date
from .places import extract_places
from .provenance import crawl_date, removed_summary
from .tags import extract_tags

_ID = re.compile(r"([0-9a-f]{16})", re.I)


def source_id(name: str) -> str:
    """The 16-hex id in `000_5b2ff6894bc9a89f.txt`, else a hash of the name."""
    match = _ID.search(name)
    if match:
        return match.group(1).lower()
    return hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]


# ASCII punctuation and common typographic marks: never word characters.
_ASCII_NOT_WORD = bytes(b for b in range(128) if not re.match(rb"\w", bytes([b])))
_ASCII_NON_WORD = bytes.maketrans(_ASCII_NOT_WORD, b" " * len(_ASCII_NOT_WORD))
_MARKS = "“”‘’…–—«»•·"


def article_words(text: str) -> bytes:
    r"""`" ".join(re.findall(r"\w+", text))` in UTF-8, faster for ordinary text.

    Punctuation becomes spaces in C (bytes.translate for ASCII, replace for
    a few marks) and bytes.split finds the words; when what is left is not
    all letters and digits (an underscore, an unusual symbol or space) the
    regex does it after all, so the result is always the regex's.
    """
    words = word_list(text)
    if words is None:  # lone surrogates
        return " ".join(re.findall(r"\w+", text)).encode("utf-8", "surrogatepass")
    return b" ".join(words)


_LAST_WORDS: tuple[str, list[bytes] | None] = ("", [])


def word_list(text: str) -> list[bytes] | None:
    r"""`re.findall(r"\w+", text)`, each word in UTF-8 (None when text has lone
    surrogates). The last answer is kept: the fingerprint (on the lower-cased
    text) and the duplicate sketch (on the case-folded one, the same string
    for nearly every text) ask for the same words. Callers must not change
    the list."""
    last = _LAST_WORDS
    if last[0] == text:
        return last[1]
    result = _word_list(text)
    globals()["_LAST_WORDS"] = (text, result)
    return result


def _word_list(text: str) -> list[bytes] | None:
    spaced = text
    for mark in _MARKS:
        if mark in spaced:
            spaced = spaced.replace(mark, " ")
    try:
        data = spaced.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return None
    words = data.translate(_ASCII_NON_WORD).split()
    if b"".join(words).decode("utf-8").isalnum():
        return words
    return [word.encode("utf-8") for word in re.findall(r"\w+", text)]


def fingerprint(parts: Parts) -> str:
    """Hash of the article words only, so re-scrapes with other chrome match."""
    words = article_words(" ".join((parts.lead, *parts.paragraphs)).lower())
    return hashlib.sha1(words).hexdigest()


def extract(
    parts: Parts,
    name: str,
    manifest: dict[str, str] | None = None,
    encoding: str = "utf-8",
    default_year: int | None = None,
    today: dt.date | None = None,
) -> Article:
    manifest = manifest or {}
    date = extract_date(
        parts.lead,
        parts.paragraphs,
        published=manifest.get("published", ""),
        crawled=manifest.get("crawled", ""),
        default_year=default_year,
        datelines=parts.datelines,
        opening=not parts.lead_cut,
        today=today or dt.date.today(),
    )
    credits = extract_credits(parts.credit_lines)
    outlet, _ = lead_outlet(parts.lead)
    if outlet and outlet not in credits.sources:
        credits = dataclasses.replace(credits, sources=credits.sources + (outlet,))
    warnings = list(parts.warnings)
    if date.precision == "unknown":
        warnings.append("no date found in text or manifest")
    elif date.precision != "day":
        warnings.append(f"date known only to the {date.precision}: {date.evidence}")
    if not credits.authors:
        warnings.append("no author credit found" + (f" (source outlet: {', '.join(credits.sources)})" if credits.sources else ""))
    sid = source_id(name)
    return Article(
        source=name,
        source_id=sid,
        title=parts.title,
        title_source=parts.title_source,
        lead=parts.lead,
        paragraphs=parts.paragraphs,
        kinds=parts.kinds if any(kind != "p" for kind in parts.kinds) else (),
        date=date,
        credits=credits,
        tags=extract_tags(parts.title, parts.lead, parts.paragraphs),
        places=extract_places(parts.title, parts.lead, parts.paragraphs),
        category=extract_category(parts.title, parts.lead, parts.breadcrumb, manifest.get("url", ""), parts.paragraphs),
        slug=safe_slug(parts.title, sid),
        original_url=manifest.get("url", ""),
        encoding=encoding,
        warnings=tuple(warnings),
        fingerprint=fingerprint(parts),
        crawled=crawl_date(manifest.get("crawled", "")),
        removed=removed_summary(parts.removed_kinds, len(parts.datelines)),
    )

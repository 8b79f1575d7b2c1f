"""Jinja filters of the theme: safe text, JSON-LD, orderings.

Metadata values reach the templates as the converter wrote them, HTML
special characters as entities (but `"` left as is), and Pelican templates
do not autoescape. `text` turns any value into escaped plain text that is
safe in element content and in quoted attributes; `plain` gives the
unescaped text for JSON (`tojson` then escapes < > & ' for a script block).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markupsafe import Markup, escape

from vnarchive.common.text import plain_text


def plain(value) -> str:
    """Visible text of a value that may hold entities or tags, one line."""
    if value is None:
        return ""
    return _plain(str(value))


# The same titles, names and tags are shown on many pages of a build: each
# is cleaned once (a bounded cache: a few MB at most).
_plain = lru_cache(maxsize=1 << 16)(plain_text)


@lru_cache(maxsize=1 << 16)
def _text(value: str) -> Markup:
    return escape(_plain(value))


def text(value) -> Markup:
    """Plain text escaped for HTML content and attributes."""
    return _text("" if value is None else str(value))


def shorten(value, limit: int = 200) -> str:
    """Plain text cut at a word boundary to at most `limit` characters (…)."""
    value = plain(value)
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if not value[limit - 1].isspace() and " " in cut:  # do not end inside a word
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" ,;:.-–")
    return f"{cut}…"


def safe_url(value) -> str:
    """An http(s) URL from metadata, else "" (no javascript:, data:, ...)."""
    url = plain(value)
    return url if re.match(r"https?://[^\s<>\"']+$", url, re.I) else ""


def sort_key(value) -> tuple[str, str]:
    """Vietnamese-friendly alphabetical key: base letters first (đ after d), then marks."""
    name = plain(value).casefold()
    base = unicodedata.normalize("NFD", name.replace("đ", "d\uffff"))
    return ("".join(c for c in base if not unicodedata.combining(c)), name)


def by_name(pairs):
    """(object, articles) pairs in alphabetical order of the object's name."""
    return sorted(pairs, key=lambda pair: sort_key(pair[0]))


def by_count(pairs):
    """(object, articles) pairs, most articles first, then alphabetical."""
    return sorted(pairs, key=lambda pair: (-len(pair[1]), sort_key(pair[0])))


def is_absolute(url) -> bool:
    return bool(re.match(r"https?://", str(url or ""), re.I))


def news_article_ld(article, siteurl: str = "", published: str = "") -> dict:
    """schema.org NewsArticle of an article, as a dict for `tojson`.

    `published` is the date at the precision the text gives ("2023-05",
    "2023"; the vi_dates filter `iso_date`), left out when empty (unknown)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": shorten(getattr(article, "title", ""), 110),
        "inLanguage": "vi",
    }
    if published:
        data["datePublished"] = published
    authors = []
    for author in getattr(article, "authors", None) or ():
        person = {"@type": "Person", "name": plain(author)}
        if is_absolute(siteurl):
            person["url"] = f"{siteurl}/{author.url}"
        authors.append(person)
    if authors:
        data["author"] = authors
    tags = [plain(tag) for tag in getattr(article, "tags", None) or ()]
    if tags:
        data["keywords"] = tags
    category = getattr(article, "category", None)
    if category:
        data["articleSection"] = plain(category)
    summary = shorten(getattr(article, "summary", ""), 300)
    if summary:
        data["description"] = summary
    if is_absolute(siteurl):
        data["url"] = data["mainEntityOfPage"] = f"{siteurl}/{article.url}"
    original = safe_url(getattr(article, "original_url", ""))
    if original:
        data["isBasedOn"] = original
    return data


FILTERS = {
    "plain": plain,
    "text": text,
    "shorten": shorten,
    "safe_url": safe_url,
    "by_name": by_name,
    "by_count": by_count,
    "is_absolute": is_absolute,
    "news_article_ld": news_article_ld,
}

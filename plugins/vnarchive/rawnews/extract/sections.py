"""A category from the site's own sections: the original URL, else a breadcrumb.

The paper filed the article; when its URL or breadcrumb names a section we
know (`data/sections.txt`), that is the category, and no guess from the text
can beat it. Sections that say nothing of the topic are not listed, so the
text decides for them.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from ..data import pairs
from ..slug import slugify

# Sub-domains that are not sections ("www.", "m.", "news.zing.vn").
_HOSTS = frozenset({"www", "m", "amp", "news", "mobile", "en", "e"})
# Second-level labels under a country domain: dantri.com.vn is one site.
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "info", "ac", "co", "int"})


@lru_cache(maxsize=1)
def section_table() -> dict[str, str]:
    """Section slug (or `site/section`) -> category, with each category's own name."""
    table = {}
    for section, category in pairs("sections.txt"):
        table[section.lower()] = category
    for category in set(table.values()):
        table.setdefault(slugify(category), category)
    return table


def _site(host: str) -> tuple[str, str]:
    """(site, sub-domain section) of a host: thethao.tuoitre.vn -> (tuoitre.vn, thethao)."""
    labels = host.lower().split(":")[0].strip(".").split(".")
    size = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    site = ".".join(labels[-size:])
    rest = [label for label in labels[:-size] if label not in _HOSTS]
    return site, rest[0] if rest else ""


def url_sections(url: str) -> tuple[str, tuple[str, ...]]:
    """(site, sections from the most general): the sub-domain, then the folders
    (the last part of the path is the article's own name unless it ends in /)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", ()
    if not parts.netloc:
        return "", ()
    site, sub = _site(parts.netloc)
    folders = parts.path.split("/")
    folders = folders[1:] if parts.path.endswith("/") else folders[1:-1]
    sections = tuple(s.lower() for s in ([sub] if sub else []) + folders if s)
    return site, sections


def sections_category(sections, site: str = "") -> str:
    """The category of the most specific known section, or ""."""
    table = section_table()
    for section in reversed(tuple(sections)):
        found = table.get(f"{site}/{section}") if site else None
        found = found or table.get(section)
        if found:
            return found
    return ""


def url_category(url: str) -> str:
    """The category the original URL's sections give, or ""."""
    if not url:
        return ""
    site, sections = url_sections(url)
    return sections_category(sections, site)


def breadcrumb_category(breadcrumb: tuple[str, ...]) -> str:
    """The category of a breadcrumb's most specific known section, or ""."""
    return sections_category(slugify(section) for section in breadcrumb if len(section) <= 40)

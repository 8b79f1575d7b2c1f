"""Readable ASCII slugs from Vietnamese titles ("đ" -> "d", tones dropped)."""

from __future__ import annotations

import re

from vnarchive.common.text import fold

MAX_SLUG_CHARS = 80
# Names a slug must never take: they would replace a site page or escape a folder.
RESERVED = frozenset({"index", "archives", "tags", "authors", "categories", "search", "feeds", "pagefind", "theme", "404", "about", "gioi-thieu", "sitemap", "robots"})


def slugify(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """`Nâng cao hiệu quả` -> `nang-cao-hieu-qua`; at most max_chars, cut at a hyphen."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    if len(slug) > max_chars:
        slug = slug[:max_chars]
        slug = slug[: slug.rindex("-")] if "-" in slug else slug
    return slug


def safe_slug(title: str, source_id: str) -> str:
    """A slug that is never empty, reserved or a path."""
    slug = slugify(title)
    source_id = slugify(source_id)[:16] or "0"
    if not slug or slug in RESERVED or slug.isdigit():
        slug = f"bai-{source_id}" if not slug else f"{slug}-{source_id[:8]}"
    return slug


_SAFE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,150}[a-z0-9])?")


def is_safe_slug(slug: str) -> bool:
    """Whether slug can name a file and a URL folder: lower-case ASCII letters,
    digits and inner hyphens, not reserved (never '..', '/', '' or 'index')."""
    return bool(_SAFE.fullmatch(slug)) and slug not in RESERVED

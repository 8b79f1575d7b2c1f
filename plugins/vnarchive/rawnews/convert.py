"""One raw file through the pure stages: bytes -> Article (the map step)."""

from __future__ import annotations

import dataclasses
import hashlib

from .extract import extract
from .model import Article, RawFile, Rejected
from .normalize import normalize
from .parse import parse


def convert(raw: RawFile, default_year: int | None = None) -> Article:
    """normalize -> parse -> extract. Raises Rejected with the reason."""
    text = normalize(raw.data)
    parts = parse(text.lines)
    article = extract(parts, raw.name, raw.manifest, text.encoding, default_year)
    return dataclasses.replace(article, warnings=text.warnings + article.warnings, raw_sha256=hashlib.sha256(raw.data).hexdigest())

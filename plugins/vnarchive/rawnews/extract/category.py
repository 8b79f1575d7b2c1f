"""Pick a category: the site's own section, else a guess from the text.

In this order, because each is surer than the next: the original URL's
section (`/the-gioi/`, Báo Mới's zone, ... mapped in `data/sections.txt`),
a breadcrumb's section (mapped the same way), the text classifier
(`classify.py`: a small model and the user's keyword rules, both data).
"""

from __future__ import annotations

from .classify import DEFAULT_CATEGORY, classify
from .sections import breadcrumb_category, url_category

__all__ = ["DEFAULT_CATEGORY", "extract_category"]


def extract_category(
    title: str, lead: str, breadcrumb: tuple[str, ...] = (), url: str = "", paragraphs: tuple[str, ...] = ()
) -> str:
    """The URL's section, the breadcrumb's, else the text's category."""
    return url_category(url) or breadcrumb_category(breadcrumb) or classify(title, lead, paragraphs)

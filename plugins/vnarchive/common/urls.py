"""A page's URL from where it is saved, as the site links pages."""

from __future__ import annotations


def url_of(save_as: str) -> str:
    """"gioi-thieu/index.html" -> "gioi-thieu/" (folder URLs); "404.html" -> "404.html"."""
    return save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as

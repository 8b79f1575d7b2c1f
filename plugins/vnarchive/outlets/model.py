"""Outlets as URL wrappers, and the articles of each (pure: no signals, no files)."""

from __future__ import annotations

from pelican.urlwrappers import URLWrapper

from vnarchive.site_theme.filters import sort_key


class Outlet(URLWrapper):
    """A news outlet ("TTXVN"): its URL and page come from OUTLET_URL and OUTLET_SAVE_AS."""


def split_names(value) -> list[str]:
    """"TTXVN; Báo Nhân Dân;" -> ["TTXVN", "Báo Nhân Dân"] (empty parts and repeats dropped)."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        parts = str(value).split(";")
    names: list[str] = []
    for part in parts:
        name = " ".join(part.split())
        if name and name not in names:
            names.append(name)
    return names


def group_by_outlet(articles, settings) -> list[tuple[Outlet, list]]:
    """Set each article's `outlet_list` and return (outlet, its articles) pairs,
    most articles first, then by name.

    One pass over the articles; each outlet's list keeps the articles' order
    (the generator's: newest first). Names that slugify alike ("TTXVN",
    "ttxvn") are one outlet, named as first seen.
    """
    outlets: dict[str, Outlet] = {}  # slug -> the outlet
    named: dict[str, Outlet | None] = {}  # name as written -> its outlet (None: no slug); slugified once
    parsed: dict[object, list[str]] = {}  # metadata value -> its names, split once
    members: dict[str, list] = {}
    for article in articles:
        value = getattr(article, "outlets", None)
        key = value if isinstance(value, str) or value is None else tuple(value)
        names = parsed.get(key)
        if names is None:
            names = parsed[key] = split_names(value)
        chosen = []
        for name in names:
            if name not in named:
                outlet = Outlet(name, settings)
                named[name] = outlets.setdefault(outlet.slug, outlet) if outlet.slug else None
            outlet = named[name]
            if outlet is not None and outlet not in chosen:
                chosen.append(outlet)
                members.setdefault(outlet.slug, []).append(article)
        article.outlet_list = chosen
    pairs = [(outlets[slug], members[slug]) for slug in outlets]
    pairs.sort(key=lambda pair: (-len(pair[1]), sort_key(pair[0].name)))
    return pairs

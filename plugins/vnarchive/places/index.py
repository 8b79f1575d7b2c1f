"""Articles grouped by the provinces their `Places` metadata names.

Pure functions over anything with `.places` (the metadata as Pelican read
it: "Đắk Lắk; Gia Lai;") and `.date`/`.slug`. Province names and slugs come
from the converter's data file, so a name the converter did not write (a
hand edit) is ignored with the others unknown to it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from vnarchive.rawnews.extract.places import provinces


@dataclass
class Place:
    name: str
    slug: str
    url: str
    save_as: str
    articles: list = field(default_factory=list)  # newest first

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass
class PlaceIndex:
    places: list[Place] = field(default_factory=list)  # every province, in the data file's order
    url: str = ""
    save_as: str = ""

    @property
    def named(self) -> list[Place]:
        """The provinces that have articles, most first, then by name."""
        return sorted((p for p in self.places if p.articles), key=lambda p: (-p.count, p.slug))

    @property
    def count(self) -> int:
        """Articles that name at least one province."""
        return len({id(a) for p in self.places for a in p.articles})


def names_of(value) -> list[str]:
    """The Places metadata -> its names (the text is entity-escaped metadata)."""
    if not value:
        return []
    items = value.split(";") if isinstance(value, str) else list(value)
    return [name for name in (html.unescape(str(item)).strip() for item in items) if name]


def urls_by_name(place_url: str) -> dict[str, str]:
    """Each known province's page URL (`place_url` has `{slug}`)."""
    return {p.name: place_url.format(slug=p.slug) for p in provinces()}


def links(value, urls: dict[str, str]) -> list[tuple[str, str]]:
    """(name, url) of the known provinces a Places value names, in its order."""
    return [(name, urls[name]) for name in dict.fromkeys(names_of(value)) if name in urls]


def build(articles, url: str, save_as: str, place_url: str, place_save_as: str) -> PlaceIndex:
    """`place_url` and `place_save_as` are patterns with `{slug}`."""
    known = {p.name: p for p in provinces()}
    groups: dict[str, list] = {name: [] for name in known}
    for article in articles:
        for name in dict.fromkeys(names_of(getattr(article, "places", ""))):
            if name in groups:
                groups[name].append(article)
    places = []
    for name, province in known.items():
        items = sorted(groups[name], key=lambda a: (a.date, str(getattr(a, "slug", ""))), reverse=True)
        places.append(Place(name, province.slug, place_url.format(slug=province.slug),
                            place_save_as.format(slug=province.slug), items))
    return PlaceIndex(places, url, save_as)

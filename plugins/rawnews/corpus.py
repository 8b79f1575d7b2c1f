"""The reduce step: facts that need the whole corpus, computed once.

- duplicates: articles with the same words (re-scrapes with other chrome);
- canonical authors: "Khánh Vi" and "Hồ Thị Khánh Vi" are one reporter when
  the short form matches exactly one full form; the alias file overrides;
- unique slugs: a slug once given to a source keeps it (URLs stay stable),
  a newcomer whose slug is taken gets its source id appended.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from .data import pairs
from .model import Article


def find_duplicates(articles: list[Article]) -> dict[str, str]:
    """source -> source it duplicates (the first by name keeps the post)."""
    first: dict[str, str] = {}
    duplicates = {}
    for article in sorted(articles, key=lambda a: a.source):
        kept = first.setdefault(article.fingerprint, article.source)
        if kept != article.source:
            duplicates[article.source] = kept
    return duplicates


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def canonical_authors(names: set[str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Map every name to its canonical form.

    A name is merged into a longer one when its words are the tail of exactly
    one longer name (Vietnamese given names come last: "Khánh Vi" is the tail
    of "Hồ Thị Khánh Vi"). Initials and ambiguous short forms stay apart.
    """
    aliases = {_fold(k): v for k, v in (aliases or {}).items()}
    words_of = {name: _fold(name).split() for name in names}

    def is_tail(short: list[str], long: list[str]) -> bool:
        return len(long) > len(short) and long[-len(short):] == short

    mapping = {}
    for name in names:
        words = words_of[name]
        if _fold(name) in aliases:
            mapping[name] = aliases[_fold(name)]
            continue
        if len(words) < 2 or any(w.endswith(".") for w in words):
            mapping[name] = name
            continue
        longer = [other for other in names if is_tail(words, words_of[other])]
        # Keep only the fullest forms: "Thị Khánh Vi" is itself a tail of "Hồ Thị Khánh Vi".
        fullest = [a for a in longer if not any(is_tail(words_of[a], words_of[b]) for b in longer)]
        mapping[name] = fullest[0] if len(fullest) == 1 else name
    return mapping


def assign_slugs(articles: list[Article], registry: dict[str, str]) -> dict[str, str]:
    """source -> unique slug, keeping every slug the registry already gave."""
    taken: dict[str, str] = {}
    result = {}
    for article in articles:
        slug = registry.get(article.source)
        if slug and slug not in taken:
            taken[slug] = article.source
            result[article.source] = slug
    for article in sorted(articles, key=lambda a: a.source):
        if article.source in result:
            continue
        slug = article.slug
        if slug in taken:
            slug = f"{article.slug}-{article.source_id[:8]}"
            suffix = 2
            while slug in taken:
                slug = f"{article.slug}-{article.source_id[:8]}-{suffix}"
                suffix += 1
        taken[slug] = article.source
        result[article.source] = slug
    return result


def reduce_corpus(
    articles: list[Article],
    slug_registry: dict[str, str],
    alias_file: str = "author_aliases.txt",
) -> tuple[list[Article], dict[str, str], dict[str, list[str]]]:
    """Return (published articles, duplicates map, notes per source)."""
    notes: dict[str, list[str]] = defaultdict(list)
    duplicates = find_duplicates(articles)
    published = [a for a in articles if a.source not in duplicates]
    names = {name for a in published for name in a.credits.authors}
    mapping = canonical_authors(names, dict(pairs(alias_file)))
    slugs = assign_slugs(published, slug_registry)
    result = []
    for article in published:
        authors = tuple(dict.fromkeys(mapping.get(n, n) for n in article.credits.authors))
        for old, new in zip(article.credits.authors, authors):
            if old != new:
                notes[article.source].append(f"author '{old}' merged into '{new}'")
        if slugs[article.source] != article.slug:
            notes[article.source].append(f"slug '{article.slug}' taken: using '{slugs[article.source]}'")
        result.append(
            dataclasses.replace(
                article,
                credits=dataclasses.replace(article.credits, authors=authors),
                slug=slugs[article.source],
            )
        )
    return result, duplicates, dict(notes)

"""trich-dan.json: the article as CSL-JSON (an array of one item), which
Zotero, Pandoc and citeproc processors read.

`issued` has as many date-parts as the date is known (["2023"] for a
year-only article) and is left out when the date is unknown; people are
{family, given}, newsroom and group credits {"literal": ...}; the outlet
is the container-title and publisher; `accessed` is the crawl date."""

from __future__ import annotations

import json

from .work import Work, family_given


def date_parts(iso: str) -> dict | None:
    parts = [int(p) for p in iso.split("-")] if iso else []
    return {"date-parts": [parts]} if parts else None


def item(work: Work) -> dict:
    data: dict = {"id": work.key, "type": "article-newspaper" if work.outlets else "webpage", "language": "vi"}
    data["title"] = work.title or "Bài không có tiêu đề"
    authors = []
    for person in work.persons:
        family, given = family_given(person)
        authors.append({"family": family, "given": given} if given else {"family": family})
    authors += [{"literal": name} for name in work.institutions]
    if authors:
        data["author"] = authors
    if work.outlets:
        data["container-title"] = data["publisher"] = ", ".join(work.outlets)
    if work.year is not None:
        data["issued"] = {"date-parts": [[p for p in (work.year, work.month, work.day) if p is not None]]}
    url = work.url or work.archive_url
    if url:
        data["URL"] = url
    accessed = date_parts(work.accessed)
    if accessed:
        data["accessed"] = accessed
    if work.url and work.archive_url:
        data["archive_location"] = work.archive_url
    if work.archive_name:
        data["archive"] = work.archive_name
    return data


def dumps(work: Work) -> str:
    """The file's text: stable (keys sorted), UTF-8 as is, one line (the
    C encoder: an indented dump is written in Python, several times slower)."""
    return json.dumps([item(work)], ensure_ascii=False, sort_keys=True) + "\n"

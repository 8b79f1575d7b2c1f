"""Stand-in reads: a post of another shard read as its metadata block only.

The stand-in is the Article Pelican would make from the post with an empty
body: title, date, authors, tags, category, summary and the rest of the
metadata are the post's own (Pelican's own metadata parsing), so listings,
archives, neighbours and feeds built from it are those of the whole post.
A post without a Summary (Pelican would cut one from the body) or not in
the converter's strict form is read whole.
"""

from __future__ import annotations

import os
from typing import Callable

from pelican.utils import pelican_open

from vnarchive.fast_build.restricted_markdown import split_post


# File extension -> the unwrapped read of a wrapped reader: a stand-in's body, read when asked for.
_WHOLE: dict[str, Callable[[str], tuple]] = {}


def content_of(article) -> str:
    """The article's HTML body as its reader gives it (`_content`), read now for a stand-in.

    For work that needs every body but keeps none (the open dataset, one
    article at a time): the job holds bodies only while they are used."""
    if not getattr(article, "shard_stand_in", False):
        return article._content
    source = article.source_path
    whole = _WHOLE.get(os.path.splitext(source)[1].lstrip(".").lower())
    if whole is None:
        raise RuntimeError(f"shards: no reader for the stand-in {source}")
    return whole(source)[0]


def stand_in(reader, source_path: str, meta: dict[str, list[str]]):
    """(content, metadata) for a post read as its metadata only, through the reader's own field parsing."""
    reader._source_path = source_path
    fields = getattr(reader, "_fields", None)
    if fields is not None:  # fast_build's FastMarkdownReader: its stand-in for Python-Markdown
        reader._md = fields
    else:
        from markdown import Markdown

        reader._md = Markdown(**reader.settings["MARKDOWN"])
    metadata = reader._parse_metadata(meta)
    metadata["shard_stand_in"] = True
    return "", metadata


def _head(path: str, chunk: int = 4096) -> str:
    """The post's text up to its first blank line (the metadata block), read as Pelican reads it."""
    with open(path, "rb") as handle:
        data = handle.read(chunk)
        while b"\n\n" not in data and b"\r" not in data:
            more = handle.read(chunk)
            if not more:
                break
            data += more
    cut = data.find(b"\n\n")
    if b"\r" in data or cut < 0:  # not the strict form (or no body): the whole post, as pelican_open gives it
        with pelican_open(path) as text:
            return text
    text = data[:cut].decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def wrap_reader(reader, is_mine: Callable[[str], bool]) -> None:
    """Make a Markdown reader instance read posts whose path is not `is_mine` as stand-ins."""
    if not hasattr(reader, "_parse_metadata") or getattr(reader, "_shard_wrapped", False):
        return
    whole = reader.read

    def read(source_path):
        parsed = split_post(_head(source_path))
        if parsed is None:
            return whole(source_path)
        meta, _body = parsed
        head = {key: values[0] for key, values in meta.items() if values}
        if "summary" not in head or is_mine(source_path):
            return whole(source_path)
        return stand_in(reader, source_path, meta)

    reader.read = read
    reader._shard_wrapped = True
    for extension in getattr(reader, "file_extensions", ()):
        _WHOLE[extension.lower()] = whole

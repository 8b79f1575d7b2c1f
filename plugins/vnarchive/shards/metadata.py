"""The metadata pass: one record per post, kept between builds, and the related lists.

Each post is read once through Pelican's own readers (same settings, the
fast Markdown path) when its size or mtime changed; its record keeps the
metadata block, its date and the related plugin's input (`Doc`). The
related lists are then computed over every record by the related plugin's
own code and cache, so they are exactly those of a single-process build
(a change of any post recomputes them: related.py says why nothing short
of that is exact).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vnarchive.related.similarity import Doc

RECORDS_VERSION = 4
# The metadata fields the planner reads; the rest of the block is kept as its digest (`view`).
PLANNED_FIELDS = ("date", "date_precision", "date_before")


@dataclass(frozen=True)
class PostRecord:
    """What the planner and the jobs need of one post, without its body."""

    source: str  # path relative to the content folder
    size: int
    mtime_ns: int
    head: tuple[tuple[str, str], ...]  # the planner's fields of the metadata block (PLANNED_FIELDS)
    date: datetime
    precision: str
    slug: str
    doc: Doc  # the related plugin's input for this post
    persons: tuple[str, ...] = ()  # its authors' slugs, as by_author tells persons apart
    view: str = ""  # digest of the whole metadata block: what a link to the post can show
    text_keys: bytes = b""  # the related plugin's text_keys of `doc` (uint64s), read once per change of the post
    keys_chars: int = 0  # the MAX_CHARS they were read with

    @property
    def meta(self) -> dict[str, str]:
        return dict(self.head)


def list_posts(content: Path, settings: dict) -> dict[str, os.stat_result]:
    """The Markdown posts Pelican would read as articles: relative path -> stat."""
    ignores = list(settings.get("IGNORE_FILES") or [])
    extensions = tuple(f".{ext}" for ext in ("md", "markdown", "mkd", "mdown"))
    found: dict[str, os.stat_result] = {}
    for base in settings.get("ARTICLE_PATHS") or [""]:
        root = content / base if base else content
        for folder, dirs, files in os.walk(root, followlinks=True):
            dirs[:] = [d for d in dirs if not any(fnmatch.fnmatch(d, pattern) for pattern in ignores)]
            for name in files:
                if name.endswith(extensions) and not any(fnmatch.fnmatch(name, pattern) for pattern in ignores):
                    path = os.path.join(folder, name)
                    found[os.path.relpath(path, content).replace(os.sep, "/")] = os.stat(path)
    return found


def _readers(settings: dict):
    from pelican.readers import MarkdownReader, Readers

    from vnarchive.fast_build.reader import FastMarkdownReader

    readers = Readers(settings)
    for ext, reader in list(readers.readers.items()):
        if type(reader) is MarkdownReader:
            readers.readers[ext] = FastMarkdownReader(settings)
    return readers


def read_records(content: Path, settings: dict, sources: list[str], stats: dict[str, os.stat_result]) -> list[PostRecord]:
    """Read `sources` whole (in this process) into records."""
    from pelican.contents import Article

    from vnarchive.common.dates import precision_of
    from vnarchive.fast_build.restricted_markdown import split_post
    from vnarchive.related import plugin_settings as related_settings
    from vnarchive.related import to_doc
    from vnarchive.related.similarity import text_keys

    readers = _readers(settings)
    max_chars = related_settings(settings)["MAX_CHARS"]
    records = []
    for source in sources:
        article = readers.read_file(base_path=str(content), path=source, content_class=Article, context={})
        with open(content / source, encoding="utf-8", errors="surrogateescape") as handle:
            parsed = split_post(handle.read())
        block = tuple((k, v[0]) for k, v in parsed[0].items() if v) if parsed else tuple(
            (k, str(v)) for k, v in sorted(article.metadata.items()) if isinstance(v, str)
        )
        view = hashlib.blake2b(json.dumps(block, ensure_ascii=False).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        head = tuple((k, v) for k, v in block if k in PLANNED_FIELDS)
        stat = stats[source]
        doc = to_doc(article, max_chars)
        records.append(PostRecord(
            source=source, size=stat.st_size, mtime_ns=stat.st_mtime_ns, head=head, date=article.date,
            precision=precision_of(article), slug=str(getattr(article, "slug", "")), doc=doc,
            persons=tuple(dict.fromkeys(author.slug for author in getattr(article, "authors", None) or ())), view=view,
            text_keys=text_keys(doc, max_chars).tobytes(), keys_chars=max_chars,
        ))
    return records


def update_records(content: Path, settings: dict, store: Path, jobs: int = 1,
                   stats: dict[str, os.stat_result] | None = None) -> tuple[dict[str, PostRecord], list[str]]:
    """Records for every post, reading only posts whose size or mtime changed; (records, changed sources).
    `stats`: list_posts' answer, when the caller has it."""
    from vnarchive.common.workers import run_forked

    stats = list_posts(content, settings) if stats is None else stats
    old = read_versioned(store, RECORDS_VERSION, "records", {})
    records: dict[str, PostRecord] = {}
    changed = []
    for source, stat in stats.items():
        record = old.get(source)
        if record is not None and record.size == stat.st_size and record.mtime_ns == stat.st_mtime_ns:
            records[source] = record
        else:
            changed.append(source)
    changed.sort()
    if changed:
        chunks = [changed[i::jobs] for i in range(max(1, min(jobs, len(changed))))]
        for chunk in run_forked(chunks, lambda part: read_records(content, settings, part, stats), len(chunks)):
            for record in chunk:
                records[record.source] = record
    removed = sorted(set(old) - set(stats))
    if changed or removed or len(old) != len(records):
        write_versioned(store, RECORDS_VERSION, "records", records)
    return records, changed + removed


def pelican_order(records: dict[str, PostRecord]) -> list[str]:
    """The sources in the order of Pelican's article list: by slug, then newest first, ties in
    slug order (article_order's order, which Pelican's translation pass also gives)."""
    by_slug = sorted(records, key=lambda s: records[s].slug)
    return sorted(by_slug, key=lambda s: records[s].date, reverse=True)


RELATED_VERSION = 2  # 2: bigrams numbered by text_keys


@dataclass
class RelatedState:
    """The related lists the last run gave, and how stale they may be."""

    options: str = ""  # the scoring options they were computed with
    lists: dict[str, list[str]] = field(default_factory=dict)
    since: int = 0  # posts added or edited since every list was last computed (their own lists are exact)


def related_lists(records: dict[str, PostRecord], settings: dict, cache: Path | None, jobs: int = 1,
                  changed: list[str] | None = None, stale_share: float = 0.0) -> dict[str, list[str]]:
    """source -> its related sources, by the related plugin over every post.

    Every list is computed (exactly a single build's) unless at most
    `stale_share` of the archive was added or edited since they last were
    and no post was removed: then only the lists of the posts that changed
    are (over the whole archive, as a single build would), and the others
    are kept: one of them may miss a post added since. `changed` None: no
    list is kept."""
    from vnarchive.related import cached_related, scoring_options
    from vnarchive.related import plugin_settings as related_settings
    import numpy as np

    from vnarchive.related.similarity import related

    options = related_settings(settings)
    if not options["ENABLED"]:
        return {}
    scoring = scoring_options(options)
    order = pelican_order(records)
    docs = [records[s].doc for s in order]
    # Each post's bigrams as read when it last changed; all read again if MAX_CHARS changed since.
    keys = [np.frombuffer(records[s].text_keys, dtype=np.uint64) for s in order] \
        if all(records[s].keys_chars == scoring.max_chars for s in order) else None
    store = cache.with_name("related-lists.pickle") if cache is not None else None
    state = read_versioned(store, RELATED_VERSION, "state", None) or RelatedState()
    changed_set = set(changed or ())
    fresh = sorted(changed_set & records.keys())
    removed = bool(changed_set - records.keys())
    unchanged_have_lists = all(s in state.lists for s in records if s not in changed_set)
    if (changed is not None and not removed and state.options == repr(scoring) and unchanged_have_lists
            and state.since + len(fresh) <= stale_share * len(records)):
        if fresh:
            position = {s: i for i, s in enumerate(order)}
            found = related(docs, scoring, jobs, only=[position[s] for s in fresh], keys=keys)
            for source, indexes in zip(fresh, found):
                state.lists[source] = [order[j] for j in indexes]
            state.since += len(fresh)
        lists = {s: state.lists[s] for s in order}
    else:
        whole, _reused = cached_related(docs, scoring, cache, jobs, keys)
        lists = {order[i]: [order[j] for j in found] for i, found in enumerate(whole)}
        state = RelatedState(options=repr(scoring), lists=lists, since=0)
    write_versioned(store, RELATED_VERSION, "state", state)
    return lists


def read_versioned(store: Path | None, version: int, key: str, empty):
    """The `key` value of a versioned pickle, or `empty` when it is missing, damaged or of another version."""
    try:
        with open(store, "rb") as handle:
            data = pickle.load(handle)
    except (OSError, TypeError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
        return empty
    return data.get(key, empty) if isinstance(data, dict) and data.get("version") == version else empty


def write_versioned(store: Path | None, version: int, key: str, value) -> None:
    """Write a versioned pickle whole (a temporary file, then a rename)."""
    if store is None:
        return
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = store.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        pickle.dump({"version": version, key: value}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, store)

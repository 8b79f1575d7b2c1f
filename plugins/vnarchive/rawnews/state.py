"""dest/.rawnews/state.json and journal.json: what a run remembers.

state.json holds, per raw file, what is needed to skip it when it did not
change: its hash, size and time, manifest row, and either the failure or
the article's summary (what the reduce reads), digest and the post last
written from it (its key, file, hash, size and time). Also: the slug
registry (URLs stay when files are added), the posts written with the hash
of what was written (a post whose text differs was edited by hand), and the
last duplicate search and author mapping, each with a digest of its inputs.

The records are valid for one `version`: the converter's code, its data
files and the settings that change posts (version()). Another version drops
them (every file is converted again); the slugs and the posts written stay.

journal.json makes a run all-or-nothing for that record: before a run puts
any post in place or removes one, it writes there (flushed to disk) the
hash of every post it is about to write and the name of every post it is
about to remove; the journal is removed only after state.json and the
report are saved. A run that finds a journal (the last one crashed, was
killed or ran out of disk) takes its posts as written by the converter, not
by hand, and its removals as done.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from vnarchive import common

from .corpus import SKETCH_SCHEME, Summary
from .files import step, write_atomic, write_if_changed

# Bump when the state's format changes (code and data changes are seen by version()).
CONVERTER_VERSION = "6"
STATE_NAME = "state.json"
JOURNAL_NAME = "journal.json"
PACKAGE = Path(__file__).resolve().parent
# The converter's code: its own package and the shared helpers it uses.
CODE = (PACKAGE, Path(common.__file__).resolve().parent)


def version(default_year: int | None, max_bytes: int) -> str:
    """What a cached result depends on besides a file's bytes and manifest row."""
    return f"{CONVERTER_VERSION}/{SKETCH_SCHEME}/{default_year}/{max_bytes}/{'/'.join(map(code_digest, CODE))}"


@functools.lru_cache(maxsize=None)
def code_digest(package: Path) -> str:
    """Digest of the converter's source files (`*.py`, subpackages too) and
    data files (`data/*`), as loaded by this process: editing an extraction
    rule, a word list or the emitter converts every file again. (The
    modules that only move files around are covered too: simpler than a list
    that must be kept up to date, and a new release converts once.)"""
    hasher = hashlib.blake2b(digest_size=16)
    files = sorted(p for p in package.rglob("*") if p.is_file() and (p.suffix == ".py" or p.parent.name == "data") and "__pycache__" not in p.parts)
    for path in files:
        hasher.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


@dataclass
class State:
    version: str
    slugs: dict[str, str] = field(default_factory=dict)  # raw file name -> slug given
    outputs: dict[str, str] = field(default_factory=dict)  # post file name -> sha256 of what was written
    files: dict[str, dict] = field(default_factory=dict)  # raw file name -> record
    memos: dict[str, dict] = field(default_factory=dict)  # "duplicates", "authors", "similarities" -> {"key", "value"}

    def memo(self, name: str, key: str, valid) -> object | None:
        memo = self.memos.get(name)
        if isinstance(memo, dict) and memo.get("key") == key and valid(memo.get("value")):
            return memo["value"]
        return None

    def remember(self, name: str, key: str, value) -> None:
        self.memos[name] = {"key": key, "value": value}

    def text(self) -> str:
        data = {"version": self.version, "slugs": self.slugs, "outputs": self.outputs, "files": self.files, **self.memos}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def save(self, folder: Path) -> None:
        write_if_changed(folder / STATE_NAME, self.text(), "state", durable=True)


def load(folder: Path, expected: str) -> State:
    """The previous run's state; records that do not have the expected shape
    (a tampered file) are dropped, and all of them when the version differs.
    The slug registry and the posts written survive a version change: URLs
    stay and hand edits are still found."""
    try:
        data = json.loads((folder / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    state = State(expected, _str_dict(data.get("slugs")), _str_dict(data.get("outputs")))
    files = data.get("files")
    if data.get("version") != expected or not isinstance(files, dict):
        return state
    state.files = {name: record for name, record in files.items() if isinstance(name, str) and valid_record(record)}
    state.memos = {name: data[name] for name in ("duplicates", "authors", "similarities") if isinstance(data.get(name), dict)}
    return state


def _str_dict(value) -> dict[str, str]:
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(value, dict) else {}


def valid_record(record) -> bool:
    if not isinstance(record, dict) or not isinstance(record.get("hash"), str) or not isinstance(record.get("manifest"), dict):
        return False
    if "digest" not in record:
        return isinstance(record.get("reason"), str)
    summary = record.get("summary")
    return (
        isinstance(record["digest"], str) and isinstance(record.get("encoding"), str) and _str_list(record.get("warnings"))
        and isinstance(summary, list) and len(summary) == 4 and all(isinstance(v, str) for v in summary[:3]) and _str_list(summary[3])
    )


def _str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def summary_of(name: str, record: dict) -> Summary:
    source_id, slug, fingerprint, authors = record["summary"]
    return Summary(name, source_id, slug, fingerprint, tuple(authors))


def record_of(converted, signature: list | None, row: dict) -> dict:
    """The state record of a file converted in this run (a worker.Converted)."""
    summary = converted.summary
    return {
        "hash": converted.hash, "stat": signature, "manifest": row, "digest": converted.digest,
        "summary": [summary.source_id, summary.slug, summary.fingerprint, list(summary.authors)],
        "encoding": converted.encoding, "warnings": list(converted.warnings),
    }


# -- the journal ---------------------------------------------------------------

@dataclass
class Journal:
    posts: dict[str, list[str]] = field(default_factory=dict)  # post file name -> sha256 of each text a run may have written
    removed: list[str] = field(default_factory=list)  # post file names a run may have removed

    def shas(self, filename: str) -> list[str]:
        return self.posts.get(filename, [])


def load_journal(folder: Path) -> Journal:
    """The journal a crashed run left (empty when the last run finished)."""
    try:
        data = json.loads((folder / JOURNAL_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Journal()
    if not isinstance(data, dict):
        return Journal()
    posts = data.get("posts") if isinstance(data.get("posts"), dict) else {}
    removed = data.get("removed") if isinstance(data.get("removed"), list) else []
    return Journal(
        {k: [s for s in v if isinstance(s, str)] for k, v in posts.items() if isinstance(k, str) and isinstance(v, list)},
        [name for name in removed if isinstance(name, str)],
    )


def write_journal(folder: Path, journal: Journal) -> None:
    text = json.dumps({"posts": journal.posts, "removed": journal.removed}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    write_atomic(folder / JOURNAL_NAME, text.encode("utf-8"), "journal", durable=True)


def clear_journal(folder: Path) -> None:
    path = folder / JOURNAL_NAME
    if os.path.lexists(path):
        step("journal clear")
        os.unlink(path)

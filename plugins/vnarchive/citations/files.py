"""The files beside each article page (van-ban-goc.txt, trich-dan.bib,
trich-dan.json), kept in step with the articles: a file is written only
when what it should hold changed (or it was changed or removed on disk),
and removed when its article goes.

The state (per output folder, under CACHE_PATH, like the other plugins):
file -> [key, size, mtime_ns], the key being a digest of the text or, for
a copy, the raw file's sha256. Without a cache every file is compared with
what it should hold and nothing is removed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from vnarchive.common.statefile import load_versioned

VERSION = 1


@dataclass(frozen=True)
class Wanted:
    key: str
    data: bytes | None = None  # the text to write, or
    copy_of: str = ""  # the file to copy


@dataclass
class Stats:
    written: int = 0
    kept: int = 0
    removed: int = 0
    missing: list[str] = field(default_factory=list)  # copies whose source is gone


def text_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def state_path(settings) -> Path | None:
    if not settings.get("CACHE_CONTENT") or not settings.get("CACHE_PATH"):
        return None
    key = hashlib.sha256(os.path.realpath(settings["OUTPUT_PATH"]).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / "citations" / f"state-{key}.json"


def load(path: Path | None) -> dict[str, list]:
    files = load_versioned(path, VERSION).get("files")
    return {k: v for k, v in files.items() if isinstance(v, list) and len(v) == 3} if isinstance(files, dict) else {}


def save(path: Path | None, files: dict[str, list]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "files": files}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _stamp(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _same_bytes(path: Path, wanted: Wanted) -> bool:
    try:
        current = path.read_bytes()
        expected = wanted.data if wanted.data is not None else Path(wanted.copy_of).read_bytes()
    except OSError:
        return False
    return current == expected


def sync(output: Path, wanted: dict[str, Wanted], state: Path | None) -> Stats:
    """Make output hold exactly the wanted files (relative paths), touching
    only those that differ; remove the files of the last sync not wanted now."""
    stats = Stats()
    old = load(state)
    new: dict[str, list] = {}
    for rel in sorted(wanted):
        item, path = wanted[rel], output / rel
        entry = old.get(rel)
        stamp = _stamp(path)
        if stamp is not None and ((entry and entry[0] == item.key and entry[1:] == stamp) or (not entry and _same_bytes(path, item))):
            new[rel] = [item.key, *stamp]
            stats.kept += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        try:
            if item.data is not None:
                tmp.write_bytes(item.data)
            else:
                _link_or_copy(item.copy_of, tmp)
            os.replace(tmp, path)
        except FileNotFoundError:
            stats.missing.append(rel)
            continue
        new[rel] = [item.key, *_stamp(path)]
        stats.written += 1
    for rel, entry in old.items():
        if rel not in new and rel not in wanted:
            stats.removed += _remove(output, rel, entry)
    if new != old:
        save(state, new)
    return stats


def _link_or_copy(source: str, target: Path) -> None:
    """A hard link to the converter's copy (no bytes written: the copies are
    a third of what issue 15 adds), else a copy (another file system). The
    converter never writes into an existing copy (it replaces it by name),
    so the link cannot change under the output."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(source, target)


def _remove(output: Path, rel: str, entry: list) -> int:
    """Remove a file this plugin wrote, if it is still as written; then its
    folders, if that left them empty (the article's page went too)."""
    path = output / rel
    if ".." in Path(rel).parts or Path(rel).is_absolute() or _stamp(path) != entry[1:]:
        return 0
    path.unlink()
    folder, root = path.parent, output.resolve()
    while folder.resolve() != root and root in folder.resolve().parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return 1

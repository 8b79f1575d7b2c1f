"""The merge: every job's own files placed in the one output folder.

Jobs write disjoint sets of paths (keys.owner), each into its own folder;
a file is placed in the site by a hard link (no copy: a job that rewrites a
page rewrites the site's file too), or by a copy that keeps the mtime where
links are not possible. Files placed by an earlier merge and owned by no
job now (a removed article, a year gone) are deleted; other files in the
output folder are left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass
class MergeStats:
    placed: int = 0
    kept: int = 0
    deleted: int = 0
    files: str = ""  # digest of the list of files the merge placed (what the search index is made from)


def _same(src: os.stat_result, dst: os.stat_result) -> bool:
    if (src.st_dev, src.st_ino) == (dst.st_dev, dst.st_ino):
        return True
    return src.st_size == dst.st_size and src.st_mtime_ns == dst.st_mtime_ns


def _place(src: str, dst: str, exists: bool, folders: set[str]) -> None:
    """Link (else copy) `src` to `dst`: straight to its name when nothing is there (a first
    merge), else under a temporary name renamed over it (the old file stays whole until then)."""
    folder = os.path.dirname(dst)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    if not exists:
        try:
            os.link(src, dst)
            return
        except FileExistsError:
            pass
        except OSError:
            shutil.copy2(src, dst)
            return
    tmp = dst + ".shard-tmp"
    try:
        os.unlink(tmp)  # left by a merge that was stopped
    except FileNotFoundError:
        pass
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copy2(src, tmp)
    os.replace(tmp, dst)


def merge(output: Path, owned: dict[str, tuple[Path, list[str]]], state: Path) -> MergeStats:
    """Place each job's files (job -> (its folder, its files)) into `output`."""
    stats = MergeStats()
    placed: dict[str, str] = {}
    folders: set[str] = set()
    for name, (root, files) in owned.items():
        for rel in files:
            if rel in placed:
                raise RuntimeError(f"shards: {rel} is written by both {placed[rel]} and {name}")
            placed[rel] = name
            src, dst = os.path.join(root, rel), os.path.join(output, rel)
            try:
                src_stat = os.stat(src)
            except FileNotFoundError:
                continue
            try:
                exists = True
                if _same(src_stat, os.stat(dst)):
                    stats.kept += 1
                    continue
            except FileNotFoundError:
                exists = False
            _place(src, dst, exists, folders)
            stats.placed += 1
    try:
        before = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = []
    for rel in sorted(set(before) - set(placed)):
        try:
            os.unlink(os.path.join(output, rel))
            stats.deleted += 1
        except FileNotFoundError:
            pass
    state.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(sorted(placed), ensure_ascii=False)
    state.write_text(text, encoding="utf-8")
    stats.files = hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return stats


def load_owned(path: Path) -> list[str] | None:
    try:
        files = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return files if isinstance(files, list) else None

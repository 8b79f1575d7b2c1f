"""Putting the posts in place: dest/<slug>.md, and nothing else in dest.

A post is written only when its text changes (unchanged posts keep their
mtime, so Pelican's cache stays valid), through a staged file and a rename.
A post whose text is neither one the converter wrote (state.json, or the
journal of a run that crashed) nor the text it would write now was edited
by hand: it is kept. A post whose raw file is gone is removed, unless it
was edited by hand. The raw-text copies the workers write into
dest/.rawnews/text/ are listed and pruned here too.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .files import read_or_none, sha, signature, step, write_atomic
from .slug import is_safe_slug

STAGING_NAME = "staging"


def open_staging(folder: Path) -> str:
    """An empty folder for this run's posts, dest/.rawnews/staging/<pid>, or
    '' when it cannot be made (the parent then writes the posts). What runs
    that crashed left there is removed first: the lock (lock.py) makes sure
    no live run uses it, and a worker a killed run left behind writes into
    its own run's folder, which is gone."""
    root = folder / STAGING_NAME
    if root.is_symlink():
        root.unlink()
    shutil.rmtree(root, ignore_errors=True)
    run = root / str(os.getpid())
    try:
        run.mkdir(parents=True)
    except OSError:
        return ""
    return os.fspath(run)


def close_staging(folder: Path) -> None:
    root = folder / STAGING_NAME
    if not root.is_symlink():
        shutil.rmtree(root, ignore_errors=True)


def post_name(slug: str) -> str | None:
    """The file name of a post, or None for a slug that must not name a file
    (posts are written only as dest/<safe slug>.md)."""
    return f"{slug}.md" if is_safe_slug(slug) else None


def is_post_name(filename: str) -> bool:
    return filename.endswith(".md") and is_safe_slug(filename[:-3])


def written_by_converter(outputs: dict[str, str], journal) -> dict[str, set[str]]:
    """Post file name -> every text (sha256) the converter may have left in it."""
    known = {filename: {digest} for filename, digest in outputs.items()}
    for filename, digests in journal.posts.items():
        known.setdefault(filename, set()).update(digests)
    return known


@dataclass(frozen=True)
class OnDisk:
    sha: str | None  # of the file now (None: no such file)
    size: int = 0


def on_disk(path: str | Path) -> OnDisk:
    data = read_or_none(path)
    return OnDisk(None) if data is None else OnDisk(sha(data), len(data))


def edited_by_hand(current: OnDisk, ours: set[str] | None, new_sha: str) -> bool:
    """Whether a post file holds text neither written by the converter nor
    what it writes now. An empty file is not an edit (a power loss can leave
    a renamed file empty); a post the converter never recorded is its own."""
    return bool(ours) and current.sha is not None and current.size > 0 and current.sha not in ours and current.sha != new_sha


def place(path: str, emitted) -> list[int] | None:
    """Put an emitted post (worker.Emitted) at path: its size and mtime."""
    if emitted.staged:
        step("place")
        os.replace(emitted.staged, path)
        return list(emitted.stat) if emitted.stat else signature(path)
    write_atomic(path, emitted.text.encode("utf-8"), "write")
    return signature(path)


def stale(dest: Path, candidates: set[str], wanted: dict[str, str], known: dict[str, set[str]]) -> tuple[list[str], list[str]]:
    """Of the post files named in candidates that no input publishes now:
    (those to remove, those gone already). A file edited by hand is neither."""
    remove, gone = [], []
    for filename in sorted(candidates):
        if filename in wanted or not is_post_name(filename):
            continue  # (names read from disk: never anything but dest/<safe slug>.md)
        current = on_disk(dest / filename)
        if current.sha is None:
            gone.append(filename)
        elif current.size == 0 or current.sha in known.get(filename, ()):
            remove.append(filename)
    return remove, gone


def remove(dest: Path, filename: str) -> bool:
    step("remove")
    try:
        os.unlink(dest / filename)
    except FileNotFoundError:
        return False
    return True


# -- the raw-text copies (worker.write_text_copy) ------------------------------

def text_copies(folder: Path) -> set[str]:
    """The sha256 of every raw-text copy in folder (created when missing)."""
    try:
        folder.mkdir(exist_ok=True)
        return {name[:-4] for name in os.listdir(folder) if name.endswith(".txt")}
    except OSError:
        return set()


def remove_text_copies(folder: Path, keep: set[str]) -> None:
    """Remove the copies of raw files no longer converted (and temporary
    files a stopped run left): after state.json is saved, so a crash before
    leaves at most copies nobody needs, removed by the next run."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not (name.endswith(".txt") and name[:-4] in keep):
            step("remove text copy")
            try:
                os.unlink(folder / name)
            except OSError:
                pass

"""Whether the dataset must be written again: a digest of its inputs (every
post's path, size and mtime, the settings that shape a record, this
plugin's code), kept under CACHE_PATH with the files it produced."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vnarchive.common.statefile import load_versioned

VERSION = 1
_CODE = Path(__file__).resolve().parent


def code_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")) + sorted((_CODE / "data").glob("*")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def inputs_digest(posts: Iterable[tuple[str, str]], settings: dict[str, Any]) -> str:
    """posts: (post file, page URL) pairs. The post files are the converter's
    output, rewritten only when their text changes (docs/architecture.md)."""
    h = hashlib.sha256(f"v{VERSION}\0{code_digest()}\0".encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for source, url in sorted(posts, key=lambda p: p[1]):
        h.update(f"\0{url}\0{source}\0{post_stamp(source)}".encode())
    return h.hexdigest()


def post_stamp(source: str) -> str:
    """A post file's size and mtime ("missing" when gone): the converter rewrites a post only when its text changes."""
    try:
        st = os.stat(source)
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


def state_path(settings: dict) -> Path | None:
    """One state per output folder; none when the build keeps no cache
    (CACHE_CONTENT off), like the other plugins: then every build writes."""
    if not settings.get("CACHE_CONTENT") or not settings.get("CACHE_PATH"):
        return None
    key = hashlib.sha256(os.path.realpath(settings["OUTPUT_PATH"]).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / "open_data" / f"state-{key}.json"


def rows_path(state: Path | None) -> Path | None:
    """The row cache beside the state file (rows.py)."""
    return state.with_name(state.stem + "-rows.sqlite") if state is not None else None


# Pelican settings that change how a post's metadata and body are read.
READING_SETTINGS = ("TIMEZONE", "DEFAULT_LANG", "DEFAULT_DATE", "DEFAULT_DATE_FORMAT", "DATE_FORMATS", "MARKDOWN", "SLUGIFY_SOURCE")


def rows_key(settings: dict[str, Any], options: dict[str, Any]) -> str:
    """What every row depends on besides its post and URL: this plugin's options, the
    readers' settings, and every plugin's code (the Markdown reader is fast_build's)."""
    from vnarchive.fast_build.writer import environment_digest

    reading = {key: settings.get(key) for key in READING_SETTINGS}
    h = hashlib.sha256(f"v{VERSION}\0{code_digest()}\0{json.dumps([options, reading], sort_keys=True, default=str)}".encode())
    h.update(environment_digest(settings))
    return h.hexdigest()


def file_stamps(folder: Path, names: Iterable[str]) -> dict[str, list[int]] | None:
    stamps = {}
    for name in names:
        try:
            st = os.stat(folder / name)
        except OSError:
            return None
        stamps[name] = [st.st_size, st.st_mtime_ns]
    return stamps


def load(path: Path | None) -> dict[str, Any]:
    return load_versioned(path, VERSION)


def save(path: Path | None, data: dict[str, Any]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({**data, "version": VERSION}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)

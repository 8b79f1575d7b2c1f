"""The dataset's rows kept between builds, so that a row is made again only when its post changed.

A row is kept as its lines in the files (writers.EncodedRow: JSON and CSV), so
a kept row is neither parsed nor encoded again. It is a function of its post file (metadata and body), its page URL,
this plugin's options, the readers' settings and the plugins' code
(state.rows_key: another key empties the cache). A sharded build's listing job holds posts
without their bodies (vnarchive.shards) and would otherwise read and render
every body again for one new article; here it reads only the changed ones.
The rows live in SQLite under CACHE_PATH, one table per output folder's
state file, and are streamed, never all in memory.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .state import post_stamp
from .writers import EncodedRow, encode

COLUMNS = ("source", "stamp", "url", "line", "csv")
SCHEMA = "CREATE TABLE IF NOT EXISTS rows (source TEXT PRIMARY KEY, stamp TEXT NOT NULL, url TEXT NOT NULL, line TEXT NOT NULL, csv TEXT NOT NULL)"


def _open(path: Path, key: str) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    try:
        if tuple(row[1] for row in db.execute("PRAGMA table_info(rows)")) not in ((), COLUMNS):
            db.execute("DROP TABLE rows")  # an older layout of the cache
        db.execute(SCHEMA)
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT)")
        found = db.execute("SELECT key FROM meta").fetchone()
        if found is None or found[0] != key:
            db.execute("DELETE FROM rows")
            db.execute("DELETE FROM meta")
            db.execute("INSERT INTO meta VALUES (?)", (key,))
            db.commit()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


class RowCache:
    """`source -> (stamp, url, row)`, valid for one code-and-settings key (another key empties it)."""

    def __init__(self, path: Path | None, key: str):
        self._db = None
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = _open(path, key)
        except sqlite3.DatabaseError:  # a damaged cache is no cache: start it again
            path.unlink(missing_ok=True)
            self._db = _open(path, key)

    def rows(self, items: Iterable[tuple[str, str, Any]], make: Callable[[Any, str], dict[str, Any]]) -> Iterator[EncodedRow]:
        """The row of each (source, url, article), in the given order: kept, or made by
        `make(article, url)` and kept; rows of sources not given are dropped at the end."""
        seen: set[str] = set()
        pending = 0
        for source, url, article in items:
            seen.add(source)
            stamp = post_stamp(source)
            found = self._db.execute("SELECT stamp, url, line, csv FROM rows WHERE source = ?", (source,)).fetchone() if self._db else None
            if found is not None and found[0] == stamp and found[1] == url:
                yield EncodedRow(found[2], found[3])
                continue
            row = encode(make(article, url))
            if self._db is not None:
                self._db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?, ?)", (source, stamp, url, row.json, row.csv))
                pending += 1
                if pending >= 1000:
                    self._db.commit()
                    pending = 0
            yield row
        if self._db is not None:
            gone = [s for (s,) in self._db.execute("SELECT source FROM rows") if s not in seen]
            self._db.executemany("DELETE FROM rows WHERE source = ?", ((s,) for s in gone))
            self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

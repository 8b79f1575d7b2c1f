"""dest/.rawnews/articles.sqlite: the converted Articles, so that a run
reads back only the few it must emit again or compare word by word, and
the MinHash sketches of all of them for the near-duplicate search."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from .files import digest as _digest
from .files import step
from .model import Article, Credits, PartialDate

logger = logging.getLogger(__name__)


def article_json(article: Article) -> str:
    """The stored form of an Article (compact JSON, keys sorted)."""
    data = dict(article.__dict__)  # (dataclasses.asdict without its generic deep copy)
    data["date"] = dict(article.date.__dict__)
    data["credits"] = dict(article.credits.__dict__)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def article_from_json(text: str) -> Article:
    return article_from_dict(json.loads(text))


def article_from_dict(data: dict) -> Article:
    data = dict(data)
    data["date"] = PartialDate(**data["date"])
    data["credits"] = Credits(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["credits"].items()})
    for key in ("paragraphs", "tags", "warnings", "kinds", "places", "removed"):
        if key in data:
            data[key] = tuple(data[key])
    return Article(**data)


class ArticleStore:
    """Converted articles as JSON, keyed by raw file name, in SQLite (stdlib).

    A row is used only when the digest state.json gives for it is the digest
    of its data (a sketch, when its digest column is that one); anything else
    (a missing, tampered or unreadable database) means those files are
    converted again, never a failed build. Rows put during a run are
    committed by save(), before state.json names them: a crash before then
    leaves the rows of the last run that finished.
    """

    SCHEMA = 1

    def __init__(self, path: Path):
        self.path = path
        self.writable = True
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._connect()
        except sqlite3.Error:
            for name in (path.name, path.name + "-journal"):
                try:
                    (path.parent / name).unlink()
                except OSError:
                    pass
            try:
                self.db = self._connect()
            except sqlite3.Error as error:
                logger.warning("rawnews: cannot use %s (%s): every file is converted on every run", path, error)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != self.SCHEMA:
                with db:
                    db.execute("DROP TABLE IF EXISTS articles")
                    db.execute("CREATE TABLE articles (name TEXT PRIMARY KEY, digest TEXT NOT NULL, sketch TEXT NOT NULL, data TEXT NOT NULL)")
                    db.execute(f"PRAGMA user_version = {self.SCHEMA}")
            db.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def digests(self) -> dict[str, str]:
        if self.db is None:
            return {}
        try:
            return {name: digest for name, digest in self.db.execute("SELECT name, digest FROM articles")
                    if isinstance(name, str) and isinstance(digest, str)}
        except sqlite3.Error:
            return {}

    def data(self, name: str, digest: str) -> str | None:
        """The stored article of name, if its digest is the one expected."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM articles WHERE name = ?", (name,)).fetchone()
        except sqlite3.Error:
            return None
        if not row or not isinstance(row[0], str) or _digest(row[0]) != digest:
            return None
        return row[0]

    def article(self, name: str, digest: str) -> Article | None:
        text = self.data(name, digest)
        try:
            return article_from_json(text) if text is not None else None
        except (ValueError, TypeError, KeyError):
            return None

    def sketches(self, digests: dict[str, str]) -> dict[str, str]:
        """name -> sketch, for the names whose row has the given digest."""
        if self.db is None:
            return {}
        try:
            return {name: sketch for name, digest, sketch in self.db.execute("SELECT name, digest, sketch FROM articles")
                    if digests.get(name) == digest and isinstance(sketch, str)}
        except sqlite3.Error:
            return {}

    def put(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Add rows (name, digest, sketch, data) in the open transaction; save() commits."""
        if self.db is None or not self.writable or not rows:
            return
        try:
            step("store")
            self.db.executemany("INSERT OR REPLACE INTO articles (name, digest, sketch, data) VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._failed(error)

    def save(self, keep: set[str], stored: dict[str, str]) -> None:
        """Drop the rows not in keep and commit the rows put since the last save."""
        if self.db is None or not self.writable:
            return
        try:
            step("store commit")
            with self.db:
                self.db.executemany("DELETE FROM articles WHERE name = ?", [(name,) for name in stored if name not in keep])
        except sqlite3.Error as error:
            self._failed(error)

    def _failed(self, error: sqlite3.Error) -> None:
        """A write failed (a full disk): nothing of this run is kept (the next
        run does not find these rows' digests, so it converts those files
        again); the rows of earlier runs can still be read."""
        logger.warning("rawnews: cannot save converted articles in %s: %s", self.path, error)
        self.writable = False
        try:
            self.db.rollback()
        except sqlite3.Error:
            self.close()
            self.db = None

    def close(self) -> None:
        if self.db is not None:
            self.db.close()

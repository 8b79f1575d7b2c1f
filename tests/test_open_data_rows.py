"""open_data/rows.py: rows are made again only for posts that changed, the files
equal a clean build's, and a damaged cache is started again."""

from __future__ import annotations

import os

from vnarchive.open_data.records import record
from vnarchive.open_data.rows import RowCache


def posts(folder, texts: dict[str, str]) -> list[tuple[str, str, str]]:
    items = []
    for name, text in texts.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        items.append((str(path), f"bai/{name}/", text))
    return items


def run(cache_path, items, key="k"):
    made = []

    def make(article, url):
        made.append(url)
        return record({"title": article, "slug": url.split("/")[1]}, url, f"<p>{article}</p>")

    cache = RowCache(cache_path, key)
    try:
        rows = list(cache.rows(items, make))
    finally:
        cache.close()
    return rows, made


def test_only_changed_posts_are_made_again_and_rows_equal_fresh_ones(tmp_path):
    db = tmp_path / "cache" / "rows.sqlite"
    items = posts(tmp_path, {"a": "Một", "b": "Hai", "c": "Ba"})
    first, made = run(db, items)
    assert len(made) == 3
    again, made = run(db, items)
    assert made == [] and again == first
    path_b = tmp_path / "b"
    path_b.write_text("Hai, sửa lại", encoding="utf-8")
    os.utime(path_b, ns=(1, 1))  # a new stamp even on a coarse clock
    items = posts(tmp_path, {"a": "Một", "b": "Hai, sửa lại", "c": "Ba", "d": "Bốn"})
    rows, made = run(db, items)
    assert made == ["bai/b/", "bai/d/"]
    assert rows == run(tmp_path / "fresh.sqlite", items)[0]
    # Another key (code or settings changed): every row made again; a post gone: its row dropped.
    rows, made = run(db, items[:2], key="other")
    assert len(made) == 2 and [r.record["url"] for r in rows] == ["bai/a/", "bai/b/"]
    assert run(db, items[:2], key="other")[1] == []


def test_a_damaged_cache_is_started_again(tmp_path):
    db = tmp_path / "rows.sqlite"
    db.write_bytes(b"not a database at all" * 100)
    items = posts(tmp_path, {"a": "Một"})
    rows, made = run(db, items)
    assert made == ["bai/a/"] and rows[0].record["title"] == "Một"
    assert run(db, items)[1] == []


def test_kept_rows_are_the_lines_a_fresh_row_gives_and_an_older_layout_is_started_again(tmp_path):
    import sqlite3

    from vnarchive.open_data.writers import encode

    db = tmp_path / "rows.sqlite"
    with sqlite3.connect(db) as old:  # the cache before rows kept their CSV line
        old.execute("CREATE TABLE rows (source TEXT PRIMARY KEY, stamp TEXT NOT NULL, url TEXT NOT NULL, line TEXT NOT NULL)")
    old.close()
    items = posts(tmp_path, {"a": 'Một "trích dẫn", =1+1'})
    fresh, made = run(db, items)
    kept, again = run(db, items)
    assert made == ["bai/a/"] and again == []
    assert kept == fresh and kept[0] == encode(fresh[0].record)
    assert kept[0].csv.endswith("\r\n") and '""trích dẫn""' in kept[0].csv


def test_without_a_cache_every_row_is_made(tmp_path):
    items = posts(tmp_path, {"a": "Một", "b": "Hai"})
    assert len(run(None, items)[1]) == 2 and len(run(None, items)[1]) == 2

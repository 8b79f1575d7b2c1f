"""The archive as a dataset (plugins/vnarchive/open_data): output/du-lieu/ holds JSON
Lines, CSV and Parquet files described by a valid Frictionless package; the
files are byte-identical across builds, not rewritten when nothing changed,
safe to open in a spreadsheet, and absent when the setting turns them off."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import logging
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_seeds
from vnarchive.open_data import DEFAULTS, plugin_settings
from vnarchive.open_data.describe import FILES
from vnarchive.open_data.fields import CSV_FIELDS, FIELDS
from vnarchive.open_data.records import blocks, csv_row, iso_date, neutralise, page_url, record

sys.path.insert(0, str(ROOT / "bench"))
import generate_corpus  # noqa: E402

SCHEMA = ROOT / "plugins" / "vnarchive" / "open_data" / "data" / "articles.schema.json"
NAMES = [*FILES.values(), "datapackage.json"]

# Hand-written raw files: cells a spreadsheet would run as formulas, a time
# of day, and dates known only to the month and year (from the manifest).
RAW = {
    "950_eeeeeeeeeeeeeeee.txt": (
        "=HYPERLINK(\"http://evil.example/\",\"Bấm vào đây\") hội nghị tại Kon Tum\n\n"
        "Sáng ngày 3/4/2021, Ủy ban nhân dân tỉnh Kon Tum tổ chức hội nghị tổng kết công tác.\n\n"
        "+cmd|' /C calc'!A0 là chuỗi mà bảng tính có thể chạy như công thức.\n\n"
        "Tác giả: Trần Văn Bình\n"
    ),
    "951_ffffffffffffffff.txt": (
        "@SUM(1+1) tổng kết phong trào thi đua tại Kon Tum\n\n"
        "Trong tháng 4/2021, các đơn vị đã hoàn thành chỉ tiêu thi đua đề ra.\n\n"
        "Kết quả được đánh giá cao tại hội nghị tổng kết của tỉnh Kon Tum.\n\n"
        "Tác giả: Trần Văn Bình\n"
    ),
    "952_abababababababab.txt": (
        "Kết quả công tác phòng chống thiên tai năm 2019\n\n"
        "Trong năm 2019, tỉnh Kon Tum đã chủ động ứng phó với nhiều đợt mưa lũ.\n\n"
        "Công tác cứu hộ được triển khai kịp thời tại các huyện.\n\n"
        "Tác giả: Trần Văn Bình\n"
    ),
}
MANIFEST = (
    "file,url,published,crawled\n"
    "950_eeeeeeeeeeeeeeee.txt,https://baokontum.example/bai-950.html,,2021-04-05\n"
    "951_ffffffffffffffff.txt,,2021-04,\n"
    "952_abababababababab.txt,,2019,\n"
)


def write_raw(raw: Path, generated: int = 12) -> Path:
    copy_seeds(raw)
    generate_corpus.generate(raw, generated, seed=7)
    for name, text in RAW.items():
        (raw / name).write_text(text, encoding="utf-8")
    (raw / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("open-data")
    return build_site(base, write_raw(base / "raw")) / "du-lieu"


def read_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


# -- pure parts ---------------------------------------------------------------


def test_blocks_keep_their_kind_and_order():
    html = '<p>Một &amp; hai.</p>\n<h3>Tiêu đề phụ</h3>\n<p class="caption">Ảnh: &lt;TTXVN&gt;</p>\n<p>  </p><p>Ba <em>bốn</em></p>'
    assert blocks(html) == [
        {"kind": "p", "text": "Một & hai."},
        {"kind": "h", "text": "Tiêu đề phụ"},
        {"kind": "caption", "text": "Ảnh: <TTXVN>"},
        {"kind": "p", "text": "Ba bốn"},
    ]


def test_dates_keep_their_precision():
    tz = dt.timezone(dt.timedelta(hours=7))
    day = dt.datetime(2023, 5, 10)
    assert iso_date(day, "day") == "2023-05-10"
    assert iso_date(dt.datetime(2023, 5, 10, 8, 30, tzinfo=tz), "day") == "2023-05-10T08:30:00+07:00"
    assert iso_date(day, "month") == "2023-05"
    assert iso_date(day, "year") == "2023"
    assert iso_date(dt.datetime(1900, 1, 1), "unknown") is None


def test_page_urls_are_absolute_only_with_an_absolute_siteurl():
    assert page_url("bai/x/", "") == "bai/x/"
    assert page_url("bai/x/", "..") == "bai/x/"
    assert page_url("bai/x/", "https://example.org/tin-tuc/") == "https://example.org/tin-tuc/bai/x/"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    assert neutralise("Kon Tum = 1") == "Kon Tum = 1"


def test_a_record_has_every_field_and_a_csv_row_every_metadata_field():
    rec = record({"title": "=A &amp; B", "slug": "a-b", "tags": "x; y;", "date": dt.datetime(2020, 1, 1), "date_precision": "year"}, "bai/a-b/", "<p>Văn bản</p>")
    assert list(rec) == [f.name for f in FIELDS]
    assert rec["title"] == "=A & B" and rec["tags"] == ["x", "y"] and rec["date"] == "2020"
    row = csv_row(rec)
    assert len(row) == len(CSV_FIELDS) and row[2] == "'=A & B" and "x;y" in row


def test_bad_settings_are_logged_and_defaults_used(caplog):
    import vnarchive.open_data as open_data

    open_data._said.clear()
    with caplog.at_level(logging.WARNING, logger="vnarchive.open_data"):
        options = plugin_settings({"OPEN_DATA": {"ENABLED": "yes", "ROW_GROUP_SIZE": 0, "PATH": "../x", "COLOR": 1}})
    assert options == DEFAULTS
    assert len([r for r in caplog.records if r.name == "vnarchive.open_data"]) == 4
    plugin_settings({"OPEN_DATA": {"ENABLED": "yes"}})
    assert len([r for r in caplog.records if r.name == "vnarchive.open_data"]) == 4  # said once
    with caplog.at_level(logging.ERROR, logger="vnarchive.open_data"):
        assert plugin_settings({"OPEN_DATA": ["x"]}) == DEFAULTS
    assert plugin_settings({"OPEN_DATA": {"PATH": "data/", "ROW_GROUP_SIZE": 5}}) == {**DEFAULTS, "PATH": "data", "ROW_GROUP_SIZE": 5}


# -- the built site -----------------------------------------------------------


def test_frictionless_validates_the_package(site):
    from frictionless import validate

    report = validate(str(site / "datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == set(FILES.values())
    assert all(r["rows"] == package["count"] for r in package["resources"])
    assert "publishers" in package["licenses"][0]["title"]


def test_records_validate_against_the_committed_json_schema(site):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == [f.name for f in FIELDS]  # the schema follows the fields
    validator = jsonschema.Draft202012Validator(schema)
    records = read_jsonl(site / FILES["jsonl"])
    assert len(records) >= 15
    for rec in records:
        errors = list(validator.iter_errors(rec))
        assert not errors, (rec["url"], errors[0].message)
    assert [r["url"] for r in records] == sorted(r["url"] for r in records)


def test_records_carry_the_metadata_and_the_body(site):
    by_source = {r["source"]: r for r in read_jsonl(site / FILES["jsonl"])}
    seed = by_source["000_5b2ff6894bc9a89f.txt"]
    assert seed["date"] == "2023-05-10" and seed["date_source"] == "opening"
    assert len(seed["authors"]) == 1 and seed["authors"][0].endswith("Khánh Vi")
    assert "Kon Tum" in seed["tags"] and seed["category"] == "Thời sự"
    assert seed["paragraphs"][0]["text"].startswith("Sáng ngày 10/5/2023")
    assert all(b["kind"] == "p" for b in seed["paragraphs"])
    assert seed["url"] == f"bai/{seed['slug']}/"
    assert by_source["950_eeeeeeeeeeeeeeee.txt"]["original_url"] == "https://baokontum.example/bai-950.html"
    assert (by_source["951_ffffffffffffffff.txt"]["date"], by_source["951_ffffffffffffffff.txt"]["date_precision"]) == ("2021-04", "month")
    assert (by_source["952_abababababababab.txt"]["date"], by_source["952_abababababababab.txt"]["date_precision"]) == ("2019", "year")
    fragment = by_source["002_5b3ffb715fb0b6d8.txt"]
    assert fragment["date"] is None and fragment["date_precision"] == "unknown" and fragment["title_source"] == "derived"


def test_csv_cells_cannot_run_as_formulas(site):
    with open(site / FILES["csv"], encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [f.name for f in CSV_FIELDS]
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert any(c.startswith("'@SUM(") for c in cells)


def test_pandas_reads_csv_and_parquet_and_duckdb_queries_parquet(site):
    import duckdb
    import pandas as pd

    count = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))["count"]
    frame = pd.read_csv(site / FILES["csv"], keep_default_na=False)
    assert len(frame) == count and list(frame.columns) == [f.name for f in CSV_FIELDS]
    table = pd.read_parquet(site / FILES["parquet"])
    assert len(table) == count and list(table.columns) == [f.name for f in FIELDS]
    assert list(table["url"]) == list(frame["url"])
    parquet = str(site / FILES["parquet"])
    rows = duckdb.sql(f"SELECT date_precision, count(*) FROM read_parquet('{parquet}') GROUP BY 1 ORDER BY 1").fetchall()
    assert sum(n for _, n in rows) == count and {"day", "month", "year", "unknown"} <= {p for p, _ in rows}
    tagged = duckdb.sql(f"SELECT count(*) FROM (SELECT unnest(tags) FROM read_parquet('{parquet}'))").fetchall()[0][0]
    assert tagged >= count


def test_the_page_and_the_about_link(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1>Dữ liệu</h1>" in page
    for name in NAMES:
        assert f'href="../du-lieu/{name}"' in page
    assert "pd.read_csv" in page and "duckdb.sql" in page and "date_precision" in page
    about = (site.parent / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert 'href="../du-lieu/"' in about


def test_two_builds_are_byte_identical_and_a_rebuild_rewrites_nothing(tmp_path):
    raw = write_raw(tmp_path / "raw", generated=4)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = build_site(tmp_path / "a", raw) / "du-lieu"
    second = build_site(tmp_path / "b", raw) / "du-lieu"
    assert file_bytes(first) == file_bytes(second)
    stamps = {name: (first / name).stat().st_mtime_ns for name in NAMES}
    again = build_site(tmp_path / "a", raw) / "du-lieu"
    assert {name: (again / name).stat().st_mtime_ns for name in NAMES} == stamps
    # One more article: the files are written again, in place.
    (raw / "953_cdcdcdcdcdcdcdcd.txt").write_text(RAW["952_abababababababab.txt"].replace("2019", "2018"), encoding="utf-8")
    build_site(tmp_path / "a", raw)
    assert len(read_jsonl(first / FILES["jsonl"])) == len(read_jsonl(second / FILES["jsonl"])) + 1
    # A file changed behind the build's back is written again.
    (first / FILES["csv"]).write_text("x", encoding="utf-8")
    build_site(tmp_path / "a", raw)
    assert (first / FILES["csv"]).read_text(encoding="utf-8").startswith('"url"')


def test_small_row_groups_give_the_same_rows(tmp_path):
    import pyarrow.parquet as pq

    raw = write_raw(tmp_path / "raw", generated=4)
    out = build_site(tmp_path, raw, OPEN_DATA={"ROW_GROUP_SIZE": 2}) / "du-lieu"
    parquet = pq.ParquetFile(out / FILES["parquet"])
    assert parquet.metadata.num_row_groups > 1
    assert parquet.read().column("url").to_pylist() == [r["url"] for r in read_jsonl(out / FILES["jsonl"])]


def test_the_setting_turns_it_off(tmp_path):
    raw = tmp_path / "raw"
    copy_seeds(raw)
    (tmp_path / "off").mkdir()
    output = build_site(tmp_path / "off", raw, OPEN_DATA={"ENABLED": False})
    assert not (output / "du-lieu").exists()
    assert "du-lieu" not in (output / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    # Turned off after a build with it on: the files and the page go.
    output = build_site(tmp_path, raw)
    assert all((output / "du-lieu" / name).exists() for name in NAMES)
    build_site(tmp_path, raw, OPEN_DATA={"ENABLED": False})
    left = list((output / "du-lieu").iterdir()) if (output / "du-lieu").exists() else []
    assert left == []


def test_the_users_documentation_names_every_field():
    doc = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert [f.name for f in FIELDS if f"| `{f.name}` |" not in doc] == []


def test_records_are_streamed_not_held(tmp_path):
    """Memory holds one row group: the peak stays far below the records' size."""
    import tracemalloc

    from vnarchive.open_data.writers import write_all

    body = "Văn bản của một đoạn tin, đủ dài để đếm. " * 40

    def records(n):
        for i in range(n):
            yield record({"title": f"Bài {i}", "slug": f"bai-{i:05d}", "tags": "a; b;"}, f"bai/bai-{i:05d}/", f"<p>{body}{i}</p>" * 3)

    total = sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in records(3000))
    write_all(records(10), tmp_path / "warm", row_group=100)  # imports are not the records
    tracemalloc.start()
    count, _ = write_all(records(3000), tmp_path, row_group=100)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 3000
    assert peak < total / 5, (peak, total)


def test_an_empty_archive_gives_empty_valid_files(tmp_path):
    import pyarrow.parquet as pq

    from vnarchive.open_data.writers import write_all

    count, infos = write_all(iter(()), tmp_path, row_group=10)
    assert count == 0 and read_jsonl(tmp_path / FILES["jsonl"]) == []
    assert pq.read_table(tmp_path / FILES["parquet"]).num_rows == 0
    assert (tmp_path / FILES["csv"]).read_text(encoding="utf-8").startswith('"url","slug"')

"""The sharded build (vnarchive.shards) gives the single-process build's site.

Each corpus is built both ways from the same raw folder and the two output
trees are compared file for file, byte for byte, with two documented
exceptions compared after normalising (shard_compare.py): a feed with no
entry carries the time it was written, and Pagefind names its files by
hashes that differ between any two runs. Small corpora keep it fast; one of
them is split into month shards.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, build_site
from shard_compare import differences
from vnarchive.shards.build import build
from vnarchive.shards.keys import LISTING, UNDATED, ArchiveLayout, owner, shard_key, undated_part
from vnarchive.shards.plan import span_job, year_span

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "data"))
import generate_corpus  # noqa: E402
import make_hostile  # noqa: E402

SETTINGS = str(ROOT / "pelicanconf.py")


def _sharded(base: Path, raw: Path, **options):
    content, output = base / "content", base / "output"
    content.mkdir(parents=True, exist_ok=True)
    extra = {"CACHE_PATH": str(base / "cache"), "RAWNEWS": {"SOURCE": str(raw), "JOBS": 1}}
    if options:
        extra["SHARDS"] = options
    report = build(str(content), str(output), SETTINGS, extra=extra, jobs=2)
    assert len(list(output.glob("bai/*/index.html"))) == report.posts > 0  # a real site, not two empty folders
    return output, report


def _single(base: Path, raw: Path) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    return build_site(base, raw)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Generated files of two years only (fewer jobs, a faster test): 2025, split into
    month shards by MONTH_SPLIT below, and ten of 2020."""
    raw = tmp_path_factory.mktemp("shard-raw")
    kept = {2020: 0, 2025: 0}
    for index in range(240):
        year = generate_corpus.article_lines(7, index)[0].date.year
        if year in kept and (year == 2025 or kept[year] < 10):
            kept[year] += 1
            name, data, _info = generate_corpus.render_file(7, index)
            (raw / name).write_bytes(data)
    return raw


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> Path:
    """Three generated files of each year 2012-2019: small years, for spans of years."""
    raw = tmp_path_factory.mktemp("shard-years")
    kept: dict[int, int] = {}
    for index in range(240):
        year = generate_corpus.article_lines(7, index)[0].date.year
        if 2012 <= year <= 2019 and kept.get(year, 0) < 3:
            kept[year] = kept.get(year, 0) + 1
            name, data, _info = generate_corpus.render_file(7, index)
            (raw / name).write_bytes(data)
    return raw


# -- pure parts -----------------------------------------------------------------


def test_shard_key_follows_date_and_precision():
    assert shard_key("2019-05-03", "day") == "2019"
    assert shard_key("1900-01-01", "unknown") == UNDATED
    assert shard_key("", "") == UNDATED
    assert shard_key("2019-05-03", "day", frozenset({"2019"})) == "2019-05"
    assert shard_key("2019-01-01", "year", frozenset({"2019"})) == "2019-01"  # a year-only date stays with the year page
    parts = {undated_part(f"p{i}.md", 3) for i in range(60)}
    assert parts == {"undated.0", "undated.1", "undated.2"} and undated_part("p1.md", 3) == undated_part("p1.md", 3)
    assert undated_part("p1.md", 1) == UNDATED


def test_small_years_are_grouped_in_calendar_spans():
    keys = {f"p{i}": str(2012 + i % 8) for i in range(24)} | {"u": UNDATED, "m": "2030-05"}
    assert year_span(keys, 0) == 1 and year_span(keys, 3) == 1
    assert year_span(keys, 10) == 4  # 3 posts a year: 4 years hold 12
    assert year_span(keys, 10**6) == 16  # never more than 16 years in a job
    assert [span_job(y, 4) for y in ("2012", "2015", "2016", "2027")] == ["2012..2015", "2012..2015", "2016..2019", "2024..2027"]
    assert span_job("2019", 1) == "2019"


def test_owner_by_article_folder_archive_year_or_listing():
    places = {"bai/a/index.html": "2019", "bai/a": "2019", "bai/b/index.html": "2020-03", "bai/b": "2020-03"}
    shards = frozenset({"2019", "2020-01", "2020-03", UNDATED})
    layout = ArchiveLayout()
    assert owner("bai/a/index.html", places, shards, layout) == "2019"
    assert owner("bai/a/trich-dan.json", places, shards, layout) == "2019"  # a file another plugin puts beside the article
    assert owner("bai/b/index.html", places, shards, layout) == "2020-03"
    assert owner("luu-tru/2019/index.html", places, shards, layout) == "2019"
    assert owner("luu-tru/2019/05/trang/2/index.html", places, shards, layout) == "2019"
    assert owner("luu-tru/2020/03/index.html", places, shards, layout) == "2020-03"
    assert owner("luu-tru/2020/index.html", places, shards, layout) == "2020-01"  # a split year's own page: its first part
    assert owner("luu-tru/2018/index.html", places, shards, layout) == LISTING  # no shard for 2018 (only undated posts bound there)
    assert owner("luu-tru/khong-ro-ngay/index.html", places, shards, layout) == LISTING  # every undated post: the listing job's
    assert owner("luu-tru/index.html", places, shards, layout) == LISTING
    assert owner("chu-de/x/index.html", places, shards, layout) == LISTING
    assert owner("bai/c/index.html", places, shards, layout) == LISTING  # not an article known to the job


def test_jobs_publish_the_drivers_conversion_without_converting_again(tmp_path):
    """The driver converts once; a job (the listing job publishes the report) never runs the conversion's
    checks again. Year jobs and the listing job each get their own settings for work whose output they never own."""
    from types import SimpleNamespace

    from vnarchive.rawnews import convert_on_init
    from vnarchive.rawnews.errors import ConversionError
    from vnarchive.shards.build import _job_overrides
    from vnarchive.shards.plan import Plan

    plan = Plan(split_years=frozenset(), keys={}, shards=(LISTING, "2020"), digests={}, reads={"2020": ((), ())})
    settings = {"RAWNEWS": {"SOURCE": "raw"}, "SHARDS": {"SHARD_SETTINGS": {"A": 1}, "LISTING_SETTINGS": {"B": 2}}}
    for name in plan.shards:
        overrides = _job_overrides(settings, name, plan, tmp_path, {})
        assert overrides["RAWNEWS"]["CONVERT"] is False and overrides["RAWNEWS"]["ENABLED"] is (name == LISTING)
        assert ("B" if name == LISTING else "A") in overrides and ("A" if name == LISTING else "B") not in overrides  # each job's own skips
    settings = {"PATH": str(tmp_path / "content"), "RAWNEWS": {"SOURCE": str(tmp_path / "missing"), "CONVERT": False}}
    convert_on_init(SimpleNamespace(settings=settings))  # a missing raw folder is not even looked at
    assert not (tmp_path / "content").exists()
    settings["RAWNEWS"]["CONVERT"] = True
    with pytest.raises(ConversionError):
        convert_on_init(SimpleNamespace(settings=settings))


# -- the same site --------------------------------------------------------------


def test_seeds_sharded_equal_single(tmp_path):
    single = _single(tmp_path / "single", SEEDS)
    sharded, report = _sharded(tmp_path / "sharded", SEEDS)
    assert report.posts == 2 and set(report.ran) == set(report.shards)
    assert differences(single, sharded) == []


def test_hostile_sharded_equal_single(tmp_path):
    raw = tmp_path / "raw"
    make_hostile.build(raw)
    single = _single(tmp_path / "single", raw)
    sharded, _report = _sharded(tmp_path / "sharded", raw)
    assert differences(single, sharded) == []


def test_generated_month_shards_equal_single_and_incremental(tmp_path, generated):
    raw = tmp_path / "raw"
    shutil.copytree(generated, raw)
    single = _single(tmp_path / "single", raw)
    sharded, report = _sharded(tmp_path / "sharded", raw, MONTH_SPLIT=6, RELATED_STALE_SHARE=0)
    assert any("-" in name for name in report.shards), report.shards  # some years were split by month
    assert any(name.startswith(f"{UNDATED}.") for name in report.shards), report.shards  # and undated posts into parts
    assert differences(single, sharded) == []

    # Nothing changed: no job starts, no file of the site is touched, and the last plan is
    # used as it is: the records (damaged here) are not even read.
    before = {p: p.stat().st_mtime_ns for p in sharded.rglob("*") if p.is_file()}
    records = next((tmp_path / "sharded" / "cache" / "shards").glob("*/records.pickle"))
    kept = records.read_bytes()
    records.write_bytes(b"damaged")
    _out, again = _sharded(tmp_path / "sharded", raw, MONTH_SPLIT=6, RELATED_STALE_SHARE=0)
    assert again.ran == [] and again.changed_posts == 0 and records.read_bytes() == b"damaged"
    assert report.searched and not again.searched  # no page moved: the index stands
    assert {p: p.stat().st_mtime_ns for p in sharded.rglob("*") if p.is_file()} == before
    records.write_bytes(kept)
    # A run that merged and then stopped before indexing: the next one indexes, though no page moves.
    next((tmp_path / "sharded" / "cache" / "shards").glob("*/searched.json")).unlink()
    _out, again = _sharded(tmp_path / "sharded", raw, MONTH_SPLIT=6, RELATED_STALE_SHARE=0)
    assert again.ran == [] and again.merge.placed == 0 and again.searched

    # One new article in the newest month: its shard and the listing job run, most shards do not.
    newest = max(name for name in report.shards if name[:1].isdigit())
    year, month = newest.split("-") if "-" in newest else (newest, "12")
    (raw / "zz_new.txt").write_text(
        "Khánh thành cầu treo mới ở xã vùng cao Tà Xùa\n\n"
        f"Sáng ngày 27/{int(month)}/{year}, Ủy ban nhân dân huyện Bắc Yên khánh thành cầu treo dân sinh bắc qua suối Xùa, "
        "nối hai bản người Mông sau nhiều năm chờ đợi.\n\n"
        "Cây cầu dài 86 mét, rộng 1,5 mét, do người dân góp công và ngân sách tỉnh hỗ trợ, giúp học sinh đến trường an toàn "
        "trong mùa mưa lũ và đưa nông sản ra chợ phiên.\n\nTác giả: Lò Văn Pâng\n",
        encoding="utf-8",
    )
    _out, plus_one = _sharded(tmp_path / "sharded", raw, MONTH_SPLIT=6, RELATED_STALE_SHARE=0)
    assert plus_one.changed_posts == 1 and plus_one.searched
    assert LISTING in plus_one.ran and newest in plus_one.ran
    # Others run only if one of their articles now lists the new one as related (or as a neighbour): not all.
    assert len(plus_one.ran) < len(plus_one.shards), plus_one.ran
    fresh = _single(tmp_path / "single-plus-one", raw)
    assert differences(fresh, sharded) == []


def test_spans_of_years_equal_single_and_a_new_post_runs_its_span(tmp_path, years):
    raw = tmp_path / "raw"
    shutil.copytree(years, raw)
    single = _single(tmp_path / "single", raw)
    sharded, report = _sharded(tmp_path / "sharded", raw, SHARD_POSTS=8, RELATED_STALE_SHARE=0)
    dated = sorted(name for name in report.shards if name[:1].isdigit())
    assert dated == ["2012..2015", "2016..2019"], report.shards  # 2-3 posts a year: spans of 4 years
    assert differences(single, sharded) == []
    (raw / "zz_new.txt").write_text(NEW_TODAY.replace("/2025", "/2019"), encoding="utf-8")
    _out, plus_one = _sharded(tmp_path / "sharded", raw, SHARD_POSTS=8, RELATED_STALE_SHARE=0)
    assert plus_one.changed_posts == 1 and "2016..2019" in plus_one.ran
    assert plus_one.listing_early  # it ran beside the metadata pass: it needs nothing of the plan
    # The first post of a new year: a new shard and a new span, and yet the jobs that run keep
    # the pages they had (the plan is not part of their settings, which every page's key digests).
    (raw / "zz_new_year.txt").write_text(
        "Hội thi đờn ca tài tử mở rộng lần thứ nhất tại Cần Thơ\n\n"
        "Tối ngày 12/3/2021, Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ khai mạc hội thi đờn ca tài tử, "
        "quy tụ hơn hai trăm nghệ nhân đến từ các tỉnh miền Tây.\n\n"
        "Các đội thi trình diễn những bài bản cổ như Dạ cổ hoài lang, Lưu thủy trường; ban giám khảo chấm điểm "
        "theo ngón đờn, giọng ca và cách phối hợp giữa các nhạc cụ.\n\nTác giả: Trần Thị Mỹ Duyên\n",
        encoding="utf-8",
    )
    _out, new_year = _sharded(tmp_path / "sharded", raw, SHARD_POSTS=8, RELATED_STALE_SHARE=0)
    assert "2020..2023" in new_year.shards and {LISTING, "2020..2023"} <= set(new_year.ran)
    # Though the plan's layout changed (a new shard) after the listing job had started.
    assert new_year.listing_early
    listing = json.loads(next((tmp_path / "sharded" / "cache" / "shards").glob("*/jobs/listing/cache/fast_build/last-build.json")).read_text())
    assert listing["skipped"] > 2 * listing["rendered"] > 0, listing
    fresh = _single(tmp_path / "single-plus-one", raw)
    assert differences(fresh, sharded) == []
    # A job per year again: the spans' folders go, the site stays the single build's.
    _out, per_year = _sharded(tmp_path / "sharded", raw, SHARD_POSTS=0, RELATED_STALE_SHARE=0)
    jobs = tmp_path / "sharded" / "cache" / "shards"
    assert {p.name for p in jobs.glob("*/jobs/*")} == set(per_year.shards) and "2019" in per_year.shards
    assert differences(fresh, sharded) == []


NEW_TODAY = (
    "Khánh thành cầu treo mới ở xã vùng cao Tà Xùa\n\n"
    "Sáng ngày 27/12/2025, Ủy ban nhân dân huyện Bắc Yên khánh thành cầu treo dân sinh bắc qua suối Xùa, "
    "nối hai bản người Mông sau nhiều năm chờ đợi.\n\n"
    "Cây cầu dài 86 mét, rộng 1,5 mét, do người dân góp công và ngân sách tỉnh hỗ trợ, giúp học sinh đến trường an toàn "
    "trong mùa mưa lũ và đưa nông sản ra chợ phiên.\n\nTác giả: Lò Văn Pâng\n"
)


def test_stale_related_lists_keep_other_shards_idle_within_their_bound(tmp_path, generated):
    """With RELATED_STALE_SHARE, a new article gets its own list (as a single build gives
    it), older lists are kept, so only its shard and the listing job run; past the bound,
    every list is computed again and the site is a single build's."""
    raw = tmp_path / "raw"
    shutil.copytree(generated, raw)
    sharded, report = _sharded(tmp_path / "sharded", raw, RELATED_STALE_SHARE=0.05, SHARD_POSTS=0)
    (raw / "zz_new.txt").write_text(NEW_TODAY, encoding="utf-8")
    _out, plus_one = _sharded(tmp_path / "sharded", raw, RELATED_STALE_SHARE=0.05, SHARD_POSTS=0)
    assert plus_one.changed_posts == 1
    assert sorted(plus_one.ran) == sorted([LISTING, "2025"]), plus_one.ran
    fresh = _single(tmp_path / "single-plus-one", raw)
    page = "bai/khanh-thanh-cau-treo-moi-o-xa-vung-cao-ta-xua/index.html"
    assert (sharded / page).read_bytes() == (fresh / page).read_bytes()

    # The bound is a share of the archive: at 0 the lists are all computed again, as a single build's.
    _out, exact = _sharded(tmp_path / "sharded", raw, RELATED_STALE_SHARE=0, SHARD_POSTS=0)
    assert exact.changed_posts == 0
    assert differences(fresh, sharded) == []


def test_dask_local_cluster_gives_the_same_site(tmp_path):
    """On a Dask LocalCluster: the first build, then one new article (the listing job submitted
    beside the metadata pass, which runs in a child forked from the driver)."""
    distributed = pytest.importorskip("distributed")
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    local, _report = _sharded(tmp_path / "local", raw)
    content, output = tmp_path / "dask" / "content", tmp_path / "dask" / "output"
    content.mkdir(parents=True)
    extra = {"CACHE_PATH": str(tmp_path / "dask" / "cache"), "RAWNEWS": {"SOURCE": str(raw), "JOBS": 1}}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            report = build(str(content), str(output), SETTINGS, extra=extra, executor="dask", client=client)
            assert all(result.ok for result in report.results) and set(report.ran) == set(report.shards)
            assert differences(local, output) == []
            (raw / "zz_new.txt").write_text(NEW_TODAY, encoding="utf-8")
            plus_one = build(str(content), str(output), SETTINGS, extra=extra, executor="dask", client=client)
    assert plus_one.listing_early and plus_one.changed_posts == 1 and all(result.ok for result in plus_one.results)
    local, _report = _sharded(tmp_path / "local", raw)
    assert differences(local, output) == []


def test_comparison_sees_a_changed_byte_but_not_an_empty_feed_time(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for root, stamp, text in ((a, "2026-01-01T00:00:00+07:00", "<p>Bài</p>"), (b, "2026-01-02T00:00:00+07:00", "<p>Bài.</p>")):
        (root / "feeds").mkdir(parents=True)
        (root / "feeds" / "x.atom.xml").write_text(f"<feed><updated>{stamp}</updated></feed>", encoding="utf-8")
        (root / "index.html").write_text(text, encoding="utf-8")
    assert differences(a, b) == ["differs: index.html"]
    (b / "index.html").write_text("<p>Bài</p>", encoding="utf-8")
    (b / "extra.html").write_text("", encoding="utf-8")
    assert differences(a, b) == [f"only in {b}: extra.html"]


def test_make_html_chooses_the_single_build_unless_told(tmp_path):
    """Auto mode shards only from a THRESHOLD that is set; MODE forces either way."""
    from vnarchive.shards.cli import choose

    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(3):
        (raw / f"{n:03d}_a.txt").write_text("x", encoding="utf-8")
    settings = {"RAWNEWS": {"SOURCE": str(raw)}}
    assert choose(settings, tmp_path / "content") == "single"
    assert choose({**settings, "SHARDS": {"THRESHOLD": 3}}, tmp_path / "content") == "sharded"
    assert choose({**settings, "SHARDS": {"THRESHOLD": 4}}, tmp_path / "content") == "single"
    assert choose({**settings, "SHARDS": {"MODE": "sharded"}}, tmp_path / "content") == "sharded"


def test_a_job_ends_with_pelicans_exit_status(tmp_path):
    """Jobs run `python -m vnarchive.shards.job` (pelican, without the interpreter's teardown):
    a failed build must still fail the job."""
    import subprocess

    content = tmp_path / "content"
    content.mkdir()
    (content / "post.md").write_text("Title: Bài thử\nDate: 2024-01-02\n\nNội dung.\n", encoding="utf-8")
    command = [sys.executable, "-m", "vnarchive.shards.job", str(content), "-o", str(tmp_path / "out"), "-s", SETTINGS, "-q",
               "-e", f'CACHE_PATH="{tmp_path / "cache"}"', 'RAWNEWS={"ENABLED": false}', 'SEARCH_INDEX={"ENABLED": false}']
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "index.html").is_file()
    bad = [*command[:3], str(tmp_path / "missing"), *command[4:]]
    failed = subprocess.run(bad, cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode != 0


def test_merge_places_by_link_replaces_changed_files_and_survives_a_stopped_merge(tmp_path):
    import os

    from vnarchive.shards.merge import merge

    job, out, state = tmp_path / "job", tmp_path / "out", tmp_path / "merged.json"
    for rel, text in (("a/index.html", "A"), ("b/c/index.html", "C"), ("d.xml", "D")):
        (job / rel).parent.mkdir(parents=True, exist_ok=True)
        (job / rel).write_text(text, encoding="utf-8")
    files = ["a/index.html", "b/c/index.html", "d.xml"]
    first = merge(out, {"j": (job, files)}, state)
    assert (first.placed, first.kept) == (3, 0)
    assert os.stat(out / "a/index.html").st_ino == os.stat(job / "a/index.html").st_ino  # a link, not a copy
    # A job that rewrote a page (a new file, as fast_build writes), a merge stopped before its rename,
    # a page deleted from the site by hand, and a file no job owns now.
    (job / "a/index.html").unlink()
    (job / "a/index.html").write_text("A2", encoding="utf-8")
    (out / "a/index.html.shard-tmp").write_text("half", encoding="utf-8")
    (out / "b/c/index.html").unlink()
    again = merge(out, {"j": (job, files[:2])}, state)
    assert (again.placed, again.kept, again.deleted) == (2, 0, 1)
    assert (out / "a/index.html").read_text(encoding="utf-8") == "A2" and (out / "b/c/index.html").read_text(encoding="utf-8") == "C"
    assert not (out / "a/index.html.shard-tmp").exists() and not (out / "d.xml").exists()
    assert merge(out, {"j": (job, files[:2])}, state).kept == 2


def test_the_listing_job_needs_nothing_of_the_plan(tmp_path):
    """The driver starts the listing job beside the metadata pass, before the plan exists: run
    with no layout file at all, it owns the same files as in the build."""
    import hashlib
    import os
    import subprocess

    from vnarchive.shards.build import _job_overrides, read_build_settings
    from vnarchive.shards.run import JobSpec, command

    output, _report = _sharded(tmp_path, SEEDS)
    settings = read_build_settings(SETTINGS, str(tmp_path / "content"), str(output), {"CACHE_PATH": str(tmp_path / "cache")})
    tag = hashlib.blake2b(os.path.abspath(output).encode(), digest_size=8).hexdigest()
    cache = tmp_path / "cache" / "shards" / tag
    owned = json.loads((cache / "jobs" / LISTING / "owned.json").read_text(encoding="utf-8"))
    overrides = _job_overrides(settings, LISTING, False, cache, {"CACHE_PATH": str(tmp_path / "cache")})
    job = overrides["SHARDS"]["JOB"]
    job["layout"] = str(tmp_path / "no-such-layout.json")
    job["owned"] = str(tmp_path / "owned-again.json")
    spec = JobSpec(name=LISTING, content=str(tmp_path / "content"), output=str(tmp_path / "listing-again"), settings_file=SETTINGS, overrides=overrides, cwd=str(ROOT))
    done = subprocess.run(command(spec), cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads((tmp_path / "owned-again.json").read_text(encoding="utf-8")) == owned and len(owned) > 10


def test_one_sharded_build_at_a_time_per_output(tmp_path, monkeypatch):
    """A second build of the same output waits for the first, then stops with one line: two
    runs would share every job's folders and state."""
    import hashlib
    import os

    from vnarchive.rawnews import lock
    from vnarchive.rawnews.errors import ConversionError

    output = tmp_path / "output"
    tag = hashlib.blake2b(os.path.abspath(output).encode(), digest_size=8).hexdigest()
    cache = tmp_path / "cache" / "shards" / tag
    cache.mkdir(parents=True)
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # another process holds the lock as a running build does
        os.close(read)
        with lock.held(cache, output, what="sharded build"):
            os.write(write, b"x")
            os.close(write)
            import time

            time.sleep(30)
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"x"
    try:
        with pytest.raises(ConversionError, match="another sharded build"):
            _sharded(tmp_path, SEEDS)
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert not output.exists()
    _out, report = _sharded(tmp_path, SEEDS)  # the holder gone, the lock is taken over
    assert report.posts > 0


def test_source_of_names_a_post_as_relpath_does():
    import os

    from vnarchive.shards import source_of

    for path, root in (("/c/b/x.md", "/c/b"), ("x.md", "/c/b"), ("sub/x.md", "/c/b/"), ("/c/b/./x.md", "/c/b"),
                       ("/c/b/../b/x.md", "/c/b"), ("/c/b/.an/x.md", "/c/b"), ("/c/b/sub//x.md", "/c/b"), ("/d/x.md", "/c/b")):
        assert source_of(path, root) == os.path.relpath(os.path.join(root, path), root).replace(os.sep, "/"), (path, root)

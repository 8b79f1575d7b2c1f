"""fast_build: same site as a full build, but only what changed is rendered again."""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import build_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus  # noqa: E402
from vnarchive.fast_build.pagination import StablePaginator, stable_spans  # noqa: E402
from vnarchive.fast_build.taxonomy import ordered_subset, positions  # noqa: E402

N = 48
SMALL_PAGES = {"DEFAULT_PAGINATION": 4}


# Feeds and sitemaps date entries by the post file's time; two builds from the
# same raw files write their posts at different times.
_FILE_TIMES = re.compile(rb"<(updated|lastmod|lastBuildDate)>[^<]*</\1>")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every output file, except the search index (Pagefind names its files by content
    and leaves older ones in place; the search_index plugin's concern)."""
    return {
        rel: _FILE_TIMES.sub(rb"<\1/>", p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (rel := p.relative_to(folder).as_posix()).startswith("pagefind/")
    }


def _stats(site: Path) -> dict:
    return json.loads((site / "cache" / "fast_build" / "last-build.json").read_text(encoding="utf-8"))


def _diff(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    """One archive built, then rebuilt after adding one raw file and editing another."""
    base = tmp_path_factory.mktemp("fast-inc")
    raw = base / "raw"
    generate_corpus.generate(raw, N, seed=21, clean=True)
    build_site(base, raw, **SMALL_PAGES)
    first = _tree(base / "output")
    stats_full = _stats(base)
    # Nothing changed: nothing rendered.
    build_site(base, raw, **SMALL_PAGES)
    stats_same = _stats(base)
    # One new article (the generator's next file) and one edited article.
    name, data, _ = generate_corpus.render_file(21, N, clean=True)
    (raw / name).write_bytes(data)
    edited = sorted(raw.glob("*.txt"))[5]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace(". ", ". Một câu mới được thêm vào bài viết này. ", 1), encoding="utf-8")
    build_site(base, raw, **SMALL_PAGES)
    return {"base": base, "raw": raw, "first": first, "full": stats_full, "same": stats_same, "after": _stats(base)}


def test_rebuild_with_nothing_changed_renders_nothing(incremental):
    assert incremental["full"]["rendered"] > N
    assert incremental["same"]["rendered"] == 0
    assert incremental["same"]["feeds_rendered"] == 0
    assert incremental["same"]["skipped"] == incremental["full"]["rendered"]


def test_incremental_build_equals_a_full_build(incremental, tmp_path):
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copytree(incremental["raw"], fresh / "raw")
    build_site(fresh, fresh / "raw", **SMALL_PAGES)
    difference = _diff(_tree(incremental["base"] / "output"), _tree(fresh / "output"))
    assert difference == []


def test_only_what_lists_the_changed_articles_is_rendered(incremental):
    after, full = incremental["after"], incremental["full"]
    assert 0 < after["rendered"] < full["rendered"] * 0.6
    assert after["skipped"] > 0


def test_kept_pages_render_the_same(tmp_path):
    """VERIFY renders every kept page anyway and compares it with the file."""
    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 20, seed=4, clean=True)
    build_site(tmp_path, raw, **SMALL_PAGES)
    name, data, _ = generate_corpus.render_file(4, 20, clean=True)
    (raw / name).write_bytes(data)
    build_site(tmp_path, raw, FAST_BUILD={"VERIFY": True}, **SMALL_PAGES)
    stats = _stats(tmp_path)
    assert stats["skipped"] > 0
    assert stats["verify_mismatch"] == 0


def test_removed_article_page_is_deleted_and_other_files_kept(tmp_path):
    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 6, seed=8, clean=True)
    output = build_site(tmp_path, raw)
    mine = output / "ghi-chu-cua-toi.txt"
    mine.write_text("not the generator's", encoding="utf-8")
    before = {p.relative_to(output).as_posix() for p in output.rglob("index.html") if p.parts[-3] == "bai"}
    victim = sorted(raw.glob("*.txt"))[0]
    victim.unlink()
    build_site(tmp_path, raw)
    after = {p.relative_to(output).as_posix() for p in output.rglob("index.html") if p.parts[-3] == "bai"}
    assert len(after) == len(before) - 1
    assert _stats(tmp_path)["stale_deleted"] >= 1
    assert mine.exists()


def test_same_site_as_without_the_plugin(tmp_path):
    """Reader, taxonomy and writer change nothing in the output (Pelican's pagination)."""
    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 30, seed=13)
    from pelican.settings import read_settings

    plugins = [p for p in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] if p != "vnarchive.fast_build"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with_plugin = build_site(tmp_path / "a", raw, FAST_BUILD={"STABLE_PAGINATION": False}, **SMALL_PAGES)
    without = build_site(tmp_path / "b", raw, PLUGINS=plugins, **SMALL_PAGES)
    assert _diff(_tree(with_plugin), _tree(without)) == []


# -- pure parts ---------------------------------------------------------------


def test_ordered_subset_is_pelicans_filter():
    rng = random.Random(5)
    items = [object() for _ in range(300)]
    order = items[:]
    rng.shuffle(order)
    index = positions(order)
    for size in (0, 1, 5, 30, 150, 300):
        members = rng.sample(items, size)
        assert ordered_subset(order, members, index) == [a for a in order if a in members]
        assert ordered_subset(order, members) == [a for a in order if a in members]
    doubled = order[:10] + order[:10]
    assert positions(doubled) is None
    assert ordered_subset(doubled, order[:3], None) == [a for a in doubled if a in order[:3]]


@pytest.mark.parametrize("count", [0, 1, 4, 5, 8, 9, 17, 40, 41])
def test_stable_spans_cover_the_list_once(count):
    spans = stable_spans(count, 4)
    covered = [i for start, end, _ in spans for i in range(start, end)]
    assert covered == list(range(count))
    assert spans[0][2] == 1
    for start, end, number in spans[1:]:
        assert end - start == 4
        assert number == (count - end) // 4 + 2  # place counted from the oldest


def test_full_pages_keep_url_and_articles_when_one_is_added():
    settings = {"PAGINATION_PATTERNS": [], "DEFAULT_ORPHANS": 0}
    from pelican.paginator import PaginationRule

    settings["PAGINATION_PATTERNS"] = [PaginationRule(1, "{url}", "{save_as}"), PaginationRule(2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html")]

    def pages(articles):
        paginator = StablePaginator("index.html", "", articles, settings, 4)
        return {paginator.page(n).save_as: paginator.page(n).object_list for n in range(1, paginator.num_pages + 1)}

    old = list(range(30, 0, -1))  # newest first
    new = [31, *old]
    before, after = pages(old), pages(new)
    changed = [name for name in after if before.get(name) != after[name]]
    assert changed == ["index.html"]
    assert [a for page in after.values() for a in page] == new


# -- rendering over several processes -------------------------------------------


def test_rendering_over_two_processes_writes_the_same_site(tmp_path):
    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 24, seed=31, clean=True)
    for name in ("one", "two", "batches"):
        (tmp_path / name).mkdir()
    inline = build_site(tmp_path / "one", raw, FAST_BUILD={"JOBS": 1}, **SMALL_PAGES)
    forked = build_site(tmp_path / "two", raw, FAST_BUILD={"JOBS": 2}, **SMALL_PAGES)
    # A short queue: pages are rendered in batches while later ones are still being laid out.
    batches = build_site(tmp_path / "batches", raw, FAST_BUILD={"JOBS": 2, "QUEUE": 5}, **SMALL_PAGES)
    assert _diff(_tree(inline), _tree(forked)) == []
    assert _diff(_tree(inline), _tree(batches)) == []
    one, two = _stats(tmp_path / "one"), _stats(tmp_path / "two")
    assert one["rendered"] == two["rendered"] == _stats(tmp_path / "batches")["rendered"] > 24
    # The keys the workers computed are the parent's: a rebuild keeps every page.
    build_site(tmp_path / "two", raw, FAST_BUILD={"JOBS": 2}, **SMALL_PAGES)
    assert _stats(tmp_path / "two")["rendered"] == 0


def _square_or_fail(job):
    import os

    if job == "die" and os.getpid() != PARENT[0]:
        os._exit(3)  # a worker killed mid-way
    if job == "boom":
        raise ValueError("bad page")
    return (job * job, os.getpid()) if isinstance(job, int) else (job, os.getpid())


PARENT = [0]


def test_run_forked_keeps_order_and_spreads_work():
    import os

    from vnarchive.common.workers import run_forked

    PARENT[0] = os.getpid()
    results = run_forked(list(range(9)), _square_or_fail, 3)
    assert [value for value, _ in results] == [i * i for i in range(9)]
    assert len({pid for _, pid in results}) == 3  # this process and two workers


def test_run_forked_redoes_a_dead_workers_share_and_raises_a_jobs_error_here():
    import os

    from vnarchive.common.workers import run_forked

    PARENT[0] = os.getpid()
    results = run_forked([0, "die", 2, 3], _square_or_fail, 2)  # the worker takes "die" and 3
    assert [value for value, _ in results] == [0, "die", 4, 9]
    assert results[1][1] == results[3][1] == os.getpid()  # redone here
    with pytest.raises(ValueError, match="bad page"):
        run_forked([0, "boom", 2, 3], _square_or_fail, 2)


def test_listing_counts_stay_true_and_kept_pages_stay_kept(tmp_path):
    """A listing says how many articles it has (on its first page, so its
    other pages need not change when one is added): after each addition the
    count is the number of articles its pages list, and the pages that do
    not list the new article are kept."""
    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 48, seed=21, clean=True)
    build_site(tmp_path, raw, **SMALL_PAGES)
    older_home_pages_rendered = []
    for i in range(6):  # one at a time: most additions leave a listing's page count as it was
        name, data, _ = generate_corpus.render_file(21, 48 + i, clean=True)
        (raw / name).write_bytes(data)
        output = build_site(tmp_path, raw, **SMALL_PAGES)
        for kind in ("chu-de", "tac-gia", "chuyen-muc", "nguon"):
            for folder in (p for p in (output / kind).iterdir() if p.is_dir()):
                pages = [p.read_text(encoding="utf-8") for p in folder.rglob("index.html")]
                counts = [int(found.group(1)) for page in pages if (found := re.search(r'listing-count">(\d+) bài', page))]
                listed = sum(page.count('class="story"') for page in pages)
                assert counts == [listed], (i, kind, folder.name, counts, listed)
        stats = _stats(tmp_path)
        assert stats["rendered"] < stats["skipped"] / 2, (i, stats)
        older_home_pages_rendered.append(sum(1 for rel in stats["rendered_sample"] if rel.startswith("trang/")))
    # The generated articles have random dates: one dated in the past shifts
    # the home pages newer than it. Pages older than it are kept, unless a new
    # full page forms (their "page k of n" line changes).
    older_home_pages = len(list((output / "trang").glob("*/index.html")))
    assert min(older_home_pages_rendered) <= older_home_pages // 4, (older_home_pages_rendered, older_home_pages)


def test_urls_kept_once_are_pelicans_urls():
    import pickle

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Tag

    from vnarchive.fast_build.digest import Digester
    from vnarchive.fast_build.urls import keep_all_urls, keep_urls

    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "bai/{slug}/", "ARTICLE_SAVE_AS": "bai/{slug}/index.html",
                "TAG_URL": "chu-de/{slug}/", "TAG_SAVE_AS": "chu-de/{slug}/index.html"}
    tag = Tag("Đắk Lắk", settings)
    article = Article("<p>x</p>", metadata={"title": "Tin", "slug": "tin", "tags": [tag]}, settings=settings, source_path="/c/tin.md", context={})
    before = (article.url, article.save_as, tag.url, tag.save_as, tag.page_name)
    digest_before = Digester().content_own(article)

    class Generator:
        articles = [article]
        tags = {tag: [article]}

    assert keep_all_urls([Generator()]) == 2
    assert type(article).__name__ == "Article" and isinstance(article, Article) and isinstance(tag, Tag)
    assert (article.url, article.save_as, tag.url, tag.save_as, tag.page_name) == before
    assert vars(article)["url"] == "bai/tin/"  # kept in the instance from now on
    assert Digester().content_own(article) == digest_before  # kept values are not part of its digest
    keep_urls(article)  # twice is harmless
    again = pickle.loads(pickle.dumps(article))  # comes back as Pelican's class, without the kept values
    assert type(again) is Article and "url" not in vars(again) and again.url == "bai/tin/" and again.title == "Tin"


def test_an_article_read_remembers_its_source_path_but_not_its_urls_until_final():
    """remember_source (content_object_init): the relative source path is worked out once, while the
    URLs still follow the metadata a plugin may change before the context is final."""
    import pickle

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from vnarchive.fast_build.digest import Digester
    from vnarchive.fast_build.urls import keep_urls, remember_source

    settings = {**DEFAULT_CONFIG, "PATH": "/c", "ARTICLE_URL": "bai/{slug}/", "ARTICLE_SAVE_AS": "bai/{slug}/index.html"}
    article = Article("<p>x</p>", metadata={"title": "Tin", "slug": "tin"}, settings=settings, source_path="/c/2024/tin.md", context={})
    digest_before = Digester().content_own(article)
    remember_source(article)
    assert isinstance(article, Article) and article.get_relative_source_path() == "2024/tin.md"
    assert article.get_relative_source_path("/c/khac.md") == "khac.md"  # another path: not the kept one
    assert article.url == "bai/tin/"
    article.slug = "tin-moi"  # a plugin changes it before the context is final: the URL follows
    assert article.url == "bai/tin-moi/" and "url" not in vars(article)
    keep_urls(article)
    assert article.url == "bai/tin-moi/" and vars(article)["url"] == "bai/tin-moi/"
    article.slug = "tin"
    assert Digester().content_own(article) == digest_before  # kept values are not part of its digest
    again = pickle.loads(pickle.dumps(article))
    assert type(again) is Article and not any(name.startswith("_fb") or name == "url" for name in vars(again))


def _children() -> set[int]:
    import os

    mine, found = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == mine:
            found.add(int(stat.parent.name))
    return found


def test_run_forked_leaves_no_worker_behind_when_this_process_fails():
    import os

    from vnarchive.common.workers import run_forked

    PARENT[0] = os.getpid()
    before = _children()
    with pytest.raises(ValueError, match="bad page"):
        run_forked(["boom", 1, 2, 3], _square_or_fail, 2)  # this process takes "boom" and 2
    assert _children() == before  # the worker was stopped and reaped, not left waiting on its pipe


@pytest.mark.parametrize("jobs", [1, 2])
def test_content_written_once_per_page_once_it_is_on_disk(tmp_path, jobs):
    """Pelican's write_file runs only to lay out the pages: its own
    `content_written` is held back, and fast_build sends one per page, rendered
    or kept, after the file is written."""
    import os

    from pelican.plugins import signals

    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 12, seed=41, clean=True)
    (tmp_path / "site").mkdir()
    sent: list[tuple[str, bool]] = []

    def record(path, context=None):
        sent.append((path, os.path.isfile(path)))

    signals.content_written.connect(record)
    try:
        for _ in range(2):  # rendered, then kept
            output = build_site(tmp_path / "site", raw, FAST_BUILD={"JOBS": jobs}, **SMALL_PAGES)
            pages = sorted(str(p) for p in output.rglob("*.html") if "pagefind" not in p.parts)
            assert sorted(path for path, _ in sent if path.endswith(".html")) == pages
            assert all(exists for _, exists in sent)
            sent.clear()
    finally:
        signals.content_written.disconnect(record)


def test_collector_freezes_the_context_during_a_build_and_thaws_it_after(tmp_path):
    """The context is frozen once built (the collector stops walking it) and thawed at the
    end, so a process that runs several builds still collects each one's cycles; a forked
    render inside the build leaves the freeze as it found it."""
    import gc

    from pelican import signals

    from vnarchive.common.workers import run_forked

    seen = {}

    def during(_sender=None, **_kw):
        seen.setdefault("frozen", gc.get_freeze_count())
        run_forked([1, 2], lambda job: job, 2)
        seen.setdefault("after_fork", gc.get_freeze_count())

    gc.unfreeze()
    signals.article_writer_finalized.connect(during)
    try:
        build_site(tmp_path, ROOT / "seeds")
    finally:
        signals.article_writer_finalized.disconnect(during)
    assert seen["frozen"] > 1000 and seen["after_fork"] >= seen["frozen"]
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] >= 100_000

"""Feeds a reader accepts: RSS 2.0 and Atom, site-wide and per category,
tag and author; newest first, capped, dates at their real precision, every
author, XML-safe text; validated by feedparser and the Atom RELAX NG schema."""

from __future__ import annotations

import html
import shutil
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import SEED_000, SEED_002, SEEDS, build_site
from vnarchive.feeds.dates import publication_time, rfc822
from vnarchive.feeds.model import FeedInfo, FeedItem, Person
from vnarchive.feeds.render import render_atom, render_rss
from vnarchive.feeds.writer import feed_kind
from vnarchive.feeds.xmltext import plain_text, xml_safe
from tools.sites import corpus_site, posts

SCHEMAS = Path(__file__).parent / "data" / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
VN = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def atom_schema():
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return corpus_site(tmp_path_factory)


@pytest.fixture(scope="module")
def meta(site):
    return posts(site)


def feed_files(site: Path) -> list[Path]:
    return sorted((site / "feeds").rglob("*.xml"))


def assert_valid_atom(path: Path, schema) -> None:
    doc = etree.parse(str(path))
    assert schema.validate(doc), f"{path}: {schema.error_log}"
    # The two Schematron rules of RFC 4287's schema, which RELAX NG cannot say.
    root = doc.getroot()
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.findall(f"{ATOM}author") or root.findall(f"{ATOM}author"), path
        assert [l for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"], path


# -- pure parts --------------------------------------------------------------


def test_xml_safe_drops_every_forbidden_character():
    forbidden = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF])
    assert xml_safe(f"a{forbidden}b\tc\nd\re") == "ab\tc\nd\re"
    assert plain_text("A &amp; B &lt;i&gt; <b>đậm</b>\x01") == "A & B <i> đậm"


def test_day_is_never_invented():
    midnight = datetime(2023, 5, 10, tzinfo=VN)
    assert publication_time(midnight, "day") == datetime(2023, 5, 10, 12, tzinfo=VN)
    assert publication_time(midnight.replace(hour=8, minute=30), "day").hour == 8
    for precision in ("month", "year", "unknown"):
        assert publication_time(midnight, precision) is None
    assert rfc822(datetime(2023, 5, 10, 12, tzinfo=VN)) == "Wed, 10 May 2023 12:00:00 +0700"


def test_feed_kind_reads_the_settings_patterns():
    settings = {"TAG_FEED_ATOM": "feeds/chu-de/{slug}.atom.xml", "TAG_URL": "chu-de/{slug}/"}
    assert feed_kind("feeds/chu-de/kon-tum.atom.xml", settings) == ("TAG_URL", "Chủ đề", "kon-tum")
    assert feed_kind("feeds/all.atom.xml", settings) is None


def hostile_item(**changes) -> FeedItem:
    values = dict(
        id="urn:uuid:00000000-0000-5000-8000-000000000000",
        title="Tin <script>alert(1)</script> & \"trích\" \x01\x0b]]> hết",
        url="bai/tin/",
        published=None,
        updated=datetime(2024, 1, 2, 3, 4, 5, tzinfo=VN),
        precision="month",
        date_note="Thời gian: tháng 5/2023 (bản tin không ghi ngày)",
        authors=(Person("Nguyễn \x1bVăn <A>", "tac-gia/a/"), Person("H'Hen Niê")),
        categories=("Kinh tế & Xã hội", "a\"b"),
        summary_html="<p>Tóm tắt &amp; \x08<b>đậm</b></p>",
        content_html="<p>Toàn văn\x0c</p>",
    )
    values.update(changes)
    return FeedItem(**values)


def test_hostile_text_renders_to_valid_feeds(atom_schema):
    info = FeedInfo(title="Trang \x07 & <tin>", subtitle="", id="urn:uuid:1", self_url="all.atom.xml", page_url="../")
    items = [hostile_item()]
    link = lambda url: f"https://example.org/{url}"  # noqa: E731
    atom = render_atom(info, items, link)
    rss = render_rss(info, items, link)
    for text in (atom, rss):
        etree.fromstring(text.encode("utf-8"))  # strict: raises on any XML error
        parsed = feedparser.parse(text.encode("utf-8"))
        assert not parsed.bozo, parsed.get("bozo_exception")
        entry = parsed.entries[0]
        assert "\x01" not in entry.title and "\x0b" not in entry.title
        assert [a["name"] for a in entry.authors] == ["Nguyễn Văn <A>", "H'Hen Niê"]
        assert "published" not in entry  # month precision: no day claimed
        assert "tháng 5/2023" in entry.summary
        assert "<script" not in entry.summary
    assert atom_schema.validate(etree.fromstring(atom.encode("utf-8"))), atom_schema.error_log
    atom_entry = feedparser.parse(atom.encode("utf-8")).entries[0]
    assert atom_entry.title == "Tin <script>alert(1)</script> & \"trích\" ]]> hết"  # text, not markup
    assert atom_entry.updated_parsed[:3] == (2024, 1, 1)  # 03:04 +07:00 is Jan 1 in UTC
    assert "<pubDate>" not in rss


# -- the built corpus --------------------------------------------------------


def test_every_feed_is_accepted_by_feedparser_and_atom_is_valid(site, atom_schema):
    files = feed_files(site)
    kinds = {p.parent.name for p in files}
    assert {"feeds", "chuyen-muc", "chu-de", "tac-gia"} <= kinds
    assert any(p.name.endswith(".rss.xml") for p in files) and any(p.name.endswith(".atom.xml") for p in files)
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version in ("rss20", "atom10"), path
        if path.name.endswith(".atom.xml"):
            assert_valid_atom(path, atom_schema)


def test_site_feed_is_newest_first_capped_and_without_undated_articles(site, meta):
    dated = [m for m in meta.values() if m["Date_precision"] != "unknown"]
    undated = {m["Slug"] for m in meta.values() if m["Date_precision"] == "unknown"}
    assert len(dated) > 50 and undated, "the corpus must exceed the cap and hold undated texts"
    for name in ("all.atom.xml", "all.rss.xml"):
        entries = feedparser.parse((site / "feeds" / name).read_bytes()).entries
        assert len(entries) == 50  # FEED_MAX_ITEMS
        slugs = [e.link.rstrip("/").rsplit("/", 1)[-1] for e in entries]
        assert not set(slugs) & undated
        dates = [meta[s]["Date"][:10] for s in slugs]
        assert dates == sorted(dates, reverse=True)
        newest = sorted((m["Date"][:10] for m in dated), reverse=True)[:50]
        assert dates == newest


def test_dates_and_authors_match_the_posts(site, meta):
    atom = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes()).entries
    rss = {e.link: e for e in feedparser.parse((site / "feeds" / "all.rss.xml").read_bytes()).entries}
    seen = set()
    for entry in atom:
        post = meta[entry.link.rstrip("/").rsplit("/", 1)[-1]]
        item = rss[entry.link]
        precision = post["Date_precision"]
        seen.add(precision)
        if precision == "day":
            day = tuple(int(x) for x in post["Date"][:10].split("-"))
            has_time = "T" in post["Date"]
            # The day in Vietnam, whatever the reader's zone between UTC-5 and UTC+14.
            for parsed in (entry.published_parsed, item.published_parsed):
                moment = datetime(*parsed[:6], tzinfo=timezone.utc).astimezone(VN)
                assert (moment.year, moment.month, moment.day) == day
                assert has_time or moment.hour == 12
        else:
            assert "published" not in entry and "published" not in item
            assert "<pubDate>" not in str(item)
            period = post["Date"][:7] if precision == "month" else post["Date"][:4]
            shown = f"tháng {int(period[5:7])}/{period[:4]}" if precision == "month" else f"năm {period}"
            assert shown in entry.summary and shown in item.summary
        authors = [a.strip() for a in html.unescape(post.get("Authors", "")).split(";") if a.strip()]
        outlets = [o.strip() for o in html.unescape(post.get("Outlets", "")).split(";") if o.strip()]
        atom_names = [a["name"] for a in entry.authors]
        assert atom_names == (authors or outlets or ["Không rõ tác giả"])
        assert [a["name"] for a in item.get("authors", [])] == (authors or outlets)
        terms = {t["term"] for t in entry.tags}
        assert html.unescape(post["Category"]) in terms
        assert {html.unescape(t.strip()) for t in post.get("Tags", "").split(";") if t.strip()} <= terms
        assert entry.summary and entry.title and entry.id.startswith("urn:uuid:")
    assert {"day", "month", "year"} <= seen


def test_hostile_title_is_text_in_every_feed(site):
    for path in feed_files(site):
        raw = path.read_bytes()
        assert b"<script" not in raw
        assert not any(c in raw for c in (b"\x01", b"\x0b", b"\x1b", b"\x7f"))
    atom = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes())
    titles = [e.title for e in atom.entries]
    assert "Cảnh báo <script>alert('x')</script> & \"lừa đảo\" qua mạng ]]>" in titles


def test_per_author_feed_lists_only_that_author(site):
    feed = site / "feeds" / "tac-gia" / "tran-van-binh.atom.xml"
    parsed = feedparser.parse(feed.read_bytes())
    assert parsed.feed.title.endswith("Tác giả: Trần Văn Bình")
    titles = [e.title for e in parsed.entries]
    # month and year texts are in, the undated one is not
    assert titles == ["Tổng kết phong trào thi đua tháng 4/2021 tại Kon Tum", "Kết quả công tác phòng chống thiên tai năm 2019"]
    assert all(a["name"] == "Trần Văn Bình" for e in parsed.entries for a in e.authors)


def test_feed_links_in_every_head_and_visible_on_listing_pages(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        types = {l["type"] for l in head.find_all("link", rel="alternate")}
        assert {"application/rss+xml", "application/atom+xml"} <= types, page
    for folder, feeds in (("chuyen-muc", "chuyen-muc"), ("chu-de", "chu-de"), ("tac-gia", "tac-gia")):
        page = next((site / folder).glob("*/index.html"))
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        visible = soup.select("main .feed-links a[href]")
        assert len(visible) == 2
        head = {l["href"] for l in soup.head.find_all("link", rel="alternate")}
        for link in visible:
            assert f"/feeds/{feeds}/{page.parent.name}." in link["href"] and link["href"] in head
            assert (page.parent / link["href"]).resolve().is_file()


def test_full_text_is_a_setting(tmp_path):
    output = build_site(tmp_path, SEEDS, FEED_FULL_TEXT=True, FEED_MAX_ITEMS=1)
    atom = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    rss = feedparser.parse((output / "feeds" / "all.rss.xml").read_bytes())
    assert len(atom.entries) == len(rss.entries) == 1
    assert "Ban Chỉ đạo về Nhân quyền tỉnh Kon Tum phối hợp" in atom.entries[0].content[0].value
    assert "Ban Chỉ đạo về Nhân quyền tỉnh Kon Tum phối hợp" in rss.entries[0].content[0].value


def test_seed_feeds_by_default_carry_summaries_only(seed_site):
    atom = feedparser.parse((seed_site / "feeds" / "all.atom.xml").read_bytes())
    # The fragment (seed 002) has no date and no crawl date to bound it: it stays out of feeds.
    assert len(atom.entries) == 1 and all("content" not in e for e in atom.entries)
    first = atom.entries[0]
    assert first.title == "Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum"
    assert time.strftime("%Y-%m-%d", first.published_parsed) == "2023-05-10"


def test_two_articles_whose_file_names_carry_one_id_are_two_entries_with_stable_ids(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEEDS / SEED_000, raw / SEED_000)
    # Another article under a name with the same 16-hex id.
    (raw / SEED_000.replace("000_", "002_")).write_bytes((SEEDS / SEED_002).read_bytes())
    # Seed 002 names no publication date: the manifest gives one, so both are in the feeds.
    (raw / "manifest.csv").write_text(f"file,url,published,crawled\n{SEED_000.replace('000_', '002_')},,2023-06-01,\n", encoding="utf-8")
    ids = []
    for build, siteurl in (("a", ""), ("b", "https://lưu-trữ.example.vn/tin")):
        (tmp_path / build).mkdir()
        output = build_site(tmp_path / build, raw, SITEURL=siteurl)
        atom = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
        rss = feedparser.parse((output / "feeds" / "all.rss.xml").read_bytes())
        assert len(atom.entries) == len(rss.entries) == 2
        entry_ids = sorted(e.id for e in atom.entries)
        assert len(set(entry_ids)) == 2 and entry_ids == sorted(e.id for e in rss.entries)
        ids.append(entry_ids)
    assert ids[0] == ids[1]  # the same across builds, wherever the site lives

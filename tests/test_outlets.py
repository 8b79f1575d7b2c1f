"""vnarchive.outlets: a page, feeds and an index entry per news outlet, linked
from bylines and the nav; newsroom credits get none; its pages go through
fast_build like tag pages (stable pagination, kept when unchanged)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import build_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus  # noqa: E402
from vnarchive.outlets.model import group_by_outlet, split_names  # noqa: E402

def _settings() -> dict:
    from pelican.settings import DEFAULT_CONFIG

    return {**DEFAULT_CONFIG, "OUTLET_URL": "nguon/{slug}/", "OUTLET_SAVE_AS": "nguon/{slug}/index.html"}


SETTINGS = _settings()


def post(name: str, outlets: str | None):
    return SimpleNamespace(title=name, outlets=outlets)


def test_split_names_drops_empty_parts_and_repeats():
    assert split_names("TTXVN;") == ["TTXVN"]
    assert split_names(" TTXVN ; Báo  Nhân Dân;;TTXVN") == ["TTXVN", "Báo Nhân Dân"]
    assert split_names("") == split_names(None) == []


def test_group_by_outlet_counts_orders_and_sets_each_articles_outlets():
    articles = [post("a", "VOV;"), post("b", "TTXVN;VOV"), post("c", None), post("d", "ttxvn;"), post("e", "Báo Nhân Dân")]
    pairs = group_by_outlet(articles, SETTINGS)
    assert [(o.name, [a.title for a in arts]) for o, arts in pairs] == [
        ("TTXVN", ["b", "d"]),  # "ttxvn" is the same outlet, named as first seen
        ("VOV", ["a", "b"]),
        ("Báo Nhân Dân", ["e"]),
    ]
    assert [o.url for o in articles[1].outlet_list] == ["nguon/ttxvn/", "nguon/vov/"]
    assert articles[2].outlet_list == []
    assert pairs[2][0].save_as == "nguon/bao-nhan-dan/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from browser.corpus import build_theme_site

    return build_theme_site(tmp_path_factory.mktemp("outlets"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_outlet_page_index_feeds_and_links(site):
    page = soup(site, "nguon/ttxvn/index.html")
    assert page.h1.get_text(strip=True) == "TTXVN"
    titles = [a.get_text() for a in page.select(".story-title a")]
    assert titles == ["Bắt quả tang đối tượng tàng trữ ma tuý tại bến xe", "Khởi tố nhóm đối tượng mua bán ma túy ở Nghệ An"]
    assert page.select_one(".listing-count").get_text() == "2 bài"
    feeds = {link["type"]: link["href"] for link in page.select("head link[rel=alternate]") if "nguon" in link["href"]}
    assert feeds == {"application/rss+xml": "../../feeds/nguon/ttxvn.rss.xml", "application/atom+xml": "../../feeds/nguon/ttxvn.atom.xml"}
    atom = (site / "feeds/nguon/ttxvn.atom.xml").read_text(encoding="utf-8")
    assert "— Nguồn: TTXVN</title>" in atom and atom.count("<entry>") == 2
    assert (site / "feeds/nguon/ttxvn.rss.xml").is_file()

    index = soup(site, "nguon/index.html")
    assert [(a.get_text(), a.parent.select_one(".count").get_text()) for a in index.select(".outlet-index a")] == [("TTXVN", "2 bài")]
    nav = soup(site, "index.html").select_one(".site-nav")
    assert [a["href"] for a in nav.select("a") if a.get_text() == "Nguồn"] == ["./nguon/"]
    assert index.select_one('.site-nav a[aria-current="page"]').get_text() == "Nguồn"


def test_byline_reads_person_then_outlet_and_links_the_outlet(site):
    article = soup(site, "bai/khoi-to-nhom-doi-tuong-mua-ban-ma-tuy-o-nghe-an/index.html")
    credit = article.select_one(".byline .credit")
    assert credit.get_text("", strip=False).strip() == "Tuyết Lan · TTXVN"
    assert credit.select_one("a.outlet")["href"] == "../../nguon/ttxvn/"
    listing = soup(site, "tac-gia/tuyet-lan/index.html").select_one(".story .meta")
    assert listing.select_one("a.outlet").get_text() == "TTXVN"


def test_group_credits_and_outlet_only_credits(tmp_path):
    """"Nhóm PV · Báo QĐND": the group is plain text (no person's page), the
    outlet a link; "Theo TTXVN" when no one is named."""
    raw = tmp_path / "raw"
    raw.mkdir()
    lead = "Sáng nay, hội nghị tổng kết công tác năm được tổ chức tại Hà Nội với sự tham dự của nhiều đại biểu."
    (raw / "g1_1111111111111111.txt").write_text(
        f"Tổng kết công tác năm tại Hà Nội\n\nThứ Hai, 15/01/2024 08:30\n\n{lead}\n\nHội nghị đánh giá cao kết quả đạt được.\n\nNhóm PV (Báo Quân đội nhân dân)\n", encoding="utf-8")
    (raw / "g2_2222222222222222.txt").write_text(
        f"Hội nghị tập huấn cán bộ cơ sở\n\nThứ Ba, 16/01/2024 08:30\n\n{lead}\n\nCác đại biểu thảo luận sôi nổi.\n\nTheo TTXVN\n", encoding="utf-8")
    output = build_site(tmp_path, raw)
    metas = {}
    for md in (tmp_path / "content").glob("*.md"):
        head = md.read_text(encoding="utf-8").split("\n\n", 1)[0]
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        metas[meta["Slug"]] = meta
    group_slug = next(slug for slug, meta in metas.items() if meta.get("Groups"))
    outlet_only = next(slug for slug in metas if slug != group_slug)
    group_page = soup(output, f"bai/{group_slug}/index.html")
    credit = group_page.select_one(".byline .credit")
    assert credit.select_one(".group-credit") is not None and credit.select_one(".by a") is None
    assert "·" in credit.get_text() and credit.select_one("a.outlet") is not None
    assert not (output / "tac-gia").exists() or not any("nhom-pv" in p.name for p in (output / "tac-gia").iterdir())
    plain = soup(output, f"bai/{outlet_only}/index.html").select_one(".byline .credit").get_text(" ", strip=True)
    assert plain == "Theo TTXVN"
    assert (output / "nguon/ttxvn/index.html").is_file()


def test_outlet_pages_are_stable_and_kept_when_unchanged(tmp_path):
    """Outlet pages paginate from the oldest article and are not rendered
    again when nothing they list changed (fast_build's taxonomy path)."""
    raw = tmp_path / "raw"
    generate_corpus.generate(raw, 60, seed=3, clean=True)
    one_per_page = {"PAGINATED_TEMPLATES": {"index": None, "tag": None, "category": None, "author": None, "outlet": 1}}
    output = build_site(tmp_path, raw, **one_per_page)
    outlet_pages = sorted(p.relative_to(output).as_posix() for p in (output / "nguon").rglob("index.html"))
    assert any("/trang/" in p for p in outlet_pages), outlet_pages
    build_site(tmp_path, raw, **one_per_page)
    stats = json.loads((tmp_path / "cache" / "fast_build" / "last-build.json").read_text(encoding="utf-8"))
    assert stats["rendered"] == 0 and stats["skipped"] > len(outlet_pages)
    # The oldest page of the biggest outlet is trang/2/, labelled as the last page (1 is the newest).
    biggest = max((p for p in (output / "nguon").iterdir() if p.is_dir()), key=lambda p: len(list(p.rglob("index.html"))))
    oldest = BeautifulSoup((biggest / "trang/2/index.html").read_text(encoding="utf-8"), "html.parser")
    last = BeautifulSoup((biggest / "index.html").read_text(encoding="utf-8"), "html.parser")
    pages = len(list(biggest.rglob("index.html")))
    assert oldest.select_one(".pagination .count").get_text() == f"Trang {pages} / {pages}"
    assert re.search(r"— trang \d+ / \d+ —", oldest.title.get_text())
    assert last.select_one('.pagination a[aria-current="page"]').get_text() == "Trang 1"


def test_published_sitemap_lists_the_outlet_pages(tmp_path_factory):
    from tools.sites import SITE_URL, corpus_publish_site

    site = corpus_publish_site(tmp_path_factory)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    outlets = sorted(p.name for p in (site / "nguon").iterdir() if p.is_dir())
    assert outlets
    assert f"<loc>{SITE_URL}/nguon/</loc>" in sitemap
    for slug in outlets:
        assert f"<loc>{SITE_URL}/nguon/{slug}/</loc>" in sitemap

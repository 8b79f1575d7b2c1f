"""The charts, "Ngày này năm xưa", the province pages and the map: the pure
functions on made-up articles, then the pages of the seed site."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from vnarchive.archives import onthisday
from vnarchive.archives.chart import Bar, bar_chart, month_bars, year_bars
from vnarchive.archives.tree import build_tree
from vnarchive.places import index as place_index
from vnarchive.places import svgmap

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Post:
    slug: str
    date: dt.datetime
    date_precision: str = "day"
    places: str = ""
    metadata: dict = field(default_factory=dict)


def post(slug: str, day: str, precision: str = "day", places: str = "") -> Post:
    return Post(slug, dt.datetime.fromisoformat(day), precision, places)


# ---- charts ----

def test_a_chart_carries_its_numbers_and_links():
    svg = bar_chart([Bar("T1", "Tháng 1/2024", 3, "luu-tru/2024/01/"), Bar("T2", "Tháng 2/2024", 0)], "c", "Số bài", "..")
    assert svg.startswith('<svg class="count-chart"') and 'role="group"' in svg
    assert '<title id="c-t">Số bài: 3 bài</title>' in svg
    assert '<desc id="c-d">Tháng 1/2024: 3 bài; Tháng 2/2024: 0 bài.</desc>' in svg
    assert svg.count("<a ") == 1 and 'href="../luu-tru/2024/01/" aria-label="Tháng 1/2024: 3 bài"' in svg


def test_a_chart_without_links_is_an_image():
    svg = bar_chart([Bar("1", "Ngày 1/1/2024", 2)], "d", "Số bài theo ngày")
    assert 'role="img"' in svg and "<a " not in svg


def test_axis_labels_are_thinned_when_they_would_touch():
    years = bar_chart([Bar(str(y), f"Năm {y}", 1, f"{y}/") for y in range(2010, 2026)], "y", "Số bài")
    assert re.findall(r'class="chart-label"[^>]*>(\d+)<', years) == [str(y) for y in range(2010, 2026, 2)]
    months = bar_chart([Bar(f"T{m}", f"Tháng {m}", 1) for m in range(1, 13)], "m", "Số bài")
    assert len(re.findall(r'class="chart-label"', months)) == 12


def test_an_empty_year_draws_no_bar_and_a_huge_month_keeps_small_ones_visible():
    empty = bar_chart([Bar(f"T{m}", f"Tháng {m}", 0) for m in range(1, 13)], "e", "Số bài")
    assert "chart-bar" not in empty and "0 bài" in empty
    heights = [float(h) for h in re.findall(r'class="chart-bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"',
                                            bar_chart([Bar("a", "A", 100_000), Bar("b", "B", 1)], "h", "Số bài"))]
    assert len(heights) == 2 and heights[0] > 100 and heights[1] >= 2
    assert bar_chart([], "x", "Số bài") == ""


def test_charts_are_deterministic_and_escape_their_text():
    bars = [Bar("<b>", 'A "quoted" & <tag>', 1, "x/")]
    assert bar_chart(bars, "i", "T") == bar_chart(list(bars), "i", "T")
    assert "<b>" not in bar_chart(bars, "i", "T") and "&lt;tag&gt;" in bar_chart(bars, "i", "T")


def test_year_and_month_bars_follow_the_archive_tree():
    posts = [post("a", "2024-01-05"), post("b", "2024-01-05"), post("c", "2024-03-31"), post("d", "2024-03-01", "month")]
    tree = build_tree(posts)
    year = tree.years[0]
    bars = year_bars(year)
    assert [b.count for b in bars] == [2, 0, 2] + [0] * 9
    assert bars[0].url == "luu-tru/2024/01/" and bars[1].url == ""
    march = next(m for m in year.months if m.month == 3)
    days = month_bars(march, 31)
    assert len(days) == 31 and days[30].count == 1 and sum(d.count for d in days) == 1  # the month-only post has no day


# ---- Ngày này năm xưa ----

def test_on_this_day_groups_day_dated_articles_by_day_then_year():
    posts = [post("a", "2020-12-04"), post("b", "2023-12-04T08:00:00"), post("c", "2023-12-04T09:00:00"),
             post("d", "2021-12-05"), post("e", "2022-12-04", "month"), post("f", "1900-01-01", "unknown"),
             post("g", "2019-02-28")]
    days = onthisday.build(posts, "n/", "n/index.html", "n/{month:02d}/", "n/{month:02d}/index.html")
    assert [m.month for m in days.months] == [2, 12]
    december = days.months[1]
    assert december.url == "n/12/" and [d.day for d in december.days] == [4, 5]
    fourth = december.days[0]
    assert fourth.anchor == "ngay-04-12" and [g.year for g in fourth.years] == [2023, 2020]
    assert [a.slug for a in fourth.years[0].articles] == ["c", "b"]  # newest first
    assert days.count == 5 and days.day_keys == "0228 1204 1205"


# ---- provinces ----

def test_places_group_articles_under_known_provinces_only():
    posts = [post("a", "2024-01-01", places="Đắk Lắk; Gia Lai;"), post("b", "2024-02-01", places="Đắk Lắk;"),
             post("c", "2024-03-01", places="Xứ Sở Thần Tiên;"), post("d", "2024-04-01", places="Bà Rịa - Vũng Tàu;")]
    built = place_index.build(posts, "p/", "p/index.html", "p/{slug}/", "p/{slug}/index.html")
    assert len(built.places) == 63
    named = built.named
    assert [(p.name, p.count) for p in named] == [("Đắk Lắk", 2), ("Bà Rịa - Vũng Tàu", 1), ("Gia Lai", 1)]
    assert named[0].url == "p/dak-lak/" and [a.slug for a in named[0].articles] == ["b", "a"]
    assert built.count == 3


def test_colour_steps_are_quantiles_of_any_counts():
    assert svgmap.breaks([]) == [] and svgmap.breaks([0, 0]) == []
    assert svgmap.breaks([1]) == [1]
    assert svgmap.breaks([0, 1, 1, 2, 3]) == [1, 2, 3]
    even = [290 + i for i in range(28)]  # 28 provinces with about as many articles each
    assert len(svgmap.breaks(even)) == 5 and svgmap.breaks(even)[-1] == 317
    skewed = [1] * 40 + [2] * 10 + [50, 9_000]  # one province with thousands
    bounds = svgmap.breaks(skewed)
    assert bounds == [1, 2, 9_000]
    assert [svgmap.step_of(c, bounds) for c in (0, 1, 2, 50, 9_000)] == [0, 1, 2, 3, 3]
    assert svgmap.legend([1]) == [("map-c5", "1 bài"), ("map-c0", "Chưa có bài")]
    assert svgmap.legend([2, 9])[:2] == [("map-c1", "1–2 bài"), ("map-c5", "3–9 bài")]


def test_the_map_draws_every_province_and_links_only_those_with_articles():
    regions = [svgmap.Region("Đắk Lắk", 3, "dia-phuong/dak-lak/"), svgmap.Region("Kon Tum", 0, "dia-phuong/kon-tum/")]
    svg = svgmap.render(regions, "..")
    assert svg.count("<path ") == 63 and svg.count("<a ") == 1
    assert '<a href="../dia-phuong/dak-lak/" aria-label="Đắk Lắk: 3 bài"><path class="map-c5"' in svg
    assert "<title>Kon Tum: chưa có bài</title>" in svg
    assert "Quần đảo Hoàng Sa" in svg and "Quần đảo Trường Sa" in svg
    assert svg == svgmap.render(list(regions), "..")


def test_the_outlines_are_small_and_name_the_63_provinces():
    data = svgmap.outlines()
    assert svgmap.DATA.stat().st_size < 150_000
    names = {p.name for p in __import__("vnarchive.rawnews.extract.places", fromlist=["x"]).provinces()}
    assert set(data["provinces"]) == names
    assert {a["province"] for a in data["archipelagos"]} == {"Đà Nẵng", "Khánh Hòa"}


def test_the_map_script_simplifies_shared_borders_once():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_vn_map", ROOT / "scripts" / "make_vn_map.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert script.simplify(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    topology = {"transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]]}
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(0, 0), (2, 0), (2, 2)]
    assert script.ring_points([0, 1], arcs) == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert script.ring_points([~0], arcs) == [(2, 2), (2, 0), (0, 0)]


# ---- the built pages ----

def test_the_seed_site_has_its_province_and_day_pages(seed_site):
    index = (seed_site / "dia-phuong" / "index.html").read_text(encoding="utf-8")
    assert 'class="vn-map"' in index and 'aria-label="Kon Tum: ' in index
    province = (seed_site / "dia-phuong" / "kon-tum" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Kon Tum</h1>" in province and 'class="story-list"' in province
    days = (seed_site / "ngay-nay-nam-xua" / "index.html").read_text(encoding="utf-8")
    assert "data-today-link" in days and "onthisday.js" in days
    month_pages = sorted((seed_site / "ngay-nay-nam-xua").glob("*/index.html"))
    assert month_pages and all(re.search(r'<section class="day-block" id="ngay-\d\d-\d\d"', p.read_text(encoding="utf-8"))
                               for p in month_pages)
    article = next(p.read_text(encoding="utf-8") for p in (seed_site / "bai").glob("*/index.html")
                   if "<dt>Địa phương</dt>" in p.read_text(encoding="utf-8"))
    assert re.search(r'<dt>Địa phương</dt><dd><a href="[./]*dia-phuong/kon-tum/">Kon Tum</a>', article)
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert 'href="./dia-phuong/"' in home or 'href="dia-phuong/"' in home or "dia-phuong/" in home
    year = next((seed_site / "luu-tru").glob("20*/index.html")).read_text(encoding="utf-8")
    assert 'class="count-chart"' in year and "<desc" in year


def _raw(title: str, dateline: str, lead: str, body: list[str]) -> str:
    return "\n\n".join([title, dateline, lead, *body, "Tác giả: Nguyễn Văn Bình"]) + "\n"


def test_a_new_article_renders_its_province_and_day_pages(tmp_path):
    import json
    import shutil

    from conftest import SEEDS, build_site

    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    (raw / "800_dd00000000000800.txt").write_text(_raw(
        "Đắk Lắk khánh thành nhà máy chế biến cà phê", "Thứ Hai, 15/01/2024 08:00",
        "Tỉnh Đắk Lắk vừa khánh thành nhà máy chế biến cà phê lớn nhất vùng Tây Nguyên.",
        ["Nhà máy đặt tại huyện Krông Pắc, tỉnh Đắk Lắk, công suất 50.000 tấn mỗi năm."]), encoding="utf-8")
    build_site(tmp_path, raw)
    output = tmp_path / "output"
    assert (output / "dia-phuong" / "dak-lak" / "index.html").exists()
    (raw / "801_dd00000000000801.txt").write_text(_raw(
        "Gia Lai mở rộng diện tích trồng hồ tiêu", "Thứ Hai, 20/03/2023 09:00",
        "Nông dân tỉnh Gia Lai mở rộng diện tích trồng hồ tiêu trong năm nay.",
        ["Theo Sở Nông nghiệp tỉnh Gia Lai, diện tích hồ tiêu tăng mạnh."]), encoding="utf-8")
    build_site(tmp_path, raw)
    rendered = set(json.loads((tmp_path / "cache" / "fast_build" / "last-build.json").read_text(encoding="utf-8"))["rendered_sample"])
    assert {"dia-phuong/gia-lai/index.html", "dia-phuong/index.html", "ngay-nay-nam-xua/03/index.html",
            "ngay-nay-nam-xua/index.html", "luu-tru/2023/03/index.html"} <= rendered
    # (With four articles every page lists a neighbour or a related article of
    # the new one, so here nothing else can be told to stay; test_fast_build
    # checks that on a larger corpus.) A rebuild with nothing changed renders none of them.
    build_site(tmp_path, raw)
    again = json.loads((tmp_path / "cache" / "fast_build" / "last-build.json").read_text(encoding="utf-8"))
    assert again["rendered"] == 0

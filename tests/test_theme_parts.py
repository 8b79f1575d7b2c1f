"""Pure parts behind the theme: safe-text and JSON-LD filters (site_theme),
the precision-aware archive tree and chronological neighbours (archives),
Vietnamese dates (vi_dates)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from markupsafe import Markup

from vnarchive.archives.tree import Patterns, build_tree, chronological_neighbours
from vnarchive.site_theme import url_of
from vnarchive.site_theme.filters import by_count, by_name, news_article_ld, plain, safe_url, shorten, text
from vnarchive.vi_dates import iso_date, vi_date


def post(slug, day, precision="day", **extra):
    return SimpleNamespace(slug=slug, date=dt.datetime(*day), date_precision=precision, **extra)


def test_text_is_plain_and_escaped_once():
    assert text('Cảnh báo &lt;script&gt; &amp; "x"') == "Cảnh báo &lt;script&gt; &amp; &#34;x&#34;"
    assert text("<b>đậm</b>") == "đậm"
    assert isinstance(text("a"), Markup)
    assert plain(None) == "" and plain("  a \n b ") == "a b"


def test_shorten_cuts_at_a_word():
    assert shorten("một hai ba bốn năm", 11) == "một hai ba…"
    assert shorten("ngắn", 50) == "ngắn"


def test_safe_url_only_lets_http_through():
    assert safe_url("https://bao.vn/a?b=1&amp;c=2") == "https://bao.vn/a?b=1&c=2"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil", 'https://x" onmouseover="y'):
        assert safe_url(bad) == ""


def test_orderings():
    pairs = [("Đà Nẵng", [1]), ("An Giang", [1, 2]), ("Dak", [1]), ("Bình Định", [1, 2])]
    assert [p[0] for p in by_count(pairs)] == ["An Giang", "Bình Định", "Dak", "Đà Nẵng"]
    assert [p[0] for p in by_name(pairs)] == ["An Giang", "Bình Định", "Dak", "Đà Nẵng"]


def test_news_article_ld():
    author = SimpleNamespace(url="tac-gia/a/", __str__=lambda self: "A")
    article = SimpleNamespace(title="T &amp; &lt;x&gt;", authors=[], tags=["cà phê"], category="Kinh tế",
                              summary="<p>Lead</p>", url="bai/t/", original_url="javascript:x")
    ld = news_article_ld(article, "../..", "2023-05")
    assert ld["headline"] == "T & <x>" and ld["datePublished"] == "2023-05"
    assert ld["keywords"] == ["cà phê"] and "url" not in ld and "isBasedOn" not in ld
    assert "datePublished" not in news_article_ld(article, "", "")
    article.authors = [author]
    ld = news_article_ld(article, "https://ex.org", "2023")
    assert ld["url"] == "https://ex.org/bai/t/" and ld["author"][0]["url"] == "https://ex.org/tac-gia/a/"


def test_url_of():
    assert url_of("gioi-thieu/index.html") == "gioi-thieu/" and url_of("404.html") == "404.html"


def test_archive_tree_files_by_precision():
    posts = [
        post("a", (2024, 1, 15)), post("b", (2024, 1, 1), "month"), post("c", (2024, 1, 1), "year"),
        post("d", (1900, 1, 1), "unknown"), post("e", (2023, 12, 31)), post("f", (2024, 3, 2)),
    ]
    tree = build_tree(posts, Patterns())
    assert [y.year for y in tree.years] == [2024, 2023]
    y2024 = tree.years[0]
    assert [(m.month, [p.slug for p in m.articles]) for m in y2024.months] == [(3, ["f"]), (1, ["a", "b"])]
    assert [p.slug for p in y2024.year_only] == ["c"] and y2024.count == 4
    assert y2024.url == "luu-tru/2024/" and y2024.months[1].save_as == "luu-tru/2024/01/index.html"
    assert [p.slug for p in tree.undated] == ["d"] and tree.count == 6
    assert build_tree([post("g", (2020, 1, 1), "bogus")]).years[0].months[0].month == 1  # unknown value: day


def test_neighbours_skip_undated_articles():
    posts = [post("a", (2024, 1, 15)), post("d", (1900, 1, 1), "unknown"), post("e", (2023, 12, 31)), post("f", (2024, 3, 2))]
    near = chronological_neighbours(posts)
    assert near[id(posts[0])] == (posts[2], posts[3])
    assert near[id(posts[2])] == (None, posts[0])
    assert id(posts[1]) not in near


def test_vietnamese_dates():
    assert vi_date(post("a", (2023, 5, 10))) == "Thứ Tư, 10/05/2023"
    assert vi_date(post("a", (2023, 5, 1), "month")) == "Tháng 5/2023"
    assert vi_date(post("a", (2023, 1, 1), "year")) == "Năm 2023"
    assert vi_date(post("a", (1900, 1, 1), "unknown")) == "Không rõ ngày đăng"
    assert iso_date(post("a", (1900, 1, 1), "unknown")) == ""
    assert iso_date(post("a", (2023, 5, 1), "month")) == "2023-05"

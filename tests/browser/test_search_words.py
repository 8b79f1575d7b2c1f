"""Search as a reader types it (theme/static/js/search.js): syllables match
whole words that stand side by side, not prefixes of other words; quoted
phrases; authors and outlets found by name, their own articles first, and
the outlet filter. The test corpus is served under a sub-path."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import expect

from .conftest import SUB_PATH
from .corpus import ARTICLES

MA_TUY = ARTICLES["109_aa00000000000109.txt"][0]  # "ma túy", by Tuyết Lan (TTXVN)
MA_TUY_NEW = ARTICLES["110_aa00000000000110.txt"][0]  # "ma tuý", by Vũ Minh (TTXVN)
BUS = ARTICLES["111_aa00000000000111.txt"][0]  # "mang", "tuyến", "mà", "tùy"; names Tuyết Lan and TTXVN in its text


def search(page, site_url, query: str = "", params: str = "") -> list[str]:
    """The titles of the results, once the search page has answered."""
    page.goto(f"{site_url}tim-kiem/?q={quote(query)}{params}")
    expect(page.locator("[data-search-status]")).to_have_text(re.compile(r"^(Tìm thấy|Không tìm thấy)"), timeout=10_000)
    return page.locator(".search-result h2 a").all_inner_texts()


def passing(page) -> list[str]:
    """The titles listed apart as naming the query once in passing (the
    closed <details> under the results), once opened; [] when there is none."""
    box = page.locator("[data-search-passing]")
    if box.is_hidden():
        return []
    box.locator("summary").click()
    expect(box.locator(".search-result h2 a").first).to_be_visible()  # built on the toggle event
    return box.locator(".search-result h2 a").all_inner_texts()


def article_text(theme_site, page, title: str) -> str:
    """The body of a result's article, read from the built site."""
    href = page.locator(".search-result h2 a", has_text=title).get_attribute("href")
    path = urlsplit(href).path[len(SUB_PATH):]
    html = (theme_site / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("[data-pagefind-body]").get_text(" ")


def test_ma_tuy_finds_only_articles_with_ma_tuy(page, site_url, theme_site):
    titles = search(page, site_url, "ma tuy")
    assert sorted(titles) == sorted([MA_TUY, MA_TUY_NEW])  # not the bus route ("mang", "tuyến", "mà ... tùy")
    for title in titles:
        text = article_text(theme_site, page, title).lower()
        assert "ma túy" in text or "ma tuý" in text, title
    assert page.locator(".search-result mark").first.inner_text().lower() in ("ma", "túy", "tuý")
    assert search(page, site_url, "ma túy") == [MA_TUY, MA_TUY_NEW]  # the marks as typed first
    assert search(page, site_url, "ma tuý") == [MA_TUY_NEW, MA_TUY]
    assert search(page, site_url, "buy") == []  # only a prefix of "buýt"
    assert "Không tìm thấy" in page.locator("[data-search-status]").inner_text()
    assert search(page, site_url, "tuyen xe buyt") == [BUS]
    assert page.errors == []


def test_a_quoted_phrase_matches_only_that_phrase(page, site_url):
    assert search(page, site_url, "tổng hợp ma túy") == [MA_TUY]  # "ma túy tổng hợp"
    assert search(page, site_url, '"tổng hợp ma túy"') == []
    assert search(page, site_url, '"ma túy tổng hợp"') == [MA_TUY]
    assert search(page, site_url, "“ma túy”") == [MA_TUY, MA_TUY_NEW]  # either tone placement, as typed first
    assert search(page, site_url, '"mà tùy"') == []  # the bus route has both words, apart
    assert search(page, site_url, "buýt công") == [BUS]  # no page has them side by side: then all words anywhere
    assert "đứng liền nhau" in page.locator("[data-search-status]").inner_text()
    assert page.errors == []


def test_an_author_or_outlet_finds_the_articles_it_is_credited_with_first(page, site_url):
    # Her article; the bus route, which names her once in passing, is listed apart under the results.
    assert search(page, site_url, "Tuyết Lan") == [MA_TUY]
    assert "1 bài chỉ nhắc qua từ khóa" in page.locator("[data-search-status]").inner_text()
    assert page.locator("[data-search-passing] .search-result").count() == 0  # built only when opened
    assert passing(page) == [BUS]
    assert search(page, site_url, "tuyet lan") == [MA_TUY], page.locator("[data-search-status]").inner_text()
    assert passing(page) == [BUS], page.locator("[data-search-status]").inner_text()
    assert search(page, site_url, "do hoang anh") == [ARTICLES["112_aa00000000000112.txt"][0]]  # Đỗ Hoàng Anh
    assert passing(page) == []
    titles = search(page, site_url, "TTXVN")
    assert sorted(titles) == sorted([MA_TUY, MA_TUY_NEW]) and passing(page) == [BUS]
    assert "Nguồn: TTXVN" in page.locator(".search-result .meta").first.inner_text()
    with page.expect_navigation():
        page.locator(".search-result h2 a", has_text=MA_TUY).click()
    byline = page.locator(".byline").inner_text()
    assert "Tuyết Lan · TTXVN" in byline
    assert page.errors == []


def test_outlet_filter(page, site_url):
    titles = search(page, site_url, params="&nguon=TTXVN")
    assert sorted(titles) == sorted([MA_TUY, MA_TUY_NEW])
    outlets = page.get_by_label("Nguồn")
    assert outlets.input_value() == "TTXVN" and "TTXVN (2)" in outlets.locator("option").all_inner_texts()
    assert "nguồn TTXVN" in page.locator("[data-search-status]").inner_text()
    box = page.get_by_label("Từ khóa")
    box.fill("tuyết lan")
    box.press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text("“tuyết lan”")
    assert page.locator(".search-result h2 a").all_inner_texts() == [MA_TUY]  # the bus route has no outlet
    outlets.select_option("")
    expect(page.locator("[data-search-passing]")).to_be_visible()  # the bus route names her in passing
    expect(page.locator("[data-search-results] .search-result")).to_have_count(1)
    assert "nguon=" not in page.url
    assert page.errors == []

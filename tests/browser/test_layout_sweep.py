"""Every kind of page at five screen widths: nothing scrolls sideways; the
screenshots a person checks (test-artifacts/); the new pages in use:
"Ngày này năm xưa" with the browser's clock on a day that has articles, and
a province clicked on the map."""

from __future__ import annotations

import re

import pytest

from .corpus import SEED_SLUG

WIDTHS = (320, 375, 768, 1280, 1920)
# One page of every kind the site has (test_every_kind_of_page_is_swept keeps this list whole).
PAGES = {
    "home": "",
    "home-page-2": "trang/2/",
    "article": f"bai/{SEED_SLUG}/",
    "tag": "chu-de/ca-phe/",
    "tags": "chu-de/",
    "category": "chuyen-muc/kinh-te/",
    "categories": "chuyen-muc/",
    "author": "tac-gia/nguyen-van-an/",
    "authors": "tac-gia/",
    "archives": "luu-tru/",
    "year": "luu-tru/2024/",
    "month": "luu-tru/2024/01/",
    "search": "tim-kiem/?q=nhan+quyen",
    "about": "gioi-thieu/",
    "data": "du-lieu/",
    "404": "404.html",
    "on-this-day": "ngay-nay-nam-xua/",
    "on-this-day-month": "ngay-nay-nam-xua/01/",
    "places": "dia-phuong/",
    "place": "dia-phuong/dak-lak/",
    "report": "bao-cao/",
    "sources": "nguon/",
    "source": "nguon/ttxvn/",
}


def kind_of(relative: str) -> str:
    """bai/x/index.html -> 'bai/*/'; a listing's later pages are the same kind as its first."""
    parts = relative.split("/")[:-1]
    if "trang" in parts[1:]:
        parts = parts[: parts.index("trang", 1)]
    if not parts:
        return relative if relative != "index.html" else ""
    return "/".join([parts[0], *["*" for _ in parts[1:]]]) + "/"


def test_every_kind_of_page_is_swept(theme_site):
    kinds = {kind_of(p.relative_to(theme_site).as_posix()) for p in theme_site.rglob("*.html")}
    kinds.discard("luu-tru/*/")  # a year page and the undated page: the year is swept
    swept = {kind_of((path.split("?")[0] or "") + ("index.html" if path.endswith("/") or not path else ""))
             for path in PAGES.values()}
    assert kinds - swept == set(), "page kinds that no width test opens"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, site_url, theme_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    wide = {}
    for name, path in PAGES.items():
        tab.goto(site_url + path)
        if name == "search":
            tab.wait_for_selector(".search-result", timeout=10_000)
        scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if scroll > inner:
            wide[name] = f"{scroll}px > {inner}px"
    context.close()
    assert not wide, f"at {width}px: {wide}"


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_the_new_pages(browser, site_url, theme_site, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    pages = PAGES
    for name in ("home", "article", "places", "year", "month", "on-this-day-month", "source"):
        if name not in pages:
            continue
        tab.goto(site_url + pages[name])
        target = artifacts / f"sweep-{name}-{width}.png"
        tab.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()


def test_on_this_day_shows_today_first(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="America/Los_Angeles")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # 17:30 on 17 January in Los Angeles is 08:30 on 18 January in Viet Nam: the page must use Viet Nam's day.
    tab.clock.set_fixed_time("2026-01-18T01:30:00Z")
    tab.goto(site_url)
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Ngày này năm xưa").click()
    box = tab.locator("[data-today-link]")
    box.wait_for(state="visible")
    assert "Hôm nay, 18/1" in box.inner_text()
    box.get_by_role("link").click()
    tab.wait_for_url(re.compile(r"ngay-nay-nam-xua/01/#ngay-18-01$"))
    first = tab.locator(".day-block").first
    assert first.get_attribute("id") == "ngay-18-01" and "is-today" in first.get_attribute("class")
    assert "Hôm nay" in first.locator("h2").inner_text()
    assert "Đắk Lắk đẩy mạnh xuất khẩu cà phê đặc sản" in first.inner_text()
    assert errors == []
    context.close()


def test_on_this_day_on_a_day_without_articles_says_so(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.clock.set_fixed_time("2026-07-04T05:00:00Z")
    tab.goto(site_url + "ngay-nay-nam-xua/")
    box = tab.locator("[data-today-link]")
    box.wait_for(state="visible")
    assert "Hôm nay, 4/7, kho chưa có bài" in box.inner_text()
    context.close()


def test_clicking_a_province_on_the_map_opens_its_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "dia-phuong/")
    province = tab.locator(".vn-map a[aria-label^='Đắk Lắk']")
    assert province.count() == 1
    province.click()
    tab.wait_for_url(re.compile(r"dia-phuong/dak-lak/$"))
    assert tab.locator("h1").inner_text() == "Đắk Lắk"
    assert tab.locator(".story-list .story").count() >= 3
    context.close()


def test_a_bar_of_the_year_chart_opens_its_month(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(site_url + "luu-tru/2024/")
    tab.locator(".count-chart a[aria-label^='Tháng 2/2024']").click()
    tab.wait_for_url(re.compile(r"luu-tru/2024/02/$"))
    context.close()

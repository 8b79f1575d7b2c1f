"""The built site in headless Chromium, used as a reader would: browse,
search, change text size and contrast, read without JavaScript, use the
keyboard; screenshots of home and article at 375 px and 1280 px go to
test-artifacts/. The site is served under a sub-path (/kho-luu-tru/)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .corpus import ARTICLES, NO_MARKS_TITLE, ORIGINAL_URL, SEED_SLUG

def follow(page, link) -> None:
    """Click a link and wait for the page it opens."""
    with page.expect_navigation():
        link.click()


SEED_TITLE = "Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum"
DAK_LAK_TITLE = ARTICLES["101_aa00000000000101.txt"][0]


def test_reader_browses_from_home_to_article_author_tag_and_archives(page, site_url):
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text().strip().lower() == "bài mới nhất trong kho"
    stories = page.locator("main .story-title a")
    assert 4 <= stories.count() < 8  # DEFAULT_PAGINATION is 4 in the test build (the first page may take the rest)
    follow(page, page.get_by_role("link", name="Trang sau"))
    assert re.search(r"/trang/\d+/$", page.url)  # stable pages: numbered from the oldest (fast_build/pagination.py)

    page.goto(site_url)
    follow(page, page.get_by_role("link", name=DAK_LAK_TITLE).first)
    assert page.locator("h1").inner_text() == DAK_LAK_TITLE
    assert "Thứ Hai, 15/01/2024" in page.locator(".byline").inner_text()
    assert page.locator(".related li").count() >= 3
    article_url = page.url

    follow(page, page.locator(".byline a[rel=author]").first)
    assert page.locator("h1").inner_text() == "Nguyễn Văn An"
    assert page.get_by_role("link", name=DAK_LAK_TITLE).count() == 1

    page.goto(article_url)
    follow(page, page.locator(".tags a", has_text="cà phê").first)
    assert page.locator("h1").inner_text() == "cà phê"
    assert page.get_by_role("link", name=DAK_LAK_TITLE).count() == 1

    follow(page, page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Lưu trữ"))
    assert page.locator("h1").inner_text() == "Lưu trữ theo thời gian"
    assert page.get_by_role("link", name="Không rõ ngày").count() == 1
    assert page.get_by_text("1900").count() == 0
    follow(page, page.get_by_role("link", name="Năm 2024", exact=True))  # (the chart's bar is "Năm 2024: 6 bài")
    assert page.locator("h1").inner_text() == "Lưu trữ năm 2024"
    month = page.get_by_role("link", name="Tháng 1/2024", exact=True)
    assert "3 bài" in month.locator("xpath=..").inner_text()
    follow(page, month)
    assert page.get_by_role("link", name=DAK_LAK_TITLE).count() == 1
    assert page.errors == []


def test_article_links_the_original_and_shows_precision(page, site_url):
    page.goto(site_url + "chuyen-muc/kinh-te/")
    follow(page, page.get_by_role("link", name=ARTICLES["102_aa00000000000102.txt"][0]))
    assert page.locator("a.original-url").get_attribute("href") == ORIGINAL_URL
    page.goto(site_url + "luu-tru/2024/03/")
    follow(page, page.locator("main .story-title a").first)
    assert page.locator(".byline time").inner_text() == "Tháng 3/2024"
    assert page.locator(".byline time").get_attribute("datetime") == "2024-03"


def _search(page, site_url, query):
    page.goto(site_url + "tim-kiem/")
    box = page.get_by_label("Từ khóa")
    box.fill(query)
    box.press("Enter")
    page.wait_for_selector(".search-result h2 a", timeout=10_000)
    return page.locator(".search-result h2 a").all_inner_texts()


def test_search_without_diacritics_finds_the_seed_and_dak_lak(page, site_url):
    titles = _search(page, site_url, "nhan quyen")
    assert SEED_TITLE in titles
    assert titles[0] == NO_MARKS_TITLE  # typed exactly so: first
    assert "Tìm thấy" in page.locator("[data-search-status]").inner_text()
    assert page.locator(".search-result mark").count() >= 1
    assert "q=nhan+quyen" in page.url or "q=nhan%20quyen" in page.url
    titles = _search(page, site_url, "nhân quyền")
    assert titles.index(SEED_TITLE) < titles.index(NO_MARKS_TITLE)  # exact marks first

    titles = _search(page, site_url, "dak lak")
    assert DAK_LAK_TITLE in titles
    assert all(t != SEED_TITLE for t in titles)
    titles = _search(page, site_url, "dak")  # only the folded đ-words can match this
    assert DAK_LAK_TITLE in titles

    titles = _search(page, site_url, "Đắk Lắk")
    assert DAK_LAK_TITLE in titles
    follow(page, page.locator(".search-result h2 a", has_text=DAK_LAK_TITLE))
    assert page.locator("h1").inner_text() == DAK_LAK_TITLE  # result links work under the sub-path
    assert page.errors == []


def test_search_filters_by_year_author_and_tag(page, site_url):
    _search(page, site_url, "ca phe")
    everything = page.locator(".search-result").count()
    assert everything >= 3
    page.get_by_label("Tác giả").select_option("Trần Thị Bình")
    expect(page.locator("[data-search-status]")).to_contain_text("tác giả")
    titles = page.locator(".search-result h2 a").all_inner_texts()
    assert titles == [ARTICLES["103_aa00000000000103.txt"][0]]
    page.get_by_label("Tác giả").select_option("")
    page.get_by_label("Năm").select_option("2023")
    expect(page.locator("[data-search-status]")).to_contain_text("năm 2023")
    assert "Không tìm thấy" in page.locator("[data-search-status]").inner_text()
    page.get_by_label("Năm").select_option("")
    page.get_by_label("Chủ đề").select_option("Gia Lai")
    expect(page.locator("[data-search-status]")).to_contain_text("chủ đề")
    assert page.locator(".search-result").count() == 1
    assert "chu-de=Gia+Lai" in page.url or "chu-de=Gia%20Lai" in page.url


def test_text_size_and_contrast_are_remembered_across_pages(page, site_url):
    page.goto(site_url)
    html = page.locator("html")
    tools = page.get_by_role("group", name="Cỡ chữ và độ tương phản")
    assert tools.is_visible()
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    tools.get_by_role("button", name="Tăng cỡ chữ").click()
    tools.get_by_role("button", name="Tăng cỡ chữ").click()
    assert html.get_attribute("data-text-size") == "2"
    contrast = tools.get_by_role("button", name="Tương phản cao")
    contrast.click()
    assert contrast.get_attribute("aria-pressed") == "true"

    follow(page, page.locator("main .story-title a").first)
    assert html.get_attribute("data-text-size") == "2"
    assert html.get_attribute("data-contrast") == "high"
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == pytest.approx(base * 1.25)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.get_by_role("button", name="Tương phản cao").get_attribute("aria-pressed") == "true"

    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.reload()
    assert html.get_attribute("data-text-size") is None and html.get_attribute("data-contrast") is None
    smaller = page.get_by_role("button", name="Giảm cỡ chữ")
    smaller.click()
    assert html.get_attribute("data-text-size") == "-1"
    assert smaller.is_disabled()  # A- stops at the smallest size
    assert page.errors == []


def test_pages_read_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + f"bai/{SEED_SLUG}/")
    assert tab.locator("h1").inner_text() == SEED_TITLE
    assert "Sáng ngày 10/5/2023" in tab.locator(".article-body").inner_text()
    assert not tab.locator(".reader-tools").is_visible()  # the tools need JS: hidden, not broken
    tab.goto(site_url + "tim-kiem/")
    assert "Tìm kiếm cần JavaScript" in tab.locator("main").inner_text()
    context.close()


def test_keyboard_skip_link_and_visible_focus(page, site_url):
    page.goto(site_url + f"bai/{SEED_SLUG}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Bỏ qua, đến nội dung chính"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(browser, site_url, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    for name, path in (("home", ""), ("article", f"bai/{SEED_SLUG}/")):
        tab.goto(site_url + path)
        target = artifacts / f"{name}-{width}.png"
        tab.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    tab.emulate_media(color_scheme="dark")
    tab.goto(site_url + f"bai/{SEED_SLUG}/")
    tab.screenshot(path=str(artifacts / f"article-dark-{width}.png"), full_page=False)
    assert re.match(r"rgb\((\d+), \1, \1\)", tab.evaluate("getComputedStyle(document.body).backgroundColor"))
    context.close()

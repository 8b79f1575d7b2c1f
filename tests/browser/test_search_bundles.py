"""The search index split into one Pagefind bundle per year
(plugins/vnarchive/search_index), as a reader meets it: the search page loads every
bundle and answers as one index would (filters summed over bundles, a word
missing from a bundle does not make that bundle match something else)."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from .corpus import ARTICLES

DAK_LAK_TITLES = {ARTICLES[name][0] for name in ("101_aa00000000000101.txt", "102_aa00000000000102.txt", "103_aa00000000000103.txt")}
TITLE_2022 = ARTICLES["105_aa00000000000105.txt"][0]


def test_every_bundle_is_loaded_and_filters_are_summed(page, site_url, theme_site):
    bundles = json.loads((theme_site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    assert bundles == ["2024", "2023", "2022", "khong-ro-ngay"]
    loaded = set()
    page.on("request", lambda request: loaded.add(request.url))
    page.goto(site_url + "tim-kiem/?nam=2022")
    page.wait_for_selector(".search-result h2 a", timeout=10_000)
    assert {f"{site_url}pagefind/{name}/pagefind-entry.json" for name in bundles} <= {u.split("?")[0] for u in loaded}
    years = page.get_by_label("Năm").locator("option").all_inner_texts()
    assert years == ["Tất cả các năm", "Không rõ ngày (2)", "2024 (6)", "2023 (5)", "2022 (1)"]
    # a filter alone, answered by a bundle that is not the first
    assert page.locator(".search-result h2 a").all_inner_texts() == [TITLE_2022]
    with page.expect_navigation():
        page.locator(".search-result h2 a").first.click()
    assert page.locator("h1").inner_text() == TITLE_2022
    assert page.errors == []


def test_a_word_missing_from_a_bundle_matches_nothing_there(page, site_url):
    page.goto(site_url + "tim-kiem/")
    box = page.get_by_label("Từ khóa")
    for query in ("dak", "dak lak", "ca phe"):  # 2023's bundle has "da", "là", "cá" but no "dak", "lak", "phê"
        box.fill(query)
        box.press("Enter")
        expect(page.locator("[data-search-status]")).to_contain_text(f"“{query}”")
        titles = page.locator(".search-result h2 a").all_inner_texts()
        assert titles and set(titles) <= DAK_LAK_TITLES, (query, titles)
    box.fill("dak zzzq")
    box.press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text("Không tìm thấy")
    assert page.errors == []

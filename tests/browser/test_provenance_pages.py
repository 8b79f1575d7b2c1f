"""The article page with its "Nguồn gốc" and "Trích dẫn" sections open, and
the conversion report page (bao-cao/): valid HTML (vnu) and no WCAG 2.1
A/AA violation (axe-core); the copy button and the report's filter work,
and the pages read without JavaScript."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from test_hostile_browser import served_site  # noqa: F401 - the hostile corpus's site, served (for bao-cao/)

from .conftest import AXE, VNU, require
from .corpus import ORIGINAL_URL
from .test_accessibility import violations

OPEN_SECTIONS = "() => document.querySelectorAll('details.origin, details.cite').forEach(d => { d.open = true; })"


@pytest.fixture(scope="module")
def article_path(theme_site) -> str:
    """The article of the test corpus whose manifest row gives a URL and a crawl date."""
    found = [p for p in (theme_site / "bai").glob("*/index.html") if ORIGINAL_URL in p.read_text(encoding="utf-8")]
    assert len(found) == 1
    return f"bai/{found[0].parent.name}/"


@pytest.fixture(scope="module")
def report_url(served_site) -> str:  # noqa: F811
    """bao-cao/ of the hostile corpus: failed, ignored and duplicate inputs of every kind."""
    return served_site[1] + "/bao-cao/"


@pytest.fixture(scope="module")
def axe_source() -> str:
    require(AXE.is_file(), f"axe-core not installed ({AXE}): run `make test-deps` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def vnu_errors(paths) -> list[str]:
    require(VNU.is_file(), f"vnu-jar not installed ({VNU}): run `make test-deps` (npm ci)")
    java = shutil.which("java")
    require(java is not None, "java not found: the Nu Html Checker needs a Java runtime")
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "text", *map(str, paths)],
                          capture_output=True, text=True, timeout=300, check=False)
    return [line for line in (done.stderr + done.stdout).splitlines() if line.strip() and not line.startswith("Document checking completed")]


def test_the_article_with_its_sections_open_and_the_report_page_are_valid_html(theme_site, article_path, served_site, tmp_path):  # noqa: F811
    html = (theme_site / article_path / "index.html").read_text(encoding="utf-8")
    opened = re.sub(r'<details class="(origin|cite)"', r'<details open class="\1"', html)
    assert opened.count("<details open") == 2
    article = tmp_path / "article-open.html"
    article.write_text(opened, encoding="utf-8")
    assert not vnu_errors([article, theme_site / "bao-cao" / "index.html", served_site[0] / "bao-cao" / "index.html"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_with_the_sections_open_and_on_the_report(browser, site_url, article_path, report_url, axe_source, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    found = {}
    for path in (site_url + article_path, site_url + "bao-cao/", report_url):
        tab.goto(path)
        tab.evaluate(OPEN_SECTIONS)
        problems = violations(tab, axe_source)
        if problems:
            found[path] = problems
    context.close()
    assert not found, found


def test_the_sections_show_the_provenance_and_a_citation(page, site_url, article_path):
    page.goto(site_url + article_path)
    origin = page.locator("details.origin")
    assert origin.get_attribute("open") is None and not page.locator(".origin-facts").is_visible()
    origin.locator("summary").click()
    facts = page.locator(".origin-facts").inner_text()
    for label in ("Địa chỉ bài gốc", "Ngày thu thập", "Tệp nguồn", "SHA-256 của tệp nguồn", "Bảng mã nhận dạng được",
                  "Phần bộ chuyển đổi đã bỏ", "Dòng ghi tác giả", "Ngày đăng lấy từ", "Phiên bản bộ chuyển đổi"):
        assert label in facts
    assert ORIGINAL_URL in facts
    assert "ngày 10/02/2024" in facts  # the crawl date
    raw = page.request.get(site_url + article_path + "van-ban-goc.txt")
    assert raw.ok and raw.headers["content-type"].startswith("text/plain")
    page.locator("details.cite summary").click()
    reference = page.locator("#trich-dan-van-ban").inner_text()
    assert ORIGINAL_URL in reference and "Truy cập ngày" in reference
    for name in ("trich-dan.bib", "trich-dan.json"):
        assert page.request.get(site_url + article_path + name).ok
    assert not page.errors


def test_the_copy_button_copies_the_reference(browser, site_url, article_path):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site_url + article_path)
    tab.locator("details.cite summary").click()
    button = tab.locator("button.cite-copy")
    assert button.is_visible()
    button.click()
    tab.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
    assert tab.locator(".cite-status").inner_text() == "Đã sao chép trích dẫn."
    assert tab.evaluate("navigator.clipboard.readText()") == tab.locator("#trich-dan-van-ban").inner_text()
    context.close()


def test_without_javascript_the_reference_is_text_and_the_report_whole(browser, site_url, article_path, report_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + article_path)
    assert tab.locator("button.cite-copy").count() == 0  # made by the script only
    tab.locator("details.cite summary").click()
    assert tab.locator("#trich-dan-van-ban").is_visible()
    tab.goto(report_url)
    assert not tab.locator("[data-report-filter]").is_visible()
    rows = tab.locator("[data-report-table] tbody tr")
    assert rows.count() > 0 and all(rows.nth(i).is_visible() for i in range(rows.count()))
    context.close()


def test_the_report_table_filters(page, report_url):
    page.goto(report_url)
    rows = page.locator("[data-report-table] tbody tr")
    total = rows.count()
    assert total >= 2
    statuses = {rows.nth(i).get_attribute("data-status") for i in range(total)}
    status = sorted(statuses)[0]
    page.select_option("[data-filter-status]", status)
    visible = [rows.nth(i) for i in range(total) if rows.nth(i).is_visible()]
    assert visible and all(row.get_attribute("data-status") == status for row in visible)
    page.select_option("[data-filter-status]", "")
    first = rows.nth(0).locator("code").first.inner_text()
    page.fill("[data-filter-text]", first)
    assert all(first.lower() in rows.nth(i).inner_text().lower() for i in range(total) if rows.nth(i).is_visible())
    page.fill("[data-filter-text]", "không-có-tệp-nào-như-thế")
    assert not any(rows.nth(i).is_visible() for i in range(total))
    assert "0 / " in page.locator("[data-filter-count]").inner_text()
    assert not page.errors

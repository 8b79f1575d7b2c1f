"""Issue 14 in the browser: numbered pagination (jumping to page 7 of a tag
and back, by mouse and keyboard), outlet pages, the article page's
breadcrumb, reading time and tools (hidden without JavaScript, working with
it), the compact phone header (its menu opens without JavaScript), and the
layout fixes: nothing wider than a phone, no button broken inside a word,
summaries at most ~75 characters a line, page 2+ of the home page using the
width. Run on the test corpus (`theme_site`) and on the generated archive
that the link and feed tests build (tests/tools/sites.py), served under a
sub-path. Screenshots at 375 and 1280 px go to test-artifacts/."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tools.sites import corpus_site

from .conftest import VNU, require, serve_site
from .corpus import ARTICLES
from .test_accessibility import violations

DAK_LAK = "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/"
DAK_LAK_TITLE = ARTICLES["101_aa00000000000101.txt"][0]
BIG_TAG = "chu-de/tap-huan/"  # the generated archive's biggest tag, 4 articles a page: 8 pages or more
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory):
    return corpus_site(tmp_path_factory)


@pytest.fixture(scope="module")
def generated_url(generated_site):
    yield from serve_site(generated_site)


@pytest.fixture
def tab_factory(browser):
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, locale="vi-VN", **options)
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        return tab

    yield make
    for context in contexts:
        context.close()


def pager(tab):
    return tab.get_by_role("navigation", name="Phân trang")


def current_number(tab) -> str:
    return " ".join(pager(tab).locator('[aria-current="page"]').text_content().split())


def story_titles(tab) -> list[str]:
    return [t.strip() for t in tab.locator("main .story-title").all_inner_texts()]


def test_jump_to_page_seven_of_a_tag_and_back(tab_factory, generated_url):
    tab = tab_factory()
    tab.goto(generated_url + BIG_TAG)
    first = story_titles(tab)
    assert current_number(tab) == "Trang 1"
    count = re.fullmatch(r"Trang 1 / (\d+)", pager(tab).locator(".count").inner_text())
    last = int(count.group(1))  # as many pages as the tagger gives the tag articles
    assert last >= 8
    numbers = pager(tab).locator("li:not(.prev):not(.next):not(.gap) a").all_text_contents()
    assert [n.replace("Trang", "").strip() for n in numbers] == ["1", "2", "3", str(last)]
    assert pager(tab).locator(".gap").count() == 1  # "…" between 3 and the last

    # Reader's page k >= 2 is at the stable URL trang/(last - k + 2)/: counted from the oldest.
    # To the last page with the mouse: it holds the oldest articles, at the oldest stable URL.
    pager(tab).get_by_role("link", name=f"Trang {last}", exact=True).click()
    tab.wait_for_load_state()
    assert tab.url.endswith(BIG_TAG + "trang/2/")
    # Then to page 7 with the keyboard (a link near the current page, or via page 1's neighbours).
    seven = pager(tab).get_by_role("link", name="Trang 7", exact=True)
    if not seven.count():
        tab.goto(generated_url + BIG_TAG + f"trang/{last - 8 + 2}/")  # reader's page 8 links page 7
        seven = pager(tab).get_by_role("link", name="Trang 7", exact=True)
    seven.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(rf"/trang/{last - 7 + 2}/$"))
    assert current_number(tab) == "Trang 7"
    assert "trang 7" in tab.locator("h1").inner_text()
    assert re.search(rf"— trang 7 / {last} —", tab.title())
    seventh = story_titles(tab)
    assert len(seventh) == 4 and not set(seventh) & set(first)

    # And back to page 1 (the first link), then forward again with the browser's history.
    pager(tab).get_by_role("link", name="Trang 1", exact=True).click()
    tab.wait_for_load_state()
    assert tab.url.endswith(BIG_TAG) and story_titles(tab) == first
    tab.go_back()
    assert current_number(tab) == "Trang 7" and story_titles(tab) == seventh
    assert tab.errors == []


def test_outlet_pages_from_the_nav_and_the_byline(tab_factory, site_url):
    tab = tab_factory()
    tab.goto(site_url)
    tab.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Nguồn").click()
    assert tab.locator("h1").inner_text() == "Nguồn"
    row = tab.locator(".outlet-index li", has_text="TTXVN")
    assert "2 bài" in row.inner_text()
    row.get_by_role("link").click()
    assert tab.locator("h1").inner_text() == "TTXVN"
    tab.get_by_role("link", name="Khởi tố nhóm đối tượng mua bán ma túy ở Nghệ An").click()
    assert "Tuyết Lan · TTXVN" in tab.locator(".byline").inner_text()
    tab.locator(".byline a.outlet").click()
    assert tab.url.endswith("/nguon/ttxvn/")


def test_article_breadcrumb_reading_time_and_other_articles_by_the_author(tab_factory, site_url, artifacts):
    tab = tab_factory()
    tab.goto(site_url + DAK_LAK)
    tab.screenshot(path=str(artifacts / "issue14-article-1280.png"), full_page=True)
    crumbs = tab.get_by_role("navigation", name="Vị trí").locator("ol > li")
    assert crumbs.all_inner_texts() == ["Trang chủ", "Kinh tế", DAK_LAK_TITLE]
    assert crumbs.last.locator('[aria-current="page"]').count() == 1
    assert re.search(r"Đọc khoảng \d+ phút", tab.locator(".byline").inner_text())
    others = tab.get_by_role("region", name="Bài khác của tác giả")
    titles = others.locator("li > a").all_inner_texts()
    assert 1 <= len(titles) <= 5 and DAK_LAK_TITLE not in titles
    others.get_by_role("link", name="Tất cả bài của Nguyễn Văn An").click()
    assert tab.locator("h1").inner_text() == "Nguyễn Văn An"


def test_article_tools_need_javascript_and_work_with_it(tab_factory, site_url):
    without = tab_factory(java_script_enabled=False)
    without.goto(site_url + DAK_LAK)
    assert without.locator("[data-article-tools]").is_hidden()
    assert without.get_by_role("button", name="In bài").count() == 0 or not without.get_by_role("button", name="In bài").is_visible()

    tab = tab_factory(permissions=["clipboard-read", "clipboard-write"])
    tab.add_init_script("""
      window.__printed = 0; window.print = () => { window.__printed += 1; };
      window.__shared = null; navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
    """)
    tab.goto(site_url + DAK_LAK)
    tools = tab.get_by_role("group", name="Công cụ bài viết")
    assert tools.is_visible()
    tools.get_by_role("button", name="Sao chép liên kết").click()
    tab.wait_for_function("document.querySelector('[data-tool-status]').textContent.length > 0")
    assert tools.get_by_role("status").inner_text() == "Đã sao chép liên kết"
    assert tab.evaluate("navigator.clipboard.readText()") == tab.url
    tools.get_by_role("button", name="Chia sẻ").click()
    assert tab.evaluate("window.__shared && window.__shared.url") == tab.url
    tools.get_by_role("button", name="In bài").click()
    assert tab.evaluate("window.__printed") == 1
    assert tab.errors == []

    plain = tab_factory()  # a browser without navigator.share: no share button
    plain.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    plain.goto(site_url + DAK_LAK)
    assert plain.get_by_role("button", name="Sao chép liên kết").is_visible()
    assert not plain.get_by_role("button", name="Chia sẻ").is_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_header_is_compact_and_its_menu_opens(tab_factory, site_url, artifacts, javascript):
    tab = tab_factory(PHONE, java_script_enabled=javascript)
    tab.goto(site_url)
    if javascript:
        tab.screenshot(path=str(artifacts / "issue14-home-375.png"))
    header = tab.locator(".site-header").bounding_box()
    assert header["height"] <= 110, header
    tops = tab.locator("main .story-title").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
    assert sum(1 for top in tops if top < PHONE["height"]) >= 4, tops
    nav = tab.get_by_role("navigation", name="Điều hướng chính")
    assert not nav.is_visible()
    tab.get_by_role("link", name="Mục lục").click()
    assert nav.is_visible()
    assert tab.get_by_role("searchbox", name="Tìm trong kho lưu trữ").is_visible()
    if javascript:
        tab.screenshot(path=str(artifacts / "issue14-menu-375.png"))
    nav.get_by_role("link", name="Nguồn").click()
    assert tab.locator("h1").inner_text() == "Nguồn"
    tab.goto(site_url)
    tab.get_by_role("link", name="Tìm kiếm", exact=True).first.click()
    assert tab.locator("h1").inner_text() == "Tìm kiếm"


def overflow(tab) -> list[str]:
    """Elements whose right edge passes the viewport's."""
    return tab.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
    }""")


def test_nothing_sticks_out_on_a_phone_and_buttons_do_not_break(tab_factory, site_url, artifacts):
    tab = tab_factory(PHONE)
    tab.goto(site_url + "tim-kiem/?q=dak+lak")
    tab.wait_for_selector(".search-result", timeout=10_000)
    assert tab.locator("[data-search-filters]").is_visible()
    assert overflow(tab) == []
    tab.screenshot(path=str(artifacts / "issue14-search-375.png"))

    tab.goto(site_url + "khong-co-trang-nay/")
    tab.goto(site_url + "404.html")
    button = tab.locator(".not-found button")
    lines = button.evaluate("b => { const r = document.createRange(); r.selectNodeContents(b); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
    assert button.inner_text() == "Tìm" and lines == 1
    assert overflow(tab) == []
    for path in ("", DAK_LAK, "nguon/ttxvn/", "chu-de/ca-phe/"):
        tab.goto(site_url + path)
        assert overflow(tab) == [], path
    tab.goto(site_url + DAK_LAK)
    tab.screenshot(path=str(artifacts / "issue14-article-375.png"), full_page=True)


def test_summaries_are_short_lines_and_page_two_uses_the_width(tab_factory, generated_url, artifacts):
    tab = tab_factory(DESKTOP)
    for path in ("", "trang/2/", BIG_TAG, "nguon/"):
        tab.goto(generated_url + path)
        too_long = tab.evaluate("""() => {
          const probe = document.createElement('span');
          probe.style.cssText = 'position:absolute;visibility:hidden;display:block;width:76ch';
          const lead = document.querySelector('.story-lead');
          if (!lead) return null;
          lead.appendChild(probe);
          const limit = probe.getBoundingClientRect().width;
          probe.remove();
          return [...document.querySelectorAll('.story-lead')].filter(e => e.getBoundingClientRect().width > limit).length;
        }""")
        assert too_long in (0, None), path
    tab.goto(generated_url + "trang/2/")
    wrap = tab.locator("main").evaluate("m => { const s = getComputedStyle(m); return m.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }")
    lefts = tab.locator("main .story").evaluate_all("els => [...new Set(els.map(e => Math.round(e.getBoundingClientRect().left)))]")
    rights = tab.locator("main .story").evaluate_all("els => Math.max(...els.map(e => e.getBoundingClientRect().right))")
    main_left = tab.locator("main").evaluate("m => m.getBoundingClientRect().left + parseFloat(getComputedStyle(m).paddingLeft)")
    assert len(lefts) >= 2  # stories in columns
    assert rights - main_left >= wrap * 0.9, (rights, main_left, wrap)
    tab.screenshot(path=str(artifacts / "issue14-home-page2-1280.png"))
    tab.goto(generated_url + BIG_TAG + "trang/3/")
    tab.screenshot(path=str(artifacts / "issue14-tag-page7-1280.png"), full_page=True)
    tab.goto(generated_url + "nguon/")
    tab.screenshot(path=str(artifacts / "issue14-outlets-1280.png"))


@pytest.fixture(scope="module")
def axe_source():
    from .conftest import AXE

    require(AXE.is_file(), f"axe-core not installed ({AXE}): run `make test-deps` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_no_wcag_violations_on_the_new_pages(tab_factory, generated_url, generated_site, axe_source, viewport):
    outlet = next(p.name for p in sorted((generated_site / "nguon").iterdir()) if p.is_dir())
    article = next(p.name for p in sorted((generated_site / "bai").iterdir()) if p.is_dir())
    tab = tab_factory(viewport)
    found = {}
    for path in ("nguon/", f"nguon/{outlet}/", BIG_TAG, BIG_TAG + "trang/3/", f"bai/{article}/"):
        tab.goto(generated_url + path)
        problems = violations(tab, axe_source)
        if problems:
            found[path] = problems
    assert not found, found


def test_new_pages_of_the_generated_archive_are_valid_html(generated_site):
    require(VNU.is_file(), f"vnu-jar not installed ({VNU}): run `make test-deps` (npm ci)")
    java = shutil.which("java")
    require(java is not None, "java not found: the Nu Html Checker needs a Java runtime")
    outlet = next(p for p in sorted((generated_site / "nguon").iterdir()) if p.is_dir())
    article = next(p for p in sorted((generated_site / "bai").iterdir()) if p.is_dir())
    pages = [generated_site / "nguon/index.html", outlet / "index.html", generated_site / BIG_TAG / "trang/3/index.html",
             generated_site / BIG_TAG / "index.html", article / "index.html", generated_site / "trang/2/index.html"]
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "text", *map(str, pages)],
                          capture_output=True, text=True, timeout=300, check=False)
    errors = [line for line in (done.stderr + done.stdout).splitlines() if line.strip() and not line.startswith("Document checking completed")]
    assert done.returncode == 0 and not errors, "\n".join(errors[:40])

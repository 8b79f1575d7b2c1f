"""axe-core (npm, node_modules/axe-core) run inside the built pages in
Chromium: no violation of WCAG 2.1 A/AA, in light, dark and high-contrast
modes. The page is opened as served (under a sub-path); axe is evaluated in
the page through Playwright, so the page's CSP (no inline script) stays on."""

from __future__ import annotations

import pytest

from .conftest import AXE, require
from .corpus import SEED_SLUG

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "",
    f"bai/{SEED_SLUG}/",
    "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/",
    "luu-tru/",
    "luu-tru/2024/",
    "luu-tru/2024/01/",
    "luu-tru/khong-ro-ngay/",
    "chu-de/",
    "chu-de/ca-phe/",
    "tac-gia/",
    "chuyen-muc/",
    "gioi-thieu/",
    "tim-kiem/?q=nhan+quyen",
    "trang/2/",
    "dia-phuong/",
    "dia-phuong/dak-lak/",
    "ngay-nay-nam-xua/",
    "ngay-nay-nam-xua/01/",
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    require(AXE.is_file(), f"axe-core not installed ({AXE}): run `make test-deps` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def violations(tab, axe_source: str) -> list[str]:
    tab.evaluate(axe_source)
    result = tab.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme, contrast", [("light", False), ("dark", False), ("light", True), ("dark", True)])
def test_no_wcag_violations(browser, site_url, axe_source, scheme, contrast):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    if contrast:
        context.add_init_script("localStorage.setItem('luutru.contrast', 'high')")
    tab = context.new_page()
    pages = PAGES if (scheme, contrast) == ("light", False) else PAGES[:3] + ["tim-kiem/?q=dak+lak", "dia-phuong/", "luu-tru/2024/"]
    found = {}
    for path in pages:
        tab.goto(site_url + path)
        if "tim-kiem" in path:
            tab.wait_for_selector(".search-result", timeout=10_000)
        problems = violations(tab, axe_source)
        if problems:
            found[path or "home"] = problems
    context.close()
    assert not found, found


def test_no_violations_on_a_phone_screen(browser, site_url, axe_source):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    found = {}
    for path in ("", f"bai/{SEED_SLUG}/"):
        tab.goto(site_url + path)
        problems = violations(tab, axe_source)
        if problems:
            found[path or "home"] = problems
    context.close()
    assert not found, found

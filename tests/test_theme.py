"""The theme's pages, read from the built test corpus (tests/browser/corpus.py)
as HTML: every kind of page exists, dates show at their real precision and
the archives file them accordingly, metadata for the web is right and inert,
nothing is loaded from elsewhere, no inline script."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from browser.corpus import ARTICLES, ORIGINAL_URL, SEED_SLUG, build_theme_site

DAK_LAK = "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/index.html"
HOSTILE = "bai/canh-bao-script-alert-xss-jsonld-script-lua-dao-qua-mang/index.html"
UNDATED = "bai/nguoi-dan-tham-gia-bao-ve-rung-dau-nguon/index.html"
YEAR_ONLY = "bai/ket-qua-cong-tac-giam-ngheo-ben-vung/index.html"
MONTH_ONLY = "bai/tong-ket-cong-tac-chuyen-doi-so-cua-tinh/index.html"
SEED = f"bai/{SEED_SLUG}/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_theme_site(tmp_path_factory.mktemp("theme"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_every_kind_of_page_is_written(site):
    for path in (
        "index.html", "trang/2/index.html", SEED, DAK_LAK, "tac-gia/index.html", "tac-gia/nguyen-van-an/index.html",
        "chu-de/index.html", "chu-de/ca-phe/index.html", "chuyen-muc/index.html", "chuyen-muc/kinh-te/index.html",
        "luu-tru/index.html", "luu-tru/2024/index.html", "luu-tru/2024/01/index.html", "luu-tru/khong-ro-ngay/index.html",
        "gioi-thieu/index.html", "tim-kiem/index.html", "404.html",
        "theme/css/site.css", "theme/css/print.css", "theme/js/site.js", "theme/js/prefs.js", "theme/js/search.js",
        "pagefind/pagefind.js",
    ):
        assert (site / path).is_file(), path
    for page in site.rglob("*.html"):
        assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").html["lang"] == "vi", page


def test_archives_file_each_article_at_its_precision(site):
    assert sorted(p.name for p in (site / "luu-tru").iterdir() if p.is_dir()) == ["2022", "2023", "2024", "khong-ro-ngay"]
    assert not (site / "luu-tru/2022/01").exists()  # year-only: not in January
    assert not (site / "luu-tru/2023/01").exists()  # seed 002 is year-only too
    assert not (site / "luu-tru/1900").exists()
    assert sorted(p.name for p in (site / "luu-tru/2024").iterdir() if p.is_dir()) == ["01", "02", "03"]

    year = soup(site, "luu-tru/2024/index.html")
    months = {a.get_text(): a.parent.find(class_="count").get_text() for a in year.select(".month-table a")}
    assert months == {"Tháng 1/2024": "3 bài", "Tháng 2/2024": "2 bài", "Tháng 3/2024": "1 bài"}
    assert list(months) == ["Tháng 1/2024", "Tháng 2/2024", "Tháng 3/2024"]

    year_2022 = soup(site, "luu-tru/2022/index.html")
    assert year_2022.select_one("#chi-ro-nam") is not None
    assert "Kết quả công tác giảm nghèo bền vững" in year_2022.main.get_text()

    undated = soup(site, "luu-tru/khong-ro-ngay/index.html")
    assert "Người dân tham gia bảo vệ rừng đầu nguồn" in undated.main.get_text()
    index = soup(site, "luu-tru/index.html").main.get_text(" ")
    assert "Không rõ ngày" in index and "1900" not in index


def test_unknown_date_is_never_shown(site):
    for path in (UNDATED, "index.html", "trang/2/index.html", "luu-tru/khong-ro-ngay/index.html", "tac-gia/le-van-cuong/index.html"):
        assert "1900" not in (site / path).read_text(encoding="utf-8"), path
    page = soup(site, UNDATED)
    assert page.select_one(".byline").get_text(" ", strip=True).startswith("Không rõ ngày")
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert "datePublished" not in ld
    assert page.find("meta", property="article:published_time") is None


def test_dates_in_vietnamese_at_their_precision(site):
    day = soup(site, DAK_LAK).select_one(".byline time")
    assert (day.get_text(), day["datetime"]) == ("Thứ Hai, 15/01/2024", "2024-01-15")
    month = soup(site, MONTH_ONLY).select_one(".byline time")
    assert (month.get_text(), month["datetime"]) == ("Tháng 3/2024", "2024-03")
    year_page = soup(site, YEAR_ONLY)
    year = year_page.select_one(".byline time")
    assert (year.get_text(), year["datetime"]) == ("Năm 2022", "2022")
    assert json.loads(year_page.find("script", type="application/ld+json").string)["datePublished"] == "2022"
    assert "chỉ cho biết năm" in year_page.select_one(".provenance").get_text()


def test_article_page_has_everything_a_reader_needs(site):
    page = soup(site, DAK_LAK)
    article = page.select_one("article.article")
    assert article.h1.get_text() == ARTICLES["101_aa00000000000101.txt"][0]
    assert article.select_one(".lead").get_text(strip=True).startswith("Niên vụ cà phê năm nay")
    assert "Krông Pắc" in article.select_one(".article-body").get_text()
    authors = article.select(".byline a[rel=author]")
    assert [a.get_text() for a in authors] == ["Nguyễn Văn An"]
    assert {a.get_text() for a in article.select(".tags a")} >= {"cà phê", "Đắk Lắk"}
    assert article.select_one(".kicker a").get_text() == "Kinh tế"
    page_url = "http://site/" + DAK_LAK
    for link in article.select("a[href]"):
        target = urljoin(page_url, link["href"]).removeprefix("http://site/")
        assert (site / target / "index.html").is_file() or (site / target).is_file(), link["href"]

    older = page.select_one(".article-nav a[rel=prev]")
    newer = page.select_one(".article-nav a[rel=next]")
    assert "nang-cao-hieu-qua" in older["href"]  # 10/05/2023 comes before 15/01/2024
    assert "dak-lak-day-manh-xuat-khau" in newer["href"]  # then 18/01/2024

    related = [a["href"] for a in page.select(".related li a")]
    assert 3 <= len(related) <= 5
    assert any("dak-lak-day-manh" in h for h in related) and any("tai-canh-ca-phe" in h for h in related)
    assert not any("nong-dan-dak-lak" in h for h in related)


def test_original_url_and_derived_title_note(site):
    page = soup(site, "bai/dak-lak-day-manh-xuat-khau-ca-phe-dac-san/index.html")
    assert page.select_one("a.original-url")["href"] == ORIGINAL_URL
    assert soup(site, DAK_LAK).select_one("a.original-url") is None
    derived = soup(site, "bai/tham-du-hoi-nghi-co-dong-chi-dai-ta-trinh-khac-cuong-pho-giam-doc-cong-an-tinh/index.html")
    assert "tiêu đề trên được lấy từ câu đầu tiên" in derived.select_one(".note").get_text()
    assert soup(site, DAK_LAK).select_one(".note") is None


def test_hostile_title_stays_text_in_title_meta_and_json_ld(site):
    raw = (site / HOSTILE).read_text(encoding="utf-8")
    page = BeautifulSoup(raw, "html.parser")
    title = ARTICLES["107_aa00000000000107.txt"][0]
    assert page.title.get_text().startswith(title)
    assert page.h1.get_text() == title
    assert page.find("meta", property="og:title")["content"] == title
    scripts = page.find_all("script")
    assert [s.get("src") or s.get("type") for s in scripts].count("application/ld+json") == 2  # NewsArticle, BreadcrumbList
    block = page.find("script", type="application/ld+json").string
    assert "<" not in block and ">" not in block and "&" not in block
    ld = json.loads(block)
    assert ld["@type"] == "NewsArticle" and ld["headline"] == title
    assert ld["author"] == [{"@type": "Person", "name": "Nguyễn Văn An"}]
    assert "lừa đảo" in ld["keywords"]
    trail = json.loads(page.find_all("script", type="application/ld+json")[1].string)
    assert "<" not in page.find_all("script", type="application/ld+json")[1].string
    assert trail["@type"] == "BreadcrumbList" and [i["position"] for i in trail["itemListElement"]] == [1, 2, 3]
    assert trail["itemListElement"][-1]["name"] == title
    assert "XSS-LEAD" in page.find("meta", attrs={"name": "description"})["content"]
    assert len(re.findall(r"<script\b", raw)) == len(scripts)  # nothing else parses as a script


def test_no_inline_script_and_no_external_resources(site):
    for path in site.rglob("*.html"):
        page = soup(site, path.relative_to(site).as_posix())
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp and "script-src 'self'" in csp["content"] and "unsafe-inline" not in csp["content"], path
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (path, script)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in page.find_all(tag):
                if element.get(attr) and not (tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}):
                    assert not re.match(r"(?i)([a-z][a-z0-9+.-]*:|//)", element[attr]), (path, element)
        assert not page.find(style=True), path  # style-src 'self': no style attributes either
    css = (site / "theme/css/site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_web_metadata(site):
    page = soup(site, SEED)
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Các cơ quan, đơn vị, địa phương trên địa bàn tỉnh cần tiếp tục quán triệt")
    canonical = page.find("link", rel="canonical")["href"]
    assert urljoin("http://site/" + SEED, canonical) == "http://site/" + SEED.removesuffix("index.html")
    assert page.find("meta", property="og:type")["content"] == "article"
    assert page.find("meta", property="article:published_time")["content"] == "2023-05-10"
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["datePublished"] == "2023-05-10" and ld["headline"].startswith("Nâng cao hiệu quả")


def test_indexes_with_counts_in_their_order(site):
    tags = soup(site, "chu-de/index.html")
    counts = [int(li.find(class_="count").get_text().split()[0]) for li in tags.select(".tag-index li")]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    assert tags.select(".tag-index li a")[0].get_text() in {"cà phê", "Đắk Lắk"}
    authors = {li.a.get_text(): li.find(class_="count").get_text() for li in soup(site, "tac-gia/index.html").select(".author-index li")}
    assert authors["Nguyễn Văn An"] == "3 bài" and authors["Trần Thị Bình"] == "2 bài"
    assert list(authors) == sorted(authors, key=lambda n: n.replace("Đ", "D~"))  # alphabetical
    categories = soup(site, "chuyen-muc/index.html")
    counts = [int(li.find(class_="count").get_text().split()[0]) for li in categories.select(".index-list li")]
    assert counts == sorted(counts, reverse=True) and len(counts) >= 3  # most used first
    author = soup(site, "tac-gia/nguyen-van-an/index.html")
    assert author.h1.get_text() == "Nguyễn Văn An" and "3 bài" in author.select_one(".listing-count").get_text()


def test_about_page_says_where_texts_come_from_and_links_the_report(site):
    about = soup(site, "gioi-thieu/index.html")
    text = about.main.get_text(" ")
    assert "Văn bản lấy từ đâu" in text and "Báo cáo chuyển đổi" in text
    # The report is a page for maintainers (bao-cao/), which links the JSON for scripts.
    page = about.main.find("a", href="../bao-cao/")
    assert page is not None and (site / "bao-cao" / "index.html").is_file()
    report = soup(site, "bao-cao/index.html").main.find("a", href=re.compile(r"conversion-report\.json$"))
    assert report is not None
    assert (site / "bao-cao" / report["href"]).resolve() == (site / "conversion-report.json").resolve()
    assert (site / "conversion-report.json").is_file()


def test_links_are_relative_so_the_site_works_under_a_sub_path(site):
    for path in ("index.html", SEED, "luu-tru/2024/01/index.html", "tim-kiem/index.html"):
        page = soup(site, path)
        assert page.html["data-site-root"].startswith("."), path
        for link in page.find_all(["a", "link", "script", "form"]):
            url = link.get("href") or link.get("src") or link.get("action") or ""
            assert not url.startswith("/"), (path, url)


def test_publish_build_has_absolute_urls(tmp_path):
    site = build_theme_site(tmp_path, SITEURL="https://example.org/luu-tru", RELATIVE_URLS=False, SEARCH_INDEX={"ENABLED": False})
    page = soup(site, SEED)
    assert page.find("link", rel="canonical")["href"] == f"https://example.org/luu-tru/bai/{SEED_SLUG}/"
    assert page.find("meta", property="og:url")["content"] == f"https://example.org/luu-tru/bai/{SEED_SLUG}/"
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["url"] == f"https://example.org/luu-tru/bai/{SEED_SLUG}/"
    assert ld["author"][0]["url"].startswith("https://example.org/luu-tru/tac-gia/")
    assert not (site / "pagefind").exists()


def test_tag_index_lists_only_tags_of_two_articles_or_more(site):
    # issue 13: a tag of one article groups nothing; it keeps its own page.
    index = soup(site, "chu-de/index.html")
    counts = [int(li.find(class_="count").get_text().split()[0]) for li in index.select(".tag-index li")]
    assert counts and min(counts) >= 2
    listed = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in index.select(".tag-index li a")}
    pages = {path.parent.name for path in (site / "chu-de").glob("*/index.html")}
    assert pages - listed, "some tag of one article has its page but is not listed"
    assert index.select_one(".listing-count").get_text().startswith(f"{len(listed)} chủ đề có từ hai bài")

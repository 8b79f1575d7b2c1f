"""End to end: the seed corpus built into a site, checked as a reader would."""

import re

from bs4 import BeautifulSoup

ARTICLE = "bai/nang-cao-hieu-qua-cong-tac-nhan-quyen-tren-dia-ban-tinh-kon-tum/index.html"


def page(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_home_links_both_seed_posts(seed_site):
    home = page(seed_site, "index.html")
    links = {a["href"].lstrip("./").removeprefix("/") for a in home.select("main a[href]")}
    posts = [href for href in links if href.startswith("bai/")]
    assert len(posts) == 2
    assert home.html["lang"] == "vi"


def test_article_page_shows_what_the_text_says(seed_site):
    article = page(seed_site, ARTICLE)
    assert article.h1.get_text() == "Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum"
    text = article.main.get_text(" ")
    assert "10/05/2023" in text
    assert "Các cơ quan, đơn vị, địa phương trên địa bàn tỉnh cần tiếp tục quán triệt" in text
    assert "Tăng tương phản" not in text and "Tin liên quan" not in text
    assert "Hồ Thị Khánh Vi" in text


def test_fragment_shows_no_invented_day(seed_site):
    posts = [p for p in (seed_site / "bai").iterdir() if not p.name.startswith("nang-cao")]
    article = page(seed_site, posts[0] / "index.html")
    byline = article.select_one(".byline").get_text(" ", strip=True)
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", byline) and "Không rõ ngày" in byline
    assert article.h1.get_text().startswith("Tham dự Hội nghị")


def test_one_author_page_lists_both_seed_posts(seed_site):
    author_pages = list((seed_site / "tac-gia").glob("*/index.html"))
    assert len(author_pages) == 1
    listed = [a for a in page(seed_site, author_pages[0]).select("main a[href*='bai/']")]
    assert len({a["href"] for a in listed}) == 2


def test_a_missing_raw_folder_stops_the_build_with_the_reason(tmp_path):
    import pytest

    from conftest import build_site
    from vnarchive.rawnews.errors import ConversionError

    with pytest.raises(ConversionError, match="source folder not found"):
        build_site(tmp_path, tmp_path / "no-such-folder")


def test_a_bad_executor_setting_stops_the_build_with_the_reason(tmp_path, seeds_dir):
    import pytest

    from conftest import build_site
    from vnarchive.rawnews.errors import ConversionError

    with pytest.raises(ConversionError, match="EXECUTOR"):
        build_site(tmp_path, seeds_dir, RAWNEWS={"SOURCE": str(seeds_dir), "EXECUTOR": "cloud"})

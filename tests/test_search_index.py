"""Search index (plugins/search_index): the folding that lets "dak lak" find
"Đắk Lắk", the markup Pagefind reads on article pages, and the build step.
(Searching itself, in a browser, is in tests/browser/test_reader.py.)"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser.corpus import build_theme_site
from search_index import build_index, fold, glob_from_save_as, pagefind_command, plugin_settings, search_aliases, stroke_words


def test_fold_removes_every_mark_and_the_stroke():
    assert fold("Đắk Lắk") == "Dak Lak"
    assert fold("nhân quyền") == "nhan quyen"
    assert fold("ĐỒNG ĐẠO") == "DONG DAO"
    assert fold("Nhà nước") == "Nha nuoc"
    decomposed = "Đa\u0300 Na\u0306\u0303ng"  # NFD input folds the same
    assert fold(decomposed) == "Da Nang"


def test_stroke_words_are_the_folded_words_with_d_stroke_once_each():
    assert stroke_words("Đắk Lắk và Đắk Nông, đồng bào; Lắk") == ["dak", "dong"]
    assert stroke_words("không có chữ nào") == []


def test_search_aliases_reads_html_and_escapes():
    assert search_aliases("<p>Đắk Lắk &amp; Đà Nẵng</p>", "Đồng Nai") == "dak da dong"
    assert "<" not in search_aliases("<p>Đ<script>alert(1)</script></p>")


def test_glob_and_command():
    assert glob_from_save_as("bai/{slug}/index.html") == "bai/*/index.html"
    assert glob_from_save_as("{date:%Y}/{slug}.html") == "*/*.html"
    assert glob_from_save_as("") == "**/*.html"
    command = pagefind_command(Path("/site"), plugin_settings({}), "bai/{slug}/index.html")
    assert command[1:3] == ["-m", "pagefind"] and "bai/*/index.html" in command
    assert plugin_settings({"SEARCH_INDEX": {"GLOB": "x/*.html", "NOPE": 1}})["GLOB"] == "x/*.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_theme_site(tmp_path_factory.mktemp("search"))


def test_only_articles_are_indexed_with_their_filters(site):
    articles = sorted((site / "bai").glob("*/index.html"))
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(articles) == 10
    for path in site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        bodies = page.select("[data-pagefind-body]")
        assert len(bodies) == (1 if path in articles else 0), path
    page = BeautifulSoup((site / "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/index.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one("[data-pagefind-body]")
    assert body.h1 is not None  # Pagefind takes the title from it
    assert {a.get_text() for a in page.select("[data-pagefind-filter=tag]")} >= {"cà phê", "Đắk Lắk"}
    assert [a.get_text() for a in page.select("[data-pagefind-filter=author]")] == ["Nguyễn Văn An"]
    year = page.select_one("[data-pagefind-filter^=year]")
    assert year["data-year"] == "2024"
    hidden = body.find("p", hidden=True)
    assert hidden is not None and "dak" in hidden.get_text().split()
    undated = BeautifulSoup((site / "bai/nguoi-dan-tham-gia-bao-ve-rung-dau-nguon/index.html").read_text(encoding="utf-8"), "html.parser")
    assert undated.select_one("[data-pagefind-filter^=year]")["data-year"] == "Không rõ ngày"


def test_a_failing_pagefind_is_logged_not_raised(tmp_path, caplog):
    class Fake:
        settings = {"OUTPUT_PATH": str(tmp_path), "ARTICLE_SAVE_AS": "bai/{slug}/index.html",
                    "SEARCH_INDEX": {"EXTRA_ARGS": ["--no-such-option"]}}

    with caplog.at_level(logging.ERROR, logger="search_index"):
        build_index(Fake())
    assert any("Pagefind failed" in r.getMessage() for r in caplog.records)

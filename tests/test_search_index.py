"""Search index (plugins/vnarchive/search_index): the markup Pagefind reads on article
pages, and the build step: one bundle per year, re-indexed only when its
pages change.
(Searching itself, in a browser, is in tests/browser/test_reader.py and
tests/browser/test_search_bundles.py.)"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser.corpus import build_theme_site
from conftest import SEED_000, build_site, copy_seeds
from vnarchive.search_index import build_index, glob_from_save_as, pagefind_command, plugin_settings, state_file
from vnarchive.search_index.bundles import _BODY_OPEN, _PAGEFIND_TAG, _YEAR_TAG, _matches
from vnarchive.search_index.bundles import STATE_FORMAT, UNDATED, Page, bundle_order, group_pages, page_digest, page_year, plan_bundles, reduced_page
from vnarchive.search_index.indexer import index_bundle, remove_stale, staging_root


def test_glob_and_command():
    assert glob_from_save_as("bai/{slug}/index.html") == "bai/*/index.html"
    assert glob_from_save_as("{date:%Y}/{slug}.html") == "*/*.html"
    assert glob_from_save_as("") == "**/*.html"
    command = pagefind_command(Path("/stage"), Path("/site/pagefind/2024"), plugin_settings({"SEARCH_INDEX": {"EXTRA_ARGS": ["-v"]}}))
    assert command[1:3] == ["-m", "pagefind"] and command[-1] == "-v"
    assert command[command.index("--site") + 1] == "/stage" and command[command.index("--output-path") + 1] == "/site/pagefind/2024"
    assert plugin_settings({"SEARCH_INDEX": {"GLOB": "x/*.html", "NOPE": 1}})["GLOB"] == "x/*.html"


@pytest.mark.parametrize("pattern, needle", [
    (_BODY_OPEN, b"data-pagefind-body"), (_PAGEFIND_TAG, b"data-pagefind-"), (_YEAR_TAG, b'data-pagefind-filter="year')])
def test_tag_scan_finds_what_the_regex_finds_on_any_tag_soup(pattern, needle):
    """The scan reads only the tags holding the needle: it must find exactly the
    regex's matches, also on broken markup (stray '<' and '>', unclosed tags)."""
    import random

    pieces = [b"<", b">", b"<div ", b"</div>", b" ", b"x", b'"', b"=", b"data-pagefind-body", b"data-pagefind-",
              b"xdata-pagefind-body", b"data-pagefind-bodyx", b'data-pagefind-filter="year', b':2024"', b'[data-year]"',
              b' data-year="2019"', b"filter", b"meta", b"<html lang=vi>", b"\xc4\x90"]
    rng = random.Random(6)
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected = [(m.span(), m.groups()) for m in pattern.finditer(data)]
        assert [(m.span(), m.groups()) for m in _matches(pattern, needle, data)] == expected, data


def test_links_are_staged_in_memory_when_the_system_has_it(tmp_path):
    assert staging_root(str(tmp_path)) == str(tmp_path)
    assert staging_root(str(tmp_path / "missing")) is None  # the system's temporary folder
    (tmp_path / "file").write_text("x")
    assert staging_root(str(tmp_path / "file")) is None


def test_page_year_reads_the_year_filter_in_both_forms():
    assert page_year(b'<time data-pagefind-meta="date" data-pagefind-filter="year[data-year]" data-year="2024">') == "2024"
    assert page_year(b'<span data-pagefind-filter="year:2019">2019</span>') == "2019"
    assert page_year('<span data-pagefind-filter="year[data-year]" data-year="Không rõ ngày">'.encode()) == UNDATED
    assert page_year(b"<p>no filter, 2024</p>") == UNDATED
    assert page_year(b'<a data-pagefind-filter="author">2024</a>') == UNDATED


def test_page_digest_covers_only_what_pagefind_reads():
    page = ('<html lang="vi"><head><title>T</title></head><body><nav>menu</nav>'
            '<article class="a" data-pagefind-body><h1>Tin</h1><article><p>inner</p></article>'
            '<a data-pagefind-filter="tag">lũ</a></article>'
            '<section class="related"><a href="/bai/x/">Bài liên quan X</a></section>'
            '<span data-pagefind-meta="image:/a.png"></span></body></html>')
    digest = page_digest(page.encode())
    # Related list, navigation and <title> are outside the indexed part.
    assert page_digest(page.replace("Bài liên quan X", "Bài liên quan Y").replace("menu", "menu 2").encode()) == digest
    assert page_digest(page.replace("<title>T", "<title>U").encode()) == digest
    # The body (even after a nested element of the same name), the language and
    # data-pagefind-* attributes outside the body are in it.
    assert page_digest(page.replace("inner", "inner 2").encode()) != digest
    assert page_digest(page.replace("lũ", "lụt").encode()) != digest
    assert page_digest(page.replace('lang="vi"', 'lang="en"').encode()) != digest
    assert page_digest(page.replace("/a.png", "/b.png").encode()) != digest
    # No body element, or one that never closes: the whole page counts.
    plain = page.replace(" data-pagefind-body", "")
    assert page_digest(plain.encode()) != page_digest(plain.replace("menu", "menu 2").encode())
    unclosed = page.replace("</article></article>", "").replace("</article>", "")
    assert page_digest(unclosed.encode()) != page_digest(unclosed.replace("menu", "menu 2").encode())


def test_reduced_page_keeps_the_language_and_the_body_only():
    page = ('<!DOCTYPE html><html lang="vi" data-x="1"><head><title>T</title><script>x()</script></head><body><nav>menu</nav>'
            '<article data-pagefind-body><h1>Tin</h1><p>Bài</p></article><section>liên quan</section></body></html>')
    reduced = reduced_page(page.encode()).decode()
    assert '<html lang="vi" data-x="1">' in reduced and "<article data-pagefind-body><h1>Tin</h1><p>Bài</p></article>" in reduced
    assert "menu" not in reduced and "liên quan" not in reduced and "<title>" not in reduced
    assert page_digest(reduced.encode()) == page_digest(page.encode())
    # Pagefind needs the whole page: data-pagefind-* outside the body, or no single body.
    assert reduced_page(page.replace("<nav>", '<nav data-pagefind-filter="x">').encode()) is None
    assert reduced_page(page.replace(" data-pagefind-body", "").encode()) is None
    assert reduced_page(page.replace("</article>", "").encode()) is None


def _fragments(bundle: Path) -> dict[str, dict]:
    """Each page's fragment (text, filters, meta, word count) by URL."""
    import gzip

    found = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{"):])
        found[fragment["url"]] = fragment
    return found


def _pages(year: str, n: int, start: int = 0) -> list[Page]:
    return [Page(f"bai/{year}-{i}/index.html", f"{i:032x}", year) for i in range(start, start + n)]


def test_bundles_by_year_big_years_split_stably_newest_first():
    bundles = group_pages(_pages("2023", 3) + _pages("2024", 25) + _pages(UNDATED, 2), max_pages=10)
    assert bundle_order(bundles) == ["2024-1", "2024-2", "2024-3", "2023", UNDATED]
    assert sum(len(v) for v in bundles.values()) == 30
    assert all(len(bundles[k]) < 20 for k in ("2024-1", "2024-2", "2024-3"))
    grown = group_pages(_pages("2024", 26), max_pages=10)  # one more page, same part count: nobody moves
    assert all(set(bundles[k]) <= set(grown[k]) for k in ("2024-1", "2024-2", "2024-3"))
    assert set(group_pages(_pages("2024", 25), max_pages=0)) == {"2024"}


def test_plan_rebuilds_only_changed_or_missing_bundles():
    bundles = group_pages(_pages("2023", 3) + _pages("2024", 3), max_pages=100)
    first = plan_bundles(bundles, None, "s1", present=lambda key: False)
    assert first.build == ["2024", "2023"] and first.keep == []
    state = {"format": STATE_FORMAT, "settings": "s1", "bundles": first.digests}
    assert plan_bundles(bundles, state, "s1", present=lambda key: True).build == []
    edited = dict(bundles, **{"2023": [Page(p.path, "f" * 32, p.year) for p in bundles["2023"]]})
    assert plan_bundles(edited, state, "s1", present=lambda key: True).build == ["2023"]
    added = group_pages(_pages("2023", 3) + _pages("2024", 4), max_pages=100)
    assert plan_bundles(added, state, "s1", present=lambda key: True).build == ["2024"]
    assert plan_bundles(bundles, state, "s1", present=lambda key: key != "2024").build == ["2024"]
    assert plan_bundles(bundles, state, "s2", present=lambda key: True).build == ["2024", "2023"]


def test_remove_stale_touches_only_bundles_and_old_pagefind_files(tmp_path):
    for name in ("2019", "2020", "khong-ro-ngay", ".2021.new", "fragment", "mine"):
        (tmp_path / name).mkdir()
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-entry.json", "wasm.unknown.pagefind", "pagefind.vi_1d6159dd11.pf_meta",
                 "bundles.json", "notes.txt"):
        (tmp_path / name).write_text("x")
    removed = remove_stale(tmp_path, {"2020", "khong-ro-ngay"})
    assert sorted(removed) == sorted([".2021.new", "2019", "fragment", "pagefind-entry.json", "pagefind-ui.js",
                                      "pagefind.vi_1d6159dd11.pf_meta", "wasm.unknown.pagefind"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2020", "bundles.json", "khong-ro-ngay", "mine", "notes.txt", "pagefind.js"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_theme_site(tmp_path_factory.mktemp("search"))


def page_counts(site: Path) -> dict[str, int]:
    """Pages per bundle, in the order of bundles.json."""
    listed = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"]
    counts = {}
    for key in listed:
        entry = json.loads((site / "pagefind" / key / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts[key] = sum(language["page_count"] for language in entry["languages"].values())
    return counts


def test_only_articles_are_indexed_with_their_filters(site):
    articles = sorted((site / "bai").glob("*/index.html"))
    assert page_counts(site) == {"2024": 6, "2023": 5, "2022": 1, "khong-ro-ngay": 2}
    assert sum(page_counts(site).values()) == len(articles) == 14
    assert (site / "pagefind" / "pagefind.js").read_bytes() == (site / "pagefind" / "2024" / "pagefind.js").read_bytes()
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
    # Nothing indexed that readers do not see (the article tools, hidden until
    # their script shows them, are left out of the index).
    hidden = [tag for tag in body.find_all(hidden=True) if not tag.find_parent(attrs={"data-pagefind-ignore": True}) and not tag.has_attr("data-pagefind-ignore")]
    assert hidden == []
    assert body.select_one("[data-article-tools][hidden][data-pagefind-ignore]") is not None
    undated = BeautifulSoup((site / "bai/nguoi-dan-tham-gia-bao-ve-rung-dau-nguon/index.html").read_text(encoding="utf-8"), "html.parser")
    assert undated.select_one("[data-pagefind-filter^=year]")["data-year"] == "Không rõ ngày"


def test_credits_are_indexed_and_outlets_are_a_filter(site):
    """The byline's names (authors, outlets) are in the indexed text, with
    meta `byline`/`source` (the search page finds where the title and byline
    end in the text) and the `outlet` filter; the date and labels are not."""
    fragments = _fragments(site / "pagefind" / "2023")
    credited = fragments["/bai/khoi-to-nhom-doi-tuong-mua-ban-ma-tuy-o-nghe-an/"]
    assert credited["filters"]["author"] == ["Tuyết Lan"] and credited["filters"]["outlet"] == ["TTXVN"]
    assert credited["meta"]["byline"] == "Tuyết Lan" and credited["meta"]["source"] == "TTXVN"
    title = credited["meta"]["title"]
    assert credited["content"].startswith(title + ". Tuyết Lan TTXVN ")  # title, byline, then the text
    assert "Tác giả" not in credited["content"] and "Nguồn" not in credited["content"] and "2023" not in credited["content"][:200]
    uncredited = fragments["/bai/mo-them-tuyen-xe-buyt-noi-trung-tam-voi-khu-cong-nghiep/"]
    assert "outlet" not in uncredited["filters"] and "source" not in uncredited["meta"]
    page = BeautifulSoup((site / "bai/khoi-to-nhom-doi-tuong-mua-ban-ma-tuy-o-nghe-an/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Tuyết Lan · TTXVN" in page.select_one(".byline").get_text()  # the reader sees who, then where from


class FakePelican:
    def __init__(self, output: Path, cache: Path | None, **search):
        self.settings = {"OUTPUT_PATH": str(output), "ARTICLE_SAVE_AS": "bai/{slug}/index.html",
                         "CACHE_PATH": str(cache), "CACHE_CONTENT": cache is not None, "SEARCH_INDEX": search}


def bundle_ids(site: Path) -> dict[str, int]:
    """Bundle -> inode of its folder: a re-indexed bundle is a new folder."""
    return {p.name: p.stat().st_ino for p in (site / "pagefind").iterdir() if p.is_dir()}


def test_rebuild_reindexes_only_the_changed_year_and_drops_empty_years(site, tmp_path):
    copy = tmp_path / "output"
    shutil.copytree(site, copy, symlinks=True)
    shutil.rmtree(copy / "pagefind")
    (copy / "pagefind").mkdir()
    (copy / "pagefind" / "pagefind-entry.json").write_text("{}")  # the single bundle of older builds
    pelican = FakePelican(copy, tmp_path / "cache")
    assert build_index(pelican) is True
    first = bundle_ids(copy)
    assert set(first) == {"2024", "2023", "2022", "khong-ro-ngay"}
    assert not (copy / "pagefind" / "pagefind-entry.json").exists()

    build_index(pelican)
    assert bundle_ids(copy) == first  # nothing changed, nothing re-indexed

    added = copy / "bai" / "bai-moi-2023" / "index.html"  # a new article of 2023
    added.parent.mkdir()
    added.write_text((copy / "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/index.html").read_text(encoding="utf-8")
                     .replace('data-year="2024"', 'data-year="2023"'), encoding="utf-8")
    shutil.rmtree(copy / "bai" / "ket-qua-cong-tac-giam-ngheo-ben-vung")  # the only article of 2022
    build_index(pelican)
    after = bundle_ids(copy)
    assert set(after) == {"2024", "2023", "khong-ro-ngay"}
    assert after["2023"] != first["2023"]
    assert {k: after[k] for k in ("2024", "khong-ro-ngay")} == {k: first[k] for k in ("2024", "khong-ro-ngay")}
    assert page_counts(copy) == {"2024": 6, "2023": 6, "khong-ro-ngay": 2}

    edited = copy / "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/index.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("</h1>", " (sửa)</h1>", 1), encoding="utf-8")
    build_index(pelican)
    assert bundle_ids(copy)["2024"] != after["2024"] and bundle_ids(copy)["2023"] == after["2023"]

    shutil.rmtree(copy / "pagefind" / "2024")  # bundle lost from the output: written again
    build_index(pelican)
    assert (copy / "pagefind" / "2024" / "pagefind-entry.json").is_file()

    kept = bundle_ids(copy)
    build_index(FakePelican(copy, None))  # CACHE_CONTENT off: everything re-indexed
    assert all(bundle_ids(copy)[k] != kept[k] for k in kept)


def test_reduced_pages_index_as_the_whole_pages(site, tmp_path, monkeypatch):
    """Pagefind is given each article reduced to its body; what it stores for
    every page must be what it stores from the page as published."""
    from vnarchive.search_index import indexer

    pages = sorted((site / "bai").glob("*/index.html"))
    options = {"EXTRA_ARGS": [], "TIMEOUT": 120}
    index_bundle(pages, site, tmp_path / "reduced", "all", options)
    monkeypatch.setattr(indexer, "reduced_page", lambda data: None)  # every page linked whole
    index_bundle(pages, site, tmp_path / "whole", "all", options)
    reduced, whole = _fragments(tmp_path / "reduced" / "all"), _fragments(tmp_path / "whole" / "all")
    assert len(whole) == len(pages) == 14
    assert reduced == whole

    def languages(root: Path) -> dict:
        entry = json.loads((root / "all" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return {name: language["page_count"] for name, language in entry["languages"].items()}

    assert languages(tmp_path / "reduced") == languages(tmp_path / "whole") == {"vi": 14}


def test_staging_falls_back_to_the_temporary_folder_when_memory_is_full(site, tmp_path, monkeypatch):
    from vnarchive.search_index import indexer

    memory = tmp_path / "shm"
    memory.mkdir()
    real_stage = indexer.stage

    def stage(pages, output, folder):
        if memory in folder.parents:
            raise OSError(28, "No space left on device")
        real_stage(pages, output, folder)

    monkeypatch.setattr(indexer, "staging_root", lambda: str(memory))
    monkeypatch.setattr(indexer, "stage", stage)
    pages = sorted((site / "bai").glob("*/index.html"))
    index_bundle(pages, site, tmp_path / "bundles", "all", {"EXTRA_ARGS": [], "TIMEOUT": 120})
    assert len(_fragments(tmp_path / "bundles" / "all")) == len(pages)
    assert list(memory.iterdir()) == []  # nothing left behind


def test_a_failing_pagefind_is_logged_not_raised(site, tmp_path, caplog):
    copy = tmp_path / "output"
    shutil.copytree(site / "bai", copy / "bai")
    with caplog.at_level(logging.ERROR, logger="vnarchive.search_index"):
        complete = build_index(FakePelican(copy, tmp_path / "cache", EXTRA_ARGS=["--no-such-option"]))
    assert complete is False  # the sharded build indexes again next time, though no page moved
    assert any("Pagefind failed" in r.getMessage() for r in caplog.records)
    assert json.loads((copy / "pagefind" / "bundles.json").read_text(encoding="utf-8"))["bundles"] == []
    state = json.loads(state_file(tmp_path / "cache", copy).read_text(encoding="utf-8"))
    assert state["bundles"] == {} and len(state["pages"]) == 14  # every bundle retried next build


def test_two_outputs_built_from_one_checkout_each_keep_a_fresh_index(site, tmp_path):
    outputs = [tmp_path / "site-a", tmp_path / "site-b"]
    for output in outputs:
        shutil.copytree(site, output, symlinks=True)
        shutil.rmtree(output / "pagefind")
        build_index(FakePelican(output, tmp_path / "cache"))  # one CACHE_PATH for both
    for output in outputs:  # the same new article of 2023 in both sites
        added = output / "bai" / "bai-moi-2023" / "index.html"
        added.parent.mkdir()
        added.write_text((output / "bai/nong-dan-dak-lak-thu-hoach-ca-phe-duoc-mua/index.html").read_text(encoding="utf-8")
                         .replace('data-year="2024"', 'data-year="2023"'), encoding="utf-8")
    for output in outputs:
        build_index(FakePelican(output, tmp_path / "cache"))
    for output in outputs:
        assert page_counts(output) == {"2024": 6, "2023": 6, "2022": 1, "khong-ro-ngay": 2}, output
        assert "/bai/bai-moi-2023/" in _fragments(output / "pagefind" / "2023")


def indexed_urls(output: Path) -> set[str]:
    return {url for bundle in (output / "pagefind").iterdir() if bundle.is_dir() for url in _fragments(bundle)}


def test_an_article_whose_raw_file_is_deleted_leaves_the_index_in_the_next_build(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    output = build_site(tmp_path, raw)
    pages = {"/" + p.parent.relative_to(output).as_posix() + "/" for p in output.glob("bai/*/index.html")}
    assert len(pages) == 2 and indexed_urls(output) == pages
    (raw / SEED_000).unlink()
    build_site(tmp_path, raw)  # one build
    left = {"/" + p.parent.relative_to(output).as_posix() + "/" for p in output.glob("bai/*/index.html")}
    assert len(left) == 1 and indexed_urls(output) == left

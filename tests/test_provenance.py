"""Provenance (issue 15): each post carries where its text came from
(Raw_sha256, Crawled, Encoding, Removed, Credit_evidence, Converter), the
converter keeps the raw text as received (UTF-8) beside its state, and the
build puts that copy and the citation files beside each article page,
writing them only when they change and removing them with their article."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import SEED_000, SEEDS, build_site
from test_citations import parse_bib, render
from vnarchive.rawnews import pipeline
from vnarchive.rawnews.normalize import received_text

EVAL_RAW = Path(__file__).parent / "data" / "eval" / "raw"
CP1258 = "e04_a1b2c3d4e5f60704.txt"


def meta(post: Path) -> dict[str, str]:
    head = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def corpus(raw: Path) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, raw / seed.name)
    shutil.copy(EVAL_RAW / CP1258, raw / CP1258)
    with open(raw / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "url", "published", "crawled"])
        writer.writerow([SEED_000, "https://baokontum.com.vn/a.html", "", "2023-06-01T10:00"])
        writer.writerow([CP1258, "", "", "2021-07"])
    return raw


def posts_by_source(content: Path) -> dict[str, dict[str, str]]:
    return {m["Source"]: m for m in map(meta, content.glob("*.md"))}


def test_posts_carry_their_provenance(tmp_path):
    raw = corpus(tmp_path / "raw")
    content = tmp_path / "content"
    pipeline.convert_folder(raw, content, jobs=1)
    posts = posts_by_source(content)
    seed = posts[SEED_000]
    assert seed["Raw_sha256"] == hashlib.sha256((raw / SEED_000).read_bytes()).hexdigest()
    assert seed["Crawled"] == "2023-06-01" and seed["Encoding"] == "utf-8"
    assert seed["Credit_evidence"] == "Tác giả: Khánh Vi"
    assert seed["Converter"].startswith("vn-news-archive ") and ", rawnews " in seed["Converter"]
    # The seed opens with a toolbar line and ends with a related-articles list.
    assert seed["Removed"] == "chrome: 1, related: 1"
    encoded = posts[CP1258]
    assert encoded["Encoding"] == "cp1258" and encoded["Crawled"] == "2021-07"
    assert "Crawled" not in posts["002_5b3ffb715fb0b6d8.txt"]  # no manifest row: no crawl date shown


def test_the_raw_text_copy_is_the_file_as_received_in_utf8(tmp_path):
    raw = corpus(tmp_path / "raw")
    content = tmp_path / "content"
    pipeline.convert_folder(raw, content, jobs=1)
    texts = content / ".rawnews" / "text"
    data = (raw / CP1258).read_bytes()
    copy = (texts / f"{hashlib.sha256(data).hexdigest()}.txt").read_bytes()
    assert copy.startswith(b"\xef\xbb\xbf")
    text = copy[3:].decode("utf-8")
    assert "\r" not in text and text == received_text(data)
    # Transcoded only: the cp1258 text reads as Vietnamese (NFC aside), lines as they were.
    assert unicodedata.normalize("NFC", text).count("\n") == data.count(b"\n")
    assert "Việt" in unicodedata.normalize("NFC", text) or "ệ" in unicodedata.normalize("NFC", text)
    assert sorted(p.name for p in texts.iterdir()) == sorted(f"{hashlib.sha256(p.read_bytes()).hexdigest()}.txt" for p in raw.glob("*.txt"))


def test_received_text_drops_only_what_a_browser_takes_for_binary():
    assert received_text(b"a\x00b\x07c\td\r\ne\x1bf<script>") == "abc\td\nef<script>"
    assert received_text("Hà Nội\u2028x".encode("utf-16")) == "Hà Nội\u2028x"


def test_text_copies_follow_their_raw_files(tmp_path):
    raw = corpus(tmp_path / "raw")
    content = tmp_path / "content"
    pipeline.convert_folder(raw, content, jobs=1)
    texts = content / ".rawnews" / "text"
    stamps = {p.name: p.stat().st_mtime_ns for p in texts.iterdir()}
    pipeline.convert_folder(raw, content, jobs=1)
    assert {p.name: p.stat().st_mtime_ns for p in texts.iterdir()} == stamps  # unchanged: not rewritten
    gone = hashlib.sha256((raw / CP1258).read_bytes()).hexdigest() + ".txt"
    (raw / CP1258).unlink()
    lost = next(name for name in stamps if name != gone)
    (texts / lost).unlink()  # a copy deleted by hand comes back
    pipeline.convert_folder(raw, content, jobs=1)
    assert sorted(p.name for p in texts.iterdir()) == sorted(n for n in stamps if n != gone)


@pytest.fixture(scope="module")
def cached_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("prov-site")
    raw = corpus(base / "raw")
    output = build_site(base, raw, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    return base, raw, output


def test_each_article_has_its_files_beside_it(cached_site):
    base, raw, output = cached_site
    folders = sorted(p.parent for p in (output / "bai").glob("*/index.html"))
    assert len(folders) == 3
    texts = base / "content" / ".rawnews" / "text"
    for folder in folders:
        assert {p.name for p in folder.iterdir()} == {"index.html", "van-ban-goc.txt", "trich-dan.bib", "trich-dan.json"}
        page = lxml_html.fromstring((folder / "index.html").read_bytes())
        origin = page.get_element_by_id("nguon-goc")
        assert origin.tag == "details" and origin.get("open") is None  # collapsed by default
        sha = origin.xpath(".//code[@class='hash']")[0].text
        assert (folder / "van-ban-goc.txt").read_bytes() == (texts / f"{sha}.txt").read_bytes()
        link = origin.xpath(".//a[@type='text/plain']")[0].get("href")
        assert link.endswith(f"bai/{folder.name}/van-ban-goc.txt")
        # The file name moved from the footer's list into the Nguồn gốc section.
        assert not page.xpath("//dl[@class='provenance']//dt[text()='Tệp nguồn']")
        assert origin.xpath(".//dt[text()='Tệp nguồn']")
        parse_bib((folder / "trich-dan.bib").read_text(encoding="utf-8"))
        assert render((folder / "trich-dan.json").read_text(encoding="utf-8"))
        cite = page.get_element_by_id("trich-dan")
        assert cite.xpath(".//a[@download]/@href") == [f"../../bai/{folder.name}/trich-dan.bib", f"../../bai/{folder.name}/trich-dan.json"]


def test_the_files_are_rewritten_only_when_they_change_and_go_with_their_article(cached_site):
    base, raw, output = cached_site
    files = sorted(p for p in (output / "bai").rglob("*") if p.is_file() and p.name != "index.html")
    stamps = {p: p.stat().st_mtime_ns for p in files}
    build_site(base, raw, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert {p: p.stat().st_mtime_ns for p in files} == stamps
    (raw / CP1258).unlink()
    build_site(base, raw, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    left = sorted(p.parent.name for p in (output / "bai").glob("*/index.html"))
    assert len(left) == 2
    assert sorted({p.parent.name for p in (output / "bai").rglob("*") if p.is_file()}) == left  # no folder of its files left
    assert all(p.stat().st_mtime_ns == stamps[p] for p in files if p.exists())


def test_the_same_raw_files_give_the_same_bytes(tmp_path):
    """Posts, raw-text copies, citation files and pages: byte-identical from two builds of one corpus."""
    raw = corpus(tmp_path / "raw")
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    outputs = [build_site(tmp_path / name, raw) for name in ("a", "b")]

    def files(root: Path, pattern: str) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob(pattern)) if p.is_file()}

    for pattern in ("bai/*/van-ban-goc.txt", "bai/*/trich-dan.bib", "bai/*/trich-dan.json", "bai/*/index.html", "bao-cao/index.html"):
        first, second = files(outputs[0], pattern), files(outputs[1], pattern)
        assert first and first == second, pattern
    posts = [files(tmp_path / name / "content", "*.md") for name in ("a", "b")]
    assert posts[0] and posts[0] == posts[1]

"""`make publish SITEURL=https://example.org/sub/path`: absolute URLs that
work under the sub-path, valid feeds, minified HTML/CSS that reads the same,
and .gz/.br copies identical to the files once decompressed."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import brotli
import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT
from tools.linkcheck import check_site, iter_problems
from tools.sites import SITE_URL, corpus_publish_site, corpus_site

SCHEMAS = Path(__file__).parent / "data" / "schemas"
COMPRESSED = {".html", ".css", ".js", ".xml", ".json", ".txt"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return corpus_publish_site(tmp_path_factory)


def text_of(path: Path) -> str:
    """The page's text, but the citation, which names the page's absolute URL when SITEURL is one."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for reference in soup.select(".cite-text"):
        reference.decompose()
    return " ".join(soup.get_text(" ").split())


def test_published_site_links_work_under_its_sub_path(site):
    report = check_site(site, site_url=SITE_URL)
    assert report.files > 150 and report.links > 3000, report.summary()
    problems = list(iter_problems(report))
    assert not problems, "\n".join(problems[:20])


def test_feed_and_canonical_urls_are_absolute_under_the_site_url(site):
    for page in [site / "index.html", *site.glob("chu-de/*/index.html"), *site.glob("bai/*/index.html")]:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        feeds = [l["href"] for l in head.find_all("link", rel="alternate")]
        assert len(feeds) >= 2 and all(h.startswith(f"{SITE_URL}/feeds/") for h in feeds), page
        for canonical in head.find_all("link", rel="canonical"):
            assert canonical["href"].startswith(f"{SITE_URL}/"), page
    schema = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))
    for feed in (site / "feeds").rglob("*.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
        assert parsed.feed.link.startswith(SITE_URL)
        assert all(e.link.startswith(f"{SITE_URL}/bai/") for e in parsed.entries), feed
        if feed.name.endswith(".atom.xml"):
            assert schema.validate(etree.parse(str(feed))), schema.error_log
            assert parsed.feed.id == f"{SITE_URL}/{feed.relative_to(site).as_posix()}"


def test_precompressed_copies_match_the_files(site):
    files = [p for p in site.rglob("*") if p.suffix in COMPRESSED and p.stat().st_size >= 256]
    kinds = {p.suffix for p in files}
    assert {".html", ".css", ".xml"} <= kinds
    for path in files:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def test_minified_pages_read_the_same(site, tmp_path_factory):
    dev = corpus_site(tmp_path_factory)
    pages = ["index.html", *[p.relative_to(dev).as_posix() for p in list(dev.glob("bai/*/index.html"))[:10]]]
    for name in pages:
        published, development = site / name, dev / name
        raw = published.read_text(encoding="utf-8")
        assert re.search(r">\n\s+<", development.read_text(encoding="utf-8")), name
        assert not re.search(r">\n\s+<", raw), name  # indentation between tags removed
        assert text_of(published) == text_of(development), name
        assert raw.lower().startswith("<!doctype html>") and "</p>" in raw and "</html>" in raw
    css = next(site.glob("theme/css/*.css"))
    source = ROOT / "theme" / "static" / "css" / css.name
    assert css.stat().st_size < source.stat().st_size


def test_make_publish_requires_an_absolute_site_url(tmp_path):
    # STAMP= skips the venv check: the test runs inside that venv already.
    common = ["make", "-s", "-C", str(ROOT), "STAMP=", f"OUTPUT={tmp_path / 'out'}", f"CONTENT={tmp_path / 'content'}"]
    refused = subprocess.run([*common, "publish", "SITEURL=/tin-tuc"], capture_output=True, text=True)
    assert refused.returncode != 0 and "absolute SITEURL" in refused.stdout + refused.stderr
    assert not (tmp_path / "out").exists()
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    done = subprocess.run([*common, "publish", "SITEURL=https://example.org/sub/path/"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    out = tmp_path / "out"
    report = check_site(out, site_url="https://example.org/sub/path")
    assert not list(iter_problems(report)) and report.files > 20
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"<loc>https://example\.org/sub/path/bai/[^<]+/</loc>", sitemap)
    assert (out / "index.html.gz").exists() and (out / "index.html.br").exists()


def test_minifier_keeps_what_readers_and_parsers_rely_on():
    from vnarchive.publish_assets.minify import minify_css_text, minify_html_text

    page = (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n  <title>Tin &lt;script&gt;alert(1)&lt;/script&gt; &amp; ảnh</title>\n</head>\n"
        "<body>\n  <p>Một   <a href=\"a/\">liên kết</a> <em>nghiêng</em></p>\n  <pre>  giữ\n    nguyên </pre>\n</body>\n</html>\n"
    )
    small = minify_html_text(page)
    assert len(small) < len(page)
    assert "<script" not in small  # escaped text stays escaped, even in <title>
    assert "</p>" in small and "<html" in small and "<head>" in small
    assert "<pre>  giữ\n    nguyên </pre>" in small
    assert "liên kết</a> <em>" in small  # the space between inline elements stays
    soup = BeautifulSoup(small, "html.parser")
    assert soup.title.get_text() == "Tin <script>alert(1)</script> & ảnh"
    assert minify_css_text("a {\n  color : red ;\n}\n") == "a{color:red}"


def test_compressed_copies_only_when_smaller_and_reproducible(tmp_path):
    from vnarchive.publish_assets.compress import compress_tree, copies

    assert copies(b"ab", ".html", 8) == {}  # compressing would make it bigger
    text = ("<p>Tin tức lưu trữ</p>\n" * 200).encode("utf-8")
    made = copies(text, ".html", 8)
    assert set(made) == {".gz", ".br"} and made == copies(text, ".html", 8)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(text)
    (tmp_path / "a" / "photo.jpg").write_bytes(text)
    (tmp_path / "small.css").write_text("a{color:red}")
    assert compress_tree(tmp_path, workers=1) == 2
    assert sorted(p.name for p in tmp_path.rglob("*.*")) == ["index.html", "index.html.br", "index.html.gz", "photo.jpg", "small.css"]

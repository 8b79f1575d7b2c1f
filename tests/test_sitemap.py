"""sitemap.xml (split into an index and files of at most N URLs when
larger) and robots.txt, validated against the sitemaps.org XSDs."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import SEEDS, build_site
from vnarchive.sitemap_index.sitemap import Page, included, page_url, robots_txt, sitemap_files
from tools.sites import SITE_URL, corpus_publish_site, corpus_site

SCHEMAS = Path(__file__).parent / "data" / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def schemas():
    return {
        "urlset": etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd"))),
        "sitemapindex": etree.XMLSchema(etree.parse(str(SCHEMAS / "siteindex.xsd"))),
    }


def validate(text: str | bytes, schemas) -> etree._Element:
    root = etree.fromstring(text.encode("utf-8") if isinstance(text, str) else text)
    schema = schemas[etree.QName(root).localname]
    assert schema.validate(root), schema.error_log
    return root


def locs(root) -> list[str]:
    return [loc.text for loc in root.findall(".//s:loc", NS)]


def test_page_urls_are_folder_urls():
    assert page_url("index.html") == ""
    assert page_url("bai/x/index.html") == "bai/x/"
    assert page_url("404.html") == "404.html"
    pages = included([Page("404.html"), Page("a/index.html"), Page("a/index.html"), Page("feeds/x.xml")], ["404.html"])
    assert pages == [Page("a/index.html")]


def test_small_site_is_one_valid_urlset(schemas):
    files = sitemap_files("https://example.org/sub", [Page("index.html"), Page("bai/a/index.html", "2024-01-02T03:04:05+00:00")])
    assert list(files) == ["sitemap.xml"]
    root = validate(files["sitemap.xml"], schemas)
    assert locs(root) == ["https://example.org/sub/", "https://example.org/sub/bai/a/"]


def test_large_site_is_split_under_an_index(schemas):
    pages = [Page(f"bai/{i:02d}/index.html") for i in range(7)]
    files = sitemap_files("https://example.org/sub", pages, max_urls=3)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = validate(files["sitemap.xml"], schemas)
    assert locs(index) == [f"https://example.org/sub/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = []
    for n in (1, 2, 3):
        part = validate(files[f"sitemap-{n}.xml"], schemas)
        assert len(locs(part)) <= 3
        listed += locs(part)
    assert listed == [f"https://example.org/sub/bai/{i:02d}/" for i in range(7)]


def test_byte_limit_also_splits(schemas):
    pages = [Page(f"bai/{'x' * 200}{i}/index.html") for i in range(10)]
    files = sitemap_files("https://example.org/sub", pages, max_bytes=1000)
    assert len(files) > 2
    for name, text in files.items():
        validate(text, schemas)
        assert len(text.encode("utf-8")) <= 1000 or name == "sitemap.xml"


def test_odd_characters_in_paths_stay_valid(schemas):
    files = sitemap_files("https://example.org/a&b", [Page("bai/c\x01&d \"é\"/index.html")])
    root = validate(files["sitemap.xml"], schemas)
    assert locs(root) == ["https://example.org/a&b/bai/c%01%26d%20%22%C3%A9%22/"]  # a URL, percent-encoded
    assert "<loc>https://example.org/a&amp;b/" in files["sitemap.xml"]


def test_robots_names_the_sitemap_only_when_absolute():
    assert "Sitemap: https://example.org/sub/sitemap.xml" in robots_txt("https://example.org/sub")
    assert "Sitemap:" not in robots_txt("").replace("# No Sitemap", "")


def test_development_build_has_robots_but_no_sitemap(tmp_path_factory):
    site = corpus_site(tmp_path_factory)
    assert not (site / "sitemap.xml").exists()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: *") and "\nSitemap:" not in robots


def test_published_sitemap_lists_every_page_and_validates(tmp_path_factory, schemas):
    site = corpus_publish_site(tmp_path_factory)
    root = validate((site / "sitemap.xml").read_bytes(), schemas)
    assert etree.QName(root).localname == "urlset"
    listed = locs(root)
    assert len(listed) == len(set(listed))
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"}
    assert set(listed) == {f"{SITE_URL}/{page_url(p)}" for p in pages}
    lastmods = root.findall(".//s:lastmod", NS)
    assert lastmods and all(l.getparent().find("s:loc", NS).text.startswith(f"{SITE_URL}/bai/") for l in lastmods)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in robots.splitlines()


def test_sitemap_split_in_a_real_build(tmp_path, schemas):
    site = build_site(tmp_path, SEEDS, SITEURL="https://example.org", SITEMAP_MAX_URLS=5)
    index = validate((site / "sitemap.xml").read_bytes(), schemas)
    parts = locs(index)
    assert len(parts) > 2
    total = 0
    for url in parts:
        part = validate((site / url.removeprefix("https://example.org/")).read_bytes(), schemas)
        assert 0 < len(locs(part)) <= 5
        total += len(locs(part))
    assert total == len([p for p in site.rglob("*.html") if p.name != "404.html"])

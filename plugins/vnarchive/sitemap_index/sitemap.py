"""Pages -> sitemap files and robots.txt text. Pure functions.

The Sitemap protocol (sitemaps.org 0.9) allows 50,000 URLs and 50 MB per
file; a larger site gets `sitemap.xml` as an index of `sitemap-N.xml` files.
Every <loc> must be an absolute URL under the sitemap's own folder, so a
sitemap exists only when SITEURL is absolute (`make publish`).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from vnarchive.feeds.xmltext import xml_text

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class Page:
    path: str  # output-relative file path, "bai/slug/index.html"
    lastmod: str = ""  # W3C date-time, "" when unknown


def page_url(path: str) -> str:
    """Output path -> site-relative URL: folders end with "/"."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def absolute(base: str, url: str) -> str:
    return f"{base.rstrip('/')}/{quote(url, safe='/:~-._%')}"


def included(pages: Iterable[Page], exclude: Iterable[str]) -> list[Page]:
    """HTML pages not excluded by a glob, each once, in URL order."""
    patterns = tuple(exclude)
    chosen = {}
    for page in pages:
        if not page.path.endswith(".html"):
            continue
        if any(fnmatch.fnmatchcase(page.path, p) for p in patterns):
            continue
        chosen[page.path] = page
    return sorted(chosen.values(), key=lambda p: page_url(p.path))


def url_entry(base: str, page: Page) -> str:
    lastmod = f"<lastmod>{xml_text(page.lastmod)}</lastmod>" if page.lastmod else ""
    return f"<url><loc>{xml_text(absolute(base, page_url(page.path)))}</loc>{lastmod}</url>\n"


def chunks(entries: list[str], max_urls: int, max_bytes: int) -> Iterator[list[str]]:
    """Split entries so that no file passes either limit."""
    overhead = len(HEADER) + len(f'<urlset xmlns="{NS}">\n</urlset>\n')
    current, size = [], overhead
    for entry in entries:
        length = len(entry.encode("utf-8"))
        if current and (len(current) >= max_urls or size + length > max_bytes):
            yield current
            current, size = [], overhead
        current.append(entry)
        size += length
    if current:
        yield current


def urlset(entries: list[str]) -> str:
    return f'{HEADER}<urlset xmlns="{NS}">\n{"".join(entries)}</urlset>\n'


def sitemap_files(base: str, pages: list[Page], max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> dict[str, str]:
    """{output file name: text}: one `sitemap.xml` urlset, or an index
    `sitemap.xml` plus `sitemap-1.xml`... when the limits are passed."""
    entries = [url_entry(base, page) for page in pages]
    parts = list(chunks(entries, max_urls, max_bytes)) or [[]]
    if len(parts) == 1:
        return {"sitemap.xml": urlset(parts[0])}
    files = {f"sitemap-{n}.xml": urlset(part) for n, part in enumerate(parts, 1)}
    index = "".join(f"<sitemap><loc>{xml_text(absolute(base, name))}</loc></sitemap>\n" for name in files)
    files["sitemap.xml"] = f'{HEADER}<sitemapindex xmlns="{NS}">\n{index}</sitemapindex>\n'
    return files


def robots_txt(base: str) -> str:
    """Allow everything; name the sitemap when its absolute URL is known.

    Crawlers read robots.txt only at a host's root: under a sub-path, copy
    the Sitemap line into the host's own robots.txt (docs/feeds.md)."""
    lines = ["User-agent: *", "Disallow:", ""]
    if base:
        lines.append(f"Sitemap: {absolute(base, 'sitemap.xml')}")
    else:
        lines.append("# No Sitemap line: this build has no absolute SITEURL (make publish sets it).")
    return "\n".join(lines) + "\n"

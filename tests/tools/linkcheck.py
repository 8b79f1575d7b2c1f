"""Walk a built site and check every link as a browser would follow it.

    python tests/tools/linkcheck.py OUTPUT_DIR [--site-url URL] [--mount /a/b/]

Each page is given the URL it has when the folder is served at `mount`
(default: at "/" and again copied under "/copie/duoi/thu-muc-con/", which a
relative link survives and a root-relative "/x" does not). With --site-url
(a `make publish` build) the site lives only at that URL, so the mount is
its path and links to that URL are internal.

An error page (404.html) is sent for any missing URL at any depth, so it
cannot use page-relative links: its links are judged only at the host's
root in a development build, and at SITEURL in a published one.

A link is internal when it resolves inside the mount on the same origin:
it must name a file of the output (a folder URL needs its index.html; a
#fragment needs that id in the target page). Resolving outside the mount on
the same origin is broken (it escapes the sub-path). Anything on another
origin is external and listed with the element and rel it came from, so a
test can allow exactly the kinds it means (canonical, feed alternates).

Checked: HTML (a, area, link, script, img, source, iframe, video, audio,
form, srcset, meta refresh), Atom/RSS feeds (entry/item links, author URIs,
self/alternate links), sitemaps (<loc>) and robots.txt (Sitemap:).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

ORIGIN = "http://localhost:8000"
DEFAULT_MOUNTS = ("/", "/copie/duoi/thu-muc-con/")
SERVED_ANYWHERE = frozenset({"404.html"})
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "sms:")
HTML_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "form": ("action",), "object": ("data",), "embed": ("src",),
}


@dataclass(frozen=True)
class Link:
    source: str  # output-relative file holding the link
    url: str  # as written
    element: str  # "a", "link", "atom:link", "rss:link", "sitemap:loc", ...
    rel: str = ""


@dataclass
class Problem:
    link: Link
    mount: str
    reason: str


@dataclass
class Report:
    files: int = 0
    links: int = 0
    broken: list[Problem] = field(default_factory=list)
    external: list[Link] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.files} files, {self.links} links, {len(self.broken)} broken, {len(self.external)} external"


def page_path(relative: str) -> str:
    """Output file -> its URL path relative to the mount ("bai/x/index.html" -> "bai/x/")."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def html_links(relative: str, data: bytes) -> tuple[list[Link], set[str]]:
    """Links of one HTML page and the ids (and a[name]s) it defines."""
    if not data.strip():
        return [], set()
    root = lxml_html.document_fromstring(data)
    links, ids = [], set()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            continue
        if element.get("id"):
            ids.add(element.get("id"))
        if tag == "a" and element.get("name"):
            ids.add(element.get("name"))
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url\s*=\s*(.+)$", element.get("content") or "", re.I)
            if match:
                links.append(Link(relative, match.group(1).strip(" '\""), "meta"))
        for attr in HTML_ATTRS.get(tag, ()):
            value = element.get(attr)
            if value is None:
                continue
            rel = " ".join((element.get("rel") or "").lower().split())
            urls = _srcset_urls(value) if attr.endswith("srcset") else [value.strip()]
            links += [Link(relative, url, tag, rel) for url in urls]
    return links, ids


def xml_links(relative: str, data: bytes) -> list[Link]:
    """Links of a feed or sitemap (parsed strictly: bad XML raises)."""
    root = etree.fromstring(data)
    links = []
    if root.tag in (f"{ATOM}feed", f"{ATOM}entry"):
        for element in root.iter(f"{ATOM}link"):
            links.append(Link(relative, element.get("href", ""), "atom:link", element.get("rel", "alternate")))
        for element in root.iter(f"{ATOM}uri"):
            links.append(Link(relative, (element.text or "").strip(), "atom:uri"))
    elif root.tag == "rss":
        for element in root.iter("link"):
            links.append(Link(relative, (element.text or "").strip(), "rss:link"))
        for element in root.iter(f"{ATOM}link"):
            links.append(Link(relative, element.get("href", ""), "atom:link", element.get("rel", "")))
    elif root.tag in (f"{SITEMAP}urlset", f"{SITEMAP}sitemapindex"):
        for element in root.iter(f"{SITEMAP}loc"):
            links.append(Link(relative, (element.text or "").strip(), "sitemap:loc"))
    return links


def robots_links(relative: str, text: str) -> list[Link]:
    found = re.findall(r"^\s*sitemap\s*:\s*(\S+)", text, re.I | re.M)
    return [Link(relative, url, "robots:sitemap") for url in found]


def collect(output: Path) -> tuple[list[Link], dict[str, set[str]], int]:
    """Every link in the site, the ids of every HTML page, the file count."""
    links, ids, files = [], {}, 0
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(output).as_posix()
        if path.suffix == ".html":
            found, page_ids = html_links(relative, path.read_bytes())
            links += found
            ids[relative] = page_ids
            files += 1
        elif path.suffix == ".xml":
            links += xml_links(relative, path.read_bytes())
            files += 1
        elif relative == "robots.txt":
            links += robots_links(relative, path.read_text(encoding="utf-8"))
            files += 1
    return links, ids, files


def target_file(output: Path, path: str) -> Path | None:
    """The file a server sends for this mount-relative path, or None."""
    path = unquote(path)
    if path.endswith("/") or path == "":
        candidate = output / path / "index.html"
        return candidate if candidate.is_file() else None
    candidate = output / path
    if candidate.is_file():
        return candidate
    if candidate.is_dir() and (candidate / "index.html").is_file():  # served after a redirect to "path/"
        return candidate / "index.html"
    return None


def judge(link: Link, output: Path, origin: str, mount: str, ids: dict[str, set[str]]) -> str | None:
    """"external", None (fine) or the reason the link is broken."""
    url = link.url
    if not url:
        return "empty URL"
    lowered = url.lower()
    if lowered.startswith(SKIP_SCHEMES):
        return None
    if lowered.startswith("javascript:"):
        return "javascript: URL"
    base = f"{origin}{mount}{page_path(link.source)}"
    resolved, fragment = urldefrag(urljoin(base, url))
    parts = urlsplit(resolved)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return "external"
    if not parts.path.startswith(mount):
        return f"resolves outside the site folder ({parts.path})"
    # A folder URL without its trailing slash is fine only if the folder exists.
    inside = parts.path[len(mount):]
    target = target_file(output, inside)
    if target is None:
        return f"no such file: {inside or '/'}"
    if fragment and target.suffix == ".html":
        key = target.relative_to(output).as_posix()
        if unquote(fragment) not in ids.get(key, set()):
            return f"no id {fragment!r} in {key}"
    return None


def check_site(output: Path, site_url: str = "", mounts: Iterable[str] = DEFAULT_MOUNTS) -> Report:
    output = Path(output)
    links, ids, files = collect(output)
    if site_url:
        parts = urlsplit(site_url.rstrip("/") + "/")
        origin, mounts = f"{parts.scheme}://{parts.netloc}", [parts.path]
    else:
        origin = ORIGIN
    report = Report(files=files, links=len(links))
    externals = {}
    for number, mount in enumerate(mounts):
        for link in links:
            if number and link.source in SERVED_ANYWHERE:
                continue
            verdict = judge(link, output, origin, mount, ids)
            if verdict == "external":
                externals[link] = None
            elif verdict:
                report.broken.append(Problem(link, mount, verdict))
    report.external = list(externals)
    return report


def iter_problems(report: Report) -> Iterator[str]:
    for problem in report.broken:
        yield f"BROKEN [{problem.mount}] {problem.link.source}: <{problem.link.element}> {problem.link.url!r}: {problem.reason}"
    for link in report.external:
        yield f"EXTERNAL {link.source}: <{link.element} rel={link.rel!r}> {link.url!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--site-url", default="", help="the SITEURL of a `make publish` build")
    parser.add_argument("--mount", action="append", help="URL path the folder is served at (repeatable)")
    parser.add_argument("--allow-rel", action="append", default=["canonical", "alternate"],
                        help="rel values whose external links are allowed (default canonical, alternate)")
    args = parser.parse_args(argv)
    report = check_site(args.output, args.site_url, args.mount or DEFAULT_MOUNTS)
    allowed = set(args.allow_rel)
    disallowed = [l for l in report.external if not (set(l.rel.split()) & allowed)]
    for line in iter_problems(report):
        print(line)
    print(report.summary(), f"({len(disallowed)} external not allowed)")
    return 1 if report.broken or disallowed else 0


if __name__ == "__main__":
    sys.exit(main())

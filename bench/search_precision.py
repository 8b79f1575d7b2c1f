"""Precision at 10 of the site's search on real queries, judged by hand.

    .venv/bin/python bench/search_precision.py                 # build the real set's site, run every query
    .venv/bin/python bench/search_precision.py --raw DIR       # another copy of the raw set
    .venv/bin/python bench/search_precision.py --site OUTPUT   # a site already built from it
    .venv/bin/python bench/search_precision.py --show "ma túy" # one query's top 10, for judging

The queries and the articles judged relevant to each (by slug; relevant: the
article is about the query or names it as a central subject) are in
bench/search_queries.json. The site is built from the real development set
(bench/corpora/devset/raw, made by bench/devset/build.py; its text is not in
git) with `make html`, served under a sub-path, and every query is typed
into the real search page in headless Chromium, as a reader would.

Precision at 10 of a query: the share of relevant articles among the first
10 results (or among all of them when there are fewer); a query with no
result scores 0. Also printed: recall at 10, the share of the relevant
articles (up to 10) found in the first 10; and R-precision, the share of
relevant articles among the first R results (R: how many are relevant, at
most 10), which says whether the relevant ones come first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "bench" / "corpora" / "devset" / "raw"
QUERIES = ROOT / "bench" / "search_queries.json"
SUB_PATH = "/kho-luu-tru/"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TOP = 10


def build(raw: Path, work: Path) -> Path:
    """The site of `raw`, built by the project's own `make html` into work/output."""
    output = work / "output"
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "html", f"SEEDS={raw}",
                    f"CONTENT={work / 'content'}", f"OUTPUT={output}"], check=True, stdout=subprocess.DEVNULL)
    return output


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(SUB_PATH):])


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"


def slug_of(href: str) -> str:
    parts = [p for p in urlsplit(href).path.split("/") if p]
    return parts[parts.index("bai") + 1] if "bai" in parts else href


def search(page, base: str, query: str) -> list[tuple[str, str]]:
    """(slug, title) of the first TOP results of `query` on the search page."""
    page.goto(f"{base}tim-kiem/?q={quote(query)}")
    page.wait_for_function(
        "() => /^(Tìm thấy|Không tìm thấy|Không tải)/.test(document.querySelector('[data-search-status]').textContent)",
        timeout=60_000)
    links = page.locator(".search-result h2 a")
    return [(slug_of(links.nth(i).get_attribute("href")), links.nth(i).inner_text()) for i in range(min(TOP, links.count()))]


def scores(found: list[str], relevant: set[str]) -> tuple[float, float, float]:
    """Precision at 10, recall at 10, R-precision of one query's results."""
    hits = sum(1 for slug in found if slug in relevant)
    precision = hits / len(found) if found else 0.0
    wanted = min(TOP, len(relevant))
    recall = hits / wanted if wanted else 1.0
    first = sum(1 for slug in found[:wanted] if slug in relevant) / wanted if wanted else 1.0
    return precision, recall, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=RAW, help="raw folder of the real development set")
    parser.add_argument("--site", type=Path, help="a site already built from it (skips the build)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--show", nargs="+", metavar="QUERY", help="print these queries' top 10 and stop")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="search-precision-") as work:
        site = args.site
        if site is None:
            if not args.raw.is_dir():
                print(f"{args.raw} is missing: build it with bench/devset/build.py, or pass --raw/--site", file=sys.stderr)
                return 2
            site = build(args.raw.resolve(), Path(work))
        known = {p.parent.name for p in site.glob("bai/*/index.html")}
        judged = json.loads(args.queries.read_text(encoding="utf-8"))["queries"] if not args.show else []
        missing = sorted({slug for q in judged for slug in q["relevant"]} - known)
        if missing:
            print(f"judged articles not in the site (slug changed?): {', '.join(missing)}", file=sys.stderr)
            return 2

        from playwright.sync_api import sync_playwright

        server, base = serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                     args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                if args.show:
                    for query in args.show:
                        found = search(page, base, query)
                        print(f"\n{query}: {page.locator('[data-search-status]').inner_text()}")
                        excerpts = page.locator(".search-result .excerpt").all_inner_texts()
                        for rank, (slug, title) in enumerate(found, 1):
                            print(f"{rank:3} {slug}\n      {title}\n      {excerpts[rank - 1][:240]}")
                    return 0
                rows = []
                for item in judged:
                    found = [slug for slug, _ in search(page, base, item["query"])]
                    rows.append((item["query"], len(found), len(item["relevant"]), *scores(found, set(item["relevant"]))))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()

    width = max(len(r[0]) for r in rows)
    print(f"{'query':{width}}  shown  relevant  P@10  R@10  R-prec")
    for query, shown, relevant, precision, recall, first in rows:
        print(f"{query:{width}}  {shown:5}  {relevant:8}  {precision:4.2f}  {recall:4.2f}  {first:6.2f}")
    means = [sum(r[i] for r in rows) / len(rows) for i in (3, 4, 5)]
    print(f"{'mean of ' + str(len(rows)) + ' queries':{width}}  {'':5}  {'':8}  {means[0]:4.2f}  {means[1]:4.2f}  {means[2]:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

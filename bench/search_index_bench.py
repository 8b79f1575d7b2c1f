"""Benchmark of the search index step (plugins/search_index) on a built site.

Not a test. Build the HTML once (search indexing off), then index it here as
often as needed:

    .venv/bin/python bench/generate_corpus.py /tmp/raw -n 10000 --seed 1
    # a settings file that imports pelicanconf and sets SEARCH_INDEX = {"ENABLED": False}
    RAWNEWS_SOURCE=/tmp/raw .venv/bin/pelican /tmp/posts -o /tmp/site -s that_file.py
    .venv/bin/python bench/search_index_bench.py /tmp/site [--baseline]

Phases, each in a fresh process (peak RSS read from getrusage: the largest
Pagefind process, and the Python side): full index (no state), rebuild with
nothing changed, rebuild after one article page is added. --baseline also
times one Pagefind run over every article page (the single-bundle layout).
The site's pagefind/ folder and a state folder beside the site are rewritten.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, logging, resource, sys, time
sys.path.insert(0, sys.argv[1])
logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
from vnarchive.search_index import build_index
class Pelican:
    settings = {"OUTPUT_PATH": sys.argv[2], "ARTICLE_SAVE_AS": "bai/{slug}/index.html",
                "CACHE_PATH": sys.argv[3], "CACHE_CONTENT": True}
began = time.perf_counter()
build_index(Pelican())
print(json.dumps({"seconds": time.perf_counter() - began,
                  "pagefind_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "pagefind_cpu_s": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,
                  "python_cpu_s": resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
                  "python_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_phase(site: Path, cache: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "plugins"), str(site), str(cache)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["log"] = [line for line in done.stderr.splitlines() if "search_index" in line][-1:]
    return result


def baseline(site: Path) -> dict:
    out = Path(str(site) + "-single-pagefind")
    shutil.rmtree(out, ignore_errors=True)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out),
                    "--glob", "bai/*/index.html", "--quiet"], check=True)
    seconds = time.perf_counter() - began
    shutil.rmtree(out, ignore_errors=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "pagefind_peak_mib": usage.ru_maxrss / 1024, "pagefind_cpu_s": usage.ru_utime + usage.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--baseline", action="store_true", help="also one Pagefind run over all article pages")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    site = args.site.resolve()
    cache = Path(str(site) + "-search-cache")
    pages = sorted((site / "bai").glob("*/index.html"))
    results = {"pages": len(pages)}
    if args.baseline:
        results["single_bundle"] = baseline(site)
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    results["full"] = run_phase(site, cache)
    results["nothing_changed"] = run_phase(site, cache)
    added = site / "bai" / "bench-bai-moi" / "index.html"
    added.parent.mkdir(exist_ok=True)
    added.write_text(pages[len(pages) // 2].read_text(encoding="utf-8").replace("</h1>", " (mới)</h1>", 1), encoding="utf-8")
    try:
        results["plus_one"] = run_phase(site, cache)
    finally:
        shutil.rmtree(added.parent)
    results["plus_one_share_of_full"] = results["plus_one"]["seconds"] / results["full"]["seconds"]
    text = json.dumps(results, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

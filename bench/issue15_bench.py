"""What issue 15 adds to a build (the dataset in du-lieu/, the provenance
and citation sections, van-ban-goc.txt, trich-dan.bib and trich-dan.json
beside every article, the report page bao-cao/, and the converter's raw-text
copies and provenance metadata), measured against the build without it.

    .venv/bin/python bench/issue15_bench.py RAW WORK --base BASE [--reps 3]

BASE is a checkout of the commit before the issue-15 provenance work
(`git worktree add --detach BASE c8e546a`), built with its own code
(PYTHONPATH) and settings, OPEN_DATA off: the site without anything of
issue 15. This checkout is built with everything on. Builds alternate,
each from empty content, cache and output folders as `make html` runs
them; then each is rebuilt with nothing changed. Prints JSON: wall and
process-tree CPU seconds, the steps the plugins log (open_data,
citations), the raw-text copies' own cost (received_text and the write,
over the corpus, in this process), and the output sizes. Not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = {
    "open_data": re.compile(r"open_data: [^\n]*?\(([0-9.]+) s, CPU ([0-9.]+) s\)"),
    "citations": re.compile(r"citations: [^\n]*?\(([0-9.]+) s, CPU ([0-9.]+) s\)"),
}


def build(raw: Path, site: Path, checkout: Path, issue15: bool) -> dict:
    """One build (its whole process tree): wall and CPU seconds, and the plugins' logged steps."""
    env = {**os.environ, "RAWNEWS_SOURCE": str(raw), "COLUMNS": "1000", "PYTHONPATH": str(checkout / "plugins")}
    command = [
        str(ROOT / ".venv" / "bin" / "pelican"), str(site / "content"), "-o", str(site / "output"),
        "-s", str(checkout / "pelicanconf.py"), "-v",
        "-e", f"CACHE_PATH={json.dumps(str(site / 'cache'))}", f"OPEN_DATA={json.dumps({'ENABLED': issue15})}",
    ]
    (site / "content").mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=checkout, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    log = done.stdout + done.stderr
    steps = {name: [float(m.group(1)), float(m.group(2))] for name, rx in STEPS.items() if (m := rx.search(log))}
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), "steps": steps}


def size(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def text_copies_cost(raw: Path) -> dict:
    """The converter's raw-text copies alone: received_text and the write for every file (this process)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from vnarchive.rawnews.worker import write_text_copy

    files = sorted(raw.glob("*.txt"))
    data = [p.read_bytes() for p in files]
    with tempfile.TemporaryDirectory() as folder:
        began, cpu = time.perf_counter(), time.process_time()
        for item in data:
            write_text_copy(folder, hashlib.sha256(item).hexdigest(), item)
        first = (time.perf_counter() - began, time.process_time() - cpu)
        began = time.perf_counter()
        for item in data:  # a re-conversion: every copy is there already
            write_text_copy(folder, hashlib.sha256(item).hexdigest(), item)
        again = time.perf_counter() - began
        total = size(Path(folder))
    return {"files": len(files), "write_wall_cpu_s": [round(first[0], 3), round(first[1], 3)], "rewrite_same_wall_s": round(again, 3), "bytes": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--base", type=Path, required=True, help="checkout without issue 15's provenance work")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    args.raw, args.work, args.base = args.raw.resolve(), args.work.resolve(), args.base.resolve()
    runs: dict[bool, list[dict]] = {True: [], False: []}
    for rep in range(args.reps):
        for on in ((False, True) if rep % 2 == 0 else (True, False)):
            site = args.work / f"{'on' if on else 'off'}-{rep}"
            shutil.rmtree(site, ignore_errors=True)
            runs[on].append(build(args.raw, site, ROOT if on else args.base, on))
    last_on, last_off = args.work / f"on-{args.reps - 1}", args.work / f"off-{args.reps - 1}"
    again_on = build(args.raw, last_on, ROOT, True)
    again_off = build(args.raw, last_off, args.base, False)

    def med(on: bool, key: str) -> float:
        return statistics.median(r[key] for r in runs[on])

    def step(name: str, index: int) -> float | None:
        values = [r["steps"][name][index] for r in runs[True] if name in r["steps"]]
        return round(statistics.median(values), 3) if values else None

    out_on, out_off = last_on / "output", last_off / "output"
    sidecars = {name: size(out_on / "bai", name) for name in ("van-ban-goc.txt", "trich-dan.bib", "trich-dan.json")}
    pages_on, pages_off = size(out_on / "bai", "index.html"), size(out_off / "bai", "index.html")
    steps_wall = sum(v for v in (step("open_data", 0), step("citations", 0)) if v)
    copies = text_copies_cost(args.raw)
    result = {
        "articles": len(list((out_on / "bai").glob("*/index.html"))),
        "full_build_off_s": [round(r["wall"], 2) for r in runs[False]],
        "full_build_on_s": [round(r["wall"], 2) for r in runs[True]],
        "cpu_off_s": [round(r["cpu"], 2) for r in runs[False]],
        "cpu_on_s": [round(r["cpu"], 2) for r in runs[True]],
        "median_wall_off_on_s": [round(med(False, "wall"), 2), round(med(True, "wall"), 2)],
        "median_cpu_off_on_s": [round(med(False, "cpu"), 2), round(med(True, "cpu"), 2)],
        "extra_cpu_pct": round(100 * (med(True, "cpu") - med(False, "cpu")) / med(False, "cpu"), 1),
        "paired_extra_cpu_s": round(statistics.median(a["cpu"] - b["cpu"] for a, b in zip(runs[True], runs[False])), 2),
        "open_data_step_wall_cpu_s": [step("open_data", 0), step("open_data", 1)],
        "citations_step_wall_cpu_s": [step("citations", 0), step("citations", 1)],
        "text_copies": copies,
        "steps_and_copies_wall_s": round(steps_wall + copies["write_wall_cpu_s"][0], 3),
        "steps_and_copies_pct_of_on_build_wall": round(100 * (steps_wall + copies["write_wall_cpu_s"][0]) / med(True, "wall"), 1),
        "rebuild_unchanged_off_on_s": [round(again_off["wall"], 2), round(again_on["wall"], 2)],
        "rebuild_unchanged_steps": again_on["steps"],
        "bytes": {
            "output_off": size(out_off), "output_on": size(out_on),
            "du_lieu": size(out_on / "du-lieu"), "bao_cao": size(out_on / "bao-cao"),
            **sidecars, "article_pages_off_on": [pages_off, pages_on],
            "content_rawnews_text": size(last_on / "content" / ".rawnews" / "text"),
        },
    }
    result["bytes"]["extra_output_pct"] = round(100 * (result["bytes"]["output_on"] - result["bytes"]["output_off"]) / result["bytes"]["output_off"], 1)
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The cost of the dataset (plugins/open_data): full builds with OPEN_DATA
on and off, side by side, alternating, each from empty content, cache and
output folders, as `make html` runs them; then a rebuild with nothing changed.

    .venv/bin/python bench/open_data_bench.py RAW WORK [--reps 3]

Prints JSON: wall times (median), the plugin's own step as it logs it, and
the size of du-lieu/. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEP = re.compile(r"open_data: .*?([0-9.]+) s\)?\s*$", re.M)


def build(raw: Path, site: Path, enabled: bool) -> tuple[float, float | None]:
    env = {**os.environ, "RAWNEWS_SOURCE": str(raw)}
    command = [
        str(ROOT / ".venv" / "bin" / "pelican"), str(site / "content"), "-o", str(site / "output"),
        "-s", str(ROOT / "pelicanconf.py"), "-v",
        "-e", f"CACHE_PATH={json.dumps(str(site / 'cache'))}", f"OPEN_DATA={json.dumps({'ENABLED': enabled})}",
    ]
    (site / "content").mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - began
    step = STEP.search(done.stdout + done.stderr)
    return wall, float(step.group(1)) if step else None


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    times: dict[bool, list[float]] = {True: [], False: []}
    steps: list[float] = []
    for rep in range(args.reps):
        for enabled in ((False, True) if rep % 2 == 0 else (True, False)):
            site = args.work / f"{'on' if enabled else 'off'}-{rep}"
            shutil.rmtree(site, ignore_errors=True)
            wall, step = build(args.raw, site, enabled)
            times[enabled].append(wall)
            if enabled and step is not None:
                steps.append(step)
    on_site = args.work / f"on-{args.reps - 1}"
    data = on_site / "output" / "du-lieu"
    rebuild_on, rebuild_step = build(args.raw, on_site, True)
    rebuild_off, _ = build(args.raw, args.work / f"off-{args.reps - 1}", False)
    on, off = statistics.median(times[True]), statistics.median(times[False])
    result = {
        "articles": json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["count"],
        "full_build_off_s": [round(t, 2) for t in times[False]],
        "full_build_on_s": [round(t, 2) for t in times[True]],
        "median_off_s": round(off, 2),
        "median_on_s": round(on, 2),
        "extra_s": round(on - off, 2),
        "extra_pct": round(100 * (on - off) / off, 1),
        "open_data_step_s": steps,
        "step_pct_of_full_build": round(100 * statistics.median(steps) / on, 1) if steps else None,
        "rebuild_unchanged_off_s": round(rebuild_off, 2),
        "rebuild_unchanged_on_s": round(rebuild_on, 2),
        "rebuild_unchanged_step_s": rebuild_step,
        "du_lieu_bytes": {p.name: p.stat().st_size for p in sorted(data.iterdir())},
        "du_lieu_total_bytes": folder_size(data),
        "output_total_bytes": folder_size(on_site / "output"),
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

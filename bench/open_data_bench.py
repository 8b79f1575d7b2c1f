"""The cost of the dataset (plugins/vnarchive/open_data): full builds with OPEN_DATA
on and off, side by side, alternating, each from empty content, cache and
output folders, as `make html` runs them; then a rebuild with nothing changed.

    .venv/bin/python bench/open_data_bench.py RAW WORK [--reps 3]

Prints JSON: wall times (median), the plugin's own step as it logs it, and
the size of du-lieu/; CPU seconds of each build's process tree too,
steadier than wall time on a shared machine. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEP = re.compile(r"open_data: [^\n]*?\(([0-9.]+) s, CPU ([0-9.]+) s\)")


def build(raw: Path, site: Path, enabled: bool) -> tuple[float, float, list[float] | None]:
    """Wall and CPU seconds of one build (its whole process tree), and the
    plugin's own step (wall, CPU) as it logs it."""
    env = {**os.environ, "RAWNEWS_SOURCE": str(raw), "COLUMNS": "1000"}
    command = [
        str(ROOT / ".venv" / "bin" / "pelican"), str(site / "content"), "-o", str(site / "output"),
        "-s", str(ROOT / "pelicanconf.py"), "-v",
        "-e", f"CACHE_PATH={json.dumps(str(site / 'cache'))}", f"OPEN_DATA={json.dumps({'ENABLED': enabled})}",
    ]
    (site / "content").mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    step = STEP.search(done.stdout + done.stderr)
    return wall, cpu, [float(step.group(1)), float(step.group(2))] if step else None


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    times: dict[bool, list[float]] = {True: [], False: []}
    cpus: dict[bool, list[float]] = {True: [], False: []}
    steps: list[list[float]] = []
    for rep in range(args.reps):
        for enabled in ((False, True) if rep % 2 == 0 else (True, False)):
            site = args.work / f"{'on' if enabled else 'off'}-{rep}"
            shutil.rmtree(site, ignore_errors=True)
            wall, cpu, step = build(args.raw, site, enabled)
            times[enabled].append(wall)
            cpus[enabled].append(cpu)
            if enabled and step is not None:
                steps.append(step)
    on_site = args.work / f"on-{args.reps - 1}"
    data = on_site / "output" / "du-lieu"
    rebuild_on, _, rebuild_step = build(args.raw, on_site, True)
    rebuild_off, _, _ = build(args.raw, args.work / f"off-{args.reps - 1}", False)
    on, off = statistics.median(times[True]), statistics.median(times[False])
    cpu_on, cpu_off = statistics.median(cpus[True]), statistics.median(cpus[False])
    step_wall = statistics.median(s[0] for s in steps) if steps else None
    step_cpu = statistics.median(s[1] for s in steps) if steps else None
    result = {
        "articles": json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["count"],
        "full_build_off_s": [round(t, 2) for t in times[False]],
        "full_build_on_s": [round(t, 2) for t in times[True]],
        "median_off_s": round(off, 2),
        "median_on_s": round(on, 2),
        "extra_s": round(on - off, 2),
        "extra_pct": round(100 * (on - off) / off, 1),
        "cpu_off_s": [round(t, 2) for t in cpus[False]],
        "cpu_on_s": [round(t, 2) for t in cpus[True]],
        "median_cpu_off_s": round(cpu_off, 2),
        "median_cpu_on_s": round(cpu_on, 2),
        "extra_cpu_pct": round(100 * (cpu_on - cpu_off) / cpu_off, 1),
        # each on build against the off build of the same pair: steadier than two medians
        "paired_extra_cpu_s": round(statistics.median(a - b for a, b in zip(cpus[True], cpus[False])), 2),
        "open_data_step_wall_cpu_s": steps,
        "step_wall_pct_of_build_wall": round(100 * step_wall / on, 1) if steps else None,
        "step_cpu_pct_of_build_cpu": round(100 * step_cpu / cpu_on, 1) if steps else None,
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

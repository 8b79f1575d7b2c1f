"""Time the whole conversion command (`python -m rawnews convert`), cold -j 1,
cold -j 2 and warm, as a user runs it: interpreter start-up included.

    .venv/bin/python bench/conversion_speed.py RAW [--baseline OTHER_PLUGINS_DIR] [--current PLUGINS_DIR] [--rounds 2] [--variant "NAME=ARGS"]

Each pass runs in a fresh process; its wall time and CPU seconds (the
command and its worker processes) are printed. With --baseline, the same
passes run with another copy of the plugins (e.g. `git archive <commit>
plugins | tar -x -C /tmp/base`, then `--baseline /tmp/base/plugins`) alternately, so both see the same
load on a shared machine. `--variant "no-limit=--timeout 0"` adds the current
code run with extra command-line arguments (here: without the per-file time
limit, to measure what it costs). Also prints what bench/run.py's
machine_parallelism() reports: the speed-up the machine gives right now to
two CPU-bound processes, the ceiling for -j 2. Not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_once(plugins: Path, raw: Path, dest: Path, jobs: int, extra: tuple[str, ...] = ()) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers)."""
    env = {**os.environ, "PYTHONPATH": str(plugins)}
    command = [sys.executable, "-m", "rawnews", "convert", str(raw), str(dest), "-q", "-j", str(jobs), *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"conversion failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def passes(plugins: Path, raw: Path, work: Path, extra: tuple[str, ...] = ()) -> dict[str, tuple[float, float]]:
    result = {}
    for jobs in (1, 2):
        dest = work / f"j{jobs}"
        shutil.rmtree(dest, ignore_errors=True)
        result[f"cold -j {jobs}"] = run_once(plugins, raw, dest, jobs, extra)
    result["warm -j 2"] = run_once(plugins, raw, work / "j2", 2, extra)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--baseline", type=Path, help="another plugins folder to compare with")
    parser.add_argument("--current", type=Path, default=ROOT / "plugins", help="the plugins folder measured as current (default: this checkout's; a frozen copy lets you edit meanwhile)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=ARGS",
                        help="also run the current code with these extra arguments (e.g. 'no-limit=--timeout 0')")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from run import machine_parallelism

    files = sum(1 for _ in args.raw.rglob("*.txt"))
    versions: dict[str, tuple[Path, tuple[str, ...]]] = {"current": (args.current, ())}
    if args.baseline:
        versions["baseline"] = (args.baseline, ())
    for variant in args.variant:
        name, _, extra = variant.partition("=")
        versions[name] = (args.current, tuple(shlex.split(extra)))
    work = Path(tempfile.mkdtemp(prefix="conversion-speed-"))
    rows: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in versions}
    try:
        print(f"machine parallelism (2 CPU-bound processes): {machine_parallelism(2)}x", flush=True)
        for _ in range(args.rounds):
            for name, (plugins, extra) in versions.items():
                for label, value in passes(plugins, args.raw, work / name, extra).items():
                    rows[name].setdefault(label, []).append(value)
                    print(f"  {name:<9} {label:<10} {value[0]:6.2f} s wall {value[1]:6.2f} s CPU", flush=True)
        print(f"machine parallelism (2 CPU-bound processes): {machine_parallelism(2)}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{files:,} raw files; best of {args.rounds} (wall s, files/s, CPU s):")
    for name, table in rows.items():
        best = {label: min(values) for label, values in table.items()}
        one, two = best["cold -j 1"][0], best["cold -j 2"][0]
        cells = "  ".join(f"{label} {wall:.2f} s ({files / wall:,.0f}/s, CPU {cpu:.1f})" for label, (wall, cpu) in best.items())
        print(f"  {name:<9} {cells}  speed-up -j 2: {one / two:.2f}x"
              f" (median walls: {', '.join(f'{statistics.median(v[0] for v in vals):.2f}' for vals in table.values())})")


if __name__ == "__main__":
    main()

"""Time the converter's serial part (everything in the parent after the map)
and its passes: cold -j 1, cold -j 2 into a fresh folder, warm (nothing changed)
twice, +1 raw file. Not part of the tests.

    .venv/bin/python bench/generate_corpus.py /tmp/wp-10k -n 10000 --seed 1
    .venv/bin/python bench/warm_pass.py /tmp/wp-10k [--work /tmp/warm-pass]

Wall seconds are whole-function times in this process (no interpreter
start-up); "map" is the time in the map step (Result.timings["map"]),
"serial" the rest, detailed per phase after the map.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from vnarchive.rawnews import pipeline  # noqa: E402


def timed_run(src: Path, dest: Path, jobs: int) -> tuple[float, float, int, dict[str, float]]:
    """(total seconds, seconds in the map step, files converted, seconds per phase).

    The map step is the time from the first task sent to the last result in
    (the parent also stores results and searches duplicates meanwhile on a
    first run); the phases are Result.timings.
    """
    began = time.perf_counter()
    result = pipeline.convert_folder(src, dest, jobs=jobs)
    total = time.perf_counter() - began
    return total, result.timings.get("map", 0.0), result.converted, result.timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="warm-pass-"))
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(args.src, raw)
    rows = []
    for label, jobs, dest in (("cold -j 1", 1, "one"), ("cold -j 2", 2, "two"), ("warm -j 2 (1st)", 2, "two"), ("warm -j 2 (2nd)", 2, "two")):
        if label.startswith("cold"):
            shutil.rmtree(work / dest, ignore_errors=True)
        rows.append((label, *timed_run(raw, work / dest, jobs)))
    newest = max(raw.glob("*.txt"))
    (raw / f"zz-{newest.name}").write_bytes(newest.read_bytes().replace(b"\n", b"\n\n", 1) + "\nMột câu thêm vào.\n".encode())
    rows.append(("+1 raw file -j 2", *timed_run(raw, work / "two", 2)))
    print(f"{'pass':<18} {'total s':>8} {'map s':>8} {'serial s':>9} {'converted':>9}  after the map (s)")
    for label, total, mapped, converted, phases in rows:
        after = list(phases)[list(phases).index("map") + 1:] if "map" in phases else []
        detail = ", ".join(f"{phase} {phases[phase]:.2f}" for phase in after)
        print(f"{label:<18} {total:8.2f} {mapped:8.2f} {total - mapped:9.2f} {converted:9d}  {detail}")
    one, two = rows[0][1], rows[1][1]
    print(f"speed-up -j 2 over -j 1 (cold): {one / two:.2f}x")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

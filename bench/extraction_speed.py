"""Per-core speed of the converter's pure stages (normalize -> parse -> extract).

    .venv/bin/python bench/extraction_speed.py [ROUNDS]

Converts the seeds and the evaluation files (tests/data/eval/raw, which mix
every encoding and form the converter handles) ROUNDS times in one process
and prints files per second of CPU time (process_time: per core, fair
when other jobs share the machine), per stage. The target (performance issue) is
>= 1,000 files/s per core for the whole conversion.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from rawnews.convert import convert  # noqa: E402
from rawnews.extract import extract  # noqa: E402
from rawnews.extract.tags import extract_tags  # noqa: E402
from rawnews.model import RawFile  # noqa: E402
from rawnews.normalize import normalize  # noqa: E402
from rawnews.parse import parse  # noqa: E402


def inputs() -> list[RawFile]:
    raw = ROOT / "tests" / "data" / "eval" / "raw"
    with (raw / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {row["file"]: row for row in csv.DictReader(handle)}
    files = [RawFile(p.name, p.read_bytes(), manifest.get(p.name, {})) for p in sorted(raw.glob("*.txt"))]
    files += [RawFile(p.name, p.read_bytes()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return files


def rate(label: str, count: int, seconds: float) -> None:
    print(f"{label:<28} {count / seconds:>9,.0f} files/s")


def main(rounds: int = 30) -> None:
    files = inputs()
    total = len(files) * rounds
    size = sum(len(f.data) for f in files) / len(files)
    print(f"{len(files)} distinct files (mean {size:,.0f} bytes) x {rounds} rounds = {total} conversions, one core")
    for f in files:  # warm caches (compiled regexes, data files)
        convert(f)
    start = time.process_time()
    for _ in range(rounds):
        for f in files:
            convert(f)
    rate("whole conversion", total, time.process_time() - start)
    normalized = [normalize(f.data) for f in files]
    start = time.process_time()
    for _ in range(rounds):
        for f in files:
            normalize(f.data)
    rate("normalize", total, time.process_time() - start)
    parts = [parse(n.lines) for n in normalized]
    start = time.process_time()
    for _ in range(rounds):
        for n in normalized:
            parse(n.lines)
    rate("parse", total, time.process_time() - start)
    start = time.process_time()
    for _ in range(rounds):
        for p, f in zip(parts, files):
            extract(p, f.name, f.manifest)
    rate("extract (all)", total, time.process_time() - start)
    start = time.process_time()
    for _ in range(rounds):
        for p in parts:
            extract_tags(p.title, p.lead, p.paragraphs)
    rate("  of which tags", total, time.process_time() - start)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)

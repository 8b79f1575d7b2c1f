"""Per-core speed of the converter's pure stages (normalize -> parse -> extract).

    .venv/bin/python bench/extraction_speed.py                 # seeds and the evaluation set
    .venv/bin/python bench/extraction_speed.py seeds eval /tmp/speed-corpus --rounds 3
    .venv/bin/python bench/extraction_speed.py seeds --compare 64ea272   # before/after, alternated

A set is `seeds`, `eval` (tests/data/eval/raw, with its manifest) or a folder
of raw .txt files (with an optional manifest.csv), such as one written by
`bench/generate_corpus.py /tmp/speed-corpus -n 2000 --seed 1`;
`DIR:5000-7500` keeps only the files of 5,000 to 7,500 bytes.

For each set it prints, in CPU seconds of one process (`process_time`: one
core, fair when other jobs share the machine):

- cold: a fresh Python process imports the converter (startup and imports
  reported apart), then converts every file once: the first conversions
  also load the data files and build the matchers;
- steady: the same files converted ROUNDS more times in this process;
- where the steady time goes, stage by stage, timed as convert() runs them.

`--compare REV` also loads the converter (plugins/vnarchive/rawnews) as it was at git revision REV and
alternates the two converters on the same files (so that a busy machine
slows both alike), printing both rates. The target (performance issue) is
>= 1,000 files/s per core on seed-sized articles (5-7 KB).
"""

from __future__ import annotations

import time

_STARTED = time.process_time()  # Python's own start, before this script's imports

import argparse  # noqa: E402
import csv  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tarfile  # noqa: E402
import tempfile  # noqa: E402
import types  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
EVAL = ROOT / "tests" / "data" / "eval" / "raw"


def load_set(spec: str) -> tuple[str, list[tuple[str, bytes, dict]]]:
    """(label, [(name, bytes, manifest row)]) for a set name or folder[:min-max]."""
    folder_spec, _, size_range = spec.partition(":") if not Path(spec).exists() else (spec, "", "")
    folder = {"seeds": ROOT / "seeds", "eval": EVAL}.get(folder_spec, Path(folder_spec))
    manifest: dict[str, dict] = {}
    if (folder / "manifest.csv").exists():
        with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
            manifest = {row["file"]: {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)}
    files = [(p.name, p.read_bytes(), manifest.get(p.name, {})) for p in sorted(folder.glob("*.txt"))]
    if size_range:
        low, high = (int(x) for x in size_range.split("-"))
        files = [f for f in files if low <= len(f[1]) <= high]
    return spec, files


def converter(package: str = "vnarchive.rawnews"):
    """(convert, RawFile, Rejected) of an importable rawnews package."""
    convert = importlib.import_module(f"{package}.convert").convert
    model = importlib.import_module(f"{package}.model")
    return convert, model.RawFile, model.Rejected


def convert_all(convert, RawFile, Rejected, files) -> float:
    """CPU seconds to convert every file once."""
    started = time.process_time()
    for name, data, manifest in files:
        try:
            convert(RawFile(name, data, manifest))
        except Rejected:
            pass
    return time.process_time() - started


def cold_run(spec: str) -> None:
    """In a fresh process: startup, imports, then one pass (printed as JSON)."""
    before = time.process_time()
    sys.path.insert(0, str(PLUGINS))
    convert, RawFile, Rejected = converter()
    imports = time.process_time() - before
    startup = _STARTED
    _, files = load_set(spec)
    first = convert_all(convert, RawFile, Rejected, files)
    print(json.dumps({"startup": startup, "imports": imports, "first_pass": first, "files": len(files)}))


def stage_times(files, rounds: int) -> dict[str, float]:
    """CPU seconds per stage, each timed where convert() runs it (same order, same data)."""
    from vnarchive.rawnews import extract as ex
    from vnarchive.rawnews.extract import authors, category, dates, tags
    from vnarchive.rawnews.model import Rejected
    from vnarchive.rawnews.normalize import normalize
    from vnarchive.rawnews.parse import parse
    from vnarchive.rawnews.slug import safe_slug

    spent: dict[str, float] = {}

    def tick(label: str, since: float) -> float:
        now = time.process_time()
        spent[label] = spent.get(label, 0.0) + now - since
        return now

    for _ in range(rounds):
        for name, data, manifest in files:
            now = time.process_time()
            try:
                text = normalize(data)
                now = tick("normalize", now)
                parts = parse(text.lines)
                now = tick("parse", now)
            except Rejected:
                continue
            dates.extract_date(parts.lead, parts.paragraphs, manifest.get("published", ""), manifest.get("crawled", ""), None, parts.datelines)
            now = tick("dates", now)
            authors.extract_credits(parts.credit_lines)
            authors.lead_outlet(parts.lead)
            now = tick("credits", now)
            tags.extract_tags(parts.title, parts.lead, parts.paragraphs)
            now = tick("tags", now)
            category.extract_category(parts.title, parts.lead, parts.breadcrumb)
            now = tick("category", now)
            safe_slug(parts.title, ex.source_id(name))
            now = tick("slug, id", now)
            ex.fingerprint(parts)
            tick("fingerprint", now)
    return spent


def before_package(rev: str) -> str:
    """The converter at git revision rev, importable as `rawnews_before`
    (plugins/vnarchive/rawnews, or plugins/rawnews before the packages moved)."""
    for where in ("plugins/vnarchive/rawnews", "plugins/rawnews"):
        done = subprocess.run(["git", "-C", str(ROOT), "archive", rev, where], capture_output=True)
        if done.returncode == 0:
            break
    done.check_returncode()
    folder = Path(tempfile.mkdtemp(prefix="rawnews-before-"))
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(folder, filter="data")
    package = types.ModuleType("rawnews_before")
    package.__path__ = [str(folder / where)]
    sys.modules["rawnews_before"] = package
    return "rawnews_before"


def report(spec: str, rounds: int, compare: str | None) -> None:
    label, files = load_set(spec)
    if not files:
        print(f"{label}: no files")
        return
    size = sum(len(f[1]) for f in files) / len(files)
    print(f"\n== {label}: {len(files)} files, mean {size:,.0f} bytes")
    cold = json.loads(subprocess.run([sys.executable, __file__, "--cold-run", spec], check=True, capture_output=True, text=True).stdout)
    print(f"cold    interpreter startup {cold['startup'] * 1e3:.0f} ms, imports {cold['imports'] * 1e3:.0f} ms, "
          f"first pass {cold['first_pass'] * 1e3:.0f} ms = {cold['files'] / cold['first_pass']:,.0f} files/s "
          f"({cold['files'] / (cold['first_pass'] + cold['imports']):,.0f} files/s with the imports)")
    convert, RawFile, Rejected = converter()
    convert_all(convert, RawFile, Rejected, files)  # warm
    if compare:
        old = converter(before_package(compare))
        convert_all(*old, files)
        new_time = old_time = 0.0
        for _ in range(rounds):  # alternated: a busy machine slows both alike
            old_time += convert_all(*old, files)
            new_time += convert_all(convert, RawFile, Rejected, files)
        count = len(files) * rounds
        print(f"steady  {count / new_time:,.0f} files/s per core; at {compare}: {count / old_time:,.0f} files/s (x{old_time / new_time:.2f})")
    else:
        spent = sum(convert_all(convert, RawFile, Rejected, files) for _ in range(rounds))
        print(f"steady  {len(files) * rounds / spent:,.0f} files/s per core ({spent / (len(files) * rounds) * 1e6:,.0f} us per file)")
    stages = stage_times(files, rounds)
    total = sum(stages.values())
    print("stages  " + ", ".join(f"{k} {v / total:.0%}" for k, v in stages.items())
          + f"  ({total / (len(files) * rounds) * 1e6:,.0f} us per file)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", default=["seeds", "eval"], help="seeds, eval, or a folder of raw files (FOLDER:MIN-MAX bytes)")
    parser.add_argument("--rounds", type=int, default=0, help="steady-state passes (default: enough for about 2,000 conversions)")
    parser.add_argument("--compare", metavar="REV", help="also time the converter at this git revision, alternated")
    parser.add_argument("--cold-run", metavar="SET", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_run:
        cold_run(args.cold_run)
        return
    sys.path.insert(0, str(PLUGINS))
    for spec in args.sets:
        rounds = args.rounds or max(1, 2000 // max(1, len(load_set(spec)[1])))
        report(spec, rounds, args.compare)


if __name__ == "__main__":
    main()

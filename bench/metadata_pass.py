"""Time the sharded build's metadata pass alone, from an empty cache, step by step.

    .venv/bin/python bench/metadata_pass.py CONTENT [--young N] [--repeat K]

CONTENT is a folder of converted posts (a `make html` content folder, or
one bench/run.py made). The pass runs as the driver runs it
(shards/build._metadata_pass) in this process, with a fresh cache each
time; `--young N` sets the collector's young-generation threshold for the
pass instead of the one it chooses (700 is CPython's default), to compare.
Prints seconds per step and in all. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

from timers import Timers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--young", type=int, help="the collector's young threshold during the pass (default: the pass's own)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    from vnarchive.common import collector
    from vnarchive.shards import PLUGIN
    from vnarchive.shards import build as driver
    from vnarchive.shards.metadata import list_posts
    from vnarchive.shards.plan import listing_digest

    if args.young is not None:  # the pass asks fewer_collections for its threshold: give it this one
        chosen = args.young

        @contextlib.contextmanager
        def young_only(_young):
            saved = gc.get_threshold()
            gc.set_threshold(chosen, *saved[1:])
            try:
                yield
            finally:
                gc.set_threshold(*saved)

        collector.fewer_collections = young_only
    timers = Timers()
    for name in ("update_records", "related_lists", "make_plan"):
        timers.wrap(driver, name)
    for run in range(args.repeat):
        timers.clear()
        cache = Path(tempfile.mkdtemp(prefix="metadata-pass-"))
        try:
            settings = driver.read_build_settings(str(ROOT / "pelicanconf.py"), str(args.content), str(cache / "output"),
                                                  {"CACHE_PATH": str(cache), "RAWNEWS": {"ENABLED": False}})
            stats = list_posts(args.content, settings)
            stamp = listing_digest(((s, st.st_size, st.st_mtime_ns) for s, st in stats.items()), "bench")
            began = time.perf_counter()
            _plan, posts, _changed = driver._metadata_pass(args.content, settings, cache, PLUGIN.options(settings), "bench", False, stats, stamp)
            total = time.perf_counter() - began
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timers.seconds.items())
        young = args.young if args.young is not None else collector.BUILD_YOUNG
        print(f"run {run + 1}: {posts} posts, young threshold {young}: {total:.1f} s ({steps})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time one Pelican build of this project phase by phase, in-process.

Wall-clock marks at Pelican's signals, so a rebuild can be split into the
conversion, reading, the rest of the context, writing and `finalized` work
(search index, sitemap, report). Optionally profiles the whole build.

    .venv/bin/python bench/build_phases.py RAW CONTENT OUTPUT CACHE [--profile out.prof] [--steps] [--set KEY=JSON ...]

A sharded build's job is measured the same way: its CACHE and its `-e`
settings (`SHARDS`, `RAWNEWS`, ...) given as --set.

Runs with the committed pelicanconf.py; RAW is the raw folder the rawnews
plugin converts into CONTENT. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("content", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the build here")
    parser.add_argument("--conf", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="override a setting, as pelican -e does")
    parser.add_argument("--plugin-log", action="store_true", help="show the plugins' INFO lines (what each step did)")
    parser.add_argument("--steps", action="store_true", help="a mark after each step of writing the articles' pages and feeds")
    args = parser.parse_args(argv)
    if args.plugin_log:
        logging.basicConfig(level=logging.WARNING, format="%(relativeCreated)8.0f ms %(name)s: %(message)s")
        for name in ("rawnews", "related", "search_index", "fast_build", "archives", "feeds", "sitemap_index"):
            logging.getLogger(name).setLevel(logging.INFO)

    os.environ["RAWNEWS_SOURCE"] = str(args.raw)
    sys.path.insert(0, str(ROOT / "plugins"))
    began = time.perf_counter()
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    marks: list[tuple[str, float]] = [("imports", time.perf_counter())]

    def mark(name):
        def receiver(*_args, **_kwargs):
            marks.append((name, time.perf_counter()))

        return receiver

    # Receivers connected last run last: each mark closes the phase before it.
    hooks = {
        "article_generator_finalized": "reading articles, taxonomy, related (article context)",
        "all_generators_finalized": "the rest of the context",
        "article_writer_finalized": "writing articles, listings and feeds",
        "finalized": "writing other pages; finalized receivers before this mark",
    }
    override = {key: json.loads(value) for key, _, value in (item.partition("=") for item in args.set)}
    settings = read_settings(args.conf, override={
        "PATH": str(args.content), "OUTPUT_PATH": str(args.output), "CACHE_PATH": str(args.cache), **override,
    })
    pelican = Pelican(settings)  # registers the plugins' receivers first
    marks.append(("settings, plugins, conversion (on initialized)", time.perf_counter()))
    receivers = {name: mark(label) for name, label in hooks.items()}
    for name, receiver in receivers.items():
        getattr(signals, name).connect(receiver)
    if args.steps:  # a mark after each step of the articles' writing, in the order Pelican runs them
        from pelican.generators import ArticlesGenerator

        steps = {"generate_feeds": "feeds", "generate_articles": "article pages", "generate_period_archives": "period archives",
                 "generate_direct_templates": "direct templates (home, ...)", "generate_drafts": "tags, categories, authors, drafts"}
        for step, label in steps.items():
            def closing(self, *a, _step=getattr(ArticlesGenerator, step), _label=f"writing: {label}", **k):
                result = _step(self, *a, **k)
                marks.append((_label, time.perf_counter()))
                return result
            setattr(ArticlesGenerator, step, closing)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    pelican.run()
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    marks.append(("finalized receivers after the mark, summary", time.perf_counter()))

    last = began
    for label, at in marks:
        print(f"{at - last:8.2f} s  {label}")
        last = at
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{last - began:8.2f} s  total (peak RSS of this process {own.ru_maxrss / 1024:,.0f} MiB; Pagefind runs in its own processes)")
    print(f"{own.ru_utime + own.ru_stime:8.2f} s  CPU of this process; {children.ru_utime + children.ru_stime:.2f} s CPU of its children (workers, Pagefind)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

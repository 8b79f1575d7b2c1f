"""Run one job of a built sharded site again, in this process, with timers on the steps that cost.

    .venv/bin/python bench/job_timers.py CONTENT OUTPUT CACHE_PATH JOB [--conf pelicanconf.py] [--set KEY=JSON ...]

CONTENT, OUTPUT and CACHE_PATH are those of an earlier `python -m
vnarchive.shards build` (so the job's folders and reads exist); JOB is a
job's name ("listing", "2024..2027", ...). The job's command is made as the
driver makes it (its plan from the kept metadata), then Pelican runs it
here with wall-clock totals for: reading posts, the generators' context and
output, the page and feed keys (fast_build), each post's digest, the
rendering queue, the open dataset's files and Pelican's relative source
paths, and the wait for the open dataset's child (which writes it beside
the rendering). Run it with the environment of that build
(RAWNEWS_SOURCE=RAW). The job's own state is used and updated, as in a
build: run it on a copy of the cache to replay one case several times. Not
a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from timers import Timers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def job_argv(content: str, output: str, cache_path: str, name: str, conf: str, extra: dict) -> list[str]:
    """The job's pelican arguments, as the sharded build's driver gives them (its own steps:
    the settings and cache folder of a run, the metadata pass, the job's spec)."""
    from vnarchive.shards import build as driver
    from vnarchive.shards.metadata import list_posts
    from vnarchive.shards.plan import listing_digest
    from vnarchive.shards.run import command

    run = driver._Run(content, output, conf, {"CACHE_PATH": cache_path, **extra}, False)
    run.env = driver.environment(run.settings, conf)
    stats = list_posts(run.content, run.settings)
    stamp = listing_digest(((k, v.st_size, v.st_mtime_ns) for k, v in stats.items()), run.env)
    plan, _posts, _changed = driver._metadata_pass(run.content, run.settings, run.cache, run.options, run.env, False, stats, stamp)
    argv = command(run._spec(name, name in plan.reads))
    return argv[argv.index("vnarchive.shards.job") + 1:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("cache_path")
    parser.add_argument("job")
    parser.add_argument("--conf", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="a setting, as the driver's -e")
    args = parser.parse_args(argv)
    extra = {key: json.loads(value) for key, value in (item.split("=", 1) for item in args.set)}
    pelican_args = job_argv(args.content, args.output, args.cache_path, args.job, args.conf, extra)

    timers = Timers()
    timed = timers.wrap

    import pelican
    import pelican.contents as contents
    import pelican.generators as generators
    import pelican.readers as readers

    from vnarchive.common import workers
    from vnarchive.fast_build import digest, writer

    timed(readers.Readers, "read_file", "reading posts")
    timed(generators.ArticlesGenerator, "generate_context", "articles: context")
    timed(generators.ArticlesGenerator, "generate_output", "articles: output")
    timed(writer.FastBuildMixin, "_page_key", "page keys")
    timed(writer.FastBuildMixin, "_feed_key", "feed keys")
    timed(writer.FastBuildMixin, "flush", "rendering queue")
    timed(digest.Digester, "content_item", "post digests (listed)")
    timed(digest.Digester, "content_own", "post digests (own page)")
    timed(workers.Child, "result", "waiting for a child")  # the open dataset, written in a forked child
    timed(contents.Content, "get_relative_source_path", "relative source paths")
    sys.argv = ["pelican", *pelican_args]
    began = time.perf_counter()
    try:
        pelican.main()
    except SystemExit as stop:
        if stop.code:
            raise
    print(f"job {args.job}: {time.perf_counter() - began:.2f} s")
    for label, seconds in timers.seconds.most_common():
        print(f"  {label:26s} {seconds:7.2f} s  ({timers.calls[label]} calls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

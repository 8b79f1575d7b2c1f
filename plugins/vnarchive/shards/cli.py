"""`python -m vnarchive.shards build|html CONTENT OUTPUT -s SETTINGS`.

`build` always builds sharded; `html` is what `make html` runs: sharded or
the single-process `pelican` command, chosen by SHARDS["MODE"] and, for
"auto", by the number of raw files and posts against SHARDS["THRESHOLD"].
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path


def _count(folder: Path, suffixes: tuple[str, ...]) -> int:
    try:
        return sum(1 for entry in os.scandir(folder) if entry.name.endswith(suffixes))
    except OSError:
        return 0


def choose(settings: dict, content: Path) -> str:
    """"sharded" or "single" for `make html`."""
    from . import PLUGIN

    options = PLUGIN.options(settings)
    mode = str(options["MODE"])
    if mode in ("single", "sharded"):
        return mode
    if options["THRESHOLD"] is None:
        return "single"
    raw = (settings.get("RAWNEWS") or {}).get("SOURCE")
    size = max(_count(content, (".md",)), _count(Path(raw), (".txt", ".html", ".htm")) if raw else 0)
    return "sharded" if size >= int(options["THRESHOLD"]) else "single"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vnarchive.shards", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("build", "html"))
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[], help="KEY=JSON, as pelican -e")
    parser.add_argument("--executor", choices=("process", "dask"))
    parser.add_argument("--scheduler", help="Dask scheduler address (with --executor dask)")
    parser.add_argument("-j", "--jobs", type=int, help="jobs at once on local processes")
    parser.add_argument("--force", action="store_true", help="run every job, whatever changed")
    parser.add_argument("--mode", choices=("auto", "single", "sharded"), help="for `html`: overrides SHARDS[\"MODE\"]")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    extra = {}
    for item in args.extra_settings:
        key, _sep, value = item.partition("=")
        extra[key] = json.loads(value)
    from .build import build, read_build_settings

    if args.command == "html":
        settings = read_build_settings(args.settings, args.content, args.output, extra)
        if args.mode:
            settings["SHARDS"] = {**(settings.get("SHARDS") or {}), "MODE": args.mode}
        if choose(settings, Path(settings["PATH"])) == "single":
            command = [sys.executable, "-m", "pelican", args.content, "-o", args.output, "-s", args.settings]
            if args.extra_settings:
                command += ["-e", *args.extra_settings]
            return subprocess.call(command)
    executor = "dask" if args.scheduler and not args.executor else args.executor
    from vnarchive.rawnews.errors import ConversionError

    try:
        report = build(args.content, args.output, args.settings, extra=extra, executor=executor, scheduler=args.scheduler, jobs=args.jobs, force=args.force)
    except ConversionError as error:  # it could not run at all (another run holds the output, a missing folder): one line
        print(f"shards: {error}", file=sys.stderr)
        return 2
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
    jobs = ", ".join(f"{r.name} {r.seconds:.1f} s" for r in sorted(report.results, key=lambda r: -r.seconds))
    print(f"shards: {report.posts} posts ({report.changed_posts} changed); {len(report.ran)} of {len(report.shards)} jobs run "
          f"({', '.join(report.ran) or 'none'}); merge: {report.merge.placed} placed, {report.merge.kept} kept, {report.merge.deleted} deleted; {timings}"
          + (f"; jobs: {jobs}" if jobs else "") + ("; the listing job beside the metadata pass" if report.listing_early else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

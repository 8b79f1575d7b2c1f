"""`python -m rawnews convert SRC DEST --report REPORT.json`."""

from __future__ import annotations

import argparse
import sys

from .errors import ConversionError
from .executors import configured
from .pipeline import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, convert_folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rawnews", description="Convert scraped Vietnamese news text into Pelican Markdown posts.")
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="convert a folder of raw .txt files")
    convert.add_argument("src", help="folder of raw .txt files (and an optional manifest.csv)")
    convert.add_argument("dest", help="folder for the Markdown posts")
    convert.add_argument("--report", help="write the JSON conversion report here")
    convert.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    convert.add_argument("--default-year", type=int, default=None, help="year for day-month dates when the text gives none")
    convert.add_argument("--strict", action="store_true", help="exit 1 when any input failed to convert (for CI)")
    convert.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N", help=f"larger files are reported as failures, never read (default {DEFAULT_MAX_BYTES})")
    convert.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=f"a file that takes longer to convert is reported as a failure (default {DEFAULT_TIMEOUT:g}; 0: no limit; not enforced on Dask)")
    convert.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    convert.add_argument("--executor", choices=("process", "serial", "dask"), default="process", help="where files are converted: local processes (default), this process, or a Dask cluster")
    convert.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --executor dask (tcp://HOST:8786)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.executor == "dask" and not args.scheduler:
        build_parser().error("--executor dask needs --scheduler ADDRESS")
    try:
        with configured(args.executor, args.scheduler):
            result = convert_folder(
                args.src,
                args.dest,
                report_path=args.report,
                jobs=args.jobs,
                default_year=args.default_year,
                max_bytes=args.max_bytes,
                timeout=args.timeout,
                progress=not args.quiet and sys.stderr.isatty(),
            )
    except ConversionError as error:
        print(f"rawnews: {error}", file=sys.stderr)
        return 2
    counts = result.counts()
    if not args.quiet:
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        print(f"rawnews: {len(result.entries)} inputs: {summary}; {result.written} posts written, {result.removed} removed")
        if result.manifest_unmatched:
            print(f"rawnews: {len(result.manifest_unmatched)} manifest.csv rows name no file (the report lists them)", file=sys.stderr)
    if args.strict and counts.get("failed"):
        if args.quiet:
            print(f"rawnews: {counts['failed']} inputs failed to convert (--strict)", file=sys.stderr)
        return 1
    return 0

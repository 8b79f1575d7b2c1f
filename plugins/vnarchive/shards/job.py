"""One job of a sharded build: `python -m vnarchive.shards.job ARGS` is `pelican ARGS`, ended
without the interpreter's teardown.

Once Pelican has written a job's files and its caches, the process would still free its
whole context object by object on the way out, a noticeable share of a small job's time for
nothing (the process ends). So after Pelican returns, the logs and the standard streams are
flushed and the process exits at once, with Pelican's exit status.
"""

from __future__ import annotations

import logging
import os
import sys


def main(argv: list[str] | None = None) -> None:
    from pelican import main as pelican_main

    code = 0
    try:
        pelican_main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()

"""`python -m rawnews convert SRC DEST --report R.json`: the converter's
command line under the name the Makefile, scripts and users run.

The converter is `vnarchive.rawnews` (see docs/architecture.md: the
project's packages live under one name that collides with nothing on
PyPI). This module only delegates, so that this stable command keeps
working; use `python -m vnarchive.rawnews` or `vnarchive.rawnews.cli` in
new code. It is why pelicanconf.py sets no PLUGIN_PATHS: Pelican looks the
last part of a dotted plugin name up in PLUGIN_PATHS first, and would take
this file for `vnarchive.rawnews`.
"""

import sys

from vnarchive.rawnews.cli import main

if __name__ == "__main__":
    sys.exit(main())

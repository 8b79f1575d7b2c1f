"""Settings for `make publish SITEURL=https://example.org/sub/path`.

Everything as in pelicanconf.py, plus: absolute URLs (feeds, canonical
links, sitemap) under SITEURL, which may be a sub-path of a domain; a
clean output folder; minified HTML/CSS and pre-compressed .gz/.br copies.
See docs/feeds.md.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403
from pelicanconf import HERE, PLUGINS  # noqa: E402

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
# Cached content carries the settings it was read with: keep the publish
# build's cache apart from the development build's.
CACHE_PATH = str(HERE / ".cache" / "pelican-publish")

PLUGINS = [*PLUGINS, "vnarchive.publish_assets"]
PUBLISH_MINIFY = True
PUBLISH_PRECOMPRESS = True
PRECOMPRESS_BROTLI_QUALITY = 8  # pages and feeds; CSS/JS always 11 (plugins/vnarchive/publish_assets/compress.py)
PRECOMPRESS_MIN_SIZE = 256  # bytes: below this, HTTP headers outweigh the saving
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg", ".webmanifest"}

"""Vanilla Pelican 4.12 settings: the yardstick for the build-time ratio.

Default theme ("notmyidea"), no plugins, Pelican's default Markdown
extensions and URLs, and the same feeds and pagination as the site's
pelicanconf.py, run on the same posts. bench/run.py passes PATH and OUTPUT_PATH.
"""

SITENAME = "Vanilla Pelican"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
ARTICLE_PATHS = [""]
PAGE_PATHS = []
STATIC_PATHS = []
IGNORE_FILES = [".#*", ".rawnews"]
READERS = {"rst": None, "html": None, "htm": None}
PLUGINS = []
DELETE_OUTPUT_DIRECTORY = False

DEFAULT_PAGINATION = 20
DEFAULT_ORPHANS = 0

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
AUTHOR_FEED_RSS = "feeds/author/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50
RSS_FEED_SUMMARY_ONLY = True

YEAR_ARCHIVE_SAVE_AS = "posts/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = "posts/{date:%Y}/{date:%m}/index.html"

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

"""Pelican settings for the Vietnamese news archive (development build).

`make html` uses this file; `make publish` uses publishconf.py, which imports
it and switches to absolute URLs. SEEDS is passed in the environment by the
Makefile (RAWNEWS_SOURCE) so that `make html SEEDS=dir` works.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "Lưu trữ tin tức"
SITESUBTITLE = "Kho lưu trữ tin bài báo chí tiếng Việt"
SITEURL = ""
RELATIVE_URLS = True
DEFAULT_LANG = "vi"
LOCALE = ("C.UTF-8", "C")  # dates come from Babel; C.UTF-8 keeps Python's default encoding UTF-8
TIMEZONE = "Asia/Ho_Chi_Minh"

PATH = "content"
OUTPUT_PATH = "output"
ARTICLE_PATHS = [""]
PAGE_PATHS = []
STATIC_PATHS = []
IGNORE_FILES = [".#*", ".rawnews"]
DELETE_OUTPUT_DIRECTORY = False

THEME = str(HERE / "theme")
# The plugins are the installed package vnarchive (`make setup`), so no
# PLUGIN_PATHS (plugins/rawnews.py says why there must be none here).
PLUGINS = [
    "vnarchive.rawnews", "vnarchive.vi_dates", "vnarchive.site_theme", "vnarchive.archives", "vnarchive.related",
    "vnarchive.search_index", "vnarchive.feeds", "vnarchive.sitemap_index", "vnarchive.open_data", "vnarchive.places",
    "vnarchive.citations", "vnarchive.report_page",
    "vnarchive.fast_build", "vnarchive.outlets", "vnarchive.by_author", "vnarchive.reading_time", "vnarchive.shards",
    "vnarchive.article_order",
]
# One language, no translations: Pelican's translation pass is quadratic in the
# article count; vnarchive.article_order keeps the order it gave.
ARTICLE_TRANSLATION_ID = None

RAWNEWS = {
    "SOURCE": os.environ.get("RAWNEWS_SOURCE") or str(HERE / "seeds"),
}

# Only the metadata extension: scraped text is escaped by the converter and
# needs no other Markdown feature (fewer features, nothing to abuse, faster).
MARKDOWN = {"extensions": [], "extension_configs": {}, "output_format": "html5"}
READERS = {"rst": None, "html": None, "htm": None}  # posts are Markdown only

DEFAULT_CATEGORY = "Tin tổng hợp"
DEFAULT_PAGINATION = 20
DEFAULT_ORPHANS = 0
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

# Readable Vietnamese URLs, each page a folder so links stay clean.
ARTICLE_URL = "bai/{slug}/"
ARTICLE_SAVE_AS = "bai/{slug}/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_SAVE_AS = "tac-gia/index.html"
TAG_URL = "chu-de/{slug}/"
TAG_SAVE_AS = "chu-de/{slug}/index.html"
TAGS_SAVE_AS = "chu-de/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
# Year/month archives are written by vnarchive.archives (DATE_ARCHIVES below),
# which files each article at the precision of its date; Pelican's own
# would put a year-only date in January and an unknown one under 1900.
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
# Its defaults give luu-tru/<yyyy>/, luu-tru/<yyyy>/<mm>/ and luu-tru/khong-ro-ngay/.
DATE_ARCHIVES = {}
# Theme pages (vnarchive.site_theme), related articles (vnarchive.related) and the
# Pagefind search index (vnarchive.search_index): defaults are documented there.
# The archive as a dataset in du-lieu/ (vnarchive.open_data; defaults documented there).
OPEN_DATA = {"ENABLED": True}
SITE_THEME = {"PAGES": {"about": "gioi-thieu/index.html", "search": "tim-kiem/index.html", "404": "404.html"}}
# The sharded build (vnarchive.shards; `make html SHARDED=1`): year jobs never own du-lieu/, so they skip writing it;
# the listing job renders no article page, so it skips their "other articles by the author" lists.
SHARDS = {"SHARD_SETTINGS": {"OPEN_DATA": {"ENABLED": False}}, "LISTING_SETTINGS": {"BY_AUTHOR": {"ENABLED": False}}}
DAY_ARCHIVE_SAVE_AS = ""
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives"]

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/chuyen-muc/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/chuyen-muc/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/chu-de/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/chu-de/{slug}.rss.xml"
AUTHOR_FEED_ATOM = "feeds/tac-gia/{slug}.atom.xml"
AUTHOR_FEED_RSS = "feeds/tac-gia/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50
FEED_FULL_TEXT = False  # True: the whole article in every feed item, not only the lead

# Reading Markdown is half of Pelican's work: keep parsed content between builds.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = str(HERE / ".cache" / "pelican")
GZIP_CACHE = False  # the cache is read and written on every build: gzip cost ~1 s per 5,000 posts
# The converter rewrites a post only when its text changes, so a file's time
# says whether it changed; hashing read every post three times per build.
CHECK_MODIFIED_METHOD = "mtime"

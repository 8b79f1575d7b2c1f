"""Sites built once per test session and shared by the feed, sitemap, link
and publish tests: a generated corpus (bench/generate_corpus.py, awkward
files included) plus a few hand-written hostile files, built as
`make html` does (relative URLs) and as `make publish` does (absolute URLs
under a sub-path, minified, pre-compressed)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, build_site, copy_seeds

sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus  # noqa: E402

SITE_URL = "https://example.org/tin-tuc/luu-tru"
CORPUS_SIZE = 72
CORPUS_SEED = 5
PER_PAGE = 4

# Raw files that a scraper could produce and that test the XML side:
# markup and entities in a title, XML-forbidden control characters, a
# quote in a name, and one text of each date precision (the month and the
# year from the manifest: a month or year the text names is not its date).
HOSTILE = {
    "900_aaaaaaaaaaaaaaaa.txt": (
        "Cảnh báo <script>alert('x')</script> & \"lừa đảo\" qua mạng \x01\x0b]]>\n\n"
        "Sáng ngày 3/4/2021, Công an tỉnh Kon Tum cảnh báo thủ đoạn lừa đảo \x1b[31m qua mạng xã hội\x7f\x85.\n\n"
        "Người dân cần cảnh giác với tin nhắn lạ \x0c và không cung cấp mã OTP.\n\n"
        "Tác giả: H'Hen Niê\n"
    ),
    "901_bbbbbbbbbbbbbbbb.txt": (
        "Tổng kết phong trào thi đua tháng 4/2021 tại Kon Tum\n\n"
        "Trong tháng 4/2021, các đơn vị đã hoàn thành chỉ tiêu thi đua đề ra.\n\n"
        "Kết quả được đánh giá cao tại hội nghị tổng kết của tỉnh Kon Tum.\n\n"
        "Tác giả: Trần Văn Bình\n"
    ),
    "902_cccccccccccccccc.txt": (
        "Kết quả công tác phòng chống thiên tai năm 2019\n\n"
        "Trong năm 2019, tỉnh Kon Tum đã chủ động ứng phó với nhiều đợt mưa lũ.\n\n"
        "Công tác cứu hộ được triển khai kịp thời tại các huyện.\n\n"
        "Tác giả: Trần Văn Bình\n"
    ),
    "903_dddddddddddddddd.txt": (
        "Bài viết không rõ thời gian về văn hóa cồng chiêng\n\n"
        "Văn hóa cồng chiêng Tây Nguyên là di sản quý báu của đồng bào các dân tộc.\n\n"
        "Nhiều nghệ nhân vẫn đang truyền dạy cho thế hệ trẻ.\n\n"
        "Tác giả: Trần Văn Bình\n"
    ),
}

MANIFEST = "file,url,published,crawled\n901_bbbbbbbbbbbbbbbb.txt,,2021-04,\n902_cccccccccccccccc.txt,,2019,\n"

_built: dict[str, Path] = {}


def write_corpus(raw: Path, size: int = CORPUS_SIZE, seed: int = CORPUS_SEED) -> Path:
    """Seeds + `size` generated files + the hostile files, in one raw folder."""
    copy_seeds(raw)
    generate_corpus.generate(raw, size, seed=seed)
    for name, text in HOSTILE.items():
        (raw / name).write_text(text, encoding="utf-8")
    (raw / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    return raw


def _build(tmp_path_factory, name: str, **overrides) -> Path:
    if name not in _built:
        base = tmp_path_factory.mktemp(name)
        raw = write_corpus(base / "raw")
        _built[name] = build_site(base, raw, **overrides)
    return _built[name]


def corpus_site(tmp_path_factory) -> Path:
    """The corpus as `make html` builds it (relative URLs), 4 articles a page,
    so that its biggest tag ("tập huấn", 32 articles) has 8 pages for the
    pagination tests (tests/browser/test_navigation.py) and every link they
    add is checked (test_links.py)."""
    return _build(tmp_path_factory, "corpus-dev", DEFAULT_PAGINATION=PER_PAGE)


def corpus_publish_site(tmp_path_factory) -> Path:
    """The corpus as `make publish SITEURL=SITE_URL` builds it."""
    return _build(tmp_path_factory, "corpus-publish", conf="publishconf.py", SITEURL=SITE_URL, FEED_DOMAIN=SITE_URL, DEFAULT_PAGINATION=PER_PAGE)


def posts(site: Path) -> dict[str, dict[str, str]]:
    """Metadata of the converted posts behind a built site, by slug."""
    found = {}
    for post in (site.parent / "content").glob("*.md"):
        head = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        found[meta["Slug"]] = meta
    return found

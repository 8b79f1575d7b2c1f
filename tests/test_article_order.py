"""article_order: without Pelican's translation pass the site is byte for byte the same."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import build_site

from vnarchive.article_order import slug_then_newest


def _write_posts(content: Path, count: int, seed: int) -> None:
    """Posts whose file names do not sort like their slugs, many sharing a date (the ties the order must settle)."""
    rng = random.Random(seed)
    content.mkdir(parents=True)
    for number in range(count):
        slug = f"bai-{rng.randrange(10**6):06d}-{number}"
        day = 1 + number % 3  # three dates, a third of the posts each
        status = "hidden" if number % 7 == 0 else "published"
        tag = f"chu-de-{number % 2}"
        (content / f"{rng.randrange(10**9):09d}.md").write_text(
            f"Title: Bài số {number}\nSlug: {slug}\nDate: 2024-05-0{day} 08:00\nCategory: Thời sự\n"
            f"Tags: {tag}\nAuthors: Phóng viên {number % 2}\nStatus: {status}\n\nNội dung bài {number}.\n",
            encoding="utf-8")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_site_without_the_translation_pass_equals_the_site_with_it(tmp_path):
    built = {}
    for name, translation_id in (("with-pass", "slug"), ("without", None)):
        _write_posts(tmp_path / name / "content", 30, seed=5)
        built[name] = _files(build_site(tmp_path / name, tmp_path / "none", RAWNEWS={"ENABLED": False}, SEARCH_INDEX={"ENABLED": False},
                                        ARTICLE_TRANSLATION_ID=translation_id, DEFAULT_PAGINATION=4))
    assert len(built["with-pass"]) > 20
    assert built["without"].keys() == built["with-pass"].keys()
    different = [name for name in built["with-pass"] if built["with-pass"][name] != built["without"][name]]
    assert different == []


class _Post:
    def __init__(self, slug, date):
        self.slug, self.date = slug, date


def test_equal_dates_keep_slug_order_newest_first():
    posts = [_Post("c", 1), _Post("a", 2), _Post("b", 1), _Post("d", 2)]
    slug_then_newest(posts)
    assert [p.slug for p in posts] == ["a", "d", "b", "c"]

"""The restricted-Markdown reader gives exactly what Python-Markdown gives."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus  # noqa: E402
from vnarchive.fast_build.reader import FastMarkdownReader, restricted_form_applies  # noqa: E402
from vnarchive.fast_build.restricted_markdown import render_inline, render_paragraphs, split_post  # noqa: E402
from vnarchive.rawnews.emit import escape_markdown  # noqa: E402


def _python_markdown(text: str) -> str:
    return markdown.Markdown(extensions=[], output_format="html5").convert(text)


@pytest.fixture(scope="module")
def posts(tmp_path_factory) -> list[Path]:
    from vnarchive.rawnews.pipeline import convert_folder

    base = tmp_path_factory.mktemp("reader")
    generate_corpus.generate(base / "raw", 160, seed=17)
    convert_folder(base / "raw", base / "content", jobs=1)
    return sorted((base / "content").glob("*.md"))


def test_same_content_and_metadata_as_pelicans_reader(posts):
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    slow, fast = MarkdownReader(settings), FastMarkdownReader(settings)
    assert restricted_form_applies(settings["MARKDOWN"])
    before = dict(FastMarkdownReader.stats)
    for post in posts:
        assert fast.read(str(post)) == slow.read(str(post)), post.name
    used = FastMarkdownReader.stats["fast"] - before["fast"]
    assert used >= 0.9 * len(posts), "the fast path should handle the converter's posts"


def test_one_tag_category_and_author_object_per_name(tmp_path):
    from pelican.settings import read_settings
    from pelican.urlwrappers import Author, Category, Tag

    reader = FastMarkdownReader(read_settings(str(ROOT / "pelicanconf.py")))
    read = []
    for number, tags in enumerate(("Hà Nội; Giáo dục", "Giáo dục; Y tế")):
        post = tmp_path / f"{number}.md"
        post.write_text(f"Title: Bài {number}\nDate: 2024-01-0{number + 1}\nCategory: Thời sự\nAuthors: Minh Anh\n"
                        f"Tags: {tags}\n\nNội dung.\n", encoding="utf-8")
        read.append(reader.read(str(post))[1])
    first, second = read
    assert [t.name for t in first["tags"]] == ["Hà Nội", "Giáo dục"] and [t.name for t in second["tags"]] == ["Giáo dục", "Y tế"]
    assert first["tags"][1] is second["tags"][0]
    assert first["category"] is second["category"] and isinstance(first["category"], Category)
    assert first["authors"][0] is second["authors"][0] and isinstance(first["authors"][0], Author)
    # Same name, other kind: another object.
    assert reader.process_metadata("tags", "Minh Anh")[0] is not first["authors"][0]
    assert isinstance(reader.process_metadata("tags", "Minh Anh")[0], Tag)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80), min_size=1, max_size=4))
def test_escaped_text_renders_as_python_markdown(paragraphs):
    body = "\n\n".join(escape_markdown(" ".join(p.split())) for p in paragraphs if p.split())
    html = render_paragraphs(body)
    if html is not None:
        assert html == _python_markdown(body)


@pytest.mark.parametrize(
    "text",
    ["Sáng 10/5/2023, Ban Chỉ đạo họp.", "Tăng trưởng &gt;5% &amp; vượt", "1\\. Giải pháp", "\\# 5 giải pháp", "\\*hộ nghèo\\* 3\\_5%", "Giá (2023) tăng!"],
)
def test_common_escaped_text_takes_the_fast_path(text):
    assert render_inline(text) == _python_markdown(text)[3:-4]


@pytest.mark.parametrize("text", ["* a list", "# heading", "<b>x</b>", "`code`", "a *b*", "[x](y)", "a & b", "    indented", "1. item", "> quote", "a\\q"])
def test_markdown_syntax_is_left_to_python_markdown(text):
    assert render_inline(text) is None


def test_posts_outside_the_strict_form_are_left_to_python_markdown():
    assert split_post("---\ntitle: x\n---\n\nbody") is None
    assert split_post("Title: x\n    continued\n\nbody") is None
    assert split_post("Title: x\r\n\r\nbody") is None
    assert render_paragraphs("one\ntwo") is None
    meta, body = split_post("Title: a\nTags: b; c;\n\nbody\n")
    assert meta == {"title": ["a"], "tags": ["b; c;"]} and body == "body\n"


def test_other_markdown_extensions_turn_the_fast_path_off():
    assert not restricted_form_applies({"extensions": ["markdown.extensions.extra", "markdown.extensions.meta"]})
    assert restricted_form_applies({"extensions": ["markdown.extensions.meta"], "extension_configs": {}, "output_format": "html5"})

import markdown

from vnarchive.rawnews.emit import emit, escape_markdown
from vnarchive.rawnews.slug import slugify, safe_slug


def test_slug_is_readable_ascii():
    assert slugify("Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum") == "nang-cao-hieu-qua-cong-tac-nhan-quyen-tren-dia-ban-tinh-kon-tum"
    assert slugify("Đắk Lắk: đường điện") == "dak-lak-duong-dien"


def test_slug_is_never_empty_reserved_or_a_path():
    assert safe_slug("", "5b2ff6894bc9a89f") == "bai-5b2ff6894bc9a89f"
    assert safe_slug("index", "5b2ff6894bc9a89f") == "index-5b2ff689"
    assert "/" not in safe_slug("../../etc/passwd", "5b2ff6894bc9a89f")
    assert len(safe_slug("dài " * 300, "5b2ff6894bc9a89f")) <= 80


def render(text):
    return markdown.markdown(escape_markdown(text))


def test_markup_in_raw_text_renders_as_literal_text():
    for payload in ["<script>alert(1)</script>", "# không phải tiêu đề", "* không phải danh sách", "1. không phải danh sách",
                    "[liên kết](javascript:alert(1))", "`mã`", "{{ jinja }} {% if %}", "a_b_c *đậm*", "---", "&amp; &lt;"]:
        html = render(payload)
        assert "<script" not in html and "<h1" not in html and "<li" not in html and "<a " not in html and "<code" not in html
        assert "<em" not in html and "<hr" not in html
        from html import unescape
        import re
        assert unescape(re.sub(r"</?p>", "", html)) == payload


def test_safe_slug_check_refuses_paths_reserved_and_empty_names():
    from vnarchive.rawnews.slug import is_safe_slug

    assert is_safe_slug("nang-cao-hieu-qua") and is_safe_slug("2023") and is_safe_slug("a")
    for bad in ("", "index", "feeds", "../etc", "a/b", "-a", "a-", "A", "đ", "a b", "a.md", "x" * 153):
        assert not is_safe_slug(bad), bad
    assert safe_slug("x", "../../etc/passwd") == "x"
    assert is_safe_slug(safe_slug("", "../../Etc")) and is_safe_slug(safe_slug("index", "..///"))


def _article(**changes):
    from vnarchive.rawnews.model import Article, Credits, PartialDate

    base = Article(
        source="a.txt", source_id="5b2ff6894bc9a89f", title="Tiêu đề", title_source="text", lead="Sapo.",
        paragraphs=("Đoạn một.",), date=PartialDate(2023, 5, 10, precision="day", evidence="10/5/2023"),
        credits=Credits(authors=("Hồ Thị Khánh Vi",)), tags=("Kon Tum",), category="Thời sự", slug="tieu-de",
    )
    import dataclasses

    return dataclasses.replace(base, **changes)


def _meta(text):
    return dict(line.split(": ", 1) for line in text.split("\n\n", 1)[0].splitlines())


def test_emit_keeps_list_items_whole_and_titles_with_semicolons():
    from vnarchive.rawnews.model import Credits

    meta = _meta(emit(_article(title="Hà Nội; TP.HCM <b>", tags=("A;B", "AT&T", "<x>", "???", "A;B"), credits=Credits(sources=("VOV&VTV",)))))
    assert meta["Title"] == "Hà Nội; TP.HCM &lt;b&gt;"
    assert meta["Tags"] == "A,B; AT＆T; ‹x›;"  # no entity: its ';' would split the item; '???' has no URL name
    assert meta["Outlets"] == "VOV＆VTV;"


def test_emit_writes_only_dates_pelican_can_read_and_refuses_unsafe_slugs():
    import pytest

    from vnarchive.rawnews.model import PartialDate, Rejected

    for date in (PartialDate(2023, 2, 30, precision="day"), PartialDate(12, 1, 1, precision="year"), PartialDate(2023, 5, 1, 25, precision="day"), PartialDate(2023, precision="bogus")):
        meta = _meta(emit(_article(date=date)))
        assert (meta["Date"], meta["Date_precision"]) == ("1900-01-01", "unknown"), date
    assert _meta(emit(_article(date=PartialDate(2023, 5, precision="month"))))["Date"] == "2023-05-01"
    for slug in ("../x", "index", "", "a/b"):
        with pytest.raises(Rejected):
            emit(_article(slug=slug))
    assert _meta(emit(_article(title=" \x00 ")))["Title"] == "Bài không có tiêu đề"
    url = _meta(emit(_article(original_url='https://vi-du.invalid/a"><script>')))["Original_url"]
    assert url == "https://vi-du.invalid/a%22%3E%3Cscript%3E"
    assert "Original_url" not in _meta(emit(_article(original_url="javascript:alert(1)")))

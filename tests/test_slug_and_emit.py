import markdown

from rawnews.emit import emit, escape_markdown
from rawnews.slug import slugify, safe_slug


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

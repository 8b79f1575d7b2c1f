import struct
import unicodedata

import pytest

from vnarchive.rawnews.model import Rejected
from vnarchive.rawnews.normalize import normalize

TEXT = "Nâng cao hiệu quả công tác nhân quyền\n\nSáng ngày 10/5/2023, Ban Chỉ đạo họp."


def test_utf8_lines_are_kept_in_order():
    result = normalize(TEXT.encode("utf-8"))
    assert result.lines == ("Nâng cao hiệu quả công tác nhân quyền", "Sáng ngày 10/5/2023, Ban Chỉ đạo họp.")
    assert result.encoding == "utf-8"


def test_bom_crlf_and_nfd_give_the_same_lines():
    variant = "\ufeff" + unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n")
    assert normalize(variant.encode("utf-8")).lines == normalize(TEXT.encode("utf-8")).lines


def _load_encoders():
    """The eval set's legacy encoders (one copy of the cp1258 encoding rules)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parent / "data" / "eval" / "make_encoded.py"
    spec = importlib.util.spec_from_file_location("make_encoded", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cp1258 = _load_encoders().cp1258


def test_cp1258_is_decoded_to_nfc():
    data = cp1258("Hội nghị tập huấn")
    result = normalize(data)
    assert result.lines == ("Hội nghị tập huấn",)
    assert result.encoding == "cp1258"
    assert any("cp1258" in w for w in result.warnings)


def test_html_remnants_become_plain_paragraphs():
    data = "<p>Tiêu đề&nbsp;bài</p><p>Đoạn &quot;một&quot;<br>Đoạn hai</p>".encode()
    assert normalize(data).lines == ("Tiêu đề bài", 'Đoạn "một"', "Đoạn hai")


def test_invisible_and_control_characters_are_removed():
    data = "Tin\u200b tức\u00a0mới\x07 hôm nay".encode()
    assert normalize(data).lines == ("Tin tức mới hôm nay",)


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\t\n", "empty"), (bytes(range(256)) * 40, "binary")])
def test_non_text_is_rejected_with_a_reason(data, reason):
    with pytest.raises(Rejected, match=reason):
        normalize(data)


# Legacy font encodings, checked on phrases whose TCVN3/VNI forms are well known
# (the national motto as typed in .VnTime and VNI-Times fonts).
TCVN3_MOTTO = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc"
VNI_MOTTO = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc"


def test_tcvn3_bytes_are_detected_and_converted():
    result = normalize(TCVN3_MOTTO.encode("latin-1"))
    assert result.lines == ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc")
    assert result.encoding == "tcvn3"


def test_vni_bytes_are_detected_and_converted():
    result = normalize(VNI_MOTTO.encode("latin-1"))
    assert result.lines == ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc")
    assert result.encoding == "vni"


def test_legacy_font_text_saved_as_utf8_is_converted_and_reported():
    result = normalize(TCVN3_MOTTO.encode("utf-8"))
    assert result.lines[1] == "Độc lập - Tự do - Hạnh phúc"
    assert "tcvn3" in result.encoding and result.warnings


def test_unicode_vietnamese_with_latin1_symbols_is_left_alone():
    text = "Nhiệt độ 35°C, giá ½ triệu đồng « hội chợ » © báo"
    assert normalize(text.encode()).lines == (text,)


def test_a_file_mixing_utf8_and_cp1258_lines_keeps_both():
    data = "Yên Bái phát triển vùng quế\n".encode() + cp1258("Tác giả: Thanh Chi")
    result = normalize(data)
    assert result.lines == ("Yên Bái phát triển vùng quế", "Tác giả: Thanh Chi")
    assert result.encoding.startswith("mixed")


def test_utf8_truncated_inside_a_character_does_not_lose_the_line():
    data = "Vải thiều được mùa\nNăm nay được giá".encode()[:-1]
    assert normalize(data).lines == ("Vải thiều được mùa", "Năm nay được gi")


@pytest.mark.parametrize("data", [b"\xff\xfe" + "Tin tức".encode("utf-16-le"), "Tin tức".encode("utf-16")])
def test_utf16_with_bom(data):
    assert normalize(data).lines == ("Tin tức",)


def test_cr_line_ends_and_html_comments():
    data = "Tiêu đề\r<!-- quảng cáo -->Đoạn một\rĐoạn hai".encode()
    assert normalize(data).lines == ("Tiêu đề", "Đoạn một", "Đoạn hai")


def test_random_bytes_never_raise_anything_but_rejected():
    import random

    rng = random.Random(3)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
        try:
            normalize(data)
        except Rejected:
            pass


def test_markup_that_is_not_a_layout_remnant_stays_literal_text():
    data = '<p>Đoạn một</p><p>Mã độc <script>alert(1)</script> và <img src=x onerror="alert(2)"></p>'.encode()
    lines = normalize(data).lines
    assert lines[0] == "Đoạn một"
    assert "<script>alert(1)</script>" in lines[1]
    assert "onerror" in lines[1] and lines[1].startswith("Mã độc")


ARTICLE = ("Xuất khẩu gạo Việt Nam tăng mạnh trong quý I\n\n"
           "Hà Nội, ngày 10/5/2023 – Theo số liệu của Tổng cục Hải quan, xuất khẩu gạo “tăng mạnh” so với cùng kỳ.\n\n"
           "Nhiều doanh nghiệp cho biết đơn hàng đã kín đến tháng sáu…\n")


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_not_taken_for_binary(order):
    result = normalize(ARTICLE.encode(order))
    assert result.lines == normalize(ARTICLE.encode()).lines
    assert result.encoding == f"{order} (no BOM)" and result.warnings == (f"decoded as {order} (no BOM)",)
    assert normalize("Tin tức".encode(order)).lines == ("Tin tức",)  # short, Vietnamese letters only


@pytest.mark.parametrize("data", [
    b"".join(struct.pack("<I", i) for i in range(2000)),  # little numbers: NUL bytes at both positions
    ARTICLE.encode("utf-32-le"),
    bytes(range(256)) * 40,
    b"\x00\x01\x02\x03" * 500,  # NUL bytes at even positions only, but no text
])
def test_other_bytes_with_nul_bytes_are_still_binary(data):
    with pytest.raises(Rejected, match="binary"):
        normalize(data)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_inside_a_title_does_not_cut_it(separator):
    data = ARTICLE.replace("Việt Nam tăng", f"Việt Nam{separator}tăng", 1).encode()
    lines = normalize(data).lines
    assert lines[0] == "Xuất khẩu gạo Việt Nam tăng mạnh trong quý I" and lines == normalize(ARTICLE.encode()).lines
    from vnarchive.rawnews.convert import convert
    from vnarchive.rawnews.model import RawFile

    assert convert(RawFile("gao.txt", data, {})).title == "Xuất khẩu gạo Việt Nam tăng mạnh trong quý I"


def test_separators_are_the_line_breaks_of_a_text_that_has_no_other():
    data = "Tiêu đề\u2029\u2029Đoạn một.\u2028Đoạn hai.".encode()
    assert normalize(data).lines == ("Tiêu đề", "Đoạn một.", "Đoạn hai.")

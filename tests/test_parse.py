import pytest

from conftest import SEED_000, SEED_002, SEEDS
from vnarchive.rawnews.model import Rejected
from vnarchive.rawnews.normalize import normalize
from vnarchive.rawnews.parse import derive_title, parse


def parts_of(name):
    return parse(normalize((SEEDS / name).read_bytes()).lines)


def test_seed_000_title_lead_body_and_credit():
    parts = parts_of(SEED_000)
    assert parts.title == "Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum"
    assert parts.title_source == "text"
    assert parts.lead.startswith("Các cơ quan, đơn vị, địa phương trên địa bàn tỉnh cần tiếp tục")
    assert parts.paragraphs[0].startswith("Sáng ngày 10/5/2023")
    assert parts.credit_lines == ("Tác giả: Khánh Vi",)
    body = "\n".join(parts.paragraphs)
    assert "Tăng tương phản" not in body and "Tin liên quan" not in body
    assert any("A- A A+" in line for line in parts.chrome_removed)
    assert "Tin liên quan" in parts.chrome_removed


def test_seed_002_is_a_fragment_with_a_derived_title():
    parts = parts_of(SEED_002)
    assert parts.title_source == "derived"
    assert parts.title.startswith("Tham dự Hội nghị có đồng chí Đại tá Trịnh Khắc Cường")
    assert len(parts.title) <= 111
    assert parts.credit_lines == ("Tin, ảnh: Hồ Thị Khánh Vi",)


def test_derived_title_is_cut_at_a_word_boundary():
    title = derive_title("Một câu rất dài " + "về công tác nhân quyền " * 10 + "kết thúc.")
    assert title.endswith("…")
    assert not title[:-1].endswith(" ")
    assert all(word in "Một câu rất dài về công tác nhân quyền kết thúc" for word in title[:-1].split())


def test_only_chrome_is_rejected():
    with pytest.raises(Rejected, match="chrome"):
        parse(("A- A A+ | Tăng tương phản Giảm tương phản", "In bài", "Chia sẻ"))


def parse_text(text):
    return parse(normalize(text.encode()).lines)


ARTICLE = """Trang chủ > Thời sự > Chính trị
A- A A+ | Tăng tương phản Giảm tương phản
Chia sẻ Facebook Zalo

Gia Lai tổng kết công tác giảm nghèo

Thứ Tư, 10/05/2023 08:30

TPO - Chiều 9/5, UBND tỉnh Gia Lai tổ chức hội nghị tổng kết công tác giảm nghèo.

Học viên được giới thiệu 03 chuyên đề gồm: (1) Tổng quan; (2) Kỹ năng; (3) Quy trình.

Xem thêm:

Hội nghị biểu dương 25 tập thể có thành tích xuất sắc./.

Tác giả: Đoàn Bình
Lượt xem: 1.234
Tin liên quan
Gia Lai trao Bằng khen cho 40 cá nhân
"""


def test_chrome_breadcrumb_dateline_and_credit_are_set_apart():
    parts = parse_text(ARTICLE)
    assert parts.breadcrumb == ("Thời sự", "Chính trị")
    assert parts.title == "Gia Lai tổng kết công tác giảm nghèo"
    assert parts.datelines == ("Thứ Tư, 10/05/2023 08:30",)
    assert parts.lead.startswith("TPO - Chiều 9/5")
    assert parts.credit_lines == ("Tác giả: Đoàn Bình",)
    body = "\n".join(parts.paragraphs)
    for chrome in ("Xem thêm", "Lượt xem", "Tin liên quan", "Chia sẻ", "./."):
        assert chrome not in body
    assert parts.paragraphs[-1].endswith("xuất sắc.")


def test_numbered_passages_stay_as_text():
    parts = parse_text(ARTICLE)
    assert "(1) Tổng quan; (2) Kỹ năng; (3) Quy trình." in parts.paragraphs[0]


@pytest.mark.parametrize(
    "last, body_end, credit",
    [
        ("Họ sẽ họp định kỳ hằng quý. Tin, ảnh: Hồ Thị Khánh Vi", "hằng quý.", "Tin, ảnh: Hồ Thị Khánh Vi"),
        ("Họ sẽ họp định kỳ hằng quý./. Văn Hùng", "hằng quý.", "Văn Hùng"),
        ("Họ sẽ họp định kỳ hằng quý.(TTXVN)", "hằng quý.", "(TTXVN)"),
        ("Theo ông Nguyễn Văn A, họ sẽ họp định kỳ hằng quý.", "hằng quý.", None),
        ("“Chúng tôi sẽ làm tiếp”, Thượng tá Tiết cho biết.", "cho biết.", None),
    ],
)
def test_a_credit_glued_to_the_last_paragraph_is_cut_off_but_prose_is_not(last, body_end, credit):
    parts = parse_text(f"Tiêu đề bài viết về hội nghị\n\nSáng 10/5, hội nghị khai mạc tại tỉnh.\n\n{last}\n")
    assert parts.paragraphs[-1].endswith(body_end)
    assert parts.credit_lines == ((credit,) if credit else ())


def test_a_credit_under_the_title_is_a_credit():
    parts = parse_text("Hà Nội khai trương tuyến buýt mới\n\nTác giả: Lê Hoa\n\nChiều 10/5, tuyến buýt mới khai trương.\n")
    assert parts.credit_lines == ("Tác giả: Lê Hoa",)
    assert parts.lead.startswith("Chiều 10/5")


def test_a_repeated_title_line_is_dropped():
    parts = parse_text("Tin mưa lũ miền Trung\nTin mưa lũ miền Trung\nMưa lớn kéo dài nhiều ngày.\nĐoạn hai.\n")
    assert parts.lead == "Mưa lớn kéo dài nhiều ngày."


def test_a_derived_title_drops_the_outlet_prefix():
    title = derive_title("(QNO) - Sáng 10/5, UBND huyện Nam Trà My trao kinh phí hỗ trợ 120 hộ dân. Mỗi hộ được 40 triệu đồng.")
    assert title == "Sáng 10/5, UBND huyện Nam Trà My trao kinh phí hỗ trợ 120 hộ dân"


def test_a_page_of_only_chrome_and_a_related_list_is_rejected_but_a_title_starting_alike_is_kept():
    only_related = ("A- A A+ | Tăng tương phản Giảm tương phản", "Chia sẻ", "Tin liên quan", "Bài khác một", "Bài khác hai")
    with pytest.raises(Rejected, match="chrome"):
        parse(only_related)
    parts = parse(("Tin liên quan đến vụ cháy chợ", "Sáng ngày 1/2/2023, vụ cháy xảy ra tại chợ trung tâm."))
    assert parts.title == "Tin liên quan đến vụ cháy chợ"

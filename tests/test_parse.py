import pytest

from conftest import SEED_000, SEED_002, SEEDS
from rawnews.model import Rejected
from rawnews.normalize import normalize
from rawnews.parse import derive_title, parse


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

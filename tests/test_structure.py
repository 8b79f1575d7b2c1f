"""The body's structure (rawnews/structure.py): paragraphs of a few
sentences, fused captions taken out, subheadings; never a character lost
or moved."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vnarchive.rawnews.structure import structure

SENTENCES = st.sampled_from([
    "Sáng 10/5, hội nghị khai mạc tại Hà Nội với nhiều đại biểu.",
    "Ông Nguyễn Văn A cho biết: “Chúng tôi sẽ làm tiếp. Không dừng lại.”",
    "Người dân đứng chờ xe buýt. Ảnh: Hồ Phương",
    "CSGT Lào Cai kiểm tra nồng độ cồn - Ảnh: Yến Chi",
    "Giá vàng tăng mạnh trong phiên sáng nay!",
    "Theo TTXVN, dự án đã hoàn thành.",
    "Vụ việc đang được điều tra",
    "Kết quả",
    "“Đánh” vào ý thức người tham gia giao thông là cần thiết.",
    "bếp.Lực lượng chức năng có mặt.",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(SENTENCES, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=6))
def test_no_character_is_lost_or_reordered(paragraphs):
    blocks, kinds = structure(tuple(paragraphs))
    assert len(blocks) == len(kinds) and set(kinds) <= {"p", "caption", "h"}
    assert "".join("".join(blocks).split()) == "".join("".join(paragraphs).split())  # spaces aside, the same characters in order


def test_a_one_line_body_becomes_paragraphs_of_a_few_sentences_with_quotes_whole():
    quote = "Ông A nói: “Đây là câu một. Đây là câu hai. Đây là câu ba.”"
    body = " ".join([f"Đây là câu số {i} của bài viết kể lại diễn biến sự việc tại địa phương." for i in range(1, 30)] + [quote])
    blocks, kinds = structure((body,))
    assert len(blocks) > 3 and all(len(block.split()) <= 120 for block in blocks)
    assert any(block.endswith(quote) or quote in block for block in blocks)


def test_fused_captions_become_captions():
    body = "Vụ việc xảy ra trên phố Huế. Người dân đứng xem. Ảnh: Hồ Phương Vụ việc đang được công an điều tra làm rõ."
    blocks, kinds = structure((body,))
    assert list(zip(kinds, blocks)) == [
        ("p", "Vụ việc xảy ra trên phố Huế."),
        ("caption", "Người dân đứng xem. Ảnh: Hồ Phương"),
        ("p", "Vụ việc đang được công an điều tra làm rõ."),
    ]
    blocks, kinds = structure(("CSGT Lào Cai kiểm tra nồng độ cồn - Ảnh: Yến Chi “Đánh” vào ý thức là cần thiết.",))
    assert kinds == ("caption", "p") and blocks[0].endswith("Ảnh: Yến Chi")


def test_a_short_line_between_paragraphs_is_a_subheading_and_a_caption_line_a_caption():
    blocks, kinds = structure(("Đoạn đầu kể lại sự việc.", "Trách nhiệm của chủ đầu tư", "Đoạn sau nói rõ trách nhiệm của các bên liên quan.", "Hiện trường vụ cháy. Ảnh: TTXVN"))
    assert kinds == ("p", "h", "p", "caption")


def test_a_caption_ending_the_paragraph_is_a_caption():
    blocks, kinds = structure(("Tóc xoăn sóng nhỏ được yêu thích. Để tránh bị già, bạn hãy thử kiểu này. Ảnh: Pinterest",))
    assert list(zip(kinds, blocks)) == [("p", "Tóc xoăn sóng nhỏ được yêu thích."), ("caption", "Để tránh bị già, bạn hãy thử kiểu này. Ảnh: Pinterest")]

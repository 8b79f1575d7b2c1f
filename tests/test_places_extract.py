"""Province detection (rawnews/extract/places.py) and its `Places` metadata."""

from __future__ import annotations

from vnarchive.rawnews.extract.places import extract_places, provinces
from vnarchive.rawnews.emit import metadata_list


def test_the_data_names_the_63_provinces_once_each():
    names = [p.name for p in provinces()]
    slugs = [p.slug for p in provinces()]
    assert len(names) == len(set(names)) == 63
    assert len(set(slugs)) == 63 and all(s.isascii() and s == s.lower() for s in slugs)


def test_typed_names_count_and_names_inside_longer_names_do_not():
    assert extract_places("Tỉnh Long An phát triển nông nghiệp", "Ông Trần Long An cho biết.", ()) == ("Long An",)
    assert extract_places("Ông Trần Long An được khen thưởng", "Ông Trần Long An cho biết.", ()) == ()


def test_lowercase_words_are_not_provinces():
    assert extract_places("Gìn giữ hòa bình", "Khát vọng hòa bình và long an của muôn dân.", ()) == ()
    assert extract_places("Hòa Bình: mưa lớn gây sạt lở", "", ()) == ("Hòa Bình",)


def test_common_forms_and_tone_placements_map_to_one_name():
    assert extract_places("TP.HCM mưa lớn", "", ()) == ("TP Hồ Chí Minh",)
    assert extract_places("Nông dân Đăk Lăk", "", ()) == ("Đắk Lắk",)
    assert extract_places("Khánh Hoà đón khách", "", ()) == ("Khánh Hòa",)
    assert extract_places("Thừa Thiên - Huế mở lễ hội", "", ()) == ("Thừa Thiên Huế",)
    assert extract_places("Báo Sài Gòn Giải Phóng đưa tin", "", ()) == ()
    assert extract_places("Nước sông Sài Gòn dâng cao", "", ()) == ()


def test_a_province_named_once_in_passing_in_the_body_does_not_count():
    body = ("Ông A quê ở Hà Nội.", "Cuộc thi diễn ra sôi nổi.", "Kết quả được công bố.")
    assert extract_places("Cuộc thi", "Một cuộc thi lớn.", body) == ()
    body = ("Tại Hà Nội, cuộc thi diễn ra.", "Hà Nội có 30 đội.", "Đội Hà Nội thắng.")
    assert extract_places("Cuộc thi", "Một cuộc thi lớn.", body) == ("Hà Nội",)


def test_repeated_paragraphs_and_contact_lines_are_read_once_or_not_at_all():
    lead = "Nhiều hộ dân ở Gia Lai được hỗ trợ."
    body = (lead, "Mọi đóng góp xin gửi về: 12 Trần Phú, Hà Nội. Điện thoại: 0241234567", "Hà Nội ủng hộ.", "Hà Nội góp sức.")
    assert extract_places("Hỗ trợ hộ nghèo", lead, body) == ("Gia Lai",)


def test_a_typed_district_of_one_province_names_that_province():
    assert extract_places("Khám bệnh cho phụ nữ huyện Trà Bồng", "", ()) == ("Quảng Ngãi",)


def test_ordered_by_weight_and_capped():
    title = "Đà Nẵng đón khách"
    lead = "Khách từ Hà Nội đến Đà Nẵng."
    assert extract_places(title, lead, ()) == ("Đà Nẵng", "Hà Nội")


def test_places_become_a_metadata_list():
    assert metadata_list(("Bà Rịa - Vũng Tàu", "TP Hồ Chí Minh")) == "Bà Rịa - Vũng Tàu; TP Hồ Chí Minh;"

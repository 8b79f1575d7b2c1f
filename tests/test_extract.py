import pytest

from rawnews.extract.authors import extract_credits
from rawnews.extract.dates import extract_date
from rawnews.corpus import canonical_authors


@pytest.mark.parametrize(
    "lead, expected, precision",
    [
        ("Sáng ngày 10/5/2023, Ban Chỉ đạo họp.", (2023, 5, 10), "day"),
        ("Chiều 3-5-2023, hội nghị diễn ra.", (2023, 5, 3), "day"),
        ("Ngày 10 tháng 5 năm 2023, đoàn công tác đến.", (2023, 5, 10), "day"),
        ("Hội nghị ngày 31/2/2023 bị hoãn; tổ chức vào tháng 3/2023.", (2023, 3, None), "month"),
        ("Báo cáo tổng kết năm 2022 và phương hướng năm 2023.", (2023, None, None), "year"),
        ("Sáng 10/5, hội nghị khai mạc.", (None, None, None), "unknown"),
    ],
)
def test_dates_keep_their_precision(lead, expected, precision):
    date = extract_date(lead, ())
    assert (date.year, date.month, date.day) == expected
    assert date.precision == precision


def test_day_month_takes_its_year_from_the_text_never_today():
    date = extract_date("Sáng 10/5, hội nghị khai mạc.", ("Kết quả công tác năm 2021.",))
    assert (date.year, date.month, date.day, date.precision) == (2021, 5, 10, "day")


@pytest.mark.parametrize(
    "line, authors, photographers, sources",
    [
        ("Tác giả: Khánh Vi", ("Khánh Vi",), (), ()),
        ("Tin, ảnh: Hồ Thị Khánh Vi", ("Hồ Thị Khánh Vi",), (), ()),
        ("Ảnh: Hồ Phương", (), ("Hồ Phương",), ()),
        ("Theo TTXVN", (), (), ("TTXVN",)),
        ("Tin, ảnh: Phạm Duy Khương (TTXVN)", ("Phạm Duy Khương",), (), ("TTXVN",)),
    ],
)
def test_credit_lines(line, authors, photographers, sources):
    credits = extract_credits((line,))
    assert credits.authors == authors
    assert credits.photographers == photographers
    assert credits.sources == sources


def test_short_and_full_forms_of_one_reporter_merge():
    mapping = canonical_authors({"Khánh Vi", "Hồ Thị Khánh Vi", "Lê Quang Hồi"})
    assert mapping["Khánh Vi"] == "Hồ Thị Khánh Vi"
    assert mapping["Lê Quang Hồi"] == "Lê Quang Hồi"


def test_ambiguous_short_form_stays_apart():
    mapping = canonical_authors({"Khánh Vi", "Hồ Thị Khánh Vi", "Lê Khánh Vi"})
    assert mapping["Khánh Vi"] == "Khánh Vi"


def test_alias_file_overrides_the_guess():
    mapping = canonical_authors({"K.Vi", "Hồ Thị Khánh Vi"}, {"K.Vi": "Hồ Thị Khánh Vi"})
    assert mapping["K.Vi"] == "Hồ Thị Khánh Vi"

import pytest

from rawnews.corpus import canonical_authors
from rawnews.extract.authors import extract_credits, is_credit_line, lead_outlet
from rawnews.extract.category import extract_category
from rawnews.extract.dates import extract_date, is_dateline
from rawnews.extract.tags import extract_tags, find_organisations


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


# -- dates: every form, the traps, the manifest ---------------------------------

@pytest.mark.parametrize(
    "lead, expected",
    [
        ("TPO - Chiều 28/2/2023, UBND tỉnh họp.", (2023, 2, 28)),
        ("(QNO) - Sáng ngày 10/5/2023, hội nghị khai mạc.", (2023, 5, 10)),
        ("Ngày 10.5.2023, đoàn công tác đến.", (2023, 5, 10)),
        ("Ngày 05 tháng 06 năm 2023, tỉnh họp.", (2023, 6, 5)),
        ("Sáng 05/06/2023, huyện họp.", (2023, 6, 5)),
        ("Thực hiện Kế hoạch số 45/KH-UBND ngày 3/3/2023, sáng 12/4/2023 Sở ra quân.", (2023, 4, 12)),
        ("Tỉnh yêu cầu hoàn thành trước ngày 30/6/2023. Chiều 2/6/2023, Công an tỉnh họp.", (2023, 6, 2)),
        ("Sáng 4/2/2023 (tức ngày 14 tháng Giêng âm lịch), lễ hội khai mạc.", (2023, 2, 4)),
        ("Ngày 15/1 âm lịch, dân làng mở hội; ngày 6/2/2023 hội kết thúc.", (2023, 2, 6)),
        ("Kỷ niệm ngày giải phóng (30/4/1975 - 30/4/2023); sáng 28/4/2023 tỉnh mít tinh.", (2023, 4, 28)),
    ],
)
def test_the_event_date_is_found_in_every_form(lead, expected):
    date = extract_date(lead, ())
    assert (date.year, date.month, date.day, date.precision) == (*expected, "day")


def test_a_dateline_wins_and_keeps_its_time():
    date = extract_date("Sáng 9/5/2023, hội nghị khai mạc.", (), datelines=("Thứ Tư, 10/05/2023 08:30",))
    assert (date.year, date.month, date.day, date.hour, date.minute) == (2023, 5, 10, 8, 30)
    assert date.iso() == "2023-05-10T08:30:00+07:00"


def test_invalid_dates_are_rejected_and_plans_are_not_dates():
    date = extract_date("Giải dự kiến tổ chức ngày 31/2/2023, nay lùi sang tháng 3/2023.", ())
    assert date.precision == "unknown"


@pytest.mark.parametrize(
    "crawled, expected",
    [("2023-05-11", (2023, 5, 10)), ("2023-05-09", (2022, 5, 10)), ("2023-05", (2023, 5, 10)), ("2024", (2024, 5, 10))],
)
def test_crawl_date_gives_the_year_latest_on_or_before_it(crawled, expected):
    date = extract_date("Sáng 10/5, hội nghị khai mạc.", (), crawled=crawled)
    assert (date.year, date.month, date.day, date.precision) == (*expected, "day")


def test_crawl_date_is_an_upper_bound_for_every_date():
    date = extract_date("Đến ngày 30/6/2025 phải xong; ngày 10/5/2023 tỉnh họp.", (), crawled="2023-06-01")
    assert (date.year, date.month, date.day) == (2023, 5, 10)
    date = extract_date("Ngày 10/5/2024 tỉnh họp.", (), crawled="2023-06-01")
    assert date.precision == "unknown"


def test_published_fills_what_the_text_lacks():
    assert extract_date("Hội nghị khai mạc.", (), published="2021-07").precision == "month"
    date = extract_date("Sáng 10/5, hội nghị khai mạc.", (), published="2023")
    assert (date.year, date.month, date.day, date.precision) == (2023, 5, 10, "day")
    date = extract_date("Sáng 10/5/2022, hội nghị khai mạc.", (), published="2023-01-02")
    assert (date.year, date.month, date.day) == (2022, 5, 10)


def test_default_year_setting_but_never_today():
    assert extract_date("Sáng 10/5, hội nghị khai mạc.", (), default_year=2019).year == 2019
    assert extract_date("Sáng 10/5, hội nghị khai mạc.", ()).precision == "unknown"


def test_year_only_rule_skips_plans_periods_and_history():
    assert extract_date("Mục tiêu đến năm 2030; giai đoạn 2021-2025; kỷ niệm năm 1975.", ()).precision == "unknown"
    date = extract_date("Từ đầu năm 2022 đến nay, tỉnh thu hút 2 tỷ USD.", ())
    assert (date.year, date.precision) == (2022, "year")


@pytest.mark.parametrize("line", ["Thứ Tư, 10/05/2023 08:30", "Cập nhật: 12/06/2023 09:15", "10/5/2023 | 08:30 GMT+7", "Ngày đăng: 10/5/2023"])
def test_datelines(line):
    assert is_dateline(line)


@pytest.mark.parametrize("line", ["Ngày 10/5/2023, tỉnh họp.", "Hà Nội, ngày 10/5/2023 tỉnh tổ chức lễ"])
def test_prose_is_not_a_dateline(line):
    assert not is_dateline(line)


# -- credits ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "line, authors, photographers, sources",
    [
        ("Tin và ảnh: Lê Văn Nam", ("Lê Văn Nam",), (), ()),
        ("Bài, ảnh: Thu Hằng", ("Thu Hằng",), (), ()),
        ("Bài và ảnh: LÊ QUANG HỒI", ("Lê Quang Hồi",), (), ()),
        ("Bài: Thạch Dương - Ảnh: Phương Nghi", ("Thạch Dương",), ("Phương Nghi",), ()),
        ("Tuyết Lan/VOV-Tây Bắc", ("Tuyết Lan",), (), ("VOV-Tây Bắc",)),
        ("Phạm Duy Khương (TTXVN)", ("Phạm Duy Khương",), (), ("TTXVN",)),
        ("(TTXVN)", (), (), ("TTXVN",)),
        ("PV", ("PV",), (), ()),
        ("H.T", ("H.T",), (), ()),
        ("Nhóm PV", ("Nhóm PV",), (), ()),
        ("Nhóm PV Báo QĐND", ("Nhóm PV",), (), ("Báo QĐND",)),
        ("Minh Anh - Hoàng Nam", ("Minh Anh", "Hoàng Nam"), (), ()),
        ("Minh Anh và Hoàng Nam", ("Minh Anh", "Hoàng Nam"), (), ()),
        ("Theo Báo Cà Mau", (), (), ("Báo Cà Mau",)),
        ("(Theo báo Nghệ An)", (), (), ("Báo Nghệ An",)),
        ("Theo Tuổi Trẻ", (), (), ("Tuổi Trẻ",)),
        ("Theo Minh Anh (Báo Lạng Sơn)", ("Minh Anh",), (), ("Báo Lạng Sơn",)),
        ("Thượng tá Nguyễn Văn Tiết", ("Nguyễn Văn Tiết",), (), ()),
        ("PGS.TS Trần Văn Bình", ("Trần Văn Bình",), (), ()),
    ],
)
def test_every_credit_form(line, authors, photographers, sources):
    credits = extract_credits((line,))
    assert (credits.authors, credits.photographers, credits.sources) == (authors, photographers, sources)


@pytest.mark.parametrize(
    "line",
    [
        "Theo ông Nguyễn Văn A, dự án sẽ xong trong năm nay.",
        "Theo báo cáo của Sở Y tế, số ca mắc giảm.",
        "Tác giả Charles Chu kết luận rằng việc đọc cần thói quen.",
        "“Chúng tôi sẽ tiếp tục”, Thượng tá Tiết cho biết.",
        "Kon Tum",
        "Tin liên quan",
    ],
)
def test_prose_is_never_a_byline(line):
    assert not is_credit_line(line)
    assert extract_credits((line,)).authors == ()


def test_lead_outlet_prefixes():
    assert lead_outlet("TPO - Chiều 28/2, x")[0] == "TPO"
    assert lead_outlet("(QNO) - Sáng 10/5, x")[0] == "QNO"
    assert lead_outlet("Hà Nội (TTXVN) - Chiều 10/5, x")[0] == "TTXVN"
    assert lead_outlet("Ông A (bên trái) - x")[0] == ""


def test_initials_and_aliases_in_canonical_authors():
    mapping = canonical_authors({"K.Vi", "T. Hà", "Hồ Thị Khánh Vi", "Nguyễn Thu Hà", "Lê Minh Hà", "PV", "Nhóm PV"})
    assert mapping["K.Vi"] == "Hồ Thị Khánh Vi" and mapping["T. Hà"] == "Nguyễn Thu Hà"
    assert mapping["PV"] == "PV" and mapping["Nhóm PV"] == "Nhóm PV"
    kept = canonical_authors({"Khánh Vi", "Hồ Thị Khánh Vi"}, {"Khánh Vi": "Khánh Vi"})
    assert kept["Khánh Vi"] == "Khánh Vi"


# -- tags and category -----------------------------------------------------------

def test_seed_000_tags_are_whole_names_and_topics():
    from conftest import SEED_000, SEEDS
    from rawnews.normalize import normalize
    from rawnews.parse import parse

    parts = parse(normalize((SEEDS / SEED_000).read_bytes()).lines)
    tags = extract_tags(parts.title, parts.lead, parts.paragraphs)
    assert 3 <= len(tags) <= 8
    assert {"nhân quyền", "Ban Chỉ đạo về Nhân quyền", "Kon Tum", "CERD"} <= set(tags)
    assert not any(t.endswith(" Nhân") or t.endswith(" về") for t in tags)


def test_organisation_names_stop_at_places_and_verbs():
    text = ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Cà Mau phối hợp Ban Chỉ đạo về Nhân quyền tỉnh tổ chức; "
            "Ban Tổ chức bố trí lực lượng. Bộ Tư lệnh Quân khu 3 diễn tập.")
    names = [name for _, name in find_organisations(text)]
    assert "Sở Nông nghiệp và Phát triển nông thôn" in names
    assert "Ban Chỉ đạo về Nhân quyền" in names
    assert "Bộ Tư lệnh Quân khu 3" in names
    assert not any("bố trí" in n for n in names)


def test_tags_use_vocabulary_synonyms_and_never_banned_phrases():
    tags = extract_tags("Hà Nội phát triển kinh tế-xã hội", "Các cơ quan, đơn vị bàn phát triển kinh tế-xã hội trong thời gian tới.", ("Dịch Covid-19 được kiểm soát.",))
    assert "kinh tế - xã hội" in tags and "Hà Nội" in tags
    assert not {"các cơ quan, đơn vị", "trong thời gian tới"} & {t.lower() for t in tags}


@pytest.mark.parametrize(
    "title, lead, breadcrumb, category",
    [
        ("Tin A", "Nội dung", ("Thời sự", "Chính trị"), "Chính trị"),
        ("Diễn tập khu vực phòng thủ", "Quân khu 3 tổ chức diễn tập.", (), "Quốc phòng"),
        ("Một ngày ở làng", "Người dân đi chợ sớm.", (), "Tin tổng hợp"),
    ],
)
def test_category(title, lead, breadcrumb, category):
    assert extract_category(title, lead, breadcrumb) == category

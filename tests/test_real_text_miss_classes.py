"""One minimal case per miss class found on real scraped articles (issue 11).

Each failed on the converter before the evidence ladder, the tolerant
credit block and the title rules; bench/devset measures them at scale.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from vnarchive.archives.tree import build_tree
from vnarchive.rawnews.extract.authors import read_credit
from vnarchive.rawnews.extract.dates import extract_date
from vnarchive.rawnews.parse import parse
from vnarchive.vi_dates import vi_date


def _date(lead, body=(), **manifest):
    found = extract_date(lead, tuple(body), **manifest)
    return (found.year, found.month, found.day, found.precision) if found.precision != "unknown" else ("unknown", found.before)


def test_the_manifest_published_outranks_a_date_in_the_text():
    assert _date("Sáng 10/5/2023, hội nghị khai mạc.", published="2023-05-12") == (2023, 5, 12, "day")


@pytest.mark.parametrize(
    "lead",
    [
        "Trước đó, ngày 5/5/2023, công ty đã bị xử phạt.",  # background
        "Nhà máy đi vào hoạt động từ ngày 1/1/2017 và đạt công suất thiết kế.",  # since
        "Thực hiện Nghị quyết số 12/NQ-HĐND ngày 5/5/2015 của HĐND tỉnh, huyện rà soát đất đai.",  # cited document
        "Nhân kỷ niệm ngày thành lập 15/4/1912, con tàu được tưởng nhớ.",  # history
        "Năm 2016, ông Thập được bổ nhiệm làm giám đốc.",  # biography year
        "Kết quả thi ngày 5/10 sẽ công bố trên cổng thông tin.",  # plan
        "Nadal thắng 7-6, 3-6, 9-7 sau hơn bốn giờ thi đấu.",  # a score
    ],
)
def test_background_history_document_plan_and_score_dates_are_not_the_publication_day(lead):
    assert _date(lead, crawled="2023-10-20") == ("unknown", "2023-10-20")


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("Chiều nay 1/10, Bộ Y tế họp báo.", (2023, 10, 1, "day")),
        ("Sáng hôm nay, 1/10, Bộ Y tế họp báo.", (2023, 10, 1, "day")),
        ("Hôm nay (1/10), Bộ Y tế họp báo.", (2023, 10, 1, "day")),
        ("Tính đến ngày 1/10, cả nước có 10.000 ca mắc.", (2023, 10, 1, "day")),
    ],
)
def test_today_and_as_of_dates_in_the_lead_are_read(lead, expected):
    assert _date(lead, crawled="2023-10-02") == expected


def test_a_date_after_the_crawl_is_never_moved_back_a_year():
    assert _date("Ngày 5/10, hội nghị khai mạc.", crawled="2023-09-20") == ("unknown", "2023-09-20")


def test_an_undated_article_is_bounded_by_its_crawl_on_the_page_and_in_the_archive():
    article = SimpleNamespace(date=dt.datetime(1900, 1, 1), date_precision="unknown", date_before="2017-05-25", slug="a")
    assert vi_date(article) == "Trước 25/05/2017"
    tree = build_tree([article])
    assert tree.undated == [] and tree.years[0].months[0].articles == [article]
    assert (tree.years[0].year, tree.years[0].months[0].month) == (2017, 5)


@pytest.mark.parametrize(
    "line, authors, outlets",
    [
        ("Lan Anh (theo Daily Mail)", ["Lan Anh"], ["Daily Mail"]),
        ("Theo Anh Trang/Báo Quảng Nam", ["Anh Trang"], ["Báo Quảng Nam"]),
        ("T.ThủyTheo Cnet", ["T.Thủy"], ["Cnet"]),
        ("Mi Vân (Tổng hợp)", ["Mi Vân"], []),
        ("M. Hà", ["M. Hà"], []),
        ("SONG MAI", ["Song Mai"], []),
        ("Huyền Lê (Theo AFP, Times of Israel)", ["Huyền Lê"], ["AFP", "Times of Israel"]),
        ("Theo AFP, Bangkok Post", [], ["AFP", "Bangkok Post"]),
        ("Thiếu Anh/VOV online", ["Thiếu Anh"], ["VOV online"]),
    ],
)
def test_credit_forms_seen_on_real_pages(line, authors, outlets):
    found = read_credit(line)
    assert found is not None
    assert (found[0], found[2]) == (authors, outlets)


def _parts(text):
    return parse(tuple(line for line in text.split("\n") if line.strip()))


def test_a_short_line_after_the_credit_does_not_hide_it():
    parts = _parts("Tiêu đề bài viết về hội nghị tỉnh\nSáng 10/5, hội nghị khai mạc tại tỉnh với nhiều đại biểu.\nNội dung thêm của bài viết.\nKhánh Ngọc\nChia sẻ: Facebook | Zalo\n")
    assert parts.credit_lines == ("Khánh Ngọc",)


def test_a_credit_after_the_end_mark_of_the_last_paragraph_is_found():
    parts = _parts("Tiêu đề bài viết về hội nghị tỉnh\nSáng 10/5, hội nghị khai mạc tại tỉnh với nhiều đại biểu.\nHội nghị kết thúc tốt đẹp./. Huy Nam/VOV-Trung tâm Tin\n")
    assert parts.credit_lines == ("Huy Nam/VOV-Trung tâm Tin",)
    assert read_credit(parts.credit_lines[0]) == (["Huy Nam"], [], ["VOV-Trung tâm Tin"])


def test_initials_glued_after_the_last_sentence_are_the_credit():
    parts = _parts("Tiêu đề bài viết về hội nghị tỉnh\nSáng 10/5, hội nghị khai mạc tại tỉnh với nhiều đại biểu.\nÔng Chương yêu cầu các trường ôn tập hiệu quả. G.Thùy - H.Lân\n")
    assert read_credit(parts.credit_lines[0])[0] == ["G.Thùy", "H.Lân"]


def test_a_long_headline_ending_with_a_full_stop_is_kept_whole():
    title = "Thủ tướng yêu cầu các bộ, ngành và địa phương khẩn trương khắc phục hậu quả mưa lũ, sớm ổn định đời sống của người dân."
    assert len(title) > 110
    lead = "Thủ tướng yêu cầu các bộ, ngành, địa phương khẩn trương khắc phục hậu quả mưa lũ để người dân sớm ổn định đời sống, sản xuất."
    parts = _parts(f"{title}\n{lead}\nNội dung tiếp theo của bài viết.\n")
    assert (parts.title, parts.title_source) == (title, "text")


@pytest.mark.parametrize(
    "first",
    ["1. Nội soi dạ dày có đau không", "Khu nhà vệ sinh nam lắp gương 2 chiều. Ảnh: Newsflare", "Người dân đứng chờ xe buýt. (Ảnh: Minh Anh)"],
)
def test_a_fragment_starting_with_a_numbered_heading_or_a_caption_has_no_title(first):
    parts = _parts(f"{first}\nNhiều người lo lắng khi phải nội soi dạ dày vì sợ đau và khó chịu trong quá trình thực hiện.\nBác sĩ khuyên người bệnh nên giữ bình tĩnh.\n")
    assert parts.title_source == "derived"


def test_a_one_paragraph_article_gets_a_bounded_lead_and_loses_nothing():
    sentences = [f"Câu thứ {i} của bài viết nói về một sự kiện quan trọng ở địa phương." for i in range(1, 40)]
    body = " ".join(sentences)
    parts = _parts(f"Tiêu đề của bài báo một đoạn\n{body}\n")
    assert len(parts.lead) <= 400 and parts.lead.startswith("Câu thứ 1 ")
    assert " ".join((parts.lead, *parts.paragraphs)) == body


def test_group_credits_keep_their_outlet_and_are_not_persons():
    from vnarchive.rawnews.extract.authors import extract_credits

    qdnd = extract_credits(("Nhóm PV Báo QĐND",))
    assert (qdnd.authors, qdnd.groups, qdnd.sources) == ((), ("Nhóm PV · Báo QĐND",), ("Báo QĐND",))
    other = extract_credits(("Nhóm PV (TTXVN)",))
    assert other.groups == ("Nhóm PV · TTXVN",) != qdnd.groups  # two papers' newsrooms stay apart
    assert extract_credits(("Nhóm Phóng viên thường trú",)).groups == ("Nhóm PV thường trú",)
    assert extract_credits(("Ban Thời sự",)).authors == ()


def test_a_date_after_the_conversion_day_is_never_taken():
    assert _date("Sáng 10/5/2099, hội nghị khai mạc.", today=dt.date(2026, 12, 4)) == ("unknown", "")
    assert _date("Sáng 10/5/2014, hội nghị khai mạc.", today=dt.date(2026, 12, 4)) == (2014, 5, 10, "day")  # an old archive


def test_a_headline_with_a_chevron_is_a_title_not_a_breadcrumb():
    parts = _parts("Xuất khẩu gạo Việt Nam > Thái Lan\nSáng 10/5, Bộ Công Thương cho biết xuất khẩu gạo của Việt Nam đã vượt Thái Lan trong quý I.\nNội dung tiếp theo.\n")
    assert (parts.title, parts.breadcrumb) == ("Xuất khẩu gạo Việt Nam > Thái Lan", ())
    parts = _parts("Thời sự > Chính trị\nHà Nội họp bàn về quy hoạch\nSáng 10/5, thành phố họp bàn về quy hoạch chung.\n")
    assert (parts.title, parts.breadcrumb) == ("Hà Nội họp bàn về quy hoạch", ("Thời sự", "Chính trị"))


def test_a_byline_followed_by_related_headlines_without_their_heading_is_found():
    body = "\n".join(f"Đoạn văn thứ {i} của bài báo kể lại diễn biến của sự việc một cách chi tiết và đầy đủ." for i in range(1, 5))
    teasers = "\n".join(f"Tiêu đề bài liên quan số {i}\nMô tả ngắn của bài liên quan số {i} với vài câu chữ." for i in range(1, 5))
    parts = _parts(f"Tiêu đề bài viết về sự việc\n{body}\nTình Lê\nNguồn: The Guardian, Bloomberg, CNN\n{teasers}\n")
    assert parts.credit_lines == ("Tình Lê", "Nguồn: The Guardian, Bloomberg, CNN")
    assert "Tiêu đề bài liên quan số 4" in parts.paragraphs  # nothing is lost


def test_a_contact_footer_is_chrome_and_several_sources_split():
    parts = _parts("Tiêu đề bài viết về sự việc\nSáng 10/5, sự việc xảy ra tại tỉnh với nhiều người chứng kiến.\nHuyền Chi - Nguyễn Dương\nEmail:banbandoc@vietnamnet.vn\n")
    assert parts.credit_lines == ("Huyền Chi - Nguyễn Dương",)
    assert read_credit("Vũ Hoàng (theo Bloomberg/Reuters)") == (["Vũ Hoàng"], [], ["Bloomberg", "Reuters"])


def test_a_subheading_over_a_continuing_paragraph_is_not_a_fragments_title():
    parts = _parts("Apple oằn mình trước thuế quan mới\nTuy nhiên, chiến lược tưởng chừng hoàn hảo này đã bị đặt vào thế khó khi thuế quan mới được công bố.\nĐoạn tiếp theo.\n")
    assert parts.title_source == "derived"


def test_the_page_says_which_name_the_article_printed(seed_site):
    from bs4 import BeautifulSoup

    page = seed_site / "bai" / "nang-cao-hieu-qua-cong-tac-nhan-quyen-tren-dia-ban-tinh-kon-tum" / "index.html"
    byline = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".byline .by").get_text(" ", strip=True)
    assert "Hồ Thị Khánh Vi" in byline and "(bài ghi: Khánh Vi)" in byline

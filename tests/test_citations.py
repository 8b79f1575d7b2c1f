"""Cite this article (vnarchive.citations): the Vietnamese reference, the
BibTeX entry (parsed with bibtexparser) and the CSL-JSON item (rendered
with citeproc-py), at the precision of each date, never an invented one."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from vnarchive.citations import article_folder
from vnarchive.citations.bibtex import entry, tex
from vnarchive.citations.csl import dumps, item
from vnarchive.citations.reference import reference
from vnarchive.citations.view import provenance_of, removed_lines
from vnarchive.citations.work import family_given, work_of


def article(precision="day", date=dt.datetime(2023, 5, 10, 8, 30), **meta):
    metadata = {
        "title": "Nâng cao hiệu quả công tác nhân quyền",
        "authors": ["Hồ Thị Khánh Vi", "Nguyễn Văn A"],
        "groups": "",
        "outlets": "Báo Kon Tum;",
        "source_id": "5b2ff6894bc9a89f",
        "original_url": "https://baokontum.com.vn/bai-123.html",
        "crawled": "2023-06-01",
        **meta,
    }
    return SimpleNamespace(metadata=metadata, date=date, date_precision=precision, url="bai/nang-cao/",
                           save_as="bai/nang-cao/index.html", slug="nang-cao")


def render(csl_text: str) -> str:
    """The CSL-JSON rendered by citeproc-py in the style it ships."""
    items = json.loads(csl_text)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    return "\n".join(str(line) for line in bibliography.bibliography())


def parse_bib(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    assert len(library.entries) == 1
    return library.entries[0]


def test_a_dated_article_is_cited_to_the_day_everywhere():
    work = work_of(article(), "https://luutru.example.org", "Lưu trữ tin tức")
    text = reference(work)
    assert text.startswith("Hồ Thị Khánh Vi và Nguyễn Văn A. (2023, ngày 10 tháng 5). Nâng cao hiệu quả công tác nhân quyền. Báo Kon Tum.")
    assert "Truy cập ngày 01/06/2023, từ https://baokontum.com.vn/bai-123.html" in text
    assert "(Bản lưu: https://luutru.example.org/bai/nang-cao/)" in text
    bib = parse_bib(entry(work))
    fields = bib.fields_dict
    assert bib.entry_type == "article" and bib.key == "luutru-5b2ff6894bc9a89f"
    assert fields["author"].value == "Hồ, Thị Khánh Vi and Nguyễn, Văn A"
    assert fields["date"].value == "2023-05-10" and fields["year"].value == "2023" and fields["month"].value == "5"
    assert fields["journal"].value == "Báo Kon Tum" and fields["urldate"].value == "2023-06-01"
    data = item(work)
    assert data["issued"] == {"date-parts": [[2023, 5, 10]]}
    assert data["accessed"] == {"date-parts": [[2023, 6, 1]]}
    assert data["author"][0] == {"family": "Hồ", "given": "Thị Khánh Vi"}
    assert data["container-title"] == data["publisher"] == "Báo Kon Tum"
    rendered = render(dumps(work))
    assert "2023" in rendered and "Nâng cao hiệu quả công tác nhân quyền" in rendered and "Báo Kon Tum" in rendered
    assert "Hồ" in rendered


def test_a_year_only_article_has_only_its_year():
    work = work_of(article("year", dt.datetime(2019, 1, 1)))
    assert "(2019)." in reference(work) and "tháng" not in reference(work).split("Truy cập")[0]
    fields = parse_bib(entry(work)).fields_dict
    assert fields["year"].value == "2019" and fields["date"].value == "2019" and "month" not in fields
    assert item(work)["issued"] == {"date-parts": [[2019]]}
    rendered = render(dumps(work))
    assert "2019" in rendered
    for month in ("January", "Jan", "1 ", "01"):
        assert month not in rendered.replace("2019", "").split("Available")[0], rendered


def test_a_month_only_article_has_no_day():
    work = work_of(article("month", dt.datetime(2024, 3, 1)))
    assert "(2024, tháng 3)." in reference(work)
    assert parse_bib(entry(work)).fields_dict["date"].value == "2024-03"
    assert item(work)["issued"] == {"date-parts": [[2024, 3]]}


def test_an_undated_article_has_no_date_at_all():
    work = work_of(article("unknown", dt.datetime(1900, 1, 1), crawled=""))
    text = reference(work)
    assert "(không rõ năm)." in text and "1900" not in text and "Truy cập" not in text
    bib = parse_bib(entry(work))
    assert not {"year", "month", "date", "urldate"} & set(bib.fields_dict)
    assert bib.fields_dict["note"].value == "không rõ năm"
    data = item(work)
    assert "issued" not in data and "accessed" not in data
    rendered = render(dumps(work))
    assert "(no date)" in rendered and "1900" not in rendered  # the style's words for n.d.


def test_newsroom_credits_are_institutional_authors_and_outlets_the_container():
    work = work_of(article(authors=[], groups="Nhóm PV Ban Thời sự;", outlets="Báo Quân đội nhân dân;"))
    assert reference(work).startswith("Nhóm PV Ban Thời sự. (2023, ngày 10 tháng 5).")
    assert item(work)["author"] == [{"literal": "Nhóm PV Ban Thời sự"}]
    assert parse_bib(entry(work)).fields_dict["author"].value == "{Nhóm PV Ban Thời sự}"
    rendered = render(dumps(work))
    assert "Nhóm PV Ban Thời sự" in rendered and "Báo Quân đội nhân dân" in rendered


def test_no_author_puts_the_title_first():
    work = work_of(article(authors=[], outlets=""))
    assert reference(work).startswith("Nâng cao hiệu quả công tác nhân quyền. (2023, ngày 10 tháng 5).")
    bib = parse_bib(entry(work))
    assert bib.entry_type == "misc" and "author" not in bib.fields_dict
    assert item(work)["type"] == "webpage"


UNTEX = [(r"\textbackslash{}", "\\"), (r"\textasciicircum{}", "^"), (r"\textasciitilde{}", "~")] + [("\\" + c, c) for c in "{}%&#$_"]


def untex(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        for escaped, char in UNTEX:
            if value.startswith(escaped, i):
                out.append(char)
                i += len(escaped)
                break
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


@pytest.mark.parametrize("title", [
    "Lãi suất 5% & {ưu đãi} cho #doanh_nghiệp",
    "Đường dẫn C:\\temp\\} và ^mũ~ $100",
    "}{ mở ngoặc sai } } {",
    "@comment{x} % không phải chú thích",
])
def test_tex_specials_in_titles_and_names_are_escaped(title):
    work = work_of(article(title=title.replace("&", "&amp;"), authors=["Lê {Văn} B%"], groups="Nhóm & Cộng sự}"))
    text = entry(work)
    bib = parse_bib(text)
    value = bib.fields_dict["title"].value
    assert value == tex(title) and untex(value) == title
    for char in "{}%&#$_^~\\":  # every special is escaped: none stands bare
        bare = value
        for escaped, _ in UNTEX:
            bare = bare.replace(escaped, "")
        assert char not in bare
    assert "and {Nhóm \\& Cộng sự\\}}" in bib.fields_dict["author"].value
    rendered = render(dumps(work))  # the JSON keeps the text as it is
    assert title in rendered


def test_urls_with_braces_cannot_end_the_field():
    work = work_of(article(original_url="https://x.vn/a%20b?q=1#frag"))
    assert parse_bib(entry(work)).fields_dict["url"].value == "https://x.vn/a%20b?q=1#frag"
    assert work_of(article(original_url="javascript:alert(1)")).url == ""


def test_vietnamese_names_are_split_family_first():
    assert family_given("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh Khai")
    assert family_given("Hồng Hà") == ("Hồng", "Hà")
    assert family_given("Tuấn") == ("Tuấn", "")


def test_the_files_go_in_the_article_folder():
    assert article_folder(article()) == ("bai/nang-cao", "bai/nang-cao/")
    flat = SimpleNamespace(save_as="posts/bai-a.html", url="posts/bai-a.html")
    assert article_folder(flat) == ("posts/bai-a", "posts/bai-a/")


def test_provenance_labels_what_the_converter_removed_in_vietnamese():
    assert removed_lines("chrome: 3, related: 5, dateline: 1") == (
        (3, "dòng giao diện trang (nút chia sẻ, đăng nhập, lượt xem…)"),
        (5, "dòng danh sách bài liên quan và phần cuối trang"),
        (1, "dòng ngày giờ của trang (đã dùng để xác định ngày đăng)"),
    )
    assert removed_lines("") == () and removed_lines("bogus: 2, chrome: x") == ()
    art = article(raw_sha256="a" * 64, encoding="cp1258", date_source="dateline", date_evidence="dateline: Thứ Tư, 10/05/2023",
                  source="000_x.txt", credit_evidence="Tin, ảnh: Khánh Vi", converter="vn-news-archive 0.1.0, rawnews 6")
    view = provenance_of(art, work_of(art), "van-ban-goc.txt")
    assert view.date_evidence == "Thứ Tư, 10/05/2023" and view.crawled == "ngày 01/06/2023"
    assert view.sha256 == "a" * 64 and view.encoding == "cp1258" and view.credit == "Tin, ảnh: Khánh Vi"
    assert provenance_of(article(raw_sha256="<script>"), work_of(article()), "").sha256 == ""

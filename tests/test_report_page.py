"""The conversion report as a page for maintainers (bao-cao/, vnarchive.report_page):
every input that did not become a post, with its reason, duplicates linked to
the post they duplicate, warnings grouped by kind; raw file names as text."""

from __future__ import annotations

from lxml import html as lxml_html

from test_hostile import hostile_build
from vnarchive.report_page.model import reason_label, view, warning_kind


def test_warnings_are_grouped_by_kind():
    assert warning_kind("date known only to the year: Năm 2019") == "date known only to the year"
    assert warning_kind("no author credit found (source outlet: Báo A)") == "no author credit found"
    assert warning_kind("author 'Khánh Vi' merged into 'Hồ Thị Khánh Vi'") == "author '…' merged into '…'"
    assert warning_kind("nearly the same text as a.txt: 93% of its 5-word sequences shared") == "nearly the same text as …"
    report = {
        "inputs": 4, "counts": {"converted": 2, "duplicate": 1, "failed": 1},
        "files": [
            {"source": "a.txt", "status": "converted", "warnings": ["date known only to the year: 2019"]},
            {"source": "b.txt", "status": "converted", "warnings": ["date known only to the year: 2020", "no author credit found"]},
            {"source": "c.txt", "status": "duplicate", "duplicate_of": "a.txt", "reason": "same text as a.txt", "warnings": []},
            {"source": "<d>.txt", "status": "failed", "reason": "binary file, not text", "warnings": []},
        ],
    }
    page = view(report, {"a.txt": "bai/a/", "b.txt": "bai/b/"})
    assert [(g.kind, g.count) for g in page.warnings] == [("date known only to the year", 2), ("no author credit found", 1)]
    assert page.warnings[0].label == "Ngày đăng chỉ biết tới năm"
    assert [(r.source, r.status, r.duplicate_url) for r in page.rows] == [("c.txt", "duplicate", "bai/a/"), ("<d>.txt", "failed", "")]
    assert page.counts == (("converted", "đã chuyển", 2), ("duplicate", "trùng lặp", 1), ("failed", "không chuyển được", 1))


def test_the_page_lists_every_input_that_is_not_a_post_with_its_reason():
    build = hostile_build()
    output, report = build["output"], build["report"]
    page = lxml_html.fromstring((output / "bao-cao" / "index.html").read_bytes())
    rows = page.xpath("//table[@data-report-table]/tbody/tr")
    shown = {row.xpath("./td[1]/code")[0].text_content(): row for row in rows}
    expected = [entry for entry in report["files"] if entry["status"] != "converted"]
    assert len(expected) > 10 and len(rows) == len(expected)
    articles = {path.parent.name for path in (output / "bai").glob("*/index.html")}
    for entry in expected:
        row = shown[entry["source"]]  # the name, as text, exactly as the report has it
        assert row.get("data-status") == entry["status"]
        reason = row.xpath("./td[3]")[0].text_content()
        assert (entry.get("reason") or "") in reason
        if entry.get("reason"):  # every reason the converter gives reads in Vietnamese too
            assert reason_label(entry["reason"]) and reason.startswith(reason_label(entry["reason"])), entry["reason"]
        if entry["status"] == "duplicate":
            link = row.xpath("./td[3]/a")[0]
            assert link.text_content() == entry["duplicate_of"]
            assert link.get("href").startswith("../bai/") and link.get("href").split("/")[2] in articles
    counts = {li.xpath("./strong")[0].text_content(): li.text_content() for li in page.xpath("//ul[@class='report-counts']/li")}
    assert sum(int(n.replace(".", "")) for n in counts) == report["inputs"]
    assert page.xpath("//a[@type='application/json']/@href") == ["../conversion-report.json"]
    assert (output / "conversion-report.json").is_file()


def test_no_raw_file_name_becomes_markup_on_the_page():
    build = hostile_build()
    page = lxml_html.fromstring((build["output"] / "bao-cao" / "index.html").read_bytes())
    main = page.xpath("//main")[0]
    assert not main.xpath(".//script | .//iframe | .//img | .//svg | .//style | .//object")
    assert not [a for el in main.iter() for a in el.attrib if a.startswith("on")]
    names = {code.text_content() for code in main.xpath(".//code")}
    assert {entry["source"] for entry in build["report"]["files"] if entry["status"] != "converted"} <= names


def test_the_page_is_linked_from_the_about_page_and_the_footer_not_from_articles():
    output = hostile_build()["output"]
    about = lxml_html.fromstring((output / "gioi-thieu" / "index.html").read_bytes())
    assert about.xpath("//main//a[@href='../bao-cao/']")
    assert about.xpath("//footer[@class='site-footer']//a[@href='../bao-cao/']")
    article = next((output / "bai").glob("*/index.html"))
    page = lxml_html.fromstring(article.read_bytes())
    assert not page.xpath("//main//a[contains(@href, 'bao-cao')]")


def test_reasons_read_in_vietnamese_and_unknown_ones_as_they_are():
    assert reason_label("cannot read: Permission denied") == "Không đọc được tệp"
    assert reason_label("symbolic link to a folder, not followed") == "Liên kết tới một thư mục, không theo"
    assert reason_label("symbolic link, not followed") == "Liên kết tượng trưng, không theo"
    assert reason_label("nearly the same text as a.txt: 91% of its 5-word sequences shared") == "Gần trùng với bài khác"
    assert reason_label("manifest is not valid CSV: x") == "Tệp manifest.csv có lỗi"
    assert reason_label("something new") == ""

"""vnarchive.by_author: "Bài khác của tác giả", other articles by the same
persons nearest in time, listed newest first, never the article itself nor a newsroom credit; and
fast_build renders an article's page again when its list changes."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from types import SimpleNamespace

from bs4 import BeautifulSoup

from conftest import build_site
from vnarchive.by_author.benchmark import synthetic_articles
from vnarchive.by_author.picks import others_by_author
from vnarchive.reading_time import minutes, syllables


def brute_force(articles, count):
    """The definition, quadratic: of every other article sharing a person, the `count` nearest
    in time (the newer first at equal distance, then the given order), listed newest first."""
    order = {id(a): i for i, a in enumerate(articles)}

    def newest_first(o):
        return (-o.date.timestamp(), order[id(o)])

    result = []
    for article in articles:
        mine = set(article.authors or ())
        others = [o for o in articles if o is not article and mine & set(o.authors or ())]
        others.sort(key=lambda o: (abs(o.date.timestamp() - article.date.timestamp()), newest_first(o)))
        result.append(sorted(others[:count], key=newest_first))
    return result


def test_lists_are_the_definition_on_random_archives():
    rng = random.Random(7)
    start = dt.datetime(2020, 1, 1)
    for _ in range(20):
        people = [f"p{k}" for k in range(rng.randint(1, 6))]
        articles = [
            SimpleNamespace(authors=rng.sample(people, rng.randint(0, min(3, len(people)))),
                            date=start + dt.timedelta(days=rng.randint(0, 30)))  # many ties
            for _ in range(rng.randint(0, 40))
        ]
        for count in (0, 1, 3, 5):
            assert others_by_author(articles, count) == brute_force(articles, count)


def test_the_synthetic_ten_thousand_match_the_definition_on_a_sample():
    articles = synthetic_articles(2_000, seed=3)
    fast = others_by_author(articles, 5)
    slow = brute_force(articles, 5)
    assert fast == slow
    assert all(article not in others for article, others in zip(articles, fast))


def test_reading_time_counts_syllables_at_two_hundred_a_minute():
    assert syllables("Nông dân Đắk Lắk – thu hoạch cà phê, 2024.") == 9  # "–" is no syllable
    assert syllables("<p class=\"caption\">Ảnh &amp; héc-ta</p>") == 3  # no tag, no entity; héc-ta is two
    assert minutes(0, 200) == 1 and minutes(299, 200) == 1 and minutes(300, 200) == 2 and minutes(1000, 200) == 5


RAW = """{title}

{date} 08:30

{lead}

Các đơn vị trên địa bàn đã triển khai nhiều giải pháp, đạt kết quả tích cực trong năm qua.

Tác giả: {author}
"""
LEAD = "Sáng nay, hội nghị về {topic} được tổ chức với sự tham dự của nhiều đại biểu từ các sở, ngành."


def write(raw: Path, name: str, title: str, date: str, author: str, topic: str) -> None:
    (raw / name).write_text(RAW.format(title=title, date=date, lead=LEAD.format(topic=topic), author=author), encoding="utf-8")


def others_on(output: Path, slug: str) -> list[str]:
    page = BeautifulSoup((output / "bai" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in page.select(".by-author li > a")]


def test_the_page_changes_when_its_list_does_and_groups_never_count(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write(raw, "a1_1111111111111111.txt", "Tổng kết công tác giáo dục năm học", "Thứ Hai, 15/01/2024", "Nguyễn Văn An", "giáo dục")
    write(raw, "a2_2222222222222222.txt", "Triển khai chương trình y tế cơ sở", "Thứ Hai, 22/01/2024", "Nguyễn Văn An", "y tế")
    write(raw, "g1_3333333333333333.txt", "Hội nghị bàn về du lịch cộng đồng", "Thứ Hai, 29/01/2024", "Nhóm PV", "du lịch")
    write(raw, "g2_4444444444444444.txt", "Hội nghị về chuyển đổi số ở xã", "Thứ Hai, 05/02/2024", "Nhóm PV", "chuyển đổi số")
    output = build_site(tmp_path, raw)
    a1 = "tong-ket-cong-tac-giao-duc-nam-hoc"
    assert others_on(output, a1) == ["Triển khai chương trình y tế cơ sở"]
    assert others_on(output, "hoi-nghi-ban-ve-du-lich-cong-dong") == []  # a newsroom credit is nobody's list

    write(raw, "a3_5555555555555555.txt", "Đẩy mạnh phong trào thể thao quần chúng", "Thứ Hai, 12/02/2024", "Nguyễn Văn An", "thể thao")
    build_site(tmp_path, raw, FAST_BUILD={"VERIFY": True})
    stats = json.loads((tmp_path / "cache" / "fast_build" / "last-build.json").read_text(encoding="utf-8"))
    assert f"bai/{a1}/index.html" in stats["rendered_sample"]
    assert stats["verify_mismatch"] == 0 and stats["skipped"] > 0  # what was kept renders the same
    assert others_on(output, a1) == ["Đẩy mạnh phong trào thể thao quần chúng", "Triển khai chương trình y tế cơ sở"]

"""Related articles (plugins/vnarchive/related): shared tags and rare shared phrases
decide, the list has 3-5 entries, never the article itself, and the work per
article is bounded (posting-list window), so it scales linearly."""

from __future__ import annotations

import time

from vnarchive.related import cached_related, plugin_settings
from vnarchive.common.text import strip_tags as plain_text
from vnarchive.related.benchmark import synthetic_docs
from vnarchive.related.similarity import Doc, Options, bigrams, related


def doc(title, text="", tags=(), category="", when=0.0):
    return Doc(title=title, text=text, tags=tuple(tags), category=category, when=when)


COFFEE = "nông dân Đắk Lắk thu hoạch cà phê, giá cà phê tăng, tái canh cà phê ở Buôn Ma Thuột"
FOREST = "tuần tra bảo vệ rừng đầu nguồn, kiểm lâm địa bàn phối hợp với người dân các thôn"
SCHOOL = "khai giảng năm học mới, học sinh vùng cao đến trường, giáo viên cắm bản"


def corpus():
    return [
        doc("Cà phê được mùa", COFFEE, ["cà phê", "Đắk Lắk"], "Kinh tế", 1),
        doc("Bảo vệ rừng", FOREST, ["bảo vệ rừng"], "Môi trường", 2),
        doc("Xuất khẩu cà phê", "xuất khẩu " + COFFEE, ["cà phê", "xuất khẩu"], "Kinh tế", 3),
        doc("Khai giảng", SCHOOL, ["giáo dục"], "Giáo dục", 4),
        doc("Rừng đầu nguồn", "người dân " + FOREST, ["bảo vệ rừng", "Kon Tum"], "Môi trường", 5),
        doc("Tái canh cà phê", "hội thảo " + COFFEE, ["Đắk Lắk", "tái canh"], "Kinh tế", 6),
        doc("Năm học mới", "chuẩn bị " + SCHOOL, ["giáo dục", "học sinh"], "Giáo dục", 7),
    ]


def test_similar_articles_come_first_and_never_the_article_itself():
    lists = related(corpus())
    assert set(lists[0][:2]) == {2, 5}  # the other coffee stories
    assert lists[1][0] == 4 and lists[4][0] == 1  # the forest pair
    assert lists[3][0] == 6 and lists[6][0] == 3  # the school pair
    for i, found in enumerate(lists):
        assert i not in found
        assert len(found) == len(set(found))
        assert 3 <= len(found) <= 5


def test_fills_up_to_the_minimum_from_the_same_category_then_by_date():
    words = ["mưa", "nắng", "gió", "bão", "sương", "tuyết"]
    docs = [doc(words[i], f"{words[i]} {words[i]}", category="A" if i < 3 else "B", when=i) for i in range(6)]
    lists = related(docs, Options(minimum=3, count=5))
    assert all(len(found) == 3 for found in lists)
    assert lists[0][:2] == [1, 2]  # same category, nearest in date
    assert set(lists[5]) == {4, 3, 2}


def test_a_shared_place_says_less_than_a_shared_person_or_topic():
    # Article 0 shares its city with 1 and its person with 2: the person wins
    # once places weigh less (the same city alone is not the same story).
    filler = [doc(f"Bài {k}", f"nội dung riêng số {k}", [f"chủ đề {k}", "Đà Nẵng" if k % 2 else "Noo Phước Thịnh"], "Giải trí", 10 + k)
              for k in range(6)]
    docs = [
        doc("Ca sĩ hát ở Đà Nẵng", "đêm nhạc", ["Đà Nẵng", "Noo Phước Thịnh"], "Giải trí", 1),
        doc("Mưa lớn ở Đà Nẵng", "ngập", ["Đà Nẵng", "mưa lớn", "Hải Châu"], "Giải trí", 2),
        doc("Ca sĩ ra MV mới", "ca khúc", ["Noo Phước Thịnh", "mưa lớn"], "Giải trí", 3),
        *filler,
    ]
    plain = related(docs, Options(minimum=0, places=("hải châu", "đà nẵng"), place_weight=1.0))
    weighted = related(docs, Options(minimum=0, places=("hải châu", "đà nẵng"), place_weight=0.3))
    assert plain[0][0] == 1  # weighed like any tag, the city (on fewer articles) wins
    assert weighted[0][0] == 2


def test_another_category_keeps_a_share_of_its_score():
    docs = [doc("Giá vàng tăng", "giá vàng tăng mạnh", ["giá vàng"], "Kinh tế", 1),
            doc("Giá vàng giảm", "giá vàng giảm", ["giá vàng"], "Đời sống", 2),
            doc("Giá vàng đi ngang", "giá vàng đi ngang", ["giá vàng"], "Kinh tế", 3)]
    assert related(docs, Options(other_category=0.5))[0][0] == 2
    assert related(docs, Options(other_category=1.0))[0][0] == 1  # (nearest in date among equal scores)


def test_small_corpora():
    assert related([]) == []
    assert related([doc("Một bài")]) == [[]]
    assert related([doc("A"), doc("B")]) == [[1], [0]]


def test_deterministic():
    docs, _ = synthetic_docs(300, seed=3)
    assert related(docs) == related(list(docs))


def test_a_tag_on_every_article_does_not_make_the_cost_quadratic():
    """One tag shared by all 3,000 articles: only WINDOW neighbours are visited."""
    docs = [doc(f"Tin {i}", f"đoạn văn {i % 97} chủ đề {i % 89}", ["tin tức", f"nhóm {i % 50}"], when=i) for i in range(3000)]
    began = time.process_time()
    lists = related(docs, Options(window=32))
    elapsed = time.process_time() - began
    assert all(3 <= len(found) <= 5 for found in lists)
    assert elapsed < 15, elapsed  # about 1 s; all pairs would be 4.5 million comparisons


def test_synthetic_corpus_finds_the_same_story():
    docs, story = synthetic_docs(2000, seed=5)
    lists = related(docs)
    same = sum(1 for i, found in enumerate(lists) if story[found[0]] == story[i])
    assert same / len(docs) > 0.9
    # Scored by forked processes: the same lists.
    assert related(docs, workers=2) == lists


def test_bigrams_do_not_cross_punctuation():
    terms = bigrams("Đắk Lắk, cà phê. Tây Nguyên")
    assert {"đắk lắk", "cà phê", "tây nguyên"} <= terms
    assert "lắk cà" not in terms and "phê tây" not in terms


def test_plain_text_and_settings():
    assert plain_text("<p>Cà phê &amp; hồ tiêu</p>").strip() == "Cà phê & hồ tiêu"
    assert plugin_settings({"RELATED": {"COUNT": 4, "BOGUS": 1}})["COUNT"] == 4
    assert plugin_settings({"RELATED": "nonsense"})["COUNT"] == 5


def test_scoring_processes_follow_the_jobs_setting(monkeypatch):
    from vnarchive import related
    from vnarchive.related import FORK_LIMIT, scoring_jobs

    monkeypatch.setattr(related, "cpu_count", lambda: 4)
    assert scoring_jobs("auto", 10_000) == 4
    assert scoring_jobs("auto", FORK_LIMIT + 1) == 1  # a big corpus: no forked copy of the indexes
    assert scoring_jobs(None, 10**6) == 4
    assert scoring_jobs(3, 10) == 3
    assert scoring_jobs("many", 10) == scoring_jobs(0, 10) == scoring_jobs(True, 10) == 1


def test_same_lists_in_every_process():
    """String hashing differs per process (PYTHONHASHSEED); the lists must not,
    or every rebuild would rewrite every article page."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    plugins = Path(__file__).resolve().parent.parent / "plugins"
    code = ("import hashlib; from vnarchive.related.benchmark import synthetic_docs; from vnarchive.related.similarity import related; "
            "print(hashlib.sha256(repr(related(synthetic_docs(800, seed=11)[0])).encode()).hexdigest())")
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=plugins,
                       env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(plugins)}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1, outputs


def test_cached_lists_equal_a_build_from_scratch_after_adding_and_removing(tmp_path):
    """The cache (the last lists and their inputs' digest) changes the cost, never the lists."""
    docs, _ = synthetic_docs(400, seed=7)
    extra, _ = synthetic_docs(401, seed=8)
    path = tmp_path / "related" / "cache.json"
    first, reused = cached_related(docs, Options(), path)
    assert first == related(docs) and not reused
    again, reused = cached_related(list(docs), Options(), path)
    assert again == first and reused
    added = docs + [extra[-1]]
    lists, reused = cached_related(added, Options(), path)
    assert not reused and lists == related(added)
    removed = added[:150] + added[151:]
    lists, reused = cached_related(removed, Options(), path)
    assert not reused and lists == related(removed)
    edited = [removed[0].__class__(title=removed[0].title, text="khác hẳn " + removed[0].text, tags=removed[0].tags,
                                   category=removed[0].category, when=removed[0].when)] + removed[1:]
    lists, reused = cached_related(edited, Options(), path)
    assert not reused and lists == related(edited)
    assert cached_related(edited, Options(count=4), path)[0] == related(edited, Options(count=4))


def test_a_broken_cache_is_ignored(tmp_path):
    docs, _ = synthetic_docs(60, seed=2)
    path = tmp_path / "cache.json"
    path.write_text('{"version": 1, "key": "x", "lists": 3}', encoding="utf-8")
    assert cached_related(docs, Options(), path) == (related(docs), False)
    path.write_text("không phải JSON", encoding="utf-8")
    assert cached_related(docs, Options(), path)[0] == related(docs)


def test_kept_text_keys_give_the_lists_of_a_fresh_reading():
    """The sharded build keeps each post's text_keys with its record and reads only new
    posts: the lists are those of reading every text again, whole or for a few docs."""
    from vnarchive.related.similarity import text_keys

    docs, _story = synthetic_docs(300, seed=3)
    options = Options()
    kept = [text_keys(doc, options.max_chars) for doc in docs]
    assert all(list(k) == sorted(set(k.tolist())) for k in kept) and sum(map(len, kept)) > 300
    assert text_keys(docs[0], options.max_chars).tobytes() == kept[0].tobytes()  # the same numbers in every run
    fresh = related(docs, options)
    assert related(docs, options, keys=kept) == fresh
    assert related(docs, options, only=[5, 17], keys=kept) == [fresh[5], fresh[17]]

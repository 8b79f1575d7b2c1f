"""Near-duplicate search when many articles share a standard paragraph:
the work stays linear, true re-scrapes are still found, and a rerun after
adding a file compares only that file word by word."""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from vnarchive.rawnews import corpus, pipeline
from vnarchive.rawnews.corpus import find_duplicates
from vnarchive.rawnews.model import Article, Credits, PartialDate
from vnarchive.rawnews.pipeline import convert_folder

SYLLABLES = (
    "anh biên bình cao chính công cường dân đảo đất điện đồng giang hải hàng hòa hội học hùng huyện khánh kinh lâm "
    "lan liên long minh nam nga ngọc nhân phát phong phú quang quân quốc sơn tâm tân thành thanh thịnh thu thủy tiến "
    "toàn trung trường tuấn văn việt vinh xuân yên bảo châu dũng đức giáo hạnh hiệp hoa hưng khoa lực mạnh nghĩa "
    "phương quyết sáng tài thắng thông trí tường vũ xã y tế bộ sở ban ngành cấp tỉnh thôn bản làng xóm phố chợ"
).split()


def prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(words)) + "."


BOILERPLATE = prose(random.Random("standard paragraph"), 240)


def own_text(index: int) -> str:
    return prose(random.Random(f"article {index}"), 60)


def edited(text: str, changes: int, seed: int) -> str:
    """The text with `changes` words replaced (each costs the 5 sequences around it)."""
    rng = random.Random(seed)
    words = text.split()
    for position in rng.sample(range(2, len(words) - 2), changes):
        words[position] = "đổi" + words[position]
    return " ".join(words)


def article(source: str, own: str) -> Article:
    paragraphs = (own, BOILERPLATE)
    words = corpus.article_words(Article(source, "", "", "", "", paragraphs, PartialDate(), Credits(), (), ""))
    return Article(source, source, "Tiêu đề", "line", "", paragraphs, PartialDate(), Credits(), (), "",
                   fingerprint=hashlib.sha1(" ".join(words).encode()).hexdigest())


def exact_comparisons(monkeypatch, articles) -> int:
    calls = []
    real = corpus._jaccard
    monkeypatch.setattr(corpus, "_jaccard", lambda a, b: calls.append(1) or real(a, b))
    find_duplicates(articles)
    return len(calls)


def test_different_articles_with_one_standard_paragraph_are_not_compared_pairwise(monkeypatch):
    # The paragraph is 4/5 of each text: different articles share ~2/3 of
    # their 5-word sequences, so every pair's sketch is close, none a duplicate.
    small = [article(f"{i:04d}.txt", own_text(i)) for i in range(150)]
    large = [article(f"{i:04d}.txt", own_text(i)) for i in range(600)]
    assert find_duplicates(small) == {}
    per_article_small = exact_comparisons(monkeypatch, small) / len(small)
    per_article_large = exact_comparisons(monkeypatch, large) / len(large)
    # Linear: the work per article does not grow with the corpus, and is bounded.
    assert per_article_large <= 1.5 * per_article_small + 1, (per_article_small, per_article_large)
    assert per_article_large <= corpus.SKETCH_BANDS * 8


@pytest.mark.parametrize("changes", [1, 3, 6])
def test_re_scrapes_that_share_the_standard_paragraph_with_all_others_are_found(changes):
    articles = [article(f"{i:04d}.txt", own_text(i)) for i in range(300)]
    originals = range(0, 300, 10)
    articles += [article(f"r{i:04d}.txt", edited(own_text(i), changes, i)) for i in originals]
    found = find_duplicates(articles)
    assert {source: original for source, (original, _) in found.items()} == {f"r{i:04d}.txt": f"{i:04d}.txt" for i in originals}
    assert all(0.8 <= similarity < 1.0 for _, similarity in found.values())


def raw_text(index: int, own: str) -> str:
    return f"Bài số {index} về công tác của tỉnh\n\n{own}\n\n{BOILERPLATE}\n"


def test_a_rerun_after_adding_a_file_compares_only_that_file_and_equals_a_fresh_run(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(60):
        (raw / f"{i:04d}.txt").write_text(raw_text(i, own_text(i)), encoding="utf-8")
    for i in range(0, 60, 12):  # re-scrapes, so that some pairs really are duplicates
        (raw / f"r{i:04d}.txt").write_text(raw_text(i, edited(own_text(i), 2, i)), encoding="utf-8")
    dest = tmp_path / "posts"
    convert_folder(raw, dest, jobs=1)
    # One new file: a re-scrape of an article already published.
    (raw / "z-new.txt").write_text(raw_text(7, edited(own_text(7), 1, 99)), encoding="utf-8")

    # Which articles each exact comparison of the rerun reads (shingle sets traced to their source).
    source_of: dict[int, str] = {}
    pairs: list[tuple[str, str]] = []
    words_of, hashes_of, jaccard = pipeline.shingle_words, pipeline._shingle_hashes, corpus._jaccard

    def traced_words(article):
        words = words_of(article)
        source_of[id(words)] = article.source
        return words

    def traced_hashes(words):
        hashes = hashes_of(words)
        source_of[id(hashes)] = source_of.get(id(words), "?")
        return hashes

    def traced_jaccard(first, second):
        pairs.append((source_of.get(id(first), "?"), source_of.get(id(second), "?")))
        return jaccard(first, second)

    monkeypatch.setattr(pipeline, "shingle_words", traced_words)
    monkeypatch.setattr(pipeline, "_shingle_hashes", traced_hashes)
    monkeypatch.setattr(corpus, "_jaccard", traced_jaccard)
    rerun = convert_folder(raw, dest, jobs=1)
    monkeypatch.undo()

    assert pairs and all("z-new.txt" in pair for pair in pairs), pairs
    entries = {e.source: e for e in rerun.entries}
    assert entries["z-new.txt"].status == "duplicate" and entries["z-new.txt"].duplicate_of == "0007.txt"
    fresh = convert_folder(raw, tmp_path / "fresh", jobs=1)
    assert [e.as_dict() for e in rerun.entries] == [e.as_dict() for e in fresh.entries]
    assert {p.name for p in dest.glob("*.md")} == {p.name for p in (tmp_path / "fresh").glob("*.md")}


def test_remembered_comparisons_are_dropped_with_the_articles(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(30):
        (raw / f"{i:04d}.txt").write_text(raw_text(i, own_text(i)), encoding="utf-8")
    (raw / "r0003.txt").write_text(raw_text(3, edited(own_text(3), 2, 3)), encoding="utf-8")
    dest = tmp_path / "posts"
    convert_folder(raw, dest, jobs=1)
    state = json.loads((dest / ".rawnews" / "state.json").read_text(encoding="utf-8"))
    assert state["similarities"]["value"]  # the re-scrape was compared with its original
    for path in raw.glob("*.txt"):
        path.unlink()
    (raw / "only.txt").write_text(raw_text(1, own_text(1)), encoding="utf-8")
    convert_folder(raw, dest, jobs=1)
    state = json.loads((dest / ".rawnews" / "state.json").read_text(encoding="utf-8"))
    assert state["similarities"]["value"] == {}

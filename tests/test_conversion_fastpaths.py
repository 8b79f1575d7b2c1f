"""The conversion's fast paths give exactly what the plain ways give: the
numpy sketch, the emitter's skipped passes, the gazetteer's DFA, the plain
file-descriptor reads and writes."""

from __future__ import annotations

import random
import sys

import pytest

from vnarchive.rawnews import corpus, emit, fastsketch, worker
from vnarchive.rawnews.extract import gazetteer
from vnarchive.rawnews.model import Article, Credits, PartialDate, Rejected


def _article(words: list[str]) -> Article:
    return Article(
        source="a.txt", source_id="0" * 16, title="t", title_source="first-line", lead=" ".join(words[:7]),
        paragraphs=(" ".join(words[7:]),), date=PartialDate(), credits=Credits(),
        tags=(), category="c", slug="t",
    )


def test_numpy_sketch_is_the_python_sketch(monkeypatch):
    if not fastsketch.available():
        pytest.skip("numpy missing or another interpreter: corpus.py's own way runs")
    rnd = random.Random(3)
    vocabulary = [f"từ{i}" for i in range(60)] + ["Hà", "Nội", "ư", "2023", "x_y"]
    cases = [[], ["một"] * 40, vocabulary[:33]]  # empty, one repeated shingle, just over NEAR_MIN_SHINGLES words
    cases += [[rnd.choice(vocabulary[: rnd.randrange(2, 65)]) for _ in range(rnd.randrange(0, 900))] for _ in range(150)]
    fast = [corpus.sketch(_article(words)) for words in cases]
    monkeypatch.setitem(fastsketch._STATE, "ok", False)
    slow = [corpus.sketch(_article(words)) for words in cases]
    assert fast == slow
    assert any(fast) and not all(fast)


def test_numpy_tuple_hash_is_the_interpreters():
    if not fastsketch.available():
        pytest.skip("numpy missing or another interpreter")
    rnd = random.Random(9)
    ids = [rnd.getrandbits(32) for _ in range(3000)] + [0, 2**32 - 1]
    got = fastsketch.shingle_hashes(iter(ids), len(ids), 5).tolist()
    assert got == [hash(tuple(ids[i:i + 5])) & (2**64 - 1) for i in range(len(ids) - 4)]
    assert fastsketch.shingle_hashes([1, 2], 2, 5).tolist() == []


def test_plain_line_fast_path_is_the_slow_path():
    slow = lambda text: " ".join(emit._NOT_TEXT.sub("", text).split())  # noqa: E731
    rnd = random.Random(1)
    alphabet = ["a", "ư", " ", "  ", "\t", "\n", "\x00", "\x1f", "\x85", "\xa0", "\u2028", "\u3000", "\ud800", "\xad", "é", "."]
    for _ in range(4000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(7)))
        assert emit.plain_line(text) == slow(text)
    # Every character the slow path drops or splits on fails the fast path's test.
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable() and c != " " and (c.isspace() or emit._NOT_TEXT.match(c))]


@pytest.mark.parametrize("paragraphs", [
    ("1. một", "hai"), ("# tiêu đề", "- gạch", "+ cộng"), ("*đậm* [x](y)", "12) mười hai"), ("bình thường",), ("a_b", "{c}"), ("", "  ", "x"),
])
def test_escaped_paragraphs_skip_only_passes_with_nothing_to_do(paragraphs):
    lines = [line for line in map(emit.plain_line, paragraphs) if line]
    text = emit._INLINE.sub(r"\\\1", "\n\n".join(lines))
    text = emit._BLOCK_STARTS.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    assert emit.escaped_paragraphs(paragraphs) == emit.html.escape(text, quote=False)


def test_gazetteer_after_the_dfa_switch_finds_the_same(monkeypatch):
    monkeypatch.setattr(gazetteer, "DFA_AFTER", 3)
    keys = ["Hà Nội", "Nội", "hà", "Ban", "Ban Chỉ đạo", "đạo"]
    texts = ["Ban Chỉ đạo ở Hà Nội, hà nội; Ban", "Nội Nội Nội", "", "Bannội Hà Nộii", "Ban Chỉ đạo\ud800 Hà Nội"]
    reference = gazetteer.Gazetteer(keys)
    switched = gazetteer.Gazetteer(keys)
    for _ in range(3):
        for text in texts:
            assert switched.scan(text).starts == reference.scan(text).starts
    assert switched._scans >= 3


def test_reads_and_staged_writes_by_file_descriptor(tmp_path):
    path = tmp_path / "a.txt"
    data = "Tiếng Việt\n".encode() * 5000
    path.write_bytes(data)
    assert worker.read_limited(str(path), len(data)) == data
    with pytest.raises(Rejected, match="too large"):
        worker.read_limited(str(path), len(data) - 1)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert worker.read_limited(str(tmp_path / "empty.txt"), 10) == b""
    staged, (size, mtime) = worker.stage(str(tmp_path), "a.txt", ("bài ✓\n" * 3000).encode())
    assert open(staged, encoding="utf-8").read() == "bài ✓\n" * 3000
    assert size == len(("bài ✓\n" * 3000).encode()) and mtime > 0

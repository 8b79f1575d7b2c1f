"""The benchmark corpus generator: deterministic, varied, realistic."""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus as gen  # noqa: E402

NAME = re.compile(r"^\d{6}_[0-9a-f]{16}\.txt$")


def _texts(n: int, seed: int = 7) -> list[tuple[str, str, dict]]:
    out = []
    for i in range(n):
        name, data, info = gen.render_file(seed, i, clean=True)
        out.append((name, data.decode("utf-8"), info))
    return out


def test_same_seed_same_bytes_and_prefix_property(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    gen.generate(a, 30, seed=3, manifest=True)
    gen.generate(b, 60, seed=3)
    files_a = sorted(p.name for p in a.glob("*.txt"))
    assert len(files_a) == 30 and all(NAME.match(n) for n in files_a)
    for name in files_a:  # the corpus of 30 is the prefix of the corpus of 60
        assert (a / name).read_bytes() == (b / name).read_bytes()
    rows = list(csv.DictReader((a / "manifest.csv").open(encoding="utf-8")))
    assert [r["file"] for r in rows] == files_a
    assert all(r["crawled"] >= r["published"] for r in rows if r["published"])
    other = gen.render_file(4, 0)[1]
    assert other != (a / files_a[0]).read_bytes()


def test_varied_titles_reporters_dates_and_chrome():
    texts = _texts(400)
    bodies = [t for _, t, _ in texts]
    forms = Counter(info["date_form"] for _, _, info in texts)
    assert {"day", "day-month", "month", "year", "none", "dateline"} <= set(forms)
    joined = "\n".join(bodies)
    for pattern in (r"Sáng ngày \d{1,2}/\d{1,2}/20[12]\d", r"Chiều \d{1,2}-\d{1,2}-20[12]\d", r"ngày \d{1,2} tháng \d{1,2} năm 20[12]\d",
                    r"Trong tháng \d{1,2}/20[12]\d", r"Tác giả: \w+", r"Tin, ảnh: ", r"^Theo ", r"Tin liên quan", r"A- A A\+",
                    r"Trang chủ > ", r"Đắk Lắk"):
        assert re.search(pattern, joined, re.M), pattern
    titles = {t.split("\n\n")[1] for t in bodies if "\n\n" in t}
    assert len(titles) > 300
    years = {int(y) for y in re.findall(r"/(20[12]\d)\b", joined)}
    assert min(years) == 2010 and max(years) == 2025
    assert sum(info["fragment"] for _, _, info in texts) >= 5


def test_reporters_appear_in_short_and_full_forms():
    joined = "\n".join(t for _, t, _ in _texts(600))
    vocab = gen.vocabulary()
    both = [name for name in vocab.reporters[:40]
            if f"Tin, ảnh: {name}" in joined or f"Bài và ảnh: {name}" in joined
            if f"Tác giả: {gen.short_name(name)}\n" in joined or f"Tác giả: {gen.short_name(name)}" == joined[-40:]]
    assert both, "some reporter should be credited both ways"


def test_awkward_files_are_a_small_share_and_decodable():
    kinds, encodings = Counter(), Counter()
    for i in range(1500):
        _, data, info = gen.render_file(11, i)
        kinds[info["kind"]] += 1
        encodings[info["encoding"]] += 1
        text = data.decode("utf-16") if info["encoding"] == "utf-16" else data.decode("utf-8-sig")
        assert unicodedata.normalize("NFC", text).strip()
    assert kinds["article"] > 1400 and kinds["duplicate"] >= 3
    assert {"utf-8-bom", "utf-8-crlf", "utf-8-nfd", "html"} <= set(encodings)
    assert encodings["utf-8"] > 1000


def test_cli_writes_files(tmp_path, capsys):
    assert gen.main([str(tmp_path / "out"), "-n", "5", "--seed", "2", "--manifest"]) == 0
    assert len(list((tmp_path / "out").glob("*.txt"))) == 5
    assert (tmp_path / "out" / "manifest.csv").is_file()

"""The conversion's shortcuts give what the plain way gives: posts emitted
from the stored article, the report's JSON, the duplicate search run while
the results come, posts staged by the workers."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from vnarchive.rawnews import pipeline, report, worker  # noqa: E402
from vnarchive.rawnews import posts as post_files  # noqa: E402
from vnarchive.rawnews.convert import convert  # noqa: E402
from vnarchive.rawnews.corpus import find_duplicates  # noqa: E402
from vnarchive.rawnews.emit import emit, escape_markdown, escaped_paragraphs  # noqa: E402
from vnarchive.rawnews.model import RawFile, Rejected  # noqa: E402
from vnarchive.rawnews.store import article_json  # noqa: E402

import generate_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("speed-raw")
    generate_corpus.generate(raw, 120, seed=11, clean=True)
    # Re-scrapes: the same text under another name, and with a sentence added.
    for index, path in enumerate(sorted(raw.glob("*.txt"))[:12:2]):
        data = path.read_bytes()
        copy = data if index % 2 else data.rstrip(b"\n") + " Một câu thêm vào cuối bài.\n".encode()
        (raw / f"zz{index}_{path.name}").write_bytes(copy)
    return raw


@pytest.fixture(scope="module")
def articles(corpus) -> list:
    found = []
    for path in sorted(corpus.glob("*.txt")):
        try:
            found.append(convert(RawFile(path.name, path.read_bytes(), {})))
        except Rejected:
            pass
    return found


AUTHORS = [(), ("Hồ Thị Khánh Vi",), ("A & B; C", "<b>x</b>", "???"), ("Nguyễn Văn An", "Nguyễn Văn An"), ("[PV]", "Lan_Anh *")]


def test_a_post_emitted_from_the_stored_article_is_the_article_emitted_with_those_authors_and_slug(articles, tmp_path):
    rnd = random.Random(2)
    for article in articles:
        for authors in rnd.sample(AUTHORS, 3):
            slug = rnd.choice([article.slug, article.slug + "-1a2b3c4d", "bai-0123"])
            printed = article.credits.authors if tuple(authors) != tuple(article.credits.authors) else ()  # the names the article printed
            expected = emit(dataclasses.replace(article, credits=dataclasses.replace(article.credits, authors=authors, printed=printed), slug=slug))
            emitted = worker.emit_one(worker.EmitTask(article.source, article_json(article), slug, authors, ""))
            assert emitted.text == expected and not emitted.error
            staged = worker.emit_one(worker.EmitTask(article.source, article_json(article), slug, authors, str(tmp_path)))
            assert Path(staged.staged).read_text(encoding="utf-8") == expected and staged.sha == emitted.sha
    unsafe = worker.emit_one(worker.EmitTask("a.txt", article_json(articles[0]), "../x", (), ""))
    assert unsafe.error == "unsafe slug '../x'" and not unsafe.text


def test_paragraphs_escaped_together_are_each_escaped_alone():
    rnd = random.Random(7)
    alphabet = list("ab1.)#+-*_[]{}`\\<>&\"' \n\t\r\x00\x1f\x85\u2028\u00a0ư") + ["12.", "3)", "# ", "- ", "\n1. ", "  #", "<script>"]
    for _ in range(5000):
        paragraphs = tuple("".join(rnd.choice(alphabet) for _ in range(rnd.randrange(8))) for _ in range(rnd.randrange(5)))
        assert escaped_paragraphs(paragraphs) == "\n\n".join(t for t in map(escape_markdown, paragraphs) if t)


def test_indented_json_is_json_dumps_with_indent():
    rnd = random.Random(4)
    alphabet = ["a", "é", "\n", '"', "\\", "\x00", "\u2028", "ư", " ", "/"]

    def value(depth: int):
        kind = rnd.randrange(8 if depth < 4 else 4)
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(5)))
        makers = [
            lambda: text, lambda: rnd.randrange(-9, 10**6), lambda: rnd.choice([True, False, None]), lambda: 2.5,
            lambda: {text + str(i): value(depth + 1) for i in range(rnd.randrange(4))},
            lambda: [value(depth + 1) for _ in range(rnd.randrange(4))], lambda: {1: value(depth + 1)}, lambda: (),
        ]
        return makers[kind]()

    for _ in range(3000):
        data = value(0)
        assert report.indented_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_the_duplicate_search_run_during_the_map_finds_what_the_whole_search_finds(corpus, articles, tmp_path):
    pipeline.convert_folder(corpus, tmp_path, jobs=1)
    state = json.loads((tmp_path / ".rawnews" / "state.json").read_text(encoding="utf-8"))
    streamed = {source: tuple(value) for source, value in state["duplicates"]["value"].items()}
    assert streamed == find_duplicates(articles)
    assert streamed  # the corpus has duplicates, so the test can fail


def test_a_folder_with_subfolders_is_searched_after_the_map_the_same(corpus, tmp_path):
    """Files in subfolders come in walk order, not name order: no search during the map."""
    flat, nested = tmp_path / "flat", tmp_path / "nested"
    for index, path in enumerate(sorted(corpus.glob("*.txt"))):
        folder = nested / ("b" if index % 2 else "a")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / path.name).write_bytes(path.read_bytes())
    pipeline.convert_folder(nested, flat, jobs=1)
    report = json.loads((flat / ".rawnews" / "report.json").read_text(encoding="utf-8"))
    duplicates = {e["source"].split("/")[1]: e["duplicate_of"].split("/")[1] for e in report["files"] if e["status"] == "duplicate"}
    expected = {source: original for source, (original, _) in find_duplicates(
        [convert(RawFile(p.relative_to(nested).as_posix(), p.read_bytes(), {})) for p in sorted(nested.rglob("*.txt"))]).items()}
    assert duplicates == {s.split("/")[1]: o.split("/")[1] for s, o in expected.items()}
    assert duplicates


@pytest.mark.parametrize("jobs", [1, 2])
def test_staged_posts_are_placed_and_the_staging_folder_is_removed(corpus, tmp_path, jobs):
    pipeline.convert_folder(corpus, tmp_path / "plain", jobs=jobs)
    with _no_staging(post_files):
        pipeline.convert_folder(corpus, tmp_path / "unstaged", jobs=jobs)
    posts = {p.name: p.read_bytes() for p in (tmp_path / "plain").glob("*.md")}
    assert posts and posts == {p.name: p.read_bytes() for p in (tmp_path / "unstaged").glob("*.md")}
    assert not (tmp_path / "plain" / ".rawnews" / post_files.STAGING_NAME).exists()
    # Warm: nothing is written again, and a post deleted by hand comes back.
    victim = sorted(posts)[0]
    (tmp_path / "plain" / victim).unlink()
    result = pipeline.convert_folder(corpus, tmp_path / "plain", jobs=jobs)
    assert result.written == 1 and (tmp_path / "plain" / victim).read_bytes() == posts[victim]


class _no_staging:
    """The workers write no post (as on a Dask cluster): the parent writes them all."""

    def __init__(self, module):
        self.module = module

    def __enter__(self):
        self.real = self.module.open_staging
        self.module.open_staging = lambda folder: ""

    def __exit__(self, *exc):
        self.module.open_staging = self.real

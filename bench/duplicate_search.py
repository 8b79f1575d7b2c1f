"""Near-duplicate search when many articles share one standard paragraph.

    .venv/bin/python bench/duplicate_search.py [--sizes 2000,8000] [--rounds 3] [--plugins DIR] [--work DIR]

For each N, two corpora of N generated articles (bench/generate_corpus.py's
prose, seed 1): one where every article carries the same standard paragraph
(a newsroom's boilerplate, by default about 3 times an article), and the same
articles without it. Every 100th article is a re-scrape of an earlier one
with a sentence added (a true near-duplicate), in both corpora. Each corpus
is converted cold (`convert_folder`, -j 2, in a fresh process), then
again after adding one file, a few times. Printed per N, each the least of
--rounds runs: wall seconds of the cold conversion; of the whole duplicate
search alone, run again from the stored sketches with nothing remembered;
of a +1 run and its duplicate step (not the first +1 run: that one also
compares the last run's duplicates again, as they now come after the
published posts; its duplicate step is shown in brackets);
the duplicates found; and the ratios boilerplate / plain, which must not
grow with N. `--plugins` runs another copy of the plugins (e.g. the code
before the fix: `git archive <commit> plugins | tar -x -C /tmp/old`).
Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus as gen  # noqa: E402

RESCRAPE_EVERY = 100


def standard_paragraph(sentences: int) -> str:
    """One fixed paragraph of seed prose, the same in every article."""
    vocab = gen.vocabulary()
    rng = random.Random("rawnews-bench-boilerplate")
    story = gen.make_story(rng, 0, vocab)
    return gen.paragraph(rng, story, vocab, sentences)


def article_text(index: int, boilerplate: str) -> str:
    """File `index`: a clean generated article, with `boilerplate` after its last prose paragraph."""
    _, lines, _ = gen.article_lines(1, index)
    if boilerplate:
        last = max(i for i, line in enumerate(lines) if line.rstrip().endswith((".", "…")) and len(line) > 80)
        lines = lines[:last + 1] + ["", boilerplate] + lines[last + 1:]
    return "\n".join(lines) + "\n"


def rescrape(text: str) -> str:
    """The same article with one sentence added to its last paragraph."""
    return text.replace(".\n", ". Hội nghị kết thúc vào buổi chiều cùng ngày.\n", 1)


def write_corpus(out: Path, n: int, boilerplate: str) -> None:
    out.mkdir(parents=True)
    for index in range(n):
        if index % RESCRAPE_EVERY == RESCRAPE_EVERY - 1:
            text = rescrape(article_text(index - RESCRAPE_EVERY // 2, boilerplate))
        else:
            text = article_text(index, boilerplate)
        (out / f"{index:06d}.txt").write_text(text, encoding="utf-8")


_CONVERT = """
import json, sys, time
from vnarchive.rawnews import pipeline
started = time.perf_counter()
result = pipeline.convert_folder(sys.argv[1], sys.argv[2], jobs=2)
print(json.dumps({"wall": time.perf_counter() - started, "phase": result.timings.get("duplicates", 0.0),
                  "duplicates": result.counts().get("duplicate", 0)}))
"""

# The whole search again, alone, from the stored sketches and articles, as a
# rerun that remembers nothing does it (in its own process: the conversion's
# heap would make the collector's passes longer).
_SEARCH = """
import json, sys, time
from pathlib import Path
from vnarchive.rawnews import corpus, pipeline
state_dir = Path(sys.argv[1]) / pipeline.STATE_DIR
records = {n: r for n, r in json.loads((state_dir / pipeline.STATE_NAME).read_text())["files"].items() if "digest" in r}
store = pipeline.ArticleStore(state_dir / pipeline.STORE_NAME)
sketches = store.sketches({n: r["digest"] for n, r in records.items()})
def shingles(name):
    article = pipeline.article_from_dict(store.load(name, records[name]["digest"]))
    return corpus._shingle_hashes(corpus.shingle_words(article))
started = time.perf_counter()
corpus.find_duplicates([pipeline._summary(n, r) for n, r in records.items()], sketches, shingles=shingles)
print(json.dumps({"search": time.perf_counter() - started}))
"""


def run(plugins: Path, script: str, *args: Path) -> dict:
    """One script in a fresh process, with `plugins` first on the path; its JSON line."""
    env = {**os.environ, "PYTHONPATH": str(plugins)}
    out = subprocess.run([sys.executable, "-c", script, *map(str, args)], env=env, cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(plugins: Path, work: Path, n: int, boilerplate: str, rounds: int) -> dict:
    """Each time the least of `rounds` runs (the machine is shared: the least is the least disturbed)."""
    raw = work / "raw"
    write_corpus(raw, n, boilerplate)
    colds = [run(plugins, _CONVERT, raw, work / f"posts-{r}") for r in range(rounds)]
    dest = work / "posts-0"
    search = min(run(plugins, _SEARCH, dest)["search"] for _ in range(rounds))
    reruns = []
    for extra in range(n, n + rounds + 1):  # the first rerun also meets the order that keeps published posts first
        (raw / f"{extra:06d}.txt").write_text(article_text(extra, boilerplate), encoding="utf-8")
        reruns.append(run(plugins, _CONVERT, raw, dest))
    return {"cold": min(c["wall"] for c in colds), "search": search, "plus_one": min(r["wall"] for r in reruns[1:]),
            "plus_one_search": min(r["phase"] for r in reruns[1:]), "first_plus_one_search": reruns[0]["phase"],
            "duplicates": colds[0]["duplicates"]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,8000", help="comma-separated corpus sizes (default 2000,8000)")
    parser.add_argument("--plugins", type=Path, default=ROOT / "plugins", help="the plugins folder to run")
    parser.add_argument("--sentences", type=int, default=30,
                        help="sentences in the standard paragraph (default 30: ~900 words, about 3 times an article)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each measure; the least is shown (default 3)")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dupbench-"))
    paragraph = standard_paragraph(args.sentences)
    print(f"standard paragraph: {len(paragraph.split())} words; plugins: {args.plugins}")
    header = (f"{'N':>6} {'corpus':<11} {'cold s':>8} {'search s':>9} {'+1 s':>7} {'+1 search s':>12}"
              f" {'(1st +1)':>9} {'duplicates':>11}")
    print(header)
    try:
        for n in (int(size) for size in args.sizes.split(",")):
            rows = {}
            for kind, text in (("boilerplate", paragraph), ("plain", "")):
                folder = work / f"{kind}-{n}"
                shutil.rmtree(folder, ignore_errors=True)
                rows[kind] = row = measure(args.plugins, folder, n, text, args.rounds)
                print(f"{n:>6} {kind:<11} {row['cold']:>8.2f} {row['search']:>9.2f} {row['plus_one']:>7.2f}"
                      f" {row['plus_one_search']:>12.3f} {row['first_plus_one_search']:>9.3f} {row['duplicates']:>11}", flush=True)
                shutil.rmtree(folder, ignore_errors=True)
            ratio = {key: rows["boilerplate"][key] / rows["plain"][key] for key in ("cold", "search", "plus_one")}
            print(f"{n:>6} ratio boilerplate / plain, cold: {ratio['cold']:.2f}×; search: {ratio['search']:.1f}×;"
                  f" +1: {ratio['plus_one']:.2f}×", flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

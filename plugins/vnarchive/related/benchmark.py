"""Time `related()` on a synthetic corpus (default 50,000 articles).

    .venv/bin/python -m vnarchive.related.benchmark [-n 50000] [--seed 1] [--incremental]
    (run from plugins/, or with plugins/ on PYTHONPATH)

--incremental also times the plugin's cache (`cached_related`): a build
with an empty cache, one where nothing changed, one with an article added.

The synthetic articles imitate the real ones where it matters for the cost:
~2,500 characters of Vietnamese syllables each (taken from the seed texts),
5-8 tags drawn with a skewed (Zipf-like) frequency so that some tags sit on
thousands of articles, and a few hundred "stories" whose phrases recur in
the articles about them. It also reports how often an article's first
related article shares its story, as a sanity check of the ranking.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from .similarity import Doc, Options, related

SEEDS = Path(__file__).resolve().parents[3] / "seeds"  # plugins/vnarchive/related/ -> the checkout


def _syllables() -> list[str]:
    words: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        words += re.findall(r"\w+", path.read_text(encoding="utf-8").lower())
    return words or ["tin", "tức", "việt", "nam"]


def synthetic_docs(n: int, seed: int = 1) -> tuple[list[Doc], list[int]]:
    rng = random.Random(seed)
    syllables = _syllables()
    stories = max(1, n // 150)
    tag_pool = [f"chủ đề {k}" for k in range(2000)]
    story_phrases = [[" ".join(rng.choices(syllables, k=2)) for _ in range(30)] for _ in range(stories)]
    story_tags = [rng.sample(tag_pool[:400], 3) for _ in range(stories)]
    docs, story_of = [], []
    start = 1_600_000_000.0
    for i in range(n):
        story = rng.randrange(stories)
        parts = []
        while sum(len(p) for p in parts) < 2500:
            if rng.random() < 0.3:
                parts.append(rng.choice(story_phrases[story]))
            else:
                parts.append(" ".join(rng.choices(syllables, k=rng.randint(6, 14))) + ".")
        extra = [tag_pool[min(int(rng.paretovariate(1.1)) - 1, len(tag_pool) - 1)] for _ in range(rng.randint(2, 5))]
        docs.append(
            Doc(
                title=" ".join(rng.choices(story_phrases[story], k=3)),
                text=" ".join(parts),
                tags=tuple(dict.fromkeys(story_tags[story] + extra)),
                category=f"chuyên mục {story % 8}",
                when=start + i * 3600 * rng.uniform(0.5, 1.5),
            )
        )
        story_of.append(story)
    return docs, story_of


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--incremental", action="store_true", help="also time the cache: empty, nothing changed, +1 article")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    docs, story_of = synthetic_docs(args.n, args.seed)
    made = time.perf_counter()
    cpu_made = time.process_time()
    lists = related(docs, Options())
    done = time.perf_counter()
    cpu_done = time.process_time()
    sizes = [len(x) for x in lists]
    same_story = sum(1 for i, x in enumerate(lists) if x and story_of[x[0]] == story_of[i])
    print(f"articles: {args.n}")
    print(f"generate: {made - began:.1f} s")
    print(f"related:  {done - made:.1f} s wall, {cpu_done - cpu_made:.1f} s CPU ({(cpu_done - cpu_made) / args.n * 1e3:.2f} ms CPU per article)")
    print(f"related per article: min {min(sizes)}, max {max(sizes)}")
    print(f"first related from the same story: {same_story / args.n:.1%}")
    if args.incremental:
        incremental(docs, args.seed)


def incremental(docs: list[Doc], seed: int) -> None:
    import tempfile

    from . import cached_related

    extra = synthetic_docs(len(docs) + 1, seed + 1)[0][-1]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cache.json"
        for label, corpus in (("empty cache", docs), ("nothing changed", docs), ("+1 article", docs + [extra])):
            began = time.perf_counter()
            _, reused = cached_related(corpus, Options(), path)
            print(f"cached, {label}: {time.perf_counter() - began:.2f} s wall{' (lists reused)' if reused else ''}")


if __name__ == "__main__":
    main()

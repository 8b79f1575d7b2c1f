"""Per-field accuracy of the converter on both evaluation sets, in one run.

    .venv/bin/python bench/accuracy.py            # both tables
    .venv/bin/python bench/accuracy.py --misses   # and every miss

The self-written set (tests/data/eval, in git, enforced in CI by
tests/test_eval.py) and the real development set (bench/devset: rebuilt from
public crawl snapshots by bench/devset/build.py; a benchmark, not CI: its
text is not in git). docs/extraction.md reports both.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _show(heading: str, table: str, tallies: dict, misses: bool) -> None:
    print(heading)
    print(table)
    if misses:
        for key, tally in tallies.items():
            for miss in tally.misses:
                print(f"  miss {key}: {miss}")


def main() -> None:
    misses = "--misses" in sys.argv
    written = _load("rawnews_eval", ROOT / "tests" / "data" / "eval" / "evaluate.py")
    result = written.evaluate()
    _show(f"Self-written set: {result['files']} files (tests/data/eval)", written.table(result), result["scores"], misses)
    sys.path.insert(0, str(ROOT / "bench" / "devset"))
    real = _load("devset_score", ROOT / "bench" / "devset" / "score.py")
    if not real.RAW.is_dir():
        print(f"\nReal set: {real.RAW} is missing; build it with bench/devset/build.py")
        return
    outcome = real.score()
    _show(f"\nReal development set: {outcome['files']} articles (bench/devset)", real.table(outcome), outcome["tallies"], misses)


if __name__ == "__main__":
    main()

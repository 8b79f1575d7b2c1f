"""Accuracy on the labelled evaluation set (tests/data/eval), with thresholds.

The table is printed (run with -s, or `python tests/data/eval/evaluate.py`
for every miss); docs/extraction.md holds the current figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).parent / "data" / "eval"
THRESHOLDS = {"title": 0.98, "authors": 0.95, "date": 0.95, "tags": 0.90}


def _load():
    spec = importlib.util.spec_from_file_location("rawnews_eval", EVAL / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcome():
    module = _load()
    result = module.evaluate()
    print("\n" + module.table(result))
    return result


def test_the_set_is_large_and_varied_enough(outcome):
    assert outcome["files"] >= 30
    assert len(list((EVAL / "raw").glob("*.txt"))) == outcome["files"]


@pytest.mark.parametrize("field", sorted(THRESHOLDS))
def test_accuracy_meets_its_threshold(outcome, field):
    score = outcome["scores"][field]
    assert score.rate >= THRESHOLDS[field], f"{field}: {score.rate:.1%} < {THRESHOLDS[field]:.0%}; misses: {score.misses}"


def test_no_date_is_invented(outcome):
    assert outcome["invented"] == []


def test_every_post_keeps_the_tag_rules(outcome):
    # 2-8 tags, none banned (issue 13: no filler to reach three; a fragment too short for two may fall short once).
    score = outcome["scores"]["tag_rules"]
    assert score.total - score.hits <= 1, score.misses


@pytest.mark.parametrize("field", ["sources", "photographers", "groups", "body", "encoding", "category"])
def test_secondary_fields_are_all_right(outcome, field):
    assert outcome["scores"][field].misses == []

"""Precision and recall of the province detection (extract/places.py) on the
development set, against hand labels (places.json: file name -> provinces).

    .venv/bin/python bench/devset/places_score.py            # figures + misses
    .venv/bin/python bench/devset/places_score.py --rules    # the same for other rule settings
    .venv/bin/python bench/devset/places_score.py --show F   # what a labeller reads for file F

Micro-averaged over (file, province) pairs. The raw files are in
bench/corpora/devset/raw (git-ignored); only the labels are committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "plugins"))
sys.path.insert(0, str(HERE))

from score import RAW, read_manifest  # noqa: E402
from vnarchive.rawnews.convert import convert  # noqa: E402
from vnarchive.rawnews.extract import places as rule  # noqa: E402
from vnarchive.rawnews.model import RawFile, Rejected  # noqa: E402

LABELS = HERE / "places.json"


def articles(names: list[str], folder: Path = RAW) -> dict:
    manifest = read_manifest(folder)
    found = {}
    for name in names:
        try:
            found[name] = convert(RawFile(name, (folder / name).read_bytes(), manifest.get(name, {})))
        except Rejected:
            found[name] = None
    return found


def score(labels: dict[str, list[str]], found: dict) -> dict:
    tp = fp = fn = 0
    misses = []
    for name, expected in sorted(labels.items()):
        article = found.get(name)
        got = set(rule.extract_places(article.title, article.lead, article.paragraphs)) if article else set()
        want = set(expected)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        if got != want:
            misses.append(f"{name}: extra {sorted(got - want)} missing {sorted(want - got)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"files": len(labels), "pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 3), "recall": round(recall, 3), "misses": misses}


def show(name: str) -> None:
    article = articles([name])[name]
    print("TITLE:", article.title)
    print("LEAD:", article.lead[:400])
    print("BODY WORDS:", sum(len(p.split()) for p in article.paragraphs))
    regex, owner = rule._matcher()
    for where, text in (("title", article.title), ("lead", article.lead), *(("body", p) for p in article.paragraphs)):
        for match in regex.finditer(text):
            counts, typed = rule._is_mention(text, match.start(), match.end(), match.group(1))
            context = text[max(0, match.start() - 50):match.end() + 40].replace("\n", " ")
            print(f"  {where:5} {'T' if typed else ' '}{'+' if counts else '-'} {owner[match.group(1)]:18} …{context}…")
    print("DETECTED:", rule.extract_places(article.title, article.lead, article.paragraphs))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--show"]:
        for name in argv[1:]:
            print("==", name)
            show(name)
        return 0
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    labels = data["labels"]
    found = articles(sorted(labels))
    if argv[:1] == ["--rules"]:
        for paragraphs in (1, 2, 3, 4):
            for most in (3, 6):
                rule.BODY_PARAGRAPHS, rule.MAX_PLACES = paragraphs, most
                result = score(labels, found)
                print(f"BODY_PARAGRAPHS={paragraphs} MAX_PLACES={most}: "
                      f"P={result['precision']:.3f} R={result['recall']:.3f} (tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
        return 0
    result = score(labels, found)
    print(f"{result['files']} files, {result['pairs']} labelled provinces: precision {result['precision']:.3f}, "
          f"recall {result['recall']:.3f} (tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    for miss in result["misses"]:
        print("  ", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

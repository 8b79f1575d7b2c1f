"""Train the text classifier's model (plugins/vnarchive/rawnews/data/category_model.txt).

    .venv/bin/python bench/devset/train_category.py [--mirrors /work/.mirror]

Training set, all real news filed by its own site:

- the crawl records of the development set's crawls that are NOT in the set
  (bm2014 and vnn2025 by the crawl's category field, others by their URL's
  section, mapped by data/sections.txt as the converter maps them), and the
  46 VietNamNet records of hieupham-projects/vietnamese-news-crawler;
- the 442 files of the development set with their labels
  (categories.json), read through the converter's parser as at run time.

Model: multinomial naive Bayes over the set of syllables and syllable pairs
of the title and the first WORDS words of lead and body (classify.py's
features), additive smoothing ALPHA, features seen in at least MIN_DOCS
documents. Each feature keeps its weights (log-probability above the mean
over categories) for the TOP categories it speaks for most, when above
MIN_WEIGHT, rounded to 0.1: small, and the same file on every run.

Because the development set is in the training set, the text-only figure on
it is measured by 5-fold cross-validation (each file classified by a model
trained without its fold); the predictions go to category_cv.json, which
bench/topics_accuracy.py reports. The shipped model's figure on the set is
in-sample and not a fair measure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE))

from vnarchive.rawnews.extract.classify import Model, best, features, make_model, scores, text_features, words_of  # noqa: E402
from vnarchive.rawnews.data import pairs  # noqa: E402
from vnarchive.rawnews.extract.sections import url_category  # noqa: E402
from vnarchive.rawnews.normalize import normalize  # noqa: E402
from vnarchive.rawnews.parse import parse  # noqa: E402

RAW = HERE.parent / "corpora" / "devset" / "raw"
LAYOUT = HERE.parent / "corpora" / "devset" / "layout.json"
MODEL = ROOT / "plugins" / "vnarchive" / "rawnews" / "data" / "category_model.txt"
CV_OUT = HERE / "category_cv.json"
ORDER = ("Thời sự", "Thế giới", "Kinh tế", "Xã hội", "Pháp luật", "Giáo dục", "Sức khỏe", "Văn hóa", "Thể thao",
         "Khoa học – Công nghệ", "Quốc phòng", "Giải trí", "Du lịch", "Đời sống", "Xe")
ALPHA, MIN_DOCS, TOP, MIN_WEIGHT, FOLDS, KEYWORD_DOCS = 0.3, 5, 2, 0.5, 5, 10
HIEUPHAM = ("hieupham-projects/vietnamese-news-crawler", "dba5e42", "output-vietnamnet.json")


def doc_features(title: str, body: str) -> tuple[set, set]:
    return text_features(title, body)


def heldout_docs(mirrors: Path, layout: list[dict]) -> list[tuple[str, tuple[set, set]]]:
    """(category, features) of the crawl records that are not in the development set."""
    from categories import crawl_category
    from sources import read_all

    urls = {entry["url"] for entry in layout}
    titles = {entry["title"] for entry in layout}
    docs = []
    for records in read_all(mirrors).values():
        for record in records:
            if record.url in urls or record.title in titles:
                continue
            category = crawl_category(record.section) if record.section else url_category(record.url)
            if category:
                body = record.extra.get("text", record.body)
                docs.append((category, doc_features(record.title, f"{record.lead} {body}")))
    repo, commit, path = HIEUPHAM
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    if git_dir.exists():
        shown = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"], capture_output=True, check=True)
        for record in json.loads(shown.stdout):
            if record["title"] not in titles and record["category"] in ORDER:
                docs.append((record["category"], doc_features(record["title"], f"{record.get('description', '')} {record['content']}")))
    return docs


def devset_docs(layout: list[dict]) -> list[tuple[str, str, tuple[set, set], str, str]]:
    """(file, category, features, title, lead) of the development set, parsed as at run time."""
    labels = json.loads((HERE / "categories.json").read_text(encoding="utf-8"))["files"]
    docs = []
    for entry in layout:
        name = entry["file"]
        parts = parse(normalize((RAW / name).read_bytes()).lines)
        found = text_features(parts.title, parts.lead, parts.paragraphs)
        docs.append((name, labels[name]["category"], found, parts.title, parts.lead))
    return docs


def keyword_docs() -> list[tuple[str, set]]:
    """Each category's keyword rules (data/categories.txt) as one document: a
    category with few articles (Quốc phòng, Xã hội) still gets its words."""
    found: dict[str, set] = {}
    for category, keywords in pairs("categories.txt"):
        for keyword in keywords.split(";"):
            found.setdefault(category, set()).update(features(words_of(keyword)))
    return [(category, words) for category, words in found.items() if category in ORDER]


def train(docs: list[tuple[str, tuple[set, set]]]) -> tuple[tuple[str, ...], dict[bytes, tuple[tuple[int, float], ...]]]:
    """(categories, sparse entries: feature -> ((category index, weight), ...))."""
    categories = tuple(c for c in ORDER if any(doc[0] == c for doc in docs))
    counts = {c: Counter() for c in categories}
    seen = Counter()
    for category, (title, body) in docs:
        found = title | body
        counts[category].update(found)
        seen.update(found)
    for category, words in keyword_docs():
        for _ in range(KEYWORD_DOCS):
            counts[category].update(words)
            seen.update(words)
    vocabulary = sorted(f for f, n in seen.items() if n >= MIN_DOCS)
    size = len(vocabulary)
    totals = {c: sum(counts[c][f] for f in vocabulary) for c in categories}
    weights = {}
    for feature in vocabulary:
        logs = [math.log((counts[c][feature] + ALPHA) / (totals[c] + ALPHA * size)) for c in categories]
        mean = sum(logs) / len(logs)
        best = sorted(((round(value - mean, 1), index) for index, value in enumerate(logs)), key=lambda item: (-item[0], item[1]))[:TOP]
        entry = tuple((index, weight) for weight, index in best if weight > MIN_WEIGHT)
        if entry:
            weights[feature] = entry
    return categories, weights


def predict(trained: Model, title_features: set, body_features: set, title: str, lead: str) -> str:
    return best(scores(title_features, body_features, title, lead, trained), trained.categories)


def fold(name: str) -> int:
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def write_model(trained, count: int) -> None:
    categories, weights = trained
    lines = [
        "# Text model of the category classifier (extract/classify.py), written by",
        "# bench/devset/train_category.py: naive Bayes weights of syllables and",
        f"# syllable pairs, from {count} real articles labelled by their sites' sections or by reading.",
        "# `feature<TAB>category:weight ...`, categories numbered from 0 as listed.",
        "@categories " + "|".join(categories),
    ]
    lines += [f"{feature.decode('utf-8')}\t" + " ".join(f"{index}:{weight:g}" for index, weight in entry) for feature, entry in sorted(weights.items())]
    MODEL.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    layout = json.loads(LAYOUT.read_text(encoding="utf-8"))
    heldout = heldout_docs(args.mirrors, layout)
    dev = devset_docs(layout)
    predictions, right = {}, 0
    for k in range(FOLDS):
        trained = make_model(*train(heldout + [(c, f) for name, c, f, _, _ in dev if fold(name) != k]))
        for name, category, (title_f, body_f), title, lead in dev:
            if fold(name) == k:
                predictions[name] = predict(trained, title_f, body_f, title, lead)
                right += predictions[name] == category
    CV_OUT.write_text(json.dumps(dict(sorted(predictions.items())), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    trained = train(heldout + [(c, f) for _, c, f, _, _ in dev])
    write_model(trained, len(heldout) + len(dev))
    print(f"trained on {len(heldout)} held-out crawl records + {len(dev)} development files: "
          f"{len(trained[1])} features; text-only {FOLDS}-fold cross-validation {right}/{len(dev)} = {right / len(dev):.1%}")


if __name__ == "__main__":
    main()

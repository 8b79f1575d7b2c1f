"""Accuracy of the converter on the labelled evaluation set.

    .venv/bin/python tests/data/eval/evaluate.py          # table + every miss

Runs the pure stages (normalize -> parse -> extract) on every file in raw/
with its manifest row, merges author names over the set as corpus.py does
(with this folder's alias file), and compares with labels.json.

A date counts as exact when precision and value match. It counts as
invented when it claims more than the label knows: a date where the label
has none, a finer precision than the label, or a value that contradicts the
label at the label's precision.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from vnarchive.rawnews.corpus import canonical_authors  # noqa: E402
from vnarchive.rawnews.data import pairs  # noqa: E402
from vnarchive.rawnews.convert import convert  # noqa: E402
from vnarchive.rawnews.extract.tags import banned_phrases  # noqa: E402
from vnarchive.rawnews.model import Article, RawFile  # noqa: E402

RAW = HERE / "raw"
RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3}


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"]: {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)}


def convert_all(folder: Path = RAW) -> dict[str, Article]:
    manifest = read_manifest(folder)
    return {
        path.name: convert(RawFile(path.name, path.read_bytes(), manifest.get(path.name, {})))
        for path in sorted(folder.glob("*.txt"))
    }


def _date_value(article: Article) -> str | None:
    date = article.date
    if date.precision == "unknown":
        return None
    if date.precision == "year":
        return f"{date.year:04d}"
    if date.precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def _invented(got: str | None, got_precision: str, want: str | None, want_precision: str) -> bool:
    if got is None:
        return False
    if want is None or RANK[got_precision] < RANK[want_precision]:
        return True
    return not want.startswith(got)


def evaluate(labels_path: Path = HERE / "labels.json", folder: Path = RAW) -> dict:
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["files"]
    articles = convert_all(folder)
    names = {name for article in articles.values() for name in article.credits.authors}
    aliases = dict(pairs("author_aliases.txt", directory=HERE)) if (HERE / "author_aliases.txt").exists() else {}
    mapping = canonical_authors(names, aliases)
    banned = banned_phrases()
    scores = {key: Score() for key in ("title", "authors", "groups", "date", "tags", "tag_rules", "category", "sources", "photographers", "body", "captions", "subheadings", "encoding")}
    invented: list[str] = []
    for label in labels:
        name = label["file"]
        article = articles[name]
        title = " ".join(article.title.split())
        if "title" in label:
            scores["title"].add(title == label["title"] and article.title_source == "text", f"{name}: {title!r} ({article.title_source})")
        else:
            ok = article.title_source == "derived" and title.startswith(label["title_prefix"]) and len(title) <= 111
            scores["title"].add(ok, f"{name}: {title!r} ({article.title_source})")
        authors = sorted(dict.fromkeys(mapping.get(n, n) for n in article.credits.authors))
        scores["authors"].add(authors == sorted(label["authors"]), f"{name}: {authors} != {sorted(label['authors'])}")
        if "groups" in label:
            groups = list(article.credits.groups)
            scores["groups"].add(groups == label["groups"], f"{name}: groups {groups} != {label['groups']}")
        got = _date_value(article)
        ok = got == label["date"] and article.date.precision == label["precision"]
        scores["date"].add(ok, f"{name}: {got} ({article.date.precision}; {article.date.evidence}) != {label['date']} ({label['precision']})")
        if _invented(got, article.date.precision, label["date"], label["precision"]):
            invented.append(f"{name}: {got} ({article.date.evidence})")
        tags = {t.casefold() for t in article.tags}
        for tag in label["tags"]:
            scores["tags"].add(tag.casefold() in tags, f"{name}: missing {tag!r} in {list(article.tags)}")
        rules_ok = 2 <= len(article.tags) <= 8 and not any(t.casefold() in banned for t in article.tags)
        scores["tag_rules"].add(rules_ok, f"{name}: {list(article.tags)}")
        if "category" in label:
            scores["category"].add(article.category == label["category"], f"{name}: {article.category!r} != {label['category']!r}")
        if "sources" in label:
            missing = [s for s in label["sources"] if s not in article.credits.sources]
            scores["sources"].add(not missing, f"{name}: {list(article.credits.sources)} lacks {missing}")
        if "photographers" in label:
            scores["photographers"].add(list(article.credits.photographers) == label["photographers"], f"{name}: {list(article.credits.photographers)}")
        if "body_contains" in label:
            body = "\n".join((article.lead, *article.paragraphs))
            scores["body"].add(all(s in body for s in label["body_contains"]), f"{name}: body lacks {label['body_contains']}")
        kinds = article.kinds or ("p",) * len(article.paragraphs)
        for key, kind in (("captions", "caption"), ("subheadings", "h")):
            if key in label:
                found = [" ".join(text.split()) for text, each in zip(article.paragraphs, kinds) if each == kind]
                scores[key].add(found == label[key], f"{name}: {key} {found} != {label[key]}")
        if "encoding" in label:
            scores["encoding"].add(label["encoding"] in article.encoding, f"{name}: {article.encoding}")
    return {"files": len(labels), "scores": scores, "invented": invented, "articles": articles}


def table(result: dict) -> str:
    lines = [f"{'field':<14} {'correct':>9} {'accuracy':>9}"]
    for key, score in result["scores"].items():
        if score.total:
            lines.append(f"{key:<14} {score.hits:>4}/{score.total:<4} {score.rate:>8.1%}")
    lines.append(f"{'invented dates':<14} {len(result['invented']):>9}")
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = evaluate()
    print(f"{outcome['files']} labelled files")
    print(table(outcome))
    for key, score in outcome["scores"].items():
        for miss in score.misses:
            print(f"  miss {key}: {miss}")
    for item in outcome["invented"]:
        print(f"  invented date: {item}")
    if "-v" in sys.argv:
        for name, article in outcome["articles"].items():
            print(name, "|", article.title, "|", list(article.tags), "|", article.category)

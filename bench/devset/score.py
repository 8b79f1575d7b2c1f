"""Score the converter on the real development set (labels.json).

Runs the pure stages (normalize -> parse -> extract) on each raw file with
its manifest row, as the converter does, and compares with the labels.
See labels.py for what each label means; docs/extraction.md for figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))

from evaluate import Score as Tally  # noqa: E402  (the self-written set's tally, the same count of hits and misses)
from labels import words_digest  # noqa: E402
from vnarchive.rawnews.convert import convert  # noqa: E402
from vnarchive.rawnews.model import Article, RawFile, Rejected  # noqa: E402

RAW = HERE.parent / "corpora" / "devset" / "raw"
EVENT_DAYS = 7  # an event day shown may precede the publication by this much (labels.py uses the same window)
_GROUP = re.compile(r"^(?:nhóm\s+\w+|pv|ctv|btv|phóng viên|ban\s+.+)$", re.I)


def _name_key(name: str) -> str:
    return re.sub(r"\.\s+", ".", " ".join(name.split())).casefold()


def _outlet_key(name: str) -> str:
    key = " ".join(name.split()).casefold().strip(" .")
    return re.sub(r"^(?:báo|theo|nguồn:?)\s+", "", key)


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["file"]: {k: (v or "").strip() for k, v in row.items() if v} for row in csv.DictReader(handle)}


def convert_folder(folder: Path) -> dict[str, Article | str]:
    manifest = read_manifest(folder)
    found: dict[str, Article | str] = {}
    for path in sorted(folder.glob("*.txt")):
        try:
            found[path.name] = convert(RawFile(path.name, path.read_bytes(), manifest.get(path.name, {})))
        except Rejected as error:
            found[path.name] = f"rejected: {error}"
    return found


def _value(article: Article) -> str | None:
    date = article.date
    if date.precision == "day":
        return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    if date.precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if date.precision == "year":
        return f"{date.year:04d}"
    return None


def date_verdict(article: Article, label: dict) -> tuple[bool, str]:
    """(exact, problem): problem is '' or why the date shown is wrong or unsupported."""
    got = _value(article)
    before = getattr(article.date, "before", "") or ""
    truth = label["truth"][:10]
    want = label["date"]
    if label["precision"] == "unknown":
        exact = got is None and before == label.get("before", "")
    else:
        exact = got == want and article.date.precision == "day"
    if got is None:
        if before and before < truth:
            return exact, f"bound {before} is before the publication {truth}"
        return exact, ""
    if not truth.startswith(got):
        if article.date.precision == "day" and 0 <= (dt.date.fromisoformat(truth) - dt.date.fromisoformat(got)).days <= EVENT_DAYS:
            return exact, ""  # the lead's event day, a few days before publication
        return exact, f"{got} ({article.date.precision}) but published {truth}"
    if article.date.precision == "day" and label["precision"] == "unknown":
        return exact, f"{got}: right day, but no publication-grade evidence was labelled ({article.date.evidence})"
    return exact, ""


def score(labels_path: Path = HERE / "labels.json", folder: Path = RAW) -> dict:
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["files"]
    articles = convert_folder(folder)
    tallies = {key: Tally() for key in ("title", "fragment", "lead", "date", "date_ok", "authors_recall", "authors_precision", "outlets", "groups")}
    problems = Counter()
    for label in labels:
        name = label["file"]
        article = articles.get(name)
        if not isinstance(article, Article):
            for key in ("title", "date", "date_ok"):
                tallies[key].add(False, f"{name}: {article}")
            continue
        title = " ".join(article.title.split())
        if label.get("fragment"):
            tallies["fragment"].add(article.title_source == "derived", f"{name}: false title {title!r}")
        else:
            tallies["title"].add(title == label["title"] and article.title_source == "text", f"{name}: {title!r} ({article.title_source}) != {label['title']!r}")
        if "lead_sha1" in label:
            tallies["lead"].add(words_digest(article.lead) == label["lead_sha1"], f"{name}: lead {article.lead[:90]!r}…")
        exact, problem = date_verdict(article, label)
        shown = f"{_value(article)} {article.date.precision} before={getattr(article.date, 'before', '')} [{getattr(article.date, 'source', '')}] ({article.date.evidence[:60]})"
        tallies["date"].add(exact, f"{name}: {shown} != {label['date']} {label['precision']} before={label.get('before', '')} ({label['why']})")
        tallies["date_ok"].add(not problem, f"{name}: {problem}")
        if "authors" in label:
            want = {_name_key(a) for a in label["authors"]}
            got = {_name_key(a) for a in article.credits.authors if not _GROUP.match(a)}
            for name_ in sorted(want):
                tallies["authors_recall"].add(name_ in got, f"{name}: missed {name_!r}; got {sorted(got)} from {article.credits.evidence[:80]!r}")
            for name_ in sorted(got):
                tallies["authors_precision"].add(name_ in want, f"{name}: extra {name_!r}; want {sorted(want)}")
            sources = {_outlet_key(s) for s in article.credits.sources}
            if label["outlets"]:
                missing = [o for o in label["outlets"] if _outlet_key(o) not in sources]
                tallies["outlets"].add(not missing, f"{name}: {sorted(sources)} lacks {missing}")
            if label["groups"]:
                groups = {_name_key(a) for a in article.credits.authors if _GROUP.match(a)} | {_name_key(g.split(" · ")[0]) for g in getattr(article.credits, "groups", ())}
                missing = [g for g in label["groups"] if _name_key(g) not in groups]
                tallies["groups"].add(not missing, f"{name}: groups {sorted(groups)} lack {missing}")
    return {"files": len(labels), "tallies": tallies}


def table(result: dict) -> str:
    lines = [f"{'field':<18} {'right':>11} {'rate':>7}"]
    names = {"date_ok": "date not wrong", "fragment": "fragment no title", "authors_recall": "author recall", "authors_precision": "author precision"}
    for key, tally in result["tallies"].items():
        lines.append(f"{names.get(key, key):<18} {tally.hits:>5}/{tally.total:<5} {tally.rate:>7.1%}")
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = score()
    print(f"{outcome['files']} real articles")
    print(table(outcome))
    for key, tally in outcome["tallies"].items():
        for miss in tally.misses:
            print(f"  miss {key}: {miss}")

"""Category, tag and related-article figures on the real development set.

    .venv/bin/python bench/topics_accuracy.py            # figures
    .venv/bin/python bench/topics_accuracy.py --misses   # and every miss

- category: end to end (URL section, breadcrumb, text, as the converter
  runs), end to end with the text decisions taken from the 5-fold
  cross-validation (bench/devset/category_cv.json: the model was trained on
  this set, so its own text decisions here are in-sample), and text only
  (cross-validated); labels in bench/devset/categories.json;
- tags: precision over the tags the converter gives on the labelled sample
  (bench/devset/tags.json: acceptable and unacceptable tags per file; a
  tag not judged there is reported, never counted as right), recall of the
  sample's key tags, and the self-written set's must-have recall;
- related: share of related links judged on topic (bench/devset/related.json),
  read from a site built from the set (--site OUTPUT, see docs/extraction.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE / "devset"))
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))

from vnarchive.rawnews.extract.classify import classify  # noqa: E402
from vnarchive.rawnews.extract.sections import breadcrumb_category, url_category  # noqa: E402
from vnarchive.rawnews.model import Article  # noqa: E402
from vnarchive.rawnews.normalize import normalize  # noqa: E402
from vnarchive.rawnews.parse import parse  # noqa: E402
from score import RAW, convert_folder, read_manifest  # noqa: E402

DEVSET = HERE / "devset"


def category_figures(articles: dict, misses: bool) -> None:
    labels = json.loads((DEVSET / "categories.json").read_text(encoding="utf-8"))["files"]
    cv = json.loads((DEVSET / "category_cv.json").read_text(encoding="utf-8"))
    manifest = read_manifest(RAW)
    paths, path_right = Counter(), Counter()
    e2e = e2e_cv = text = 0
    missed = []
    for name, label in sorted(labels.items()):
        want = label["category"]
        article = articles.get(name)
        got = article.category if isinstance(article, Article) else ""
        parts = parse(normalize((RAW / name).read_bytes()).lines)
        if url_category(manifest.get(name, {}).get("url", "")):
            path = "URL section"
        elif breadcrumb_category(parts.breadcrumb):
            path = "breadcrumb"
        else:
            path = "text"
        fair = cv[name] if path == "text" else got
        paths[path] += 1
        path_right[path] += fair == want
        e2e += got == want
        e2e_cv += fair == want
        text += cv[name] == want
        if fair != want:
            missed.append(f"{name} [{path}, labelled from {label['from']}]: {fair!r}, labelled {want!r}")
    total = len(labels)
    print(f"category, {total} files")
    print(f"  end to end, text decisions cross-validated  {e2e_cv}/{total} = {e2e_cv / total:.1%}")
    print(f"  end to end, shipped model (in-sample text)  {e2e}/{total} = {e2e / total:.1%}")
    print(f"  text only, cross-validated                  {text}/{total} = {text / total:.1%}")
    for path in ("URL section", "breadcrumb", "text"):
        print(f"  by {path:<12} {path_right[path]}/{paths[path]}")
    classes = Counter(line.split(": ", 1)[1] for line in missed)
    print("  miss classes (got, labelled):", ", ".join(f"{k} x{n}" for k, n in classes.most_common()))
    if misses:
        for line in missed:
            print("   ", line)


def tag_figures(articles: dict, misses: bool) -> None:
    labels = json.loads((DEVSET / "tags.json").read_text(encoding="utf-8"))["files"]
    good = bad = keys = keys_found = 0
    unjudged, wrong, lost = [], Counter(), []
    for name, label in sorted(labels.items()):
        article = articles.get(name)
        tags = article.tags if isinstance(article, Article) else ()
        acceptable, unacceptable = set(label["acceptable"]), set(label["unacceptable"])
        for tag in tags:
            if tag in acceptable:
                good += 1
            elif tag in unacceptable:
                bad += 1
                wrong[tag] += 1
            else:
                unjudged.append(f"{name}: {tag!r}")
        given = {tag.casefold() for tag in tags}
        for key in label["key"]:
            keys += 1
            keys_found += key.casefold() in given
            if key.casefold() not in given:
                lost.append(f"{name}: {key!r}")
    judged = good + bad
    print(f"tags, {len(labels)} labelled files")
    print(f"  acceptable                  {good}/{judged} = {good / max(judged, 1):.1%}  ({len(unjudged)} not judged)")
    print(f"  key tags found              {keys_found}/{keys} = {keys_found / max(keys, 1):.1%}")
    counts = Counter(tag for article in articles.values() if isinstance(article, Article) for tag in article.tags)
    once = sum(1 for n in counts.values() if n == 1)
    print(f"  whole set: {sum(counts.values())} tags, {len(counts)} distinct, {once} used by one article only (not listed in the tag index)")
    from evaluate import HERE as EVAL, convert_all

    eval_articles = convert_all()
    eval_labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))["files"]
    must = found = 0
    for label in eval_labels:
        tags = {tag.casefold() for tag in eval_articles[label["file"]].tags}
        for tag in label["tags"]:
            must += 1
            found += tag.casefold() in tags
    print(f"  self-written set, must-have {found}/{must} = {found / max(must, 1):.1%}")
    if misses:
        print("  unacceptable given:", ", ".join(f"{t!r}" + (f" x{n}" if n > 1 else "") for t, n in wrong.most_common()))
        for line in unjudged:
            print("    not judged:", line)
        for line in lost:
            print("    key not given:", line)


def related_figures(output: Path, content: Path, misses: bool) -> None:
    """Share of the labelled articles' related links judged on topic, read
    from a built site (links by slug; slugs to files through the posts)."""
    import re

    from bs4 import BeautifulSoup

    labels = json.loads((DEVSET / "related.json").read_text(encoding="utf-8"))["files"]
    source_of = {}
    for post in content.glob("*.md"):
        head = post.read_text(encoding="utf-8")[:3000]
        slug, source = re.search(r"^Slug: (.+)$", head, re.M), re.search(r"^Source: (.+)$", head, re.M)
        if slug and source:
            source_of[slug.group(1).strip()] = source.group(1).strip()
    page_of = {source: slug for slug, source in source_of.items()}
    on = total = 0
    unjudged = []
    for name, label in sorted(labels.items()):
        page = output / "bai" / page_of.get(name, "?") / "index.html"
        if not page.exists():
            unjudged.append(f"{name}: no page")
            continue
        section = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("section", class_="related")
        for link in section.find_all("a") if section else ():
            target = source_of.get(link["href"].rstrip("/").rsplit("/", 1)[-1], "?")
            total += 1
            on += target in label["on_topic"]
            if target not in label["on_topic"] and target not in label["off_topic"]:
                unjudged.append(f"{name} -> {target}")
    print(f"related, {len(labels)} labelled articles")
    print(f"  links on topic              {on}/{total} = {on / max(total, 1):.1%}  ({len(unjudged)} not judged)")
    if misses:
        for line in unjudged:
            print("    not judged:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--site", type=Path, help="OUTPUT of `make html SEEDS=<devset raw> CONTENT=... OUTPUT=...` (related lists)")
    parser.add_argument("--content", type=Path, help="CONTENT of that build (slugs to file names)")
    args = parser.parse_args()
    articles = convert_folder(RAW)
    category_figures(articles, args.misses)
    tag_figures(articles, args.misses)
    if args.site and args.content:
        related_figures(args.site, args.content, args.misses)


if __name__ == "__main__":
    main()

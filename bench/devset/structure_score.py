"""Captions and subheadings found on the real development set, against the
hand labels of bench/devset/structure.json (50 articles, 10 per crawl).

    .venv/bin/python bench/devset/structure_score.py [--misses]

Also prints the body's paragraph sizes over all 442 articles: how many prose
paragraphs are longer than 120 words, and how many of those are the
source's own line (a paragraph the source wrote that long).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import RAW, convert_folder  # noqa: E402

from vnarchive.rawnews.model import Article  # noqa: E402
from vnarchive.rawnews.normalize import normalize  # noqa: E402


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def main() -> None:
    misses = "--misses" in sys.argv
    labels = json.loads((HERE / "structure.json").read_text(encoding="utf-8"))["files"]
    articles = convert_folder(RAW)
    found_captions = right_captions = labelled_captions = 0
    found_heads = right_heads = labelled_heads = 0
    lines = []
    for name, label in sorted(labels.items()):
        article = articles[name]
        if not isinstance(article, Article):
            continue
        kinds = article.kinds or ("p",) * len(article.paragraphs)
        captions = [_flat(t) for t, k in zip(article.paragraphs, kinds) if k == "caption"]
        heads = [_flat(t) for t, k in zip(article.paragraphs, kinds) if k == "h"]
        for caption in label["captions"]:
            labelled_captions += 1
            end = _flat(caption["end"])
            hit = any(end in found or found.endswith(end[-20:]) for found in captions)
            right_captions += hit
            if not hit:
                lines.append(f"  missed caption {name}: …{end}")
        ends = [_flat(c["end"]) for c in label["captions"]]
        for found in captions:
            found_captions += 1
            if not any(end in found or found.endswith(end[-20:]) for end in ends):
                lines.append(f"  not a labelled caption {name}: …{found[-80:]}")
            else:
                pass
        wanted = [_flat(h) for h in label["subheadings"]]
        for head in wanted:
            labelled_heads += 1
            hit = head in heads
            right_heads += hit
            if not hit:
                lines.append(f"  missed subheading {name}: {head}")
        for head in heads:
            found_heads += 1
            if head not in wanted:
                lines.append(f"  not a labelled subheading {name}: {head}")
    labelled_found_captions = found_captions - sum(1 for line in lines if line.startswith("  not a labelled caption"))
    labelled_found_heads = found_heads - sum(1 for line in lines if line.startswith("  not a labelled subheading"))
    print(f"captions recognised: {right_captions}/{labelled_captions} = {right_captions / max(1, labelled_captions):.1%}; "
          f"precision {labelled_found_captions}/{found_captions} = {labelled_found_captions / max(1, found_captions):.1%}")
    print(f"subheadings recognised: {right_heads}/{labelled_heads} = {right_heads / max(1, labelled_heads):.1%}; "
          f"precision {labelled_found_heads}/{found_heads} = {labelled_found_heads / max(1, found_heads):.1%}")
    long_total = own = paragraphs = 0
    for path in sorted(RAW.glob("*.txt")):
        article = articles.get(path.name)
        if not isinstance(article, Article):
            continue
        source = normalize(path.read_bytes()).lines
        kinds = article.kinds or ("p",) * len(article.paragraphs)
        for text, kind in zip(article.paragraphs, kinds):
            paragraphs += 1
            if kind == "p" and len(text.split()) > 120:
                long_total += 1
                own += any(text in line and len(line.split()) <= len(text.split()) + 5 for line in source)
    print(f"prose paragraphs over 120 words: {long_total} of {paragraphs} blocks ({own} are the source's own line)")
    if misses:
        print("\n".join(lines))


if __name__ == "__main__":
    main()

"""Compare tagging methods on the labelled evaluation set (tests/data/eval).

    .venv/bin/python bench/tag_options.py                      # A, B, C
    .venv/bin/python bench/tag_options.py --dump /tmp/texts.json
    OTHER_VENV/bin/python bench/tag_options.py --underthesea /tmp/texts.json   # D

A  the first tagger (git 859c5a9: provinces, vocabulary, capitalised
   organisations with a broken end rule, acronyms);
B  the current tagger (plugins/vnarchive/rawnews/extract/tags.py);
C  corpus TF-IDF over syllable 1-3-grams (IDF over the evaluation set and the
   seeds, title counted three times), top 5 after the same stop-word edges;
D  underthesea 9.5 (its offline CRF models): NER LOC/ORG entities plus
   noun phrases from pos_tag, ranked by frequency and title presence, top 5.

For each: must-have tag recall, posts with 3-8 tags, share of "junk" tags
(a tag that starts or ends with a function word, a lone lowercase
syllable, or more than 6 words), and files per CPU second.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
FUNCTION = set("của và các cho tại trong với được đã sẽ là có từ để về theo trên dưới ở hơn đến khi này đó những một nhiều".split())


def load_texts() -> list[dict]:
    sys.path.insert(0, str(ROOT / "plugins"))
    from vnarchive.rawnews.normalize import normalize
    from vnarchive.rawnews.parse import parse

    labels = {row["file"]: row for row in json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))["files"]}
    texts = []
    for path in sorted((EVAL / "raw").glob("*.txt")):
        parts = parse(normalize(path.read_bytes()).lines)
        texts.append({"file": path.name, "title": parts.title, "lead": parts.lead, "paragraphs": list(parts.paragraphs), "must": labels[path.name]["tags"]})
    return texts


def seed_texts() -> list[dict]:
    from vnarchive.rawnews.normalize import normalize
    from vnarchive.rawnews.parse import parse

    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        parts = parse(normalize(path.read_bytes()).lines)
        out.append({"title": parts.title, "lead": parts.lead, "paragraphs": list(parts.paragraphs)})
    return out


def junk(tag: str, vocabulary: set[str]) -> bool:
    words = tag.lower().split()
    if not words or len(words) > 6 or words[0] in FUNCTION or words[-1] in FUNCTION:
        return True
    return len(words) == 1 and tag.islower() and tag not in vocabulary


def score(name: str, texts: list[dict], tagger, vocabulary: set[str]) -> dict:
    start = time.process_time()
    results = [tagger(t) for t in texts]
    seconds = time.process_time() - start
    must = sum(len(t["must"]) for t in texts)
    found = sum(sum(m.casefold() in {x.casefold() for x in r} for m in t["must"]) for t, r in zip(texts, results))
    all_tags = [tag for r in results for tag in r]
    row = {
        "method": name,
        "must-have recall": f"{found}/{must} = {found / must:.1%}",
        "posts with 3-8 tags": f"{sum(3 <= len(r) <= 8 for r in results)}/{len(texts)}",
        "junk tags": f"{sum(junk(t, vocabulary) for t in all_tags)}/{len(all_tags)}",
        "files/s": f"{len(texts) / seconds:,.0f}",
    }
    return row


def tfidf_tagger(texts: list[dict], corpus: list[dict]):
    sys.path.insert(0, str(ROOT / "plugins"))
    from vnarchive.rawnews.extract.tags import stopwords

    edges, generic = stopwords()
    tokenize = re.compile(r"[^\W\d_]+")

    def grams(doc: dict) -> Counter:
        counts: Counter = Counter()
        for part, weight in ((doc["title"], 3), (doc["lead"], 1), *((p, 1) for p in doc["paragraphs"])):
            for segment in re.split(r"[.,;:!?()\"“”]", part):
                words = tokenize.findall(segment)
                for n in (1, 2, 3):
                    for i in range(len(words) - n + 1):
                        gram = words[i: i + n]
                        low = [w.lower() for w in gram]
                        if low[0] in edges or low[-1] in edges or " ".join(low) in generic:
                            continue
                        counts[" ".join(gram)] += weight
        return counts

    df: Counter = Counter()
    for doc in corpus:
        df.update({g.lower() for g in grams(doc)})
    size = len(corpus)

    def tag(doc: dict) -> list[str]:
        counts = grams(doc)
        folded: Counter = Counter()
        forms: dict[str, Counter] = {}
        for gram, c in counts.items():
            folded[gram.lower()] += c
            forms.setdefault(gram.lower(), Counter())[gram] += c
        scored = {g: c * math.log((1 + size) / (1 + df[g])) * (1 + 0.3 * len(g.split())) for g, c in folded.items()}
        chosen: list[str] = []
        for g in sorted(scored, key=lambda k: -scored[k]):
            if any(f" {g} " in f" {c} " or f" {c} " in f" {g} " for c in chosen):
                continue
            chosen.append(g)
            if len(chosen) == 5:
                break
        return [forms[g].most_common(1)[0][0] for g in chosen]

    return tag


def underthesea_tagger():
    from underthesea import ner, pos_tag

    def tag(doc: dict) -> list[str]:
        scores: Counter = Counter()
        title = doc["title"].lower()
        text = "\n".join([doc["title"], doc["lead"], *doc["paragraphs"]])
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            if not sentence.strip():
                continue
            entity: list[str] = []
            for word, _pos, _chunk, label in ner(sentence) + [("", "", "", "O")]:
                if label.startswith("I-") and entity:
                    entity.append(word)
                    continue
                if entity:
                    scores[" ".join(entity)] += 2
                entity = [word] if label.startswith("B-") and label[2:] in ("LOC", "ORG") else []
            phrase: list[str] = []
            for word, pos in pos_tag(sentence) + [("", "X")]:
                if pos in ("N", "Np"):
                    phrase.append(word)
                    continue
                if phrase and (len(phrase) > 1 or " " in phrase[0]):
                    scores[" ".join(phrase)] += 1
                phrase = []
        for key in list(scores):
            if key.lower() in title:
                scores[key] += 3
        return [k for k, _ in scores.most_common(5)]

    return tag


def main() -> None:
    if "--underthesea" in sys.argv:
        texts = json.loads(Path(sys.argv[-1]).read_text(encoding="utf-8"))
        print(json.dumps(score("D underthesea NER + noun phrases", texts, underthesea_tagger(), set()), ensure_ascii=False))
        return
    texts = load_texts()
    if "--dump" in sys.argv:
        Path(sys.argv[-1]).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        return
    sys.path.insert(0, str(ROOT / "plugins"))
    import importlib.util

    from vnarchive.rawnews.extract.tags import extract_tags, vocabulary

    vocab = {v.lower() for v in vocabulary()[0].values()}
    old_source = subprocess.run(["git", "show", "859c5a9:plugins/rawnews/extract/tags.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    old_path = Path("/tmp/rawnews_tags_baseline.py")
    old_path.write_text(old_source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("vnarchive.rawnews.extract.tags_baseline", old_path)
    baseline = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = baseline
    spec.loader.exec_module(baseline)

    rows = [
        score("A first tagger", texts, lambda t: baseline.extract_tags(t["title"], t["lead"], tuple(t["paragraphs"])), vocab),
        score("B current tagger", texts, lambda t: extract_tags(t["title"], t["lead"], tuple(t["paragraphs"])), vocab),
        score("C corpus TF-IDF n-grams", texts, tfidf_tagger(texts, texts + seed_texts()), vocab),
    ]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""Write plugins/vnarchive/rawnews/data/tag_common.txt: words too common to be a tag alone.

    .venv/bin/python bench/devset/common_phrases.py [--mirrors /work/.mirror]

A lowercase syllable or syllable pair that one news article in SHARE or
more uses ("cho biết", "tuy nhiên", "cơ hội", "công ty", "ấn tượng") says
nothing of what one article is about, so the tagger never makes it a tag on
its own (a longer phrase may hold it: "giá vàng", "tai nạn giao thông").
Counted over every article of the five crawls the development set is drawn
from (about 1,500; counts only, no text is kept). Topic words that editors
do use are in tag_vocabulary.txt and are left out of this list.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE))

from vnarchive.rawnews.extract.classify import features, words_of  # noqa: E402

OUT = ROOT / "plugins" / "vnarchive" / "rawnews" / "data" / "tag_common.txt"
SHARE = 0.015
CHARS = 3000  # of each article: the part the tagger reads


def main() -> None:
    from sources import read_all

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    seen: Counter = Counter()
    count = 0
    for records in read_all(args.mirrors).values():
        for record in records:
            text = f"{record.title} {record.lead} {record.extra.get('text', record.body)[:CHARS]}"
            seen.update(feature.decode("utf-8") for feature in features(words_of(text)))
            count += 1
    common = sorted(p for p, n in seen.items() if n >= SHARE * count and p.replace(" ", "").isalpha())
    header = [
        "# Lowercase words and word pairs too common to be a tag on their own: each",
        f"# is in {SHARE:.0%} or more of {count} real news articles (bench/devset/common_phrases.py).",
        "# A tag may still contain them; a vocabulary topic among them is a tag only",
        "# when the title names it. Delete a line to allow it.",
    ]
    OUT.write_text("\n".join(header + common) + "\n", encoding="utf-8")
    print(f"{len(common)} phrases from {count} articles -> {OUT.name}")


if __name__ == "__main__":
    main()

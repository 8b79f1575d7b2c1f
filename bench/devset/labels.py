"""Write labels.json for the real development set from the crawl's own fields.

    .venv/bin/python bench/devset/labels.py   # after build.py

Rules, one per field (docs/extraction.md repeats them):

- **title**: the crawl's title field, as the raw file shows it; a fragment
  (no title line in the raw file) must get a derived title, never a line of
  its text taken as a title.
- **lead**: the crawl's sapo field when the raw file shows it as the first
  paragraph (stored as a SHA-1 of its words, to keep third-party text out of
  git); crawls without a sapo field (bm2025) have no lead label.
- **date**: what the raw file and its manifest row support, checked against
  the crawl's own publication time (`truth`):
  a dateline in the file, or `published` in the manifest, supports the day of
  `truth` (at the manifest's precision); otherwise a day-month date in the
  first 300 characters of the lead (or of the first paragraph,
  when the file shows no lead) that falls 0-7 days before `truth` is the
  lead's own event day and is the label (a day-month date only when the
  manifest gives a crawl date to take the year from; when the lead has none, the
  opening 200 characters of the first body paragraph are read the same
  way: a dateless sapo leaves the event's day to the text's first sentence); otherwise no day is supported and
  the label is the bound: unknown, before the manifest's crawl date (when the
  file has a manifest row).
- **authors / outlets / groups**: read by hand from the credit as printed
  (`credits.json`, with its own rules in its "about"), names as printed.
- `overrides.json` holds corrections made by reading a file where the rules
  above give the wrong label (each with the reason).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAYOUT = HERE.parent / "corpora" / "devset" / "layout.json"

_DAY_MONTH = re.compile(r"(?<![\d/.,-])(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?(?![\d/])")
_SPELLED = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,|/)\s*(\d{4}))?", re.I)


def words_digest(text: str) -> str:
    """SHA-1 of a text's words (case and punctuation aside)."""
    words = re.findall(r"\w+", text.casefold())
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def lead_event_day(lead: str, truth: dt.date, year_known: bool = True) -> dt.date | None:
    """A day-month date in the lead's opening that falls 0-7 days before truth
    (only a full date when nothing outside the text gives the year)."""
    head = lead[:300]
    found = []
    for regex in (_DAY_MONTH, _SPELLED):
        for match in regex.finditer(head):
            d, m = int(match[1]), int(match[2])
            if not match[3] and not year_known:
                continue
            years = [int(match[3])] if match[3] else [truth.year, truth.year - 1]
            for y in years:
                try:
                    day = dt.date(y, m, d)
                except ValueError:
                    continue
                if 0 <= (truth - day).days <= 7:
                    found.append((match.start(), day))
                    break
    return min(found)[1] if found else None


def date_label(item: dict) -> dict:
    truth = dt.datetime.fromisoformat(item["published"][:16])
    published = item["manifest"].get("published", "")
    crawled = item["manifest"].get("crawled", "")
    if item.get("dateline"):
        return {"date": truth.date().isoformat(), "precision": "day", "why": "dateline"}
    if published:
        return {"date": published[:10], "precision": "day", "why": "manifest published"}
    lead = item.get("opening", "")
    day = lead_event_day(lead, truth.date(), bool(crawled)) if lead else None
    if day is None and item.get("body_opening"):
        day = lead_event_day(item["body_opening"], truth.date(), bool(crawled))
    if day:
        return {"date": day.isoformat(), "precision": "day", "why": "lead event day"}
    label = {"date": None, "precision": "unknown", "why": "no publication-grade evidence"}
    if crawled:
        label["before"] = crawled
    return label


def main() -> None:
    layouts = json.loads(LAYOUT.read_text(encoding="utf-8"))
    credits = json.loads((HERE / "credits.json").read_text(encoding="utf-8"))["files"] if (HERE / "credits.json").exists() else {}
    overrides = json.loads((HERE / "overrides.json").read_text(encoding="utf-8"))["files"] if (HERE / "overrides.json").exists() else {}
    files = []
    for item in layouts:
        label = {"file": item["file"], "source": item["source"], "url": item["url"], "truth": item["published"],
                 "crawled": item["manifest"].get("crawled", ""), "fragment": item["fragment"]}
        if item["fragment"]:
            label["title_source"] = "derived"
        else:
            label["title"] = " ".join(item["title"].split())
        if item.get("lead_placed") and item["lead"]:
            label["lead_sha1"] = words_digest(item["lead"])
        label.update(date_label(item))
        credit = credits.get(item["file"])
        if credit is not None:
            label.update({"authors": credit["authors"], "outlets": credit["outlets"], "groups": credit["groups"]})
        label.update(overrides.get(item["file"], {}).get("set", {}))
        files.append(label)
    about = __doc__.split("\n\n", 2)[2].strip()
    (HERE / "labels.json").write_text(json.dumps({"about": about, "files": files}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(files)} labels; {sum('authors' in f for f in files)} with credits", file=sys.stderr)


if __name__ == "__main__":
    main()

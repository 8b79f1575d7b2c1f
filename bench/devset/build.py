"""Rebuild the real development set's raw files from public crawl snapshots.

    .venv/bin/python bench/devset/build.py [--mirrors /work/.mirror] [--out bench/corpora/devset]

The article texts are third-party text and stay out of git: this script
reads them from git snapshots of public GitHub repositories (`sources.py`
names each repository and commit) and lays each article out the way raw
scrapes look: toolbar, breadcrumb, datelines, title, lead, the body as the
crawl kept it (one line, HTML or paragraphs), the credit line, share lines,
"Tin liên quan" with real headlines of the same crawl, fragments without a
title, CRLF/NFD/BOM/HTML variants, and a `manifest.csv` (url, crawled, and
`published` for some files).

Every layout choice is drawn from a random generator seeded with the
article's URL, so the same files come back byte for byte. The choices are
written to `layout.json` beside the raw files; `labels.py` turns them and
the crawl's own fields (plus the hand labels of `credits.json` and
`overrides.json`) into `labels.json`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sources import Record, read_all  # noqa: E402

# How many articles each crawl gives (drawn by URL hash, so stable).
TAKE = {"vfnd": 120, "bm2014": 110, "vnn2025": 80, "bm2025": 80, "vne": 60}

TOOLBARS = ("A- A A+ | Tăng tương phản Giảm tương phản", "In bài | Chia sẻ | Gửi email", "Chia sẻ Facebook Zalo Twitter", "Lưu bài viết")
SHARE_LINES = ("Chia sẻ: Facebook | Zalo", "In bài | Chia sẻ | Gửi email", "Bình luận (0)", "Theo dõi chúng tôi trên Google News")
SECTIONS = {
    "chinh-tri": "Chính trị", "thoi-su": "Thời sự", "kinh-doanh": "Kinh doanh", "the-gioi": "Thế giới", "giai-tri": "Giải trí",
    "the-thao": "Thể thao", "giao-duc": "Giáo dục", "suc-khoe": "Sức khỏe", "phap-luat": "Pháp luật", "doi-song": "Đời sống",
    "cong-nghe": "Công nghệ", "oto-xe-may": "Ô tô xe máy", "bat-dong-san": "Bất động sản", "du-lich": "Du lịch",
    "van-hoa": "Văn hóa", "ban-doc": "Bạn đọc", "tuan-viet-nam": "Tuần Việt Nam",
}
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _rng(url: str) -> random.Random:
    return random.Random(int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:16], 16))


def _usable(record: Record) -> bool:
    text = record.extra.get("text", record.body)
    return bool(record.url and record.title and record.published and len(text) >= 400)


def choose(records: dict[str, list[Record]]) -> list[Record]:
    chosen = []
    for name, found in records.items():
        usable = sorted((r for r in found if _usable(r)), key=lambda r: hashlib.sha256(r.url.encode()).hexdigest())
        chosen.extend(usable[: TAKE[name]])
    return chosen


def _when(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso[:16])


def dateline(published: dt.datetime, rng: random.Random) -> str:
    d, m, y, hh, mm = published.day, published.month, published.year, published.hour, published.minute
    weekday = WEEKDAYS[published.weekday()]
    forms = (
        f"{weekday}, {d:02d}/{m:02d}/{y} - {hh:02d}:{mm:02d}",
        f"{d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d} GMT+7",
        f"Cập nhật: {d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d}",
        f"{weekday.replace('Thứ ', 'Thứ ').lower().capitalize()}, {d}/{m}/{y}, {hh:02d}:{mm:02d} (GMT+7)",
        f"{hh:02d}:{mm:02d} {d:02d}/{m:02d}/{y}",
    )
    return rng.choice(forms)


def _split_teasers(body: str) -> tuple[str, str]:
    """VietNamNet's body field ends with related-article teasers: blocks of a
    headline and its sapo, after runs of blank lines (the article has such
    runs too, so only the trailing run of headline-and-sapo blocks counts)."""
    blocks = re.split(r"\n{4,}", body)
    start = len(blocks)
    while start > 1:
        lines = [line for line in blocks[start - 1].split("\n") if line.strip()]
        teaser = len(lines) == 2 and len(lines[0]) <= 160 and not lines[0].rstrip().endswith(".")
        if not teaser:
            break
        start -= 1
    if start == len(blocks):
        return body, ""
    return "\n\n".join(blocks[:start]).rstrip(), "\n\n".join(blocks[start:]).strip()


def render(record: Record, others: list[str]) -> tuple[str, dict]:
    """The raw text of one article and the layout choices made for it."""
    rng = _rng(record.url)
    published = _when(record.published)
    layout: dict = {}
    lines: list[str] = []
    if rng.random() < 0.4:
        lines.append(rng.choice(TOOLBARS))
    section = record.section.strip("/")
    if rng.random() < 0.4 and section:
        crumbs = [c.strip() for c in section.split(">")] if ">" in section else [SECTIONS.get(section, section.replace("-", " ").capitalize())]
        crumbs = [c for c in crumbs if c and c != "Tin tức"]
        lines.append(" > ".join(["Trang chủ", *crumbs]))
        layout["breadcrumb"] = crumbs
    fragment = rng.random() < 0.2
    layout["fragment"] = fragment
    where_dateline = rng.random()
    stamp = dateline(published, rng)
    layout["dateline"] = "top" if where_dateline < 0.25 else "bottom" if where_dateline < 0.32 else ""
    if not fragment:
        lines.append(record.title)
        if layout["dateline"] == "top":
            lines.append(stamp)
    body, teasers = (_split_teasers(record.body) if record.source == "vnn2025" else (record.body, ""))
    body_lines = [line for line in body.split("\n")]
    if fragment:
        layout["dateline"] = "" if layout["dateline"] == "top" else layout["dateline"]
        start = rng.choice(("lead", "body")) if record.lead else "body"
        layout["fragment_start"] = start
        if start == "body":
            nonblank = [i for i, line in enumerate(body_lines) if line.strip()]
            skip = nonblank[min(len(nonblank) - 1, rng.choice((1, 2, 3)))] if len(nonblank) > 4 else 0
            body_lines = body_lines[skip:]
        else:
            lines.append(record.lead)
    elif record.lead:
        lines.append(record.lead)
    layout["lead_placed"] = bool(record.lead) and not (fragment and layout.get("fragment_start") == "body")
    opening = record.lead if layout["lead_placed"] else next((line for line in body_lines if line.strip()), "")
    layout["opening"] = opening[:300]
    rest = [line for line in body_lines if line.strip() and line != opening]
    layout["body_opening"] = rest[0][:200] if layout["lead_placed"] and rest else ""
    # The credit where the crawl kept it apart: its own line at the end, now and then glued to the last line.
    credit_form = ""
    if record.credit and record.source in ("vnn2025", "bm2025", "vne"):
        credit_form = "glued" if rng.random() < 0.15 else "line"
        if credit_form == "glued":
            for i in range(len(body_lines) - 1, -1, -1):
                if body_lines[i].strip():
                    body_lines[i] = body_lines[i].rstrip() + " " + record.credit
                    break
        else:
            body_lines.append(record.credit)
    layout["credit_form"] = credit_form
    lines.extend(body_lines)
    if rng.random() < 0.25:
        lines.append(rng.choice(SHARE_LINES))
    if layout["dateline"] == "bottom":
        lines.append(stamp)
    if teasers:
        if rng.random() < 0.5:
            lines.append("Tin liên quan")
        lines.append(teasers)
    elif rng.random() < 0.4 and others:
        lines.append("Tin liên quan")
        lines.extend(rng.sample(others, min(3, len(others))))
    layout["teasers"] = bool(teasers)
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    text = sep.join(lines) + "\n"
    variant = rng.random()
    layout["variant"] = ""
    if variant < 0.06 and record.source != "bm2014":
        text = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line.strip())
        layout["variant"] = "html"
    elif variant < 0.12:
        text = unicodedata.normalize("NFD", text)
        layout["variant"] = "nfd"
    elif variant < 0.22:
        text = text.replace("\n", "\r\n")
        layout["variant"] = "crlf"
    elif variant < 0.27:
        text = "\ufeff" + text
        layout["variant"] = "bom"
    return text, layout


def crawl_date(record: Record, rng: random.Random) -> str:
    if record.crawled:
        return record.crawled[:10]
    published = _when(record.published)
    return (published + dt.timedelta(days=rng.choice((0, 0, 1, 2, 5, 12, 30)))).date().isoformat()


def build(mirrors: Path, out: Path) -> list[dict]:
    records = choose(read_all(mirrors))
    titles: dict[str, list[str]] = {}
    for record in records:
        titles.setdefault(record.source, []).append(record.title)
    raw = out / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    rows = []
    layouts = []
    for index, record in enumerate(sorted(records, key=lambda r: (r.source, r.url))):
        name = f"{index:03d}_{hashlib.sha256(record.url.encode()).hexdigest()[:16]}.txt"
        others = [t for t in titles[record.source] if t != record.title]
        text, layout = render(record, sorted(others))
        (raw / name).write_bytes(text.encode("utf-8"))
        rng = _rng(record.url + "#manifest")
        crawled = crawl_date(record, rng)
        row = {"file": name, "url": record.url, "published": "", "crawled": ""}
        roll = rng.random()
        if roll < 0.85:
            row["crawled"] = crawled
            if rng.random() < 0.3:
                row["published"] = record.published if rng.random() < 0.5 else record.published[:10]
        rows.append(row)
        layouts.append({"file": name, "source": record.source, "url": record.url, "title": record.title, "lead": record.lead,
                        "credit": record.credit, "published": record.published, "crawled": crawled,
                        "manifest": {k: v for k, v in row.items() if k != "file" and v}, **layout})
    with (raw / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "url", "published", "crawled"])
        writer.writeheader()
        writer.writerows(rows)
    (out / "layout.json").write_text(json.dumps(layouts, ensure_ascii=False, indent=1), encoding="utf-8")
    return layouts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"), help="folder holding the fetched snapshots (owner+name/repo)")
    parser.add_argument("--out", type=Path, default=HERE.parent / "corpora" / "devset")
    args = parser.parse_args()
    layouts = build(args.mirrors, args.out)
    counts: dict[str, int] = {}
    for item in layouts:
        counts[item["source"]] = counts.get(item["source"], 0) + 1
    print(f"{len(layouts)} raw files in {args.out / 'raw'}: {counts}")


if __name__ == "__main__":
    main()

"""Generate a realistic raw corpus of scraped Vietnamese news, of any size.

    python bench/generate_corpus.py OUT_DIR -n 10000 --seed 1 [--manifest]

Writes OUT_DIR/000123_<16 hex>.txt files that look like what a scraper leaves:
page chrome at the top ("A- A A+ | Tăng tương phản ..."), breadcrumbs,
datelines, a title line (or none: a fragment), a lead, body paragraphs, a
credit line in one of many forms, and a "Tin liên quan" tail. The prose is
recombined from the clauses of the seed texts (`seeds/`), with places,
people, topics and years substituted, so the converter meets the same kind
of vocabulary as in the real corpus but never the same text twice.

File i depends only on (seed, i): a corpus of 1,000 is the prefix of the
corpus of 10,000 with the same seed, and `render_file(seed, n)` is the
"one more article" that a benchmark adds to an archive of n files.
A small share of files are deliberately awkward (BOM, CRLF, NFD, UTF-16,
HTML remnants, duplicates re-scraped with other chrome, chrome-only pages),
as in real scrapes; `--clean` turns them off.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# -- vocabulary ---------------------------------------------------------------

PROVINCES = (
    "Kon Tum", "Đắk Lắk", "Đắk Nông", "Gia Lai", "Lâm Đồng", "Quảng Nam", "Quảng Ngãi",
    "Bình Định", "Phú Yên", "Khánh Hòa", "Thừa Thiên Huế", "Đà Nẵng", "Hà Nội", "Cần Thơ",
    "Nghệ An", "Hà Tĩnh", "Thanh Hóa", "Lào Cai", "Điện Biên", "Sơn La", "Bà Rịa - Vũng Tàu",
    "Đồng Nai", "Bình Dương", "An Giang", "Cà Mau", "Lạng Sơn", "Cao Bằng", "Hải Phòng",
)
DISTRICTS = (
    "Sa Thầy", "Đắk Hà", "Ngọc Hồi", "Kon Plông", "Đắk Tô", "Tu Mơ Rông", "Ia H'Drai",
    "Buôn Đôn", "Krông Pắc", "Ea Súp", "Cư M'gar", "Lắk", "Krông Bông", "Chư Păh",
    "Mang Yang", "Đức Cơ", "Bảo Lâm", "Di Linh", "Nam Trà My", "Sơn Hà", "Ba Tơ",
)
TOPICS = (
    "nhân quyền", "chuyển đổi số", "nông thôn mới", "giảm nghèo", "an toàn giao thông",
    "phòng chống thiên tai", "du lịch", "giáo dục", "y tế", "bầu cử", "cải cách hành chính",
    "an sinh xã hội", "phòng, chống tham nhũng", "văn hóa", "thể thao", "môi trường",
    "quốc phòng", "cà phê", "xuất khẩu", "tín ngưỡng", "thanh niên", "việc làm",
)
CATEGORIES = (
    ("Thời sự", "Chính trị"), ("Thời sự", "Xã hội"), ("Kinh tế",), ("An ninh - Trật tự",),
    ("Văn hóa - Thể thao", "Văn hóa"), ("Giáo dục",), ("Y tế",), ("Quốc phòng",),
)
TITLE_VERBS = (
    "Nâng cao hiệu quả", "Tăng cường", "Triển khai", "Đẩy mạnh", "Tổ chức hội nghị tập huấn",
    "Tổng kết", "Phát huy vai trò", "Củng cố, kiện toàn", "Tiếp tục quán triệt", "Thúc đẩy",
    "Bảo đảm", "Tháo gỡ khó khăn trong", "Đánh giá kết quả", "Nâng cao nhận thức về",
)
TITLE_NOUNS = ("công tác", "chính sách", "chương trình", "hoạt động", "kế hoạch", "phong trào")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "A", "Y", "Rơ Châm")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Khắc", "Xuân", "Thu", "Hoài", "")
GIVEN = (
    "Khánh Vi", "Vi", "Cường", "Hùng", "Lan", "Hương", "Tuấn", "Anh", "Bình", "Dũng", "Hà", "Hải",
    "Hạnh", "Hoa", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm",
    "Thảo", "Thủy", "Trang", "Trung", "Tú", "Yến", "Ngọc Ánh", "Minh Châu", "Thu Hà", "Đức Thịnh",
    "Bảo Trâm", "Quốc Việt", "Hồng Nhung", "Văn Tú", "Ngọc", "Luyện", "Blong", "H'Hen",
)
OUTLETS = ("TTXVN", "VOV", "Báo Nhân Dân", "VTV", "Báo Chính phủ", "Báo Tin tức", "Báo Gia Lai", "Báo Đắk Lắk")
RANKS = ("Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
TOP_CHROME = (
    "A- A A+ | Tăng tương phản Giảm tương phản", "Cỡ chữ: A- A A+", "In bài",
    "Chia sẻ: Facebook Zalo", "Facebook | Zalo | Email", "Lượt xem: {views}", "Bản in",
)
TAIL_HEADINGS = ("Tin liên quan", "Tin cùng chuyên mục", "Tin khác", "Bài viết liên quan", "Các tin khác")
END_CHROME = ("Chia sẻ bài viết", "Bình luận ({n})", "Gửi bình luận", "Trở về đầu trang", "Từ khóa:")
YEARS = (2010, 2025)

# Substitutions applied to every clause: seed entity -> article's own.
_SLOTS = (
    ("Kon Tum", "province"), ("Sa Thầy", "district"), ("Y Ngọc", "official"),
    ("Trịnh Khắc Cường", "officer"), ("Nhân quyền", "Topic"), ("nhân quyền", "topic"),
    ("2023", "year"), ("2022", "prev_year"),
)
_SLOT_RE = re.compile("|".join(re.escape(word) for word, _ in _SLOTS))
_SLOT_OF = dict(_SLOTS)


@dataclass(frozen=True)
class Vocabulary:
    """Clauses from the seed texts: ones that open a sentence and the rest."""

    openers: tuple[str, ...]
    continuations: tuple[str, ...]
    reporters: tuple[str, ...]
    officials: tuple[str, ...]


def _seed_lines(seeds: Path) -> list[str]:
    lines = []
    for path in sorted(seeds.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
        lines.extend(" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if len(line) > 80]  # prose only, no chrome or credits


def _split_clauses(sentence: str) -> list[str]:
    return [c.strip(" .…") for c in re.split(r"[,;:]\s+", sentence) if len(c.split()) >= 3]


@lru_cache(maxsize=4)
def vocabulary(seeds: str = str(SEEDS)) -> Vocabulary:
    """Clause pools from the seeds, and a fixed cast of reporters and officials."""
    openers, rest = [], []
    for line in _seed_lines(Path(seeds)):
        for sentence in re.split(r"(?<=[.…!?])\s+", line):
            clauses = _split_clauses(sentence)
            # Clauses that carry a date would contradict the article's own date.
            clauses = [c for c in clauses if not re.search(r"\d+/\d+", c)]
            if not clauses:
                continue
            if clauses[0][0].isupper():
                openers.append(clauses[0])
                rest.extend(clauses[1:])
            else:
                rest.extend(clauses)
    if not openers or not rest:
        raise SystemExit(f"no prose found in the seed texts under {seeds}")
    cast = random.Random("rawnews-bench-cast")
    reporters = _names(cast, 400)
    officials = _names(cast, 300)
    return Vocabulary(tuple(dict.fromkeys(openers)), tuple(dict.fromkeys(rest)), reporters, officials)


def _names(rng: random.Random, count: int) -> tuple[str, ...]:
    names: dict[str, None] = {}
    while len(names) < count:
        parts = [rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)]
        names[" ".join(p for p in parts if p)] = None
    return tuple(names)


def short_name(full: str) -> str:
    """The byline's short form: the given name ("Hồ Thị Khánh Vi" -> "Khánh Vi")."""
    words = full.split()
    return " ".join(words[-2:]) if len(words) >= 3 else full


# -- one article ----------------------------------------------------------------

@dataclass
class Story:
    """The facts of one generated article, before it is rendered as raw text."""

    index: int
    file_id: str
    date: dt.datetime
    province: str
    district: str
    topic: str
    official: str
    officer: str
    reporter: str
    photographer: str
    breadcrumb: tuple[str, ...]


def _zipf_choice(rng: random.Random, items: tuple[str, ...], s: float = 1.1) -> str:
    """A few reporters write most articles, as in a real newsroom."""
    rank = int(len(items) * rng.random() ** (1 + s)) % len(items)
    return items[rank]


# Corpus shapes. "default": many reporters, places and topics, posts of ~3 KB.
# "newsroom": one paper's archive, as issue 16 describes it: longer posts
# (~6.6 KB), a dozen reporters, few places and topics (so few tags: ~60 per
# 2,000 posts). File i still depends only on (seed, i, shape).
SHAPES = {
    "default": {"places": None, "districts": None, "topics": None, "reporters": None, "paragraphs": (2, 9)},
    "newsroom": {"places": 3, "districts": 4, "topics": 6, "reporters": 12, "paragraphs": (9, 15)},
}


def _first(items: tuple, count: int | None) -> tuple:
    return items if count is None else items[:count]


def make_story(rng: random.Random, index: int, vocab: Vocabulary, shape: str = "default", date: dt.datetime | None = None) -> Story:
    """A story; `date` replaces the drawn date (the other draws stay as they are)."""
    form = SHAPES[shape]
    start = dt.datetime(YEARS[0], 1, 1)
    span = (dt.datetime(YEARS[1], 12, 31) - start).days
    drawn = start + dt.timedelta(days=rng.randrange(span + 1), hours=rng.randrange(6, 21), minutes=rng.randrange(60))
    date = date or drawn
    return Story(
        index=index,
        file_id=f"{rng.getrandbits(64):016x}",
        date=date,
        province=rng.choice(_first(PROVINCES, form["places"])),
        district=rng.choice(_first(DISTRICTS, form["districts"])),
        topic=rng.choice(_first(TOPICS, form["topics"])),
        official=rng.choice(vocab.officials),
        officer=rng.choice(vocab.officials),
        reporter=_zipf_choice(rng, _first(vocab.reporters, form["reporters"])),
        photographer=_zipf_choice(rng, _first(vocab.reporters, form["reporters"])),
        breadcrumb=rng.choice(CATEGORIES),
    )


def _fill(clause: str, story: Story) -> str:
    values = {
        "province": story.province, "district": story.district, "official": story.official,
        "officer": story.officer, "topic": story.topic, "Topic": story.topic[0].upper() + story.topic[1:],
        "year": str(story.date.year), "prev_year": str(story.date.year - 1),
    }
    return _SLOT_RE.sub(lambda m: values[_SLOT_OF[m.group(0)]], clause)


def sentence(rng: random.Random, story: Story, vocab: Vocabulary, prefix: str = "") -> str:
    clauses = [rng.choice(vocab.openers)] + [rng.choice(vocab.continuations) for _ in range(rng.randint(0, 3))]
    joiner = rng.choice((", ", ", ", "; "))
    text = _fill(joiner.join(clauses), story)
    if prefix:
        words = text.split(" ", 2)
        if len(words) > 1 and words[1][:1].islower():  # "Tổ chức ..." but not "Ban Chỉ đạo ..."
            text = text[0].lower() + text[1:]
        text = f"{prefix}, {text}"
    return text + rng.choice((".", ".", ".", ".", "…"))


def paragraph(rng: random.Random, story: Story, vocab: Vocabulary, sentences: int, prefix: str = "") -> str:
    first = sentence(rng, story, vocab, prefix)
    return " ".join([first] + [sentence(rng, story, vocab) for _ in range(sentences - 1)])


def date_phrase(rng: random.Random, date: dt.datetime) -> tuple[str, str]:
    """(form name, words) for the date as Vietnamese news writes it."""
    d, m, y = date.day, date.month, date.year
    part = rng.choice(("Sáng", "Chiều", "Tối", "Trưa", "Sáng ngày", "Chiều ngày", "Ngày"))
    roll = rng.random()
    if roll < 0.30:
        return "day", f"{part} {d}/{m}/{y}"
    if roll < 0.42:
        return "day", f"{part} {d:02d}/{m:02d}/{y}"
    if roll < 0.52:
        return "day", f"{rng.choice(('Sáng', 'Chiều', 'Tối'))} {d}-{m}-{y}"
    if roll < 0.64:
        return "day", f"{rng.choice(('Ngày', 'Sáng ngày', 'Chiều ngày', 'Tối ngày'))} {d} tháng {m} năm {y}"
    if roll < 0.80:
        return "day-month", f"{part} {d}/{m}"
    if roll < 0.90:
        return "month", f"Trong tháng {m}/{y}"
    if roll < 0.95:
        return "year", f"Trong năm {y}"
    return "none", ""


def title_line(rng: random.Random, story: Story) -> str:
    place = rng.choice((
        f"trên địa bàn tỉnh {story.province}", f"tại huyện {story.district}", f"tỉnh {story.province}",
        f"tại {story.province}", "", f"năm {story.date.year}",
    ))
    words = [rng.choice(TITLE_VERBS), rng.choice(TITLE_NOUNS), story.topic, place]
    title = " ".join(w for w in words if w)
    roll = rng.random()
    if roll < 0.15:
        title = f"{story.province}: {title[0].upper()}{title[1:]}"
    elif roll < 0.22:
        title = f"“{title}”"
    elif roll < 0.27:
        title = f"{title} (kỳ {rng.randint(1, 5)})"
    return title


def credit_lines(rng: random.Random, story: Story) -> list[str]:
    full, short = story.reporter, short_name(story.reporter)
    photo = story.photographer
    forms = (
        (20, [f"Tác giả: {short}"]),
        (14, [f"Tin, ảnh: {full}"]),
        (10, [f"Bài và ảnh: {full}"]),
        (14, [full]),
        (6, [f"{short} - {short_name(photo)}"]),
        (8, [f"Tác giả: {full}", f"Ảnh: {photo}"]),
        (6, [f"{short} ({rng.choice(OUTLETS)})"]),
        (6, [f"Theo {rng.choice(OUTLETS)}"]),
        (4, [f"{rng.choice(RANKS)} {full}".strip()]),
        (4, ["PV"]),
        (3, ["Nhóm PV"]),
        (5, []),
    )
    weights = [w for w, _ in forms]
    return list(rng.choices([lines for _, lines in forms], weights)[0])


def related_titles(rng: random.Random, story: Story, count: int) -> list[str]:
    return [title_line(rng, story) for _ in range(count)]


def article_lines(seed: int, index: int, vocab: Vocabulary | None = None, shape: str = "default",
                  date: dt.datetime | None = None) -> tuple[Story, list[str], dict]:
    """The text of file `index` as lines (blank lines included), and its traits."""
    vocab = vocab or vocabulary()
    rng = random.Random(f"{seed}:{index}" if shape == "default" else f"{seed}:{index}:{shape}")
    story = make_story(rng, index, vocab, shape, date)
    traits: dict = {}
    lines: list[str] = []
    date = story.date
    if rng.random() < 0.45:
        lines.append(TOP_CHROME[0] if rng.random() < 0.7 else rng.choice(TOP_CHROME).format(views=f"{rng.randint(10, 9999):,}".replace(",", ".")))
    if rng.random() < 0.30:
        lines.append("Trang chủ > " + " > ".join(story.breadcrumb))
    dateline = rng.random() < 0.08
    if dateline:
        lines.append(f"{WEEKDAYS[date.weekday()]}, {date:%d/%m/%Y %H:%M}")
    fragment = rng.random() < 0.05
    if not fragment:
        lines += ["", title_line(rng, story)]
    form, words = date_phrase(rng, date)
    traits.update(date_form="dateline" if dateline else form, fragment=fragment)
    lead = paragraph(rng, story, vocab, rng.randint(1, 2))
    body = [paragraph(rng, story, vocab, rng.randint(1, 4), prefix=words), lead] if fragment else [lead]
    if not fragment:
        body.append(paragraph(rng, story, vocab, rng.randint(1, 4), prefix=words))
    if form == "day-month" and rng.random() < 0.7:
        body.append(paragraph(rng, story, vocab, 1, prefix=f"Trong năm {date.year}"))
    body += [paragraph(rng, story, vocab, rng.randint(1, 4)) for _ in range(rng.randint(*SHAPES[shape]["paragraphs"]))]
    if rng.random() < 0.02:  # Markdown/HTML syntax in prose must stay literal text
        body.append(rng.choice(("# 5 giải pháp trọng tâm", "1. Tăng trưởng đạt >5% & vượt kế hoạch", "Tỷ lệ *hộ nghèo* giảm còn 3_5%")))
    separator = [""] if not fragment else []
    for text in body:
        if rng.random() < 0.05:
            text = " " * rng.randint(2, 10) + text
        lines += separator + [text]
    if rng.random() < 0.25:
        lines[-1] += "./." if rng.random() < 0.5 else ""
    lines += [""] * rng.randint(0, 2) + credit_lines(rng, story)
    if rng.random() < 0.5:
        heading = rng.choice(TAIL_HEADINGS)
        related = related_titles(rng, story, rng.randint(0, 5))
        if related and rng.random() < 0.2:
            lines += [heading + related[0]] + related[1:]  # glued, as scrapers leave it
        else:
            lines += [heading] + related
    if rng.random() < 0.1:
        lines.append(rng.choice(END_CHROME).format(n=rng.randint(0, 40)))
    return story, lines, traits


def encode(rng: random.Random, text: str, clean: bool) -> tuple[bytes, str]:
    """Bytes as a scraper may have saved them (mostly plain UTF-8)."""
    if clean:
        return text.encode("utf-8"), "utf-8"
    roll = rng.random()
    if roll < 0.03:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-bom"
    if roll < 0.10:
        return text.replace("\n", "\r\n").encode("utf-8"), "utf-8-crlf"
    if roll < 0.13:
        return unicodedata.normalize("NFD", text).encode("utf-8"), "utf-8-nfd"
    if roll < 0.135:
        return text.encode("utf-16"), "utf-16"
    if roll < 0.155:
        paragraphs = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line)
        return paragraphs.replace(" và ", "&nbsp;và ").encode("utf-8"), "html"
    if roll < 0.175:
        return text.replace(" ", "\u00a0", 3).encode("utf-8"), "nbsp"
    return text.encode("utf-8"), "utf-8"


def file_name(index: int, file_id: str, width: int = 6) -> str:
    return f"{index:0{width}d}_{file_id}.txt"


def render_file(seed: int, index: int, clean: bool = False, width: int = 6, shape: str = "default",
                date: dt.datetime | None = None) -> tuple[str, bytes, dict]:
    """(file name, bytes, manifest row) of file `index`; depends on (seed, index, shape, date) only.
    `date`: the article's date instead of the drawn one (the benches' "+1 article dated today")."""
    story, lines, traits = article_lines(seed, index, shape=shape, date=date)
    rng = random.Random(f"{seed}:{index}:shape")
    kind = "article"
    if not clean and index > 10 and rng.random() < 0.01:
        # A re-scrape of an earlier article: same words, other chrome.
        _, earlier, _ = article_lines(seed, rng.randrange(index), shape=shape)
        lines = ["Bản in", *[line for line in earlier if line and not line.startswith("A- A")]]
        kind = "duplicate"
    elif not clean and rng.random() < 0.002:
        lines = [TOP_CHROME[0], "Chia sẻ: Facebook Zalo", "Tin liên quan"]
        kind = "chrome-only"
    text = "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")
    data, encoding = encode(rng, text, clean)
    crawled = story.date + dt.timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 12))
    name = file_name(index, story.file_id, width)
    row = {
        "file": name,
        "url": f"https://baotinh.example.vn/tin-tuc/{story.file_id}.html",
        "published": story.date.strftime("%Y-%m-%dT%H:%M") if rng.random() < 0.5 else "",
        "crawled": crawled.strftime("%Y-%m-%dT%H:%M"),
    }
    return name, data, {"row": row, "kind": kind, "encoding": encoding, **traits}


def generate(out: Path, n: int, seed: int = 1, start: int = 0, manifest: bool = False, clean: bool = False, shape: str = "default") -> list[dict]:
    """Write files start..n-1 into out; return their manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    width = max(6, len(str(n - 1)))
    rows = []
    for index in range(start, n):
        name, data, info = render_file(seed, index, clean, width, shape)
        (out / name).write_bytes(data)
        rows.append({**info["row"], "kind": info["kind"]})
    if manifest:
        write_manifest(out, rows, append=start > 0)
    return rows


def write_manifest(out: Path, rows: list[dict], append: bool = False) -> None:
    path = out / "manifest.csv"
    mode = "a" if append and path.exists() else "w"
    with path.open(mode, encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["file", "url", "published", "crawled"], extrasaction="ignore")
        if mode == "w":
            writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the raw .txt files (created)")
    parser.add_argument("-n", type=int, default=1000, help="number of files (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1): same seed, same files")
    parser.add_argument("--start", type=int, default=0, help="first index (to append files start..n-1 to a corpus)")
    parser.add_argument("--manifest", action="store_true", help="also write manifest.csv (url, published, crawled)")
    parser.add_argument("--clean", action="store_true", help="plain UTF-8 articles only: no awkward encodings, duplicates or chrome-only pages")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="default", help="corpus shape (SHAPES above; default: default)")
    args = parser.parse_args(argv)
    if args.n < 0 or args.start < 0:
        parser.error("-n and --start must be >= 0")
    rows = generate(args.out, args.n, args.seed, args.start, args.manifest, args.clean, args.shape)
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"generate_corpus: wrote {len(rows)} files to {args.out} ({summary})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

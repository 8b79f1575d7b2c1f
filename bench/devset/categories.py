"""Write categories.json: the category of every file of the real development set.

    .venv/bin/python bench/devset/categories.py [--mirrors /work/.mirror]

The rule, in this order:

1. **crawl**: the crawl's own category field (bm2014: "Tin tức > Pháp luật >
   Hình sự"; vnn2025: "/the-thao"), mapped by `data/sections.txt` (the most
   specific section listed there wins, as in the converter);
2. **url**: the original URL's sections mapped the same way (vfnd:
   dantri.com.vn/phap-luat/..., kinhdoanh.vnexpress.net/..., Báo Mới 2014
   zones);
3. **read**: otherwise (no section, or one that says nothing of the topic:
   /ban-doc/, /cong-dong/, ngoisao.vnexpress.net, a URL two URLs were glued
   into) by reading the title, lead and opening, with these scopes:
   Thời sự: Party, state, government and its appointments, the National
   Assembly, laws passed, administration, Vietnam's diplomacy, traffic and
   transport works, disasters, weather, fires and accidents, environment,
   city works; Thế giới: other countries and international affairs (their
   wars and weapons too); Kinh tế: business, markets, finance, property,
   trade, companies; Xã hội: charity, welfare, labour, communities, families
   honoured; Pháp luật: crime, police cases, courts, fines for offences;
   Giáo dục; Sức khỏe; Văn hóa: heritage, arts, books, religion, festivals
   of tradition; Thể thao; Khoa học – Công nghệ; Quốc phòng: Vietnam's army,
   border guards, military history; Giải trí: showbiz, music, film,
   pageants; Du lịch; Đời sống: lifestyle, relationships, parenting,
   beauty, home; Xe: cars and motorbikes as products and driving.

The site's section wins over reading even where a reader might file the
article elsewhere: the paper's own choice is the fact to match.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE))

from vnarchive.rawnews.extract.sections import sections_category, url_category  # noqa: E402

LAYOUT = HERE.parent / "corpora" / "devset" / "layout.json"
OUT = HERE / "categories.json"

# Read by hand (file number -> category): the files whose crawl and URL name no topic section.
READ = {
    # vfnd: news.zing.vn (no section), vnexpress /cong-dong/ (reader videos), a glued URL
    211: "Kinh tế", 212: "Kinh tế", 213: "Kinh tế", 214: "Giáo dục", 215: "Pháp luật",
    220: "Đời sống",  # thanhnien.vn/thoi-su/... with a vnexpress URL glued on; the text is on wearing rings
    235: "Thời sự", 236: "Thời sự", 237: "Thời sự",
    # bm2025: Báo Mới 2025 URLs name no zone
    110: "Sức khỏe", 111: "Khoa học – Công nghệ", 112: "Văn hóa", 113: "Thế giới", 114: "Thế giới",
    115: "Pháp luật", 116: "Thời sự", 117: "Sức khỏe", 118: "Pháp luật", 119: "Thế giới",
    120: "Thời sự", 121: "Khoa học – Công nghệ", 122: "Thời sự", 123: "Xã hội", 124: "Xã hội",
    125: "Pháp luật", 126: "Thời sự", 127: "Thời sự", 128: "Văn hóa", 129: "Thời sự",
    130: "Giáo dục", 131: "Du lịch", 132: "Văn hóa", 133: "Kinh tế", 134: "Pháp luật",
    135: "Văn hóa", 136: "Văn hóa", 137: "Giải trí", 138: "Du lịch", 139: "Du lịch",
    140: "Thời sự", 141: "Giải trí", 142: "Thời sự", 143: "Xã hội", 144: "Thể thao",
    145: "Thời sự", 146: "Thế giới", 147: "Thế giới", 148: "Thể thao", 149: "Thể thao",
    150: "Sức khỏe", 151: "Thế giới", 152: "Xã hội", 153: "Kinh tế", 154: "Văn hóa",
    155: "Đời sống", 156: "Thế giới", 157: "Xã hội", 158: "Thời sự", 159: "Giải trí",
    160: "Giải trí", 161: "Thời sự", 162: "Pháp luật", 163: "Giải trí", 164: "Giải trí",
    165: "Kinh tế", 166: "Thế giới", 167: "Thời sự", 168: "Thế giới", 169: "Quốc phòng",
    170: "Kinh tế", 171: "Pháp luật", 172: "Giáo dục", 173: "Khoa học – Công nghệ", 174: "Kinh tế",
    175: "Thời sự", 176: "Văn hóa", 177: "Giáo dục", 178: "Văn hóa", 179: "Thế giới",
    180: "Xã hội", 181: "Thời sự", 182: "Giải trí", 183: "Kinh tế", 184: "Thế giới",
    185: "Thế giới", 186: "Thể thao", 187: "Kinh tế", 188: "Kinh tế", 189: "Kinh tế",
    # vne: vnexpress.net/<slug> (no section); 302 is on ngoisao.vnexpress.net
    302: "Pháp luật", 303: "Đời sống", 304: "Đời sống", 305: "Đời sống", 306: "Pháp luật",
    307: "Thế giới", 308: "Thời sự", 309: "Khoa học – Công nghệ", 310: "Thời sự", 311: "Thời sự",
    312: "Quốc phòng", 313: "Pháp luật", 314: "Thế giới", 315: "Giải trí", 316: "Thế giới",
    317: "Thời sự", 318: "Thời sự", 319: "Kinh tế", 320: "Kinh tế", 321: "Kinh tế",
    322: "Kinh tế", 323: "Thế giới", 324: "Quốc phòng", 325: "Thời sự", 326: "Giải trí",
    327: "Thế giới", 328: "Thế giới", 329: "Thể thao", 330: "Thời sự", 331: "Giải trí",
    332: "Thời sự", 333: "Văn hóa", 334: "Quốc phòng", 335: "Pháp luật", 336: "Thế giới",
    337: "Thế giới", 338: "Thế giới", 339: "Thời sự", 340: "Giải trí", 341: "Thế giới",
    342: "Thế giới", 343: "Sức khỏe", 344: "Thế giới", 345: "Văn hóa", 346: "Kinh tế",
    347: "Giải trí", 348: "Thời sự", 349: "Thời sự", 350: "Thế giới", 351: "Thế giới",
    352: "Thời sự", 353: "Du lịch", 354: "Đời sống", 355: "Đời sống", 356: "Văn hóa",
    357: "Thế giới", 358: "Thế giới", 359: "Thế giới", 360: "Đời sống", 361: "Thời sự",
    # vnn2025 /ban-doc/ (readers' page: appeals, donations, replies to letters)
    370: "Xã hội", 371: "Xã hội", 374: "Xã hội", 399: "Xã hội", 414: "Xã hội",
}
# Files whose URL maps, but to a section the text is not from (read instead).
URL_BROKEN = {220}


def crawl_sections(mirrors: Path, urls: set[str]) -> dict[str, str]:
    """url -> the crawl's own category field (bm2014, vnn2025)."""
    from sources import read_all

    found = {}
    for records in read_all(mirrors, only=("bm2014", "vnn2025")).values():
        for record in records:
            if record.url in urls and record.section:
                found[record.url] = record.section
    return found


def crawl_category(section: str) -> str:
    if ">" in section:
        from vnarchive.rawnews.extract.sections import breadcrumb_category

        return breadcrumb_category(tuple(part.strip() for part in section.split(">")))
    return sections_category([section.strip("/")])


def build(mirrors: Path) -> dict:
    layout = json.loads(LAYOUT.read_text(encoding="utf-8"))
    sections = crawl_sections(mirrors, {entry["url"] for entry in layout})
    files = {}
    for entry in layout:
        name, number = entry["file"], int(entry["file"][:3])
        category = crawl_category(sections.get(entry["url"], ""))
        how = "crawl"
        if not category and number not in URL_BROKEN:
            category, how = url_category(entry["url"]), "url"
        if not category:
            category, how = READ.get(number, ""), "read"
        if not category:
            raise SystemExit(f"{name}: no section and no reading")
        if how != "read" and number in READ:
            raise SystemExit(f"{name}: read by hand but the site names its section")
        files[name] = {"category": category, "from": how}
    return {"about": __doc__.split("\n\n", 2)[2].strip(), "files": files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    labels = build(args.mirrors)
    OUT.write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for label in labels["files"].values():
        counts[label["from"]] = counts.get(label["from"], 0) + 1
    print(f"{len(labels['files'])} files -> {OUT.name}: {counts}")


if __name__ == "__main__":
    main()

"""A small raw corpus for the theme, search and browser tests, and its build.

The two seed files plus articles written here, each chosen for something a
page must get right: "Đắk Lắk" (search without đ), dates known only to the
month or the year or not at all (archives, never 1900), a hostile title
(JSON-LD and <title> stay inert), a manifest URL (link to the original),
several articles on one story (related articles), one author on several
articles (author page, counts), and one typed without diacritics ("nhan
quyen"), so that ranking exact marks first can be seen in both directions.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CHROME = "A- A A+ | Tăng tương phản Giảm tương phản"

# name -> (title, dateline or "", lead, body paragraphs, author)
ARTICLES: dict[str, tuple[str, str, str, list[str], str]] = {
    "101_aa00000000000101.txt": (
        "Nông dân Đắk Lắk thu hoạch cà phê được mùa",
        "Thứ Hai, 15/01/2024 08:30",
        "Niên vụ cà phê năm nay, nông dân tỉnh Đắk Lắk thu hoạch được mùa, giá cà phê tăng cao giúp nhiều hộ có thu nhập khá.",
        [
            "Tại huyện Krông Pắc, tỉnh Đắk Lắk, nhiều hộ nông dân cho biết năng suất cà phê đạt trên ba tấn mỗi héc-ta.",
            "Ông Y Bhin Niê, một nông dân ở Buôn Ma Thuột, cho biết gia đình đã đầu tư tưới tiết kiệm nước cho vườn cà phê.",
            "Sở Nông nghiệp tỉnh Đắk Lắk khuyến cáo nông dân tái canh cà phê già cỗi và liên kết tiêu thụ sản phẩm.",
        ],
        "Nguyễn Văn An",
    ),
    "102_aa00000000000102.txt": (
        "Đắk Lắk đẩy mạnh xuất khẩu cà phê đặc sản",
        "Thứ Năm, 18/01/2024 10:00",
        "Tỉnh Đắk Lắk đặt mục tiêu đưa cà phê đặc sản vào các thị trường khó tính, nâng giá trị xuất khẩu cà phê.",
        [
            "Các doanh nghiệp xuất khẩu cà phê ở Buôn Ma Thuột đã ký hợp đồng với nhiều nhà nhập khẩu châu Âu.",
            "Theo Sở Công Thương tỉnh Đắk Lắk, kim ngạch xuất khẩu cà phê tăng mạnh so với cùng kỳ.",
        ],
        "Nguyễn Văn An",
    ),
    "103_aa00000000000103.txt": (
        "Hội thảo về tái canh cà phê tại Tây Nguyên",
        "Thứ Ba, 23/01/2024 14:00",
        "Hội thảo bàn giải pháp tái canh cà phê bền vững cho các tỉnh Tây Nguyên, trong đó có Đắk Lắk và Gia Lai.",
        [
            "Các nhà khoa học khuyến cáo nông dân sử dụng giống cà phê mới, năng suất cao, kháng bệnh.",
            "Tỉnh Gia Lai và tỉnh Đắk Lắk cam kết hỗ trợ vốn vay cho nông dân tái canh cà phê.",
        ],
        "Trần Thị Bình",
    ),
    "104_aa00000000000104.txt": (
        "Tổng kết công tác chuyển đổi số của tỉnh",
        "",
        "Trong tháng 3/2024, Ủy ban nhân dân tỉnh tổng kết công tác chuyển đổi số và đề ra nhiệm vụ cho thời gian tới.",
        [
            "Các sở, ngành đã đưa nhiều dịch vụ công trực tuyến vào hoạt động, giúp người dân giảm thời gian đi lại.",
        ],
        "Trần Thị Bình",
    ),
    "105_aa00000000000105.txt": (
        "Kết quả công tác giảm nghèo bền vững",
        "",
        "Kết quả thực hiện chương trình giảm nghèo bền vững năm 2022 cho thấy tỷ lệ hộ nghèo giảm rõ rệt.",
        [
            "Nhiều mô hình sinh kế được nhân rộng, giúp người dân vùng đồng bào dân tộc thiểu số ổn định cuộc sống.",
        ],
        "Lê Văn Cường",
    ),
    "106_aa00000000000106.txt": (
        "Người dân tham gia bảo vệ rừng đầu nguồn",
        "",
        "Người dân các thôn vùng cao tích cực tham gia tuần tra, bảo vệ rừng đầu nguồn.",
        [
            "Các tổ bảo vệ rừng được thành lập ở từng thôn, phối hợp với kiểm lâm địa bàn.",
        ],
        "Lê Văn Cường",
    ),
    "107_aa00000000000107.txt": (
        'Cảnh báo <script>alert("XSS-JSONLD")</script> & “lừa đảo” qua mạng',
        "Thứ Sáu, 02/02/2024 09:00",
        'Công an cảnh báo thủ đoạn lừa đảo qua mạng </script><script>alert("XSS-LEAD")</script> nhắm vào người cao tuổi.',
        [
            "Người dân không cung cấp mã OTP cho người lạ và báo ngay cho cơ quan công an khi nghi ngờ lừa đảo.",
        ],
        "Nguyễn Văn An",
    ),
    "108_aa00000000000108.txt": (
        "Hoi nghi tap huan ve nhan quyen cho can bo co so",
        "Thứ Tư, 07/02/2024 15:00",
        "Ban tin go khong dau: hoi nghi tap huan ve nhan quyen cho can bo co so, nhan quyen va quyen con nguoi.",
        [
            "Cac bao cao vien trinh bay ve nhan quyen, cong tac nhan quyen o co so va trach nhiem cua can bo.",
        ],
        "Phạm Thị Dung",
    ),
}

MANIFEST = [
    {"file": "102_aa00000000000102.txt", "url": "https://bao-vi-du.invalid/kinh-te/dak-lak-xuat-khau-ca-phe-102.html", "published": "", "crawled": "2024-02-10"},
    # A month named in the text is no evidence; the manifest's month-precision `published` is.
    {"file": "104_aa00000000000104.txt", "url": "", "published": "2024-03", "crawled": ""},
    # Likewise the years a text names: the year-only article gets its year from the manifest.
    {"file": "105_aa00000000000105.txt", "url": "", "published": "2022", "crawled": ""},
]

# What the tests look for.
NO_MARKS_TITLE = "Hoi nghi tap huan ve nhan quyen cho can bo co so"
SEED_SLUG = "nang-cao-hieu-qua-cong-tac-nhan-quyen-tren-dia-ban-tinh-kon-tum"
ORIGINAL_URL = MANIFEST[0]["url"]


def raw_text(title: str, dateline: str, lead: str, body: list[str], author: str) -> str:
    lines = [CHROME, "", title, ""]
    if dateline:
        lines += [dateline, ""]
    lines += [lead, ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines += ["", f"Tác giả: {author}", "Tin liên quan"]
    return "\n".join(lines) + "\n"


def write_corpus(raw: Path) -> Path:
    """The seeds and ARTICLES as raw files in `raw`, with a manifest."""
    raw.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copyfile(seed, raw / seed.name)
    for name, parts in ARTICLES.items():
        (raw / name).write_text(raw_text(*parts), encoding="utf-8")
    with open(raw / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "url", "published", "crawled"])
        writer.writeheader()
        writer.writerows(MANIFEST)
    return raw


def build_theme_site(base: Path, **overrides) -> Path:
    """Convert and build the corpus with the project's settings into base/output."""
    from conftest import build_site

    raw = write_corpus(base / "raw")
    settings = {"DEFAULT_PAGINATION": 4, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    settings.update(overrides)
    return build_site(base, raw, **settings)

"""A small raw corpus for the theme, search and browser tests, and its build.

The two seed files plus articles written here, each chosen for something a
page must get right: "Đắk Lắk" (search without đ), dates known only to the
month or the year or not at all (archives, never 1900), a hostile title
(JSON-LD and <title> stay inert), a manifest URL (link to the original),
several articles on one story (related articles), one author on several
articles (author page, counts), and one typed without diacritics ("nhan
quyen"), so that ranking exact marks first can be seen in both directions;
and three for matching whole syllables and credits in search ("ma túy",
"ma tuý", a bus route with "mang", "tuyến", "mà", "tùy"; an author and an
outlet in bylines and in another article's text; an author whose name has đ).
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
    # Search by whole syllables: "ma túy" (109) and "ma tuý" (110, the other tone placement) against a
    # page that has "mang", "tuyến", "mà" and "tùy" but not side by side (111); credits: an author and
    # an outlet in the byline (109, 110) and the same names in another article's text (111).
    "109_aa00000000000109.txt": (
        "Khởi tố nhóm đối tượng mua bán ma túy ở Nghệ An",
        "Thứ Năm, 16/02/2023 09:00",
        "Công an tỉnh Nghệ An vừa khởi tố vụ án mua bán trái phép chất ma túy, bắt giữ ba đối tượng.",
        [
            "Các đối tượng đã nhiều lần mua ma túy từ vùng biên giới rồi bán lại cho người nghiện.",
            "Cơ quan điều tra thu giữ hơn hai kilôgam ma túy tổng hợp cùng nhiều tang vật khác.",
        ],
        "Tuyết Lan (TTXVN)",
    ),
    "110_aa00000000000110.txt": (
        "Bắt quả tang đối tượng tàng trữ ma tuý tại bến xe",
        "Thứ Hai, 20/02/2023 16:00",
        "Lực lượng công an bắt quả tang một đối tượng tàng trữ ma tuý khi đang chờ xe khách.",
        [
            "Đối tượng khai nhận số ma tuý trên được mua để sử dụng và bán lại.",
        ],
        "Vũ Minh (TTXVN)",
    ),
    "111_aa00000000000111.txt": (
        "Mở thêm tuyến xe buýt nối trung tâm với khu công nghiệp",
        "Thứ Năm, 23/02/2023 07:30",
        "Thành phố mở thêm một tuyến xe buýt mang số hiệu 150, nối trung tâm với khu công nghiệp phía nam.",
        [
            "Giá vé không đổi mà tần suất chạy xe được tăng lên, tùy theo nhu cầu đi lại của công nhân vào giờ cao điểm.",
            "Bà Tuyết Lan, một công nhân, cho biết tuyến xe mới giúp chị tiết kiệm thời gian.",
            "Số liệu do TTXVN tổng hợp cho thấy lượng khách đi xe buýt tăng mạnh trong năm nay.",
        ],
        "Lê Văn Cường",
    ),
    # An author's name with đ, typed without it ("do hoang anh"): bylines get no folded đ-words.
    "112_aa00000000000112.txt": (
        "Khánh thành cầu dân sinh cho bà con vùng cao",
        "Thứ Hai, 27/02/2023 10:00",
        "Cây cầu dân sinh dài 60 mét được khánh thành, giúp bà con hai thôn vùng cao đi lại an toàn trong mùa mưa.",
        [
            "Trước đây, người dân phải lội qua suối, nhiều học sinh phải nghỉ học vào những ngày nước lên.",
        ],
        "Đỗ Hoàng Anh",
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

"""Build the hostile raw corpus: the committed text cases plus generated ones.

The text cases live in tests/data/hostile/ (small, readable). Cases that are
binary, large, or that git cannot hold well (symlinks, FIFOs, odd file names,
invalid UTF-8) are generated here, at test time, into a temporary folder:

    python tests/data/make_hostile.py /tmp/hostile-raw [--huge]

EXPECTED names every input of the built corpus with the status the converter
must give it and a word its reason must contain; tests and docs/robustness.md
read it.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMITTED = HERE / "hostile"

HUGE_NAME = "huge-200mb.txt"
HUGE_BYTES = 200 * 1024 * 1024
SECRET = "BÍ-MẬT-NGOÀI-THƯ-MỤC-7f3a"
# A file name that is not valid UTF-8 (Latin-1 "é" and "à"), as a bytes path.
LATIN1_NAME = b"tin-caf\xe9-\xe0.txt"
LATIN1_REPORTED = "tin-caf\\xe9-\\xe0.txt"
SHELL_NAME = "$(touch PWNED); rm -rf ~ `id` | & > x ; 'q' \"d\" *.txt"
NEWLINE_NAME = "xuống\ndòng.txt"

ARTICLE = (
    "Hội An đón lượng khách kỷ lục dịp nghỉ lễ\n\n"
    "Ngày 2/9/2023, thành phố Hội An đón hơn 60 nghìn lượt khách tham quan phố cổ, "
    "tăng gần gấp đôi so với cùng kỳ năm trước.\n\n"
    "Các tuyến phố đi bộ được mở rộng, lực lượng chức năng tăng cường hướng dẫn khách và bảo đảm "
    "trật tự tại các điểm tham quan chính như Chùa Cầu và chợ Hội An.\n\n"
    "Tác giả: Nguyễn Thị Hoa\n"
)
_PLACES = ("Hà Giang", "Lào Cai", "Sơn La", "Điện Biên", "Thanh Hóa", "Nghệ An", "Quảng Bình", "Quảng Trị",
           "Bình Định", "Phú Yên", "Gia Lai", "Đắk Nông", "Bến Tre", "Cà Mau", "Kiên Giang", "Sóc Trăng")
_EVENTS = ("khánh thành cây cầu dân sinh bắc qua suối lớn", "tổ chức phiên chợ vùng cao đầu tiên trong năm",
           "trao học bổng cho học sinh nghèo vượt khó", "khởi công tuyến đường liên xã dài mười cây số",
           "diễn tập phòng chống cháy rừng mùa khô", "mở lớp dạy nghề đan lát cho phụ nữ",
           "thu hoạch vụ lúa đông xuân đạt năng suất cao", "hỗ trợ ngư dân sửa chữa tàu thuyền sau bão",
           "tiêm phòng dịch bệnh cho đàn gia súc", "phát động phong trào trồng cây xanh",
           "kiểm tra an toàn thực phẩm tại các bếp ăn tập thể", "đưa điện lưới quốc gia về thôn bản xa",
           "tổ chức hội thi văn nghệ quần chúng", "xây nhà tình nghĩa cho gia đình chính sách",
           "nạo vét kênh mương chuẩn bị mùa mưa", "mở tuyến xe buýt mới nối trung tâm với các huyện")
_DETAILS = ("Người dân phấn khởi vì việc đi lại và buôn bán sẽ thuận tiện hơn nhiều",
            "Kinh phí thực hiện được huy động từ ngân sách và sự đóng góp của doanh nghiệp",
            "Chính quyền địa phương cam kết giám sát chặt chẽ tiến độ và chất lượng",
            "Các hộ gia đình được hướng dẫn cụ thể để tham gia và hưởng lợi lâu dài",
            "Đoàn thanh niên cử hàng chục tình nguyện viên hỗ trợ suốt nhiều ngày",
            "Kết quả bước đầu cho thấy mô hình phù hợp và có thể nhân rộng",
            "Ngành y tế bố trí cán bộ trực để xử lý các tình huống phát sinh",
            "Nhiều cụ cao tuổi xúc động chia sẻ rằng đã chờ đợi điều này từ lâu",
            "Huyện đề nghị tỉnh tiếp tục bố trí vốn cho giai đoạn tiếp theo",
            "Trường học trong vùng điều chỉnh giờ học để học sinh cùng tham gia",
            "Lực lượng công an bảo đảm an ninh trật tự trong suốt thời gian diễn ra",
            "Hợp tác xã nông nghiệp nhận bao tiêu toàn bộ sản phẩm cho bà con",
            "Cán bộ khuyến nông thường xuyên xuống tận ruộng để hướng dẫn kỹ thuật",
            "Mặt trận Tổ quốc vận động thêm nhiều nhà hảo tâm cùng chung tay",
            "Ban quản lý dự án tổ chức đối thoại để lắng nghe ý kiến người dân",
            "Sở Giao thông vận tải phối hợp điều chỉnh lộ trình cho phù hợp")


def _article(title: str, index: int) -> str:
    """A short article of its own: no two generated cases share a run of five words."""
    place, event = _PLACES[index % 16], _EVENTS[(index * 3) % 16]
    first, second = _DETAILS[(index * 5) % 16], _DETAILS[(index * 7 + 1) % 16]
    return (
        f"{title}\n\nNgày {index % 27 + 1}/{index % 12 + 1}/2023, tỉnh {place} {event}.\n\n"
        f"{first}. {second}.\n\nTác giả: Nguyễn Thị Hoa\n"
    )


# name -> (status, a word the reason or encoding must contain, or "")
EXPECTED: dict[str, tuple[str, str]] = {
    # committed text cases
    "empty.txt": ("failed", "empty"),
    "whitespace-only.txt": ("failed", "empty"),
    "invisible-spaces-only.txt": ("failed", "no text"),
    "only-chrome.txt": ("failed", "chrome"),
    "markup-script.txt": ("converted", ""),
    "markup-html-remnants.txt": ("converted", ""),
    "markdown-syntax.txt": ("converted", ""),
    "jinja-and-metadata.txt": ("converted", ""),
    "slug-path-traversal.txt": ("converted", ""),
    "slug-reserved-index.txt": ("converted", ""),
    "slug-empty.txt": ("converted", ""),
    "slug-no-latin.txt": ("converted", ""),
    "slug-500-chars.txt": ("converted", ""),
    "same-title-date-hue.txt": ("converted", ""),
    "same-title-date-cantho.txt": ("converted", ""),
    "dup-a-original.txt": ("converted", ""),
    "dup-b-identical.txt": ("duplicate", "dup-a-original.txt"),
    "dup-c-rescrape.txt": ("duplicate", "dup-a-original.txt"),
    "dup-d-near-credit.txt": ("duplicate", "dup-a-original.txt"),
    "dup-e-near-trailing.txt": ("duplicate", "dup-a-original.txt"),
    "dup-f-near-typo.txt": ("duplicate", "dup-a-original.txt"),
    # generated cases
    "image-png.txt": ("failed", "binary"),
    "document-pdf.txt": ("failed", "binary"),
    "archive-zip.txt": ("failed", "binary"),
    "truncated-utf8.txt": ("converted", "invalid"),
    "mixed-encodings.txt": ("converted", ""),
    "legacy-cp1258.txt": ("converted", "cp1258"),
    "utf16-bom.txt": ("converted", "utf-16"),
    "long-line-1mb.txt": ("converted", ""),
    "tin có dấu cách.txt": ("converted", ""),
    "Tin tức Đà Nẵng – số 5.txt": ("converted", ""),
    SHELL_NAME: ("converted", ""),
    NEWLINE_NAME: ("converted", ""),
    "-rf --help.txt": ("converted", ""),
    LATIN1_REPORTED: ("converted", ""),
    "UPPER-CASE.TXT": ("converted", ""),
    "sub/nested/deep.txt": ("converted", ""),
    "folder.txt/inside.txt": ("converted", ""),
    "link-inside.txt": ("ignored", "symbolic link"),
    "link-outside.txt": ("ignored", "symbolic link"),
    "link-dangling.txt": ("ignored", "symbolic link"),
    "link-to-folder": ("ignored", "symbolic link"),
    "fifo.txt": ("failed", "not a regular file"),
    "notes.md": ("ignored", "not a .txt"),
    "photo.jpg": ("ignored", "not a .txt"),
    "README": ("ignored", "not a .txt"),
    ".hidden.txt": ("ignored", "hidden"),
    ".git": ("ignored", "hidden"),
}
HUGE_EXPECTED = {HUGE_NAME: ("failed", "too large")}


def png_bytes(width: int = 64, height: int = 64) -> bytes:
    """A real PNG image (noisy pixels, so the data is incompressible)."""
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 13 + (x * y) % 251) % 256 for x in range(width * 3)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    """A small PDF whose page text is a Flate-compressed stream, as real PDFs are."""
    text = b"BT /F1 12 Tf 72 720 Td (Bao cao tai chinh nam 2023) Tj ET\n" * 40
    stream = zlib.compress(text + bytes(range(256)) * 4)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    for number, body in enumerate(objects, 1):
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    out.write(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    return out.getvalue()


def zip_bytes() -> bytes:
    """A zip archive holding a Vietnamese article (deflated, as zip tools do)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bai-viet.txt", (ARTICLE * 20).encode("utf-8"))
        archive.writestr("anh.png", png_bytes(32, 32))
    return buffer.getvalue()


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese text in Windows-1258: vowels precomposed, tone marks combining."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out.append((base + "".join(c for c in parts if c in _TONES)).encode("cp1258"))
    return b"".join(out)


def write_generated(target: Path, huge: bool = False) -> None:
    """Write the generated cases into target (which already holds the committed ones)."""
    (target / "image-png.txt").write_bytes(png_bytes())
    (target / "document-pdf.txt").write_bytes(pdf_bytes())
    (target / "archive-zip.txt").write_bytes(zip_bytes())
    utf8 = _article("Phố cổ Hội An được trùng tu", 0).encode("utf-8")
    # Cut inside the last multi-byte character, as an interrupted download does.
    last_lead = max(i for i, byte in enumerate(utf8) if byte >= 0xC0)
    cut = utf8[: last_lead + 1]
    (target / "truncated-utf8.txt").write_bytes(cut)
    legacy = "Đoạn này được lưu bằng bảng mã cũ Windows-1258 của tiếng Việt, với dấu thanh tách rời."
    (target / "mixed-encodings.txt").write_bytes(
        _article("Tệp trộn hai bảng mã", 1).encode("utf-8") + b"\n" + cp1258(legacy) + b"\n"
    )
    (target / "legacy-cp1258.txt").write_bytes(cp1258(_article("Bài cũ lưu bằng bảng mã Windows", 2)))
    (target / "utf16-bom.txt").write_bytes(_article("Bài lưu bằng UTF-16", 3).encode("utf-16"))
    sentence = "Dòng rất dài không có ký tự xuống dòng lặp lại nhiều lần trong một tệp thu thập lỗi. "
    line = (sentence * (1024 * 1024 // len(sentence.encode("utf-8")) + 1)).encode("utf-8")[: 1024 * 1024]
    (target / "long-line-1mb.txt").write_bytes(line.decode("utf-8", "ignore").encode("utf-8"))
    for index, name in enumerate(["tin có dấu cách.txt", "Tin tức Đà Nẵng – số 5.txt", SHELL_NAME, NEWLINE_NAME, "-rf --help.txt", "UPPER-CASE.TXT"]):
        (target / name).write_text(_article(f"Tên tệp lạ số {index} vẫn được chuyển đổi", 10 + index), encoding="utf-8")
    with open(os.path.join(os.fsencode(target), LATIN1_NAME), "wb") as handle:
        handle.write(_article("Tên tệp không phải UTF-8", 5).encode("utf-8"))
    (target / "sub" / "nested").mkdir(parents=True)
    (target / "sub" / "nested" / "deep.txt").write_text(_article("Bài nằm trong thư mục con", 6), encoding="utf-8")
    (target / "folder.txt").mkdir()
    (target / "folder.txt" / "inside.txt").write_text(_article("Thư mục có đuôi txt vẫn được duyệt", 7), encoding="utf-8")
    # Symbolic links: never followed, whatever they point at.
    outside = target.parent / f"{target.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(_article(f"Tệp bên ngoài {SECRET}", 4), encoding="utf-8")
    os.symlink("dup-a-original.txt", target / "link-inside.txt")
    os.symlink(outside / "secret.txt", target / "link-outside.txt")
    os.symlink(target / "khong-ton-tai.txt", target / "link-dangling.txt")
    os.symlink(outside, target / "link-to-folder")
    os.mkfifo(target / "fifo.txt")
    (target / "notes.md").write_text("# Ghi chú\n\nKhông phải bài báo.\n", encoding="utf-8")
    (target / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + png_bytes(8, 8))
    (target / "README").write_text("Thư mục dữ liệu thô.\n", encoding="utf-8")
    (target / ".hidden.txt").write_text(_article("Tệp ẩn", 8), encoding="utf-8")
    (target / ".git").mkdir()
    (target / ".git" / "HEAD.txt").write_text(_article("Tệp trong thư mục ẩn", 9), encoding="utf-8")
    if huge:
        write_huge(target / HUGE_NAME)


def write_huge(path: Path, size: int = HUGE_BYTES) -> None:
    """A file of `size` bytes of text, written sparsely (instant, no disk used)."""
    with open(path, "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
        handle.truncate(size)


def build(target: Path, huge: bool = False) -> dict[str, tuple[str, str]]:
    """Copy the committed cases into target, add the generated ones; return EXPECTED."""
    target.mkdir(parents=True, exist_ok=True)
    for item in sorted(COMMITTED.iterdir()):
        shutil.copy(item, target / item.name)
    write_generated(target, huge=huge)
    return {**EXPECTED, **(HUGE_EXPECTED if huge else {})}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: make_hostile.py TARGET_DIR [--huge]")
    build(Path(sys.argv[1]), huge="--huge" in sys.argv[2:])

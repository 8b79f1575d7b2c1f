"""Write the evaluation files that need special bytes (run once; output committed).

The texts were written for this evaluation. Legacy font encodings are made by
inverting viparse's TCVN3/VNI tables (the same tables the converter reads back),
Windows-1258 the way Windows writes it: precomposed base letters plus
combining tone marks.

    .venv/bin/python tests/data/eval/make_encoded.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

RAW = Path(__file__).with_name("raw")

CP1258_TEXT = """Bình Định khởi công dự án đường ven biển

Ngày 15/3/2023, UBND tỉnh Bình Định tổ chức lễ khởi công dự án đường ven biển đoạn Cát Tiến - Đề Gi với tổng vốn đầu tư hơn 2.000 tỷ đồng.

Tuyến đường dài hơn 21 km, đi qua huyện Phù Cát và thị xã Hoài Nhơn, khi hoàn thành sẽ kết nối các khu du lịch ven biển và thúc đẩy phát triển kinh tế.

Tin và ảnh: Ngọc Nhuận
"""

TCVN3_SOURCE = """Hội nghị tập huấn công tác dân tộc tại Gia Lai

Ngày 12.9.2023, Ban Dân tộc tỉnh Gia Lai tổ chức hội nghị tập huấn nghiệp vụ công tác dân tộc cho hơn 100 cán bộ cơ sở các huyện Chư Prông, Đức Cơ và Ia Grai.

Các học viên được phổ biến chính sách hỗ trợ đồng bào dân tộc thiểu số về nhà ở, đất sản xuất và nước sinh hoạt.

Tác giả: Đinh Yến
"""

VNI_SOURCE = """Long An tăng cường kiểm tra an toàn thực phẩm

Sáng ngày 14/7/2023, Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh Long An ra quân kiểm tra các cơ sở sản xuất, kinh doanh thực phẩm tại thành phố Tân An.

Đoàn kiểm tra phát hiện một số cơ sở chưa bảo đảm điều kiện vệ sinh, yêu cầu khắc phục ngay và xử phạt theo quy định.

Bài, ảnh: Lê Đức
"""

TCVN3_AS_UTF8_SOURCE = """Hội thảo bảo tồn nghề dệt thổ cẩm ở Điện Biên

Chiều 21/4/2023, Sở Văn hóa, Thể thao và Du lịch tỉnh Điện Biên tổ chức hội thảo bảo tồn và phát huy nghề dệt thổ cẩm truyền thống của đồng bào dân tộc thiểu số.

Các nghệ nhân người Thái, người Mông chia sẻ kinh nghiệm truyền nghề cho thế hệ trẻ và đưa sản phẩm thổ cẩm phục vụ du lịch.

Bài: Quang Hưng
"""

MIXED_UTF8_PART = """Yên Bái phát triển vùng quế hữu cơ

Sáng 6/9/2023, UBND huyện Văn Yên, tỉnh Yên Bái tổ chức hội nghị đánh giá kết quả phát triển vùng trồng quế hữu cơ.
"""
MIXED_CP1258_PART = """Toàn huyện hiện có hơn 50.000 ha quế, trong đó hơn 10.000 ha được cấp chứng nhận hữu cơ, giúp giá bán tăng cao.

Tác giả: Thanh Chi
"""

TRUNCATED_SOURCE = """Bắc Giang: Vải thiều sớm Tân Yên được mùa, được giá

Sáng 28/5/2023, UBND huyện Tân Yên, tỉnh Bắc Giang tổ chức lễ khai mạc mùa thu hoạch vải thiều sớm.

Năm nay, diện tích vải sớm của huyện đạt hơn 3.000 ha, sản lượng ước đạt 20.000 tấn.

Tác giả: Trần Bình
Tin liên quan
Bắc Giang xúc tiến tiêu thụ vải thiều tại thị trường Nhật Bản vớ"""

INVISIBLE_SOURCE = """Hòa Bình\u00a0hỗ trợ sinh kế cho đồng bào vùng lòng hồ

Chiều\u00a020/7/2023, Hội Nông dân tỉnh Hòa Bình phối hợp\u200b với Ngân hàng Chính sách xã hội trao vốn vay\u200b ưu đãi cho 50 hộ nông dân\x07 vùng lòng hồ sông Đà.

Các hộ được vay vốn để nuôi cá lồng, trồng cây ăn quả và phát triển du lịch cộng đồng,\u00a0góp phần giảm nghèo bền vững.\x0c

\u200bTin, ảnh:\u00a0Đức Thành\u200b
"""


def _inverse(name: str) -> dict[str, str]:
    from viparse.normalize.encodings import CHARMAPS

    table = {}
    for legacy, uni in sorted(CHARMAPS[name].pairs, key=lambda p: len(p[0])):
        table.setdefault(uni, legacy)
    return table


def legacy_encode(text: str, name: str) -> str:
    table = _inverse(name)
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out.append(table[char])
        elif ord(char) < 128:
            out.append(char)
        else:
            raise ValueError(f"{name} cannot encode {char!r}")
    return "".join(out)


def cp1258(text: str) -> bytes:
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            tones = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
            out += head.encode("cp1258") + tones.encode("cp1258")
    return out


def main() -> None:
    (RAW / "e04_a1b2c3d4e5f60704.txt").write_bytes(cp1258(CP1258_TEXT).replace(b"\n", b"\r\n"))
    (RAW / "e05_a1b2c3d4e5f60705.txt").write_bytes(legacy_encode(TCVN3_SOURCE, "tcvn3").encode("latin-1"))
    (RAW / "e06_a1b2c3d4e5f60706.txt").write_bytes(legacy_encode(VNI_SOURCE, "vni").encode("latin-1"))
    (RAW / "e07_a1b2c3d4e5f60707.txt").write_bytes(legacy_encode(TCVN3_AS_UTF8_SOURCE, "tcvn3").encode("utf-8"))
    (RAW / "e31_a1b2c3d4e5f60731.txt").write_bytes(MIXED_UTF8_PART.encode("utf-8") + b"\n" + cp1258(MIXED_CP1258_PART))
    (RAW / "e32_a1b2c3d4e5f60732.txt").write_bytes(TRUNCATED_SOURCE.encode("utf-8")[:-1])
    (RAW / "e33_a1b2c3d4e5f60733.txt").write_bytes(INVISIBLE_SOURCE.encode("utf-8").replace(b"\n", b"\r"))


if __name__ == "__main__":
    main()

"""The dataset's columns, described once: the JSON Lines records, the CSV,
the Parquet schema, the datapackage.json and the "Dữ liệu" page all read
this table, so the files and their descriptions cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "string", "list" (of strings) or "blocks" (list of {kind, text})
    description: str
    in_csv: bool = True
    required: bool = False


FIELDS: tuple[Field, ...] = (
    Field("url", "string", "Đường dẫn trang bài trong kho (tuyệt đối khi trang có SITEURL)", required=True),
    Field("slug", "string", "Định danh ASCII của bài, duy nhất và ổn định", required=True),
    Field("title", "string", "Tiêu đề", required=True),
    Field("title_source", "string", "text: dòng tiêu đề của bài; derived: suy ra từ câu đầu"),
    Field("date", "string", "Ngày đăng ISO 8601 đúng độ chính xác đã biết (2023-05-10, 2023-05, 2023); rỗng khi không rõ"),
    Field("date_precision", "string", "day, month, year hoặc unknown"),
    Field("date_source", "string", "Nguồn của ngày: manifest, dateline, lead, opening, crawl, none"),
    Field("date_before", "string", "Ngày (ISO) mà bài chắc chắn có trước, khi không rõ ngày đăng"),
    Field("date_evidence", "string", "Chữ trong bài (hoặc danh sách thu thập) mà ngày được đọc ra"),
    Field("authors", "list", "Tác giả (tên chuẩn)"),
    Field("authors_printed", "list", "Tên tác giả như bài ghi, khi đã được gộp vào tên chuẩn"),
    Field("groups", "list", "Nhóm phóng viên, tòa soạn"),
    Field("photographers", "list", "Người chụp ảnh"),
    Field("outlets", "list", "Cơ quan báo chí được ghi là nguồn (Theo TTXVN…)"),
    Field("tags", "list", "Chủ đề"),
    Field("places", "list", "Tỉnh, thành phố (63 đơn vị trước tháng 7/2025) mà bài nói về, theo tên chuẩn"),
    Field("category", "string", "Chuyên mục"),
    Field("summary", "string", "Đoạn mở đầu (sapo), văn bản thuần"),
    Field("source", "string", "Tên tệp thô mà bài được chuyển từ đó"),
    Field("source_id", "string", "Mã 16 ký tự hex của tệp thô"),
    Field("original_url", "string", "Đường dẫn bài gốc, khi danh sách thu thập có ghi"),
    Field("encoding", "string", "Bảng mã đã dùng để đọc tệp thô"),
    Field("paragraphs", "blocks", "Thân bài: các khối văn bản theo thứ tự, kind là p (đoạn), h (tiêu đề phụ) hoặc caption (chú thích ảnh)", in_csv=False),
)

CSV_FIELDS = tuple(f for f in FIELDS if f.in_csv)
LIST_SEPARATOR = ";"  # as in the posts' metadata: no tag, name or outlet holds one

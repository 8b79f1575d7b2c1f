"""The conversion report (CONTENT/.rawnews/report.json) as the maintainers'
page shows it: counts by status, every input that did not become a post
as it is (failed, ignored, duplicate, kept) with its reason, duplicates
linked to the post they duplicate, and the warnings grouped by kind.

Pure: takes the report's JSON data and the page URL of each published
source; every string stays plain text (the template escapes it)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

STATUS_LABELS = {
    "converted": "đã chuyển",
    "kept": "giữ bản sửa tay",
    "duplicate": "trùng lặp",
    "failed": "không chuyển được",
    "ignored": "bỏ qua",
}
STATUS_ORDER = ("converted", "kept", "duplicate", "failed", "ignored")
# The converter's warnings (English, as in report.json) by kind, in Vietnamese.
WARNING_LABELS = {
    "no author credit found": "Không tìm thấy dòng ghi tác giả",
    "no date found in text or manifest": "Không tìm thấy ngày đăng trong văn bản hay manifest",
    "date known only to the month": "Ngày đăng chỉ biết tới tháng",
    "date known only to the year": "Ngày đăng chỉ biết tới năm",
    "no title line": "Không có dòng tiêu đề: tiêu đề lấy từ câu đầu",
    "HTML remnants converted to text": "Còn sót mã HTML, đã chuyển thành chữ",
    "HTML remnants could not be parsed": "Mã HTML sót lại không đọc được, giữ nguyên dạng chữ",
    "author '…' merged into '…'": "Tên tác giả được gộp vào tên đầy đủ hơn",
    "slug '…' taken": "Đường dẫn (slug) đã có bài khác dùng",
    "post edited by hand since it was generated": "Bài đã được sửa tay, được giữ nguyên",
    "nearly the same text as …": "Gần trùng với bài khác",
    "same text as …": "Trùng hoàn toàn với bài khác",
}
# Why an input became no post (report.json's reasons, English), by how the
# reason starts, in Vietnamese; the page shows the original beside it.
REASON_LABELS = (
    ("empty file", "Tệp rỗng"),
    ("binary file", "Tệp nhị phân, không phải văn bản"),
    ("cannot decode", "Không giải mã được bảng mã của tệp"),
    ("no text after normalisation", "Không còn chữ nào sau khi chuẩn hóa"),
    ("only a credit line", "Chỉ có dòng ghi tác giả, không có nội dung bài"),
    ("only page chrome", "Chỉ có phần khung trang (trình đơn, nút chia sẻ…), không có nội dung bài"),
    ("file too large", "Tệp quá lớn"),
    ("took longer than", "Chuyển quá thời gian cho phép mỗi tệp"),
    ("not a .txt file", "Không phải tệp .txt"),
    ("hidden file", "Tệp ẩn, không đọc"),
    ("hidden folder", "Thư mục ẩn, không đọc"),
    ("symbolic link to a folder", "Liên kết tới một thư mục, không theo"),
    ("symbolic link", "Liên kết tượng trưng, không theo"),
    ("cannot read", "Không đọc được tệp"),
    ("cannot list folder", "Không liệt kê được thư mục"),
    ("not a regular file", "Không phải tệp thường"),
    ("another file has the same printable name", "Trùng tên hiển thị với một tệp khác; hãy đổi tên một trong hai"),
    ("unsafe slug", "Đường dẫn (slug) không an toàn"),
    ("converted article not found", "Không thấy bài đã chuyển trong trạng thái của bộ chuyển đổi; hãy chuyển lại"),
    ("converter error", "Lỗi của bộ chuyển đổi"),
    ("nearly the same text as", "Gần trùng với bài khác"),
    ("same text as", "Trùng hoàn toàn với bài khác"),
    ("post edited by hand", "Bài đã được sửa tay, được giữ nguyên"),
)
GROUP_SAMPLE = 200  # files listed per warning kind (the JSON has them all)


@dataclass(frozen=True)
class Row:
    source: str
    status: str
    label: str
    reason: str  # as report.json says it (English)
    duplicate_of: str = ""
    duplicate_url: str = ""  # the page of the post it duplicates ('' when none)
    output_url: str = ""

    @property
    def reason_label(self) -> str:
        """The reason in Vietnamese ('' when it is not one the converter gives)."""
        return reason_label(self.reason)


@dataclass(frozen=True)
class WarningGroup:
    kind: str
    label: str
    count: int
    sources: tuple[tuple[str, str], ...]  # (file, its page URL or ''), at most GROUP_SAMPLE


@dataclass(frozen=True)
class ReportView:
    inputs: int
    counts: tuple[tuple[str, str, int], ...]  # (status, label, count)
    rows: tuple[Row, ...]  # every input that is not plainly converted
    warnings: tuple[WarningGroup, ...]
    removed_posts: tuple[str, ...]
    manifest_unmatched: tuple[str, ...]


def warning_kind(text: str) -> str:
    """"date known only to the year: Năm 2019" -> "date known only to the year"."""
    kind = re.sub(r"'[^']*'", "'…'", str(text))
    kind = re.sub(r"(same text as) .*", r"\1 …", kind)
    return re.split(r":\s| \(", kind, maxsplit=1)[0].strip()


def reason_label(reason: str) -> str:
    """"cannot read: Permission denied" -> "Không đọc được tệp"; '' when unknown."""
    text = reason.strip()
    if text.lower().startswith("manifest"):
        return "Tệp manifest.csv có lỗi"
    return next((label for start, label in REASON_LABELS if text.startswith(start)), "")


def _strings(value) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def view(report: dict, urls: dict[str, str]) -> ReportView:
    """report: report.json's data; urls: source file name -> its post's page URL."""
    files = [f for f in report.get("files") or [] if isinstance(f, dict) and isinstance(f.get("source"), str)]
    counts = report.get("counts") if isinstance(report.get("counts"), dict) else {}
    statuses = [s for s in STATUS_ORDER if s in counts] + sorted(s for s in counts if s not in STATUS_ORDER)
    rows = []
    groups: dict[str, list[str]] = defaultdict(list)
    for entry in files:
        source, status = entry["source"], str(entry.get("status", ""))
        for warning in _strings(entry.get("warnings")):
            groups[warning_kind(warning)].append(source)
        if status == "converted":
            continue
        original = str(entry.get("duplicate_of") or "")
        reason = str(entry.get("reason") or "") or "; ".join(_strings(entry.get("warnings")))
        rows.append(Row(source, status, STATUS_LABELS.get(status, status), reason, original, urls.get(original, ""), urls.get(source, "")))
    warnings = tuple(
        WarningGroup(kind, WARNING_LABELS.get(kind, kind), len(sources), tuple((s, urls.get(s, "")) for s in sources[:GROUP_SAMPLE]))
        for kind, sources in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    )
    return ReportView(
        inputs=int(report.get("inputs") or len(files)),
        counts=tuple((s, STATUS_LABELS.get(s, s), int(counts[s])) for s in statuses),
        rows=tuple(rows),
        warnings=warnings,
        removed_posts=_strings(report.get("removed_posts")),
        manifest_unmatched=_strings(report.get("manifest_unmatched")),
    )

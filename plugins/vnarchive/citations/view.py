"""What the article page shows in its "Nguồn gốc" (provenance) and "Trích
dẫn" (cite this article) sections, as plain data: Vietnamese labels for
the converter's codes, the links to the files beside the article.

Values are plain text (entities decoded); the templates escape them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vnarchive.common.text import plain_text

from .reference import accessed_text
from .work import Work, http_url

_SHA256 = re.compile(r"[0-9a-f]{64}")
# The converter's kinds of removed lines (rawnews/extract/provenance.py), in Vietnamese.
REMOVED_LABELS = {
    "breadcrumb": "dòng đường dẫn chuyên mục",
    "chrome": "dòng giao diện trang (nút chia sẻ, đăng nhập, lượt xem…)",
    "related": "dòng danh sách bài liên quan và phần cuối trang",
    "dateline": "dòng ngày giờ của trang (đã dùng để xác định ngày đăng)",
    "end mark": "dấu kết bài “./.”",
    "repeated title": "dòng tiêu đề lặp lại",
}
# Where the date came from (Date_source).
DATE_SOURCES = {
    "dateline": "dòng ngày giờ đăng của trang",
    "manifest": "ngày đăng ghi trong tệp manifest của đợt thu thập",
    "lead": "ngày ghi trong câu mở đầu",
    "opening": "ngày ghi ở đầu bài",
    "crawl": "không có trong văn bản; chỉ biết ngày thu thập",
    "none": "không có trong văn bản hay manifest",
}


@dataclass(frozen=True)
class Provenance:
    original_url: str
    crawled: str  # "ngày 10/05/2023", '' when unknown
    source: str  # the raw file's name
    sha256: str
    encoding: str
    removed: tuple[tuple[int, str], ...]  # (count, what) per kind
    credit: str  # the credit lines as printed
    credit_parsed: tuple[tuple[str, str], ...]  # ("Tác giả", "A, B"), ...
    date_source: str
    date_evidence: str
    date_before: str
    converter: str
    raw_text: str  # the raw-text copy's file name beside the page, '' when there is none


@dataclass(frozen=True)
class Citation:
    reference: str
    bibtex: str  # file names beside the page
    csl: str
    work: Work  # what they are made of


def removed_lines(value) -> tuple[tuple[int, str], ...]:
    """"chrome: 3, related: 5" -> ((3, "dòng giao diện trang ..."), (5, ...))."""
    out = []
    for item in plain_text(value or "").split(","):
        kind, _, count = item.rpartition(":")
        kind = kind.strip()
        if kind in REMOVED_LABELS and count.strip().isdigit():
            out.append((int(count), REMOVED_LABELS[kind]))
    return tuple(out)


def evidence_text(value, source: str) -> str:
    """The text the date was read from ("Thứ Tư, 10/05/2023"), without the
    converter's label ("dateline: "); '' when no text gave the date."""
    text = plain_text(value or "")
    if source in ("crawl", "none", ""):
        return ""
    label = f"{source}: "
    return text[len(label):] if text.startswith(label) else text


def provenance_of(article, work: Work, raw_text: str) -> Provenance:
    meta = article.metadata
    parsed = [("Tác giả", ", ".join(work.persons)), ("Nhóm, ban biên tập", ", ".join(work.institutions)),
              ("Cơ quan báo chí", ", ".join(work.outlets))]
    source = plain_text(meta.get("date_source") or "")
    sha = plain_text(meta.get("raw_sha256") or "")
    return Provenance(
        original_url=http_url(meta.get("original_url")),
        crawled=accessed_text(work.accessed),
        source=plain_text(meta.get("source") or ""),
        sha256=sha if _SHA256.fullmatch(sha) else "",
        encoding=plain_text(meta.get("encoding") or ""),
        removed=removed_lines(meta.get("removed")),
        credit=plain_text(meta.get("credit_evidence") or ""),
        credit_parsed=tuple((label, names) for label, names in parsed if names),
        date_source=DATE_SOURCES.get(source, source),
        date_evidence=evidence_text(meta.get("date_evidence"), source),
        date_before=plain_text(meta.get("date_before") or ""),
        converter=plain_text(meta.get("converter") or ""),
        raw_text=raw_text,
    )

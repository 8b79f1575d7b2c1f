"""The ready citation in Vietnamese: APA 7 adapted (tác giả, năm, tiêu đề,
nguồn, URL gốc, ngày truy cập), as plain text the page escapes.

Adaptations: names are written in full and in their own order (a
Vietnamese name has no "initials" form), "và" joins the last author,
dates use Vietnamese month names ("ngày 10 tháng 5"), an undated article
says "không rõ năm" and the access date is the crawl date, at the
precision the manifest gives it."""

from __future__ import annotations

from .work import Work


def authors_text(work: Work) -> str:
    names = [*work.persons, *work.institutions]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) > 20:  # APA: the first 19, an ellipsis, the last
        names = [*names[:19], "…", names[-1]]
        return ", ".join(names[:-1]) + " " + names[-1]
    return ", ".join(names[:-1]) + " và " + names[-1]


def issued_text(work: Work) -> str:
    """"2023, ngày 10 tháng 5", "2023, tháng 5", "2023" or "không rõ năm"."""
    if work.year is None:
        return "không rõ năm"
    if work.month is None:
        return str(work.year)
    if work.day is None:
        return f"{work.year}, tháng {work.month}"
    return f"{work.year}, ngày {work.day} tháng {work.month}"


def accessed_text(value: str) -> str:
    """"ngày 10/05/2023", "tháng 5/2023", "năm 2023" (ISO at its precision)."""
    parts = value.split("-") if value else []
    if len(parts) == 3:
        return f"ngày {parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    if len(parts) == 1:
        return f"năm {parts[0]}"
    return ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!", "…")) else text + "."


def reference(work: Work) -> str:
    """One line: `Tác giả. (năm). Tiêu đề. Nguồn. Truy cập ngày …, từ URL`."""
    title = _sentence(work.title or "Bài không có tiêu đề")
    authors = authors_text(work)
    parts = [_sentence(authors), f"({issued_text(work)}).", title] if authors else [title, f"({issued_text(work)})."]
    if work.outlets:
        parts.append(_sentence(", ".join(work.outlets)))
    url = work.url or work.archive_url
    accessed = accessed_text(work.accessed)
    if url and accessed:
        parts.append(f"Truy cập {accessed}, từ {url}")
    elif url:
        parts.append(url)
    elif accessed:
        parts.append(f"Truy cập {accessed}.")
    if work.url and work.archive_url:
        parts.append(f"(Bản lưu: {work.archive_url})")
    return " ".join(parts)

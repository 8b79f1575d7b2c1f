"""Stage 1, normalize: raw bytes -> clean NFC lines.

Scraped files arrive in many encodings and with HTML remnants; everything
after this stage can assume plain, NFC-normalised Vietnamese text.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Normalized, Rejected

# Bytes that never occur in text: more than a few of them means a binary file.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML_HINT = re.compile(r"<\s*/?\s*(p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|table|tr|td)\b[^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol")
# Invisible or odd spaces that scrapers leave: map to a plain space or drop.
_SPACE_MAP = {
    **{cp: " " for cp in (0x00A0, 0x2007, 0x202F, 0x3000, 0x1680, *range(0x2000, 0x200B), 0x205F)},
    **{cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)},
    0x2028: "\n",
    0x2029: "\n",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]+")

# Letters that only a Vietnamese text decoded with the right codec contains often.
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with a BOM are exact; otherwise the
    legacy Vietnamese code page cp1258 is tried, then latin-1 as a last resort
    so that no file is lost (the report names the encoding used).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    # Mostly UTF-8 with a few bad bytes (truncated file, mixed encodings):
    # keep UTF-8 and replace the bad bytes rather than mis-decode the rest.
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    if bad and bad * 50 < len(lossy) and len(_VIETNAMESE.findall(lossy)) > bad:
        return lossy, "utf-8 (with invalid bytes replaced)"
    try:
        text = data.decode("cp1258")
        return text, "cp1258"
    except UnicodeDecodeError:
        pass
    del utf8_error
    return data.decode("latin-1"), "latin-1"


def strip_html(text: str) -> str:
    """Turn HTML remnants into plain paragraphs (bs4 does the entity work)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(("script", "style")):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


def clean_line(line: str) -> str:
    line = line.translate(_SPACE_MAP)
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", line).strip()


def normalize(data: bytes) -> Normalized:
    """Decode and clean one raw file. Raises Rejected for non-text input."""
    if not data.strip():
        raise Rejected("empty file")
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        pass  # UTF-16 legitimately contains NUL bytes
    elif len(_BINARY_BYTES.findall(sample)) > max(8, len(sample) // 200):
        raise Rejected("binary file, not text")
    text, encoding = decode(data)
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_HINT.search(text):
        text = strip_html(text)
        warnings.append("HTML remnants converted to text")
    text = unicodedata.normalize("NFC", text)
    lines = tuple(line for line in map(clean_line, text.split("\n")) if line)
    if not lines:
        raise Rejected("no text after normalisation")
    return Normalized(lines=lines, encoding=encoding, warnings=tuple(warnings))

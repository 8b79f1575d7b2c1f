"""Stage 1, normalize: raw bytes -> clean NFC lines.

Scraped files arrive in many encodings and with HTML remnants; everything
after this stage can assume plain, NFC-normalised Vietnamese text.

Decoding order (the detected encoding is reported per file):

1. a byte-order mark (UTF-8, UTF-16) is exact;
2. UTF-16 without a mark, when the bytes read as it (utf16_without_bom);
3. strict UTF-8;
4. otherwise line by line: a line that is mostly valid UTF-8 keeps UTF-8
   (a truncated or damaged multi-byte sequence is dropped), any other line
   is legacy 8-bit text: Windows-1258, or a TCVN3/VNI font encoding when the
   content says so. One file may mix them (pasted from two sources);
5. decoded text that shows the surface characters of a legacy *font*
   encoding (TCVN3 ".VnTime", VNI "VNI-Times": a web page that used those
   fonts, saved as UTF-8) is converted to Unicode too.

The legacy tables and the content detector come from the `viparse` package
(tables validated on real documents), so none are typed by hand here.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Normalized, Rejected

# Bytes that never occur in text: more than a few of them means a binary file.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML_HINT = re.compile(
    r"<\s*/?\s*(p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|table|tr|td|font|img|figure|figcaption|section|article|header|footer)\b[^>]*>"
    r"|<!--|&(#\d+|#x[0-9a-f]+|[a-z]+\d?);",
    re.I,
)
_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol",
    "section", "article", "header", "footer", "figure", "figcaption", "blockquote",
)
# Invisible or odd spaces that scrapers leave: map to a plain space or drop.
# (Regexes rather than str.translate: much faster on text that has none.)
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\ufffd]")
_LINE_SEPARATOR = re.compile("[\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]{2,}|\t")
_SPACE_RUN = re.compile("  +")
# Every character that clean_text or the legacy-font check would act on, in
# one class: plain text has none, and then both are skipped (one scan).
_SUSPECT = re.compile(
    "[\u00a0\u1680\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad\ufffd\u2028\u2029\t"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
    "\u00a1-\u00ac\u00ae-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
    "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
# bytes.translate(None, _NOT_BINARY) keeps only the bytes _BINARY_BYTES matches (a count in C).
_NOT_BINARY = bytes(b for b in range(256) if not _BINARY_BYTES.match(bytes([b])))

# Latin-1 characters that are not letters of the Vietnamese alphabet: plain
# Vietnamese text almost never has them, legacy font text is full of them.
_LEGACY_SURFACE = re.compile(r"[\u0080-\u009f\u00a1-\u00ac\u00ae-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
LEGACY_MIN_CHARS = 3


def _legacy_tables():
    """(auto-detect candidates, all charmaps, detector, converter, scorer) from viparse."""
    from viparse.normalize.detector import detect_encoding_by_content
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS, CHARMAPS
    from viparse.normalize.frequency import vietnamese_score
    from viparse.normalize.tables import convert

    return AUTO_DETECT_CHARMAPS, CHARMAPS, detect_encoding_by_content, convert, vietnamese_score


def detect_legacy_font(text: str) -> str | None:
    """'tcvn3' or 'vni' when text reads as that font encoding, else None."""
    if len(_LEGACY_SURFACE.findall(text)) < LEGACY_MIN_CHARS:
        return None
    # Detect on the lines that show legacy characters (enough to be sure, and fast).
    sample = "\n".join(line for line in text.split("\n") if _LEGACY_SURFACE.search(line))[:4000]
    try:
        candidates, _, detect, _, _ = _legacy_tables()
        return detect(sample, candidates).encoding
    except Exception:  # noqa: BLE001 - detection is a hint; never lose the file
        return None


def convert_legacy_font(text: str, name: str) -> str:
    """Convert, line by line, only the lines that read better converted.

    Line-wise so that a file mixing Unicode and legacy paragraphs keeps its
    Unicode lines intact (TCVN3 reuses letters such as 'Ê' for other sounds).
    """
    _, charmaps, _, convert, score = _legacy_tables()
    charmap = charmaps[name]
    out = []
    for line in text.split("\n"):
        if _LEGACY_SURFACE.search(line):
            converted = convert(line, charmap)
            if score(converted) > score(line):
                line = converted
        out.append(line)
    return "\n".join(out)


# What UTF-16 Vietnamese text decodes to: ASCII, Latin letters (Vietnamese
# ones are in Latin-1, Extended-A/B and Extended Additional), combining
# marks, punctuation, odd spaces. The wrong byte order gives CJK and others.
_LATIN_TEXT = re.compile("[\t\n\r\x20-\x7e\u00a0-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f\ufeff]")
UTF16_MIN_SHARE = 0.95


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when bytes without a byte-order mark are
    UTF-16 text, else None. Such text is full of NUL bytes (the high byte of
    every ASCII character), all at odd positions (LE) or all at even ones
    (BE), which is why it would otherwise be taken for a binary file; it is
    taken for UTF-16 only when it then decodes to Latin-script text."""
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0:half * 2:2].count(0), sample[1:half * 2:2].count(0)
    if odd >= half // 4 and even <= half // 50:
        order = "utf-16-le"
    elif even >= half // 4 and odd <= half // 50:
        order = "utf-16-be"
    else:
        return None
    text = sample[:half * 2].decode(order, errors="replace")
    return order if len(_LATIN_TEXT.findall(text)) >= UTF16_MIN_SHARE * len(text) else None


def _utf8_line(raw: bytes) -> str | None:
    """A line as UTF-8 when it mostly is (damaged sequences dropped), else None."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return text
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if good > bad or (bad == 1 and raw[-3:] and len(raw) > 8 and text.endswith("\ufffd")):
        return text.replace("\ufffd", "")
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding name for the report)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    elif b"\x00" in data[:65536]:
        order = utf16_without_bom(data[:65536])
        if order:
            return data.decode(order, errors="replace"), f"{order} (no BOM)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Line by line: the legacy part of a mixed file is decoded as one block so
    # that the font-encoding detector sees enough text to be sure.
    raw_lines = data.split(b"\n")
    decoded: list[str | None] = [_utf8_line(line) for line in raw_lines]
    legacy_idx = [i for i, line in enumerate(decoded) if line is None]
    names = []
    if any(line is not None and any(ord(c) > 127 for c in line) for line in decoded) or not legacy_idx:
        names.append("utf-8")
    if legacy_idx:
        block = b"\n".join(raw_lines[i] for i in legacy_idx)
        latin = block.decode("latin-1")
        font = detect_legacy_font(latin)
        if font:
            text = convert_legacy_font(latin, font)
            names.append(font)
        else:
            text = block.decode("cp1258", errors="replace").replace("\ufffd", "")
            names.append("cp1258")
        for i, line in zip(legacy_idx, text.split("\n")):
            decoded[i] = line
    had_invalid = "utf-8" in names and len(legacy_idx) == 0
    name = " + ".join(names) if len(names) > 1 else names[0]
    if had_invalid:
        name = "utf-8 (invalid bytes dropped)"
    elif len(names) > 1:
        name = f"mixed: {name}"
    return "\n".join(line or "" for line in decoded), name


# Layout and formatting tags that scrapers leave around text: unwrapped.
# Any other tag (<script>, <img onerror=...>, <iframe>, <svg>, ...) is not a
# remnant of the article's layout but text that looks like markup: it is
# kept as literal text, and the emitter escapes it so it shows as written.
_REMNANT_TAGS = frozenset(_BLOCK_TAGS + ("span", "a", "b", "i", "u", "em", "strong", "font", "small", "sup", "sub", "td", "th", "tbody", "thead"))


def strip_html(text: str) -> str:
    """Turn HTML remnants into plain paragraphs (bs4 does the entity work)."""
    from bs4 import BeautifulSoup, Comment, Tag

    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()

    def unwrap_remnants(node) -> None:
        for child in list(node.children):
            if not isinstance(child, Tag):
                continue
            if child.name in _REMNANT_TAGS:
                unwrap_remnants(child)
            else:
                child.replace_with(str(child))

    unwrap_remnants(soup)
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


# The four classes above in one pass (they are disjoint, and no replacement
# is in any of them, so one pass equals the four in turn).
_CLEANED = re.compile("[" + "".join(p.pattern[1:-1] for p in (_ODD_SPACE, _INVISIBLE, _LINE_SEPARATOR, _CONTROL)) + "]")


def _replacement(match: re.Match) -> str:
    char = match.group()
    if _ODD_SPACE.match(char):
        return " "
    return "\n" if _LINE_SEPARATOR.match(char) else ""


def clean_text(text: str) -> str:
    """Odd spaces to plain ones, invisible and control characters out."""
    text = _CLEANED.sub(_replacement, text)
    if "\t" in text:
        return _SPACES.sub(" ", text)
    if "  " in text:
        return _SPACE_RUN.sub(" ", text)  # the same without tabs, found by a fast literal search
    return text


def line_separators(text: str) -> str:
    """U+2028 and U+2029 (line and paragraph separators) as spaces in a text
    that has its own line breaks: there they are soft breaks inside a line
    (a headline's, which must stay one title), as line breaks in a text that
    has none, where they are its only line structure."""
    return _LINE_SEPARATOR.sub(" " if "\n" in text else "\n", text)


def clean_line(line: str) -> str:
    return clean_text(line).strip()


def normalize(data: bytes) -> Normalized:
    """Decode and clean one raw file. Raises Rejected (only) for non-text input."""
    if not data.strip():
        raise Rejected("empty file")
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        pass  # UTF-16 legitimately contains NUL bytes
    elif len(sample.translate(None, _NOT_BINARY)) > max(8, len(sample) // 200) and not utf16_without_bom(sample):
        raise Rejected("binary file, not text")
    try:
        text, encoding = decode(data)
    except Exception as error:  # noqa: BLE001 - a decoder bug must read as a reason
        raise Rejected(f"cannot decode: {type(error).__name__}") from error
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = line_separators(text)
    # Odd spaces, invisible or control characters, or legacy-font surface
    # characters: without any (the common case) their passes are skipped.
    found = _SUSPECT.findall(text)
    suspect = bool(found)
    legacy = suspect and sum(1 for char in found if _LEGACY_SURFACE.match(char)) >= LEGACY_MIN_CHARS
    if legacy and encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-8 (invalid bytes dropped)"):
        # A page set in a legacy font and saved as UTF-8 text.
        font = detect_legacy_font(text)
        if font:
            try:
                text = convert_legacy_font(text, font)
            except Exception:  # noqa: BLE001
                font = None
            if font:
                encoding = f"{encoding} ({font} font encoding converted)"
                warnings.append(f"legacy {font.upper()} font encoding converted to Unicode")
    if ("<" in text or "&" in text) and _HTML_HINT.search(text):
        try:
            text = strip_html(text)
            suspect = True  # entities may have become odd spaces
            warnings.append("HTML remnants converted to text")
        except Exception:  # noqa: BLE001 - keep the raw text rather than fail
            warnings.append("HTML remnants could not be parsed: kept as text")
    text = unicodedata.normalize("NFC", text)  # (composition never makes a character clean_text acts on)
    if suspect or "  " in text:
        text = clean_text(text)
    lines = tuple(line for line in (part.strip() for part in text.split("\n")) if line)
    if not lines:
        raise Rejected("no text after normalisation")
    return Normalized(lines=lines, encoding=encoding, warnings=tuple(warnings))


# Controls that make a browser take a text/plain file for binary (and offer
# it as a download): every C0 control but tab and line feed, and DEL.
_NOT_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def received_text(data: bytes) -> str:
    """The raw file as received, only transcoded to Unicode (decode()) with
    line ends made "\\n" and controls dropped: the text the "Nguồn gốc"
    section links to (van-ban-goc.txt). No HTML is removed and nothing is
    normalised: it is what the scraper saved, to compare the post with."""
    text, _ = decode(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_PLAIN.sub("", text)

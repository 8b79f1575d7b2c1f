import unicodedata

import pytest

from rawnews.model import Rejected
from rawnews.normalize import normalize

TEXT = "Nâng cao hiệu quả công tác nhân quyền\n\nSáng ngày 10/5/2023, Ban Chỉ đạo họp."


def test_utf8_lines_are_kept_in_order():
    result = normalize(TEXT.encode("utf-8"))
    assert result.lines == ("Nâng cao hiệu quả công tác nhân quyền", "Sáng ngày 10/5/2023, Ban Chỉ đạo họp.")
    assert result.encoding == "utf-8"


def test_bom_crlf_and_nfd_give_the_same_lines():
    variant = "\ufeff" + unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n")
    assert normalize(variant.encode("utf-8")).lines == normalize(TEXT.encode("utf-8")).lines


def cp1258(text: str) -> bytes:
    """Encode as legacy Windows-1258: base letters plus combining tone marks."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            # cp1258 has precomposed â ê ô ơ ư ă but tones as combining marks.
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            tones = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
            out += head.encode("cp1258") + tones.encode("cp1258")
    return out


def test_cp1258_is_decoded_to_nfc():
    data = cp1258("Hội nghị tập huấn")
    result = normalize(data)
    assert result.lines == ("Hội nghị tập huấn",)
    assert result.encoding == "cp1258"
    assert any("cp1258" in w for w in result.warnings)


def test_html_remnants_become_plain_paragraphs():
    data = "<p>Tiêu đề&nbsp;bài</p><p>Đoạn &quot;một&quot;<br>Đoạn hai</p>".encode()
    assert normalize(data).lines == ("Tiêu đề bài", 'Đoạn "một"', "Đoạn hai")


def test_invisible_and_control_characters_are_removed():
    data = "Tin\u200b tức\u00a0mới\x07 hôm nay".encode()
    assert normalize(data).lines == ("Tin tức mới hôm nay",)


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\t\n", "empty"), (bytes(range(256)) * 40, "binary")])
def test_non_text_is_rejected_with_a_reason(data, reason):
    with pytest.raises(Rejected, match=reason):
        normalize(data)

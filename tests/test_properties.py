"""Property-based tests: any bytes into the converter, any Article into emit.

- convert() raises nothing but Rejected, whatever the bytes;
- a post from emit() reads back with Pelican's own MarkdownReader (the
  project's MARKDOWN settings) with the same metadata, and its body and
  summary render to HTML that is exactly the text: paragraphs, nothing else.

"Same" means after the documented normalisation of a metadata value: control
characters dropped, whitespace runs made one space; in list items `;` made
`,` and `& < >` their look-alikes `＆ ‹ ›` (an entity's `;` would split the
list); list items and categories without a letter or digit left out.
"""

from __future__ import annotations

import html
import locale
import re
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings, strategies as st
from lxml import html as lxml_html

from conftest import ROOT
from vnarchive.rawnews.convert import convert
from vnarchive.rawnews.emit import UNKNOWN_DATE, UNTITLED, emit, escape_markdown, has_url_name
from vnarchive.rawnews.model import PRECISIONS, Article, Credits, PartialDate, RawFile, Rejected
from vnarchive.rawnews.slug import is_safe_slug

# No example database (nothing written into the checkout); a failure prints the blob that replays it.
PROPERTY = settings(max_examples=150, deadline=None, database=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
LOOKALIKES = str.maketrans({";": ",", "&": "＆", "<": "‹", ">": "›"})
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.fixture(scope="module")
def reader():
    """Pelican's MarkdownReader with the project's settings (pelicanconf.py)."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    saved = locale.setlocale(locale.LC_ALL)
    try:
        configured = read_settings(str(ROOT / "pelicanconf.py"), override={"PLUGINS": [], "CACHE_CONTENT": False})
    finally:
        locale.setlocale(locale.LC_ALL, saved)  # Pelican sets LOCALE; keep UTF-8 for the others
    folder = tempfile.TemporaryDirectory(prefix="rawnews-props-")
    path = Path(folder.name) / "post.md"

    def read(text: str):
        path.write_text(text, encoding="utf-8")
        return MarkdownReader(configured).read(str(path))

    yield read
    folder.cleanup()


def norm(text: str) -> str:
    return " ".join(_NOT_TEXT.sub("", text).split())


_BLOCK_TAGS = {"p": ("p", None), "caption": ("p", "caption"), "h": ("h3", None)}  # a body block's kind -> (tag, class)


def _blocks(fragment: str) -> list[tuple[str, str]]:
    """(kind, text) of the top-level elements of an HTML fragment: each a
    <p>, a <p class="caption"> or an <h3>, with no markup inside."""
    if not fragment.strip():
        return []
    root = lxml_html.fragment_fromstring(f"<div>{fragment}</div>")
    assert root.text is None or not root.text.strip(), fragment
    found = []
    for element in root:
        kinds = [kind for kind, (tag, cls) in _BLOCK_TAGS.items() if element.tag == tag and element.get("class") == cls]
        assert kinds, fragment
        assert len(element) == 0, f"markup inside a block: {fragment}"
        found.append((kinds[0], " ".join(element.text_content().split())))
    return found


def _paragraph_texts(fragment: str) -> list[str]:
    """Texts of the top-level elements of an HTML fragment, which must all be <p>."""
    blocks = _blocks(fragment)
    assert all(kind == "p" for kind, _ in blocks), fragment
    return [text for _, text in blocks]


def check_round_trip(article: Article, read) -> None:
    """emit(article) read back by Pelican says what the article says."""
    content, meta = read(emit(article))
    assert html.unescape(meta["title"]) == (norm(article.title) or UNTITLED)
    assert meta["slug"] == article.slug
    date = article.date.iso()[:10] if meta.get("date_precision") != "unknown" else UNKNOWN_DATE
    assert meta["date"].date().isoformat() == date
    if meta["date_precision"] != "unknown":
        assert meta["date_precision"] == article.date.precision
    assert html.unescape(meta.get("source", "")) == norm(article.source)

    def items(values):
        return list(dict.fromkeys(norm(v.translate(LOOKALIKES)) for v in values if norm(v) and has_url_name(norm(v))))

    assert [html.unescape(t.name) for t in meta.get("tags", [])] == items(article.tags)
    assert [html.unescape(a.name) for a in meta.get("authors", [])] == items(article.credits.authors)
    for key, values in (("photographers", article.credits.photographers), ("outlets", article.credits.sources)):
        got = [html.unescape(v.strip()) for v in meta.get(key, "").split(";") if v.strip()]
        assert got == items(values)
    category = norm(article.category)
    if category and has_url_name(category):
        assert html.unescape(meta["category"].name) == category
    else:
        assert "category" not in meta
    # Body and summary: exactly the text, as paragraphs, nothing interpreted.
    kinds = article.kinds or ("p",) * len(article.paragraphs)
    assert _blocks(content) == [(kind, norm(p)) for p, kind in zip(article.paragraphs, kinds) if norm(p)]
    assert _paragraph_texts(meta.get("summary", "")) == ([norm(article.lead)] if norm(article.lead) else [])


# -- random bytes into the converter ------------------------------------------------

LINES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "# tiêu đề", "* mục", "1. mục",
    "| a | b |", "---", "```", "{{ 7*7 }}", "{% if x %}", "Title: giả", "Date: 2020-01-01", "Slug: ../../etc", "&amp; &lt;",
    "Trang chủ > Thời sự > ???", "Tác giả: Lan Anh", "Theo TTXVN", "Ngày 10/5/2023, tin mới.", "\\", "_a_ *b* `c`",
    "Nâng cao hiệu quả công tác nhân quyền trên địa bàn tỉnh Kon Tum", "A- A A+", "Tin liên quan", "./.",
]
vietnamese = st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?-/()\"'" + "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ", max_size=120)
line = st.one_of(st.sampled_from(LINES), vietnamese, st.text(max_size=80))
text_file = st.lists(line, max_size=12).map("\n".join)
encoded = st.one_of(
    text_file.map(lambda t: t.encode("utf-8", "surrogatepass")),
    text_file.map(lambda t: t.encode("utf-16", "surrogatepass")),
    text_file.map(lambda t: t.encode("cp1258", "replace")),
    st.tuples(text_file, st.binary(max_size=40)).map(lambda p: p[0].encode("utf-8", "surrogatepass") + p[1]),
)


@PROPERTY
@given(data=st.one_of(st.binary(max_size=3000), encoded), name=st.text(min_size=1, max_size=40))
def test_convert_never_raises_but_rejected_and_its_post_reads_back(reader, data, name):
    try:
        article = convert(RawFile(name, data))
    except Rejected as error:
        assert str(error)
        event("rejected")
        return
    event("converted")
    assert is_safe_slug(article.slug)
    check_round_trip(article, reader)


# -- any Article into emit ---------------------------------------------------------------

any_text = st.text(max_size=60)
some_texts = st.lists(any_text, max_size=5).map(tuple)
dates = st.builds(
    PartialDate,
    year=st.none() | st.integers(-10, 12000),
    month=st.none() | st.integers(-1, 14),
    day=st.none() | st.integers(-1, 33),
    hour=st.none() | st.integers(-1, 25),
    minute=st.none() | st.integers(-1, 61),
    precision=st.sampled_from(PRECISIONS + ("bogus",)),
    evidence=any_text,
)
slugs = st.one_of(st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,40}[a-z0-9]\Z"), any_text)
articles = st.builds(
    Article,
    source=st.text(min_size=1, max_size=60),
    source_id=any_text,
    title=st.text(max_size=120),
    title_source=st.sampled_from(("text", "derived")),
    lead=st.text(max_size=200),
    paragraphs=st.lists(st.one_of(st.text(max_size=200), st.sampled_from(LINES)), max_size=6).map(tuple),
    date=dates,
    credits=st.builds(Credits, authors=some_texts, photographers=some_texts, sources=some_texts, evidence=any_text),
    tags=some_texts,
    category=any_text,
    slug=slugs,
    original_url=st.one_of(any_text, st.sampled_from(["https://vi-du.invalid/a?b=\"><script>", "javascript:alert(1)", "http://x"])),
    encoding=any_text,
)


@PROPERTY
@given(article=articles)
def test_emit_of_any_article_raises_only_rejected_and_reads_back(reader, article):
    try:
        emit(article)
    except Rejected as error:
        assert not is_safe_slug(article.slug), error
        return
    assert is_safe_slug(article.slug)
    check_round_trip(article, reader)


@PROPERTY
@given(article=articles)
def test_original_url_is_http_and_cannot_leave_an_attribute(reader, article):
    assume(is_safe_slug(article.slug))
    _, meta = reader(emit(article))
    url = meta.get("original_url")
    if url is not None:
        assert url.startswith(("http://", "https://"))
        assert not set(url) & set("\"'<> \\`")


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.one_of(st.text(max_size=300), st.lists(st.sampled_from(LINES), max_size=4).map(" ".join)))
def test_escaped_text_renders_as_exactly_that_text(text):
    import markdown

    from vnarchive.rawnews import emit as emit_module

    rendered = markdown.markdown(escape_markdown(text), output_format="html5")
    assert _paragraph_texts(rendered) == ([norm(text)] if norm(text) else [])
    assert emit_module.plain_line(text) == norm(text)

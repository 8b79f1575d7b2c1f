"""Hostile and broken input (issue 7): every input accounted for, nothing
interpreted, nothing written outside content/ and output/.

The corpus is tests/data/hostile/ plus the cases tests/data/make_hostile.py
generates (binary, huge, links, FIFO, odd names). One site is built from it
with Pelican and the project's settings; most tests read that build.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import locale
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from conftest import ROOT, build_site, copy_seeds
from vnarchive.rawnews import pipeline, worker
from vnarchive.rawnews.worker import MapTask
from vnarchive.rawnews.cli import main as cli_main
from vnarchive.rawnews.slug import is_safe_slug

sys.path.insert(0, str(Path(__file__).parent / "data"))
import make_hostile  # noqa: E402

STATUSES = {"converted", "kept", "duplicate", "failed", "ignored"}


def _tree(root: Path) -> dict[str, str]:
    """Every entry under root (links not followed) -> a digest of what it is."""
    entries = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder, name)
            rel = os.fsencode(path.relative_to(root)).decode("utf-8", "backslashreplace")
            if path.is_symlink():
                entries[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                entries[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                entries[rel] = "other"
    return entries


def _inputs(raw: Path) -> set[str]:
    """What the report must name, listed independently of the converter:
    every file or link under raw, hidden folders and linked folders as one
    entry each (not entered), manifest.csv apart."""
    found = set()
    for folder, dirs, names in os.walk(raw):
        for name in list(dirs):
            path = Path(folder, name)
            if path.is_symlink() or name.startswith("."):
                found.add(os.fsencode(path.relative_to(raw)).decode("utf-8", "backslashreplace"))
                dirs.remove(name)
        for name in names:
            found.add(os.fsencode(Path(folder, name).relative_to(raw)).decode("utf-8", "backslashreplace"))
    found.discard("manifest.csv")
    return found


@functools.cache
def hostile_build() -> dict:
    """The hostile corpus built into a site, once per test run (the browser
    test reuses it); the whole folder and the working folder are watched."""
    base = Path(tempfile.mkdtemp(prefix="rawnews-hostile-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    raw = base / "raw"
    expected = make_hostile.build(raw)
    work = base / "cwd"
    work.mkdir()
    raw_before = _tree(raw)
    outside_before = _tree(raw.parent / f"{raw.name}-outside")
    cwd, saved_locale = os.getcwd(), locale.setlocale(locale.LC_ALL)
    os.chdir(work)  # anything written to a relative path would land here
    try:
        started = time.monotonic()
        output = build_site(base, raw, CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
        seconds = time.monotonic() - started
    finally:
        os.chdir(cwd)
        # Pelican sets LOCALE ("C"): later tests must keep the UTF-8 default encoding.
        locale.setlocale(locale.LC_ALL, saved_locale)
    content = base / "content"
    report = json.loads((content / ".rawnews" / "report.json").read_text(encoding="utf-8"))
    return {
        "base": base, "raw": raw, "content": content, "output": output, "report": report,
        "expected": expected, "seconds": seconds, "work": work,
        "raw_before": raw_before, "outside_before": outside_before,
        "by_source": {entry["source"]: entry for entry in report["files"]},
    }


@pytest.fixture
def hostile():
    return hostile_build()


def _post(hostile, source: str) -> tuple[dict[str, str], str]:
    entry = hostile["by_source"][source]
    text = (hostile["content"] / entry["output"]).read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    return dict(line.split(": ", 1) for line in head.splitlines()), body


def _page(hostile, source: str):
    slug = hostile["by_source"][source]["output"][:-3]
    return lxml_html.fromstring((hostile["output"] / "bai" / slug / "index.html").read_bytes())


# -- every input ends as exactly one thing ------------------------------------

def test_every_input_gets_its_expected_status_and_reason(hostile):
    by_source = hostile["by_source"]
    for name, (status, word) in hostile["expected"].items():
        entry = by_source.get(name)
        assert entry is not None, f"{name!r} missing from the report"
        assert entry["status"] == status, (name, entry)
        said = " ".join([entry.get("reason", ""), entry.get("duplicate_of", ""), entry.get("encoding", ""), *entry["warnings"]])
        assert word in said, (name, entry)
        if status in ("failed", "ignored", "duplicate"):
            assert entry.get("reason"), f"{name!r} has no reason"


def test_report_names_each_input_once_and_counts_add_up(hostile):
    report = hostile["report"]
    sources = [entry["source"] for entry in report["files"]]
    assert len(sources) == len(set(sources))
    assert set(sources) == _inputs(hostile["raw"]) == set(hostile["expected"])
    assert report["inputs"] == len(sources) == sum(report["counts"].values())
    assert set(report["counts"]) <= STATUSES


def test_one_post_per_published_input_and_duplicates_name_a_published_post(hostile):
    entries = hostile["report"]["files"]
    published = {e["source"]: e["output"] for e in entries if e["status"] in ("converted", "kept")}
    posts = {p.name for p in hostile["content"].glob("*.md")}
    assert posts == set(published.values()) and len(posts) == len(published)
    for entry in entries:
        if entry["status"] == "duplicate":
            assert entry["duplicate_of"] in published, entry
    pages = {p.parent.name for p in (hostile["output"] / "bai").glob("*/index.html")}
    assert pages == {name[:-3] for name in posts}


def test_near_duplicates_say_how_close_they_are_and_different_articles_stay_apart(hostile):
    by_source = hostile["by_source"]
    assert by_source["dup-b-identical.txt"]["reason"] == "same text as dup-a-original.txt"
    near = by_source["dup-e-near-trailing.txt"]["reason"]
    assert re.fullmatch(r"nearly the same text as dup-a-original\.txt: \d+% of its 5-word sequences shared", near)
    # Same title, same date, different text: two posts with two URLs.
    hue, cantho = by_source["same-title-date-hue.txt"], by_source["same-title-date-cantho.txt"]
    assert hue["status"] == cantho["status"] == "converted" and hue["output"] != cantho["output"]
    assert _post(hostile, "same-title-date-hue.txt")[0]["Title"] == _post(hostile, "same-title-date-cantho.txt")[0]["Title"]


def test_the_build_takes_seconds_not_minutes(hostile):
    # 1 MB line, 2 MB of binary cases, ~50 inputs, the whole Pelican build.
    assert hostile["seconds"] < 30


# -- nothing outside content/ and output/ --------------------------------------

def test_nothing_is_written_outside_content_and_output(hostile):
    base = hostile["base"]
    assert _tree(hostile["raw"]) == hostile["raw_before"]
    assert _tree(base / "raw-outside") == hostile["outside_before"]
    assert not any(hostile["work"].iterdir()), "files appeared in the working folder"
    top = {p.name for p in base.iterdir()}
    assert top == {"raw", "raw-outside", "cwd", "content", "output"}
    assert not list(base.rglob("PWNED")) and not (base / "x").exists()


def test_symbolic_links_are_not_followed(hostile):
    for folder in (hostile["content"], hostile["output"]):
        for path in folder.rglob("*"):
            if path.is_file():
                assert make_hostile.SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_hostile_titles_give_safe_slugs(hostile):
    names = sorted(p.name for p in hostile["content"].glob("*.md"))
    assert all(is_safe_slug(name[:-3]) and len(name) <= 83 for name in names), names
    by_source = hostile["by_source"]
    assert by_source["slug-path-traversal.txt"]["output"] == "etc-passwd.md"
    assert re.fullmatch(r"index-[0-9a-f]{8}\.md", by_source["slug-reserved-index.txt"]["output"])
    assert re.fullmatch(r"bai-[0-9a-f]{16}\.md", by_source["slug-empty.txt"]["output"])
    assert re.fullmatch(r"bai-[0-9a-f]{16}\.md", by_source["slug-no-latin.txt"]["output"])
    assert len(by_source["slug-500-chars.txt"]["output"]) <= 83
    assert not (hostile["base"] / "etc").exists() and not (hostile["output"].parent / "etc").exists()


def test_a_tampered_state_cannot_write_or_remove_outside_dest(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    dest = tmp_path / "posts"
    pipeline.convert_folder(raw, dest, jobs=1)
    victim = tmp_path / "victim.md"
    victim.write_text("không được xoá", encoding="utf-8")
    state_path = dest / ".rawnews" / "state.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    state["slugs"] = {source: "../../evil" for source in state["slugs"]}
    state["outputs"]["../victim.md"] = hashlib.sha256(victim.read_bytes()).hexdigest()
    state["files"] = {}
    state_path.write_text(json.dumps(state), encoding="utf-8")
    pipeline.convert_folder(raw, dest, jobs=1)
    assert victim.exists()
    assert not list(tmp_path.rglob("evil*"))
    assert all(is_safe_slug(p.stem) for p in dest.glob("*.md")) and len(list(dest.glob("*.md"))) == 2


# -- markup is shown, never interpreted ---------------------------------------

LITERAL = [
    '"></title><script>alert("XSS-TIEUDE")</script>',
    '<svg onload=alert("XSS-SVG")></svg>',
    "<iframe src=\"javascript:alert('XSS-IFRAME')\"></iframe>",
    '[bấm vào đây](javascript:alert("XSS-MDLINK"))',
    '<javascript:alert("XSS-AUTOLINK")>',
    '"><script>alert("XSS-ATTR")</script>',
    "</textarea><style>body{display:none}</style>",
]
MARKDOWN_LITERAL = [
    "# Không phải tiêu đề cấp một", "* không phải danh sách", "- cũng không phải danh sách", "+ vẫn không phải danh sách",
    "1. không phải danh sách đánh số", "2) cũng không phải", "> không phải trích dẫn",
    "[liên kết](https://vi-du.invalid/) và ![ảnh](https://vi-du.invalid/a.png) và [tham chiếu][1]",
    "[1]: https://vi-du.invalid/dinh-nghia", "`mã nguồn` và ```khối mã``` và **chữ đậm** và __chữ đậm__ và *nghiêng* và _nghiêng_ và ~~gạch~~",
    "| cột một | cột hai |", "|---|---|", "---", "***", "___", "===", "bốn dấu cách đầu dòng",
    "Dòng có dấu gạch chéo ngược \\ và \\* ở giữa.",
]
JINJA_LITERAL = ["{{ 7*7 }}", "{{ config.items() }}", "{% for x in range(3) %}LẶP{% endfor %}", "{# chú thích #}",
                 "Slug: ../../etc/passwd", "Template: ../../../etc/passwd", "Save_as: ../../thoat-ra-ngoai.html",
                 'Summary: <script>alert("XSS-META-SUMMARY")</script>']


def _text(element) -> str:
    return " ".join(element.text_content().split())


# The SVG the build draws (archives/chart.py, places/svgmap.py): its text is
# numbers, dates and the province names of places.txt, never raw text.
THEME_SVG = {"count-chart", "vn-map"}
SVG_PARTS = {"svg", "title", "desc", "g", "a", "path", "rect", "line", "text", "circle"}


def _assert_inert(doc, where):
    """No element or attribute that came from the raw text can run anything."""
    for script in doc.iter("script"):
        code = script.text or ""
        if script.get("type") == "application/ld+json":  # data, not code: must parse and not end the element
            json.loads(code)
            assert "</" not in code and "<!--" not in code, where
        else:
            assert "XSS" not in code and "XSS" not in script.get("src", ""), where
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "svg":  # only the build's own drawings, made of shapes, text and links
            assert element.get("class") in THEME_SVG, (where, element.get("class"))
            assert {e.tag for e in element.iter() if isinstance(e.tag, str)} <= SVG_PARTS, where
        assert element.tag not in ("iframe", "math", "object", "embed", "foreignobject", "use"), (where, element.tag)
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (where, element.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (where, element.tag, name, value)


def test_markup_in_the_text_is_shown_literally_on_the_page(hostile):
    page = _page(hostile, "markup-script.txt")
    _assert_inert(page, "markup-script")
    main = _text(page.find(".//main"))
    for payload in LITERAL:
        assert payload in main, payload
    assert '"><script>alert("XSS-SAPO")</script>' in main
    assert page.find(".//title").text.startswith('"></title><script>alert("XSS-TIEUDE")</script>')
    assert page.find(".//h1").text_content() == '"></title><script>alert("XSS-TIEUDE")</script> Cảnh báo mã độc giả danh ngân hàng'


def _shown_as_plain_paragraph(page, line: str) -> bool:
    """line is the text of (part of) a <p> with no element inside: shown, not interpreted."""
    for paragraph in page.iter("p"):
        if line in " ".join(paragraph.text_content().split()):
            return len(paragraph) == 0
    return False


def test_markdown_jinja_and_metadata_lookalikes_are_shown_literally(hostile):
    markdown_page = _page(hostile, "markdown-syntax.txt")
    jinja_page = _page(hostile, "jinja-and-metadata.txt")
    for page in (markdown_page, jinja_page):
        _assert_inert(page, "page")
    for line in MARKDOWN_LITERAL:
        assert _shown_as_plain_paragraph(markdown_page, line), line
    for line in JINJA_LITERAL:
        assert _shown_as_plain_paragraph(jinja_page, line), line
    main = jinja_page.find(".//main")
    for digest in main.find_class("hash"):  # the raw file's sha256 (Nguồn gốc) may hold "49" by chance
        digest.getparent().remove(digest)
    text = _text(main)
    assert "49" not in text and "LẶPLẶP" not in text
    assert jinja_page.find(".//h1").text_content() == "Title: Tiêu đề giả mạo {{ SITENAME }}"
    meta, _ = _post(hostile, "jinja-and-metadata.txt")
    assert meta["Slug"] != "../../etc/passwd" and "Status" not in meta and "Template" not in meta and "Save_as" not in meta
    assert not (hostile["base"] / "thoat-ra-ngoai.html").exists() and not list(hostile["output"].rglob("thoat-ra-ngoai*"))


def test_html_remnants_become_plain_text_and_active_markup_stays_literal(hostile):
    page = _page(hostile, "markup-html-remnants.txt")
    _assert_inert(page, "remnants")
    text = _text(page.find(".//main"))
    assert "Đoạn văn cuối của bài viết này vẫn được giữ lại dưới dạng chữ thường." in text
    # Layout tags (<p>, <b>, <a>, <div>) are unwrapped; <script> and <img> are not
    # layout: they are shown as the literal text they are, never run.
    assert "<b>" not in text and "onmouseover" not in text and "XSS-HREF" not in text
    assert '<script>alert("XSS-REMNANT-SCRIPT")</script>' in text
    assert "onerror" in text and "XSS-IMG" in text


def test_feeds_carry_the_payloads_as_text_only(hostile):
    feeds = list((hostile["output"] / "feeds").rglob("*.xml"))
    assert feeds
    seen_title = False
    for feed in feeds:
        tree = etree.parse(str(feed))
        for node in tree.iter():
            if not isinstance(node.tag, str) or not node.text:
                continue
            local = etree.QName(node).localname
            if local == "title" and "XSS-TIEUDE" in node.text:
                seen_title = True
                assert node.text.startswith('"></title><script>alert("XSS-TIEUDE")</script>')
                assert node.get("type") in (None, "text")
            if local in ("summary", "content", "description") and node.text.strip():
                fragment = lxml_html.fragment_fromstring(node.text, create_parent="div")
                _assert_inert(fragment, feed.name)
    assert seen_title


def test_every_built_page_is_inert(hostile):
    for path in hostile["output"].rglob("*.html"):
        _assert_inert(lxml_html.fromstring(path.read_bytes()), path.relative_to(hostile["output"]))


# -- encodings, names, sizes ------------------------------------------------------

def test_mixed_encodings_keep_both_parts_readable(hostile):
    meta, body = _post(hostile, "mixed-encodings.txt")
    assert "Windows-1258" in body and "tiếng Việt, với dấu thanh tách rời" in body
    assert meta["Title"] == "Tệp trộn hai bảng mã"
    meta, body = _post(hostile, "truncated-utf8.txt")
    assert meta["Title"] == "Phố cổ Hội An được trùng tu" and "\ufffd" not in body


def test_odd_file_names_are_reported_as_they_are(hostile):
    meta, _ = _post(hostile, make_hostile.SHELL_NAME)
    assert meta["Source"] == make_hostile.SHELL_NAME.replace("&", "&amp;").replace(">", "&gt;")
    meta, _ = _post(hostile, make_hostile.LATIN1_REPORTED)
    assert meta["Source"] == make_hostile.LATIN1_REPORTED
    assert _post(hostile, "sub/nested/deep.txt")[0]["Source"] == "sub/nested/deep.txt"
    assert _post(hostile, "xuống\ndòng.txt")[0]["Source"] == "xuống dòng.txt"


def test_a_200_mb_file_is_rejected_by_its_size_without_being_read(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    pipeline.convert_folder(raw, tmp_path / "warm-up", jobs=1)  # imports and caches are not the file's cost
    make_hostile.write_huge(raw / make_hostile.HUGE_NAME)
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    seconds = time.monotonic() - started
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status[make_hostile.HUGE_NAME] == ("failed", f"file too large: {make_hostile.HUGE_BYTES} bytes (limit {pipeline.DEFAULT_MAX_BYTES})")
    assert sum(1 for s, _ in status.values() if s == "converted") == 2
    assert peak < 5 * 2**20, f"peak Python memory {peak / 2**20:.1f} MiB"
    assert seconds < 10


def test_a_file_that_grows_while_being_read_is_cut_at_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 5000)
    real_fstat = os.fstat

    def fstat_before_growth(fd):  # the size the file had a moment before it grew
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 100, *info[7:]))

    monkeypatch.setattr(worker.os, "fstat", fstat_before_growth)
    result = worker.map_one(MapTask(str(path), "growing.txt", {}, None, 1000))
    assert result == worker.Failed("file too large: more than 1000 bytes (limit 1000)")


def test_a_fifo_or_a_link_swapped_in_after_listing_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    assert worker.map_one(MapTask(str(fifo), "fifo.txt", {}, None, 1000)).reason == "not a regular file (a named pipe)"
    target = tmp_path / "target.txt"
    target.write_text("Tiêu đề bài\n\nNội dung bài viết đủ dài để chuyển đổi.\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert isinstance(worker.map_one(MapTask(str(link), "link.txt", {}, None, 10_000)), worker.Failed)


# -- unreadable files --------------------------------------------------------------

def test_an_unreadable_file_is_a_reported_failure(tmp_path):
    """chmod 000 for real. Root reads anything, so as root the conversion runs
    in a forked child that first becomes the unprivileged user `nobody`."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="rawnews-perm-"))  # outside root's 0700 pytest folder
    try:
        raw = copy_seeds(base / "raw")
        (raw / "locked.txt").write_text("Bài bị khoá\n\nKhông ai đọc được tệp này.\n", encoding="utf-8")
        (raw / "locked.txt").chmod(0)
        dest = base / "posts"
        dest.mkdir()
        if os.geteuid() == 0:
            pipeline.convert_folder(raw, base / "warm-up", jobs=1)  # import everything before dropping privileges
            nobody = 65534
            for folder in (base, raw):
                folder.chmod(0o755)
            os.chown(dest, nobody, nobody)
            status = _as_nobody(lambda: {e.source: (e.status, e.reason) for e in pipeline.convert_folder(raw, dest, jobs=1).entries}, nobody)
        else:
            status = {e.source: (e.status, e.reason) for e in pipeline.convert_folder(raw, dest, jobs=1).entries}
        assert status["locked.txt"] == ("failed", "cannot read: Permission denied")
        assert [s for s, _ in status.values()].count("converted") == 2
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


def test_a_read_error_is_reported_for_that_file_only(tmp_path, monkeypatch):
    """The same failure simulated (works as any user): the open itself is refused."""
    raw = copy_seeds(tmp_path / "raw")
    (raw / "locked.txt").write_text("Bài bị khoá\n\nKhông ai đọc được tệp này.\n", encoding="utf-8")
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(worker.os, "open", refusing_open)
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1)
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status["locked.txt"] == ("failed", "cannot read: Permission denied")
    assert result.counts() == {"converted": 2, "failed": 1}


def _as_nobody(function, uid: int):
    """function() run in a forked child with uid/gid `uid`; its JSON-able result."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            payload = json.dumps({"ok": function()})
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            payload, code = json.dumps({"error": f"{type(error).__name__}: {error}"}), 1
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            pipe.write(payload)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        data = json.loads(pipe.read() or '{"error": "no answer"}')
    os.waitpid(pid, 0)
    if "error" in data:
        if "Operation not permitted" in data["error"]:
            pytest.skip(f"cannot drop privileges to test permissions: {data['error']}")
        raise AssertionError(data["error"])
    return {k: tuple(v) for k, v in data["ok"].items()}


# -- a crash in one file or one worker ----------------------------------------------

def _small_corpus(raw: Path, count: int) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (raw / f"{index:03d}_{index:016x}.txt").write_text(
            f"Bản tin ngắn số {index} của huyện\n\nNgày {index % 28 + 1}/3/2024, huyện tổ chức sự kiện số {index} cho người dân.\n\nTác giả: Lan Anh\n",
            encoding="utf-8",
        )
    return raw


def _crashing_convert(victim: str, hard: bool):
    real = worker.convert

    def convert(raw, default_year=None):
        if raw.name == victim:
            if hard:
                os._exit(3)  # the worker process dies, as on a segfault or the OOM killer
            raise RuntimeError("lỗi giả lập")
        return real(raw, default_year)

    return convert


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_in_one_file_fails_only_that_file(tmp_path, monkeypatch, jobs):
    if jobs > 1:
        _needs_fork()
    count = pipeline.PARALLEL_THRESHOLD + 10 if jobs > 1 else 12
    raw = _small_corpus(tmp_path / "raw", count)
    victim = f"005_{5:016x}.txt"
    monkeypatch.setattr(worker, "convert", _crashing_convert(victim, hard=False))
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=jobs)
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status[victim] == ("failed", "converter error: RuntimeError: lỗi giả lập")
    assert result.counts() == {"converted": count - 1, "failed": 1}


def test_a_worker_process_that_dies_fails_only_its_file(tmp_path, monkeypatch):
    _needs_fork()
    count = pipeline.PARALLEL_THRESHOLD + 10
    raw = _small_corpus(tmp_path / "raw", count)
    victim = f"123_{123:016x}.txt"
    monkeypatch.setattr(worker, "convert", _crashing_convert(victim, hard=True))
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=2)
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status[victim][0] == "failed" and "converter process crashed" in status[victim][1]
    assert result.counts() == {"converted": count - 1, "failed": 1}


def _needs_fork():
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched converter reaches worker processes only when they are forked")


# -- exit codes and the manifest ------------------------------------------------------

def test_strict_makes_any_failure_a_non_zero_exit(tmp_path, capsys):
    raw = copy_seeds(tmp_path / "raw")
    assert cli_main(["convert", str(raw), str(tmp_path / "a"), "--strict", "-j", "1", "-q"]) == 0
    (raw / "empty.txt").write_bytes(b"")
    (raw / "notes.md").write_text("ghi chú", encoding="utf-8")
    assert cli_main(["convert", str(raw), str(tmp_path / "b"), "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "4 inputs: 2 converted, 1 failed, 1 ignored" in out
    assert cli_main(["convert", str(raw), str(tmp_path / "c"), "--strict", "-j", "1", "-q"]) == 1
    assert "1 inputs failed to convert (--strict)" in capsys.readouterr().err
    assert cli_main(["convert", str(tmp_path / "missing"), str(tmp_path / "d"), "-q"]) == 2
    (raw / "empty.txt").unlink()
    assert cli_main(["convert", str(raw), str(tmp_path / "e"), "--max-bytes", "1000", "--report", str(tmp_path / "e.json"), "-q"]) == 0
    report = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"failed": 2, "ignored": 1}
    assert all(f["reason"].startswith("file too large: ") for f in report["files"] if f["status"] == "failed")


def test_a_hostile_or_broken_manifest_never_stops_the_build(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    rows = [
        "file,url,published,crawled",
        '000_5b2ff6894bc9a89f.txt,"javascript:alert(""XSS-URL"")",,',
        '002_5b3ffb715fb0b6d8.txt,"https://vi-du.invalid/a?b=1&c=""><script>alert(1)</script>",,',
        "khong-co.txt,https://vi-du.invalid/x,,",
    ]
    (raw / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    dest = tmp_path / "posts"
    result = pipeline.convert_folder(raw, dest, jobs=1)
    assert result.counts() == {"converted": 2}
    urls = {}
    for post in dest.glob("*.md"):
        head = dict(line.split(": ", 1) for line in post.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines())
        urls[head["Source"]] = head.get("Original_url")
    assert urls["000_5b2ff6894bc9a89f.txt"] is None
    assert urls["002_5b3ffb715fb0b6d8.txt"] == "https://vi-du.invalid/a?b=1&c=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    # Not UTF-8, NUL bytes, no 'file' column: reported, and the posts still come.
    for junk, reason in ((b"file,url\n\xff\xfe\x00bad,\x00\n", "not valid UTF-8"), (b"\x89PNG\r\n\x1a\n\x00\x00", "no 'file' column")):
        (raw / "manifest.csv").write_bytes(junk)
        result = pipeline.convert_folder(raw, tmp_path / f"posts-{len(junk)}", jobs=1)
        status = {e.source: (e.status, e.reason) for e in result.entries}
        assert status["manifest.csv"][0] == "failed" and reason in status["manifest.csv"][1]
        assert [s for s, _ in status.values()].count("converted") == 2


def test_manifest_rows_that_match_no_file_are_reported(tmp_path, capsys):
    raw = copy_seeds(tmp_path / "raw")
    rows = ["file,url,published,crawled", "000_5b2ff6894bc9a89f.txt,https://vi-du.invalid/a,,",
            "khong-co.txt,https://vi-du.invalid/x,,", "2023/mat.txt,https://vi-du.invalid/y,,"]
    (raw / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli_main(["convert", str(raw), str(tmp_path / "posts"), "--report", str(tmp_path / "r.json"), "-j", "1"]) == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["manifest_unmatched"] == ["2023/mat.txt", "khong-co.txt"]
    assert report["counts"] == {"converted": 2}
    assert "2 manifest.csv rows name no file" in capsys.readouterr().err


def test_a_manifest_row_in_nfc_matches_a_file_named_in_nfd(tmp_path):
    import unicodedata

    raw = tmp_path / "raw"
    raw.mkdir()
    name = "Tin Đắk Lắk mới.txt"
    (raw / unicodedata.normalize("NFD", name)).write_bytes((ROOT / "seeds" / "000_5b2ff6894bc9a89f.txt").read_bytes())
    (raw / "manifest.csv").write_text(f"file,url,published,crawled\n{unicodedata.normalize('NFC', name)},https://vi-du.invalid/dak-lak,,\n", encoding="utf-8")
    dest = tmp_path / "posts"
    result = pipeline.convert_folder(raw, dest, jobs=1)
    assert result.counts() == {"converted": 1} and not result.manifest_unmatched
    (post,) = dest.glob("*.md")
    assert "Original_url: https://vi-du.invalid/dak-lak" in post.read_text(encoding="utf-8")
    assert "manifest_unmatched" not in json.loads((dest / ".rawnews" / "report.json").read_text(encoding="utf-8"))


def test_subfolders_are_read_and_hidden_ones_reported(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    (raw / "2023" / "05").mkdir(parents=True)
    (raw / "2023" / "05" / "tin.txt").write_text("Tin trong thư mục con\n\nNgày 1/5/2023, một bản tin nằm sâu hai cấp thư mục.\n", encoding="utf-8")
    (raw / ".cache").mkdir()
    (raw / ".cache" / "x.txt").write_text("bỏ qua", encoding="utf-8")
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1)
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status["2023/05/tin.txt"][0] == "converted"
    assert status[".cache"] == ("ignored", "hidden folder, not read")
    assert ".cache/x.txt" not in status


def test_a_pelican_build_with_bad_inputs_exits_0_and_logs_each_failure(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image-png.txt").write_bytes(make_hostile.png_bytes())
    os.mkfifo(raw / "fifo.txt")
    (tmp_path / "content").mkdir()  # as `make html` does
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("pelican")), str(tmp_path / "content"), "-o", str(tmp_path / "output"),
         "-s", str(ROOT / "pelicanconf.py"), "--cache-path", str(tmp_path / "cache")],
        env={**os.environ, "RAWNEWS_SOURCE": str(raw), "COLUMNS": "400"}, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    log = " ".join((proc.stdout + proc.stderr).split())
    for name, reason in (("empty.txt", "empty file"), ("image-png.txt", "binary file, not text"), ("fifo.txt", "not a regular file (a named pipe)")):
        assert f"rawnews: {name} not converted: {reason}" in log
    assert len(list((tmp_path / "output" / "bai").glob("*/index.html"))) == 2


def test_a_folder_that_cannot_be_listed_is_a_reported_failure(tmp_path, monkeypatch):
    raw = copy_seeds(tmp_path / "raw")
    (raw / "khoa").mkdir()
    (raw / "khoa" / "tin.txt").write_text("Tin\n\nNội dung.\n", encoding="utf-8")
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        if not isinstance(path, int) and os.fspath(path).endswith("khoa"):  # (shutil.rmtree lists by descriptor)
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)  # what os.walk lists folders with
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1)
    status = {e.source: (e.status, e.reason) for e in result.entries}
    assert status["khoa"] == ("failed", "cannot list folder: Permission denied")
    assert result.counts() == {"converted": 2, "failed": 1}

"""The shared helpers (vnarchive/common): one implementation each."""

from __future__ import annotations

from types import SimpleNamespace

from vnarchive.common.dates import precision_of
from vnarchive.common.text import fold, plain_text, strip_tags


def test_precision_is_checked():
    assert precision_of(SimpleNamespace(date_precision="month")) == "month"
    assert precision_of(SimpleNamespace(date_precision=" Year ")) == "year"
    assert precision_of(SimpleNamespace(date_precision="bogus")) == "day"
    assert precision_of(SimpleNamespace(date_precision=None)) == "day"
    assert precision_of(SimpleNamespace()) == "day"


def test_plain_text_from_html():
    assert strip_tags("<p>Cà phê &amp; hồ\ntiêu</p>") == " Cà phê & hồ\ntiêu "
    assert plain_text("<p>Cà phê &amp; hồ\ntiêu</p><p>x</p>") == "Cà phê & hồ tiêu x"
    assert plain_text("a<br>b") == "a b"  # a tag keeps the words apart
    assert plain_text("&amp;lt;") == "&lt;"  # entities decoded once
    assert plain_text(None) == strip_tags(None) == ""


def test_fold_drops_every_mark_and_the_stroke():
    assert fold("Đắk Lắk") == "Dak Lak"
    assert fold("Nguyễn Thị Ánh") == "Nguyen Thi Anh"
    assert fold("한") == "한"  # recomposed: only marks are dropped


def test_one_cpu_count_for_every_plugin(monkeypatch):
    import os

    from vnarchive.common import workers

    assert workers.cpu_count() == len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # a container or taskset narrows it
    assert workers.cpu_count() == 1


def test_process_pools_fork():
    import os

    from vnarchive.common.workers import process_pool

    with process_pool(1) as pool:
        assert pool._mp_context.get_start_method() == "fork"
        assert pool.submit(os.getppid).result() == os.getpid()


def test_a_state_file_reads_as_empty_unless_whole_and_of_its_version(tmp_path):
    from vnarchive.common.statefile import load_versioned

    path = tmp_path / "state.json"
    assert load_versioned(None, 1) == {} and load_versioned(path, 1) == {}  # no path, no file
    path.write_text('{"version": 1, "files": {"a": 1}}', encoding="utf-8")
    assert load_versioned(path, 1) == {"version": 1, "files": {"a": 1}}
    assert load_versioned(path, 2) == {}  # another version's state is not trusted
    path.write_text('{"version": 1, "files": ', encoding="utf-8")  # cut by a crash
    assert load_versioned(path, 1) == {}
    path.write_text("[1]", encoding="utf-8")
    assert load_versioned(path, 1) == {}

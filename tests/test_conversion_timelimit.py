"""The per-file time limit: a file that takes too long is reported, the rest
convert, in this process (-j 1) and in worker processes; the setting flows
from the CLI and RAWNEWS; where it cannot be enforced nothing breaks."""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from vnarchive import rawnews
from vnarchive.rawnews import cli, pipeline, timelimit, worker
from vnarchive.rawnews.convert import convert as real_convert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate_corpus  # noqa: E402


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    generate_corpus.generate(folder, 6, seed=21, clean=True)
    for index, path in enumerate(sorted(folder.glob("*.txt"))):
        path.rename(folder / f"{'slow' if index == 2 else 'ok'}{index}.txt")
    return folder


def _slow_for(marker: str, mode: str = "sleep"):
    def convert(raw_file, default_year=None):
        if marker in raw_file.name:
            if mode == "sleep":
                time.sleep(30)
            elif mode == "regex":  # catastrophic backtracking inside the re engine (C code)
                re.match(r"(a+)+$", "a" * 60 + "b")
            else:  # a busy Python loop, as a runaway extraction would be
                while True:
                    pass
        return real_convert(raw_file, default_year)
    return convert


def _entries(result) -> dict:
    return {entry.source: entry for entry in result.entries}


@pytest.mark.parametrize("mode", ["sleep", "busy", "regex"])
def test_a_slow_file_is_reported_and_the_rest_convert_in_process(raw, tmp_path, monkeypatch, mode):
    monkeypatch.setattr(worker, "convert", _slow_for("slow", mode))
    handler = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1, timeout=0.3, report_path=tmp_path / "report.json")
    assert time.monotonic() - started < 10
    entries = _entries(result)
    assert entries["slow2.txt"].status == "failed"
    assert entries["slow2.txt"].reason == "took longer than 0.3 s to convert (time limit per file)"
    assert sorted(e.status for name, e in entries.items() if name != "slow2.txt") == ["converted"] * 5
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {"source": "slow2.txt", "status": "failed"}.items() <= next(f for f in report["files"] if f["source"] == "slow2.txt").items()
    # The handler and the timer are as they were.
    assert signal.getsignal(signal.SIGALRM) is handler and not timelimit.usable()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    # Not remembered as failed for good: tried again on the next run (it may succeed then).
    monkeypatch.setattr(worker, "convert", real_convert)
    again = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1, timeout=0.3)
    assert _entries(again)["slow2.txt"].status == "converted"
    assert again.converted == 1


def test_a_slow_file_in_a_worker_process(raw, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(worker, "convert", _slow_for("slow"))  # (the forked workers inherit it)
    started = time.monotonic()
    result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=2, timeout=0.3)
    assert time.monotonic() - started < 15
    entries = _entries(result)
    assert entries["slow2.txt"].status == "failed" and "took longer than 0.3 s" in entries["slow2.txt"].reason
    assert sum(e.status == "converted" for e in entries.values()) == 5


def test_no_limit_when_zero_and_a_file_within_its_time(raw, tmp_path, monkeypatch):
    calls = []

    def slowish(raw_file, default_year=None):
        if "slow" in raw_file.name:
            time.sleep(0.3)
            calls.append(raw_file.name)
        return real_convert(raw_file, default_year)

    monkeypatch.setattr(worker, "convert", slowish)
    result = pipeline.convert_folder(raw, tmp_path / "a", jobs=1, timeout=0)
    assert _entries(result)["slow2.txt"].status == "converted"
    result = pipeline.convert_folder(raw, tmp_path / "b", jobs=1, timeout=5)
    assert _entries(result)["slow2.txt"].status == "converted"
    assert calls == ["slow2.txt", "slow2.txt"]


@pytest.mark.parametrize("bad", [-1, "soon", float("nan")])
def test_a_bad_limit_stops_the_run(raw, tmp_path, bad):
    with pytest.raises(pipeline.ConversionError, match="time limit per file"):
        pipeline.convert_folder(raw, tmp_path / "posts", jobs=1, timeout=bad)


def test_the_cli_and_the_plugin_setting_pass_the_limit(raw, tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "convert_folder", lambda *args, **kw: seen.append(kw["timeout"]) or pipeline.Result([], 0, 0, 0))
    assert cli.main(["convert", str(raw), str(tmp_path / "p"), "-q", "--timeout", "2.5"]) == 0
    assert cli.main(["convert", str(raw), str(tmp_path / "p"), "-q"]) == 0
    assert seen == [2.5, pipeline.DEFAULT_TIMEOUT]
    assert rawnews.plugin_settings({})["TIMEOUT"] == pipeline.DEFAULT_TIMEOUT
    assert rawnews.plugin_settings({"RAWNEWS": {"TIMEOUT": 3}})["TIMEOUT"] == 3


def test_off_the_main_thread_files_convert_without_a_limit(raw, tmp_path, monkeypatch):
    """(As on Dask's worker threads: no signal can be handled there.)"""
    monkeypatch.setattr(worker, "convert", _slow_for("never"))
    results = []
    thread = threading.Thread(target=lambda: results.append(pipeline.convert_folder(raw, tmp_path / "posts", jobs=1, timeout=0.3)))
    thread.start()
    thread.join(60)
    assert results and all(e.status == "converted" for e in results[0].entries)


def test_a_host_alarm_is_left_alone(raw, tmp_path, monkeypatch):
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        monkeypatch.setattr(worker, "convert", _slow_for("never"))
        result = pipeline.convert_folder(raw, tmp_path / "posts", jobs=1, timeout=0.3)
        assert all(e.status == "converted" for e in result.entries)
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < remaining <= 30 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

"""One conversion at a time per content folder (rawnews/lock.py), tested with
two processes: a second run waits, then stops with one line (exit 2), and
never touches the first run's staging folder; a lock left by a dead process
is taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_seeds
from vnarchive.rawnews import files, lock, pipeline
from vnarchive.rawnews.errors import ConversionError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or lock.fcntl is None, reason="needs fork and flock")


def _paused_conversion(raw: Path, dest: Path) -> tuple[int, int, int]:
    """A conversion in a forked child, paused just before it puts its first
    post in place: (pid, read end that says it paused, write end that resumes it)."""
    paused_r, paused_w = os.pipe()
    resume_r, resume_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(paused_r)
            os.close(resume_w)

            def pause(step: str) -> None:
                if step == "place":
                    files.before_write = None
                    os.write(paused_w, b"x")
                    os.read(resume_r, 1)

            files.before_write = pause
            pipeline.convert_folder(raw, dest, jobs=1)
            code = 0
        finally:
            os._exit(code)
    os.close(paused_w)
    os.close(resume_r)
    assert os.read(paused_r, 1) == b"x"
    return pid, paused_r, resume_w


def test_a_second_run_waits_then_refuses_and_leaves_the_first_runs_staging_alone(tmp_path, monkeypatch):
    raw = copy_seeds(tmp_path / "raw")
    dest = tmp_path / "posts"
    pid, paused, resume = _paused_conversion(raw, dest)
    try:
        staging = dest / ".rawnews" / "staging" / str(pid)
        staged = sorted(staging.iterdir())
        assert staged
        monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
        with pytest.raises(ConversionError, match=rf"another conversion \(process {pid}\) is writing to .*posts; try again"):
            pipeline.convert_folder(raw, dest, jobs=1)
        proc = subprocess.run([sys.executable, "-c", "import sys; from vnarchive.rawnews import cli, lock; lock.WAIT_SECONDS = 0.2; sys.exit(cli.main())",
                               "convert", str(raw), str(dest), "-q"],
                              env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}, capture_output=True, text=True, timeout=60)
        lines = proc.stderr.strip().splitlines()  # (a note that it waits, then why it stops)
        assert proc.returncode == 2 and all(line.startswith("rawnews: ") for line in lines), proc.stderr
        assert lines[-1].startswith(f"rawnews: another conversion (process {pid}) is writing to ")
        assert sorted(staging.iterdir()) == staged  # nothing of the live run was removed
    finally:
        os.write(resume, b"x")
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    report = json.loads((dest / ".rawnews" / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"converted": 2}
    again = pipeline.convert_folder(raw, dest, jobs=1)  # the lock is free again
    assert again.written == 0 and again.counts() == {"converted": 2}


def test_a_run_waits_for_one_that_finishes(tmp_path, monkeypatch):
    raw = copy_seeds(tmp_path / "raw")
    dest = tmp_path / "posts"
    pid, paused, resume = _paused_conversion(raw, dest)
    waiting = subprocess.Popen([sys.executable, "-m", "rawnews", "convert", str(raw), str(dest), "-q"],
                               env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=1.5)  # held up by the lock
    finally:
        os.write(resume, b"x")
        os.waitpid(pid, 0)
    assert waiting.wait(timeout=60) == 0, waiting.stderr.read()
    assert "waiting up to" in waiting.stderr.read()


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    dest = tmp_path / "posts"
    folder = dest / ".rawnews"
    folder.mkdir(parents=True)
    pid = os.fork()
    if pid == 0:
        try:
            with lock.held(folder, dest):
                os.kill(os.getpid(), signal.SIGKILL)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    assert (folder / lock.LOCK_NAME).read_text().strip() == str(pid)  # its file is still there
    with lock.held(folder, dest, wait=0):
        pass
    assert pipeline.convert_folder(raw, dest, jobs=1).counts() == {"converted": 2}


def test_a_forked_worker_does_not_hold_its_parents_lock(tmp_path):
    """Workers a killed run leaves behind (they wait for work for good) must
    not keep the folder locked."""
    folder = tmp_path / "state"
    folder.mkdir()
    read_end, write_end = os.pipe()
    ready_r, ready_w = os.pipe()
    with lock.held(folder, tmp_path):
        pid = os.fork()
        if pid == 0:
            os.write(ready_w, b"x")
            os.read(read_end, 1)  # lives on after its parent let go
            os._exit(0)
        os.read(ready_r, 1)
    try:
        with lock.held(folder, tmp_path, wait=0):
            pass
    finally:
        os.write(write_end, b"x")
        os.waitpid(pid, 0)

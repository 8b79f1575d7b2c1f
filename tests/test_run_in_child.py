"""common/workers.run_in_child: the work runs in another process, its result and
its exception come back as themselves, a child that dies says so."""

from __future__ import annotations

import os

import pytest

from vnarchive.common.workers import run_in_child
from vnarchive.rawnews.errors import ConversionError


def test_the_work_runs_in_another_process_and_its_result_comes_back(tmp_path):
    here = os.getpid()
    marker = tmp_path / "pid"
    assert run_in_child(lambda: (marker.write_text(str(os.getpid())), {"n": [1, 2]})[1]) == {"n": [1, 2]}
    assert marker.read_text() != str(here)
    assert run_in_child(lambda: None) is None


def test_its_exception_is_raised_here_with_its_type_and_fields():
    def fail():
        error = ConversionError("RAWNEWS: bad setting")
        error.exitcode = 2
        raise error

    with pytest.raises(ConversionError, match="bad setting") as caught:
        run_in_child(fail)
    assert caught.value.exitcode == 2


def test_a_child_that_dies_is_an_error():
    with pytest.raises(RuntimeError, match="status"):
        run_in_child(lambda: os._exit(3))


def test_a_started_child_runs_beside_this_process_until_asked(tmp_path):
    import time

    from vnarchive.common.workers import start_in_child

    gate = tmp_path / "gate"
    began = time.monotonic()

    def wait_for_gate():
        while not gate.exists():
            time.sleep(0.01)
        return os.getpid()

    child = start_in_child(wait_for_gate)
    assert time.monotonic() - began < 5  # returned before the work ended
    gate.write_text("go")  # this process goes on; the child sees it
    pid = child.result()
    assert pid != os.getpid() and child.result() == pid  # asked again: the same answer
    failing = start_in_child(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failing.result()
    with pytest.raises(ZeroDivisionError):
        failing.result()

"""Parallel conversion: process pool and Dask give the serial result; progress stays quiet in logs."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from vnarchive.rawnews import executors, pipeline, worker  # noqa: E402
from vnarchive.rawnews.cli import main as cli_main  # noqa: E402

import generate_corpus  # noqa: E402

N_FILES = 240  # above pipeline.PARALLEL_THRESHOLD, so the process pool really runs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("exec-raw")
    generate_corpus.generate(raw, N_FILES, seed=5)
    return raw


def _posts(dest: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in dest.glob("*.md")}


def _report(dest: Path) -> dict:
    return json.loads((dest / ".rawnews" / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def serial_result(corpus, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("exec-serial")
    with executors.configured("serial"):
        pipeline.convert_folder(corpus, dest, jobs=1)
    return dest


def test_process_pool_matches_serial(corpus, serial_result, tmp_path):
    result = pipeline.convert_folder(corpus, tmp_path, jobs=2)
    assert result.converted == N_FILES
    assert _posts(tmp_path) == _posts(serial_result)
    assert _report(tmp_path) == _report(serial_result)


def test_dask_local_cluster_matches_serial(corpus, serial_result, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        # Through the CLI, by scheduler address, as on a real cluster.
        code = cli_main(["convert", str(corpus), str(tmp_path), "-q", "--executor", "dask", "--scheduler", cluster.scheduler_address])
    assert code == 0
    assert _posts(tmp_path) == _posts(serial_result)
    assert _report(tmp_path) == _report(serial_result)


def test_run_map_keeps_task_order_on_dask(corpus):
    distributed = pytest.importorskip("distributed")
    paths = sorted(corpus.glob("*.txt"))[:40]
    tasks = [worker.MapTask(str(p), p.name, {}, None, 2**20) for p in paths]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client, executors.configured("dask", client=client):
            results = list(executors.map_tasks(worker.map_batch, tasks, 2))
    assert [json.loads(r.data)["source"] for r in results] == [p.name for p in paths]


def test_dask_needs_a_scheduler_and_reports_an_unreachable_one(corpus, tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    code = cli_main(["convert", str(corpus), str(tmp_path), "-q", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli_main(["convert", str(corpus), str(tmp_path), "--executor", "dask"])
    with pytest.raises(ValueError):
        with executors.configured("dask"):
            pass
    with pytest.raises(ValueError):
        with executors.configured("threads"):
            pass


def test_batches_cover_all_tasks_in_order():
    tasks = list(range(1003))
    parts = executors.batches(tasks, 2)
    assert [t for part in parts for t in part] == tasks
    assert len(parts) >= 2 * executors.BATCHES_PER_WORKER - 1
    assert executors.batches([], 4) == []


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert executors.progress_wanted(True, _Stream(True))
    assert not executors.progress_wanted(True, _Stream(False))
    assert not executors.progress_wanted(False, _Stream(True))
    monkeypatch.setenv("CI", "true")
    assert not executors.progress_wanted(True, _Stream(True))


def test_progress_bar_draws_on_a_terminal(monkeypatch):
    stream = _Stream(True)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stderr", stream)
    with executors.Progress(10, True) as bar:
        bar.update(10)
    assert "10/10" in stream.getvalue()
    quiet = _Stream(False)
    monkeypatch.setattr(sys, "stderr", quiet)
    with executors.Progress(10, True) as bar:
        bar.update(10)
    assert quiet.getvalue() == ""

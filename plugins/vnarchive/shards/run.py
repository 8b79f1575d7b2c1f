"""Where the jobs run: local processes (default) or a Dask cluster.

A job is one `pelican` command in its own process: its memory is returned
when it ends, and a job that crashes fails alone. Over the network only the
JobSpec (paths, setting overrides) goes out and a JobResult (status, time,
the log's tail) comes back; the content, cache and output folders must be at
the same paths on every worker (a shared filesystem; docs/scaling.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


@dataclass(frozen=True)
class JobSpec:
    name: str
    content: str
    output: str  # this job's own output folder
    settings_file: str
    overrides: dict = field(default_factory=dict)  # JSON values, given to pelican -e
    cwd: str = "."


@dataclass(frozen=True)
class JobResult:
    name: str
    ok: bool
    seconds: float
    log_tail: str


def command(spec: JobSpec) -> list[str]:
    extra = [f"{key}={json.dumps(value, ensure_ascii=False)}" for key, value in sorted(spec.overrides.items())]
    return [sys.executable, "-m", "vnarchive.shards.job", spec.content, "-o", spec.output, "-s", spec.settings_file, "-q", "-e", *extra]


def run_job(spec: JobSpec) -> JobResult:
    """Run one job to its end (in whichever process or Dask worker calls it)."""
    began = time.perf_counter()
    os.makedirs(spec.output, exist_ok=True)
    done = subprocess.run(command(spec), cwd=spec.cwd, capture_output=True, text=True, errors="replace")
    tail = (done.stdout + done.stderr)[-4000:]
    return JobResult(spec.name, done.returncode == 0, time.perf_counter() - began, tail)


class Runner:
    """Jobs submitted one at a time, each giving a future (`.result()` is its JobResult): on
    `jobs` local processes at once (threads only wait for them) or as Dask tasks on the
    cluster at `scheduler` (or `client`). One at a time, so the driver can start a job
    before it knows the others (build.py starts the listing job during the metadata pass)."""

    def __init__(self, executor: str = "process", jobs: int = 1, scheduler: str | None = None, client=None):
        self._executor, self._jobs, self._scheduler = executor, jobs, scheduler
        self._client = client
        self._own_client = False
        self._pool = None  # made at the first job: no thread or connection before then (the driver forks)

    def submit(self, spec: JobSpec):
        if self._executor == "dask":
            if self._client is None:
                from distributed import Client

                self._client = Client(self._scheduler, set_as_default=False)
                self._own_client = True
            return self._client.submit(run_job, spec, pure=False, key=f"shard-{spec.name}-{time.time_ns()}")
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=max(1, self._jobs))
        return self._pool.submit(run_job, spec)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        if self._own_client:
            self._client.close()

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

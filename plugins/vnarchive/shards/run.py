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
    return [sys.executable, "-m", "pelican", spec.content, "-o", spec.output, "-s", spec.settings_file, "-q", "-e", *extra]


def run_job(spec: JobSpec) -> JobResult:
    """Run one job to its end (in whichever process or Dask worker calls it)."""
    began = time.perf_counter()
    os.makedirs(spec.output, exist_ok=True)
    done = subprocess.run(command(spec), cwd=spec.cwd, capture_output=True, text=True, errors="replace")
    tail = (done.stdout + done.stderr)[-4000:]
    return JobResult(spec.name, done.returncode == 0, time.perf_counter() - began, tail)


def run_local(specs: list[JobSpec], jobs: int) -> list[JobResult]:
    """The jobs over `jobs` local processes at once (threads only wait for them)."""
    if not specs:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(specs)))) as pool:
        return list(pool.map(run_job, specs))


def run_dask(specs: list[JobSpec], scheduler: str | None = None, client=None) -> list[JobResult]:
    """The jobs as Dask tasks (one task per job) on the cluster at `scheduler`, or on `client`."""
    if not specs:
        return []
    from distributed import Client

    own = client is None
    client = client or Client(scheduler, set_as_default=False)
    try:
        futures = client.map(run_job, specs, pure=False, key=[f"shard-{s.name}-{time.time_ns()}" for s in specs])
        return client.gather(futures)
    finally:
        if own:
            client.close()

"""Where the conversion's map step runs: here, in local processes, or on Dask.

The map step (read + normalize + parse + extract one file) is independent per
file, so it can run anywhere; only the reduce (duplicates, authors, slugs) and
putting the posts in place stay in the calling process (local workers write
each post into a staging folder; Dask workers send it back). An executor takes a
function and a list of batches of tasks, and yields the batch results in the
order of the batches:

- `serial`: in this process (small inputs, debugging, `-j 1`);
- `process`: a local process pool, all cores by default (`-j N`);
- `dask`: a Dask distributed cluster (`--executor dask --scheduler ADDRESS`).
  Workers read the raw files themselves, so the raw folder must be at the
  same path on every worker (a shared or network file system), and they must
  have this package installed (`pip install -e .` in their environment).

Which executor `pipeline.run_map` uses is set for a block of code with
`configured(...)`, so callers such as the CLI need not thread it through
every function.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

KINDS = ("process", "serial", "dask")
# Batches amortise the cost of shipping a task and its result between processes;
# 8 batches per worker keep the workers busy to the end, and batches of at
# most 64 files (~0.1 s) let the parent start on the first results early and
# leave a worker idle for less at the end.
MIN_BATCH, MAX_BATCH, BATCHES_PER_WORKER = 16, 64, 8
CONNECT_TIMEOUT = "20s"


@dataclass(frozen=True)
class ExecutorConfig:
    kind: str = "process"
    scheduler: str | None = None  # Dask scheduler address (tcp://host:8786)
    client: object | None = None  # or an existing dask.distributed.Client


_CONFIG: contextvars.ContextVar[ExecutorConfig] = contextvars.ContextVar("rawnews_executor", default=ExecutorConfig())


def current() -> ExecutorConfig:
    return _CONFIG.get()


@contextlib.contextmanager
def configured(kind: str = "process", scheduler: str | None = None, client: object | None = None) -> Iterator[ExecutorConfig]:
    """Run the conversions inside the block on the given executor."""
    if kind not in KINDS:
        raise ValueError(f"unknown executor {kind!r} (choose from {', '.join(KINDS)})")
    if kind == "dask" and not (scheduler or client):
        raise ValueError("the dask executor needs a scheduler address (--scheduler tcp://HOST:8786)")
    token = _CONFIG.set(ExecutorConfig(kind, scheduler, client))
    try:
        yield _CONFIG.get()
    finally:
        _CONFIG.reset(token)


def default_jobs() -> int:
    """The cores this process may use (respects CPU affinity and cgroups' cpusets)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batches(tasks: Sequence, workers: int) -> list[list]:
    size = max(MIN_BATCH, min(MAX_BATCH, len(tasks) // (max(workers, 1) * BATCHES_PER_WORKER) or 1))
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]


class SerialExecutor:
    workers = 1

    def map(self, function: Callable, items: list) -> Iterator:
        return map(function, items)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """A local process pool; results come back in order."""

    def __init__(self, jobs: int):
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs)

    def map(self, function: Callable, items: list) -> Iterator:
        return self._pool.map(function, items)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """A Dask distributed cluster, reached by scheduler address or an existing Client."""

    def __init__(self, scheduler: str | None = None, client: object | None = None):
        from dask.distributed import Client

        self._own = client is None
        try:
            self.client = client if client is not None else Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            from .pipeline import ConversionError

            raise ConversionError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        workers = self.client.scheduler_info().get("workers", {})
        self.workers = max(1, sum(w.get("nthreads", 1) for w in workers.values()))

    def map(self, function: Callable, items: list) -> Iterator:
        # pure=False: the same paths may hold new bytes on the next run.
        futures = self.client.map(function, items, pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.release()

    def close(self) -> None:
        if self._own:
            self.client.close()


def make_executor(config: ExecutorConfig, jobs: int):
    if config.kind == "dask":
        return DaskExecutor(config.scheduler, config.client)
    if config.kind == "serial" or jobs <= 1:
        return SerialExecutor()
    return ProcessExecutor(jobs)


def progress_wanted(requested: bool, stream=None) -> bool:
    """A bar only for a person at a terminal: never in CI logs or redirected output."""
    stream = stream or sys.stderr
    if not requested or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """A tqdm bar counting files on stderr, or nothing at all."""

    def __init__(self, total: int, enabled: bool, desc: str = "rawnews"):
        self._bar = None
        if enabled and progress_wanted(True):
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self._bar = tqdm(total=total, unit="file", desc=desc, file=sys.stderr, smoothing=0.1)

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

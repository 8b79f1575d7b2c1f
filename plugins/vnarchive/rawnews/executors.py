"""Where the conversion's map step runs: here, in local processes, or on Dask.

The map step (read + normalize + parse + extract one file) is independent per
file, so it can run anywhere; the reduce (duplicates, authors, slugs) stays
in the calling process, and the posts are emitted by local workers, which
write them into a staging folder. An executor takes a function and a list
of batches of tasks, and yields the batch results in the order of the
batches:

- `serial`: in this process (small inputs, debugging, `-j 1`);
- `process`: a local process pool, all cores by default (`-j N`);
- `dask`: a Dask distributed cluster (`--executor dask --scheduler ADDRESS`).
  Workers read the raw files themselves, so the raw folder must be at the
  same path on every worker (a shared or network file system), and they must
  have this package installed (`pip install -e .` in their environment).

Which executor `map_tasks` uses is set for a block of code with
`configured(...)`, so callers such as the CLI need not thread it through
every function.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from vnarchive.common.workers import process_pool

from .errors import ConversionError

logger = logging.getLogger(__name__)

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
        self._pool = process_pool(jobs)

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


def map_tasks(
    function: Callable[[list], list],
    tasks: Sequence,
    jobs: int,
    progress: bool = False,
    crashed: Callable[[object, str], object] | None = None,
    config: ExecutorConfig | None = None,
    serial_below: int = 0,
) -> Iterator:
    """function (a batch of tasks -> their results) over tasks, yielding the
    results in task order as they come, so the caller can use each while the
    workers go on.

    Runs on `config` (by default the one `configured()` set); local work runs
    in this process when jobs <= 1 or there are fewer than `serial_below`
    tasks (starting processes would cost more). When the executor breaks (a
    worker killed by a crash in a C extension or by the memory limit), the
    tasks not done yet run again in fresh single-worker processes, halving
    the batches that still break, so only a task that kills its worker fails:
    its result is crashed(task, cause). `progress` asks for a bar, shown only
    on a terminal.
    """
    if not tasks:
        return
    config = config or current()
    if config.kind == "process" and (jobs <= 1 or len(tasks) < serial_below):
        config = ExecutorConfig("serial")
    done = 0
    try:
        pool = make_executor(config, jobs)
        try:
            with Progress(len(tasks), progress) as bar:
                for batch_result in pool.map(function, batches(tasks, pool.workers)):
                    done += len(batch_result)
                    yield from batch_result
                    bar.update(len(batch_result))
        finally:
            pool.close()
    except ConversionError:
        raise
    except Exception as error:  # noqa: BLE001 - BrokenProcessPool, a killed Dask worker, ...
        logger.warning("rawnews: the conversion workers failed (%s: %s); converting again in isolated processes", type(error).__name__, error)
        yield from _isolated(function, list(tasks[done:]), type(error).__name__, crashed)


def _isolated(function: Callable[[list], list], tasks: list, cause: str, crashed) -> list:
    results: list = [None] * len(tasks)
    pending = [(0, len(tasks))]
    while pending:
        start, end = pending.pop()
        try:
            with process_pool(1) as pool:
                results[start:end] = pool.submit(function, tasks[start:end]).result()
        except Exception as error:  # noqa: BLE001 - the worker died again
            if end - start == 1:
                results[start] = crashed(tasks[start], f"{cause}; {type(error).__name__}")
            else:
                middle = (start + end) // 2
                pending += [(middle, end), (start, middle)]
    return results


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

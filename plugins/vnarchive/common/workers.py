"""How many processes to use, and the ways this project runs work in them.

- `run_forked(jobs, run, workers)`: a list of independent jobs over forked
  copies of this process, results back in order. Forking (not spawning)
  lets each process use what the parent built in memory as it is (Pelican's
  context for the page renderer, the related-articles indexes): nothing is
  pickled on the way in, only each job's small result comes back. A worker
  that dies has its share run here. Used by fast_build (pages and feeds) and
  related (scoring).
- `process_pool(workers)`: a `concurrent.futures` pool of forked processes,
  for work whose inputs are small and pickled (the converter's batches of
  raw files, publish_assets' files to compress): results stream back as they
  come, and a crash in a C extension breaks the pool, not this process, so
  the converter can retry the batch in isolation (rawnews/executors.py).

- `run_in_child(function)` / `start_in_child(function).result()`: one
  function in a forked process, waited for at once (so that the memory it
  takes goes back) or later (work beside this process's own).

Without `os.fork` (not POSIX), or with one worker, run_forked runs the jobs
in this process and process_pool uses the platform's default start method.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

logger = logging.getLogger(__name__)


def cpu_count() -> int:
    """The processors this process may run on (its CPU affinity, which a
    container or `taskset` narrows), not all the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool of `workers` forked processes (see the module docstring)."""
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(jobs: Sequence, indexes: range, run: Callable, fd: int) -> None:
    """In the forked worker: run its share, send (index, result) pairs or the
    first failure back, and leave without running the parent's exit code."""
    status = 1
    try:
        logging.disable(logging.CRITICAL)  # the parent logs; locks held by its threads stay held here
        results = []
        for i in indexes:
            try:
                results.append((i, run(jobs[i])))
            except Exception:
                results.append((i, _Failure(traceback.format_exc())))
                break
        _write_all(fd, pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)


class _Failure:
    def __init__(self, text: str):
        self.text = text


def _stop(children: list[tuple[int, int, range]]) -> None:
    for pid, read_fd, _ in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        os.close(read_fd)
        os.waitpid(pid, 0)


def run_forked(jobs: Sequence, run: Callable, workers: int) -> list:
    """[run(job) for job in jobs], the jobs split over `workers` processes.

    This process takes every `workers`-th job and each forked worker the
    jobs at its offset, so expensive and cheap pages are spread evenly.
    A job that fails in a worker is run again here, so its exception is
    raised with a real traceback; a worker that dies (killed, out of
    memory) has its share run here.
    """
    workers = max(1, min(workers, len(jobs)))
    if workers == 1 or not hasattr(os, "fork"):
        return [run(job) for job in jobs]
    results: list = [None] * len(jobs)
    children: list[tuple[int, int, range]] = []
    frozen = gc.get_freeze_count()  # a build may have frozen its context already (common/collector.py)
    gc.freeze()  # keep the collector from touching (and so copying) every shared object
    try:
        for offset in range(1, workers):
            share = range(offset, len(jobs), workers)
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(jobs, share, run, write_fd)
            os.close(write_fd)
            children.append((pid, read_fd, share))
    finally:
        if not frozen:
            gc.unfreeze()
    try:
        for i in range(0, len(jobs), workers):
            results[i] = run(jobs[i])
    except BaseException:
        _stop(children)  # a failure here ends the build step: no worker left waiting on its pipe
        raise
    redo: list[int] = []
    for pid, read_fd, share in children:
        try:
            data = _read_all(read_fd)
        finally:
            os.close(read_fd)
        _, status = os.waitpid(pid, 0)
        received = pickle.loads(data) if data and os.waitstatus_to_exitcode(status) == 0 else None
        if received is None:
            logger.warning("a forked worker stopped (status %s); running its %d jobs here", status, len(share))
            redo.extend(share)
            continue
        done = set()
        for i, result in received:
            if isinstance(result, _Failure):
                logger.debug("a forked worker failed on job %d:\n%s", i, result.text)
                redo.append(i)  # raises here, with its traceback
                break
            results[i] = result
            done.add(i)
        redo.extend(i for i in share if i not in done and i not in redo)
    for i in sorted(redo):
        results[i] = run(jobs[i])
    return results


class Child:
    """A function running in a forked process (start_in_child); `result()` waits for it."""

    def __init__(self, pid: int | None, read_fd: int | None, done: tuple[bool, object] | None = None):
        self._pid, self._fd, self._done = pid, read_fd, done

    def result(self) -> object:
        """The function's result (pickled), or its exception raised here; RuntimeError when the
        child died without either. Once known, asked again it gives the same answer."""
        if self._done is None:
            try:
                data = _read_all(self._fd)
            finally:
                os.close(self._fd)
            _, code = os.waitpid(self._pid, 0)
            if not data:
                self._done = (False, RuntimeError(f"the child process ended with status {code} and no answer"))
            else:
                self._done = pickle.loads(data)
        ok, value = self._done
        if not ok:
            raise value
        return value


def start_in_child(function: Callable[[], object]) -> Child:
    """Start function() in a forked process, to run beside this one (the open dataset written
    while the pages are rendered). Without fork, it runs now, in this process."""
    if not hasattr(os, "fork"):
        try:
            return Child(None, None, (True, function()))
        except Exception as error:  # noqa: BLE001 - raised by result(), as from a child
            return Child(None, None, (False, error))
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child (logging re-creates its locks after a fork, so it logs as the parent does)
        os.close(read_fd)
        status = 1
        try:
            try:
                message = pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # noqa: BLE001 - sent to the parent, raised there
                try:
                    message = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - an exception that does not pickle
                    message = pickle.dumps((False, RuntimeError(traceback.format_exc())))
            _write_all(write_fd, message)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return Child(pid, read_fd)


def run_in_child(function: Callable[[], object]) -> object:
    """function() in a forked process, so that the memory it takes goes back when it ends
    (a large conversion or metadata pass before long jobs); its result (pickled) is
    returned and its exception raised here; a child that dies without either raises
    RuntimeError. Without fork, it runs in this process."""
    return start_in_child(function).result()

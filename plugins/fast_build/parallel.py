"""Run a list of independent jobs over forked copies of this process.

Pelican renders its pages one after another in one process; the pages of a
build are independent once the context is built, so the writer queues the
pages it must render and runs them here on every core. Forking (not
spawning) lets each process use the context as it is in memory: nothing
is pickled on the way in, only each job's small result comes back.

Used only on POSIX systems with `os.fork`; anywhere else, or with one
worker, the jobs run in this process.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Sequence

logger = logging.getLogger(__name__)


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
            logger.warning("fast_build: a render worker stopped (status %s); rendering its %d pages here", status, len(share))
            redo.extend(share)
            continue
        done = set()
        for i, result in received:
            if isinstance(result, _Failure):
                logger.debug("fast_build: worker failed on job %d:\n%s", i, result.text)
                redo.append(i)  # raises here, with its traceback
                break
            results[i] = result
            done.add(i)
        redo.extend(i for i in share if i not in done and i not in redo)
    for i in sorted(redo):
        results[i] = run(jobs[i])
    return results

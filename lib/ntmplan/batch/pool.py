"""The worker processes of a batch: a process pool that survives a worker dying.

Workers are forked from the runner (an explicit ``fork`` context: Python 3.14 changes the
default start method on POSIX), so they start with papermill and nbconvert already
imported (:func:`import_worker_libraries`). When a worker dies (killed, out of memory) the
pool is unusable and every unfinished run was lost with it: each lost run is redone alone
in a fresh one-worker executor, so only the culprit fails.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    as_completed,
    wait,
)

from ntmplan.batch.lifeline import worker_initializer
from ntmplan.batch.results import WORKER_DIED, RunResult, failed_result, short_error
from ntmplan.batch.tasks import RunTask

#: ``f(jobs) -> Executor`` (a context manager that shuts the executor down on exit).
ExecutorFactory = Callable[[int], Executor]
#: What a worker does with one task (normally :func:`ntmplan.batch.execute.execute_task`).
Work = Callable[[RunTask], RunResult]


def fork_context():
    """Return the ``fork`` multiprocessing context, or None where the platform has no fork.

    Returns
    -------
    multiprocessing.context.BaseContext or None
    """
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def process_pool(jobs: int) -> ProcessPoolExecutor:
    """Return a pool of ``jobs`` worker processes forked from this one.

    Each worker dies with this process (even on ``kill -9``) and ignores Ctrl+C, which
    the runner handles (:func:`ntmplan.batch.lifeline.worker_initializer`).

    Parameters
    ----------
    jobs : int

    Returns
    -------
    concurrent.futures.ProcessPoolExecutor
    """
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=fork_context(),
        initializer=worker_initializer,
        initargs=(os.getpid(),),
    )


def import_worker_libraries() -> None:
    """Import what every worker needs (papermill, nbconvert and its HTML templates) once.

    Worker processes are forked from this one, so they start with these loaded
    instead of each importing them (≈ 4 s of CPU per worker on 2 cores).
    """
    import papermill  # noqa: F401

    from ntmplan.batch.html_export import report_exporter

    _ = report_exporter().environment  # builds the template environment, inherited by workers


def run_alone(task: RunTask, factory: ExecutorFactory, work: Work) -> RunResult:
    """Run one task in a fresh one-worker executor (after a worker died and took others with it).

    Parameters
    ----------
    task : RunTask
    factory : callable
        ``f(jobs) -> Executor``.
    work : callable
        ``f(task) -> RunResult``, run in the worker.

    Returns
    -------
    RunResult
        A failed result with :data:`WORKER_DIED` if this worker died too.
    """
    try:
        with factory(1) as solo:
            return solo.submit(work, task).result()
    except BrokenExecutor:
        error = WORKER_DIED
    except Exception as exc:  # noqa: BLE001 - a failed run is a result
        error = short_error(exc)
    return failed_result(task, error)


class WorkerPool:
    """An executor created on first use, replaced after a worker died.

    Parameters
    ----------
    factory : callable
        ``f(jobs) -> Executor``.
    jobs : int
        Workers.
    preload : bool
        Call :func:`import_worker_libraries` before the first executor (forked workers
        inherit the imports).
    """

    def __init__(self, factory: ExecutorFactory, jobs: int, preload: bool = False):
        self.factory = factory
        self.jobs = jobs
        self.preload = preload
        self._stack = contextlib.ExitStack()
        self._executor: Executor | None = None

    def executor(self) -> Executor:
        """Return the current executor, creating it if needed.

        Returns
        -------
        concurrent.futures.Executor
        """
        if self._executor is None:
            if self.preload:
                import_worker_libraries()
                self.preload = False
            self._executor = self._stack.enter_context(self.factory(self.jobs))
        return self._executor

    def close(self) -> None:
        """Shut the executor down (a later :meth:`executor` makes a new one)."""
        self._stack.close()
        self._stack = contextlib.ExitStack()
        self._executor = None

    def abort(self) -> None:
        """Stop the workers now (Ctrl+C): terminate them, drop the queued runs, do not wait.

        The kernels they started stop by themselves (a forked kernel with the fork server,
        a fresh one when it sees its parent gone).
        """
        for child in multiprocessing.active_children():
            with contextlib.suppress(OSError):
                child.terminate()
        if self._executor is not None:
            with contextlib.suppress(Exception):
                self._executor.shutdown(wait=False, cancel_futures=True)
        self._stack = contextlib.ExitStack()  # the executor is dead: do not wait on it again
        self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, tasks: Iterable[RunTask], work: Work) -> Iterator[tuple[RunTask, RunResult]]:
        """Run tasks in the workers; yield each task with its result as it finishes.

        Runs lost with a dead worker are redone one at a time, after the others.

        Parameters
        ----------
        tasks : iterable of RunTask
        work : callable
            ``f(task) -> RunResult``, run in a worker.

        Yields
        ------
        (RunTask, RunResult)
        """
        pool = self.executor()
        futures = {pool.submit(work, t): t for t in tasks}
        lost: list[RunTask] = []
        for fut in as_completed(futures):
            task = futures[fut]
            try:
                res = fut.result()
            except BrokenExecutor:
                lost.append(task)
                continue
            except Exception as exc:  # noqa: BLE001 - a dead worker is a failed run
                res = failed_result(task, short_error(exc))
            yield task, res
        if lost:
            self.close()
            for task in sorted(lost, key=lambda t: t.key):
                yield task, run_alone(task, self.factory, work)

    def submit(self, task: RunTask, work: Work) -> Future:
        """Start one run in a worker (the executor is made on first use).

        Parameters
        ----------
        task : RunTask
        work : callable
            ``f(task) -> RunResult``, run in the worker.

        Returns
        -------
        concurrent.futures.Future
        """
        return self.executor().submit(work, task)

    def collect(
        self, running: dict[Future, RunTask], work: Work
    ) -> list[tuple[RunTask, RunResult]]:
        """Wait for at least one run to finish; return the finished runs with their results.

        The finished futures are removed from ``running``. When a worker died, the executor
        is broken and every run still in it is lost: those are waited for, then redone one at
        a time in fresh one-worker executors (:func:`run_alone`), so only the culprit fails.

        Parameters
        ----------
        running : dict
            Future -> task of the runs in the workers (changed in place).
        work : callable
            ``f(task) -> RunResult`` (for the runs redone).

        Returns
        -------
        list of (RunTask, RunResult)
        """
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        out, lost = self._results(finished, running)
        if lost:  # the executor is broken: wait for the rest, then redo the lost runs alone
            rest, more = self._results(list(running), running)
            out += rest
            self.close()
            for task in sorted(lost + more, key=lambda t: t.key):
                out.append((task, run_alone(task, self.factory, work)))
        return out

    @staticmethod
    def _results(futures, running: dict) -> tuple[list, list]:
        """Results of finished futures, and the tasks lost with a broken executor."""
        out, lost = [], []
        for fut in futures:
            task = running.pop(fut)
            try:
                out.append((task, fut.result()))
            except BrokenExecutor:
                lost.append(task)
            except Exception as exc:  # noqa: BLE001 - a dead worker is a failed run
                out.append((task, failed_result(task, short_error(exc))))
        return out, lost

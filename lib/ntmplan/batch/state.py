"""The state of one batch while it runs: results, cache records, progress, servers, workers.

Used by :mod:`ntmplan.batch.runner`, which decides the order; this module keeps what
happened (results and their cache records), what a run supersedes when it is redone,
and what is cleaned up when the batch ends or is interrupted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path

from ntmplan.batch import kernel_server
from ntmplan.batch.cache import clear_cache_record, is_fresh, write_cache_record
from ntmplan.batch.cache_key import task_key
from ntmplan.batch.pool import WorkerPool
from ntmplan.batch.results import (
    INTERRUPTED,
    RunResult,
    failed_result,
    skipped_result,
    sort_results,
    write_run_log,
)
from ntmplan.batch.summaries import drop_orphan_summaries, merge_folders, merge_summaries
from ntmplan.batch.tasks import NATIONAL_NOTEBOOK, RunTask
from ntmplan.core import paths

__all__ = ["BatchState", "remove_partial_notebook", "remove_partial_notebooks"]


class BatchState:
    """The state of one batch while it runs: results, progress bar, servers, workers.

    Parameters
    ----------
    out_root : Path
        The outputs root.
    jobs : int
        Worker processes.
    factory : callable
        ``f(jobs) -> Executor``.
    preload : bool
        Import the workers' libraries before forking them.
    progress : bool
        Show a progress bar.
    total : int
        Runs planned (the bar's length).
    common : str
        :func:`ntmplan.batch.cache_key.source_fingerprint` of the batch.
    """

    def __init__(
        self,
        out_root: Path,
        jobs: int,
        factory,
        preload: bool,
        progress: bool,
        total: int,
        common: str,
    ):
        from tqdm.auto import tqdm

        self.out_root = out_root
        self.jobs = jobs
        self.results: list[RunResult] = []
        self.common = common  # source_fingerprint() of the batch (part of every key)
        self.memo: dict = {}  # resolved params and data-file hashes, shared by the tasks
        self.keys: dict[str, str] = {}
        self.bar = tqdm(total=total, desc="ntmplan run", unit="sổ", disable=not progress)
        self.pool = WorkerPool(factory, jobs, preload=preload)
        self.servers = contextlib.ExitStack()
        self.server: str | None = None  # the fork server, decided on the first run to do
        self.running: dict[str, RunTask] = {}  # submitted, no result yet

    def __enter__(self) -> BatchState:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        """Stop the workers (at once when leaving on an error or Ctrl+C), then the kernel server."""
        try:
            if exc_type is None:
                self.pool.close()
            else:
                self.pool.abort()
        finally:
            self.servers.close()

    def record(self, task: RunTask, res: RunResult) -> None:
        """Keep a result, update its cache record and the progress bar."""
        self.running.pop(task.key, None)
        if res.status == "ok":
            write_cache_record(task, self.keys[task.key], res)
        elif res.status == "failed":
            clear_cache_record(task)  # a failed run's summary is not a result
        self.results.append(res)
        self.bar.update(1)
        if res.status != "skipped":
            self.bar.set_postfix_str(f"{task.key} {res.status}")

    def must_run(self, task: RunTask, force: bool) -> bool:
        """Key a run whose inputs are final; record it as skipped when current.

        A run to redo first loses what it supersedes (record, summary, exports, a
        notebook a killed run left) and its figures leave ``summary.json`` at once.

        Returns
        -------
        bool
            True when the run must be done.
        """
        self.keys[task.key] = task_key(task, self.common, self.memo)
        if not force and is_fresh(task, self.keys[task.key]):
            self.record(task, skipped_result(task))
            return False
        clear_cache_record(task)
        remove_partial_notebook(task)
        if Path(task.out_dir).is_dir():
            merge_summaries(Path(task.out_dir))
        return True

    def start_server(self, use: bool, task: RunTask) -> None:
        """Start the kernel fork server once, if ``use``.

        The server validates the batch's surveys before forking kernels
        (:func:`ntmplan.batch.kernel_preload.load_batch_surveys`): it is told the survey and
        params of ``task`` (the same for every provincial run) and the batch's cache folder.
        """
        if self.server is None:
            self.server = (
                self.servers.enter_context(kernel_server.kernel_server(env=self._server_env(task)))
                if use
                else ""
            )

    def _server_env(self, task: RunTask) -> dict:
        """What the fork server's preparation steps read: the batch's survey, its cache folder."""
        from ntmplan.batch.kernel_preload import SURVEYS_ENV, surveys_spec

        env = {}
        if task.province_code:
            env[SURVEYS_ENV] = surveys_spec(task.parameters)
        if not os.environ.get(paths.CACHE_ENV):
            env[paths.CACHE_ENV] = str(Path(self.out_root) / ".cache")
        return env

    def submit(self, task: RunTask, running: dict, work) -> None:
        """Start a run in a worker (its kernel forked when the server is up).

        Parameters
        ----------
        task : RunTask
        running : dict
            Future -> task of the runs in the workers (the new one is added).
        work : callable
            ``f(task) -> RunResult`` run in the worker.
        """
        task = dataclasses.replace(task, kernel_server=self.server or "")
        self.running[task.key] = task
        running[self.pool.submit(task, work)] = task

    def before_national(self) -> None:
        """Merge the provinces' summaries and write the index the national roll-up reads."""
        from ntmplan.batch.index_pages import write_index
        from ntmplan.tasks.national import province_folders

        for _code, folder in province_folders(self.out_root):
            drop_orphan_summaries(folder)  # left by a run killed earlier: never read
            remove_partial_notebooks([folder])
        merge_folders(self.results)
        write_index(self.out_root, self.results)

    def interrupt(self) -> None:
        """After Ctrl+C: stop workers and kernels, drop what the unfinished runs wrote, report.

        The unfinished runs are failed results (:data:`INTERRUPTED`); their summaries and
        exports are removed (no record was written), so nothing they wrote is merged,
        listed or indexed. The index pages and the run log then show the batch as it ended.
        """
        self.pool.abort()
        self.servers.close()
        for task in self.running.values():
            clear_cache_record(task)
            remove_partial_notebook(task)
            self.results.append(failed_result(task, INTERRUPTED))
        self.running.clear()
        self.finish()

    def finish(self) -> list[RunResult]:
        """Merge summaries, write the index pages and the run log; return sorted results."""
        from ntmplan.batch.index_pages import write_index

        self.bar.close()
        merge_folders(self.results, skip_notebook=NATIONAL_NOTEBOOK)
        write_index(self.out_root, self.results)
        write_run_log(self.out_root, self.results)
        return sort_results(self.results)


def remove_partial_notebooks(folders) -> None:
    """Remove the ``.<nb>.running.ipynb`` files a killed batch left in these folders.

    Only called while the batch holds the outputs folder's lock and before its runs
    start, so no run is writing any of them.

    Parameters
    ----------
    folders : iterable of Path
    """
    for folder in folders:
        for f in Path(folder).glob(".*.running.ipynb"):
            with contextlib.suppress(OSError):
                f.unlink()


def remove_partial_notebook(task: RunTask) -> None:
    """Remove the notebook papermill was writing when a run stopped (``.<nb>.running.ipynb``).

    Parameters
    ----------
    task : RunTask
    """
    with contextlib.suppress(OSError):
        (Path(task.out_dir) / f".{task.notebook}.running.ipynb").unlink(missing_ok=True)

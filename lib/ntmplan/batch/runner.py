"""Batch runner: execute notebooks per province with papermill in worker processes.

Phases: 01, 02, 04, 05 for every selected province run in parallel; then each
province's 03 (it reads 02 and 04), then 06 (it reads 01–05); then 00 (national,
reads all provinces). Each run writes its executed notebook and an HTML export
with code hidden into the province folder; a failed run keeps papermill's
notebook (with the error) and is reported, and the other runs go on. A run
whose inputs are unchanged since it last succeeded is skipped (its cache key,
:mod:`ntmplan.batch.cache_key`).

This module holds the orchestration only; the pieces live beside it: planning
(:mod:`~ntmplan.batch.tasks`), checks (:mod:`~ntmplan.batch.parameters`), one run
(:mod:`~ntmplan.batch.execute`), workers (:mod:`~ntmplan.batch.pool`), pre-imported
kernels (:mod:`~ntmplan.batch.kernel_server`), cache (:mod:`~ntmplan.batch.cache`).
The names below that it does not use itself are re-exported for callers of the old
single-module runner.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from ntmplan.batch import kernel_server
from ntmplan.batch.cache import CACHE_DIR, clear_cache_record, is_fresh, write_cache_record
from ntmplan.batch.cache_key import source_fingerprint, task_key
from ntmplan.batch.dask_executor import dask_executor_factory
from ntmplan.batch.execute import ensure_kernel_path, execute_task
from ntmplan.batch.html_export import disarm_urls, export_html
from ntmplan.batch.lock import output_lock
from ntmplan.batch.parameters import (
    check_national_inputs,
    check_parameters,
    check_selection,
    check_tasks,
    declared_parameters,
)
from ntmplan.batch.pool import WorkerPool, process_pool
from ntmplan.batch.results import (
    INTERRUPTED,
    WORKER_DIED,
    RunResult,
    failed_result,
    skipped_result,
    sort_results,
    summary_table,
    write_run_log,
)
from ntmplan.batch.summaries import (
    drop_orphan_summaries,
    merge_folders,
    merge_summaries,
    province_results,
)
from ntmplan.batch.tasks import (
    NATIONAL_DIR,
    NATIONAL_NOTEBOOK,
    RunTask,
    available_notebooks,
    build_tasks,
    national_task,
    notebook_path,
    phases,
)
from ntmplan.core import paths
from ntmplan.core.errors import InputError

__all__ = [
    "CACHE_DIR",
    "NATIONAL_DIR",
    "NATIONAL_NOTEBOOK",
    "WORKER_DIED",
    "InputError",
    "RunResult",
    "RunTask",
    "available_notebooks",
    "build_tasks",
    "check_parameters",
    "declared_parameters",
    "disarm_urls",
    "execute_task",
    "export_html",
    "merge_summaries",
    "notebook_path",
    "paths",
    "plan",
    "run",
    "source_fingerprint",
    "summary_table",
    "task_key",
    "use_fork_server",
]


def use_fork_server(fork_kernels: bool, scheduler: str | None, runs: int, jobs: int) -> bool:
    """Decide whether a batch starts the kernel fork server.

    The server costs one import of the libraries (≈ 4 s on 2 cores) before the
    first kernel, and saves about as much on every later one; it pays off once a
    worker runs more than one notebook. Dask workers may be other machines.

    Parameters
    ----------
    fork_kernels : bool
        The user's choice (``--fresh-kernels`` turns it off).
    scheduler : str or None
        Dask scheduler address, if any.
    runs : int
        Runs still to do in the batch (an upper bound is fine).
    jobs : int
        Worker processes.

    Returns
    -------
    bool
    """
    return bool(fork_kernels) and not scheduler and kernel_server.available() and runs > jobs


def plan(
    provinces: list[str],
    notebooks: list[str],
    out_root: Path,
    params_file: str = "",
    data_file: str = "",
    profile: str = "",
    survey_year: int = 0,
) -> list[list[RunTask]]:
    """Check the selection and build the phases of runs, before any kernel starts.

    Parameters
    ----------
    provinces : list of str
        Validated province codes.
    notebooks : list of str
        Notebook ids; ``00_national`` is a last phase of its own.
    out_root : Path
        The outputs root.
    params_file, data_file : str
        Passed to the notebooks.
    profile : str
        Programme profile passed to the notebooks (empty = the params' own).
    survey_year : int
        Survey year passed to the provincial notebooks (0 = each province's default).

    Returns
    -------
    list of list of RunTask

    Raises
    ------
    InputError
        A notebook is missing, the outputs root is a file, or a parameter does not
        match a notebook's parameters cell.
    """
    locate = notebook_path  # looked up here, so a caller may point the runner elsewhere
    problems = check_selection(notebooks, out_root, locate)
    if problems:
        raise InputError(problems)
    tasks = build_tasks(
        provinces,
        notebooks,
        out_root,
        params_file,
        data_file,
        locate=locate,
        profile=profile,
        survey_year=survey_year,
    )
    national = (
        national_task(out_root, params_file, locate, profile=profile)
        if NATIONAL_NOTEBOOK in notebooks
        else None
    )
    problems = check_tasks(tasks + ([national] if national else []))
    if national is not None:
        problems += check_national_inputs(out_root, len(tasks), bool(province_results(out_root)))
    if problems:
        raise InputError(problems)
    return phases(tasks, national)


class _Batch:
    """The state of one batch while its phases run: results, progress bar, servers, workers."""

    def __init__(
        self, out_root: Path, jobs: int, factory, preload: bool, progress: bool, total: int
    ):
        from tqdm.auto import tqdm

        self.out_root = out_root
        self.jobs = jobs
        self.results: list[RunResult] = []
        self.common = source_fingerprint()
        self.memo: dict = {}  # resolved params and data-file hashes, shared by the tasks
        self.keys: dict[str, str] = {}
        self.bar = tqdm(total=total, desc="ntmplan run", unit="sổ", disable=not progress)
        self.pool = WorkerPool(factory, jobs, preload=preload)
        self.servers = contextlib.ExitStack()
        self.server: str | None = None  # the fork server, decided on the first run to do
        self.running: dict[str, RunTask] = {}  # submitted, no result yet

    def __enter__(self) -> _Batch:
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

    def to_run(self, phase: list[RunTask], force: bool) -> list[RunTask]:
        """Key the phase's runs; record the current ones as skipped, return the others."""
        todo = []
        for t in phase:
            self.keys[t.key] = task_key(t, self.common, self.memo)
            if not force and is_fresh(t, self.keys[t.key]):
                self.record(t, skipped_result(t))
            else:
                clear_cache_record(t)
                remove_partial_notebook(t)
                todo.append(t)
        for folder in {Path(t.out_dir) for t in todo if Path(t.out_dir).is_dir()}:
            merge_summaries(folder)  # the superseded figures leave summary.json now
        return todo

    def start_server(self, use: bool) -> None:
        """Start the kernel fork server once, if ``use``."""
        if self.server is None:
            self.server = self.servers.enter_context(kernel_server.kernel_server()) if use else ""

    def run_phase(self, todo: list[RunTask]) -> None:
        """Run the phase's runs in the workers (forked kernels when the server is up)."""
        todo = [dataclasses.replace(t, kernel_server=self.server or "") for t in todo]
        self.running.update((t.key, t) for t in todo)
        for task, res in self.pool.run(todo, execute_task):
            self.record(task, res)

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


def _factory(executor_factory, scheduler: str | None) -> Callable[[int], Executor]:
    if scheduler:
        return dask_executor_factory(scheduler)
    return executor_factory or process_pool


def run(
    provinces: list[str],
    notebooks: list[str],
    out_root: Path | None = None,
    params_file: str = "",
    data_file: str = "",
    jobs: int | None = None,
    executor_factory: Callable[[int], Executor] | None = None,
    progress: bool = True,
    force: bool = False,
    scheduler: str | None = None,
    fork_kernels: bool = True,
    profile: str = "",
    wait: bool = False,
    survey_year: int = 0,
) -> list[RunResult]:
    """Run the selected notebooks for the selected provinces.

    Parameters
    ----------
    provinces : list of str
        Validated province codes.
    notebooks : list of str
        Notebook ids; ``00_national`` runs last, once, when included.
    out_root : Path, optional
        Outputs root (default ``outputs/``).
    params_file, data_file : str
        Passed to the notebooks.
    jobs : int, optional
        Worker processes (default: CPU count).
    executor_factory : callable, optional
        ``f(jobs) -> Executor``; default a process pool.
    progress : bool
        Show a progress bar.
    force : bool
        Rerun even when inputs are unchanged.
    scheduler : str, optional
        Address of a Dask distributed scheduler; runs are submitted to its
        workers instead of a local process pool (``--out`` must be a path
        every worker can write).
    fork_kernels : bool
        Fork each kernel from a server that has done the imports once
        (:mod:`ntmplan.batch.kernel_server`; started only when something must run).
        Not used with ``scheduler`` (the workers may be other machines). False:
        start every kernel the usual way.
    profile : str
        Programme profile (``2021_2025``, ``2026_2030``) passed to every notebook; empty:
        the one the params files name.
    wait : bool
        When another batch holds the outputs folder's lock, wait for it instead of
        stopping (:mod:`ntmplan.batch.lock`).
    survey_year : int
        Survey year every provincial notebook analyses; 0: each province's latest year
        holding the most of its units (:func:`ntmplan.survey.years.choose_year`).

    Returns
    -------
    list of RunResult

    Raises
    ------
    InputError
        A notebook is missing, a parameter does not match its parameters cell, the
        outputs folder cannot be written or another batch is writing into it.
    KeyboardInterrupt
        Ctrl+C: the workers and kernels are stopped, the unfinished runs' outputs
        dropped and the index and run log written first.
    """
    out_root = Path(out_root or paths.OUTPUTS_DIR)
    with output_lock(out_root, wait=wait):
        planned = plan(
            provinces,
            notebooks,
            out_root,
            params_file,
            data_file,
            profile=profile,
            survey_year=survey_year,
        )
        ensure_kernel_path()
        jobs = max(1, jobs or os.cpu_count() or 1)
        factory = _factory(executor_factory, scheduler)
        preload = executor_factory is None and not scheduler  # forked workers inherit imports
        # left by a batch killed earlier (we hold the lock: nothing is writing them)
        remove_partial_notebooks([out_root / NATIONAL_DIR, *out_root.glob("[0-9][0-9]-*")])
        total = sum(map(len, planned))
        with _Batch(out_root, jobs, factory, preload, progress, total) as batch:
            try:
                _run_phases(batch, planned, force, fork_kernels, scheduler, jobs)
            except KeyboardInterrupt:
                batch.interrupt()
                raise
        return batch.finish()


def _run_phases(batch: _Batch, planned, force, fork_kernels, scheduler, jobs) -> None:
    """Run the planned phases in order (checked, keyed, skipped when current)."""
    for number, phase in enumerate(planned):
        if phase[0].notebook == NATIONAL_NOTEBOOK:
            batch.before_national()
        todo = batch.to_run(phase, force)
        if not todo:
            continue
        later = sum(len(p) for p in planned[number + 1 :])
        batch.start_server(use_fork_server(fork_kernels, scheduler, len(todo) + later, jobs))
        batch.run_phase(todo)

"""Batch runner: execute notebooks per province with papermill in worker processes.

A run starts as soon as what it reads is done (:mod:`~ntmplan.batch.schedule`): a
province's 03 once its own 02 and 04 have finished, its 06 after its 01–05, the national
roll-up 00 after every province; at most ``jobs`` runs at a time, the earliest planned
first. The outputs folder is locked for the batch (:mod:`~ntmplan.batch.lock`). Each run writes its executed notebook and an HTML export
with code hidden into the province folder; a failed run keeps papermill's
notebook (with the error) and is reported, and the other runs go on. A run
whose inputs are unchanged since it last succeeded is skipped (its cache key,
:mod:`ntmplan.batch.cache_key`).

This module holds the orchestration only; the pieces live beside it: planning
(:mod:`~ntmplan.batch.tasks`), checks (:mod:`~ntmplan.batch.parameters`), one run
(:mod:`~ntmplan.batch.execute`), workers (:mod:`~ntmplan.batch.pool`), pre-imported
kernels (:mod:`~ntmplan.batch.kernel_server`), cache (:mod:`~ntmplan.batch.cache`), the
batch's state and clean-up (:mod:`~ntmplan.batch.state`).
The names below that it does not use itself are re-exported for callers of the old
single-module runner.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from ntmplan.batch import kernel_server
from ntmplan.batch.cache import CACHE_DIR
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
from ntmplan.batch.pool import process_pool
from ntmplan.batch.results import (
    WORKER_DIED,
    RunResult,
    summary_table,
)
from ntmplan.batch.schedule import RunGraph
from ntmplan.batch.state import BatchState, remove_partial_notebooks
from ntmplan.batch.summaries import (
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
    """Check the selection and build the runs in phases (see :func:`plan_runs`).

    The batch itself does not wait at phase ends (:mod:`ntmplan.batch.schedule`); the
    phases show which runs read which.

    Returns
    -------
    list of list of RunTask
    """
    tasks, national = plan_runs(
        provinces, notebooks, out_root, params_file, data_file, profile, survey_year
    )
    return phases(tasks, national)


def plan_runs(
    provinces: list[str],
    notebooks: list[str],
    out_root: Path,
    params_file: str = "",
    data_file: str = "",
    profile: str = "",
    survey_year: int = 0,
) -> tuple[list[RunTask], RunTask | None]:
    """Check the selection and build the runs, before any kernel starts.

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
    (list of RunTask, RunTask or None)
        The provincial runs in planned order (province, then notebook) and the national
        roll-up when selected.

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
    return tasks, national


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
        runs = plan_runs(
            provinces, notebooks, out_root, params_file, data_file, profile, survey_year
        )
        ensure_kernel_path()
        jobs = max(1, jobs or os.cpu_count() or 1)
        factory = _factory(executor_factory, scheduler)
        preload = executor_factory is None and not scheduler  # forked workers inherit imports
        # left by a batch killed earlier (we hold the lock: nothing is writing them)
        remove_partial_notebooks([out_root / NATIONAL_DIR, *out_root.glob("[0-9][0-9]-*")])
        total = len(runs[0]) + (runs[1] is not None)
        common = source_fingerprint()
        with BatchState(out_root, jobs, factory, preload, progress, total, common) as batch:
            try:
                _run_graph(batch, runs, force, fork_kernels, scheduler, jobs)
            except KeyboardInterrupt:
                batch.interrupt()
                raise
        return batch.finish()


def _run_graph(batch: BatchState, runs, force, fork_kernels, scheduler, jobs) -> None:
    """Run the batch in dependency order (:class:`~ntmplan.batch.schedule.RunGraph`).

    At most ``jobs + 1`` runs are handed to the workers at a time (one queued, so a worker
    that finishes never waits for this process), so the next one is chosen as they free
    up: a province's 03 starts once its own 02 and 04 are done.
    """
    graph = RunGraph(*runs)
    running: dict = {}
    while graph.remaining or running:
        for task in graph.ready()[: max(0, jobs + 1 - len(running))]:
            graph.start(task)
            if task.notebook == NATIONAL_NOTEBOOK:
                batch.before_national()
            if not batch.must_run(task, force):
                graph.finish(task)
                continue
            todo = graph.remaining + len(running) + 1
            batch.start_server(use_fork_server(fork_kernels, scheduler, todo, jobs), task)
            batch.submit(task, running, execute_task)
        if not running:
            continue  # skipped runs freed others: offer them
        for task, res in batch.pool.collect(running, execute_task):
            batch.record(task, res)
            graph.finish(task)

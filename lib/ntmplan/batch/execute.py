"""One run: execute a notebook with papermill (in a worker process) and export its HTML.

A failed run keeps papermill's notebook (with the error) and is a result, never an
exception: the other runs of the batch go on.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

from ntmplan.batch.html_export import disarm_notebook_file, export_html, page_title
from ntmplan.batch.results import RunResult, short_error
from ntmplan.batch.tasks import RunTask
from ntmplan.core import paths

#: The kernel every notebook runs in (the interpreter of the project's venv).
KERNEL_NAME = "python3"
#: Attempts for a run whose kernel failed for a reason other than a cell error (e.g. two
#: kernels starting at the same moment picked the same free TCP port). Cell errors are
#: deterministic and never retried.
KERNEL_ATTEMPTS = 2


def ensure_kernel_path() -> None:
    """Make the kernel use this interpreter (the project venv), whatever PATH says."""
    bindir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bindir + os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


@contextlib.contextmanager
def survey_cache_env(out_root: Path):
    """While a run executes, point its kernel's survey cache at ``<out_root>/.cache``.

    The validated-survey cache (:func:`ntmplan.survey.loading.load_survey_cached`) then
    lives in the run's own outputs folder (``--out``), not a folder shared by every run;
    a ``NTMPLAN_CACHE_DIR`` the user set is kept. The kernel reads the variable from the
    environment it starts with (forked or fresh); the previous value is restored after.

    Parameters
    ----------
    out_root : Path
        The outputs root of the batch.
    """
    if os.environ.get(paths.CACHE_ENV):
        yield
        return
    os.environ[paths.CACHE_ENV] = str(Path(out_root) / ".cache")
    try:
        yield
    finally:
        os.environ.pop(paths.CACHE_ENV, None)


def _kernel_options(task: RunTask, attempt: int) -> dict:
    """Papermill options choosing the kernel: forked from the server on the first attempt."""
    if attempt != 1 or not task.kernel_server:
        return {}
    from ntmplan.batch import kernel_provisioner

    server = kernel_provisioner.parse_server(task.kernel_server)
    return (
        {"kernel_manager_class": kernel_provisioner.kernel_manager_class(server)} if server else {}
    )


def execute_with_retry(papermill, task: RunTask, target: Path) -> None:
    """Execute a notebook with papermill; retry once in a fresh kernel if the kernel itself failed.

    With ``task.kernel_server`` set, the kernel is forked from that server (imports done);
    the retry starts the kernel the usual way.

    Parameters
    ----------
    papermill : module
        ``papermill`` (or a stand-in with ``execute_notebook``).
    task : RunTask
    target : Path
        Where the executed notebook is written.

    Raises
    ------
    papermill.exceptions.PapermillExecutionError
        A cell raised (never retried).
    Exception
        The kernel failed on every attempt.
    """
    from papermill.exceptions import PapermillExecutionError

    for attempt in range(1, KERNEL_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                task.notebook_path,
                str(target),
                parameters=task.parameters,
                kernel_name=KERNEL_NAME,
                progress_bar=False,
                cwd=str(paths.ROOT),
                extra_arguments=["--log-level=CRITICAL"],  # quiet kernels in the batch log
                # the notebook is written once at the end, not after every cell (papermill's
                # default rewrites the whole notebook, images included, after each one)
                request_save_on_cell_execute=False,
                # every output is in once the last cell ran: stop the kernel without waiting
                shutdown_kernel="immediate",
                **_kernel_options(task, attempt),
            )
            return
        except PapermillExecutionError:
            raise
        except Exception:
            if attempt == KERNEL_ATTEMPTS:
                raise


def execute_task(task: RunTask) -> RunResult:
    """Execute one notebook run (in a worker process) and export its HTML.

    Parameters
    ----------
    task : RunTask

    Returns
    -------
    RunResult
        ``ok`` or ``failed`` with the reason; never raises for notebook errors.
    """
    import papermill

    ensure_kernel_path()
    start = time.perf_counter()
    out_dir = Path(task.out_dir)
    ipynb = out_dir / f"{task.notebook}.ipynb"
    html = out_dir / f"{task.notebook}.html"
    error = ""
    status = "ok"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp_nb = out_dir / f".{task.notebook}.running.ipynb"
        try:
            with survey_cache_env(out_dir.parent):  # every run's folder is <out_root>/<name>
                execute_with_retry(papermill, task, tmp_nb)
        finally:
            if tmp_nb.exists():
                disarm_notebook_file(tmp_nb)  # no raw HTML from data or params labels kept
                os.replace(tmp_nb, ipynb)
        export_html(ipynb, html, page_title(task.notebook, task.province_code))
    except Exception as exc:  # noqa: BLE001 - a failed run is a result, not a crash
        status = "failed"
        error = short_error(exc)
        try:
            if ipynb.exists():
                export_html(ipynb, html, page_title(task.notebook, task.province_code))
        except Exception:  # noqa: BLE001
            pass
    return RunResult(
        notebook=task.notebook,
        province_code=task.province_code,
        status=status,
        seconds=round(time.perf_counter() - start, 2),
        out_dir=str(out_dir),
        error=error,
        html=str(html) if html.exists() else "",
        ipynb=str(ipynb) if ipynb.exists() else "",
    )

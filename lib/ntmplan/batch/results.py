"""What happened to each run: the result record, the one-line reason of a failure, the run log
and the plain-text table the command line prints.
"""

from __future__ import annotations

import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: Reason given for a run whose worker process died (killed, out of memory).
WORKER_DIED = (
    "Tiến trình chạy sổ tính bị dừng đột ngột (bị kết thúc hoặc hết bộ nhớ) / "
    "the worker process running this notebook died (killed or out of memory)"
)

#: Reason given for a run stopped by Ctrl+C before it finished.
INTERRUPTED = "Bị dừng (Ctrl+C) trước khi chạy xong / interrupted (Ctrl+C) before it finished"


@dataclass
class RunResult:
    """What happened to one run."""

    notebook: str
    province_code: str
    status: str  # ok | failed | skipped
    seconds: float
    out_dir: str
    error: str = ""
    html: str = ""
    ipynb: str = ""
    extra: dict = field(default_factory=dict)


def short_error(exc: BaseException) -> str:
    """Return a one-line reason for a failure (the notebook error's name and message).

    Parameters
    ----------
    exc : BaseException
        The error (papermill's carries ``ename`` and ``evalue``).

    Returns
    -------
    str
        At most 500 characters.
    """
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"[:500]
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text.splitlines()[-1][:500] if text else type(exc).__name__


def failed_result(task, error: str) -> RunResult:
    """Return the result of a run that failed before it produced anything.

    Parameters
    ----------
    task : RunTask
    error : str
        The reason.

    Returns
    -------
    RunResult
    """
    return RunResult(task.notebook, task.province_code, "failed", 0.0, task.out_dir, error=error)


def skipped_result(task) -> RunResult:
    """Return the result of a run whose outputs are current (not run again).

    Parameters
    ----------
    task : RunTask

    Returns
    -------
    RunResult
    """
    out = Path(task.out_dir)
    html = out / f"{task.notebook}.html"
    ipynb = out / f"{task.notebook}.ipynb"
    return RunResult(
        task.notebook,
        task.province_code,
        "skipped",
        0.0,
        str(out),
        html=str(html),
        ipynb=str(ipynb),
    )


def sort_results(results: list[RunResult]) -> list[RunResult]:
    """Return results sorted by province code, then notebook id.

    Parameters
    ----------
    results : list of RunResult

    Returns
    -------
    list of RunResult
    """
    return sorted(results, key=lambda r: (r.province_code, r.notebook))


def write_run_log(out_root: Path, results: list[RunResult]) -> Path:
    """Write ``<out_root>/run_log.json``: every result of the batch, sorted.

    Parameters
    ----------
    out_root : Path
    results : list of RunResult

    Returns
    -------
    Path
    """
    from ntmplan.core.writers import write_json

    return write_json(Path(out_root) / "run_log.json", [asdict(r) for r in sort_results(results)])


def summary_table(results: list[RunResult]) -> str:
    """Return a plain-text table of results (province, notebook, status, seconds, error).

    Parameters
    ----------
    results : list of RunResult

    Returns
    -------
    str
    """
    lines = [f"{'Tỉnh':<5} {'Sổ tính':<13} {'Kết quả':<9} {'Giây':>6}  Lỗi / error"]
    for r in sort_results(results):
        status = {"ok": "ok", "failed": "LỖI", "skipped": "bỏ qua"}.get(r.status, r.status)
        error = "".join(ch if ch.isprintable() else " " for ch in r.error)  # no terminal escapes
        lines.append(
            f"{r.province_code:<5} {r.notebook:<13} {status:<9} {r.seconds:>6.1f}  {error}"
        )
    n_fail = sum(r.status == "failed" for r in results)
    lines.append(f"{len(results)} lượt chạy / runs, {n_fail} lỗi / failed")
    return "\n".join(lines)

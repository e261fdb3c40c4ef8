"""The one source of dates of the plan's tasks: ``plan.tasks.<task>.start`` / ``end`` quarters.

The timeline of the plan (notebook 06, section VI) and the budget phasing (notebook 03,
``budget.phasing.<activity>.task``) both read the tasks' periods through this module, so an
activity's spending can never start before its task starts.
"""

from __future__ import annotations

import re

from ntmplan.core.params import params_or_defaults

_QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")


def parse_quarter(text, key: str) -> tuple[int, int]:
    """Read a ``YYYYQn`` quarter.

    Parameters
    ----------
    text : object
        The quarter, e.g. ``"2022Q4"``.
    key : str
        Where it was written (for the message), e.g. ``"plan.tasks.task_1.start"``.

    Returns
    -------
    (int, int)
        Year and quarter (1–4).

    Raises
    ------
    ValueError
        If the text is not ``YYYYQn``.
    """
    match = _QUARTER_RE.match(str(text))
    if not match:
        raise ValueError(
            f"{key} = {text!r}: cần dạng 'YYYYQn', ví dụ '2022Q4' / expected 'YYYYQn', e.g. '2022Q4'"
        )
    return int(match.group(1)), int(match.group(2))


def task_period(task: str, params: dict | None = None) -> tuple[int, int]:
    """Return the first and last quarter of a task, as ``4 × year + quarter − 1``.

    Parameters
    ----------
    task : str
        A key of ``plan.tasks`` (``"task_2"``).
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    (int, int)
        Start and end quarter indexes.

    Raises
    ------
    KeyError
        If the task is not in ``plan.tasks``.
    ValueError
        If a quarter is not ``YYYYQn`` or the task ends before it starts.
    """
    tasks = (params_or_defaults(params).get("plan") or {}).get("tasks") or {}
    if task not in tasks:
        raise KeyError(f"plan.tasks.{task} thiếu / missing")
    spec = tasks[task]
    sy, sq = parse_quarter(spec.get("start"), f"plan.tasks.{task}.start")
    ey, eq = parse_quarter(spec.get("end"), f"plan.tasks.{task}.end")
    start, end = 4 * sy + sq - 1, 4 * ey + eq - 1
    if end < start:
        raise ValueError(
            f"plan.tasks.{task}: kết thúc ({spec['end']}) trước khi bắt đầu ({spec['start']}) "
            "/ ends before it starts"
        )
    return start, end


def task_years(task: str, params: dict | None = None) -> list[int]:
    """Return the calendar years a task runs in (from its start year to its end year).

    Parameters
    ----------
    task : str
        A key of ``plan.tasks``.
    params : dict, optional
        Resolved params.

    Returns
    -------
    list of int

    Raises
    ------
    KeyError, ValueError
        As :func:`task_period`.
    """
    start, end = task_period(task, params)
    return list(range(start // 4, end // 4 + 1))

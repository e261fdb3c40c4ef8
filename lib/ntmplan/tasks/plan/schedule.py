"""Section VI (timeline): the tasks by quarter and their deadlines, from ``plan.tasks``."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.core.schedule import parse_quarter, task_period
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.labels import LABELS, TASKS
from ntmplan.tasks.plan.section import Section, captioned

_ROMAN = ("I", "II", "III", "IV")


def quarter_label(quarter: str) -> str:
    """Turn ``"2022Q4"`` into ``"Quý IV/2022"`` ("" stays "").

    Parameters
    ----------
    quarter : str

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the text is not ``YYYYQn``.
    """
    if quarter == "":
        return ""
    year, q = parse_quarter(quarter, "quarter")
    return f"Quý {_ROMAN[q - 1]}/{year}"


def timeline(params: dict | None = None) -> pd.DataFrame:
    """Tasks by quarter, with deadlines (from ``plan.tasks``).

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    pandas.DataFrame
        Columns ``task``, ``name_vi``, ``start``, ``end``, ``deadline`` (``YYYYQn`` text,
        deadline "" when none), ``start_index``, ``end_index`` and ``deadline_index``
        (quarters counted as ``4 × year + quarter − 1``; deadline NaN when none),
        ``period_vi`` and ``deadline_vi`` (e.g. "Quý I/2023 – Quý IV/2025", "Quý IV/2022").

    Raises
    ------
    ValueError
        If a quarter is not ``YYYYQn`` or a task ends before it starts.
    KeyError
        If a task of :data:`TASKS` is missing from ``plan.tasks``.
    """
    p = params_or_defaults(params)
    tasks = nested_get(p, "plan", "tasks", default={})
    rows = []
    for task in TASKS:
        if task not in tasks:
            raise KeyError(f"plan.tasks.{task} thiếu / missing")
        spec = tasks[task]
        start, end = task_period(task, p)
        deadline = str(spec.get("deadline") or "")
        if deadline:
            dy, dq = parse_quarter(deadline, f"plan.tasks.{task}.deadline")
            d_index = float(4 * dy + dq - 1)
        else:
            d_index = float("nan")
        rows.append(
            {
                "task": task,
                "name_vi": spec["name_vi"],
                "start": spec["start"],
                "end": spec["end"],
                "deadline": deadline,
                "start_index": start,
                "end_index": end,
                "deadline_index": d_index,
                "period_vi": f"{quarter_label(spec['start'])} – {quarter_label(spec['end'])}",
                "deadline_vi": quarter_label(deadline) if deadline else "",
            }
        )
    return pd.DataFrame(rows)


def timeline_section(ctx: dict, p: dict) -> Section:
    """Build section VI: the timeline table and the plan's Gantt chart if saved.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise` (``figures["06_plan"]``).
    p : dict
        Resolved params.

    Returns
    -------
    Section

    Raises
    ------
    ValueError, KeyError
        As :func:`timeline`.
    """
    tl = timeline(p)
    table = tl[["task", "name_vi", "period_vi", "deadline_vi"]].copy()
    table["task"] = table["task"].str.replace("task_", "", regex=False)
    table["deadline_vi"] = table["deadline_vi"].replace("", "—")
    figs = [
        f for f in ctx["figures"].get("06_plan", []) if "tien_do" in f.stem or "timeline" in f.stem
    ]
    return Section(
        "timeline",
        "VI. TIẾN ĐỘ THỰC HIỆN",
        [
            "Các nhiệm vụ được thực hiện theo quý; thời hạn lấy theo hướng dẫn của Chương trình (nhiệm vụ 1) "
            "hoặc theo giả định của kế hoạch (xem mục Giả định và lưu ý)."
        ],
        tables=[captioned(table, "Tiến độ thực hiện các nhiệm vụ", {**LABELS, "task": "TT"})],
        figures=figs,
        params_used=("plan.tasks", "programme.start_year", "programme.end_year"),
    )

"""What the task sections (IV.1–7) share: their heading, budget lines by year, figure placement."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.formatting import is_number
from ntmplan.tasks.plan.section import Section, unavailable_text

#: Words in a 04 figure's file name that place it under task 2 (communication) or 6 (support policy);
#: other 04 figures go under task 4 (training). Presentation only.
FIGURE_HINTS = {
    "task_2": ("communication", "truyen_thong"),
    "task_6": ("support", "policy", "phu_cap", "allowance"),
}


def task_heading(
    ctx: dict,
    p: dict,
    timeline_table: pd.DataFrame,
    task: str,
    number: int,
    notebooks: tuple[str, ...],
    params_used: tuple[str, ...],
) -> Section:
    """Start a task section: numbered title, period and deadline, "not available" if needed.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params (``plan.tasks``).
    timeline_table : pandas.DataFrame
        :func:`ntmplan.tasks.plan.timeline` indexed by ``task``.
    task : str
        e.g. ``"task_3"``.
    number : int
        Its number under section IV.
    notebooks : tuple of str
        Notebooks it draws on (missing ones make it not available).
    params_used : tuple of str
        Params prefixes of its figures (``plan.tasks.<task>`` is added).

    Returns
    -------
    Section
    """
    tasks = nested_get(p, "plan", "tasks", default={})
    name = nested_get(tasks, task, "name_vi", default=task)
    sec = Section(
        task,
        f"{number}. {name}",
        level=2,
        notebooks=notebooks,
        params_used=params_used + (f"plan.tasks.{task}",),
    )
    row = timeline_table.loc[task]
    when = f"Thời gian thực hiện: {row['period_vi']}" + (
        f"; thời hạn: {row['deadline_vi']}." if row["deadline_vi"] else "."
    )
    sec.paragraphs.append(when)
    missing = [nb for nb in notebooks if ctx["summaries"].get(nb) is None]
    if missing:
        sec.available = False
        sec.paragraphs.append(unavailable_text(missing))
    return sec


def lines_by_year(s04: dict, activity: str) -> pd.DataFrame | None:
    """Sum the 04 summary's ``budget_lines`` of one activity by year.

    Parameters
    ----------
    s04 : dict
        The 04_capacity summary.
    activity : str
        e.g. ``"communication"``.

    Returns
    -------
    pandas.DataFrame or None
        ``Năm / year`` (text), ``Kinh phí (triệu đồng) / cost (million VND)`` (1 decimal);
        None when there is no such line.
    """
    lines = nested_get(s04, "budget_lines", default=[])
    if not isinstance(lines, list):
        return None
    rows = [
        r
        for r in lines
        if isinstance(r, dict) and r.get("activity") == activity and is_number(r.get("cost_mvnd"))
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows).groupby("year", as_index=False)["cost_mvnd"].sum()
    frame["year"] = frame["year"].astype(str)
    frame["cost_mvnd"] = frame["cost_mvnd"].round(1)
    return frame.rename(
        columns={"year": "Năm / year", "cost_mvnd": "Kinh phí (triệu đồng) / cost (million VND)"}
    )


def split_figures(ctx: dict, notebook: str) -> dict[str, list[Path]]:
    """Place a notebook's figures under tasks 2, 4 and 6 by the words of their names.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    notebook : str
        Usually ``"04_capacity"``.

    Returns
    -------
    dict
        ``task_2``, ``task_4``, ``task_6`` → list of Path (see :data:`FIGURE_HINTS`).
    """
    out: dict[str, list[Path]] = {"task_2": [], "task_4": [], "task_6": []}
    for fig in ctx["figures"].get(notebook, []):
        stem = Path(fig).stem.lower()
        key = next(
            (k for k, words in FIGURE_HINTS.items() if any(w in stem for w in words)), "task_4"
        )
        out[key].append(Path(fig))
    return out

"""Section V (organisation): lead and cooperating agencies per task, from ``plan.tasks``."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.labels import LABELS, TASKS
from ntmplan.tasks.plan.section import Section, captioned


def _agency(params: dict, role: str, where: str) -> str:
    agencies = nested_get(params, "plan", "agencies", default={})
    if role not in agencies:
        raise ValueError(
            f"{where}: vai trò {role!r} không có trong plan.agencies / role not in plan.agencies "
            f"({', '.join(agencies)})"
        )
    return str(agencies[role] or "").strip()


def responsibilities(params: dict | None = None) -> pd.DataFrame:
    """List lead and cooperating agencies per guidance task (from ``plan.tasks``/``plan.agencies``).

    Roles whose agency name is empty (e.g. ``district`` after 1 Jul 2025) are left out;
    an agency named twice (e.g. planning and finance merged) is listed once, and never as
    both lead and cooperating agency.

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    pandas.DataFrame
        Columns ``task``, ``name_vi``, ``lead``, ``cooperate`` (agency names joined by "; "),
        one row per task of :data:`TASKS`.

    Raises
    ------
    ValueError
        If a task names a role missing from ``plan.agencies`` or the lead role is empty.
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
        lead = _agency(p, spec["lead"], f"plan.tasks.{task}.lead")
        if not lead:
            raise ValueError(
                f"plan.tasks.{task}.lead: cơ quan chủ trì trống / lead agency is empty"
            )
        coop: list[str] = []
        for role in spec.get("cooperate", []):
            name = _agency(p, role, f"plan.tasks.{task}.cooperate")
            if name and name != lead and name not in coop:
                coop.append(name)
        rows.append(
            {"task": task, "name_vi": spec["name_vi"], "lead": lead, "cooperate": "; ".join(coop)}
        )
    return pd.DataFrame(rows, columns=["task", "name_vi", "lead", "cooperate"])


def responsibilities_section(ctx: dict, p: dict) -> Section:
    """Build section V: the standing agency and the table of lead / cooperating agencies.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise` (unused: from params only).
    p : dict
        Resolved params.

    Returns
    -------
    Section

    Raises
    ------
    ValueError, KeyError
        As :func:`responsibilities`.
    """
    table = responsibilities(p)
    table["task"] = table["task"].str.replace("task_", "", regex=False)
    lead = nested_get(p, "plan", "agencies", "lead", default="")
    sec = Section(
        "responsibilities",
        "V. TỔ CHỨC THỰC HIỆN",
        [
            f"{lead} là cơ quan thường trực, chủ trì tổ chức thực hiện, theo dõi, đôn đốc và tổng hợp "
            "báo cáo kết quả thực hiện kế hoạch định kỳ hằng năm.",
            "Các cơ quan, đơn vị chủ trì, phối hợp thực hiện từng nhiệm vụ theo bảng dưới.",
        ],
        tables=[
            captioned(
                table,
                "Phân công chủ trì, phối hợp thực hiện các nhiệm vụ",
                {**LABELS, "task": "TT"},
            )
        ],
        params_used=("plan.agencies", "plan.tasks"),
    )
    return sec

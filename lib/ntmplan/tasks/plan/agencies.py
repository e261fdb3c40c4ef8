"""Section V (organisation): lead and cooperating agencies per task, from ``plan.tasks``.

The agencies follow the administrative scheme: ``plan.agencies`` names the bodies after the 2025
reorganisation (no district level, no Sở Thông tin và Truyền thông); a legacy-scheme run
(``programme.scheme: legacy``) uses ``plan.legacy_agencies`` and ``plan.legacy_recipients``.
A task may have several leads: ``lead`` (the main one, with ``lead_duty``) and ``co_leads``
(role → that agency's own duty in the task).
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.labels import LABELS, TASKS
from ntmplan.tasks.plan.section import Section, captioned


def is_legacy(params: dict) -> bool:
    """Tell whether the run uses the legacy (before 1 Jul 2025) administrative scheme.

    Parameters
    ----------
    params : dict
        Resolved params (``programme.scheme``).

    Returns
    -------
    bool
    """
    return nested_get(params, "programme", "scheme", default="current") == "legacy"


def agency_names(params: dict | None = None) -> dict:
    """Return role → agency name for the run's administrative scheme.

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    dict
        ``plan.legacy_agencies`` for a legacy-scheme run, else ``plan.agencies``.
    """
    p = params_or_defaults(params)
    key = "legacy_agencies" if is_legacy(p) else "agencies"
    return dict(nested_get(p, "plan", key, default={}) or {})


def plan_recipients(params: dict | None = None) -> list[str]:
    """Return the plan's "Nơi nhận" list for the run's administrative scheme.

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    list of str
        ``plan.legacy_recipients`` for a legacy-scheme run, else ``plan.recipients``.
    """
    p = params_or_defaults(params)
    key = "legacy_recipients" if is_legacy(p) else "recipients"
    return [str(r) for r in nested_get(p, "plan", key, default=[]) or []]


def _agency(params: dict, role: str, where: str) -> str:
    agencies = agency_names(params)
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
        Columns ``task``, ``name_vi``, ``lead`` (the main lead, then the co-leads; names joined
        by "; "), ``lead_duties`` ("agency: duty" per lead with a duty of its own, joined by
        "; "; "" when none), ``cooperate`` (agency names joined by "; "), one row per task of
        :data:`TASKS`.

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
        leads = [lead]
        duties = [f"{lead}: {spec['lead_duty']}"] if str(spec.get("lead_duty") or "") else []
        for role, duty in (spec.get("co_leads") or {}).items():
            name = _agency(p, role, f"plan.tasks.{task}.co_leads")
            if not name:
                continue
            if name not in leads:
                leads.append(name)
            if str(duty or "").strip():
                duties.append(f"{name}: {str(duty).strip()}")
        coop: list[str] = []
        for role in spec.get("cooperate", []):
            name = _agency(p, role, f"plan.tasks.{task}.cooperate")
            if name and name not in leads and name not in coop:
                coop.append(name)
        rows.append(
            {
                "task": task,
                "name_vi": spec["name_vi"],
                "lead": "; ".join(leads),
                "lead_duties": "; ".join(duties),
                "cooperate": "; ".join(coop),
            }
        )
    return pd.DataFrame(rows, columns=["task", "name_vi", "lead", "lead_duties", "cooperate"])


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
    lead = agency_names(p).get("lead", "")
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
        params_used=(
            "plan.legacy_agencies" if is_legacy(p) else "plan.agencies",
            "plan.tasks",
        ),
    )
    return sec

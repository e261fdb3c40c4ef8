"""Scope of the capacity plan: the communes it covers and the years it runs."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import ParamsError
from ntmplan.core.params import params_or_defaults
from ntmplan.core.schedule import task_years
from ntmplan.tasks.capacity.checks import param_problem

#: The plan's tasks the capacity plan carries out (communication, training, support policies): by
#: default it starts with the first of them (``plan.tasks``, the one source of dates).
PLAN_TASKS = ("task_2", "task_4", "task_6")

#: Survey columns used by the capacity plan whatever the group definitions say.
BASE_COLUMNS = ("commune_code", "unit_type", "villages")


def in_scope(survey: pd.DataFrame, cfg: dict) -> pd.DataFrame:
    """The survey rows of the unit types the plan covers (``capacity.scope_unit_types``).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows with ``unit_type``.
    cfg : dict
        The ``capacity`` section of the resolved params.

    Returns
    -------
    pandas.DataFrame
    """
    return survey[survey["unit_type"].isin(cfg["scope_unit_types"])]


def plan_years(params: dict | None = None) -> list[int]:
    """Return the years the plan covers.

    From ``capacity.plan_start_year`` to ``programme.end_year``; 0 = the start year of the
    first of the plan's tasks 2, 4 and 6 (``plan.tasks``, the dates the plan's timeline and
    the budget also use), or ``programme.start_year`` when that is later or the tasks are
    not listed.

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    list of int

    Raises
    ------
    ParamsError
        If the plan start lies outside the programme period.
    """
    params = params_or_defaults(params)
    start, end = int(params["programme"]["start_year"]), int(params["programme"]["end_year"])
    first = int(params["capacity"].get("plan_start_year") or 0)
    if not first:
        tasks = (params.get("plan") or {}).get("tasks") or {}
        starts = [task_years(t, params)[0] for t in PLAN_TASKS if t in tasks]
        first = max(start, min(starts)) if starts else start
    if not start <= first <= end:
        raise ParamsError(
            [
                param_problem(
                    "capacity.plan_start_year",
                    first,
                    f"Năm bắt đầu kế hoạch phải nằm trong giai đoạn {start}–{end}",
                    f"plan start year must lie within the programme period {start}–{end}",
                )
            ]
        )
    return list(range(first, end + 1))

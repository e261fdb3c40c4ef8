"""The whole capacity plan of one province, and the params of the notebook's interactive choices."""

from __future__ import annotations

import copy

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.calendar import calendar_load, training_calendar
from ntmplan.tasks.capacity.communication import communication_plan
from ntmplan.tasks.capacity.groups import curriculum, target_groups
from ntmplan.tasks.capacity.lines import budget_lines
from ntmplan.tasks.capacity.scope import in_scope
from ntmplan.tasks.capacity.support import support_policy_costs
from ntmplan.tasks.capacity.training import coverage, training_plan


def build(survey: pd.DataFrame, params: dict | None = None) -> dict:
    """Run every step of the capacity plan for one province.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    dict
        DataFrames ``groups``, ``plan``, ``coverage``, ``curriculum``, ``calendar``,
        ``load``, ``communication``, ``policy``, ``budget_lines``, and the int
        ``n_communes`` (communes in scope).

    Raises
    ------
    InputError, ParamsError, CapacityError
        As the individual steps.
    """
    params = params_or_defaults(params)
    n_communes = len(in_scope(survey, params["capacity"]))
    plan = training_plan(survey, params)
    calendar = training_calendar(plan, params, n_communes)
    comm = communication_plan(survey, params)
    policy = support_policy_costs(survey, params)
    return {
        "groups": target_groups(survey, params),
        "plan": plan,
        "coverage": coverage(plan, params),
        "curriculum": curriculum(params),
        "calendar": calendar,
        "load": calendar_load(calendar, params, n_communes),
        "communication": comm,
        "policy": policy,
        "budget_lines": budget_lines(plan, comm, policy),
        "n_communes": n_communes,
    }


def with_controls(
    params: dict,
    class_sizes: dict[str, int] | None = None,
    shares: dict[str, float] | None = None,
    monthly_allowance_mvnd: float | None = None,
) -> dict:
    """Return a copy of params with the notebook's interactive choices applied.

    Parameters
    ----------
    params : dict
        Resolved params (not modified).
    class_sizes : dict, optional
        ``{group: class size}``.
    shares : dict, optional
        ``{group: share trained per year}`` (replaces ``share_per_year``; year-specific shares are kept).
    monthly_allowance_mvnd : float, optional
        Allowance per team member per month, million VND.

    Returns
    -------
    dict

    Raises
    ------
    KeyError
        If a group is unknown.
    """
    out = copy.deepcopy(params)
    groups = out["capacity"]["groups"]
    for g, n in (class_sizes or {}).items():
        groups[g]["class_size"] = int(n)
    for g, s in (shares or {}).items():
        groups[g]["share_per_year"] = float(s)
    if monthly_allowance_mvnd is not None:
        out["capacity"]["support_policy"]["monthly_allowance_mvnd"] = float(monthly_allowance_mvnd)
    return out

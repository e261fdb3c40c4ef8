"""Summary of the capacity plan: the JSON-serialisable key figures written to ``summary_04_capacity.json``.

Summary keys (the interface read by the budget notebook 03 and the plan notebook 06)
-------------------------------------------------------------------------------------
``plan_years``
    ``[first, last]`` year of the plan.
``n_communes``
    Communes in scope (unit types ``capacity.scope_unit_types``).
``groups``
    ``{group: {"name_vi", "size", "size_source", "participants", "classes", "class_days", "cost_mvnd"}}``
    (participants = participant-places summed over years, one per person and year).
``participants_total``, ``classes_total``, ``class_days_total``
    Training totals over the plan (classes and class-days summed over topics).
``coverage``
    ``{group: {"size", "trained_once", "share", "target", "met"}}`` for groups with a coverage target.
``officials_all_trained``
    True when every commune official is trained at least once in the period (``coverage.officials.met``).
``calendar_overflow_class_days``
    Class-days that did not fit the trainer capacity (0 when the calendar fits).
``calendar_within_capacity``
    True when no quarter of a limited trainer pool exceeds its capacity and nothing is unscheduled.
``peak_quarter_utilisation``
    Highest share of a limited pool's quarterly capacity used (0–1).
``allowance_members``
    Community technology team members paid an allowance (per year, first plan year).
``training_cost_mvnd``, ``communication_cost_mvnd``, ``support_policy_cost_mvnd``, ``total_mvnd``
    Totals over the plan years, million VND.
``totals_by_activity``
    ``{"training": …, "communication": …, "support_policy": …}`` million VND.
``totals_by_year``
    ``{"2021": …}`` million VND, all three activities.
``budget_lines``
    List of ``{"activity", "year", "cost_mvnd"}`` records, activity one of
    ``training``, ``communication``, ``support_policy`` — the rows of
    :func:`ntmplan.tasks.capacity.lines.budget_lines`.
    Their sum per activity equals the plan's totals above.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.labels import ACTIVITIES
from ntmplan.tasks.capacity.scope import plan_years


def summary(result: dict, params: dict | None = None) -> dict:
    """Key figures of the capacity plan, JSON-serialisable (keys listed in the module docstring).

    Parameters
    ----------
    result : dict
        Output of :func:`~ntmplan.tasks.capacity.pipeline.build`.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    dict

    Raises
    ------
    KeyError
        If ``result`` lacks one of the frames of :func:`~ntmplan.tasks.capacity.pipeline.build`.
    """
    params = params_or_defaults(params)
    plan, groups, cov = result["plan"], result["groups"], result["coverage"]
    calendar, load, lines = result["calendar"], result["load"], result["budget_lines"]
    years = plan_years(params)
    by_group = plan.groupby("group", sort=False).agg(
        classes=("classes", "sum"), class_days=("days", "sum"), cost_mvnd=("cost_mvnd", "sum")
    )
    people = (
        plan.drop_duplicates(["year", "group"]).groupby("group", sort=False)["participants"].sum()
    )
    group_info = {
        r.group: {
            "name_vi": r.group_vi,
            "size": int(r.size),
            "size_source": r.size_source,
            "participants": int(people.get(r.group, 0)),
            "classes": int(by_group["classes"].get(r.group, 0)),
            "class_days": float(by_group["class_days"].get(r.group, 0.0)),
            "cost_mvnd": round(float(by_group["cost_mvnd"].get(r.group, 0.0)), 3),
        }
        for r in groups.itertuples(index=False)
    }
    cov_info = {
        r.group: {
            "size": int(r.size),
            "trained_once": int(r.trained_once),
            "share": round(float(r.coverage), 4),
            "target": float(r.target),
            "met": bool(r.met),
        }
        for r in cov.itertuples(index=False)
        if r.target > 0
    }
    totals = lines.groupby("activity", sort=False)["cost_mvnd"].sum()
    by_activity = {a: round(float(totals.get(a, 0.0)), 3) for a in ACTIVITIES}
    by_year = lines.groupby("year")["cost_mvnd"].sum()
    overflow = (
        float(calendar.loc[~calendar["scheduled"], "class_days"].sum()) if len(calendar) else 0.0
    )
    util = load["utilisation"].dropna() if len(load) else pd.Series(dtype=float)
    policy = result["policy"]
    allowance = policy[policy["item"] == "allowance"]
    officials = cov_info.get("officials")
    return {
        "plan_years": [years[0], years[-1]],
        "n_communes": int(result["n_communes"]),
        "groups": group_info,
        "participants_total": int(people.sum()),
        "classes_total": int(plan["classes"].sum()),
        "class_days_total": float(plan["days"].sum()),
        "coverage": cov_info,
        "officials_all_trained": bool(officials["met"] and officials["share"] >= 1.0)
        if officials
        else None,
        "calendar_overflow_class_days": overflow,
        "calendar_within_capacity": bool(
            overflow == 0 and (load["within_capacity"].all() if len(load) else True)
        ),
        "peak_quarter_utilisation": round(float(util.max()), 4) if len(util) else None,
        "allowance_members": int(allowance["members"].iloc[0]) if len(allowance) else 0,
        "training_cost_mvnd": by_activity["training"],
        "communication_cost_mvnd": by_activity["communication"],
        "support_policy_cost_mvnd": by_activity["support_policy"],
        "total_mvnd": round(float(lines["cost_mvnd"].sum()), 3),
        "totals_by_activity": by_activity,
        "totals_by_year": {str(int(y)): round(float(v), 3) for y, v in by_year.items()},
        "budget_lines": [
            {"activity": r.activity, "year": int(r.year), "cost_mvnd": round(float(r.cost_mvnd), 3)}
            for r in lines.itertuples(index=False)
        ],
    }

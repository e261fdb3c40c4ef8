"""When money is spent: the programme years, phasing rules and the spread of costs over years.

The years an activity spends in come from the plan's schedule: ``budget.phasing.<activity>.task``
names the task of ``plan.tasks`` whose period (``start`` / ``end`` quarters, the one source of dates,
read through :mod:`ntmplan.core.schedule`) bounds the spending, so the budget never spends on a task
before the plan's timeline starts it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.core.schedule import task_years
from ntmplan.tasks.budget.codes import TOL

#: Phasing rules understood by :func:`phase_weights`.
PHASING_RULES = ("even", "front_loaded", "from_year")


def programme_years(params: dict | None = None) -> list[int]:
    """Return the programme years ``programme.start_year .. programme.end_year``.

    Parameters
    ----------
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    list of int

    Raises
    ------
    ValueError
        If the end year is before the start year.
    """
    p = params_or_defaults(params)["programme"]
    start, end = int(p["start_year"]), int(p["end_year"])
    if end < start:
        raise ValueError(
            f"Năm kết thúc {end} trước năm bắt đầu {start} / end_year {end} is before start_year {start}"
        )
    return list(range(start, end + 1))


def active_years(rule: dict, params: dict | None = None) -> list[int]:
    """Return the programme years in which a phasing rule spends.

    Parameters
    ----------
    rule : dict
        ``{rule, weights, task}`` (see ``budget.phasing``); a province item may also give
        ``from_year``, which can only delay the start.
    params : dict, optional

    Returns
    -------
    list of int
        The programme years within the years of ``plan.tasks.<task>`` (every programme year
        when ``task`` is empty or absent), from ``from_year`` on when it is given.

    Raises
    ------
    ValueError
        If ``from_year`` is after the programme end, or no programme year is left (the task
        lies outside the programme period).
    KeyError
        If ``task`` is not in ``plan.tasks``.
    """
    years = programme_years(params)
    from_year = int(rule.get("from_year") or 0)
    if from_year > years[-1]:
        raise ValueError(
            f"from_year {from_year} sau năm kết thúc chương trình {years[-1]} / after the programme end {years[-1]}"
        )
    task = str(rule.get("task") or "")
    first, last = years[0], years[-1]
    if task:
        t_years = task_years(task, params)
        first, last = max(first, t_years[0]), min(last, t_years[-1])
    active = [y for y in years if max(first, from_year) <= y <= last]
    if not active:
        raise ValueError(
            f"plan.tasks.{task}: không có năm nào trong giai đoạn {years[0]}–{years[-1]} "
            f"/ the task has no year within the programme period"
        )
    return active


def phasing_rule(activity: str, b: dict) -> dict:
    """Return the phasing rule of an activity.

    Parameters
    ----------
    activity : str
        A standard activity or a key of ``budget.other_items``.
    b : dict
        ``params["budget"]``.

    Returns
    -------
    dict
        ``budget.phasing[activity]``; for another item, its own ``phasing`` laid over
        ``budget.phasing.other``, or ``budget.phasing.other`` itself.
    """
    if activity in b["phasing"]:
        return b["phasing"][activity]
    item = (b.get("other_items") or {}).get(activity)
    if isinstance(item, dict) and isinstance(item.get("phasing"), dict):
        return {**b["phasing"]["other"], **item["phasing"]}
    return b["phasing"]["other"]


def phase_weights(rule: dict, params: dict | None = None) -> pd.Series:
    """Return the share of an activity's cost falling in each programme year.

    Parameters
    ----------
    rule : dict
        ``rule``: ``even`` (equal shares over the active years), ``front_loaded``
        (``weights`` for the first active years, padded with 0 and normalised;
        empty weights mean n, n-1, …, 1) or ``from_year`` (equal shares, kept for
        province items). The active years (:func:`active_years`: the years of the rule's
        ``task``, and from ``from_year`` when given) limit every rule.
    params : dict, optional

    Returns
    -------
    pandas.Series
        Index: every programme year; values sum to 1.

    Raises
    ------
    ValueError
        Unknown rule, negative or all-zero weights, from_year after the end.
    """
    years = programme_years(params)
    name = rule.get("rule")
    if name not in PHASING_RULES:
        raise ValueError(
            f"Quy tắc phân kỳ không hợp lệ / unknown phasing rule {name!r}; dùng / use {PHASING_RULES}"
        )
    active = active_years(rule, params)
    n = len(active)
    if name == "front_loaded":
        raw = [float(w) for w in (rule.get("weights") or [])] or [float(n - i) for i in range(n)]
        if any(w < 0 for w in raw):
            raise ValueError("Trọng số phân kỳ phải ≥ 0 / phasing weights must be ≥ 0")
        w = np.array((raw + [0.0] * n)[:n])
    else:
        w = np.ones(n)
    if w.sum() <= 0:
        raise ValueError(
            "Trọng số phân kỳ bằng 0 trong các năm hoạt động / phasing weights are all 0 in the active years"
        )
    out = pd.Series(0.0, index=pd.Index(years, name="year"))
    out.loc[active] = w / w.sum()
    return out


def outside_task(costs: pd.DataFrame, params: dict | None = None) -> pd.Series:
    """Flag the fixed-year lines dated outside their activity's task period.

    Parameters
    ----------
    costs : pandas.DataFrame
        From :func:`activity_costs` (activity, year).
    params : dict, optional

    Returns
    -------
    pandas.Series
        Boolean, same index as ``costs``: True for a line with a year before the start or
        after the end of ``plan.tasks.<task>`` of its activity's phasing rule (lines without
        a year, and activities whose rule names no task, are False).

    Raises
    ------
    ValueError, KeyError
        As :func:`active_years`.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    require_columns(costs, ("activity", "year"), "costs")
    years = pd.Series(costs["year"]).astype("Int64")
    out = pd.Series(False, index=costs.index)
    for activity in pd.unique(costs.loc[years.notna(), "activity"]):
        rule = phasing_rule(activity, b)
        if not rule.get("task"):
            continue
        mine = (costs["activity"] == activity) & years.notna()
        out |= mine & ~years.isin(active_years(rule, p)).fillna(False).astype(bool)
    return out


def phase(costs: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Spread each activity's cost over the programme years by its phasing rule.

    Lines with a fixed year (e.g. the capacity plan's yearly lines) stay in that year when it
    lies within the period of the activity's task (``budget.phasing.<activity>.task`` →
    ``plan.tasks``); a fixed line dated before the task starts or after it ends
    (:func:`outside_task`) is spread with the other lines, so no money is spent outside the
    task's period and the total is kept. The other lines are spread by
    ``budget.phasing.<activity>`` (other items: their own ``phasing`` or
    ``budget.phasing.other``) over the task's years.

    Parameters
    ----------
    costs : pandas.DataFrame
        From :func:`activity_costs` (activity, year, cost_mvnd).
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        activity, year, amount_mvnd (one row per activity and year with a
        non-zero amount; activities in input order).

    Raises
    ------
    ValueError
        Missing columns or a bad phasing rule.
    KeyError
        A phasing rule names a task missing from ``plan.tasks``.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    require_columns(costs, ("activity", "year", "cost_mvnd"), "costs")
    years = pd.Series(costs["year"]).astype("Int64")
    to_spread = years.isna() | outside_task(costs, p)
    fixed = costs[~to_spread]
    spread = costs[to_spread].groupby("activity", sort=False)["cost_mvnd"].sum()
    parts = [
        pd.DataFrame(
            {
                "activity": fixed["activity"],
                "year": fixed["year"].astype(int),
                "amount_mvnd": fixed["cost_mvnd"],
            }
        )
    ]
    for activity, total in spread.items():  # one rule per activity (a handful)
        w = phase_weights(phasing_rule(activity, b), p)
        parts.append(
            pd.DataFrame(
                {
                    "activity": activity,
                    "year": w.index.astype(int),
                    "amount_mvnd": w.to_numpy() * total,
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    order = {a: i for i, a in enumerate(pd.unique(costs["activity"]))}
    out = out.groupby(["activity", "year"], as_index=False, sort=False)["amount_mvnd"].sum()
    out = out[out["amount_mvnd"].abs() > TOL]
    out = (
        out.assign(_o=out["activity"].map(order))
        .sort_values(["_o", "year"], kind="stable")
        .drop(columns="_o")
    )
    return out.reset_index(drop=True)

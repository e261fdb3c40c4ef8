"""Best use of a limited envelope: which communes' shortfalls to fund (MILP, and a greedy comparison)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.tasks.budget.codes import TOL

#: Column names read by :func:`best_use` / :func:`greedy_use` (override via arguments).
GAP_COLUMNS = {"cost": "total_gap_mvnd", "feasible": "attainable", "eligible": "eligible"}


def _prepare_gaps(
    gap_costs_df: pd.DataFrame, budget_mvnd: float, cost_col: str, feasible_col: str, value_col
):
    """Check the inputs; add the working columns _cost, _feasible, _value, _already and _cand."""
    cols = ["commune_code", cost_col, feasible_col] + ([value_col] if value_col else [])
    require_columns(gap_costs_df, cols, "gap_costs")
    if budget_mvnd is None or not math.isfinite(float(budget_mvnd)) or float(budget_mvnd) < 0:
        raise ValueError(f"Ngân sách phải ≥ 0 / budget must be ≥ 0, got {budget_mvnd!r}")
    df = gap_costs_df.reset_index(drop=True).copy()
    cost = pd.to_numeric(df[cost_col], errors="coerce")
    if cost.isna().any() or (cost < 0).any():
        raise ValueError(f"{cost_col}: cần số ≥ 0 / must be numbers ≥ 0")
    df["_cost"] = cost.astype(float)
    df["_feasible"] = df[feasible_col].fillna(False).astype(bool)
    df["_value"] = (
        pd.to_numeric(df[value_col], errors="coerce").fillna(0.0).astype(float)
        if value_col
        else 1.0
    )
    if (df["_value"] < 0).any():
        raise ValueError(f"{value_col}: cần số ≥ 0 / must be ≥ 0")
    eligible_col = GAP_COLUMNS["eligible"]
    if eligible_col in df.columns:
        df["_already"] = df[eligible_col].fillna(False).astype(bool)
    else:
        df["_already"] = df["_feasible"] & (df["_cost"] <= TOL)
    df["_cand"] = df["_feasible"] & ~df["_already"]
    return df


def _finish(df: pd.DataFrame, chosen: np.ndarray) -> pd.DataFrame:
    """Add the result columns for the ``chosen`` rows and drop the working columns."""
    df["already_meets"] = df["_already"]
    df["funded"] = chosen & df["_cand"].to_numpy()
    df["meets_after"] = df["already_meets"] | df["funded"]
    df["priority_value"] = df["_value"]
    df = df.sort_values(
        ["funded", "_cost", "commune_code"], ascending=[False, True, True], kind="stable"
    )
    return df.drop(columns=["_cost", "_feasible", "_value", "_already", "_cand"]).reset_index(
        drop=True
    )


def best_use(
    gap_costs_df: pd.DataFrame,
    budget_mvnd: float,
    cost_col: str = GAP_COLUMNS["cost"],
    feasible_col: str = GAP_COLUMNS["feasible"],
    value_col: str | None = None,
) -> pd.DataFrame:
    """Choose which communes' shortfalls to fund so the most communes meet every pilot condition.

    An integer programme (``scipy.optimize.milp``, 0/1 knapsack): maximise
    the number (or, with ``value_col``, the total value) of communes funded
    subject to the sum of their gap-closing costs ≤ ``budget_mvnd``; among
    optimal choices the cheapest (a second MILP fixes the optimum and
    minimises cost). Candidates are communes flagged as able to meet all
    conditions (``feasible_col``) that do not meet them yet (column
    ``eligible`` when present, else cost 0); a commune is funded wholly or not
    at all.

    Parameters
    ----------
    gap_costs_df : pandas.DataFrame
        One row per commune, e.g. ``ntmplan.tasks.pilots.gap_costs``: commune_code,
        ``cost_col`` (million VND), ``feasible_col`` (bool), optionally
        ``eligible`` and ``value_col`` (priority ≥ 0).
    budget_mvnd : float
        Funds available (≥ 0).
    cost_col, feasible_col, value_col : str
        Column names (defaults: ``total_gap_mvnd``, ``attainable``, none = count).

    Returns
    -------
    pandas.DataFrame
        The input columns plus already_meets, funded, meets_after (bools) and
        priority_value (1 when no value column); funded rows first, cheapest first.

    Raises
    ------
    ValueError
        Missing columns, negative costs or budget, or the solver failing.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    df = _prepare_gaps(gap_costs_df, budget_mvnd, cost_col, feasible_col, value_col)
    chosen = np.zeros(len(df), dtype=bool)
    idx = np.flatnonzero(df["_cand"].to_numpy())
    if len(idx):
        c = df["_cost"].to_numpy()[idx]
        v = df["_value"].to_numpy()[idx]
        integ = np.ones(len(idx))
        bounds = Bounds(0, 1)
        cap = LinearConstraint(c[None, :], -np.inf, float(budget_mvnd))
        opts = {"mip_rel_gap": 0.0}
        first = milp(-v, constraints=[cap], integrality=integ, bounds=bounds, options=opts)
        if not first.success:
            raise ValueError(f"Bộ giải MILP thất bại / MILP solver failed: {first.message}")
        best_v = float(v @ np.round(first.x))
        keep_best = LinearConstraint(v[None, :], best_v - 1e-6, np.inf)
        second = milp(
            c, constraints=[cap, keep_best], integrality=integ, bounds=bounds, options=opts
        )
        x = second.x if second.success else first.x
        chosen[idx] = np.round(x).astype(bool)
    return _finish(df, chosen)


def greedy_use(
    gap_costs_df: pd.DataFrame,
    budget_mvnd: float,
    cost_col: str = GAP_COLUMNS["cost"],
    feasible_col: str = GAP_COLUMNS["feasible"],
    value_col: str | None = None,
) -> pd.DataFrame:
    """Greedy comparison for :func:`best_use`: fund by value per cost, cheapest first.

    Takes candidates in order of value/cost (descending), then cost
    (ascending), while they fit. Without a value column this is
    cheapest-first, which already maximises the count; with values it can be
    beaten by :func:`best_use`.

    Parameters
    ----------
    gap_costs_df, budget_mvnd, cost_col, feasible_col, value_col
        As :func:`best_use`.

    Returns
    -------
    pandas.DataFrame
        As :func:`best_use`.

    Raises
    ------
    ValueError
        As :func:`best_use`.
    """
    df = _prepare_gaps(gap_costs_df, budget_mvnd, cost_col, feasible_col, value_col)
    cand = df[df["_cand"]]
    ratio = cand["_value"] / cand["_cost"].where(cand["_cost"] > 0, np.nan)
    order = cand.assign(_ratio=ratio.fillna(np.inf)).sort_values(
        ["_ratio", "_cost", "commune_code"], ascending=[False, True, True], kind="stable"
    )
    taken = []
    left = float(budget_mvnd)
    for i, cost in zip(
        order.index, order["_cost"], strict=True
    ):  # sequential: what is left depends on earlier picks
        if cost <= left + 1e-9:
            taken.append(i)
            left -= cost
    return _finish(df, df.index.isin(taken))

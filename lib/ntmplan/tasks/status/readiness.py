"""Readiness index: a 0–100 score per pillar and overall, from the commune indicators.

Weights and caps are in ``params["status"]``. ``status.missing_indicator`` decides what a
NaN indicator does: ``reweight`` (default) leaves it out and rescales its pillar's remaining
weights; ``zero`` scores it 0. A pillar with no computable indicator is ``NaN`` and the
overall score is re-weighted over the other pillars.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults


def _check_index_params(sp: dict) -> None:
    """Raise ValueError naming every invalid weight, cap or missing-indicator rule."""
    problems = []
    if sp["missing_indicator"] not in ("reweight", "zero"):
        problems.append(f"status.missing_indicator = {sp['missing_indicator']!r} (reweight | zero)")
    for pillar, items in sp["indicators"].items():
        for name, spec in items.items():
            if spec["weight"] < 0:
                problems.append(f"status.indicators.{pillar}.{name}.weight < 0")
            if spec["cap"] <= 0:
                problems.append(f"status.indicators.{pillar}.{name}.cap ≤ 0")
    for pillar, weight in sp["pillar_weights"].items():
        if weight < 0:
            problems.append(f"status.pillar_weights.{pillar} < 0")
    if problems:
        raise ValueError(
            "Tham số chỉ số không hợp lệ / invalid index params: " + "; ".join(problems)
        )


def _weighted_score(scores: pd.DataFrame, weights: pd.Series, fill_zero: bool) -> pd.Series:
    """Row-wise weighted mean of scores; NaN scores re-weighted out (or counted 0)."""
    if fill_zero:
        scores = scores.fillna(0.0)
    w = pd.DataFrame(
        np.broadcast_to(weights.to_numpy(float), scores.shape),
        index=scores.index,
        columns=scores.columns,
    )
    w = w.where(scores.notna(), 0.0)
    den = w.sum(axis=1)
    num = (scores.fillna(0.0) * w).sum(axis=1)
    return num / den.where(den > 0)


def readiness_index(indicators: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Score each commune 0–100 per pillar and overall.

    Each indicator scores ``100 × min(value / cap, 1)`` (negative values score 0); a pillar is
    the weighted mean of its indicators' scores; ``overall`` the weighted mean of the pillars.
    Missing (NaN) indicators follow ``status.missing_indicator``.

    Parameters
    ----------
    indicators : pandas.DataFrame
        Output of :func:`commune_indicators` (at least the indicators listed in
        ``status.indicators``).
    params : dict, optional
        Resolved params (``status.indicators``, ``status.pillar_weights``,
        ``status.missing_indicator``).

    Returns
    -------
    pandas.DataFrame
        Columns ``infrastructure, digital_government, digital_economy, digital_society,
        overall`` (float 0–100), same index as ``indicators``.

    Raises
    ------
    MissingColumnError
        If an indicator named in params is not in ``indicators``.
    ValueError
        If a weight is negative, a cap not positive, or ``missing_indicator`` unknown.
    """
    sp = params_or_defaults(params)["status"]
    _check_index_params(sp)
    spec = sp["indicators"]
    require_columns(indicators, [n for items in spec.values() for n in items], "indicators")
    fill_zero = sp["missing_indicator"] == "zero"
    out = pd.DataFrame(index=indicators.index)
    for pillar, items in spec.items():  # a handful of pillars
        names = list(items)
        caps = pd.Series({n: float(items[n]["cap"]) for n in names})
        weights = pd.Series({n: float(items[n]["weight"]) for n in names})
        scores = (indicators[names].astype(float) / caps).clip(lower=0.0, upper=1.0) * 100.0
        out[pillar] = _weighted_score(scores, weights, fill_zero)
    pillars = list(spec)
    pw = pd.Series({p: float(sp["pillar_weights"].get(p, 0.0)) for p in pillars})
    out["overall"] = _weighted_score(out[pillars], pw, fill_zero=False)
    return out

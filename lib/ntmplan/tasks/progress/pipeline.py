"""Wiring the progress workbook: survey years → series → close-out → projections (no logic of its own)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.progress.closeout import closeout_targets
from ntmplan.tasks.progress.projection import plan_projection, trend_projection
from ntmplan.tasks.progress.series import commune_measures, province_series
from ntmplan.tasks.progress.summary import at_risk_flags


def project(
    measures: pd.DataFrame, funded: int, plan_end: int, params: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Series and projection (trend, range, funded plan, at risk) of one set of targets.

    Parameters
    ----------
    measures : pandas.DataFrame
        From :func:`commune_measures`.
    funded : int
        Communes whose gaps the budget funds (03 ``best_use.funded``).
    plan_end : int
        Last year of the funded plan.
    params : dict, optional
        Resolved params (``progress``).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        :func:`province_series` and :func:`plan_projection` with ``communes`` (in the last
        survey year) and ``at_risk``.
    """
    series = province_series(measures)
    trend = trend_projection(series, measures, params)
    last = series.sort_values("year").groupby(["province_code", "target_id"])["communes"].last()
    trend = trend.join(last, on=["province_code", "target_id"])
    projection = plan_projection(trend, funded, plan_end, params)
    projection["at_risk"] = at_risk_flags(projection, params).to_numpy()
    return series, projection


def build(
    panel: pd.DataFrame,
    targets_closeout: dict,
    targets_horizon: dict,
    funded: int,
    plan_end: int,
    params: dict | None = None,
) -> dict:
    """Everything the progress report shows for the survey years of one province.

    Parameters
    ----------
    panel : pandas.DataFrame
        The province's survey rows of every year (:func:`ntmplan.tasks.progress.stack_years`).
    targets_closeout, targets_horizon : dict
        ``status.targets`` of the close-out profile (2025) and the projection profile (2030).
    funded : int
        Communes whose gaps the budget funds (03); 0 for none.
    plan_end : int
        Last year of the funded plan.
    params : dict, optional
        Resolved params.

    Returns
    -------
    dict
        DataFrames ``series_2025``, ``closeout``, ``projection_2025``, ``series_2030``,
        ``projection_2030`` (projections with ``label_vi``) and ``series`` (both series
        together); ``labels``: target id → Vietnamese name, for both target sets.

    Raises
    ------
    MissingColumnError
        If the survey lacks a column a target needs.
    """
    p = params_or_defaults(params)
    m25 = commune_measures(panel, p, targets_closeout)
    m30 = commune_measures(panel, p, targets_horizon)
    series_25, projection_25 = project(m25, funded, plan_end, p)
    series_30, projection_30 = project(m30, funded, plan_end, p)
    labels = {
        k: str(v.get("label_vi", k)) for k, v in {**targets_closeout, **targets_horizon}.items()
    }
    for frame in (projection_25, projection_30):
        frame["label_vi"] = frame["target_id"].map(labels)
    return {
        "series_2025": series_25,
        "closeout": closeout_targets(m25, p, targets_closeout),
        "projection_2025": projection_25,
        "series_2030": series_30,
        "projection_2030": projection_30,
        "series": pd.concat([series_25, series_30], ignore_index=True),
        "labels": labels,
    }

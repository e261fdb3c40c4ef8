"""Key figures of the progress workbook for ``summary_07_progress.json`` (read by notebook 00).

Keys: ``closeout_year``, ``horizon_year``, ``survey_years`` (list), ``closeout`` (per target:
``label_vi, year, value, target, met, margin, communes_short``), ``targets_met``,
``targets_total``, ``projection`` (the horizon profile's targets) and ``projection_2025`` (the
close-out targets), each per target: ``label_vi, status, target, last_value, year_trend,
year_early, year_late, year_plan, at_risk``; ``at_risk`` (target ids at risk for the horizon year),
``central_pilots`` (list of ``{name, pilot_type, unit_2025, in_ward}``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.params import params_or_defaults


def _num(value):
    """JSON value: None for missing, int for integers, a rounded float otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    return round(float(value), 4)


def at_risk_flags(projection: pd.DataFrame, params: dict | None = None) -> pd.Series:
    """Tell, per row of a projection, whether the target is at risk for the horizon year.

    Parameters
    ----------
    projection : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.plan_projection` (``status``, ``year_plan``).
    params : dict, optional
        Resolved params (``progress.horizon_year``, ``progress.at_risk.no_trend_is_risk``).

    Returns
    -------
    pandas.Series of bool
        True when the target is not met and not reached by the horizon under the funded
        plan (a province with no trend counts when ``no_trend_is_risk``).
    """
    p = params_or_defaults(params)["progress"]
    horizon = int(p["horizon_year"])
    late = projection["year_plan"].isna() | (projection["year_plan"].fillna(horizon + 1) > horizon)
    risk = (projection["status"] != "met") & late
    if not p["at_risk"]["no_trend_is_risk"]:
        risk = risk & (projection["status"] != "no_trend")
    return risk.astype(bool)


def _projection_dict(projection: pd.DataFrame) -> dict:
    return {
        r.target_id: {
            "label_vi": str(getattr(r, "label_vi", r.target_id)),
            "status": str(r.status),
            "target": _num(r.target),
            "last_value": _num(r.last_value),
            "year_trend": _num(r.year_trend),
            "year_early": _num(r.year_early),
            "year_late": _num(r.year_late),
            "year_plan": _num(r.year_plan),
            "at_risk": bool(r.at_risk),
        }
        for r in projection.itertuples(index=False)
    }


def summary(closeout, projection_2030, projection_2025, years, central, params=None) -> dict:
    """Key figures (keys in the module docstring).

    Parameters
    ----------
    closeout : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.closeout_targets` (one province).
    projection_2030, projection_2025 : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.project` (one province), with ``at_risk`` and
        ``label_vi``.
    years : list of int
        Survey years found.
    central : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.province_pilots`.
    params : dict, optional

    Returns
    -------
    dict
        JSON-serialisable.
    """
    p = params_or_defaults(params)["progress"]
    return {
        "closeout_year": int(p["closeout_year"]),
        "horizon_year": int(p["horizon_year"]),
        "survey_years": [int(y) for y in years],
        "closeout": {
            r.target_id: {
                "label_vi": str(r.label_vi),
                "year": int(r.year),
                "value": _num(r.value),
                "target": _num(r.target),
                "met": bool(r.met),
                "margin": _num(r.margin),
                "communes_short": int(r.communes_short),
            }
            for r in closeout.itertuples(index=False)
        },
        "targets_met": int(closeout["met"].sum()),
        "targets_total": int(len(closeout)),
        "projection": _projection_dict(projection_2030),
        "projection_2025": _projection_dict(projection_2025),
        "at_risk": [str(t) for t in projection_2030.loc[projection_2030["at_risk"], "target_id"]],
        "central_pilots": [
            {
                "name": str(r.legacy_commune_name),
                "pilot_type": str(r.pilot_type),
                "unit_2025": str(r.commune_name),
                "in_ward": bool(r.in_ward),
            }
            for r in central.itertuples(index=False)
        ],
    }

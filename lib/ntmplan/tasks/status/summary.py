"""Key figures of the status review for ``summary_01_status.json``.

Summary keys (read by notebooks 06 and 00)
------------------------------------------
``year`` (int or None)
    Survey year (the latest in the frame).
``n_units`` (int)
    Rows in the survey frame (all unit types).
``n_communes`` (int)
    Surveyed units in scope (``status.scope_unit_types``: rural communes and special zones), i.e.
    the units in scope that returned data.
``units_in_province`` (dict or None)
    The province's commune-level units from the administrative tables (2025 units), not from the
    survey: ``by_type`` ({"xã": n, "phường": n, "đặc khu": n}), ``total`` (all of them),
    ``in_scope`` (those of ``status.scope_unit_types``; wards, ``phường``, are outside NTM) and
    ``scope_unit_types``. None when the survey's province is not in the tables. The review covers
    ``n_communes`` of ``in_scope`` units.
``readiness_overall`` (float)
    Headline figure (read by the index pages): the household-weighted mean of the overall
    index, 0–100 (same as ``readiness_overall_weighted``).
``readiness_overall_mean`` (float)
    Plain mean of the overall index over the communes in scope (each commune counts once), 0–100.
``readiness_overall_weighted`` (float)
    Household-weighted mean of the overall index, 0–100.
``readiness_pillars`` / ``readiness_pillars_weighted`` (dict pillar → float)
    The same per pillar (keys ``infrastructure``, ``digital_government``, ``digital_economy``,
    ``digital_society``).
``readiness_quantiles`` (dict ``p10``… → float)
    Quantiles of the overall index.
``indicators_weighted`` (dict indicator → float)
    Household-weighted province value of every indicator.
``profile`` / ``targets_source_vi`` (str)
    The programme profile and the text naming its targets.
``targets_total`` / ``targets_met`` (int)
    Number of the profile's targets assessed and met.
``targets`` (dict target id → dict)
    ``label_vi``, ``value``, ``target``, ``met`` (bool), ``communes_met``, ``communes_total``,
    ``communes_needed``, ``note`` for each target of ``status.targets`` (the 2021–2025
    profile: ``files_online``, ``criterion_8_4``, ``cooperatives``, ``digital_service``).
``completion`` (dict or None)
    The province-completion check (:func:`~ntmplan.tasks.status.phase.completion_summary`);
    None when the profile sets no condition.
``groups`` (dict or None)
    Communes in scope per commune group (``"1"``, ``"2"``, ``"3"`` → int), when given.
``weakest_communes`` / ``strongest_communes`` (list of dict)
    ``commune_code``, ``commune_name``, ``overall`` (index 0–100), weakest first / strongest first.

Floats are rounded to 4 decimals; a value that cannot be computed is ``None``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.status.aggregates import extremes, province_aggregates, quantile_name
from ntmplan.tasks.status.scope import province_units, scope_mask


def clean(value):
    """Make a scalar JSON-serialisable: numpy → Python, NaN → None, floats rounded to 4 places.

    Parameters
    ----------
    value : object
        A scalar (numpy or Python, NaN, ``pd.NA`` or None).

    Returns
    -------
    bool, int, float, str or None
    """
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else round(float(value), 4)
    if value is pd.NA:
        return None
    return str(value)


def summary(
    survey: pd.DataFrame,
    indicators: pd.DataFrame,
    index: pd.DataFrame,
    progress: pd.DataFrame,
    params: dict | None = None,
    completion: dict | None = None,
    groups: pd.DataFrame | None = None,
) -> dict:
    """Collect the key figures of the status review (keys: see the module docstring).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province.
    indicators : pandas.DataFrame
        Output of :func:`commune_indicators`.
    index : pandas.DataFrame
        Output of :func:`readiness_index`.
    progress : pandas.DataFrame
        Output of :func:`target_progress`.
    params : dict, optional
        Resolved params.
    completion : dict, optional
        Output of :func:`~ntmplan.tasks.status.phase.completion_summary`.
    groups : pandas.DataFrame, optional
        Output of :func:`~ntmplan.tasks.status.phase.group_table`.

    Returns
    -------
    dict
        JSON-serialisable (Python scalars, NaN → None). The province code/name are added by
        the notebook context (``ctx.write_summary``).

    Raises
    ------
    MissingColumnError
        If a needed column is missing.
    ValueError
        If the frames do not share the same index.
    """
    p = params_or_defaults(params)
    sp = p["status"]
    require_columns(survey, ["year", "unit_type"], "survey")
    agg = province_aggregates(survey, indicators, index, params)
    ext = extremes(survey, index, params)
    mask = scope_mask(survey, sp)
    pillars = [p for p in index.columns if p != "overall"]

    def communes(group: str) -> list[dict]:
        rows = ext[ext["group"] == group]
        return [
            {"commune_code": str(c), "commune_name": str(n), "overall": clean(v)}
            for c, n, v in zip(
                rows["commune_code"], rows["commune_name"], rows["overall"], strict=True
            )
        ]

    targets = {
        str(r["target_id"]): {
            "label_vi": str(r["label_vi"]),
            "value": clean(r["value"]),
            "target": clean(r["target"]),
            "met": bool(r["met"]),
            "communes_met": int(r["communes_met"]),
            "communes_total": int(r["communes_total"]),
            "communes_needed": int(r["communes_needed"]),
            "note": str(r.get("note") or ""),
        }
        for r in progress.to_dict("records")
    }
    by_group = None
    if groups is not None:
        by_group = {
            str(g).removeprefix("Nhóm "): int(n)
            for g, n in zip(groups["group"], groups["communes"], strict=True)
        }
    return {
        "year": clean(survey["year"].max()) if len(survey) else None,
        "n_units": int(len(survey)),
        "n_communes": int(mask.sum()),
        "units_in_province": province_units(survey, sp),
        "readiness_overall": clean(agg.loc["overall", "weighted_mean"]),
        "readiness_overall_mean": clean(agg.loc["overall", "mean"]),
        "readiness_overall_weighted": clean(agg.loc["overall", "weighted_mean"]),
        "readiness_pillars": {p: clean(agg.loc[p, "mean"]) for p in pillars},
        "readiness_pillars_weighted": {p: clean(agg.loc[p, "weighted_mean"]) for p in pillars},
        "readiness_quantiles": {
            quantile_name(q): clean(agg.loc["overall", quantile_name(q)]) for q in sp["quantiles"]
        },
        "indicators_weighted": {c: clean(agg.loc[c, "weighted_mean"]) for c in indicators.columns},
        "profile": str(p.get("programme", {}).get("profile", "")),
        "targets_source_vi": str(p.get("programme", {}).get("targets_source_vi", "")),
        "targets_total": int(len(progress)),
        "targets_met": int(progress["met"].sum()),
        "targets": targets,
        "completion": completion,
        "groups": by_group,
        "weakest_communes": communes("yếu nhất"),
        "strongest_communes": communes("mạnh nhất"),
    }

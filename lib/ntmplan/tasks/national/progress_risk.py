"""Provinces at risk of missing a 2030 target, from each province's progress summary (07)."""

from __future__ import annotations

import pandas as pd

#: Projection status → Vietnamese (as the provinces' reports write it).
STATUS_VI = {
    "met": "Đã đạt",
    "reached": "Đạt theo xu hướng",
    "not_reached": "Không đạt theo xu hướng",
    "no_trend": "Chưa tính được xu hướng (một năm số liệu)",
}


def _year(value, stop: int | None) -> str:
    if value is None:
        return f"sau {stop}" if stop else "không đạt"
    return str(int(value))


def at_risk_2030(progress: dict[str, dict], stop: int | None = None) -> pd.DataFrame:
    """List every province and 2030 target projected to be missed under the funded plan.

    Sorted so the provinces needing attention come first: most targets at risk, then the
    furthest from the target, then code.

    Parameters
    ----------
    progress : dict of str to dict
        Province code → ``summary_07_progress.json``
        (:func:`ntmplan.tasks.national.read_progress`).
    stop : int, optional
        Last projected year (``progress.last_projected_year``), for "sau <năm>".

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province_name``, ``label_vi``, ``last_value``, ``target``,
        ``gap`` (target − last value), ``status_vi``, ``year_plan_text``,
        ``targets_at_risk`` (of the province).
    """
    rows = [
        {
            "province_code": code,
            "province_name": s.get("province_name", code),
            "label_vi": v.get("label_vi", tid),
            "last_value": v.get("last_value"),
            "target": v.get("target"),
            "status_vi": STATUS_VI.get(v.get("status"), v.get("status")),
            "year_plan_text": _year(v.get("year_plan"), stop),
            "targets_at_risk": len(s.get("at_risk") or []),
        }
        for code, s in progress.items()
        for tid, v in (s.get("projection") or {}).items()
        if v.get("at_risk")
    ]
    cols = [
        "province_code",
        "province_name",
        "label_vi",
        "last_value",
        "target",
        "gap",
        "status_vi",
        "year_plan_text",
        "targets_at_risk",
    ]
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows)
    out["gap"] = out["target"].astype(float) - out["last_value"].astype(float)
    out = out.sort_values(
        ["targets_at_risk", "gap", "province_code"], ascending=[False, False, True]
    )
    return out[cols].reset_index(drop=True)


def risk_counts(progress: dict[str, dict]) -> pd.DataFrame:
    """Per 2030 target: how many provinces are projected to miss it (and how many have data).

    Parameters
    ----------
    progress : dict of str to dict
        From :func:`ntmplan.tasks.national.read_progress`.

    Returns
    -------
    pandas.DataFrame
        ``label_vi``, ``target``, ``provinces``, ``provinces_at_risk``, ``provinces_met``.
    """
    rows = [
        {
            "target_id": tid,
            "label_vi": v.get("label_vi", tid),
            "target": v.get("target"),
            "at_risk": bool(v.get("at_risk")),
            "met": v.get("status") == "met",
        }
        for s in progress.values()
        for tid, v in (s.get("projection") or {}).items()
    ]
    cols = ["label_vi", "target", "provinces", "provinces_at_risk", "provinces_met"]
    if not rows:
        return pd.DataFrame(columns=cols)
    g = pd.DataFrame(rows).groupby("target_id", sort=False)
    out = g.agg(
        label_vi=("label_vi", "first"),
        target=("target", "first"),
        provinces=("at_risk", "size"),
        provinces_at_risk=("at_risk", "sum"),
        provinces_met=("met", "sum"),
    ).reset_index(drop=True)
    return out[cols].astype({"provinces_at_risk": "int64", "provinces_met": "int64"})

"""Key figures of the national roll-up for ``summary_00_national.json`` (package docstring)."""

from __future__ import annotations

import pandas as pd


def summary(
    df: pd.DataFrame, risk: pd.DataFrame, budget: pd.DataFrame, registrations: pd.DataFrame
) -> dict:
    """Key figures of the national roll-up (keys in the package docstring).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces`.
    risk : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.at_risk`.
    budget : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.budget_by_source`.
    registrations : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.stack_registrations`.

    Returns
    -------
    dict
        JSON-serialisable.
    """
    readiness = (
        df["readiness"].astype(float) if "readiness" in df.columns else pd.Series(dtype=float)
    )
    by_source = {r.source: float(r.amount_mvnd) for r in budget.itertuples() if r.source != "total"}
    return {
        "provinces": int(len(df)),
        "provinces_with_pilots_summary": int(df["pilots_available"].sum())
        if "pilots_available" in df.columns
        else 0,
        "at_risk": [str(c) for c in risk["province_code"]],
        "at_risk_count": int(len(risk)),
        "readiness_mean": float(readiness.mean()) if readiness.notna().any() else None,
        "budget_total_mvnd": float(sum(by_source.values())),
        "budget_by_source_mvnd": by_source,
        "registrations": int(len(registrations)),
        "illustrative": bool(df["illustrative"].any()) if "illustrative" in df.columns else False,
    }

"""Inputs from other notebooks: the capacity plan's budget lines (04) and the chosen pilots (02)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns

#: Activities the capacity summary (04) may provide as ``budget_lines``.
CAPACITY_ACTIVITIES = ("training", "communication", "support_policy")


def capacity_lines(capacity_summary: dict | None) -> pd.DataFrame | None:
    """Read the capacity plan's ``budget_lines`` (notebook 04 summary).

    Parameters
    ----------
    capacity_summary : dict or None
        ``ctx.read_summary("04_capacity")``; its key ``budget_lines`` is a list
        of ``{activity: training|communication|support_policy, year, cost_mvnd}``.

    Returns
    -------
    pandas.DataFrame or None
        Columns activity, year (int), cost_mvnd; None when the summary or the
        key is missing or the list is empty.

    Raises
    ------
    ValueError
        If a line has an unknown activity or a negative / non-numeric cost, or the
        lines lack a column (:class:`~ntmplan.core.errors.MissingColumnError`).
    """
    if not capacity_summary or not capacity_summary.get("budget_lines"):
        return None
    lines = pd.DataFrame(capacity_summary["budget_lines"])
    require_columns(lines, ("activity", "year", "cost_mvnd"), "04_capacity budget_lines")
    bad = sorted(set(lines["activity"]) - set(CAPACITY_ACTIVITIES))
    if bad:
        raise ValueError(
            f"04_capacity budget_lines: hoạt động không hợp lệ / unknown activities: {bad}"
        )
    cost = pd.to_numeric(lines["cost_mvnd"], errors="coerce")
    if cost.isna().any() or (cost < 0).any():
        raise ValueError("04_capacity budget_lines: cost_mvnd phải là số ≥ 0 / must be numbers ≥ 0")
    return pd.DataFrame(
        {
            "activity": lines["activity"].astype(str),
            "year": lines["year"].astype(int),
            "cost_mvnd": cost.astype(float),
        }
    )


def chosen_pilots(pilots_summary: dict | None) -> pd.DataFrame | None:
    """Read the chosen pilots and their gap-closing costs from the 02 summary.

    Parameters
    ----------
    pilots_summary : dict or None
        ``ctx.read_summary("02_pilots")``. Its key ``chosen`` maps a pilot type
        (``smart_commune``, ``ecommerce_commune``, …) to a list of
        ``{commune_code, commune_name, gap_mvnd, …}`` in choice order
        (``gap_mvnd`` = cost of closing the commune's shortfalls, 0 when eligible).

    Returns
    -------
    pandas.DataFrame or None
        Columns pilot_type, commune_code, commune_name, gap_cost_mvnd (in the
        summary's order); None when the summary or its ``chosen`` key is missing.

    Raises
    ------
    ValueError
        If ``chosen`` is not a mapping of lists, a pilot lacks a code, or a gap
        cost is negative.
    """
    if not pilots_summary or pilots_summary.get("chosen") is None:
        return None
    chosen = pilots_summary["chosen"]
    if not isinstance(chosen, dict) or not all(isinstance(v, list) for v in chosen.values()):
        raise ValueError(
            "02_pilots chosen: cần {loại: [xã, …]} / must map pilot type to a list of communes"
        )
    records = [{**rec, "pilot_type": str(t)} for t, recs in chosen.items() for rec in recs]
    cols = ["pilot_type", "commune_code", "commune_name", "gap_cost_mvnd"]
    if not records:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "gap_cost_mvnd" else object) for c in cols}
        )
    frame = pd.DataFrame(records)
    require_columns(frame, ("commune_code",), "02_pilots chosen")
    gap = pd.to_numeric(
        frame.get("gap_mvnd", pd.Series(0.0, index=frame.index)), errors="coerce"
    ).fillna(0.0)
    if (gap < 0).any():
        raise ValueError("02_pilots chosen: gap_mvnd phải ≥ 0 / must be ≥ 0")
    names = frame["commune_name"] if "commune_name" in frame else frame["commune_code"]
    return pd.DataFrame(
        {
            "pilot_type": frame["pilot_type"],
            "commune_code": frame["commune_code"].astype(str),
            "commune_name": names.astype(str),
            "gap_cost_mvnd": gap.astype(float),
        }
    )

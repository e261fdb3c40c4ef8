"""Checks of a budget table: fully financed, totals kept, shares within bounds, years in the period."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.codes import UNFUNDED
from ntmplan.tasks.budget.phasing import programme_years

_COLUMNS = ["check", "subject", "value", "bound", "ok", "message"]


def checks(
    tidy: pd.DataFrame, params: dict | None = None, costs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Check a budget table: fully financed, totals kept, shares within bounds, years in the period.

    Parameters
    ----------
    tidy : pandas.DataFrame
        After :func:`apply_envelopes` (may contain source ``unfunded``).
    params : dict, optional
        Reads ``budget.share_bounds`` and the programme period.
    costs : pandas.DataFrame, optional
        From :func:`activity_costs`; when given, each activity's total in the
        table must equal its cost.

    Returns
    -------
    pandas.DataFrame
        check, subject, value, bound, ok, message (Vietnamese / English).

    Raises
    ------
    ValueError
        Missing columns (:class:`~ntmplan.core.errors.MissingColumnError`) or a bound
        naming an unknown source.
    """
    p = params_or_defaults(params)
    require_columns(tidy, ("activity", "year", "source", "amount_mvnd"), "tidy")
    rows = _financed_rows(tidy)
    if costs is not None:
        require_columns(costs, ("activity", "cost_mvnd"), "costs")
        rows += _total_kept_rows(tidy, costs)
    rows += _share_bound_rows(tidy, p["budget"])
    rows.append(_period_row(tidy, programme_years(p)))
    return pd.DataFrame(rows, columns=_COLUMNS)


def _financed_rows(tidy: pd.DataFrame) -> list[dict]:
    """One ``financed`` row per activity: nothing left on the unfunded pseudo-source."""
    rows = []
    unfunded = tidy[tidy["source"] == UNFUNDED].groupby("activity")["amount_mvnd"].sum()
    for a in pd.unique(tidy["activity"]):
        gap = float(unfunded.get(a, 0.0))
        rows.append(
            {
                "check": "financed",
                "subject": a,
                "value": gap,
                "bound": 0.0,
                "ok": gap <= 1e-6,
                "message": "Đủ nguồn / fully financed"
                if gap <= 1e-6
                else f"Thiếu {fmt.number(gap)} tr.đ chưa có nguồn / {gap:,.1f} million VND unfunded",
            }
        )
    return rows


def _total_kept_rows(tidy: pd.DataFrame, costs: pd.DataFrame) -> list[dict]:
    """One ``total_kept`` row per costed activity: the table's total equals the cost."""
    rows = []
    want = costs.groupby("activity", sort=False)["cost_mvnd"].sum()
    have = tidy.groupby("activity")["amount_mvnd"].sum().reindex(want.index, fill_value=0.0)
    for a, w in want.items():
        ok = abs(have[a] - w) <= 1e-6 * max(1.0, abs(w))
        rows.append(
            {
                "check": "total_kept",
                "subject": a,
                "value": float(have[a]),
                "bound": float(w),
                "ok": bool(ok),
                "message": "Khớp tổng chi phí / matches the cost total"
                if ok
                else "Lệch so với tổng chi phí / differs from the cost total",
            }
        )
    return rows


def _share_bound_rows(tidy: pd.DataFrame, b: dict) -> list[dict]:
    """One ``share_bounds`` row per bound of ``budget.share_bounds`` (shares of the funded total)."""
    rows = []
    funded = tidy[tidy["source"] != UNFUNDED]
    total = float(funded["amount_mvnd"].sum())
    by_source = funded.groupby("source")["amount_mvnd"].sum()
    pct = fmt.percent
    for name, bound in b["share_bounds"].items():
        unknown = sorted(set(bound["sources"]) - set(b["sources"]))
        if unknown:
            raise ValueError(
                f"budget.share_bounds.{name}: nguồn không hợp lệ / unknown sources {unknown}"
            )
        share = (
            float(by_source.reindex(bound["sources"], fill_value=0.0).sum() / total)
            if total > 0
            else 0.0
        )
        lo, hi = float(bound["min"]), float(bound["max"])
        ok = lo - 1e-9 <= share <= hi + 1e-9
        rows.append(
            {
                "check": "share_bounds",
                "subject": name,
                "value": share,
                "bound": f"{pct(lo, 0)}–{pct(hi, 0)}",
                "ok": ok,
                "message": (
                    f"Tỷ lệ {pct(share)} trong khoảng {pct(lo, 0)}–{pct(hi, 0)} / share within bounds"
                )
                if ok
                else (
                    f"Tỷ lệ {pct(share)} ngoài khoảng {pct(lo, 0)}–{pct(hi, 0)} "
                    f"(giả định, budget.share_bounds.{name}) / share outside bounds"
                ),
            }
        )
    return rows


def _period_row(tidy: pd.DataFrame, years: list[int]) -> dict:
    """The ``years_in_period`` row: every amount falls in a programme year."""
    outside = sorted(set(int(y) for y in tidy["year"]) - set(years))
    return {
        "check": "years_in_period",
        "subject": "year",
        "value": ", ".join(map(str, outside)),
        "bound": f"{years[0]}–{years[-1]}",
        "ok": not outside,
        "message": "Mọi khoản trong giai đoạn chương trình / all amounts within the programme period"
        if not outside
        else "Có khoản ngoài giai đoạn chương trình / amounts outside the programme period",
    }

"""Charts of the progress workbook: each target's series, its target line and projected years."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import charts as cc
from ntmplan.core import fmt


def _reached(r) -> str:
    """Short text of a projection for a panel title."""
    if r.status == "met":
        return "đã đạt"
    if r.status == "no_trend":
        return "chưa tính được xu hướng"
    if pd.isna(r.year_trend):
        return "không đạt theo xu hướng"
    return f"đạt năm {int(r.year_trend)} theo xu hướng"


def target_series_chart(
    series: pd.DataFrame, projection: pd.DataFrame, labels: dict, title: str, horizon: int = 2030
):
    """Small multiples: per target, the province's values by year, the target and the projection.

    Parameters
    ----------
    series : pandas.DataFrame
        One province's :func:`ntmplan.tasks.progress.province_series`.
    projection : pandas.DataFrame
        Its :func:`ntmplan.tasks.progress.plan_projection` (``slope``, ``plan_slope``,
        ``last_year``, ``last_value``, ``year_trend``, ``year_plan``).
    labels : dict
        Target id → Vietnamese label.
    title : str
        Figure title.
    horizon : int
        Last year drawn (``progress.horizon_year``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    ids = list(projection["target_id"])
    fig = cc.new_figure(9.0, 2.8 * max(1, (len(ids) + 1) // 2) + 0.8)
    grid = fig.subplots(max(1, (len(ids) + 1) // 2), 2, squeeze=False)
    for ax, tid in zip(grid.ravel(), ids, strict=False):
        s = series[series["target_id"] == tid].sort_values("year")
        r = projection[projection["target_id"] == tid].iloc[0]
        ax.plot(s["year"], s["value"], marker="o", color="#1f4e79", label="Số liệu khảo sát")
        end = max(int(horizon), int(r.last_year) + 1)
        years = [int(r.last_year), end]
        if pd.notna(r.slope):
            trend = [r.last_value, min(1.0, r.last_value + r.slope * (end - r.last_year))]
            ax.plot(years, trend, linestyle="--", color="#1f4e79", label="Theo xu hướng")
        plan = [r.last_value, min(1.0, r.last_value + r.plan_slope * (end - r.last_year))]
        ax.plot(years, plan, linestyle=":", color="#2e7d32", label="Theo kế hoạch có kinh phí")
        ax.axhline(r.target, color="#c62828", linewidth=1.0, label="Mục tiêu")
        ax.set_ylim(0, 1.05)
        ax.set_xlim(min(int(s["year"].min()), int(r.last_year)) - 0.5, end + 0.5)
        cc.number_axis(ax, "y", percent=True)
        ax.xaxis.set_major_locator(cc.spaced_locator(integer=True))
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{int(x)}")
        ax.set_title(
            f"{labels.get(tid, tid)}\n(mục tiêu {fmt.percent(r.target, 0)}; {_reached(r)})",
            fontsize=8,
        )
    for ax in grid.ravel()[len(ids) :]:
        ax.set_visible(False)
    handles, names = grid.ravel()[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncol=4, fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=10)
    return fig

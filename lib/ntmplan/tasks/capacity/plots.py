"""Matplotlib charts of the capacity plan (notebook 04), with their style.

Charts are matplotlib Figures built with the object API (no pyplot, nothing
shown) on :func:`ntmplan.core.charts.new_figure` (the house style and its font), numbers
written the Vietnamese way (``value_label``, ``number_axis``) and titles wrapped to the
figure; the notebook saves them with ``ctx.save_figure`` and displays the PNG.
Colours and sizes are presentation choices, not policy. Callers import them from
:mod:`ntmplan.tasks.capacity.charts`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.charts import (
    new_figure,
    number_axis,
    set_suptitle,
    set_title,
    value_label,
    wrap_label,
)
from ntmplan.core.errors import require_columns
from ntmplan.tasks.capacity.labels import short_label
from ntmplan.tasks.capacity.tables import COST_COLUMNS, cost_by_year, participants_by_group

#: Colour of unscheduled (over-capacity) classes.
COLOR_OVERFLOW = "#c53030"
#: Colour of capacity lines.
COLOR_CAPACITY = "#1a202c"


def _colors(n: int) -> list:
    import matplotlib

    cmap = matplotlib.colormaps["tab20" if n > 10 else "tab10"]
    return [cmap(i % cmap.N) for i in range(n)]


def participants_chart(plan: pd.DataFrame):
    """Small multiples: participants per year for each target group, classes written on the bars.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.training_plan`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a plan column is missing (an ``InputError``).
    """
    people, classes = participants_by_group(plan)
    groups = list(dict.fromkeys(plan["group"]))
    ncols = 3
    nrows = max(1, int(np.ceil(len(groups) / ncols)))
    fig = new_figure(10.0, 2.9 * nrows)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, g in zip(axes, groups, strict=False):
        rows = people[people["group"] == g]
        ax.bar(rows["year"].astype(str), rows["participants"], color="#2b6cb0")
        for x, (y, p) in enumerate(zip(rows["year"], rows["participants"], strict=True)):
            n = int(classes.get((g, y), 0))
            ax.text(
                x,
                p / 2,
                value_label(n, 0) + " lớp",
                rotation=90,
                ha="center",
                va="center",
                fontsize=8,
                color="white",
            )
        ax.set_title(wrap_label(short_label(rows["group_vi"].iloc[0]), 34), fontsize=10)
        ax.set_ylabel("học viên / năm")
        number_axis(ax, "y", integer=True)
        ax.margins(y=0.18)
    for ax in axes[len(groups) :]:
        ax.set_visible(False)
    set_suptitle(fig, "Học viên và số lớp (tổng các chủ đề) theo nhóm đối tượng và năm")
    return fig


def calendar_gantt(calendar: pd.DataFrame, load: pd.DataFrame):
    """Gantt-style quarterly calendar: classes per group and quarter, and trainer load vs capacity.

    Top panel: one row per target group, one cell per quarter, shaded by the
    number of classes (written in the cell); unscheduled classes appear in red
    after the year's fourth quarter. Bottom panel: class-days per quarter of each
    limited trainer pool against its capacity.

    Parameters
    ----------
    calendar : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.training_calendar`.
    load : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.calendar_load`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(
        calendar,
        ["year", "quarter", "group", "group_vi", "classes", "scheduled"],
        "lịch đào tạo / calendar",
    )
    fig = new_figure(11.0, 6.5)
    top, bottom = fig.subplots(2, 1, height_ratios=[3, 2])
    if calendar.empty:
        set_title(top, "Không có lớp nào / no classes")
        return fig
    years = sorted(calendar["year"].unique())
    x0 = {y: i * 5 for i, y in enumerate(years)}  # 4 quarters + 1 slot for unscheduled classes
    cal = calendar.copy()
    cal["x"] = cal["year"].map(x0) + cal["quarter"].fillna(5).astype(int) - 1
    cells = cal.groupby(["group", "group_vi", "x", "scheduled"], sort=False, as_index=False)[
        "classes"
    ].sum()
    groups = list(dict.fromkeys(calendar["group"]))
    labels = dict(zip(calendar["group"], calendar["group_vi"], strict=False))
    ymap = {g: i for i, g in enumerate(groups)}
    vmax = max(1, int(cells["classes"].max()))
    import matplotlib

    cmap = matplotlib.colormaps["Blues"]
    for r in cells.itertuples(index=False):
        color = COLOR_OVERFLOW if not r.scheduled else cmap(0.25 + 0.75 * r.classes / vmax)
        top.barh(ymap[r.group], 0.92, left=r.x - 0.46, height=0.7, color=color, edgecolor="white")
        dark = (not r.scheduled) or r.classes / vmax > 0.5
        top.text(
            r.x,
            ymap[r.group],
            value_label(r.classes, 0),
            ha="center",
            va="center",
            fontsize=7,
            color="white" if dark else "black",
        )
    top.set_yticks(
        range(len(groups)), [wrap_label(short_label(labels[g]), 30) for g in groups], fontsize=8
    )
    top.invert_yaxis()
    ticks = [x0[y] + q for y in years for q in range(4)]
    top.set_xticks(
        ticks,
        [f"Q{q + 1}\n{y}" if q == 0 else f"Q{q + 1}" for y in years for q in range(4)],
        fontsize=7,
    )
    top.set_xlim(-0.6, x0[years[-1]] + 4.6)
    if (~cells["scheduled"]).any():
        top.text(
            0.5,
            -0.2,
            "Ô đỏ (sau quý IV): lớp chưa xếp được vì vượt năng lực giảng dạy / red: unscheduled classes",
            color=COLOR_OVERFLOW,
            transform=top.transAxes,
            ha="center",
            fontsize=8,
        )
    set_title(top, "Lịch đào tạo theo quý — số lớp / quarterly training calendar (classes)")
    limited = load[load["capacity_class_days"].notna()] if len(load) else load
    for i, (_pool, rows) in enumerate(limited.groupby("trainer_pool", sort=False)):
        xs = rows["year"].map(x0) + rows["quarter"].astype(int) - 1
        width = 0.8 / max(1, limited["trainer_pool"].nunique())
        bottom.bar(
            xs + i * width - 0.4 + width / 2,
            rows["class_days"],
            width=width,
            label=short_label(rows["trainer_pool_vi"].iloc[0]),
        )
        bottom.hlines(
            rows["capacity_class_days"], xs - 0.45, xs + 0.45, color=COLOR_CAPACITY, linewidth=1.5
        )
    bottom.plot([], [], color=COLOR_CAPACITY, label="năng lực / capacity")
    bottom.set_xticks(
        ticks,
        [f"Q{q + 1}\n{y}" if q == 0 else f"Q{q + 1}" for y in years for q in range(4)],
        fontsize=7,
    )
    bottom.set_xlim(-0.6, x0[years[-1]] + 4.6)
    bottom.set_ylabel("ngày-lớp / class-days")
    number_axis(bottom, "y")
    bottom.legend(
        fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, frameon=False
    )
    set_title(
        bottom,
        "Tải giảng dạy so với năng lực (lực lượng có giới hạn) / trainer load vs capacity",
        fontsize=10,
    )
    return fig


def _stacked_by_year(df: pd.DataFrame, key: str, label: str, title: str, width: float = 9.0):
    pivot = cost_by_year(df, key)
    names = df.drop_duplicates(key).set_index(key)[label]
    fig = new_figure(width, 4.6)
    ax = fig.subplots()
    bottom = np.zeros(len(pivot))
    for color, col in zip(_colors(len(pivot.columns)), pivot.columns, strict=True):
        ax.bar(
            pivot.index.astype(str),
            pivot[col],
            bottom=bottom,
            color=color,
            label=short_label(names[col]),
        )
        bottom += pivot[col].to_numpy()
    for x, total in enumerate(bottom):
        ax.annotate(value_label(total, 0), (x, total), ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("triệu đồng / million VND")
    number_axis(ax, "y")
    set_title(ax, title)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.margins(y=0.12)
    return fig


def communication_chart(comm: pd.DataFrame):
    """Stacked bars of communication cost by year and channel.

    Parameters
    ----------
    comm : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.communication_plan`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(
        comm,
        ["year", "channel", "channel_vi", "cost_mvnd"],
        "kế hoạch truyền thông / communication plan",
    )
    return _stacked_by_year(
        comm, "channel", "channel_vi", "Kinh phí truyền thông theo kênh và năm / communication cost"
    )


def policy_chart(policy: pd.DataFrame):
    """Stacked bars of support-policy cost (team allowance and listed items) by year.

    Parameters
    ----------
    policy : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.support_policy_costs`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(
        policy, ["year", "item", "item_vi", "cost_mvnd"], "chính sách hỗ trợ / support policy"
    )
    return _stacked_by_year(
        policy,
        "item",
        "item_vi",
        "Kinh phí chính sách hỗ trợ theo năm / support-policy cost",
        width=8.0,
    )


def budget_chart(lines: pd.DataFrame):
    """Stacked bars of the three activities' cost by year (the lines passed to the budget notebook).

    Parameters
    ----------
    lines : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.budget_lines`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(lines, COST_COLUMNS, "tổng hợp kinh phí / budget lines")
    return _stacked_by_year(
        lines,
        "activity",
        "activity_vi",
        "Kinh phí đào tạo, truyền thông, chính sách theo năm",
        width=8.0,
    )

"""The capacity plan's charts as HTML, for the interactive controls of notebook 04.

The matplotlib charts of :mod:`ntmplan.tasks.capacity.plots` take 0,2–1,4 s each to render as
PNG; these HTML versions of the same figures (participants and classes per group and year, the
quarterly calendar with the trainer load, cost by activity and year) take milliseconds, so a
control change is redrawn at once. The reports keep the matplotlib charts. Vietnamese labels
(:func:`ntmplan.tasks.capacity.labels.short_label`), Vietnamese numbers, every text escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.fmt import number
from ntmplan.core.html_charts import stacked_bars_html
from ntmplan.tasks.capacity.labels import short_label
from ntmplan.tasks.capacity.tables import COST_COLUMNS, cost_by_year, participants_by_group

__all__ = ["budget_html", "calendar_html", "cell_shade", "participants_html"]

#: One colour per activity / series (presentation only; matplotlib's tab10).
SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
COLOR_BARS = "#2b6cb0"
COLOR_OVERFLOW = "#c53030"
#: Lightest and darkest shade of a calendar cell (RGB).
SHADE_LIGHT = (222, 235, 247)
SHADE_DARK = (8, 81, 156)


def _title(text: str) -> str:
    return (
        f'<div style="font-weight:bold;margin:.6rem 0 .3rem;line-height:1.3">{escape(text)}</div>'
    )


def participants_html(plan: pd.DataFrame) -> str:
    """Participants per year for each target group, the number of classes written in the bars.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.training_plan`.

    Returns
    -------
    str
        HTML: one small bar chart per group (as :func:`ntmplan.tasks.capacity.participants_chart`).

    Raises
    ------
    MissingColumnError
        If a plan column is missing (an ``InputError``).
    """
    people, classes = participants_by_group(plan)
    names = dict(zip(plan["group"], plan["group_vi"], strict=True))
    charts = []
    for g, rows in people.groupby("group", sort=False):  # one small chart per group
        years = rows["year"].tolist()
        table = pd.DataFrame({"Học viên": rows["participants"].to_numpy(dtype=float)}, index=years)
        notes = {y: f"{number(int(classes[(g, y)]))} lớp" for y in years}
        charts.append(
            stacked_bars_html(
                table,
                {"Học viên": COLOR_BARS},
                title=short_label(names[g]),
                unit="học viên / năm",
                notes=notes,
                height_px=110,
                legend=False,
            )
        )
    return (
        _title("Học viên và số lớp (tổng các chủ đề) theo nhóm đối tượng và năm")
        + f"<div>{''.join(charts)}</div>"
    )


def cell_shade(share: float) -> str:
    """Colour of a calendar cell holding ``share`` of the largest cell's classes.

    Parameters
    ----------
    share : float
        0–1 (clipped).

    Returns
    -------
    str
        ``#rrggbb`` between :data:`SHADE_LIGHT` (0) and :data:`SHADE_DARK` (1).
    """
    s = min(max(float(share), 0.0), 1.0)
    rgb = [round(a + (b - a) * s) for a, b in zip(SHADE_LIGHT, SHADE_DARK, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _cell(text: str, background: str, color: str, tip: str = "") -> str:
    return (
        f'<td title="{escape(tip)}" style="background:{background};color:{color};'
        f'text-align:center;padding:2px 4px;min-width:2.2rem">{escape(text)}</td>'
    )


def calendar_html(calendar: pd.DataFrame, load: pd.DataFrame) -> str:
    """The quarterly calendar: classes per group and quarter, then trainer load against capacity.

    Parameters
    ----------
    calendar : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.training_calendar`.
    load : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.calendar_load`.

    Returns
    -------
    str
        HTML tables: a row per group, a column per quarter (shaded by the number of classes;
        classes that could not be scheduled in red in a "chưa xếp" column after the year);
        then a row per limited trainer pool, class-days per quarter (red above capacity).

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
    title = _title("Lịch đào tạo theo quý — số lớp")
    if calendar.empty:
        return title + "<div>Không có lớp nào.</div>"
    cal = calendar.assign(slot=calendar["quarter"].fillna(5).astype(int))
    cells = cal.groupby(["group", "year", "slot"], sort=False)["classes"].sum().to_dict()
    years = sorted(cal["year"].unique())
    late = set(cal.loc[cal["slot"] == 5, "year"])
    slots = [(y, q) for y in years for q in [1, 2, 3, 4, *([5] if y in late else [])]]
    vmax = max(1, int(max(cells.values())))
    head = "".join(
        f'<th style="padding:2px 4px">{"chưa xếp" if q == 5 else f"Q{q}"}'
        f"{f'<br>{y}' if q == 1 else ''}</th>"
        for y, q in slots
    )
    names = dict(zip(calendar["group"], calendar["group_vi"], strict=True))
    rows = []
    for g in dict.fromkeys(calendar["group"]):
        tds = []
        for y, q in slots:
            n = int(cells.get((g, y, q), 0))
            if q == 5:
                tds.append(_cell(number(n), COLOR_OVERFLOW, "white", "lớp chưa xếp được"))
            elif n:
                dark = n / vmax > 0.5
                tds.append(_cell(number(n), cell_shade(n / vmax), "white" if dark else "black"))
            else:
                tds.append(_cell("", "#f7fafc", "black"))
        rows.append(
            f'<tr><th style="text-align:right;padding-right:.5rem;font-weight:normal">'
            f"{escape(short_label(names[g]))}</th>{''.join(tds)}</tr>"
        )
    note = (
        f'<div style="color:{COLOR_OVERFLOW};font-size:12px">Ô đỏ: lớp chưa xếp được vì vượt '
        "năng lực giảng dạy.</div>"
        if late
        else ""
    )
    table = f'<table style="border-collapse:collapse;font-size:12px;line-height:1.3"><tr><th></th>{head}</tr>'
    return title + table + "".join(rows) + "</table>" + note + _load_html(load, years)


def _load_html(load: pd.DataFrame, years: list) -> str:
    """Class-days per quarter of each limited trainer pool, red where above its capacity."""
    limited = load[load["capacity_class_days"].notna()] if len(load) else load
    if limited.empty:
        return ""
    quarters = [(y, q) for y in years for q in (1, 2, 3, 4)]
    head = "".join(
        f'<th style="padding:2px 4px">Q{q}{f"<br>{y}" if q == 1 else ""}</th>' for y, q in quarters
    )
    rows = []
    for _pool, part in limited.groupby("trainer_pool", sort=False):
        by = {(r["year"], r["quarter"]): r for r in part.to_dict("records")}
        tds = []
        for key in quarters:
            if key not in by:
                tds.append(_cell("", "#f7fafc", "black"))
                continue
            r = by[key]
            over = not bool(r["within_capacity"])
            tip = f"năng lực {number(float(r['capacity_class_days']), 0)} ngày-lớp"
            tds.append(
                _cell(
                    number(float(r["class_days"]), 0),
                    COLOR_OVERFLOW if over else "#edf2f7",
                    "white" if over else "black",
                    tip,
                )
            )
        rows.append(
            f'<tr><th style="text-align:right;padding-right:.5rem;font-weight:normal">'
            f"{escape(short_label(part['trainer_pool_vi'].iloc[0]))}</th>{''.join(tds)}</tr>"
        )
    return (
        _title("Tải giảng dạy theo quý (ngày-lớp; đỏ: vượt năng lực)")
        + f'<table style="border-collapse:collapse;font-size:12px;line-height:1.3"><tr><th></th>{head}</tr>'
        + "".join(rows)
        + "</table>"
    )


def budget_html(lines: pd.DataFrame) -> str:
    """Cost of the three activities by year, stacked (the lines passed to the budget notebook).

    Parameters
    ----------
    lines : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.budget_lines`.

    Returns
    -------
    str
        HTML stacked bars (as :func:`ntmplan.tasks.capacity.budget_chart`).

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(lines, COST_COLUMNS, "tổng hợp kinh phí / budget lines")
    names = lines.drop_duplicates("activity").set_index("activity")["activity_vi"].map(short_label)
    table = cost_by_year(lines, "activity")
    table.columns = [names[c] for c in table.columns]
    colors = dict(zip(table.columns, SERIES_COLORS * 2, strict=False))
    return stacked_bars_html(
        table,
        colors,
        title="Kinh phí đào tạo, truyền thông, chính sách theo năm",
        unit="triệu đồng",
    )

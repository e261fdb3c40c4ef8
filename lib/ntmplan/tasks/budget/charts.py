"""Charts of the budget notebook (03), and its interactive panel showing the year × source chart.

Figures are built with the matplotlib object API (no pyplot) on
:func:`ntmplan.core.charts.new_figure` (the house style, Vietnamese diacritics), numbers
written the Vietnamese way (:func:`ntmplan.core.charts.value_label`, ``number_axis``), titles
wrapped to the figure (``set_title``); every function returns a Figure that the notebook
displays and saves with ``ctx.save_figure``. Colours are a presentation choice, not policy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.charts import new_figure, number_axis, set_title, value_label
from ntmplan.core.fmt import vietnamese_part
from ntmplan.tasks.budget.aggregates import totals
from ntmplan.tasks.budget.codes import UNFUNDED
from ntmplan.tasks.budget.html_view import SOURCE_COLORS, by_year_html
from ntmplan.tasks.budget.naming import activity_label, source_label
from ntmplan.tasks.budget.panel import make_panel
from ntmplan.tasks.budget.phasing import programme_years

# SOURCE_COLORS (one colour per funding source) comes from ntmplan.tasks.budget.html_view;
# the charts here draw unfunded hatched red.
#: Colour of overflow moved to a fallback source.
MOVED_COLOR = "#ecc94b"


def _stacked(ax, table: pd.DataFrame, params: dict, horizontal: bool = False) -> None:
    """Draw a stacked bar chart of ``table`` (rows = bars, columns = source codes)."""
    pos = np.arange(len(table))
    base = np.zeros(len(table))
    for source in table.columns:
        vals = table[source].to_numpy(dtype=float)
        style = {
            "color": SOURCE_COLORS.get(source, "#a0aec0"),
            "label": vietnamese_part(source_label(source, params)),
        }
        if source == UNFUNDED:
            style.update(hatch="//", edgecolor="#9b2c2c", linewidth=np.where(vals > 0, 1.0, 0.0))
        if horizontal:
            ax.barh(pos, vals, left=base, **style)
        else:
            ax.bar(pos, vals, bottom=base, **style)
        base = base + vals
    labels = [str(i) for i in table.index]
    top = float(base.max()) if len(base) else 0.0
    if horizontal:
        ax.set_yticks(pos, labels)
        ax.invert_yaxis()
        for y, v in zip(pos, base, strict=True):
            ax.text(v, y, " " + value_label(v, 0), va="center", fontsize=8)
        ax.set_xlim(0, top * 1.15 or 1.0)
        number_axis(ax, "x")
    else:
        ax.set_xticks(pos, labels)
        for x, v in zip(pos, base, strict=True):
            ax.text(x, v, value_label(v, 0), ha="center", va="bottom", fontsize=8)
        ax.set_ylim(0, top * 1.1 or 1.0)
        number_axis(ax, "y")
    ax.figure.legend(fontsize=8, loc="outside lower center", ncol=3, frameon=False)


def _ordered(table: pd.DataFrame, params: dict) -> pd.DataFrame:
    order = [s for s in list(params["budget"]["sources"]) + [UNFUNDED] if s in table.columns]
    return table.reindex(columns=order)


def by_year_chart(
    tidy: pd.DataFrame, params: dict, title: str = "Nhu cầu vốn theo năm và nguồn vốn"
):
    """Stacked bars: one bar per year, one segment per funding source (unfunded hatched).

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd.
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = _ordered(totals(tidy)["year_x_source"], params)
    fig = new_figure(7.5, 4.2)
    ax = fig.add_subplot()
    _stacked(ax, table, params)
    set_title(ax, title)
    ax.set_ylabel("triệu đồng")
    return fig


def by_activity_chart(
    tidy: pd.DataFrame, params: dict, title: str = "Nhu cầu vốn theo hoạt động và nguồn vốn"
):
    """Horizontal stacked bars: one bar per activity, one segment per funding source.

    Parameters
    ----------
    tidy : pandas.DataFrame
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = _ordered(totals(tidy)["activity_x_source"], params)
    table.index = [vietnamese_part(activity_label(a, params)) for a in table.index]
    fig = new_figure(8.5, max(3.0, 0.5 * len(table) + 1.8))
    ax = fig.add_subplot()
    _stacked(ax, table, params, horizontal=True)
    set_title(ax, title)
    ax.set_xlabel("triệu đồng")
    return fig


def shares_chart(
    tidy: pd.DataFrame, params: dict, title: str = "Cơ cấu nguồn vốn (tỷ lệ trên tổng nhu cầu)"
):
    """Horizontal bars: each source's share of the total requirement (unfunded included).

    Parameters
    ----------
    tidy : pandas.DataFrame
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    by = totals(tidy)["by_source"]
    order = [s for s in list(params["budget"]["sources"]) + [UNFUNDED] if s in by.index]
    total = float(by.sum())
    share = by.reindex(order) / total if total > 0 else by.reindex(order) * 0.0
    fig = new_figure(7.0, max(2.2, 0.45 * len(share) + 1.2))
    ax = fig.add_subplot()
    pos = np.arange(len(share))
    ax.barh(pos, share.to_numpy(), color=[SOURCE_COLORS.get(s, "#a0aec0") for s in share.index])
    ax.set_yticks(pos, [vietnamese_part(source_label(s, params)) for s in share.index])
    ax.invert_yaxis()
    for y, v in zip(pos, share.to_numpy(), strict=True):
        ax.text(v, y, " " + value_label(v, 1, percent=True), va="center", fontsize=8)
    ax.set_xlim(0, 1.0)
    number_axis(ax, "x", percent=True)
    set_title(ax, title)
    return fig


def gap_chart(gaps: pd.DataFrame, params: dict, title: str = "Phần vượt trần vốn theo năm"):
    """Stacked bars per year: overflow moved to a fallback source vs left unfunded.

    Parameters
    ----------
    gaps : pandas.DataFrame
        From :func:`ntmplan.tasks.budget.apply_envelopes`.
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        With a note instead of bars when nothing exceeds an envelope.
    """
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    set_title(ax, title)
    if gaps is None or gaps.empty:
        ax.text(0.5, 0.5, "Không có nguồn nào vượt trần vốn", ha="center", va="center")
        ax.set_axis_off()
        return fig
    years = programme_years(params)
    moved_rows = gaps[gaps["moved_to"] != ""]
    moved = moved_rows.groupby("year")["overflow_mvnd"].sum().reindex(years, fill_value=0.0)
    unfunded = gaps.groupby("year")["unfunded_mvnd"].sum().reindex(years, fill_value=0.0)
    pos = np.arange(len(years))
    m, u = moved.to_numpy(dtype=float), unfunded.to_numpy(dtype=float)
    ax.bar(pos[m > 0], m[m > 0], color=MOVED_COLOR, label="Chuyển sang nguồn dự phòng")
    ax.bar(
        pos[u > 0],
        u[u > 0],
        bottom=m[u > 0],
        color=SOURCE_COLORS[UNFUNDED],
        hatch="//",
        edgecolor="#9b2c2c",
        label="Chưa có nguồn",
    )
    ax.set_xticks(pos, [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    number_axis(ax, "y")
    ax.set_ylabel("triệu đồng")
    fig.legend(fontsize=8, loc="outside lower center", ncol=2, frameon=False)
    return fig


def scenario_chart(
    table: pd.DataFrame, params: dict, title: str = "So sánh kịch bản theo nguồn vốn"
):
    """Horizontal stacked bars: one bar per scenario, one segment per source plus unfunded.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`ntmplan.tasks.budget.scenarios`.
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    cols = {f"{s}_mvnd": s for s in params["budget"]["sources"]} | {"unfunded_mvnd": UNFUNDED}
    data = table.set_index("label")[list(cols)].rename(columns=cols)
    data.index = [vietnamese_part(i) for i in data.index]
    data = data.loc[:, data.sum(axis=0) > 0]
    fig = new_figure(8.5, max(3.0, 0.5 * len(data) + 1.8))
    ax = fig.add_subplot()
    _stacked(ax, data, params, horizontal=True)
    set_title(ax, title)
    ax.set_xlabel("triệu đồng")
    return fig


def allocation_chart(
    alloc: pd.DataFrame,
    params: dict | None = None,
    top: int = 30,
    title: str = "Phân bổ vốn trung ương theo xã",
):
    """Horizontal bars of the communes' allocations (the ``top`` largest shown).

    Parameters
    ----------
    alloc : pandas.DataFrame
        From :func:`ntmplan.tasks.budget.allocate_central`.
    params : dict, optional
        For the Vietnamese category labels (``survey.commune_categories``).
    top : int
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    cats = (params or {}).get("survey", {}).get("commune_categories", {})
    shown = alloc.head(top)
    fig = new_figure(7.5, max(2.5, 0.28 * len(shown) + 1.3))
    ax = fig.add_subplot()
    pos = np.arange(len(shown))
    amounts = shown["amount_mvnd"].to_numpy(dtype=float)
    ax.barh(pos, amounts, color=SOURCE_COLORS["central"])
    for y, v in zip(pos, amounts, strict=True):
        ax.text(v, y, " " + value_label(v, 1), va="center", fontsize=7)
    ax.set_xlim(0, (float(amounts.max()) if len(amounts) else 0.0) * 1.15 or 1.0)
    number_axis(ax, "x")
    names = shown["commune_name"].astype(str)
    kinds = shown["category_applied"].map(lambda c: vietnamese_part(cats.get(c, c)))
    ax.set_yticks(pos, (names + " (" + kinds + ")").tolist())
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("triệu đồng")
    more = f" — {top} xã lớn nhất / {len(alloc)}" if len(alloc) > top else ""
    set_title(ax, title + more)
    return fig


def interactive_panel(inputs: dict, params: dict, scheme: str | None = None):
    """Controls for envelopes, socialised share, number of pilots and scenario, with results updating in place.

    Every change rebuilds the budget with :func:`ntmplan.tasks.budget.build` on
    params = scenario overrides, then :func:`ntmplan.tasks.budget.control_overrides`,
    and shows the key figures, the year × source table, its chart (as HTML,
    :func:`ntmplan.tasks.budget.html_view.by_year_html`: a PNG per change was too slow) and the
    failed checks (see :func:`ntmplan.tasks.budget.panel.make_panel`).

    Parameters
    ----------
    inputs : dict
        As :func:`ntmplan.tasks.budget.activity_costs`.
    params : dict
        Resolved params.
    scheme : str, optional

    Returns
    -------
    ipywidgets.VBox
    """
    return make_panel(inputs, params, scheme, chart=by_year_html)

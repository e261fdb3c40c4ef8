"""Charts and the interactive panel of the budget notebook (03).

Figures are built with the matplotlib object API (no pyplot), in the house
style of :mod:`ntmplan.charts`; every function returns a Figure that the
notebook displays and saves with ``ctx.save_figure``. Colours are a
presentation choice, not policy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import budget

#: One colour per funding source (presentation only); unfunded is drawn hatched red.
SOURCE_COLORS = {
    "central": "#2b6cb0",
    "provincial": "#38a169",
    "district": "#d69e2e",
    "commune": "#805ad5",
    "socialised": "#dd6b20",
    "other": "#718096",
    budget.UNFUNDED: "#e53e3e",
}


def _figure(width: float = 7.5, height: float = 4.2):
    """A new Figure with the shared house style (font with Vietnamese diacritics)."""
    from matplotlib.figure import Figure

    from . import charts

    charts._style()  # the shared house style of ntmplan.charts
    return Figure(figsize=(width, height), layout="constrained")


def _stacked(ax, table: pd.DataFrame, params: dict, horizontal: bool = False) -> None:
    """Draw a stacked bar chart of ``table`` (rows = bars, columns = source codes)."""
    b = params["budget"]
    pos = np.arange(len(table))
    base = np.zeros(len(table))
    for source in table.columns:
        vals = table[source].to_numpy(dtype=float)
        style = {"color": SOURCE_COLORS.get(source, "#a0aec0"), "label": budget._source_label(source, b)}
        if source == budget.UNFUNDED:
            style.update(hatch="//", edgecolor="#9b2c2c")
        if horizontal:
            ax.barh(pos, vals, left=base, **style)
        else:
            ax.bar(pos, vals, bottom=base, **style)
        base = base + vals
    labels = [str(i) for i in table.index]
    if horizontal:
        ax.set_yticks(pos, labels)
        ax.invert_yaxis()
        for y, v in zip(pos, base, strict=True):
            ax.text(v, y, " " + budget._num(v, 0), va="center", fontsize=8)
    else:
        ax.set_xticks(pos, labels)
        for x, v in zip(pos, base, strict=True):
            ax.text(x, v, budget._num(v, 0), ha="center", va="bottom", fontsize=8)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def _ordered(table: pd.DataFrame, params: dict) -> pd.DataFrame:
    order = [s for s in list(params["budget"]["sources"]) + [budget.UNFUNDED] if s in table.columns]
    return table.reindex(columns=order)


def by_year_chart(tidy: pd.DataFrame, params: dict, title: str = "Nhu cầu vốn theo năm và nguồn vốn"):
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
    table = _ordered(budget.totals(tidy)["year_x_source"], params)
    fig = _figure()
    ax = fig.add_subplot()
    _stacked(ax, table, params)
    ax.set_title(title)
    ax.set_ylabel("triệu đồng")
    return fig


def by_activity_chart(tidy: pd.DataFrame, params: dict, title: str = "Nhu cầu vốn theo hoạt động và nguồn vốn"):
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
    b = params["budget"]
    table = _ordered(budget.totals(tidy)["activity_x_source"], params)
    table.index = [budget._activity_label(a, b).split(" / ")[0] for a in table.index]
    fig = _figure(8.0, max(2.5, 0.5 * len(table) + 1.5))
    ax = fig.add_subplot()
    _stacked(ax, table, params, horizontal=True)
    ax.set_title(title)
    ax.set_xlabel("triệu đồng")
    return fig


def shares_chart(tidy: pd.DataFrame, params: dict, title: str = "Cơ cấu nguồn vốn (tỷ lệ trên tổng nhu cầu)"):
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
    b = params["budget"]
    by = budget.totals(tidy)["by_source"]
    order = [s for s in list(b["sources"]) + [budget.UNFUNDED] if s in by.index]
    share = by.reindex(order) / by.sum() if by.sum() > 0 else by.reindex(order) * 0.0
    fig = _figure(7.0, max(2.2, 0.45 * len(share) + 1.2))
    ax = fig.add_subplot()
    pos = np.arange(len(share))
    ax.barh(pos, share.to_numpy(), color=[SOURCE_COLORS.get(s, "#a0aec0") for s in share.index])
    ax.set_yticks(pos, [budget._source_label(s, b).split(" / ")[0] for s in share.index])
    ax.invert_yaxis()
    for y, v in zip(pos, share.to_numpy(), strict=True):
        ax.text(v, y, " " + budget._pct(v), va="center", fontsize=8)
    ax.set_xlim(0, max(1.0, float(share.max()) * 1.15) if len(share) else 1.0)
    ax.xaxis.set_major_formatter(lambda x, _pos: budget._pct(x, 0))
    ax.set_title(title)
    return fig


def gap_chart(gaps: pd.DataFrame, params: dict, title: str = "Phần vượt trần vốn theo năm"):
    """Stacked bars per year: overflow moved to a fallback source vs left unfunded.

    Parameters
    ----------
    gaps : pandas.DataFrame
        From :func:`ntmplan.budget.apply_envelopes`.
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        With a note instead of bars when nothing exceeds an envelope.
    """
    fig = _figure(7.0, 3.6)
    ax = fig.add_subplot()
    ax.set_title(title)
    if gaps is None or gaps.empty:
        ax.text(0.5, 0.5, "Không có nguồn nào vượt trần / no source over its envelope", ha="center", va="center")
        ax.set_axis_off()
        return fig
    years = budget.programme_years(params)
    moved = gaps[gaps["moved_to"] != ""].groupby("year")["overflow_mvnd"].sum().reindex(years, fill_value=0.0)
    unfunded = gaps.groupby("year")["unfunded_mvnd"].sum().reindex(years, fill_value=0.0)
    pos = np.arange(len(years))
    ax.bar(pos, moved.to_numpy(), color="#ecc94b", label="Chuyển sang nguồn dự phòng / moved to fallback")
    ax.bar(
        pos,
        unfunded.to_numpy(),
        bottom=moved.to_numpy(),
        color=SOURCE_COLORS[budget.UNFUNDED],
        hatch="//",
        edgecolor="#9b2c2c",
        label="Chưa có nguồn / unfunded",
    )
    ax.set_xticks(pos, [str(y) for y in years])
    ax.set_ylabel("triệu đồng")
    ax.legend(fontsize=7, frameon=False)
    return fig


def scenario_chart(table: pd.DataFrame, params: dict, title: str = "So sánh kịch bản theo nguồn vốn"):
    """Horizontal stacked bars: one bar per scenario, one segment per source plus unfunded.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`ntmplan.budget.scenarios`.
    params : dict
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    b = params["budget"]
    cols = {f"{s}_mvnd": s for s in b["sources"]} | {"unfunded_mvnd": budget.UNFUNDED}
    data = table.set_index("label")[list(cols)].rename(columns=cols)
    data.index = [str(i).split(" / ")[0] for i in data.index]
    data = data.loc[:, data.sum(axis=0) > 0]
    fig = _figure(8.0, max(2.5, 0.5 * len(data) + 1.5))
    ax = fig.add_subplot()
    _stacked(ax, data, params, horizontal=True)
    ax.set_title(title)
    ax.set_xlabel("triệu đồng")
    return fig


def allocation_chart(alloc: pd.DataFrame, top: int = 30, title: str = "Phân bổ vốn trung ương theo xã"):
    """Horizontal bars of the communes' allocations (largest ``top`` shown).

    Parameters
    ----------
    alloc : pandas.DataFrame
        From :func:`ntmplan.budget.allocate_central`.
    top : int
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    shown = alloc.head(top)
    fig = _figure(7.5, max(2.5, 0.28 * len(shown) + 1.3))
    ax = fig.add_subplot()
    pos = np.arange(len(shown))
    ax.barh(pos, shown["amount_mvnd"].to_numpy(), color=SOURCE_COLORS["central"])
    ax.set_yticks(pos, [f"{n} ({c})" for n, c in zip(shown["commune_name"], shown["category_applied"], strict=True)])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("triệu đồng")
    more = f" — {top} xã lớn nhất / {len(alloc)}" if len(alloc) > top else ""
    ax.set_title(title + more)
    return fig


def interactive_panel(inputs: dict, params: dict, scheme: str | None = None):
    """Controls for envelopes, socialised share, number of pilots and scenario, with results updating in place.

    Every change rebuilds the budget with :func:`ntmplan.budget.build` on
    params = scenario overrides, then :func:`ntmplan.budget.control_overrides`.

    Parameters
    ----------
    inputs : dict
        As :func:`ntmplan.budget.activity_costs`.
    params : dict
        Resolved params.
    scheme : str, optional

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    b = params["budget"]
    chosen = budget.chosen_pilots(inputs.get("pilots"))

    def start_count(pilot_type: str, key: str) -> int:
        if b["pilots"][key] is not None:
            return int(b["pilots"][key])
        if chosen is not None:
            return int((chosen["pilot_type"] == pilot_type).sum())
        return int(b["pilots"][f"default_{key}"])

    style = {"description_width": "initial"}
    scenario = widgets.Dropdown(
        options=[(sc.get("label", sc["name"]), i) for i, sc in enumerate(b["scenarios"])],
        value=0,
        description="Kịch bản:",
        style=style,
    )
    social = widgets.FloatSlider(
        value=float(b["socialised_factor"]), min=0.0, max=2.0, step=0.1, description="Hệ số xã hội hóa:", style=style
    )
    smart = widgets.IntSlider(value=start_count("smart_commune", "smart_count"), min=0, max=10, description="Số xã thông minh:", style=style)
    ecom = widgets.IntSlider(
        value=start_count("ecommerce_commune", "ecommerce_count"), min=0, max=10, description="Số xã TMĐT:", style=style
    )
    active = budget.active_sources(params, scheme or params["programme"]["scheme"])
    env_boxes = {
        s: widgets.Text(
            value=str(b["envelopes"][s]) if isinstance(b["envelopes"].get(s), (int, float)) else "",
            placeholder="theo tham số" if s in b["envelopes"] else "không giới hạn",
            description=budget._source_label(s, b).split(" / ")[0] + " (tr.đ/năm):",
            style=style,
        )
        for s in active
    }
    out = widgets.Output()

    def update(_change=None) -> None:
        out.clear_output(wait=True)
        with out:
            try:
                sc = b["scenarios"][scenario.value]
                ps = budget.with_overrides(params, sc.get("overrides") or {}, sc["name"])
                ctrl = budget.control_overrides(
                    ps,
                    envelopes={s: w.value for s, w in env_boxes.items()},
                    socialised_factor=social.value,
                    smart_count=smart.value,
                    ecommerce_count=ecom.value,
                )
                ps = budget.with_overrides(ps, ctrl, "controls")
                res = budget.build(inputs, ps, scheme)
            except Exception as exc:  # show the message to the planner instead of a traceback
                display(Markdown(f"**Không tính được / cannot compute:** {exc}"))
                return
            s = budget.summary(res, ps)
            display(
                Markdown(
                    f"**Tổng nhu cầu:** {budget._num(s['total_mvnd'])} tr.đ · "
                    f"**Đã có nguồn:** {budget._num(s['funded_mvnd'])} tr.đ · "
                    f"**Chưa có nguồn:** {budget._num(s['gap_mvnd'])} tr.đ"
                )
            )
            display(budget.pivot(res["tidy"], "year", ps).round(1))
            display(by_year_chart(res["tidy"], ps))
            failed = res["checks"][~res["checks"]["ok"]]
            if len(failed):
                display(failed[["subject", "message"]].rename(columns=budget.LABELS))

    for w in [scenario, social, smart, ecom, *env_boxes.values()]:
        w.observe(update, names="value")
    update()
    controls = widgets.VBox(
        [
            widgets.HBox([scenario, social]),
            widgets.HBox([smart, ecom]),
            widgets.HTML("<b>Trần vốn mỗi năm theo nguồn (để trống = theo tham số / không giới hạn):</b>"),
            widgets.VBox(list(env_boxes.values())),
        ]
    )
    return widgets.VBox([controls, out])

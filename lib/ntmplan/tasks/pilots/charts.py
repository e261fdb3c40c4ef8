"""Charts and interactive controls of the pilot workbook (notebook 02).

Presentation only: every number comes from :mod:`ntmplan.tasks.pilots`. Figures are built with
the matplotlib object API (no pyplot, nothing shown) on :func:`ntmplan.core.charts.new_figure`
(the house style), numbers written the Vietnamese way, titles wrapped to the figure; ipywidgets
is imported inside the function that needs it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pandas as pd

from ntmplan.core.charts import (
    new_figure,
    number_axis,
    set_title,
    value_label,
    wrap_label,
)
from ntmplan.core.errors import require_columns
from ntmplan.tasks.pilots.choice import choose_pilots
from ntmplan.tasks.pilots.config import pilot_types, with_overrides
from ntmplan.tasks.pilots.eligibility import check_eligibility
from ntmplan.tasks.pilots.funnel_view import (
    COLOR_ALONE,
    COLOR_CUMULATIVE,
    COLOR_ELIGIBLE,
    funnel_html,
)
from ntmplan.tasks.pilots.labels import LABELS
from ntmplan.tasks.pilots.scoring import rank_candidates
from ntmplan.tasks.pilots.tables import funnel as funnel_table

__all__ = [
    "COLOR_ALONE",
    "COLOR_CUMULATIVE",
    "COLOR_ELIGIBLE",
    "PANEL_COLUMNS",
    "funnel_chart",
    "interactive_panel",
    "recompute",
    "threshold_controls",
]

#: Largest weight a ranking-weight slider offers (a control's range, not a policy value).
WEIGHT_MAX = 5.0


def funnel_chart(funnel: pd.DataFrame, title: str = "Phễu điều kiện chọn xã thí điểm"):
    """Draw the condition funnel: units passing each condition in turn.

    Dark bars: units passing this and every earlier condition; light bars behind them:
    units passing this condition alone. The last bar (eligible) is green.

    Parameters
    ----------
    funnel : DataFrame
        Output of :func:`ntmplan.tasks.pilots.funnel` (``condition_vi``, ``passing_alone``,
        ``passing_cumulative``).
    title : str
        Chart title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a funnel column is missing (also a ``KeyError``).
    """
    import numpy as np

    require_columns(funnel, ["condition_vi", "passing_alone", "passing_cumulative"], "funnel")
    n = len(funnel)
    fig = new_figure(7.5, max(2.5, 0.5 * n + 1.3))
    ax = fig.add_subplot()
    pos = np.arange(n)[::-1]
    alone = funnel["passing_alone"].to_numpy(dtype=float)
    cum = funnel["passing_cumulative"].to_numpy(dtype=float)
    colors = [COLOR_CUMULATIVE] * n
    if n > 1:
        colors[-1] = COLOR_ELIGIBLE
    ax.barh(pos, alone, color=COLOR_ALONE, label="Đạt riêng điều kiện này")
    ax.barh(pos, cum, height=0.55, color=colors, label="Đạt đến bước này (cộng dồn)")
    top = max(float(alone.max()) if n else 0.0, 1.0)
    for y, c in zip(pos, cum, strict=True):
        ax.text(c + 0.01 * top, y, value_label(c, 0), va="center", fontsize=8)
    ax.set_yticks(pos, [wrap_label(str(t), 38) for t in funnel["condition_vi"]])
    ax.set_xlim(0, top * 1.12)
    number_axis(ax, "x", integer=True)
    ax.set_xlabel("Số đơn vị")
    set_title(ax, title)
    ax.legend(loc="lower right", fontsize=8)
    return fig


# --------------------------------------------------------------------------- widgets
def threshold_controls(params: dict) -> dict:
    """Build one widget per threshold, weight and number of pilots, set to ``params``.

    Parameters
    ----------
    params : dict
        Resolved params (``pilots`` section read).

    Returns
    -------
    dict
        Dotted key relative to ``pilots`` (as accepted by
        :func:`ntmplan.tasks.pilots.with_overrides`) → ipywidget.

    Raises
    ------
    KeyError
        If a ``pilots`` key is missing.
    """
    import ipywidgets as w

    pp = params["pilots"]
    style = {"description_width": "260px"}
    layout = w.Layout(width="520px")
    th_labels = {
        "villages_fiber_share": "Thôn có cáp quang (tỷ lệ)",
        "villages_4g_share": "Thôn có 4G/5G (tỷ lệ)",
        "households_internet_smart_share": "Hộ có Internet + thiết bị (tỷ lệ)",
        "officials_computer_share": "CB có máy tính (tỷ lệ)",
        "officials_email_share": "CB dùng thư điện tử (tỷ lệ)",
        "officials_eoffice_share": "CB dùng VP điện tử (tỷ lệ)",
        "households_selling_online_share": "Hộ bán hàng trực tuyến (tỷ lệ)",
        "digital_providers_min": "DN dịch vụ số (tối thiểu)",
        "sector_min_dx_demand": "Nhu cầu CĐS (tối thiểu, 1–5)",
        "ocop_products_online_min": "SP OCOP trực tuyến (tối thiểu)",
        "villages_fiber_min": "Thôn có cáp quang (tối thiểu)",
    }
    controls: dict = {}
    for key, value in pp["thresholds"].items():
        if isinstance(value, dict):  # one value per commune group: set in the params file
            continue
        label = th_labels.get(key, key)
        if key.endswith("_share"):
            controls[f"thresholds.{key}"] = w.FloatSlider(
                value=float(value),
                min=0.0,
                max=1.0,
                step=0.01,
                description=label,
                style=style,
                layout=layout,
                continuous_update=False,
            )
        else:
            demand = key == "sector_min_dx_demand"
            top = 5 if demand else max(10, int(value) * 2)
            controls[f"thresholds.{key}"] = w.IntSlider(
                value=int(value),
                min=1 if demand and int(value) >= 1 else 0,
                max=top,
                description=label,
                style=style,
                layout=layout,
                continuous_update=False,
            )
    for key, value in pp["weights"].items():
        name = re.sub(r"\s*\(0[–/]1\)$", "", LABELS.get(f"ind_{key}", key)).replace("Chỉ số: ", "")
        top = max(WEIGHT_MAX, float(value))
        controls[f"weights.{key}"] = w.FloatSlider(
            value=float(value),
            min=0.0,
            max=top,
            step=0.5,
            description=f"Trọng số: {name[:1].lower()}{name[1:]} (0–{top:g})",
            style=style,
            layout=layout,
            continuous_update=False,
        )
    for t, conf in pp["types"].items():
        controls[f"types.{t}.number"] = w.IntSlider(
            value=int(conf["number"]),
            min=0,
            max=max(10, int(conf["number"])),
            description=f"Số xã chọn: {conf.get('label_vi', t)} (0–{max(10, int(conf['number']))})",
            style=style,
            layout=layout,
            continuous_update=False,
        )
    return controls


def recompute(survey: pd.DataFrame, params: dict, pilot_type: str) -> dict:
    """One recomputation for the widgets: eligibility, ranking, choice and funnel.

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict
        Params (already overridden by the widgets).
    pilot_type : str
        A key of ``pilots.types``.

    Returns
    -------
    dict
        ``eligibility``, ``ranked``, ``chosen``, ``funnel`` frames and ``ms`` (elapsed
        milliseconds of the computation, display excluded).

    Raises
    ------
    InputError, ParamsError
        As :func:`ntmplan.tasks.pilots.check_eligibility`.
    """
    import warnings

    start = time.perf_counter()
    elig = check_eligibility(survey, params, pilot_type)
    ranked = rank_candidates(survey, elig, params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        chosen = choose_pilots(ranked, params)
    out = {"eligibility": elig, "ranked": ranked, "chosen": chosen, "funnel": funnel_table(elig)}
    out["ms"] = (time.perf_counter() - start) * 1000.0
    return out


#: Columns of the chosen / ranked tables shown by the interactive panel.
PANEL_COLUMNS = [
    "commune_code",
    "commune_name",
    "prominent_sector",
    "eligible",
    "score",
    "rank",
    "missing_vi",
]


def interactive_panel(
    survey: pd.DataFrame,
    params: dict,
    show: Callable[[pd.DataFrame], object] | None = None,
    top: int = 15,
):
    """Sliders for every threshold, weight and number of pilots, with outputs updated in place.

    Every change calls :func:`recompute` on a copy of ``params`` (via
    :func:`ntmplan.tasks.pilots.with_overrides`), then shows the count, the funnel (an HTML bar
    chart, :func:`ntmplan.tasks.pilots.funnel_view.funnel_html`, redrawn only when it changed),
    the chosen communes and the top of the ranking, in that order.

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict
        Resolved params (not modified).
    show : callable, optional
        Turns a frame into what is displayed (e.g. Vietnamese headers); default identity.
    top : int
        Rows of the ranking shown.

    Returns
    -------
    ipywidgets.Widget
        The panel (display it in the notebook).

    Raises
    ------
    KeyError
        If a ``pilots`` key is missing.
    """
    import ipywidgets as w
    from IPython.display import display

    show = show or (lambda df: df)
    controls = threshold_controls(params)
    types = pilot_types(params["pilots"])  # with a profile's own types (modern NTM, 2026–2030)
    kind = w.Dropdown(
        options=[(conf.get("label_vi", t), t) for t, conf in types.items()],
        description="Loại mô hình",
        style={"description_width": "120px"},
        layout=w.Layout(width="34rem"),  # the longest type name is shown whole
    )
    status = w.HTML()
    out_funnel, out_chosen, out_ranked = w.HTML(), w.Output(), w.Output()
    drawn: dict = {"funnel": None}

    def update(_change=None) -> None:
        values = {key: c.value for key, c in controls.items()}
        try:
            result = recompute(survey, with_overrides(params, values), kind.value)
        except Exception as exc:  # noqa: BLE001 - show the message instead of breaking the panel
            status.value = f"<b>Lỗi / error:</b> {exc}"
            return
        n_elig = int(result["eligibility"]["eligible"].sum())
        status.value = (
            f"<b>{n_elig}</b> xã đủ điều kiện · tính lại trong {value_label(result['ms'], 0)} ms "
            f"(không kể thời gian vẽ)"
        )
        if drawn["funnel"] is None or not result["funnel"].equals(drawn["funnel"]):
            drawn["funnel"] = result["funnel"]  # unchanged when a weight or a number moved
            out_funnel.value = funnel_html(result["funnel"])  # one small message, no PNG
        for out, content in (
            (out_chosen, show(result["chosen"][[*PANEL_COLUMNS, "basis_vi", "gap_mvnd"]])),
            (out_ranked, show(result["ranked"][PANEL_COLUMNS].head(top))),
        ):
            out.clear_output(wait=True)
            with out:
                display(content)

    for c in [*controls.values(), kind]:
        c.observe(update, names="value")
    update()
    groups = {
        "Ngưỡng điều kiện": [c for k, c in controls.items() if k.startswith("thresholds.")],
        "Trọng số xếp hạng": [c for k, c in controls.items() if k.startswith("weights.")],
        "Số xã chọn": [c for k, c in controls.items() if k.startswith("types.")],
    }
    accordion = w.Accordion(children=[w.VBox(v) for v in groups.values()], selected_index=0)
    for i, title in enumerate(groups):
        accordion.set_title(i, title)
    results = w.Tab(children=[out_funnel, out_chosen, out_ranked])
    for i, title in enumerate(["Phễu điều kiện", "Xã được chọn", f"Xếp hạng (top {top})"]):
        results.set_title(i, title)
    return w.VBox([kind, accordion, status, results])

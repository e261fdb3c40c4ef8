"""The interactive panel of the budget notebook (03): controls whose changes rebuild the budget in place.

The chart shown under the results is passed in (:func:`ntmplan.tasks.budget.charts.interactive_panel`
passes its year × source chart), so this module does not depend on the charts.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.params import apply_overrides
from ntmplan.tasks.budget.export import pivot
from ntmplan.tasks.budget.inputs import chosen_pilots
from ntmplan.tasks.budget.key_figures import summary
from ntmplan.tasks.budget.naming import LABELS, source_label
from ntmplan.tasks.budget.pipeline import build
from ntmplan.tasks.budget.sources import active_sources
from ntmplan.tasks.budget.what_if import control_overrides


def make_panel(inputs: dict, params: dict, scheme: str | None = None, chart=None):
    """Controls for envelopes, socialised share, number of pilots and scenario, with results updating in place.

    Every change rebuilds the budget with :func:`ntmplan.tasks.budget.build` on
    params = scenario overrides, then :func:`ntmplan.tasks.budget.control_overrides`.

    Parameters
    ----------
    inputs : dict
        As :func:`ntmplan.tasks.budget.activity_costs`.
    params : dict
        Resolved params.
    scheme : str, optional
    chart : callable, optional
        ``chart(tidy, params)`` returning a Figure or an HTML string shown under the
        year × source table (none when None).

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets
    from IPython.display import HTML, Markdown, display

    b = params["budget"]
    chosen = chosen_pilots(inputs.get("pilots"))
    scenario, social, smart, ecom, env_boxes = _controls(widgets, params, chosen, scheme)
    out = widgets.Output()

    def update(_change=None) -> None:
        out.clear_output(wait=True)
        with out:
            try:
                ps = controlled_params(
                    params,
                    scenario.value,
                    {s: w.value for s, w in env_boxes.items()},
                    social.value,
                    smart.value,
                    ecom.value,
                )
                res = build(inputs, ps, scheme)
            except Exception as exc:  # show the message to the planner instead of a traceback
                display(Markdown(f"**Không tính được / cannot compute:** {exc}"))
                return
            _show_result(res, ps, chart, display, Markdown, HTML)

    def on_scenario(_change=None) -> None:
        sc = b["scenarios"][scenario.value]
        ps = apply_overrides(params, sc.get("overrides") or {}, sc["name"])
        pc = ps["budget"]["pilots"]
        for w in (
            social,
            smart,
            ecom,
        ):  # set the controls to the scenario's values without recomputing each time
            w.unobserve(update, names="value")
        social.value = float(ps["budget"]["socialised_factor"])
        smart.value = (
            _start_count(b, chosen, "smart_commune", "smart_count")
            if pc["smart_count"] is None
            else int(pc["smart_count"])
        )
        ecom.value = (
            _start_count(b, chosen, "ecommerce_commune", "ecommerce_count")
            if pc["ecommerce_count"] is None
            else int(pc["ecommerce_count"])
        )
        for w in (social, smart, ecom):
            w.observe(update, names="value")
        update()

    scenario.observe(on_scenario, names="value")
    for w in [social, smart, ecom, *env_boxes.values()]:
        w.observe(update, names="value")
    update()
    controls = widgets.VBox(
        [
            widgets.HBox([scenario, social]),
            widgets.HBox([smart, ecom]),
            widgets.HTML(
                "<b>Trần vốn mỗi năm theo nguồn (để trống = theo tham số / không giới hạn):</b>"
            ),
            widgets.VBox(list(env_boxes.values())),
        ]
    )
    return widgets.VBox([controls, out])


#: Descriptions of the panel's controls (the notebook layer finds the controls by them).
CONTROL_DESCRIPTIONS = {
    "scenario": "Kịch bản:",
    "social": "Hệ số xã hội hóa (0–2):",
    "smart": "Số xã thông minh (0–10):",
    "ecom": "Số xã TMĐT (0–10):",
}
#: Largest number of pilot communes the sliders offer (the controls' range, not a policy value).
PILOTS_MAX = 10


def envelope_description(source: str, params: dict) -> str:
    """Description of the envelope box of one funding source (``"Ngân sách tỉnh (tr.đ/năm):"``).

    Parameters
    ----------
    source : str
        Funding source code.
    params : dict
        Resolved params.

    Returns
    -------
    str
    """
    return vietnamese_part(source_label(source, params)) + " (tr.đ/năm):"


def _start_count(b: dict, chosen: pd.DataFrame | None, pilot_type: str, key: str) -> int:
    """Number of pilots a slider starts at: the params' count, else the 02 choice, else the default."""
    if b["pilots"][key] is not None:
        return int(b["pilots"][key])
    if chosen is not None:
        return int((chosen["pilot_type"] == pilot_type).sum())
    return int(b["pilots"][f"default_{key}"])


def _controls(widgets, params: dict, chosen: pd.DataFrame | None, scheme: str | None):
    """The panel's controls: scenario, socialised factor, pilot counts and one envelope box per source."""
    b = params["budget"]
    style = {"description_width": "initial"}
    scenario = widgets.Dropdown(
        options=[(sc.get("label", sc["name"]), i) for i, sc in enumerate(b["scenarios"])],
        value=0,
        description=CONTROL_DESCRIPTIONS["scenario"],
        style=style,
    )
    social = widgets.FloatSlider(
        value=float(b["socialised_factor"]),
        min=0.0,
        max=max(2.0, float(b["socialised_factor"])),
        step=0.1,
        description=CONTROL_DESCRIPTIONS["social"],
        style=style,
        continuous_update=False,
    )
    smart = widgets.IntSlider(
        value=_start_count(b, chosen, "smart_commune", "smart_count"),
        min=0,
        max=PILOTS_MAX,
        description=CONTROL_DESCRIPTIONS["smart"],
        style=style,
        continuous_update=False,
    )
    ecom = widgets.IntSlider(
        value=_start_count(b, chosen, "ecommerce_commune", "ecommerce_count"),
        min=0,
        max=PILOTS_MAX,
        description=CONTROL_DESCRIPTIONS["ecom"],
        style=style,
        continuous_update=False,
    )
    active = active_sources(params, scheme or params["programme"]["scheme"])
    env_boxes = {
        s: widgets.Text(
            value=str(b["envelopes"][s]) if isinstance(b["envelopes"].get(s), (int, float)) else "",
            placeholder="theo tham số" if s in b["envelopes"] else "không giới hạn",
            description=envelope_description(s, params),
            style=style,
            layout=widgets.Layout(width="36rem"),  # room for the box after the longest label
        )
        for s in active
    }
    return scenario, social, smart, ecom, env_boxes


def controlled_params(
    params: dict, scenario_index: int, envelopes: dict, social: float, smart: int, ecom: int
) -> dict:
    """Params of the chosen scenario with the controls' values laid over them.

    Parameters
    ----------
    params : dict
        Resolved params.
    scenario_index : int
        Index in ``budget.scenarios``.
    envelopes : dict
        Funding source → the envelope box's text (empty: as in params).
    social : float
        Socialised factor.
    smart, ecom : int
        Numbers of smart and e-commerce pilot communes.

    Returns
    -------
    dict

    Raises
    ------
    ParamsError
        If the scenario's overrides or the controls' values are not valid params.
    """
    sc = params["budget"]["scenarios"][scenario_index]
    ps = apply_overrides(params, sc.get("overrides") or {}, sc["name"])
    ctrl = control_overrides(
        ps,
        envelopes=envelopes,
        socialised_factor=social,
        smart_count=smart,
        ecommerce_count=ecom,
    )
    return apply_overrides(ps, ctrl, "controls")


def _show_result(res: dict, ps: dict, chart, display, Markdown, HTML) -> None:
    """Display the panel's results: key figures, year × source table and chart, failed checks."""
    s = summary(res, ps)
    display(
        Markdown(
            f"**Tổng nhu cầu:** {fmt.number(s['total_mvnd'])} tr.đ · "
            f"**Đã có nguồn:** {fmt.number(s['funded_mvnd'])} tr.đ · "
            f"**Chưa có nguồn:** {fmt.number(s['gap_mvnd'])} tr.đ"
        )
    )
    table = pivot(res["tidy"], "year", ps)
    display(  # Vietnamese numbers, no index column
        table.style.format(lambda v: fmt.number(v) if isinstance(v, float) else v).hide(
            axis="index"
        )
    )
    if chart is not None:
        drawn = chart(res["tidy"], ps)
        display(HTML(drawn) if isinstance(drawn, str) else drawn)
    failed = res["checks"][~res["checks"]["ok"]]
    if len(failed):
        display(failed[["subject", "message"]].rename(columns=LABELS))

"""The interactive panels of notebooks 02 (pilots), 03 (budget) and 04 (capacity).

:func:`pilots_body`, :func:`budget_body` and :func:`capacity_body` wrap the panels of
:mod:`ntmplan.tasks.pilots.charts`, :mod:`ntmplan.tasks.budget.charts` and
:mod:`ntmplan.tasks.capacity.charts` and export the current choice of their controls;
:func:`pilots_panel`, :func:`budget_panel` and :func:`capacity_panel` put them in a
:class:`~ntmplan.notebook.province_panel.ProvincePanel`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ntmplan.notebook.province_panel import Body, ProvincePanel, changed_settings, find_controls
from ntmplan.notebook.widgets import CHOICE_SHEET, LABELS, choice_frame, province_choice

# --------------------------------------------------------------------------- notebook 02
#: Description of the pilot-type dropdown in :func:`ntmplan.tasks.pilots.charts.interactive_panel`.
PILOT_TYPE_CONTROL = "Loại mô hình"


def pilots_body(ctx) -> Body:
    """The interactive panel of notebook 02 for one province, with the export of its choice.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    Body
        The panel of :func:`ntmplan.tasks.pilots.charts.interactive_panel`; ``export`` writes the
        choice (province, pilot type, every threshold, weight and number), the chosen
        communes, the ranking and the funnel for the current controls.

    Raises
    ------
    KeyError
        If the panel's controls no longer match :func:`ntmplan.tasks.pilots.charts.threshold_controls`.
    """
    from ntmplan.core.writers import write_excel
    from ntmplan.notebook.display import show_table
    from ntmplan.tasks import pilots
    from ntmplan.tasks.pilots import charts as pilot_charts

    params = ctx.params
    panel = pilot_charts.interactive_panel(
        ctx.survey, params, show=lambda df: show_table(df, pilots.LABELS)
    )
    keys = {c.description: k for k, c in pilot_charts.threshold_controls(params).items()}
    found = find_controls(panel)
    missing = [d for d in [*keys, PILOT_TYPE_CONTROL] if d not in found]
    if missing:
        raise KeyError(f"Không thấy điều khiển / controls not found: {missing}")

    def export(path: Path) -> Path:
        kind = found[PILOT_TYPE_CONTROL]
        values = {keys[d]: found[d].value for d in keys}
        result = pilot_charts.recompute(
            ctx.survey, pilots.with_overrides(params, values), kind.value
        )
        choice = {
            **province_choice(ctx),
            PILOT_TYPE_CONTROL: kind.label,
            **{d: found[d].value for d in keys},
            "Số xã đủ điều kiện / eligible": int(result["eligibility"]["eligible"].sum()),
        }
        sheets = {
            CHOICE_SHEET: choice_frame(choice),
            "Xã được chọn": result["chosen"],
            "Xếp hạng": result["ranked"],
            "Phễu điều kiện": result["funnel"],
        }
        return write_excel(path, sheets, labels={**pilots.LABELS, **LABELS}, params=params)

    by_key = {f"pilots.{k}": found[d] for d, k in keys.items()}
    initial = {k: c.value for k, c in by_key.items()}
    return Body(widget=panel, export=export, settings=lambda: changed_settings(by_key, initial))


# --------------------------------------------------------------------------- notebook 03
def setting_name(description: str) -> str:
    """Return a control's name in an export: its description without the range and colon.

    Parameters
    ----------
    description : str
        e.g. ``"Số xã thông minh (0–10):"``.

    Returns
    -------
    str
        e.g. ``"Số xã thông minh"``.
    """
    return re.sub(r"\s*\([^()]*\)$", "", description.rstrip(":").strip())


def budget_inputs(ctx) -> dict:
    """Return the inputs of the budget (as notebook 03 builds them) for one province.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    dict
        ``survey``, ``pilots`` (summary of 02 or None), ``capacity`` (summary of 04 or None).
    """
    return {
        "survey": ctx.survey,
        "pilots": ctx.read_summary("02_pilots"),
        "capacity": ctx.read_summary("04_capacity"),
    }


def budget_body(ctx) -> Body:
    """The interactive panel of notebook 03 for one province, with the export of its choice.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    Body
        The panel of :func:`ntmplan.tasks.budget.charts.interactive_panel`; ``export`` writes the
        choice (province, scenario, socialised factor, numbers of pilots, envelopes) and the
        budget tables (:func:`ntmplan.tasks.budget.export_tables`) for the current controls.

    Raises
    ------
    KeyError
        If the panel's controls are not found.
    """
    from ntmplan.tasks import budget
    from ntmplan.tasks.budget import charts as bc
    from ntmplan.tasks.budget.panel import (
        CONTROL_DESCRIPTIONS,
        controlled_params,
        envelope_description,
    )

    params = ctx.params
    inputs = budget_inputs(ctx)
    scheme = params["programme"]["scheme"]
    panel = bc.interactive_panel(inputs, params)
    found = find_controls(panel)
    envelopes = {s: envelope_description(s, params) for s in budget.active_sources(params, scheme)}
    missing = [d for d in [*CONTROL_DESCRIPTIONS.values(), *envelopes.values()] if d not in found]
    if missing:
        raise KeyError(f"Không thấy điều khiển / controls not found: {missing}")

    def export(path: Path) -> Path:
        c = {k: found[d] for k, d in CONTROL_DESCRIPTIONS.items()}
        ps = controlled_params(
            params,
            c["scenario"].value,
            {s: found[d].value for s, d in envelopes.items()},
            c["social"].value,
            c["smart"].value,
            c["ecom"].value,
        )
        result = budget.build(inputs, ps, scheme)
        totals = budget.summary(result, ps)
        choice = {
            **province_choice(ctx),
            "Kịch bản / scenario": c["scenario"].label,
            **{
                setting_name(d): c[k].value
                for k, d in CONTROL_DESCRIPTIONS.items()
                if k != "scenario"
            },
            **{d.rstrip(":"): found[d].value or "theo tham số" for d in envelopes.values()},
            "Tổng nhu cầu (triệu đồng)": float(totals["total_mvnd"]),
            "Chưa có nguồn (triệu đồng)": float(totals["gap_mvnd"]),
        }
        sheets = {
            CHOICE_SHEET: choice_frame(choice).rename(columns=LABELS),
            **budget.export_tables(result, ps),
        }
        return budget.write_xlsx(path, sheets)

    by_key = {
        "budget.socialised_factor": found[CONTROL_DESCRIPTIONS["social"]],
        "budget.pilots.smart_count": found[CONTROL_DESCRIPTIONS["smart"]],
        "budget.pilots.ecommerce_count": found[CONTROL_DESCRIPTIONS["ecom"]],
    }
    initial = {k: c.value for k, c in by_key.items()}
    env_initial = {s: found[d].value for s, d in envelopes.items()}

    def settings() -> dict:
        out = changed_settings(by_key, initial)
        for s, d in envelopes.items():
            text = str(found[d].value).strip().replace(" ", "").replace(",", ".")
            if found[d].value != env_initial[s] and text:
                try:
                    out[f"budget.envelopes.{s}"] = float(text)
                except ValueError:  # not a number: the panel already shows why
                    pass
        return out

    return Body(widget=panel, export=export, settings=settings)


# --------------------------------------------------------------------------- notebook 04
def capacity_body(ctx) -> Body:
    """The interactive controls of notebook 04 for one province, with the export of its choice.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    Body
        :class:`ntmplan.tasks.capacity.charts.CapacityControls` (without its own button);
        ``export`` writes its current plan (:meth:`CapacityControls.export`).

    Raises
    ------
    KeyError
        If a ``capacity`` key is missing.
    """
    from ntmplan.tasks.capacity import charts as cc

    controls = cc.CapacityControls(ctx.survey, ctx.params)

    def export(path: Path) -> Path:
        controls.export_path = path
        return controls.export()

    by_key = {
        **{f"capacity.groups.{g}.class_size": s for g, s in controls.class_size.items()},
        **{f"capacity.groups.{g}.share_per_year": s for g, s in controls.share.items()},
        "capacity.support_policy.monthly_allowance_mvnd": controls.allowance,
    }
    initial = {k: c.value for k, c in by_key.items()}
    return Body(
        widget=controls.box, export=export, settings=lambda: changed_settings(by_key, initial)
    )


# --------------------------------------------------------------------------- notebook 01
def status_body(ctx) -> Body:
    """The app bar of notebook 01: no controls of its own (its indicator picker is a section).

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    Body
        An empty widget, no export, no settings.
    """
    import ipywidgets as w

    return Body(widget=w.HTML(""))


def status_panel(
    ctx, params_file: str = "", data_file: str = "", output_dir: str = ""
) -> ProvincePanel:
    """Province picker and data line of notebook 01 (shown in the app).

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook
    params_file, data_file, output_dir : str
        The notebook's parameters.

    Returns
    -------
    ProvincePanel
        Display ``.widget``.
    """
    return ProvincePanel(ctx, status_body, params_file, data_file, output_dir)


def pilots_panel(
    ctx, params_file: str = "", data_file: str = "", output_dir: str = ""
) -> ProvincePanel:
    """Province picker + export + the interactive panel of notebook 02.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook
    params_file, data_file, output_dir : str
        The notebook's parameters.

    Returns
    -------
    ProvincePanel
        Display ``.widget``.
    """
    return ProvincePanel(ctx, pilots_body, params_file, data_file, output_dir)


def budget_panel(
    ctx, params_file: str = "", data_file: str = "", output_dir: str = ""
) -> ProvincePanel:
    """Province picker + export + the interactive panel of notebook 03.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook
    params_file, data_file, output_dir : str
        The notebook's parameters.

    Returns
    -------
    ProvincePanel
        Display ``.widget``.
    """
    return ProvincePanel(ctx, budget_body, params_file, data_file, output_dir)


def capacity_panel(
    ctx, params_file: str = "", data_file: str = "", output_dir: str = ""
) -> ProvincePanel:
    """Province picker + export + the interactive controls of notebook 04.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook
    params_file, data_file, output_dir : str
        The notebook's parameters.

    Returns
    -------
    ProvincePanel
        Display ``.widget``.
    """
    return ProvincePanel(ctx, capacity_body, params_file, data_file, output_dir)

"""Shared widget helpers of the workbooks: a province picker, an "Xuất Excel / Export to Excel"
button, and a panel that reloads a notebook's interactive part for another province in place.

The same notebooks serve batch runs, JupyterLab and the Voilà app (``make app``): with
``interactive = True`` a notebook shows a :class:`ProvincePanel`; changing the province
re-opens the notebook context (:func:`ntmplan.notebook.context.open_workbook`) and rebuilds only the
panel's body, so the page is not re-rendered. ipywidgets is imported inside the functions.

Adapters for the notebooks: :func:`pilots_body` (02), :func:`budget_body` (03) and
:func:`capacity_body` (04) wrap the panels of :mod:`ntmplan.tasks.pilots.charts`,
:mod:`ntmplan.tasks.budget.charts` and :mod:`ntmplan.tasks.capacity.charts` and export the current
choice of their controls.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ntmplan.core.params import apply_overrides

#: Vietnamese labels of the columns this module writes (the "Lựa chọn" sheet).
LABELS: dict[str, str] = {
    "setting": "Thiết lập / setting",
    "value": "Giá trị / value",
}
#: Title of the sheet holding the choice (province and control values) in every export.
CHOICE_SHEET = "Lựa chọn"
#: Text of the export button.
EXPORT_LABEL = "Xuất Excel / Export to Excel"
#: Largest file offered as an in-page download link (bigger files: the path only).
MAX_LINK_BYTES = 5_000_000
_XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- pure helpers
def province_options(scheme: str = "current") -> list[tuple[str, str]]:
    """Return the dropdown options of the province picker: ``("Tỉnh Bắc Ninh (24)", "24")``.

    Parameters
    ----------
    scheme : str
        ``current`` (34 provinces, 2025) or ``legacy``.

    Returns
    -------
    list of (label, code)
        Ordered by code.

    Raises
    ------
    ValueError
        For an unknown scheme.
    """
    from ntmplan.survey import units

    table = units.provinces(scheme)
    return [
        (f"{name} ({code})", code)
        for code, name in zip(table["province_code"], table["province_name"], strict=True)
    ]


def normalise_province(value: str, scheme: str = "current") -> str:
    """Return the code of a province given by code or name.

    Parameters
    ----------
    value : str
        ``"24"``, ``"Bắc Ninh"``, ``"bac ninh"``…
    scheme : str

    Returns
    -------
    str
        Two-digit province code.

    Raises
    ------
    ValueError
        If no province matches.
    """
    from ntmplan.survey import units

    found = units.find_province(str(value).strip(), scheme=scheme)
    if found is None:
        raise ValueError(f"Không có tỉnh/thành phố {value!r} / unknown province {value!r}")
    return found["province_code"]


def output_dir_for(new_code: str, output_dir: str | Path | None, current_code: str) -> str:
    """Choose the output folder of a province picked in the panel.

    The notebook's own ``output_dir`` belongs to the province it was opened for. For another
    province: a blank ``output_dir`` stays blank (``outputs/<code>-<slug>``); an explicit one is
    replaced by the sibling folder named after the new province.

    Parameters
    ----------
    new_code : str
        Code of the province picked.
    output_dir : str or Path or None
        The notebook's ``output_dir`` parameter.
    current_code : str
        Code of the province the notebook was opened for.

    Returns
    -------
    str
        The ``output_dir`` argument for :func:`ntmplan.notebook.context.open_workbook`.

    Raises
    ------
    ValueError
        If ``new_code`` is not a province code.
    """
    from ntmplan.survey import units

    if output_dir is None or str(output_dir).strip() == "" or new_code == current_code:
        return "" if output_dir is None else str(output_dir)
    return str(Path(output_dir).parent / units.province_dir_name(new_code))


def export_filename(notebook: str) -> str:
    """Return the file name of a notebook's "current choice" export, e.g. ``lua_chon_02_pilots.xlsx``.

    Parameters
    ----------
    notebook : str
        Notebook id (ASCII letters, digits, ``_``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the id holds other characters (it becomes a file name).
    """
    if not notebook or not all(c.isascii() and (c.isalnum() or c == "_") for c in notebook):
        raise ValueError(f"Tên sổ tính không hợp lệ / invalid notebook id: {notebook!r}")
    return f"lua_chon_{notebook}.xlsx"


def choice_frame(choice: dict) -> pd.DataFrame:
    """Turn the current choice (setting label → value) into the rows of the "Lựa chọn" sheet.

    Parameters
    ----------
    choice : dict
        Ordered ``{"Tỉnh/thành phố": "Tỉnh Bắc Ninh (24)", "Hệ số xã hội hóa": 0.5, …}``.

    Returns
    -------
    pandas.DataFrame
        Columns ``setting`` (str) and ``value`` (object), one row per item, in order.

    Raises
    ------
    TypeError
        If ``choice`` is not a mapping.
    """
    if not isinstance(choice, dict):
        raise TypeError("choice phải là dict / choice must be a dict")
    return pd.DataFrame(
        {
            "setting": [str(k) for k in choice],
            "value": pd.Series(list(choice.values()), dtype=object),
        }
    )


def download_link_html(path: str | Path, max_bytes: int = MAX_LINK_BYTES) -> str:
    """Return HTML showing where an export was written, with an in-page download link.

    The link embeds the file (``data:`` URL), so it works in JupyterLab and in the Voilà app
    alike, without the server publishing the outputs folder; files above ``max_bytes`` get
    the path only.

    Parameters
    ----------
    path : str or Path
        The written file.
    max_bytes : int
        Size limit of the embedded link.

    Returns
    -------
    str

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    """
    import base64
    import html

    path = Path(path)
    data = path.read_bytes()
    where = html.escape(str(path.resolve()))
    name = html.escape(path.name, quote=True)
    text = f"Đã ghi / written: <code>{where}</code>"
    if len(data) <= max_bytes:
        b64 = base64.b64encode(data).decode("ascii")
        text += (
            f' · <a download="{name}" href="data:{_XLSX_MIME};base64,{b64}" '
            f'class="ntm-download">Tải về / download {name}</a>'
        )
    return text


# --------------------------------------------------------------------------- widgets
def province_picker(value: str = "01", description: str = "Tỉnh/thành phố:"):
    """Build the province picker: a Dropdown of the 34 provinces (2025 units), values are codes.

    Parameters
    ----------
    value : str
        Initial province (code or name).
    description : str
        Label shown before the list.

    Returns
    -------
    ipywidgets.Dropdown

    Raises
    ------
    ValueError
        If ``value`` is not a province.
    """
    import ipywidgets as w

    return w.Dropdown(
        options=province_options(),
        value=normalise_province(value),
        description=description,
        style={"description_width": "initial"},
        layout=w.Layout(width="24rem"),
    )


def export_button(write: Callable[[], Path], description: str = EXPORT_LABEL):
    """Build the "Xuất Excel / Export to Excel" button with a line showing the result.

    Clicking calls ``write()`` (which writes the file and returns its path) and shows the
    path and a download link, or the error message; the panel never breaks.

    Parameters
    ----------
    write : callable
        ``write() -> Path``.
    description : str
        Button text.

    Returns
    -------
    ipywidgets.VBox
        ``children = (button, message)``; ``message.value`` is the HTML shown.
    """
    import ipywidgets as w

    button = w.Button(
        description=description, icon="download", layout=w.Layout(width="auto"), button_style="info"
    )
    message = w.HTML()

    def on_click(_button=None) -> None:
        button.disabled = True
        message.value = "Đang ghi tệp… / writing…"
        try:
            message.value = download_link_html(write())
        except Exception as exc:  # noqa: BLE001 - show the reason to the planner instead of a traceback
            message.value = f"<b>Không ghi được / export failed:</b> {_escape(exc)}"
        finally:
            button.disabled = False

    button.on_click(on_click)
    return w.VBox([button, message])


def _escape(value: Any) -> str:
    import html

    return html.escape(str(value))


def find_controls(widget) -> dict[str, Any]:
    """Collect the controls of a widget tree by their description (label).

    Parameters
    ----------
    widget : ipywidgets.Widget
        A panel (a Box with children, Accordions and Tabs included).

    Returns
    -------
    dict
        Description → widget, for every widget with a non-empty ``description`` and a
        ``value`` (buttons and outputs excluded).

    Raises
    ------
    ValueError
        If two controls share a description (they could not be told apart).
    """
    found: dict[str, Any] = {}
    stack = [widget]
    while stack:
        node = stack.pop(0)
        children = getattr(node, "children", None)
        if children:
            stack.extend(children)
        desc = getattr(node, "description", "")
        if desc and node.has_trait("value"):
            if desc in found:
                raise ValueError(f"Hai điều khiển cùng nhãn / duplicate control label: {desc!r}")
            found[desc] = node
    return found


def _close_tree(widget) -> None:
    """Close a widget and all its descendants (frees their front-end models)."""
    stack = [widget]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", ()) or ())
        try:
            node.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass


@dataclass
class Body:
    """The province-specific part of a panel.

    Attributes
    ----------
    widget : ipywidgets.Widget
        What is shown.
    export : callable, optional
        ``export(path) -> Path``: write the current choice to ``path`` (xlsx).
    """

    widget: Any
    export: Callable[[Path], Path] | None = None


class ProvincePanel:
    """A province picker, an export button and a body rebuilt in place for the province picked.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook
        The notebook's context (its province is the initial choice).
    build : callable
        ``build(ctx) -> Body`` (or a bare widget): the province-specific panel.
    params_file, data_file, output_dir : str
        The notebook's parameters, used to re-open the context for another province.
    opener : callable, optional
        Replaces :func:`ntmplan.notebook.context.open_workbook` (tests).

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    ctx, body : the current context and body.
    picker : ipywidgets.Dropdown
    info : ipywidgets.HTML
        What is shown and how long loading took.
    exporter : ipywidgets.VBox or None
        From :func:`export_button`.
    """

    def __init__(
        self,
        ctx,
        build: Callable,
        params_file: str = "",
        data_file: str = "",
        output_dir: str = "",
        opener: Callable | None = None,
    ):
        import ipywidgets as w

        self.ctx = ctx
        self.build = build
        self.params_file, self.data_file, self.output_dir = params_file, data_file, output_dir
        self.home_code = ctx.province_code
        if opener is None:
            from ntmplan.notebook.context import open_workbook

            opener = open_workbook
        self.opener = opener
        self.picker = province_picker(ctx.province_code)
        self.info = w.HTML()
        self.holder = w.VBox()
        self.exporter = export_button(self.export)
        self.load_ms = 0.0
        self.body = self._make_body(ctx)
        self.holder.children = (self.body.widget,)
        self._show_info()
        self.picker.observe(self._on_pick, names="value")
        self.widget = w.VBox(
            [
                w.HBox([self.picker, self.exporter.children[0]]),
                self.info,
                self.exporter.children[1],
                self.holder,
            ]
        )

    def _make_body(self, ctx) -> Body:
        body = self.build(ctx)
        return body if isinstance(body, Body) else Body(widget=body)

    def _show_info(self, extra: str = "") -> None:
        n = len(self.ctx.survey)
        self.info.value = (
            f"Đang xem / showing: <b>{_escape(self.ctx.province_name)}</b> ({self.ctx.province_code})"
            f" · {n} đơn vị / units{extra}"
        )

    def _on_pick(self, change) -> None:
        self.select(change["new"])

    def select(self, province: str) -> float:
        """Re-open the context for ``province`` and rebuild the body in place.

        Parameters
        ----------
        province : str
            Code or name.

        Returns
        -------
        float
            Milliseconds taken (context + body); also shown under the picker.

        Raises
        ------
        Nothing: an error is shown in the panel and the previous province stays.
        """
        start = time.perf_counter()
        try:
            code = normalise_province(province)
            if code == self.ctx.province_code:
                return 0.0
            self.picker.disabled = True
            self.info.value = f"Đang tải / loading {code}…"
            ctx = self.opener(
                self.ctx.notebook,
                code,
                self.params_file,
                self.data_file,
                output_dir_for(code, self.output_dir, self.home_code),
            )
            body = self._make_body(ctx)
        except Exception as exc:  # noqa: BLE001 - keep the panel usable, show the reason
            self.info.value = f"<b>Không tải được / cannot load:</b> {_escape(exc)}"
            self.picker.unobserve(self._on_pick, names="value")
            self.picker.value = self.ctx.province_code
            self.picker.observe(self._on_pick, names="value")
            return 0.0
        finally:
            self.picker.disabled = False
        old = self.body.widget
        self.ctx, self.body = ctx, body
        self.holder.children = (body.widget,)
        _close_tree(old)
        self.exporter.children[1].value = ""
        self.load_ms = (time.perf_counter() - start) * 1000.0
        self._show_info(f" · nạp trong / loaded in {self.load_ms:.0f} ms")
        return self.load_ms

    def export_path(self) -> Path:
        """Return where the current choice is exported (the province's output folder).

        Returns
        -------
        Path
        """
        return self.ctx.path(export_filename(self.ctx.notebook))

    def export(self) -> Path:
        """Write the current choice of the body to :meth:`export_path`.

        Returns
        -------
        Path

        Raises
        ------
        RuntimeError
            If the body has no export.
        """
        if self.body.export is None:
            raise RuntimeError("Bảng này không có xuất Excel / this panel has no export")
        target = self.export_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(self.body.export(target))


def province_choice(ctx) -> dict:
    """Return the first rows of every choice sheet: the province and the survey year.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    dict
    """
    year = int(ctx.survey["year"].max()) if len(ctx.survey) else None
    return {
        "Tỉnh/thành phố / province": f"{ctx.province_name} ({ctx.province_code})",
        "Năm khảo sát / survey year": year,
    }


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
        return write_excel(path, sheets, labels={**pilots.LABELS, **LABELS})

    return Body(widget=panel, export=export)


# --------------------------------------------------------------------------- notebook 03
BUDGET_CONTROLS = {
    "scenario": "Kịch bản:",
    "social": "Hệ số xã hội hóa:",
    "smart": "Số xã thông minh:",
    "ecom": "Số xã TMĐT:",
}


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


def _envelope_description(source: str, params: dict) -> str:
    from ntmplan.tasks import budget

    return budget.source_label(source, params).split(" / ")[0] + " (tr.đ/năm):"


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

    params = ctx.params
    inputs = budget_inputs(ctx)
    scheme = params["programme"]["scheme"]
    panel = bc.interactive_panel(inputs, params)
    found = find_controls(panel)
    envelopes = {s: _envelope_description(s, params) for s in budget.active_sources(params, scheme)}
    missing = [d for d in [*BUDGET_CONTROLS.values(), *envelopes.values()] if d not in found]
    if missing:
        raise KeyError(f"Không thấy điều khiển / controls not found: {missing}")

    def export(path: Path) -> Path:
        c = {k: found[d] for k, d in BUDGET_CONTROLS.items()}
        sc = params["budget"]["scenarios"][c["scenario"].value]
        ps = apply_overrides(params, sc.get("overrides") or {}, sc["name"])
        ctrl = budget.control_overrides(
            ps,
            envelopes={s: found[d].value for s, d in envelopes.items()},
            socialised_factor=c["social"].value,
            smart_count=c["smart"].value,
            ecommerce_count=c["ecom"].value,
        )
        ps = apply_overrides(ps, ctrl, "controls")
        result = budget.build(inputs, ps, scheme)
        totals = budget.summary(result, ps)
        choice = {
            **province_choice(ctx),
            "Kịch bản / scenario": c["scenario"].label,
            **{d.rstrip(":"): c[k].value for k, d in BUDGET_CONTROLS.items() if k != "scenario"},
            **{d.rstrip(":"): found[d].value or "theo tham số" for d in envelopes.values()},
            "Tổng nhu cầu (triệu đồng)": float(totals["total_mvnd"]),
            "Chưa có nguồn (triệu đồng)": float(totals["gap_mvnd"]),
        }
        sheets = {
            CHOICE_SHEET: choice_frame(choice).rename(columns=LABELS),
            **budget.export_tables(result, ps),
        }
        return budget.write_xlsx(path, sheets)

    return Body(widget=panel, export=export)


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

    return Body(widget=controls.box, export=export)


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

"""Interactive controls of the capacity workbook (notebook 04).

:class:`CapacityControls` binds ipywidgets (class size and yearly share per
target group, monthly team allowance) to :func:`ntmplan.tasks.capacity.pipeline.build`
and refreshes its widgets in place: the key figures first, then the charts as HTML
(:mod:`ntmplan.tasks.capacity.html_view`; a PNG per change took 0,7–1,5 s), each redrawn only
when its figures changed.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ntmplan.tasks.capacity.export import excel_sheets
from ntmplan.tasks.capacity.html_view import budget_html, calendar_html, participants_html
from ntmplan.tasks.capacity.labels import LABELS, short_label
from ntmplan.tasks.capacity.pipeline import build, with_controls
from ntmplan.tasks.capacity.tables import key_figures


class CapacityControls:
    """ipywidgets controls (class size, yearly share per group, monthly allowance) bound to the plan.

    Moving a control re-runs :func:`ntmplan.tasks.capacity.pipeline.build` with
    :func:`ntmplan.tasks.capacity.pipeline.with_controls` and refreshes the Output widgets in
    place; the export button writes the current choice to ``export_path``.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict
        Resolved params (not modified).
    export_path : str or Path, optional
        Where the export button writes the Excel workbook; no button when None.
    charts : bool
        Redraw the charts on every change (False: only the key-figures table).
    """

    def __init__(
        self,
        survey: pd.DataFrame,
        params: dict,
        export_path: str | Path | None = None,
        charts: bool = True,
    ):
        import ipywidgets as w

        self.survey, self.params, self.export_path = survey, params, export_path
        self.charts = charts
        groups = params["capacity"]["groups"]
        style = {"description_width": "initial"}
        self.class_size = {
            g: w.IntSlider(
                value=int(grp["class_size"]),
                min=5,
                max=max(200, int(grp["class_size"])),
                step=5,
                description="Sĩ số lớp",
                style=style,
                continuous_update=False,
            )
            for g, grp in groups.items()
        }
        self.share = {
            g: w.FloatSlider(
                value=float(grp["share_per_year"]),
                min=0.0,
                max=1.0,
                step=0.01,
                description="Tỷ lệ/năm",
                readout_format=".0%",
                style=style,
                continuous_update=False,
            )
            for g, grp in groups.items()
        }
        allowance = float(params["capacity"]["support_policy"]["monthly_allowance_mvnd"])
        self.allowance = w.FloatSlider(
            value=allowance,
            min=0.0,
            max=max(2.0, allowance),
            step=0.05,
            description="Phụ cấp thành viên Tổ (triệu đồng/tháng)",
            style=style,
            continuous_update=False,
            layout=w.Layout(width="32rem"),
        )
        self.out_figures = w.Output()
        self.out_participants, self.out_calendar, self.out_costs = (w.HTML() for _ in range(3))
        self._drawn: dict = {}  # chart → the frames it was last drawn from
        self.status = w.HTML()
        rows = [
            w.HBox(
                [
                    w.HTML(
                        f"<b>{html.escape(short_label(grp['name_vi']))}</b>",
                        layout=w.Layout(width="18rem"),
                    ),
                    self.class_size[g],
                    self.share[g],
                ]
            )
            for g, grp in groups.items()
        ]
        children = [*rows, self.allowance]
        if export_path is not None:
            self.button = w.Button(description="Xuất Excel lựa chọn hiện tại", icon="download")
            self.button.on_click(lambda _b: self.export())
            children.append(w.HBox([self.button, self.status]))
        for widget in [*self.class_size.values(), *self.share.values(), self.allowance]:
            widget.observe(lambda _change: self.update(), names="value")
        self.box = w.VBox(
            [*children, self.out_figures, self.out_participants, self.out_calendar, self.out_costs]
        )
        self.result: dict = {}
        self.update()

    def current_params(self) -> dict:
        """Return params with the controls' current values applied.

        Returns
        -------
        dict
            A copy of ``params`` (see :func:`ntmplan.tasks.capacity.pipeline.with_controls`).
        """
        return with_controls(
            self.params,
            class_sizes={g: s.value for g, s in self.class_size.items()},
            shares={g: s.value for g, s in self.share.items()},
            monthly_allowance_mvnd=self.allowance.value,
        )

    def update(self) -> dict:
        """Re-run the plan with the current controls and refresh the outputs in place.

        Returns
        -------
        dict
            The new result of :func:`ntmplan.tasks.capacity.pipeline.build` (also ``self.result``).

        Raises
        ------
        InputError, ParamsError, CapacityError
            As :func:`ntmplan.tasks.capacity.pipeline.build`.
        """
        from IPython.display import display

        self.result = r = build(self.survey, self.current_params())
        with self.out_figures:  # the numbers first
            self.out_figures.clear_output(wait=True)
            display(key_figures(r))
        if not self.charts:
            return r
        for name, out, frames, draw in (
            ("participants", self.out_participants, (r["plan"],), participants_html),
            ("calendar", self.out_calendar, (r["calendar"], r["load"]), calendar_html),
            ("costs", self.out_costs, (r["budget_lines"],), budget_html),
        ):
            old = self._drawn.get(name)
            if old is None or not all(a.equals(b) for a, b in zip(old, frames, strict=True)):
                self._drawn[name] = frames
                out.value = draw(*frames)
        return r

    def export(self) -> Path:
        """Write the current plan to ``export_path`` (Vietnamese headers) and return the path.

        Returns
        -------
        pathlib.Path
            The workbook written.

        Raises
        ------
        TypeError
            If ``export_path`` is None.
        """
        from ntmplan.core.writers import write_excel

        path = write_excel(
            Path(self.export_path),
            excel_sheets(self.result),
            labels=LABELS,
            params=self.current_params(),
        )
        self.status.value = f"Đã ghi / written: {Path(path).name}"
        return Path(path)

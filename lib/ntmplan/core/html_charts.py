"""Bar charts as HTML/CSS fragments, for the interactive panels of the workbooks.

A matplotlib PNG takes 0,1–1 s to render and longer to reach the browser; the same bars as
HTML take a millisecond and travel as one small widget message (an ``ipywidgets.HTML``), so a
control change is redrawn at once. The reports keep their matplotlib charts. Numbers are
written the Vietnamese way (:func:`ntmplan.core.fmt.number`); every text is escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ntmplan.core.fmt import number

__all__ = ["CHART_CLASS", "stacked_bars_html", "stacked_heights"]

#: CSS class of every chart's outer ``div``.
CHART_CLASS = "ntm-html-chart"
#: Colour of a series without one of its own.
DEFAULT_COLOR = "#a0aec0"


def stacked_heights(table: pd.DataFrame) -> pd.DataFrame:
    """Heights of the segments of stacked bars, in percent of the tallest bar.

    Parameters
    ----------
    table : DataFrame
        One row per bar, one column per series, values ≥ 0 (NaN counts as 0).

    Returns
    -------
    DataFrame
        Same shape, each value in percent (0–100) of the largest row total; all zero when
        every total is 0.

    Raises
    ------
    ValueError
        If a value is negative.
    """
    values = table.fillna(0.0).astype(float)
    if (values < 0).to_numpy().any():
        raise ValueError("Giá trị âm không vẽ được / negative values cannot be stacked")
    top = float(values.sum(axis=1).max()) if len(values) else 0.0
    return values * (100.0 / top) if top > 0 else values * 0.0


def _segment(height: float, color: str, tip: str) -> str:
    return (
        f'<div title="{escape(tip)}" style="height:{height:.2f}%;background:{color};'
        f'width:100%"></div>'
    )


def stacked_bars_html(
    table: pd.DataFrame,
    colors: dict | None = None,
    title: str = "",
    unit: str = "",
    notes: dict | None = None,
    digits: int = 0,
    height_px: int = 150,
    legend: bool = True,
) -> str:
    """Draw vertical stacked bars: one bar per row, one segment per column, total on top.

    Parameters
    ----------
    table : DataFrame
        Index = bar labels (e.g. years), columns = series names as the planner reads them
        (Vietnamese), values ≥ 0 (NaN counts as 0).
    colors : dict, optional
        Series name → CSS colour; others :data:`DEFAULT_COLOR`.
    title : str
        Title above the bars.
    unit : str
        Unit written after each number in the tooltips and under the chart.
    notes : dict, optional
        Bar label → short text written inside the bar (e.g. ``"12 lớp"``).
    digits : int
        Decimals of the numbers.
    height_px : int
        Height of the tallest bar.
    legend : bool
        Show one legend entry per series.

    Returns
    -------
    str
        An HTML fragment (a ``div`` of class :data:`CHART_CLASS`).

    Raises
    ------
    ValueError
        If a value is negative.
    """
    colors = colors or {}
    notes = notes or {}
    heights = stacked_heights(table).to_numpy()  # plain arrays: no pandas lookup per cell
    values = table.fillna(0.0).astype(float).to_numpy()
    suffix = f" {unit}" if unit else ""
    columns = list(enumerate(table.columns))[::-1]  # the first series at the bottom
    bars = []
    for i, label in enumerate(table.index):
        total = float(values[i].sum())
        segments = "".join(
            _segment(
                float(heights[i, j]),
                colors.get(col, DEFAULT_COLOR),
                f"{label} · {col}: {number(float(values[i, j]), digits)}{suffix}",
            )
            for j, col in columns
        )
        note = notes.get(label)
        inside = (
            f'<div style="position:absolute;bottom:2px;width:100%;text-align:center;'
            f'color:white;font-size:10px;white-space:nowrap">{escape(str(note))}</div>'
            if note
            else ""
        )
        bars.append(
            f'<div style="display:flex;flex-direction:column;align-items:center;width:3.8rem">'
            f'<div style="font-size:11px">{number(total, digits)}</div>'
            f'<div style="position:relative;height:{height_px}px;width:3rem;display:flex;'
            f'flex-direction:column;justify-content:flex-end">{segments}{inside}</div>'
            f'<div style="font-size:12px;border-top:1px solid #555;width:100%;text-align:center">'
            f"{escape(str(label))}</div></div>"
        )
    keys = ""
    if legend:
        swatch = "display:inline-block;width:.8rem;height:.7rem;margin:0 .25rem 0 .8rem;background:"
        keys = (
            '<div style="font-size:11px;margin-top:.3rem">'
            + "".join(
                f'<span style="{swatch}{colors.get(c, DEFAULT_COLOR)}"></span>{escape(str(c))}'
                for c in table.columns
            )
            + "</div>"
        )
    caption = f'<div style="font-size:11px;color:#555">{escape(unit)}</div>' if unit else ""
    width = max(10.0, 4.1 * len(table))  # a long title wraps over its own bars
    head = (
        f'<div style="font-weight:bold;margin-bottom:.3rem;max-width:{width:.1f}rem">'
        f"{escape(title)}</div>"
        if title
        else ""
    )
    return (
        f'<div class="{CHART_CLASS}" style="font-size:13px;line-height:1.3;display:inline-block;'
        f'vertical-align:bottom;margin:0 1.2rem .8rem 0">{head}'
        f'<div style="display:flex;align-items:flex-end;gap:.3rem">{"".join(bars)}</div>'
        f"{caption}{keys}</div>"
    )

"""Charts of the status review (notebook 01, also drawn by notebooks 00 and 02).

Bars, the readiness histogram, progress against the Decision 924 targets and the commune dot
map; every function returns a :class:`matplotlib.figure.Figure` on a
:func:`ntmplan.core.charts.new_figure` (house style, no pyplot), numbers written the Vietnamese
way (``value_label``, ``number_axis``: ``1.234,5``, ``67,9%``), titles wrapped to the figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ntmplan.core.charts import (
    COLOR_MAIN,
    COLOR_MET,
    COLOR_NOT_MET,
    COLOR_TARGET,
    new_figure,
    number_axis,
    set_title,
    value_label,
    wrap_label,
)
from ntmplan.core.errors import require_columns
from ntmplan.core.maps import dot_map  # noqa: F401 - notebooks 01 and 02 call status_charts.dot_map


def bar_chart(
    values: pd.Series | Mapping[str, float],
    title: str,
    xlabel: str = "",
    *,
    xlim: tuple[float, float] | None = None,
    color: str | Iterable[str] | None = None,
    digits: int = 1,
    percent: bool = False,
    reference: float | None = None,
    reference_label: str = "",
):
    """Draw a horizontal bar chart (one bar per item, first item at the top).

    Parameters
    ----------
    values : pandas.Series or mapping
        Item label → value. NaN values are drawn as empty bars labelled "không có số liệu".
    title : str
        Chart title (Vietnamese).
    xlabel : str
        Label of the value axis.
    xlim : (float, float), optional
        Value-axis limits.
    color : str or list of str, optional
        One colour or one per bar.
    digits : int
        Decimals of the value printed at the end of each bar and of the axis ticks
        (Vietnamese style: ``1.234,5``).
    percent : bool
        Values are 0–1 shares, printed and ticked as percentages (``67,9%``).
    reference : float, optional
        Draw a vertical reference line (e.g. a target) at this value.
    reference_label : str
        Legend text of the reference line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    series = pd.Series(values, dtype=float)
    fig = new_figure(7.0, max(2.0, 0.45 * len(series) + 1.2))
    ax = fig.add_subplot()
    labels = [str(i) for i in series.index]
    pos = np.arange(len(series))[::-1]
    ax.barh(pos, series.fillna(0.0).to_numpy(), color=color or COLOR_MAIN)
    ax.set_yticks(pos, labels)
    for y, v in zip(pos, series.to_numpy(), strict=True):
        text = value_label(v, digits, percent=percent)
        ax.text(0 if np.isnan(v) else v, y, " " + text, va="center", fontsize=8)
    if reference is not None:
        ax.axvline(
            reference,
            color=COLOR_TARGET,
            linestyle="--",
            linewidth=1,
            label=reference_label or None,
        )
        if reference_label:
            ax.legend(loc="lower right", fontsize=8)
    if xlim is not None:
        ax.set_xlim(*xlim)
    elif series.notna().any() and series.max() > 0:  # room for the value at the end of a bar
        ax.set_xlim(min(0.0, float(series.min())), float(series.max()) * 1.18)
    number_axis(ax, "x", percent=percent)
    set_title(ax, title)
    ax.set_xlabel(xlabel)
    return fig


def pillar_bars(
    scores: pd.Series | Mapping[str, float],
    title: str = "Chỉ số sẵn sàng chuyển đổi số theo trụ cột",
):
    """Draw the readiness score (0–100) of each pillar as horizontal bars.

    Parameters
    ----------
    scores : pandas.Series or mapping
        Pillar label (Vietnamese) → score 0–100.
    title : str
        Chart title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    return bar_chart(scores, title, "Điểm (0–100)", xlim=(0, 105))


def index_histogram(
    values: pd.Series,
    title: str = "Phân bố chỉ số sẵn sàng chuyển đổi số của các xã",
    xlabel: str = "Điểm (0–100)",
    bins: int | Iterable[float] = tuple(range(0, 101, 5)),
):
    """Draw a histogram of a per-commune score, with its median marked.

    Parameters
    ----------
    values : pandas.Series
        One value per commune (NaN ignored).
    title, xlabel : str
        Chart title and value-axis label.
    bins : int or sequence of float
        Histogram bins (default 0–100 in steps of 5).

    Returns
    -------
    matplotlib.figure.Figure
    """
    data = pd.Series(values, dtype=float).dropna()
    fig = new_figure(7.0, 4.0)
    ax = fig.add_subplot()
    ax.hist(
        data.to_numpy(),
        bins=list(bins) if not isinstance(bins, int) else bins,
        color=COLOR_MAIN,
        edgecolor="white",
    )
    if len(data):
        med = float(data.median())
        ax.axvline(
            med,
            color=COLOR_TARGET,
            linestyle="--",
            linewidth=1,
            label=f"Trung vị: {value_label(med, 1)}",
        )
        ax.legend(loc="upper right", fontsize=8)
    number_axis(ax, "x")
    number_axis(ax, "y", integer=True)
    set_title(ax, title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Số xã")
    return fig


def target_progress_chart(
    progress: pd.DataFrame, title: str = "Tiến độ so với mục tiêu Quyết định 924 (năm 2025)"
):
    """Draw each Decision 924 target: the province value as a bar, the target as a marker.

    Parameters
    ----------
    progress : pandas.DataFrame
        Output of :func:`ntmplan.tasks.status.target_progress` (``label_vi``, ``value``, ``target``,
        ``met``; values 0–1).
    title : str
        Chart title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If a needed column is missing (also a ``KeyError``).
    """
    require_columns(progress, ["label_vi", "value", "target", "met"], "progress")
    n = len(progress)
    fig = new_figure(8.0, max(2.0, 0.7 * n + 1.3))
    ax = fig.add_subplot()
    pos = np.arange(n)[::-1]
    value = progress["value"].astype(float).to_numpy() * 100
    target = progress["target"].astype(float).to_numpy() * 100
    colors = [COLOR_MET if m else COLOR_NOT_MET for m in progress["met"]]
    ax.barh(pos, np.nan_to_num(value), color=colors, height=0.6)
    ax.scatter(target, pos, marker="|", s=400, color=COLOR_TARGET, zorder=3, label="Mục tiêu")
    for y, v, t, m in zip(pos, value, target, progress["met"], strict=True):
        x = np.nanmax([0.0, v, t])
        shown = value_label(v / 100.0, 1, percent=True)
        ax.text(x + 1, y, f" {shown} " + ("✓ đạt" if m else "✗ chưa đạt"), va="center", fontsize=8)
    ax.set_yticks(pos, [wrap_label(str(s), 38) for s in progress["label_vi"]])
    ax.set_xlim(0, 130)
    ax.set_xticks(range(0, 101, 20))
    number_axis(ax, "x", 0)
    ax.set_xlabel("Tỷ lệ (%)")
    set_title(ax, title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return fig

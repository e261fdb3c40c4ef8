"""The completeness heat map of notebook 05 (survey columns × units or provinces)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.charts import new_figure, set_title, tick_formatter
from ntmplan.survey import schema


def completeness_heatmap(
    matrix: pd.DataFrame, title: str = "Mức đầy đủ của dữ liệu khảo sát theo cột và đơn vị"
):
    """Draw a completeness heat map (rows = survey columns, columns = units or provinces).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Values 0–1, e.g. :func:`~ntmplan.tasks.datashare.completeness.completeness_matrix`
        or ``quality["completeness_by_province"]``.
    title : str
        Chart title (wrapped to the figure's width).

    Returns
    -------
    matplotlib.figure.Figure
    """
    n_rows, n_cols = matrix.shape
    fig = new_figure(width=min(4.0 + 0.06 * n_cols, 16.0), height=max(3.0, 0.22 * n_rows + 1.5))
    ax = fig.add_subplot()
    img = ax.imshow(
        matrix.to_numpy(dtype=float),
        aspect="auto",
        cmap="RdYlGn",
        vmin=0.0,
        vmax=1.0,
        interpolation="nearest",
    )
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels([schema.LABELS.get(c, c) for c in matrix.index], fontsize=7)
    if n_cols <= 60:
        ax.set_xticks(range(n_cols))
        ax.set_xticklabels(list(matrix.columns), rotation=90, fontsize=6)
    else:
        ax.set_xticks([])
    ax.set_xlabel(f"Đơn vị ({n_cols}) / units")
    set_title(ax, title)
    fig.colorbar(
        img,
        ax=ax,
        label="Tỷ lệ có dữ liệu / share filled",
        shrink=0.6,
        format=tick_formatter(percent=True),
    )
    return fig

"""Maps of communes: dots at their coordinates, coloured by a value (notebooks 01, 02, 00)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ntmplan.core.charts import (
    CMAP,
    COLOR_HIGHLIGHT,
    new_figure,
    number_axis,
    set_title,
    tick_formatter,
)
from ntmplan.core.errors import require_columns


def dot_map(
    df: pd.DataFrame,
    value: str = "value",
    highlight: Iterable[str] | None = None,
    title: str = "Chỉ số sẵn sàng chuyển đổi số theo xã",
    colorbar_label: str = "Điểm (0–100)",
    vmin: float | None = 0.0,
    vmax: float | None = 100.0,
):
    """Scatter communes by longitude/latitude, coloured by a value; optionally mark some.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``lon``, ``lat``, ``value`` (or the column named by ``value``) and, when
        ``highlight`` is given, ``commune_code``. Rows without coordinates are skipped.
    value : str
        Column to colour by.
    highlight : iterable of str, optional
        Commune codes to mark with a ring (e.g. the chosen pilots) and label by
        ``commune_name`` when that column exists.
    title, colorbar_label : str
        Chart title and colour-bar label.
    vmin, vmax : float or None
        Colour scale limits (default 0–100; None = data range).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    MissingColumnError
        If ``lon``, ``lat``, ``value`` (or ``commune_code`` with ``highlight``) is missing
        (also a ``KeyError``).
    """
    needed = ["lon", "lat", value] + (["commune_code"] if highlight is not None else [])
    require_columns(df, needed, "map")
    data = df[df["lon"].notna() & df["lat"].notna()]
    fig = new_figure(7.0, 7.0)
    ax = fig.add_subplot()
    order = data[value].astype(float).fillna(-np.inf).argsort(kind="mergesort").to_numpy()
    shown = data.iloc[order]
    sc = ax.scatter(
        shown["lon"].astype(float),
        shown["lat"].astype(float),
        c=shown[value].astype(float),
        cmap=CMAP,
        vmin=vmin,
        vmax=vmax,
        s=28,
        edgecolors="none",
        plotnonfinite=True,
    )
    fig.colorbar(sc, ax=ax, label=colorbar_label, shrink=0.8, format=tick_formatter())
    if highlight is not None:
        codes = {str(c) for c in highlight}
        chosen = data[data["commune_code"].astype(str).isin(codes)]
        ax.scatter(
            chosen["lon"].astype(float),
            chosen["lat"].astype(float),
            s=120,
            facecolors="none",
            edgecolors=COLOR_HIGHLIGHT,
            linewidths=1.8,
            label="Xã được chọn",
        )
        if "commune_name" in chosen.columns:
            for x, y, name in zip(
                chosen["lon"], chosen["lat"], chosen["commune_name"], strict=True
            ):
                ax.annotate(
                    str(name),
                    (float(x), float(y)),
                    xytext=(5, 5),
                    textcoords="offset points",
                    fontsize=8,
                )
        ax.legend(loc="best", fontsize=8)
    if len(data):
        mean_lat = float(data["lat"].astype(float).mean())
        ax.set_aspect(1.0 / max(np.cos(np.radians(mean_lat)), 0.1))
    number_axis(ax)
    ax.set_xlabel("Kinh độ")
    ax.set_ylabel("Vĩ độ")
    set_title(ax, title)
    return fig

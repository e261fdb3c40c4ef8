"""Maps of communes: dots at their coordinates, coloured by a value, over the outlines (01, 02, 00).

A province map draws the province's outline over its neighbours (other provinces faintly, the
neighbouring countries fainter, the sea) and frames its main land; far islands get insets
(:mod:`ntmplan.core.map_layout`). The national map draws every province and the country's
outline, Hoàng Sa and Trường Sa at their true positions. Each dot carries its commune's name
and value, which :func:`ntmplan.core.map_svg.hover_svg` turns into a tooltip in the HTML report.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.charts import (
    CMAP,
    COLOR_HIGHLIGHT,
    new_figure,
    number_axis,
    set_title,
    tick_formatter,
)
from ntmplan.core.errors import require_columns
from ntmplan.core.map_layout import (
    INSET_WIDTH,
    draw_outlines,
    frame_axes,
    free_corner,
    inset_rect,
    national_view,
    province_views,
)
from ntmplan.core.map_svg import dot_url
from ntmplan.core.outlines import load_outlines, province_of_points, provinces_with_points

#: ``area`` value of the national map.
NATIONAL = "national"
#: Size of a dot (points²) on a province map and on the national map.
DOT_SIZE, NATIONAL_DOT_SIZE = 28, 7


def map_area(df: pd.DataFrame, area: str | None = None) -> str | None:
    """Return what a dot map outlines: a province code, :data:`NATIONAL` or None (no outline).

    Parameters
    ----------
    df : pandas.DataFrame
        The map's rows (``lon``, ``lat``). When ``area`` is None, a ``province_code`` column
        decides (one province → that province, several → the national map); without one, the
        dots do: the province holding most of them (≥ 60 %), else the national map when they lie
        in several provinces.
    area : str, optional
        A province code (2025) or :data:`NATIONAL`; given, it is returned as is.

    Returns
    -------
    str or None
        None when nothing says which province (an unknown code, no dot inside Viet Nam).
    """
    if area is not None:
        return str(area)
    known = load_outlines().provinces
    if "province_code" in df.columns:
        codes = df["province_code"].dropna().astype(str).unique()
        if len(codes) > 1:
            return NATIONAL
        return codes[0] if len(codes) == 1 and codes[0] in known else None
    lon, lat = df["lon"].astype(float).to_numpy(), df["lat"].astype(float).to_numpy()
    found = province_of_points(lon, lat)
    if found is not None:
        return found
    return NATIONAL if len(provinces_with_points(lon, lat)) > 1 else None


def hover_labels(df: pd.DataFrame, value: str, colorbar_label: str) -> list[str]:
    """One tooltip per row: the commune's name and its value written the Vietnamese way.

    Parameters
    ----------
    df : pandas.DataFrame
        Rows with ``value`` and, when present, ``commune_name``.
    value : str
        Column holding the value.
    colorbar_label : str
        What the value is (``"Điểm (0–100)"``).

    Returns
    -------
    list of str
        ``"Xã An — Điểm (0–100): 55,2"``; ``"không có số liệu"`` for a missing value.
    """
    names = (
        df["commune_name"].fillna("").astype(str)
        if "commune_name" in df.columns
        else pd.Series("", index=df.index)
    )
    vals = pd.to_numeric(df[value], errors="coerce")
    texts = [fmt.number(float(v), 1) if np.isfinite(v) else "không có số liệu" for v in vals]
    what = f"{colorbar_label}: " if colorbar_label else ""
    return [f"{n} — {what}{t}" if n else f"{what}{t}" for n, t in zip(names, texts, strict=True)]


def colour_scale(values: pd.Series, vmin: float | None, vmax: float | None) -> dict:
    """The colour limits shared by the main frame and the insets (None = the data's range).

    Parameters
    ----------
    values : pandas.Series
        The values coloured.
    vmin, vmax : float or None

    Returns
    -------
    dict
        ``{"vmin": …, "vmax": …}``; a limit stays None when no value is finite.
    """
    finite = pd.to_numeric(values, errors="coerce").astype(float)
    finite = finite[np.isfinite(finite)]
    lo = vmin if vmin is not None or finite.empty else float(finite.min())
    hi = vmax if vmax is not None or finite.empty else float(finite.max())
    return {"vmin": lo, "vmax": hi}


def _scatter(ax, shown: pd.DataFrame, value: str, labels: list[str], size: float, **scale):
    sc = ax.scatter(
        shown["lon"].astype(float),
        shown["lat"].astype(float),
        c=shown[value].astype(float),
        cmap=CMAP,
        s=size,
        edgecolors="none",
        plotnonfinite=True,
        zorder=3,
        **scale,
    )
    sc.set_urls([dot_url(t) for t in labels])
    return sc


def _highlight(ax, chosen: pd.DataFrame, names: bool, legend: bool) -> None:
    ax.scatter(
        chosen["lon"].astype(float),
        chosen["lat"].astype(float),
        s=120,
        facecolors="none",
        edgecolors=COLOR_HIGHLIGHT,
        linewidths=1.8,
        label="Xã được chọn",
        zorder=4,
    )
    if names and "commune_name" in chosen.columns:
        for x, y, name in zip(chosen["lon"], chosen["lat"], chosen["commune_name"], strict=True):
            ax.annotate(
                str(name),
                (float(x), float(y)),
                xytext=(5, 5),
                textcoords="offset points",
                fontsize=8,
                zorder=5,
            )
    if legend:
        ax.legend(loc="best", fontsize=8)


def _inset(ax, main, view, code, shown, chosen, value, labels, scale, obstacles, taken) -> str:
    """Draw one island inset in the corner hiding the fewest dots; return that corner."""
    (x0, y0, x1, y1) = view.bounds
    size = (INSET_WIDTH, min(0.45, INSET_WIDTH * (y1 - y0) / max(x1 - x0, 1e-6)))
    corner = free_corner(main, view.corner, obstacles, size, taken)
    inset = ax.inset_axes(inset_rect(corner, *size), zorder=6)
    draw_outlines(inset, view.bounds, code, national=False)
    inset.set_xticks([])
    inset.set_yticks([])
    for side in inset.spines.values():
        side.set_visible(True)
        side.set_edgecolor("#555555")
    in_view = view.dots[shown.index.to_numpy()]
    picked_labels = list(np.array(labels, dtype=object)[in_view])
    _scatter(inset, shown[in_view], value, picked_labels, 40, **scale)
    picked = chosen[view.dots[chosen.index.to_numpy()]] if len(chosen) else chosen
    if len(picked):
        _highlight(inset, picked, names=False, legend=False)
    title = view.title
    if not title and "commune_name" in shown.columns:
        title = "; ".join(sorted(shown.loc[in_view, "commune_name"].astype(str))[:2])
    if title:
        inset.set_title(title, fontsize=7.5, pad=2)
    frame_axes(inset, view.bounds)
    return corner


def dot_map(
    df: pd.DataFrame,
    value: str = "value",
    highlight: Iterable[str] | None = None,
    title: str = "Chỉ số sẵn sàng chuyển đổi số theo xã",
    colorbar_label: str = "Điểm (0–100)",
    vmin: float | None = 0.0,
    vmax: float | None = 100.0,
    area: str | None = None,
    label_highlight: bool = True,
):
    """Scatter communes by longitude/latitude over the outlines, coloured by a value.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``lon``, ``lat``, ``value`` (or the column named by ``value``) and, when
        ``highlight`` is given, ``commune_code``; ``commune_name`` names the dots' tooltips and
        ``province_code`` chooses the outline (see :func:`map_area`). Rows without coordinates
        are skipped.
    value : str
        Column to colour by.
    highlight : iterable of str, optional
        Commune codes to mark with a ring (e.g. the chosen pilots).
    title, colorbar_label : str
        Chart title and colour-bar label.
    vmin, vmax : float or None
        Colour scale limits (default 0–100; None = data range).
    area : str, optional
        A province code (2025) or ``"national"``; None decides from ``province_code``.
    label_highlight : bool
        Write the names of the highlighted communes (off on the national map: too many).

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
    data = df[df["lon"].notna() & df["lat"].notna()].reset_index(drop=True)
    where = map_area(data, area)
    national = where == NATIONAL
    code = None if national else where
    fig = new_figure(7.0, 7.5 if national else 7.0)
    ax = fig.add_subplot()
    order = data[value].astype(float).fillna(-np.inf).argsort(kind="mergesort").to_numpy()
    shown = data.iloc[order]
    labels = hover_labels(shown, value, colorbar_label)
    lon, lat = data["lon"].astype(float).to_numpy(), data["lat"].astype(float).to_numpy()
    outlines = load_outlines()
    if national:
        views = [national_view(lon)]
    else:
        shape = outlines.provinces.get(code) if code else None
        views = province_views(shape, lon, lat, outlines.archipelagos.get(code))
    if where is not None:
        draw_outlines(ax, views[0].bounds, code, national)
    main = views[0]
    in_main = main.dots[shown.index.to_numpy()]
    scale = colour_scale(data[value], vmin, vmax)
    size = NATIONAL_DOT_SIZE if national else DOT_SIZE
    main_labels = list(np.array(labels, dtype=object)[in_main])
    sc = _scatter(ax, shown[in_main], value, main_labels, size, **scale)
    fig.colorbar(sc, ax=ax, label=colorbar_label, shrink=0.8, format=tick_formatter())
    chosen = data.iloc[0:0]
    if highlight is not None:
        codes = {str(c) for c in highlight}
        chosen = data[data["commune_code"].astype(str).isin(codes)]
        in_frame = chosen[main.dots[chosen.index.to_numpy()]]
        _highlight(ax, in_frame, label_highlight, legend=len(chosen) > 0)  # no empty legend
    if len(data) or where is not None:  # an outlined map is framed even without dots
        frame_axes(ax, main.bounds)
    obstacles = np.column_stack([shown.loc[in_main, "lon"], shown.loc[in_main, "lat"]])
    if code in outlines.provinces:
        parts = outlines.provinces[code].parts
        obstacles = np.concatenate([obstacles.astype(float), *[p.vertices for p in parts]])
    taken: list[str] = []
    for view in views[1:]:
        taken.append(
            _inset(
                ax, main.bounds, view, code, shown, chosen, value, labels, scale, obstacles, taken
            )
        )
    number_axis(ax)
    ax.set_xlabel("Kinh độ")
    ax.set_ylabel("Vĩ độ")
    set_title(ax, title)
    return fig

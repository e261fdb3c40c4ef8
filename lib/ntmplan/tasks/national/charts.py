"""The national map and charts: communes by readiness, provinces × Decision 924 targets."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns


def commune_index(survey: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """Per-commune readiness index with coordinates, for the national dot map.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows (any provinces).
    index : pandas.DataFrame
        The readiness index of those rows, in the same order:
        ``ntmplan.tasks.status.readiness_index(status.commune_indicators(survey, p), p)``.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``commune_code``, ``commune_name``, ``unit_type``, the columns of
        ``index`` and ``lon``, ``lat`` (NaN when the commune is not in the 2025 unit list).

    Raises
    ------
    KeyError
        If an identifying survey column is missing
        (:class:`ntmplan.core.errors.MissingColumnError`).
    """
    from ntmplan.survey import units

    base_cols = ["province_code", "commune_code", "commune_name", "unit_type"]
    require_columns(survey, base_cols, "survey")
    base = survey[base_cols].reset_index(drop=True)
    frame = pd.concat([base, index.reset_index(drop=True)], axis=1)
    coords = units.current_units()[["commune_code", "lon", "lat"]].drop_duplicates("commune_code")
    return frame.merge(coords, on="commune_code", how="left")


def national_dot_map(
    frame: pd.DataFrame,
    pilot_codes=None,
    title: str = "Chỉ số sẵn sàng chuyển đổi số các xã — toàn quốc",
):
    """Draw every commune coloured by its readiness index, the chosen pilots ringed.

    Uses the commune dot map of notebook 01 (:func:`ntmplan.core.maps.dot_map`) over the
    national outline and the province borders; pilot names are not printed (too many for a
    national map) but every dot names its commune on hover in the HTML report.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`commune_index`.
    pilot_codes : iterable of str, optional
        Commune codes of the chosen pilots.
    title : str

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If ``lon``, ``lat``, ``overall`` or ``commune_code`` is missing.
    """
    from ntmplan.core.maps import dot_map

    return dot_map(
        frame,
        value="overall",
        highlight=list(pilot_codes or []),
        title=title,
        area="national",
        label_highlight=False,
    )


def target_heatmap(
    matrix: pd.DataFrame, title: str = "Tiến độ các mục tiêu Quyết định 924 theo tỉnh"
):
    """Draw provinces × targets: green when met, red → yellow by value / target when not; text = value in %.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.target_matrix`.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ntmplan.core import charts

    targets = matrix.attrs.get("targets", {})
    values = matrix.astype(float)
    shade = values.copy()
    for col in values.columns:  # a handful of targets
        t = float(targets.get(col, 1.0)) or 1.0
        met = values[col] >= t - 1e-9
        # colour scale position: met → 0.9 (green); not met → 0–0.55 (red → yellow) by value / target
        shade[col] = (values[col] / t).clip(upper=1.0).mul(0.55).where(~met, 0.9)
    fig = charts.new_figure(8.5, max(3.0, 0.32 * len(values) + 2.2))
    ax = fig.add_subplot()
    if values.empty:
        ax.text(0.5, 0.5, "Chưa có số liệu", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        charts.set_title(ax, title)
        return fig
    ax.imshow(shade.to_numpy(), aspect="auto", cmap=charts.CMAP, vmin=0.0, vmax=1.0)
    for i in range(values.shape[0]):
        for j, col in enumerate(values.columns):
            v = values.iat[i, j]
            met = v == v and v >= float(targets.get(col, 0.0)) - 1e-9
            text = "–" if v != v else charts.value_label(v, 0, percent=True) + (" ✓" if met else "")
            ax.text(j, i, text, ha="center", va="center", fontsize=7)
    ax.set_xticks(
        range(values.shape[1]),
        [
            charts.wrap_label(
                f"{c} (≥ {charts.value_label(targets.get(c, 0), 0, percent=True)})", 22
            )
            for c in values.columns
        ],
        fontsize=7,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(values.shape[0]), [str(i) for i in values.index], fontsize=7)
    charts.set_title(ax, title)
    return fig

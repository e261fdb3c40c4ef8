"""The plan's chart: the tasks as a Gantt chart by quarter, deadlines marked."""

from __future__ import annotations

import math

import pandas as pd

from ntmplan.core.errors import require_columns


def timeline_chart(
    table: pd.DataFrame,
    title: str = "Tiến độ thực hiện các nhiệm vụ theo quý",
    years: tuple[int, int] | None = None,
):
    """Draw the tasks as a Gantt chart by quarter, deadlines marked with a diamond.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`ntmplan.tasks.plan.timeline`.
    title : str
    years : (int, int), optional
        First and last year shown (e.g. the programme period); the axis always covers the
        tasks and deadlines too.

    Returns
    -------
    matplotlib.figure.Figure or None
        None when ``table`` has no task (nothing to draw: the Word draft writes a sentence
        instead; test with ``fig is None``).

    Raises
    ------
    KeyError
        If a column of :func:`ntmplan.tasks.plan.timeline`'s output is missing
        (:class:`ntmplan.core.errors.MissingColumnError`).
    """
    from ntmplan.core import charts

    require_columns(
        table, ["task", "name_vi", "start_index", "end_index", "deadline_index"], "timeline"
    )
    n = len(table)
    if n == 0:
        return None
    fig = charts.new_figure(9.0, max(2.5, 0.6 * n + 1.6))
    ax = fig.add_subplot()
    pos = list(range(n))[::-1]
    start = table["start_index"].astype(float).to_numpy()
    end = table["end_index"].astype(float).to_numpy()
    ax.barh(pos, end - start + 1.0, left=start, height=0.55, color=charts.COLOR_MAIN, zorder=2)
    deadlines = table["deadline_index"].astype(float)
    has = deadlines.notna().to_numpy()
    if has.any():
        ys = [y for y, h in zip(pos, has, strict=True) if h]
        ax.scatter(
            deadlines[has].to_numpy() + 1.0,
            ys,
            marker="D",
            s=45,
            color=charts.COLOR_HIGHLIGHT,
            zorder=3,
        )
    labels = [
        f"NV {str(t).replace('task_', '')}: {charts.wrap_label(str(name), 45)}"
        for t, name in zip(table["task"], table["name_vi"], strict=True)
    ]
    ax.set_yticks(pos, labels)
    points = [v for v in [*start, *end, *deadlines.dropna()] if math.isfinite(v)]
    if years is not None:
        points += [4 * int(years[0]), 4 * int(years[1]) + 3]
    if points:
        first_year, last_year = int(min(points)) // 4, int(max(points)) // 4
        ax.set_xlim(4 * first_year - 0.2, 4 * (last_year + 1) + 0.5)
        all_years = list(range(first_year, last_year + 1))
        ax.set_xticks([4 * y + 2 for y in all_years], [str(y) for y in all_years])
        ax.set_xticks([q for q in range(4 * first_year, 4 * (last_year + 1) + 1)], minor=True)
        ax.tick_params(axis="x", which="major", length=0)
        ax.grid(axis="x", which="minor", color="#dddddd", linewidth=0.6, zorder=0)
        for y in range(first_year, last_year + 2):
            ax.axvline(4 * y, color="#999999", linewidth=0.9, zorder=1)
    ax.set_xlabel("Năm (vạch mờ: quý; ◆ đỏ: thời hạn hoàn thành)")
    charts.set_title(ax, title)
    return fig

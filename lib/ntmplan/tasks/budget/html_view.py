"""The budget's year × source chart as HTML, for the interactive panel of notebook 03.

:func:`ntmplan.tasks.budget.charts.by_year_chart` as a PNG takes 0,1–0,3 s a change; the same
stacked bars as HTML (:func:`ntmplan.core.html_charts.stacked_bars_html`) take milliseconds. The
reports keep the matplotlib chart. Same colours as the reports' charts.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.html_charts import stacked_bars_html
from ntmplan.tasks.budget.aggregates import totals
from ntmplan.tasks.budget.codes import UNFUNDED
from ntmplan.tasks.budget.naming import source_label

__all__ = ["SOURCE_COLORS", "by_year_html"]

#: One colour per funding source (presentation only); unfunded in red.
SOURCE_COLORS = {
    "central": "#2b6cb0",
    "provincial": "#38a169",
    "district": "#d69e2e",
    "commune": "#805ad5",
    "socialised": "#dd6b20",
    "other": "#718096",
    UNFUNDED: "#e53e3e",
}


def by_year_html(
    tidy: pd.DataFrame, params: dict, title: str = "Nhu cầu vốn theo năm và nguồn vốn"
) -> str:
    """Stacked bars as HTML: one bar per year, one segment per funding source (unfunded red).

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd.
    params : dict
        Resolved params (``budget.sources`` gives the order and the names).
    title : str

    Returns
    -------
    str
        An HTML fragment for an ``ipywidgets.HTML`` or ``IPython.display.HTML``.

    Raises
    ------
    KeyError
        If a column of ``tidy`` is missing.
    """
    table = totals(tidy)["year_x_source"]
    order = [s for s in [*params["budget"]["sources"], UNFUNDED] if s in table.columns]
    names = {s: vietnamese_part(source_label(s, params)) for s in order}
    table = table.reindex(columns=order).rename(columns=names)
    colors = {names[s]: SOURCE_COLORS.get(s, "#a0aec0") for s in order}
    return stacked_bars_html(table, colors, title=title, unit="triệu đồng", height_px=180)

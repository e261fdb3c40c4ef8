"""Showing tables and figures in a notebook (the report a planner reads)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.charts import save_png


def show_table(
    df: pd.DataFrame, labels: dict | None = None, max_rows: int | None = None
) -> pd.DataFrame:
    """Return a copy of a frame with Vietnamese column labels, for display in a report.

    Parameters
    ----------
    df : pandas.DataFrame
    labels : dict, optional
        English column name → Vietnamese label; unknown columns keep their name.
    max_rows : int, optional
        Keep only the first rows.

    Returns
    -------
    pandas.DataFrame
        pandas escapes cell text when rendering it to HTML.
    """
    out = df.head(max_rows) if max_rows else df
    return out.rename(columns=labels or {})


#: Width in pixels per inch of figure at which reports show a saved PNG (matplotlib's
#: ``figure.dpi``, the size an inline figure has); the PNG itself keeps :data:`DPI`.
SHOW_PX_PER_INCH = 100


def save_and_show(fig, path: str | Path) -> Path:
    """Save a figure as PNG and show those same bytes in the notebook (one rendering).

    Drawing a figure costs ≈ 0.25 s on a 2-core machine; showing it inline
    would draw it a second time. The figure is closed afterwards, so the
    inline backend does not show it again at the end of the cell.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or Path
        Target file; parent folders are created.

    Returns
    -------
    Path
        The path written.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    target = save_png(fig, path)
    data = target.read_bytes()  # the bytes just written: no second rendering
    width = round(fig.get_size_inches()[0] * SHOW_PX_PER_INCH)
    display(Image(data=data, format="png", width=width))
    plt.close(fig)
    return target

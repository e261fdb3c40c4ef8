"""Totals of a tidy budget table by source, year, activity and their crossings."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns


def totals(tidy: pd.DataFrame) -> dict:
    """Total a tidy budget table by source, year, activity and their crossings.

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd.

    Returns
    -------
    dict
        ``total`` (float), ``by_source``, ``by_year``, ``by_activity``
        (Series named amount_mvnd, in order of first appearance / year),
        ``year_x_source`` and ``activity_x_source`` (DataFrames, 0-filled).

    Raises
    ------
    ValueError
        Missing columns.
    """
    require_columns(tidy, ("activity", "year", "source", "amount_mvnd"), "tidy")
    amt = "amount_mvnd"
    srcs = list(pd.unique(tidy["source"]))
    acts = list(pd.unique(tidy["activity"]))
    return {
        "total": float(tidy[amt].sum()),
        "by_source": tidy.groupby("source", sort=False)[amt].sum().reindex(srcs),
        "by_year": tidy.groupby("year")[amt].sum().sort_index(),
        "by_activity": tidy.groupby("activity", sort=False)[amt].sum().reindex(acts),
        "year_x_source": tidy.pivot_table(
            index="year", columns="source", values=amt, aggfunc="sum", fill_value=0.0
        ).reindex(columns=srcs),
        "activity_x_source": tidy.pivot_table(
            index="activity", columns="source", values=amt, aggfunc="sum", fill_value=0.0
        ).reindex(index=acts, columns=srcs),
    }

"""Comparison tables across provinces: pilots per province, budget by funding source."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.params import params_or_defaults


def pilots_table(df: pd.DataFrame) -> pd.DataFrame:
    """Eligible and chosen pilots per province.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces`.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province_name``, ``eligible_smart_commune``,
        ``eligible_ecommerce_commune``, ``chosen_smart_commune``, ``chosen_smart_names``,
        ``chosen_ecommerce_commune``, ``smart_gap_mvnd``.

    Raises
    ------
    KeyError
        If a column is missing.
    """
    cols = [
        "province_code",
        "province_name",
        "eligible_smart_commune",
        "eligible_ecommerce_commune",
        "chosen_smart_commune",
        "chosen_smart_names",
        "chosen_ecommerce_commune",
        "smart_gap_mvnd",
    ]
    require_columns(df, cols, "provinces")
    return df[cols].reset_index(drop=True)


def budget_by_source(df: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Budget totals by funding source across provinces (provinces whose 03 ran).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces`.
    params : dict, optional
        Resolved params (``budget.sources`` for the labels).

    Returns
    -------
    pandas.DataFrame
        ``source`` (code), ``label`` (Vietnamese), ``amount_mvnd``, ``share`` (of the total of
        the sources; NaN when the total is 0); a last row ``total``. A tier of
        ``budget.legacy_budget_tiers`` missing from ``programme.budget_tiers`` (the district)
        appears only when some province has money on it.

    Raises
    ------
    KeyError
        If a ``budget_<source>_mvnd`` column is missing.
    """
    p = params_or_defaults(params)
    sources = p["budget"]["sources"]
    require_columns(df, [f"budget_{s}_mvnd" for s in sources], "provinces")
    amounts = pd.Series({s: float(df[f"budget_{s}_mvnd"].astype(float).sum()) for s in sources})
    # a budget tier the current units do not have (the district, since 01/7/2025) is left out
    # when no province put money on it
    tiers = (p.get("programme") or {}).get("budget_tiers") or list(sources)
    absent = set(p["budget"].get("legacy_budget_tiers") or []) - set(tiers)
    amounts = amounts[[s not in absent or amounts[s] != 0 for s in amounts.index]]
    total = float(amounts.sum())
    out = pd.DataFrame(
        {
            "source": list(amounts.index),
            "label": [vietnamese_part(sources[s]) for s in amounts.index],
            "amount_mvnd": amounts.to_numpy(),
            "share": amounts.to_numpy() / total if total > 0 else np.nan,
        }
    )
    out.loc[len(out)] = {
        "source": "total",
        "label": "Tổng cộng",
        "amount_mvnd": total,
        "share": 1.0 if total > 0 else np.nan,
    }
    return out

"""Province aggregates of indicators and index (weighted means, means, quantiles) and extremes.

Aggregates skip ``NaN`` values (their weights are dropped with them) and count only the
units in scope (:mod:`ntmplan.tasks.status.scope`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.indicator_names import LABELS
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.status.scope import check_aligned, scope_mask


def _values_and_weights(
    values: pd.DataFrame, weights: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Values as floats, and one weight per value: the row's weight, NaN where the value is NaN."""
    x = values.astype(float)
    w = pd.DataFrame({c: weights.astype(float) for c in x.columns}, index=x.index).where(x.notna())
    return x, w


def weighted_mean(values: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Return the column-wise weighted mean skipping NaN values (their weights are dropped too).

    Parameters
    ----------
    values : pandas.DataFrame
        One column per measure.
    weights : pandas.Series
        One weight per row (same index).

    Returns
    -------
    pandas.Series
        One mean per column; NaN when no weight remains.
    """
    x, w = _values_and_weights(values, weights)
    den = w.sum()
    return (x * w).sum() / den.where(den > 0)


def grouped_weighted_mean(
    values: pd.DataFrame, weights: pd.Series, keys: pd.Series
) -> pd.DataFrame:
    """Return per group the column-wise weighted mean skipping NaN values.

    Parameters
    ----------
    values : pandas.DataFrame
        One column per measure.
    weights : pandas.Series
        One weight per row (same index).
    keys : pandas.Series
        Group of each row (e.g. ``province_code``).

    Returns
    -------
    pandas.DataFrame
        One row per group, one column per measure.
    """
    x, w = _values_and_weights(values, weights)
    num = (x * w).groupby(keys).sum()
    den = w.groupby(keys).sum()
    return num / den.where(den > 0)


def quantile_name(q: float) -> str:
    """Return the column name of a quantile (``0.1`` → ``p10``).

    Parameters
    ----------
    q : float

    Returns
    -------
    str
    """
    return f"p{100 * q:g}"


def province_aggregates(
    survey: pd.DataFrame,
    indicators: pd.DataFrame,
    index: pd.DataFrame,
    params: dict | None = None,
) -> pd.DataFrame:
    """Summarise indicators and index over the communes in scope.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (needs ``unit_type`` and the weight column ``status.aggregate_weight``).
    indicators : pandas.DataFrame
        Output of :func:`commune_indicators` (same index as ``survey``).
    index : pandas.DataFrame
        Output of :func:`readiness_index` (same index as ``survey``).
    params : dict, optional
        Resolved params (``status.scope_unit_types``, ``aggregate_weight``, ``quantiles``).

    Returns
    -------
    pandas.DataFrame
        One row per measure (index columns first, then indicators), index named ``measure``;
        columns ``label``, ``weighted_mean`` (household-weighted; a flag gives the share of
        households living in communes that meet it), ``mean`` (plain mean over communes; for a
        flag the share of communes), ``n`` (communes with a value) and one column per quantile
        (``p10``, ``p25``…). NaN values are skipped.

    Raises
    ------
    MissingColumnError
        If ``unit_type`` or the weight column is missing.
    ValueError
        If the three frames do not share the same index.
    """
    sp = params_or_defaults(params)["status"]
    weight_col = sp["aggregate_weight"]
    require_columns(survey, ["unit_type", weight_col], "survey")
    check_aligned(survey, indicators, "survey/indicators")
    check_aligned(survey, index, "survey/index")
    mask = scope_mask(survey, sp)
    values = pd.concat([index, indicators], axis=1)[mask].astype(float)
    weights = survey.loc[mask, weight_col]
    out = pd.DataFrame(index=pd.Index(values.columns, name="measure"))
    out["label"] = [LABELS.get(c, c) for c in values.columns]
    out["weighted_mean"] = weighted_mean(values, weights)
    out["mean"] = values.mean()
    out["n"] = values.notna().sum().astype("int64")
    quantiles = list(sp["quantiles"])
    if len(values):
        qs = values.quantile(quantiles).T
        for q in quantiles:
            out[quantile_name(q)] = qs[q]
    else:
        for q in quantiles:
            out[quantile_name(q)] = np.nan
    return out


def extremes(
    survey: pd.DataFrame,
    index: pd.DataFrame,
    params: dict | None = None,
    column: str = "overall",
) -> pd.DataFrame:
    """List the weakest and strongest communes in scope by one index column.

    Ties are broken by commune code (ascending) so the result is deterministic. Communes whose
    score is NaN are left out. When the province has fewer than 2 × N communes a commune may
    appear in both groups.

    Parameters
    ----------
    survey : pandas.DataFrame
        Needs ``commune_code``, ``commune_name``, ``unit_type``.
    index : pandas.DataFrame
        Output of :func:`readiness_index`, same index as ``survey``.
    params : dict, optional
        Resolved params (``status.n_extremes``, ``status.scope_unit_types``).
    column : str
        Index column to rank by (default ``overall``).

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` (``yếu nhất`` / ``mạnh nhất``), ``rank`` (1 = weakest resp. strongest),
        ``commune_code``, ``commune_name`` and the index columns.

    Raises
    ------
    MissingColumnError
        If an identifier column or ``column`` is missing.
    ValueError
        If the frames do not share the same index.
    """
    sp = params_or_defaults(params)["status"]
    require_columns(survey, ["commune_code", "commune_name", "unit_type"], "survey")
    require_columns(index, [column], "index")
    check_aligned(survey, index, "survey/index")
    n = int(sp["n_extremes"])
    mask = scope_mask(survey, sp) & index[column].notna()
    table = pd.concat([survey.loc[mask, ["commune_code", "commune_name"]], index[mask]], axis=1)
    weak = table.sort_values(
        [column, "commune_code"], ascending=[True, True], kind="mergesort"
    ).head(n)
    strong = table.sort_values(
        [column, "commune_code"], ascending=[False, True], kind="mergesort"
    ).head(n)
    weak = weak.assign(group="yếu nhất", rank=np.arange(1, len(weak) + 1))
    strong = strong.assign(group="mạnh nhất", rank=np.arange(1, len(strong) + 1))
    out = pd.concat([weak, strong], ignore_index=True)
    first = ["group", "rank", "commune_code", "commune_name"]
    return out[first + [c for c in out.columns if c not in first]]

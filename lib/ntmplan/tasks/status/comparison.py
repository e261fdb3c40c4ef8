"""Comparison of two surveys: key indicators per province in two years and their change."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.indicator_names import LABELS
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.status.aggregates import grouped_weighted_mean
from ntmplan.tasks.status.indicators import commune_indicators
from ntmplan.tasks.status.readiness import readiness_index
from ntmplan.tasks.status.scope import scope_mask


def _province_values(
    survey: pd.DataFrame, sp: dict, params: dict | None, measures: list[str]
) -> pd.DataFrame:
    """Household-weighted province values of ``measures`` over the units in scope."""
    ind = commune_indicators(survey, params)
    idx = readiness_index(ind, params)
    values = pd.concat([idx, ind], axis=1)
    unknown = [m for m in measures if m not in values.columns]
    if unknown:
        raise ValueError(
            "status.compare_indicators có chỉ tiêu không xác định / unknown indicator(s): "
            + ", ".join(unknown)
        )
    mask = scope_mask(survey, sp)
    return grouped_weighted_mean(
        values.loc[mask, measures],
        survey.loc[mask, sp["aggregate_weight"]],
        survey.loc[mask, "province_code"],
    )


def compare_years(
    before: pd.DataFrame, after: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Compare key indicators per province between two surveys in the same (current) units.

    Each frame is reduced to household-weighted province values of the measures in
    ``status.compare_indicators`` (index columns or indicators; flags become the share of
    households in communes that meet them), over the units in scope.

    Parameters
    ----------
    before, after : pandas.DataFrame
        Validated surveys in current (2025) units, e.g. a converted 2023 survey and the 2025
        survey. Each should hold one survey year.
    params : dict, optional
        Resolved params (``status.compare_indicators`` and the index params).

    Returns
    -------
    pandas.DataFrame
        Long table: ``province_code``, ``indicator``, ``label``, ``year_before``, ``year_after``,
        ``before``, ``after``, ``change`` (after − before; index points for the index, share
        points 0–1 for shares). Provinces present in only one frame have NaN on the other side.
        Sorted by province code, then the order of ``compare_indicators``.

    Raises
    ------
    MissingColumnError
        If a survey column is missing (``province_code``, ``year`` and the indicator inputs).
    ValueError
        If a compared measure is unknown.
    """
    sp = params_or_defaults(params)["status"]
    measures = list(sp["compare_indicators"])
    for frame, name in ((before, "before"), (after, "after")):
        require_columns(frame, ["province_code", "year", "unit_type", sp["aggregate_weight"]], name)
    b = _province_values(before, sp, params, measures)
    a = _province_values(after, sp, params, measures)
    provinces = b.index.union(a.index).sort_values()
    b = b.reindex(provinces)
    a = a.reindex(provinces)
    long_b = b.stack(future_stack=True).rename("before")
    long_a = a.stack(future_stack=True).rename("after")
    out = pd.concat([long_b, long_a], axis=1).reset_index()
    out.columns = ["province_code", "indicator", "before", "after"]
    order = {m: i for i, m in enumerate(measures)}
    out = out.sort_values(
        ["province_code", "indicator"], key=lambda s: s.map(order) if s.name == "indicator" else s
    )
    out["change"] = out["after"] - out["before"]
    out["label"] = out["indicator"].map(lambda c: LABELS.get(c, c))
    yb = before.groupby("province_code")["year"].max()
    ya = after.groupby("province_code")["year"].max()
    out["year_before"] = out["province_code"].map(yb).astype("Int64")
    out["year_after"] = out["province_code"].map(ya).astype("Int64")
    cols = [
        "province_code",
        "indicator",
        "label",
        "year_before",
        "year_after",
        "before",
        "after",
        "change",
    ]
    return out[cols].reset_index(drop=True)

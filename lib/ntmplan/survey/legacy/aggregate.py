"""Combining the parts that fall in one 2025 unit and year into one survey row.

Counts are summed (``max_columns``: the largest part), shares re-weighted, yes/no
criteria by ``bool_rule``, and one value chosen for each categorical column
(see :mod:`ntmplan.survey.legacy.rules`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.survey.legacy.rules import (
    BOOL_COLUMNS,
    CARRIED_COLUMNS,
    COUNT_COLUMNS,
    SHARE_COLUMNS,
    SURVEY_COLUMNS,
)

#: Keys of a converted row.
UNIT_KEYS = ["year", "commune_code"]


def none_if_na(series: pd.Series) -> pd.Series:
    """Return an object series with missing values as ``None`` (the survey's optional text).

    Parameters
    ----------
    series : pandas.Series

    Returns
    -------
    pandas.Series
    """
    return series.astype(object).where(series.notna(), None)


def _numeric_columns(parts: pd.DataFrame, cp: dict, g) -> pd.DataFrame:
    """Counts (summed or max), shares (re-weighted or plain mean), yes/no and dx_demand."""
    keys = UNIT_KEYS
    by = [parts[k] for k in keys]
    summed = [c for c in COUNT_COLUMNS if c not in cp["max_columns"]]
    out = g[summed].sum()
    if cp["max_columns"]:
        out = out.join(g[list(cp["max_columns"])].max())
    for col, wcol in cp["share_weights"].items():
        num = (parts[col].astype(float) * parts[wcol]).groupby(by).sum()
        den = parts[wcol].groupby(by).sum()
        out[col] = (num / den.where(den > 0)).fillna(g[col].mean())
    for col in SHARE_COLUMNS:
        if col not in out.columns:  # a share without a weight: plain mean
            out[col] = g[col].mean()
    out = out.join(
        g[list(BOOL_COLUMNS)].all() if cp["bool_rule"] == "all" else g[list(BOOL_COLUMNS)].any()
    )
    dxw = (parts["dx_demand"] * parts["households"]).groupby(by).sum()
    hh = parts["households"].groupby(by).sum()
    dx = (dxw / hh.where(hh > 0)).fillna(g["dx_demand"].mean())
    out["dx_demand"] = np.floor(dx + 0.5).astype("int64")
    return out


def _categorical_columns(
    out: pd.DataFrame, parts: pd.DataFrame, cp: dict, levels: list
) -> pd.DataFrame:
    """Prominent sector, NTM level and commune category of each new unit."""
    keys = UNIT_KEYS
    by_hh = parts.sort_values(
        keys + ["households", "_row"], ascending=[True, True, False, True], kind="mergesort"
    )
    sector = by_hh[by_hh["prominent_sector"].notna()].groupby(keys)["prominent_sector"].first()
    out["prominent_sector"] = sector.reindex(out.index)
    for col in CARRIED_COLUMNS:  # groupby.first skips missing values: the largest part naming one
        out[col] = by_hh.groupby(keys)[col].first().reindex(out.index)
    if cp["ntm_level_rule"] == "lowest":
        rank = parts["ntm_level"].map({lv: i for i, lv in enumerate(levels)}).fillna(len(levels))
        lowest = (
            parts.assign(_rank=rank)
            .sort_values(keys + ["_rank"], kind="mergesort")
            .groupby(keys)["ntm_level"]
            .first()
        )
        out["ntm_level"] = lowest.reindex(out.index)
    else:
        out["ntm_level"] = by_hh.groupby(keys)["ntm_level"].first().reindex(out.index)
    prio = {c: i for i, c in enumerate(cp["category_priority"])}
    cats = parts[parts["commune_category"].notna()]
    cats = cats.assign(_rank=cats["commune_category"].map(prio).fillna(len(prio)))
    cat = (
        cats.sort_values(keys + ["_rank", "commune_category"], kind="mergesort")
        .groupby(keys)["commune_category"]
        .first()
    )
    out["commune_category"] = cat.reindex(out.index)
    return out


def aggregate_parts(parts: pd.DataFrame, cp: dict, levels: list) -> tuple[pd.DataFrame, pd.Series]:
    """Combine the (allocated) parts into one row per year and new unit.

    Parameters
    ----------
    parts : pandas.DataFrame
        One row per (legacy row, new unit), counts already allocated, with ``_row``.
    cp : dict
        Checked ``datashare.conversion`` params.
    levels : list of str
        ``survey.ntm_levels``, lowest first.

    Returns
    -------
    (pandas.DataFrame, pandas.Series)
        The combined rows (year, commune_code and the survey data columns; fresh index)
        and the number of legacy rows in each (indexed by year, commune_code).
    """
    g = parts.groupby(UNIT_KEYS, sort=True)
    out = _numeric_columns(parts, cp, g)
    n_legacy = g["_row"].nunique()
    out = _categorical_columns(out, parts, cp, levels)
    return out.reset_index(), n_legacy


def attach_units(out: pd.DataFrame, units: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give the converted rows their 2025 province, name and type, and the survey dtypes.

    Parameters
    ----------
    out : pandas.DataFrame
        Output of :func:`aggregate_parts`.
    units : pandas.DataFrame
        2025 units (province_code, commune_code, commune_name, unit_type).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Exactly the survey columns and dtypes, sorted by province, commune, year; and the
        units table used (one row per commune_code).

    Raises
    ------
    ValueError
        If a new unit is not in ``units``.
    """
    u = units[["province_code", "commune_code", "commune_name", "unit_type"]].drop_duplicates(
        "commune_code"
    )
    out = out.merge(u, on="commune_code", how="left")
    if out["province_code"].isna().any():
        missing = ", ".join(sorted(set(out.loc[out["province_code"].isna(), "commune_code"])))[:300]
        raise ValueError(
            f"Đơn vị 2025 không có trong danh mục / 2025 unit(s) not in the unit list: {missing}"
        )
    out = out[list(SURVEY_COLUMNS)].sort_values(
        ["province_code", "commune_code", "year"], ignore_index=True
    )
    out = out.astype({c: "int64" for c in (*COUNT_COLUMNS, "year", "dx_demand")})
    out = out.astype({c: bool for c in BOOL_COLUMNS} | {c: "float64" for c in SHARE_COLUMNS})
    for col in ("province_code", "commune_code", "commune_name", "unit_type", "ntm_level"):
        out[col] = out[col].astype(str)
    for col in ("prominent_sector", "commune_category", *CARRIED_COLUMNS):
        out[col] = none_if_na(out[col])
    return out, u

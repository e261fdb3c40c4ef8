"""Sharing the counts of split legacy communes among their new units.

Largest-remainder integer allocation (every total preserved exactly), the order in
which bounded counts are allocated, and the resolution of the ``split_weights``
option into a weights table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.survey import schema
from ntmplan.survey import units as admin_units
from ntmplan.survey.legacy.rules import COUNT_COLUMNS


def allocate(total: pd.Series, weight: pd.Series, group: pd.Series) -> pd.Series:
    """Split integer totals among the rows of each group by weight, preserving each total exactly.

    Largest-remainder (Hamilton) rounding: every row gets ⌊total × w⌋, the units
    left over go to the largest remainders (ties: earlier rows first).

    Parameters
    ----------
    total : pandas.Series
        The group's total, repeated on each of its rows (integers ≥ 0).
    weight : pandas.Series
        Weights ≥ 0 with a positive sum in each group (normalised here).
    group : pandas.Series
        Group id of each row.

    Returns
    -------
    pandas.Series
        int64 allocations, same index.
    """
    w = weight / weight.groupby(group).transform("sum")
    quota = total.astype(float) * w
    base = np.floor(quota)
    rem = quota - base
    deficit = (total - base.groupby(group).transform("sum")).clip(lower=0)
    order = pd.DataFrame({"g": group.to_numpy(), "r": rem.to_numpy(), "o": np.arange(len(w))})
    order = order.sort_values(["g", "r", "o"], ascending=[True, False, True], kind="mergesort")
    rank = order.groupby("g", sort=False).cumcount().sort_index().to_numpy()
    return (base + (rank < deficit.to_numpy())).astype("int64")


def allocation_order() -> list[tuple[str, str | None]]:
    """Return the counts in allocation order with their bound, from the schema's rules.

    A count's bound is another count it is never above (``households ≤ population``);
    bounds come before the counts they bound.

    Returns
    -------
    list of (str, str or None)
        (count column, its bound or None), every column of
        :data:`~ntmplan.survey.legacy.rules.COUNT_COLUMNS` once.
    """
    parent: dict[str, str] = {}
    for f in schema.FIELDS:
        if f.kind != "int" or f.name not in COUNT_COLUMNS:
            continue
        if f.at_most:
            parent[f.name] = f.at_most[0]
        for other in f.at_least:
            parent.setdefault(other, f.name)
    order: list[tuple[str, str | None]] = []
    done: set[str] = set()
    pending = list(COUNT_COLUMNS)
    while pending:  # a handful of columns; parents before children
        col = next(c for c in pending if parent.get(c) is None or parent[c] in done)
        order.append((col, parent.get(col)))
        done.add(col)
        pending.remove(col)
    return order


def allocate_counts(parts: pd.DataFrame, max_columns) -> dict[str, pd.Series]:
    """Allocate every count of the legacy rows among their parts (one row per new unit).

    A row with one part keeps its counts; ``max_columns`` are copied to every part; a
    bounded count follows its bound's allocation where the bound has a positive total.

    Parameters
    ----------
    parts : pandas.DataFrame
        One row per (legacy row, new unit): ``_row`` (legacy row id), ``_w`` (weight)
        and the count columns of the legacy row.
    max_columns : sequence of str
        Counts taken as the largest part (not allocated).

    Returns
    -------
    dict of str to pandas.Series
        int64 allocation of each count column, index of ``parts``.
    """
    alloc: dict[str, pd.Series] = {}
    group = parts["_row"]
    for col, bound in allocation_order():
        if col in max_columns:
            alloc[col] = parts[col].astype("int64")
            continue
        weight = parts["_w"]
        if bound is not None and bound in alloc and bound not in max_columns:
            bw = alloc[bound].astype(float)
            has = bw.groupby(group).transform("sum") > 0
            weight = bw.where(has, parts["_w"])
        alloc[col] = allocate(parts[col].astype("int64"), weight, group)
    return alloc


def _table_weights(split_weights: pd.DataFrame) -> pd.DataFrame:
    """The weights table given by the caller, checked."""
    require_columns(
        split_weights, ["legacy_commune_code", "commune_code", "weight"], "split_weights"
    )
    table = split_weights[["legacy_commune_code", "commune_code", "weight"]].copy()
    table["is_default"] = (
        split_weights["is_default"].astype(bool) if "is_default" in split_weights else False
    )
    if (table["weight"].astype(float) < 0).any() or table["weight"].isna().any():
        raise ValueError("split_weights: tỷ trọng phải ≥ 0 / weights must be ≥ 0 and not empty")
    return table


def _area_weights(split_targets: pd.DataFrame | None) -> pd.DataFrame:
    """Area-share weights of the split legacy communes (units with an unknown area left out)."""
    if split_targets is None:
        split_targets = admin_units.legacy_split_targets()
    require_columns(
        split_targets, ["legacy_commune_code", "commune_code", "is_default"], "split_targets"
    )
    table = split_targets.copy()
    if "area_share" not in table.columns:
        require_columns(table, ["area_km2"], "split_targets")
        total = table.groupby("legacy_commune_code")["area_km2"].transform("sum")
        table["area_share"] = table["area_km2"] / total.where(total > 0)
    table = table.rename(columns={"area_share": "weight"})
    # A unit with an unknown area for any of its parts keeps the default successor.
    bad = table["weight"].isna().groupby(table["legacy_commune_code"]).transform("any")
    return table.loc[~bad, ["legacy_commune_code", "commune_code", "weight", "is_default"]]


def split_weight_table(
    split_weights, split_targets: pd.DataFrame | None
) -> tuple[str, pd.DataFrame | None]:
    """Resolve the split option into a method and a weights table.

    Parameters
    ----------
    split_weights : {"default", "area"} or pandas.DataFrame
        The option (see :func:`ntmplan.survey.legacy.convert.convert_legacy`).
    split_targets : pandas.DataFrame or None
        Table of :func:`ntmplan.survey.units.legacy_split_targets` (for ``"area"``;
        default the packaged one).

    Returns
    -------
    (str, pandas.DataFrame or None)
        ``default`` / ``area`` / ``table`` and the table (legacy_commune_code,
        commune_code, weight, is_default), None for ``default``.

    Raises
    ------
    MissingColumnError
        If the weights or split-targets table lacks a needed column.
    ValueError
        If the option is unknown or a weight is negative or empty.
    """
    if isinstance(split_weights, pd.DataFrame):
        return "table", _table_weights(split_weights)
    if split_weights == "default":
        return "default", None
    if split_weights == "area":
        return "area", _area_weights(split_targets)
    raise ValueError(
        f"split_weights = {split_weights!r} không hợp lệ / invalid; dùng / use 'default', 'area' or a DataFrame"
    )

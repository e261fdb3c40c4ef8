"""The tables of a conversion report: mapping, totals, units without data, partial units."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.survey import schema
from ntmplan.survey.legacy.aggregate import UNIT_KEYS
from ntmplan.survey.legacy.rules import PRESERVED_TOTALS


def mapping_table(parts: pd.DataFrame, n_parts: pd.Series, u: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (matched input row, new unit) with its weight and kind.

    Parameters
    ----------
    parts : pandas.DataFrame
        The parts (see :func:`ntmplan.survey.legacy.matching.split_parts`).
    n_parts : pandas.Series
        Number of parts of each part's legacy row (index of ``parts``).
    u : pandas.DataFrame
        2025 units, one row per commune_code (province_code, commune_code, commune_name).

    Returns
    -------
    pandas.DataFrame
        year, legacy_province_code, legacy_commune_code, legacy_commune_name,
        province_code, commune_code, commune_name, weight, kind; fresh index.
    """
    sizes = parts.groupby(UNIT_KEYS)["_row"].transform("nunique")
    kind = np.where(n_parts > 1, "split", np.where(sizes > 1, "merge", "one_to_one"))
    names = u.set_index("commune_code")
    mapping = pd.DataFrame(
        {
            "year": parts["year"],
            "legacy_province_code": parts["legacy_province_code"],
            "legacy_commune_code": parts["legacy_commune_code"],
            "legacy_commune_name": parts["legacy_commune_name"],
            "province_code": parts["commune_code"].map(names["province_code"]),
            "commune_code": parts["commune_code"],
            "commune_name": parts["commune_code"].map(names["commune_name"]),
            "weight": parts["_w"] / parts.groupby("_row")["_w"].transform("sum"),
            "kind": kind,
        }
    )
    return mapping.reset_index(drop=True)


def merged_rows(parts: pd.DataFrame) -> np.ndarray:
    """Return the ids (``_row``) of the legacy rows sharing a new unit with another row.

    Parameters
    ----------
    parts : pandas.DataFrame

    Returns
    -------
    numpy.ndarray
    """
    sizes = parts.groupby(UNIT_KEYS)["_row"].transform("nunique")
    return parts.loc[sizes > 1, "_row"].unique()


def totals_table(
    rows: pd.DataFrame, matched: pd.DataFrame, out: pd.DataFrame, summed: list[str]
) -> pd.DataFrame:
    """Return the totals of every summed count before and after the conversion.

    Parameters
    ----------
    rows, matched, out : pandas.DataFrame
        All input rows, the matched ones, the converted rows.
    summed : list of str
        The summed count columns.

    Returns
    -------
    pandas.DataFrame
        measure, label, before, before_matched, after, preserved; the
        :data:`~ntmplan.survey.legacy.rules.PRESERVED_TOTALS` first.
    """
    before_all = rows[summed].sum()
    before = matched[summed].sum()
    after = out[summed].sum()
    totals = pd.DataFrame(
        {
            "measure": summed,
            "label": [schema.LABELS[c] for c in summed],
            "before": before_all.reindex(summed).astype("int64").to_numpy(),
            "before_matched": before.reindex(summed).astype("int64").to_numpy(),
            "after": after.reindex(summed).astype("int64").to_numpy(),
        }
    )
    totals["preserved"] = totals["before_matched"] == totals["after"]
    order = {c: i for i, c in enumerate(PRESERVED_TOTALS)}
    totals = totals.sort_values(
        "measure", key=lambda c: c.map(order).fillna(len(order)), kind="mergesort"
    )
    return totals.reset_index(drop=True)


def units_without_data(units: pd.DataFrame, out: pd.DataFrame, expected_unit_types) -> pd.DataFrame:
    """Return the expected 2025 units of the output's provinces that received no data.

    Parameters
    ----------
    units : pandas.DataFrame
        2025 units (province_code, commune_code, commune_name, unit_type).
    out : pandas.DataFrame
        The converted rows.
    expected_unit_types : sequence of str
        ``datashare.quality.expected_unit_types``.

    Returns
    -------
    pandas.DataFrame
        province_code, commune_code, commune_name, unit_type; fresh index.
    """
    scope = units[
        units["province_code"].isin(out["province_code"].unique())
        & units["unit_type"].isin(expected_unit_types)
    ]
    without = scope.loc[
        ~scope["commune_code"].isin(out["commune_code"]),
        ["province_code", "commune_code", "commune_name", "unit_type"],
    ]
    return without.reset_index(drop=True)


def _absent_predecessors(
    crosswalk: pd.DataFrame, weights: pd.DataFrame | None, out: pd.DataFrame, present
) -> tuple[pd.DataFrame, pd.Series | None]:
    """Predecessors (by the crosswalk and weights) of each output row absent from the input."""
    cw_all = crosswalk[crosswalk["legacy_commune_code"].notna() & crosswalk["commune_code"].notna()]
    pred = cw_all[["legacy_commune_code", "commune_code"]].astype(str)
    if weights is not None:
        pred = pd.concat([pred, weights[["legacy_commune_code", "commune_code"]].astype(str)])
    names_old = (
        cw_all.drop_duplicates("legacy_commune_code").set_index("legacy_commune_code")[
            "legacy_commune_name"
        ]
        if "legacy_commune_name" in cw_all
        else None
    )
    expected_parts = out[["year", "province_code", "commune_code", "commune_name"]].merge(
        pred.drop_duplicates(), on="commune_code"
    )
    expected_parts = expected_parts.merge(
        present, on=["year", "commune_code", "legacy_commune_code"], how="left"
    )
    return expected_parts[expected_parts["_present"].isna()], names_old


def partial_units(
    crosswalk: pd.DataFrame, weights: pd.DataFrame | None, out: pd.DataFrame, parts: pd.DataFrame
) -> pd.DataFrame:
    """Return the output rows whose legacy predecessors are only partly in the input.

    Parameters
    ----------
    crosswalk : pandas.DataFrame
        The crosswalk used (optionally with legacy_commune_name).
    weights : pandas.DataFrame or None
        The split weights table used (its pairs count as predecessors too).
    out : pandas.DataFrame
        The converted rows.
    parts : pandas.DataFrame
        The parts of the conversion.

    Returns
    -------
    pandas.DataFrame
        year, province_code, commune_code, commune_name, n_legacy_present,
        n_legacy_missing, missing_legacy.
    """
    present = (
        parts[["year", "commune_code", "legacy_commune_code"]]
        .drop_duplicates()
        .assign(_present=True)
    )
    absent, names_old = _absent_predecessors(crosswalk, weights, out, present)
    label_old = absent["legacy_commune_code"] + (
        " " + absent["legacy_commune_code"].map(names_old).fillna("")
        if names_old is not None
        else ""
    )
    ukeys = ["year", "province_code", "commune_code", "commune_name"]
    partial = (
        absent.assign(_label=label_old.str.strip())
        .groupby(ukeys, sort=True)
        .agg(n_legacy_missing=("legacy_commune_code", "size"), missing_legacy=("_label", ", ".join))
    )
    partial = partial.join(
        present.groupby(["year", "commune_code"]).size().rename("n_legacy_present"),
        on=["year", "commune_code"],
    )
    return partial.reset_index()[[*ukeys, "n_legacy_present", "n_legacy_missing", "missing_legacy"]]

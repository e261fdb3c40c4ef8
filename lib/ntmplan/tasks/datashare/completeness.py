"""How complete a survey is: filled cells by column, by unit and by province."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.survey import schema


def filled_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a boolean frame: cell holds a value (not missing, not a blank string).

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Same shape, index and columns as ``frame``.
    """
    out = frame.notna()
    for col in frame.columns:  # a handful of text columns
        if frame[col].dtype == object:
            try:
                blank = frame[col].str.strip().eq("")
            except AttributeError:  # no strings in the column
                continue
            out[col] &= ~blank
    return out


def completeness_matrix(survey: pd.DataFrame, expected: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return a cell-level completeness matrix: survey columns × units (1.0 filled, 0.0 missing).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (one year is expected; with several years the latest row of each unit
        is used).
    expected : pandas.DataFrame, optional
        Official units expected in the survey (commune_code, commune_name); those missing
        from the survey appear as all-missing columns.

    Returns
    -------
    pandas.DataFrame
        Index: survey columns (those present); columns: commune codes (survey units, then
        missing ones, each by code); values 0.0/1.0.

    Raises
    ------
    MissingColumnError
        If ``commune_code`` is missing.
    """
    require_columns(survey, ["commune_code"], "survey")
    cols = [c for c in schema.COLUMNS if c in survey.columns]
    latest = (
        survey.sort_values("year", kind="mergesort").drop_duplicates("commune_code", keep="last")
        if "year" in survey
        else survey
    )
    filled = filled_cells(latest[cols]).astype(float)
    filled.index = latest["commune_code"].astype(str)
    if expected is not None and len(expected):
        codes = expected["commune_code"].astype(str)
        extra = pd.DataFrame(0.0, index=codes[~codes.isin(filled.index)], columns=cols)
        filled = pd.concat([filled, extra])
    return filled.sort_index().T


def completeness_by_column(survey: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Return the filled cells of each survey column.

    Parameters
    ----------
    survey : pandas.DataFrame
    cols : list of str
        The survey columns present.

    Returns
    -------
    pandas.DataFrame
        column, label, n_rows, n_filled, completeness (0–1; NaN without rows).
    """
    filled = filled_cells(survey[cols])
    completeness = pd.DataFrame(
        {
            "column": cols,
            "label": [schema.LABELS.get(c, c) for c in cols],
            "n_rows": len(survey),
            "n_filled": filled.sum().to_numpy().astype("int64"),
        }
    )
    completeness["completeness"] = completeness["n_filled"] / len(survey) if len(survey) else np.nan
    return completeness


def completeness_by_province(
    matrix: pd.DataFrame, survey: pd.DataFrame, expected: pd.DataFrame
) -> pd.DataFrame:
    """Return the share of expected (or present) units with a value, by column and province.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`completeness_matrix`.
    survey, expected : pandas.DataFrame
        Survey rows and expected units (commune_code, province_code), mapping units to
        provinces.

    Returns
    -------
    pandas.DataFrame
        Index: survey columns; columns: province codes.
    """
    prov_map = pd.concat(
        [survey[["commune_code", "province_code"]], expected[["commune_code", "province_code"]]]
    )
    prov_map = (
        prov_map.astype(str)
        .drop_duplicates("commune_code")
        .set_index("commune_code")["province_code"]
    )
    if matrix.shape[1]:
        return matrix.T.groupby(matrix.columns.map(prov_map).to_numpy()).mean().T
    return pd.DataFrame(index=matrix.index)

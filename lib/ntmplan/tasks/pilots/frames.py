"""Survey columns read as arrays, sector display names, and the alignment check of two frames."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.params import params_or_defaults


def check_aligned(survey: pd.DataFrame, other: pd.DataFrame, name: str) -> None:
    """Check that ``other`` has exactly the index of ``survey``.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    other : DataFrame
        A frame computed from them (e.g. the output of ``check_eligibility``).
    name : str
        Name of ``other``, for the message.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        If the indexes differ.
    """
    if not other.index.equals(survey.index):
        raise ValueError(
            f"'{name}' không khớp chỉ mục với bảng khảo sát / '{name}' is not aligned to the survey index "
            "(pass the frame returned by check_eligibility for the same survey)"
        )


def counts(survey: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """Return a count column as int64 values (missing → 0) and its missing mask.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    col : str
        Count column (non-integer values are floored).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The int64 values and the boolean mask of missing values.
    """
    s = survey[col]
    if s.dtype.kind in "iu":
        v = s.to_numpy(dtype=np.int64)
        return v, np.zeros(len(v), dtype=bool)
    f = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    miss = np.isnan(f)
    return np.where(miss, 0, np.floor(f)).astype(np.int64), miss


def floats(survey: pd.DataFrame, col: str) -> np.ndarray:
    """Return a column as float values (NaN where missing or not numeric).

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    col : str
        Column name.

    Returns
    -------
    numpy.ndarray
    """
    s = survey[col]
    if s.dtype.kind in "iuf":
        return s.to_numpy(dtype=float)
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)


def sector_present(survey: pd.DataFrame) -> np.ndarray:
    """Return which rows have a prominent sector (not missing, not empty).

    Parameters
    ----------
    survey : DataFrame
        Survey rows with ``prominent_sector``.

    Returns
    -------
    numpy.ndarray
        Boolean mask.
    """
    s = survey["prominent_sector"]
    return (s.notna() & (s.fillna("") != "")).to_numpy(dtype=bool)


def sector_labels(sector: pd.Series, params: dict | None = None) -> np.ndarray:
    """Return Vietnamese sector names (display labels of ``survey.sectors``; the code when unknown).

    Parameters
    ----------
    sector : pandas.Series
        Sector codes.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    numpy.ndarray
        Object array of names; "" where the sector is missing.
    """
    names = params_or_defaults(params).get("survey", {}).get("sectors", {})
    vi = {k: vietnamese_part(v) for k, v in names.items()}
    s = sector.astype(object).where(sector.notna(), None)
    return s.map(vi).fillna(s).fillna("").to_numpy(dtype=object)


def share(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Return ``num / den`` rounded to 4 decimals, NaN where not finite.

    Parameters
    ----------
    num, den : numpy.ndarray
        Float arrays of the same length.

    Returns
    -------
    numpy.ndarray
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        r = num / den
    return np.round(np.where(np.isfinite(r), r, np.nan), 4)

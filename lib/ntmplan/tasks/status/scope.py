"""Which units the status review counts, and the check that frames describe the same rows.

Aggregates, extremes, targets, comparisons and the summary count only units whose
``unit_type`` is in ``status.scope_unit_types`` (default xã and đặc khu: NTM concerns rural
units). Indicators and the index are computed for every row.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns


def scope_mask(survey: pd.DataFrame, sp: dict) -> pd.Series:
    """Return which rows are units in scope (``unit_type`` in ``status.scope_unit_types``).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows.
    sp : dict
        The ``status`` section of the params.

    Returns
    -------
    pandas.Series
        Boolean, same index as ``survey``.

    Raises
    ------
    MissingColumnError
        If ``unit_type`` is missing.
    """
    require_columns(survey, ["unit_type"], "survey")
    return survey["unit_type"].isin(sp["scope_unit_types"])


def province_units(survey: pd.DataFrame, sp: dict) -> dict | None:
    """Count the commune-level units of the survey's province from the administrative tables.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province (``province_code``; converted to the 2025 units).
    sp : dict
        The ``status`` section of the params (``scope_unit_types``).

    Returns
    -------
    dict or None
        ``by_type`` ({"xã": n, "phường": n, "đặc khu": n}), ``total`` (every commune-level unit),
        ``in_scope`` (units whose type is in ``status.scope_unit_types``) and
        ``scope_unit_types``; None when the survey has no single province code known to the
        current (2025) administrative tables.
    """
    from ntmplan.survey.units import provinces

    if "province_code" not in survey.columns:
        return None
    codes = survey["province_code"].dropna().astype(str).unique()
    if len(codes) != 1:
        return None
    table = provinces("current")
    row = table[table["province_code"] == codes[0]]
    if row.empty:
        return None
    rec = row.iloc[0]
    columns = {"xã": "n_xa", "phường": "n_phuong", "đặc khu": "n_dac_khu"}
    by_type = {t: int(rec[c]) if c in rec.index else 0 for t, c in columns.items()}
    scope = [t for t in sp["scope_unit_types"] if t in by_type]
    return {
        "by_type": by_type,
        "total": int(rec["n_units"]),
        "in_scope": sum(by_type[t] for t in scope),
        "scope_unit_types": list(sp["scope_unit_types"]),
    }


def check_aligned(a: pd.DataFrame, b: pd.DataFrame, names: str) -> None:
    """Check that two frames share the same index.

    Parameters
    ----------
    a, b : pandas.DataFrame
    names : str
        Their names for the message (``"survey/index"``).

    Returns
    -------
    None

    Raises
    ------
    ValueError
        If the indexes differ.
    """
    if not a.index.equals(b.index):
        raise ValueError(
            f"Các bảng {names} phải có cùng chỉ mục (cùng hàng) / frames {names} must share the same index"
        )

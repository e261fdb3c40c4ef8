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

"""Unusual year-to-year jumps between a survey and an earlier one in the same units."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.survey import schema

#: Columns of the jumps table.
JUMP_COLUMNS = [
    "province_code",
    "commune_code",
    "commune_name",
    "column",
    "label",
    "year_previous",
    "year",
    "previous",
    "current",
    "change",
    "ratio",
    "severity",
    "message",
]


def jumps(survey: pd.DataFrame, previous: pd.DataFrame | None, rules: dict) -> pd.DataFrame:
    """Return the large changes of each unit's latest values from an earlier survey.

    A change is flagged when it is at least ``min_abs_change`` and the ratio of the
    larger to the smaller value exceeds ``max_ratio`` (infinite from zero).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (latest year of each unit used).
    previous : pandas.DataFrame or None
        Earlier survey in the same units (latest year of each unit before the current).
    rules : dict
        ``datashare.quality.jumps``: column → ``min_abs_change``, ``max_ratio``.

    Returns
    -------
    pandas.DataFrame
        :data:`JUMP_COLUMNS`, sorted by province, commune, column (empty without
        ``previous``).

    Raises
    ------
    MissingColumnError
        If ``previous`` lacks commune_code or year.
    """
    if previous is None or not len(previous) or not len(survey):
        return pd.DataFrame(columns=JUMP_COLUMNS)
    require_columns(previous, ["commune_code", "year"], "previous")
    cur = survey.sort_values("year", kind="mergesort").drop_duplicates("commune_code", keep="last")
    prev = previous.sort_values("year", kind="mergesort").drop_duplicates(
        "commune_code", keep="last"
    )
    both = cur.merge(prev, on="commune_code", how="inner", suffixes=("", "_prev"))
    both = both[both["year_prev"] < both["year"]]
    found = []
    for col, rule in rules.items():
        if col not in cur.columns or col not in prev.columns:
            continue
        a = both[f"{col}_prev"].astype(float)
        b = both[col].astype(float)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        ratio = (hi / lo.where(lo > 0)).where(lo > 0, np.where(hi > 0, np.inf, 1.0))
        flag = ((b - a).abs() >= rule["min_abs_change"]) & (ratio > rule["max_ratio"])
        hit = both.loc[flag, ["province_code", "commune_code", "commune_name", "year_prev", "year"]]
        found.append(
            hit.assign(
                column=col,
                previous=a[flag],
                current=b[flag],
                change=(b - a)[flag],
                ratio=ratio[flag],
            )
        )
    if not found:
        return pd.DataFrame(columns=JUMP_COLUMNS)
    out = pd.concat(found, ignore_index=True).rename(columns={"year_prev": "year_previous"})
    out["label"] = out["column"].map(lambda c: schema.LABELS.get(c, c))
    out["severity"] = "warning"
    out["message"] = (
        "Biến động lớn so với năm trước — kiểm tra lỗi nhập liệu / large change from the previous year — check for entry errors"
    )
    return out.sort_values(["province_code", "commune_code", "column"], ignore_index=True)[
        JUMP_COLUMNS
    ]

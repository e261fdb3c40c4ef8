"""Matching the rows of a legacy survey to the 2025 units by the crosswalk.

Each input row is matched to its new unit(s) or left out with a reason; a matched
row becomes one *part* per new unit it goes to, with a weight.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.survey.legacy.rules import SURVEY_COLUMNS


def legacy_rows(survey: pd.DataFrame) -> pd.DataFrame:
    """Return the survey rows with legacy key names, normalised codes and row ids.

    Parameters
    ----------
    survey : pandas.DataFrame
        Legacy-scheme survey holding every survey column.

    Returns
    -------
    pandas.DataFrame
        The survey columns, with ``legacy_province_code`` (2 digits),
        ``legacy_commune_code`` (5 digits), ``legacy_commune_name``,
        ``legacy_unit_type``, ``input_row`` (position + 2: the Excel row) and ``_row``
        (position).

    Raises
    ------
    ValueError
        If a legacy commune appears twice in the same year.
    """
    s = survey[list(SURVEY_COLUMNS)].reset_index(drop=True)
    s = s.rename(
        columns={
            "province_code": "legacy_province_code",
            "commune_code": "legacy_commune_code",
            "commune_name": "legacy_commune_name",
            "unit_type": "legacy_unit_type",
        }
    )
    s["legacy_province_code"] = s["legacy_province_code"].astype(str).str.strip().str.zfill(2)
    s["legacy_commune_code"] = s["legacy_commune_code"].astype(str).str.strip().str.zfill(5)
    s["input_row"] = np.arange(len(s), dtype="int64") + 2
    s["_row"] = np.arange(len(s))
    dup = s.duplicated(["legacy_commune_code", "year"], keep=False)
    if dup.any():
        codes = ", ".join(sorted(set(s.loc[dup, "legacy_commune_code"])))[:300]
        raise ValueError(
            f"Mã xã cũ lặp lại trong cùng năm / legacy commune code repeated within a year: {codes}; "
            "hãy kiểm tra tệp bằng `ntmplan validate --scheme legacy` / validate the file first"
        )
    return s


def match_crosswalk(rows: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Join each legacy row with its crosswalk entry.

    Parameters
    ----------
    rows : pandas.DataFrame
        Output of :func:`legacy_rows`.
    crosswalk : pandas.DataFrame
        Legacy → 2025 table (legacy_province_code, legacy_commune_code, commune_code,
        is_split, optionally match_note).

    Returns
    -------
    pandas.DataFrame
        ``rows`` with ``_cw_province``, ``_target``, ``_is_split``, ``_note`` (missing
        where the code is not in the crosswalk).
    """
    cw = crosswalk[crosswalk["legacy_commune_code"].notna()]
    cw = pd.DataFrame(
        {
            "legacy_commune_code": cw["legacy_commune_code"].astype(str),
            "_cw_province": cw["legacy_province_code"].astype(str),
            "_target": cw["commune_code"],
            "_is_split": cw["is_split"].astype(bool),
            "_note": cw["match_note"] if "match_note" in cw.columns else None,
        }
    ).drop_duplicates("legacy_commune_code")
    return rows.merge(cw, on="legacy_commune_code", how="left", validate="many_to_one")


def unmatched_rows(m: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    """Find the rows that cannot be matched, with their reasons.

    Parameters
    ----------
    m : pandas.DataFrame
        Output of :func:`match_crosswalk`.

    Returns
    -------
    (pandas.Series, pandas.DataFrame)
        Boolean mask of the unmatched rows, and the table of them: input_row, year,
        legacy_province_code, legacy_commune_code, legacy_commune_name, reason_code
        (``unknown_code``, ``province_mismatch``, ``no_target``), reason.
    """
    unknown = m["_cw_province"].isna()
    mismatch = ~unknown & (m["_cw_province"] != m["legacy_province_code"])
    no_target = ~unknown & ~mismatch & m["_target"].isna()
    reason_code = pd.Series(None, index=m.index, dtype=object)
    reason = pd.Series(None, index=m.index, dtype=object)
    reason_code[unknown] = "unknown_code"
    reason[unknown] = (
        "Mã xã cũ không có trong danh mục đơn vị hành chính trước 1/7/2025 / legacy commune code not in the legacy unit list"
    )
    reason_code[mismatch] = "province_mismatch"
    reason[mismatch] = (
        "Mã xã cũ thuộc tỉnh cũ "
        + m.loc[mismatch, "_cw_province"]
        + ", không phải "
        + m.loc[mismatch, "legacy_province_code"]
        + " / the commune code belongs to legacy province "
        + m.loc[mismatch, "_cw_province"]
        + ", not "
        + m.loc[mismatch, "legacy_province_code"]
    )
    reason_code[no_target] = "no_target"
    reason[no_target] = "Không có đơn vị 2025 tương ứng / no 2025 unit: " + m.loc[
        no_target, "_note"
    ].fillna("").astype(str)
    bad = unknown | mismatch | no_target
    unmatched = m.loc[
        bad,
        ["input_row", "year", "legacy_province_code", "legacy_commune_code", "legacy_commune_name"],
    ]
    unmatched = unmatched.assign(reason_code=reason_code[bad], reason=reason[bad]).reset_index(
        drop=True
    )
    return bad, unmatched


def split_parts(matched: pd.DataFrame, method: str, weights: pd.DataFrame | None) -> pd.DataFrame:
    """Return one row per (matched row, new unit) with its weight.

    Parameters
    ----------
    matched : pandas.DataFrame
        The matched rows of :func:`match_crosswalk`.
    method : str
        ``default``, ``area`` or ``table`` (with ``area`` only split communes are spread).
    weights : pandas.DataFrame or None
        Weights table of :func:`ntmplan.survey.legacy.allocation.split_weight_table`.

    Returns
    -------
    pandas.DataFrame
        ``matched`` columns plus ``commune_code`` (new unit), ``_w`` (weight) and
        ``_default`` (default successor), sorted by row, default first, code; fresh index.
    """
    whole = matched.assign(commune_code=matched["_target"], _w=1.0, _default=True)
    if weights is not None:
        wt = weights.rename(columns={"weight": "_w", "is_default": "_default"})
        wt = wt.assign(
            _w=wt["_w"].astype(float), legacy_commune_code=wt["legacy_commune_code"].astype(str)
        )
        positive = wt.groupby("legacy_commune_code")["_w"].transform("sum") > 0
        wt = wt[positive]
        listed = matched["legacy_commune_code"].isin(wt["legacy_commune_code"])
        if method == "area":
            listed &= matched["_is_split"]
        spread = (
            matched[listed]
            .drop(columns=["_target"])
            .merge(wt, on="legacy_commune_code", how="inner")
        )
        parts = pd.concat([whole[~listed.to_numpy()], spread], ignore_index=True)
    else:
        parts = whole
    parts = parts.sort_values(
        ["_row", "_default", "commune_code"], ascending=[True, False, True], kind="mergesort"
    )
    return parts.reset_index(drop=True)

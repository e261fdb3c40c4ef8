"""The legacy (63-province) → 2025 correspondence, from the package's conversion table.

Every legacy unit points at the 2025 unit it became (a split unit at the package's
default successor); :func:`legacy_split_targets` lists every part of a split unit.
"""

from __future__ import annotations

import functools

import pandas as pd

from ntmplan.survey.units import package_data
from ntmplan.survey.units.tables import current_with_keys, legacy_with_keys

_NOTE_SPLIT = "chia cho {n} đơn vị mới, dùng đơn vị kế thừa mặc định / split among {n} new units, default successor used"
_NOTE_ISLAND = "huyện đảo không có cấp xã, ánh xạ cả huyện / island district without commune level, whole district mapped"
_NOTE_NO_PROVINCE = (
    "tỉnh cũ không có trong bảng chuyển đổi / legacy province not in the conversion table"
)
_NOTE_NO_UNIT = "không có trong bảng chuyển đổi của gói / not in the package's conversion table"
_NOTE_NO_DEFAULT = "chia tách nhưng không có đơn vị mặc định / split without a default successor"


@functools.lru_cache(maxsize=1)
def _mapping() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Legacy key → (new province key, new commune key) pairs, plain and split."""
    conv = package_data.converter()
    plain = [
        (old, prov, new)
        for prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
        for new, olds in wards.items()
        for old in olds
    ]
    split = [
        (old, prov, t["newWardKey"], bool(t["isDefaultNewWard"]), t.get("newWardAreaKm2"))
        for prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items()
        for old, targets in olds.items()
        for t in targets
    ]
    plain_df = pd.DataFrame(plain, columns=["_key", "_new_province_key", "_new_commune_key"])
    split_df = pd.DataFrame(
        split, columns=["_key", "_new_province_key", "_new_commune_key", "is_default", "_json_area"]
    )
    return plain_df, split_df


def _new_unit_lookup() -> pd.DataFrame:
    cur = current_with_keys()
    return cur[
        [
            "_province_key",
            "_commune_key",
            "province_code",
            "province_name",
            "commune_code",
            "commune_name",
            "unit_type",
            "area_km2",
        ]
    ].rename(columns={"_province_key": "_new_province_key", "_commune_key": "_new_commune_key"})


def _legacy_base() -> pd.DataFrame:
    leg = legacy_with_keys()
    return pd.DataFrame(
        {
            "legacy_province_code": leg["province_code"],
            "legacy_province_name": leg["province_name"],
            "legacy_district_code": leg["district_code"],
            "legacy_district_name": leg["district_name"],
            "legacy_commune_code": leg["commune_code"],
            "legacy_commune_name": leg["commune_name"],
            "legacy_unit_type": leg["unit_type"],
            "_key": leg["_key"],
            "_province_key": leg["_province_key"],
        }
    )


@functools.lru_cache(maxsize=1)
def _crosswalk() -> pd.DataFrame:
    conv = package_data.converter()
    base = _legacy_base()
    plain, split = _mapping()
    new = _new_unit_lookup()
    prov_of = {old: new_p for new_p, olds in conv["DICT_PROVINCE"].items() for old in olds}
    code_of_prov = new.drop_duplicates("_new_province_key").set_index("_new_province_key")

    n_targets = split.groupby("_key").size()
    defaults = split[split["is_default"]].drop_duplicates("_key")
    chosen = pd.concat(
        [
            plain.assign(_split=False),
            defaults[["_key", "_new_province_key", "_new_commune_key"]].assign(_split=True),
        ],
        ignore_index=True,
    ).drop_duplicates("_key")
    out = base.merge(chosen, on="_key", how="left").merge(
        new, on=["_new_province_key", "_new_commune_key"], how="left"
    )
    # Province even when the unit itself cannot be matched.
    new_prov_key = out["_province_key"].map(prov_of)
    out["province_code"] = out["province_code"].fillna(
        new_prov_key.map(code_of_prov["province_code"])
    )
    out["province_name"] = out["province_name"].fillna(
        new_prov_key.map(code_of_prov["province_name"])
    )

    matched = out["commune_code"].notna()
    is_split_key = out["_key"].isin(n_targets.index)
    out["is_split"] = is_split_key.astype(bool)
    out["n_targets"] = out["_key"].map(n_targets).where(is_split_key, matched.astype(int)).fillna(0)
    out["n_targets"] = out["n_targets"].astype("int64")
    out["is_default_target"] = matched.astype(bool)

    note = pd.Series(None, index=out.index, dtype=object)
    note[out["is_split"] & matched] = [
        _NOTE_SPLIT.format(n=n) for n in out.loc[out["is_split"] & matched, "n_targets"]
    ]
    note[out["legacy_commune_code"].isna() & matched] = _NOTE_ISLAND
    note[~matched & out["is_split"]] = _NOTE_NO_DEFAULT
    note[~matched & ~out["is_split"]] = _NOTE_NO_UNIT
    note[new_prov_key.isna()] = _NOTE_NO_PROVINCE

    cols = [
        "legacy_province_code",
        "legacy_province_name",
        "legacy_district_code",
        "legacy_district_name",
        "legacy_commune_code",
        "legacy_commune_name",
        "legacy_unit_type",
        "province_code",
        "province_name",
        "commune_code",
        "commune_name",
        "unit_type",
        "is_split",
        "is_default_target",
        "n_targets",
        "match_note",
    ]
    out["match_note"] = pd.Series(note.tolist(), index=out.index)  # str or missing, dtype inferred
    return out[cols].reset_index(drop=True)


def legacy_crosswalk() -> pd.DataFrame:
    """Return the legacy → 2025 correspondence: one row per legacy unit (10,040 rows).

    Each legacy unit points at the 2025 unit it became. A unit split among
    several new units (``is_split``) points at the package's default successor
    (see :func:`legacy_split_targets` for every part). A unit the package's
    conversion table does not know keeps missing (NaN) targets and a ``match_note``;
    its new province is still filled when the legacy province is known.

    Returns
    -------
    pandas.DataFrame
        legacy_province_code, legacy_province_name, legacy_district_code,
        legacy_district_name, legacy_commune_code (missing for the 5 island
        districts), legacy_commune_name, legacy_unit_type, province_code,
        province_name, commune_code, commune_name, unit_type (2025),
        is_split (bool), is_default_target (bool: True for every matched row),
        n_targets (int: new units receiving part of it; 0 if unmatched),
        match_note (missing for an ordinary match, else Vietnamese / English).
        Missing text values are NaN (pandas' string dtype).
        Same row order as :func:`legacy_units`.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    return _crosswalk().copy()


@functools.lru_cache(maxsize=1)
def _split_targets() -> pd.DataFrame:
    _, split = _mapping()
    base = _legacy_base()
    new = _new_unit_lookup()
    out = split.merge(base, on="_key", how="inner").merge(
        new, on=["_new_province_key", "_new_commune_key"], how="left"
    )
    area = out["area_km2"].fillna(out["_json_area"].astype(float))
    out["area_km2"] = area.where(area > 0)
    total = out.groupby("_key")["area_km2"].transform("sum")
    out["area_share"] = (out["area_km2"] / total).where(total > 0)
    out["is_default"] = out["is_default"].astype(bool)
    cols = [
        "legacy_province_code",
        "legacy_commune_code",
        "legacy_commune_name",
        "province_code",
        "commune_code",
        "commune_name",
        "area_km2",
        "area_share",
        "is_default",
    ]
    out = out[cols].sort_values(["legacy_province_code", "legacy_commune_code", "commune_code"])
    return out.reset_index(drop=True)


def legacy_split_targets() -> pd.DataFrame:
    """Return every (split legacy unit, new unit) pair.

    Returns
    -------
    pandas.DataFrame
        legacy_province_code, legacy_commune_code, legacy_commune_name,
        province_code, commune_code, commune_name, area_km2 (area of the whole
        new unit, from the package), area_share (that area over the summed
        areas of the unit's targets — a simple split weight), is_default (one
        True per legacy unit). Sorted by legacy codes then new code.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    return _split_targets().copy()


def clear_caches() -> None:
    """Forget the cached crosswalk tables, so that they are rebuilt from the conversion table.

    Returns
    -------
    None
    """
    _mapping.cache_clear()
    _crosswalk.cache_clear()
    _split_targets.cache_clear()

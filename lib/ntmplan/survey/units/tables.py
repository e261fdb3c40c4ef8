"""The commune-level units of both schemes, as tables (built from the package data, cached).

- **current** scheme (from 1 Jul 2025): 34 provinces, 3,321 commune-level units
  (2,621 xã, 687 phường, 13 đặc khu), no district level.
- **legacy** scheme (until 30 Jun 2025): 63 provinces, 696 districts, 10,040
  units: 10,035 communes (7,695 xã, 1,724 phường, 616 thị trấn) and 5 island
  districts without a commune level (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
  Côn Đảo). Those 5 rows have ``commune_code`` and ``unit_type`` missing (NaN)
  and carry the district's name and coordinates.

The ``*_with_keys`` frames keep the package's keys (columns starting with ``_``) for the
look-ups and the crosswalk; the public functions drop them and return fresh copies.
"""

from __future__ import annotations

import functools

import pandas as pd

from ntmplan.survey.units.package_data import read_units_table

SCHEMES = ("current", "legacy")

#: Vietnamese labels of the columns returned by this module.
LABELS: dict[str, str] = {
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh/thành phố",
    "province_short": "Tên ngắn tỉnh",
    "slug": "Tên thư mục",
    "district_code": "Mã huyện (cũ)",
    "district_name": "Huyện (cũ)",
    "commune_code": "Mã xã",
    "commune_name": "Xã/phường/đặc khu",
    "commune_short": "Tên ngắn xã",
    "unit_type": "Loại đơn vị",
    "lat": "Vĩ độ",
    "lon": "Kinh độ",
    "area_km2": "Diện tích (km²)",
    "n_units": "Số đơn vị cấp xã",
    "n_xa": "Số xã",
    "n_phuong": "Số phường",
    "n_dac_khu": "Số đặc khu",
    "n_thi_tran": "Số thị trấn",
    "legacy_province_code": "Mã tỉnh cũ",
    "legacy_province_name": "Tỉnh cũ",
    "legacy_district_code": "Mã huyện cũ",
    "legacy_district_name": "Huyện cũ",
    "legacy_commune_code": "Mã xã cũ",
    "legacy_commune_name": "Xã cũ",
    "legacy_unit_type": "Loại đơn vị cũ",
    "is_split": "Bị chia tách",
    "is_default_target": "Đơn vị kế thừa mặc định",
    "is_default": "Mặc định",
    "n_targets": "Số đơn vị mới nhận",
    "area_share": "Tỷ trọng diện tích",
    "match_note": "Ghi chú đối chiếu",
}


def check_scheme(scheme: str) -> str:
    """Return ``scheme`` if it is one of :data:`SCHEMES`.

    Parameters
    ----------
    scheme : str

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For an unknown scheme.
    """
    if scheme not in SCHEMES:
        raise ValueError(
            f"Hệ mã không hợp lệ / unknown scheme {scheme!r}; dùng / use one of {SCHEMES}"
        )
    return scheme


def _nfc(series: pd.Series) -> pd.Series:
    return series.str.normalize("NFC")


@functools.lru_cache(maxsize=1)
def current_with_keys() -> pd.DataFrame:
    """Return the 2025 units with the package's keys (cached; callers must not modify it).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`current_units` plus ``_province_key``, ``_commune_key``,
        ``_province_keywords`` and ``_commune_keywords``.
    """
    raw = read_units_table("admin_units")
    out = pd.DataFrame(
        {
            "province_code": raw["provinceCode"].astype(str).str.zfill(2),
            "province_name": _nfc(raw["province"]),
            "province_short": _nfc(raw["provinceShort"]),
            "commune_code": raw["wardCode"].astype(str).str.zfill(5),
            "commune_name": _nfc(raw["ward"]),
            "commune_short": _nfc(raw["wardShort"]),
            "unit_type": _nfc(raw["wardType"]).str.lower(),
            "lat": raw["wardLat"].astype(float),
            "lon": raw["wardLon"].astype(float),
            # A few units have area 0 in the package data: treated as unknown.
            "area_km2": raw["wardAreaKm2"].astype(float).where(raw["wardAreaKm2"] > 0),
            "_province_key": raw["provinceKey"],
            "_commune_key": raw["wardKey"],
            "_province_keywords": raw["provinceKeywords"],
            "_commune_keywords": raw["wardKeywords"],
        }
    )
    return out.sort_values(["province_code", "commune_code"], ignore_index=True)


@functools.lru_cache(maxsize=1)
def legacy_with_keys() -> pd.DataFrame:
    """Return the legacy units with the package's keys (cached; callers must not modify it).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`legacy_units` plus ``_province_key``, ``_key`` (province,
        district and ward keys joined), ``_province_keywords`` and ``_commune_keywords``.
    """
    raw = read_units_table("admin_units_legacy")
    no_commune = raw["wardCode"].isna()
    out = pd.DataFrame(
        {
            "province_code": raw["provinceCode"].astype(str).str.zfill(2),
            "province_name": _nfc(raw["province"]),
            "province_short": _nfc(raw["provinceShort"]),
            "district_code": raw["districtCode"].astype(str).str.zfill(3),
            "district_name": _nfc(raw["district"]),
            "commune_code": raw["wardCode"].str.zfill(5),  # missing for the 5 island districts
            "commune_name": _nfc(raw["ward"].where(~no_commune, raw["district"])),
            "commune_short": _nfc(raw["wardShort"].where(~no_commune, raw["districtShort"])),
            "unit_type": _nfc(raw["wardType"]).str.lower(),
            "lat": raw["wardLat"].where(~no_commune, raw["districtLat"]).astype(float),
            "lon": raw["wardLon"].where(~no_commune, raw["districtLon"]).astype(float),
            "_province_key": raw["provinceKey"],
            "_key": raw["provinceKey"] + "_" + raw["districtKey"] + "_" + raw["wardKey"].fillna(""),
            "_province_keywords": raw["provinceKeywords"],
            "_commune_keywords": raw["wardKeywords"],
        }
    )
    order = out["commune_code"].fillna("~" + out["district_code"])
    out = out.assign(_order=order).sort_values(["province_code", "_order"], ignore_index=True)
    return out.drop(columns="_order")


def units_with_keys(scheme: str) -> pd.DataFrame:
    """Return :func:`current_with_keys` or :func:`legacy_with_keys` (cached, not a copy).

    Parameters
    ----------
    scheme : {"current", "legacy"}

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        For an unknown scheme.
    """
    return current_with_keys() if check_scheme(scheme) == "current" else legacy_with_keys()


def public_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` without its internal columns (those starting with ``_``).

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
    """
    return frame[[c for c in frame.columns if not c.startswith("_")]].copy()


def current_units() -> pd.DataFrame:
    """Return the 3,321 commune-level units of the 2025 scheme.

    Returns
    -------
    pandas.DataFrame
        Columns province_code, province_name (official, e.g. "Thành phố Hà Nội"),
        province_short ("Hà Nội"), commune_code, commune_name ("Xã Giao Minh"),
        commune_short, unit_type (``xã`` / ``phường`` / ``đặc khu``), lat, lon,
        area_km2 (NaN where the package has none). Sorted by codes.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    return public_columns(current_with_keys())


def legacy_units() -> pd.DataFrame:
    """Return the 10,040 units of the legacy (63-province) scheme.

    Returns
    -------
    pandas.DataFrame
        Columns province_code, province_name, province_short, district_code,
        district_name, commune_code, commune_name, commune_short, unit_type
        (``xã`` / ``phường`` / ``thị trấn``), lat, lon. The 5 island districts
        without a commune level have commune_code and unit_type missing (NaN) and
        the district's name and coordinates.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    return public_columns(legacy_with_keys())

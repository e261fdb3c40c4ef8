"""The data-quality report of a survey in 2025 units (notebook 05).

Completeness, plausible ranges (warnings, distinct from validation errors),
duplicates, units of the official list missing from the survey, codes not in it,
and year-to-year jumps.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.survey import schema
from ntmplan.survey import units as admin_units
from ntmplan.tasks.datashare.completeness import (
    completeness_by_column,
    completeness_by_province,
    completeness_matrix,
)
from ntmplan.tasks.datashare.jumps import jumps

#: Labels of the ratio checks of ``datashare.quality.ranges``.
RATIO_LABELS = {
    "persons_per_household": "Số nhân khẩu bình quân một hộ / persons per household",
    "households_per_village": "Số hộ bình quân một thôn / households per village",
}

#: Columns identifying a survey row in the findings.
IDENT = ["province_code", "commune_code", "commune_name", "year"]


def expected_units(units: pd.DataFrame, province_codes, qp: dict) -> pd.DataFrame:
    """Return the official units expected in the survey of some provinces.

    Parameters
    ----------
    units : pandas.DataFrame
        Official 2025 units (province_code, unit_type, …).
    province_codes : iterable of str
    qp : dict
        ``datashare.quality`` params (``expected_unit_types``).

    Returns
    -------
    pandas.DataFrame
        The rows of ``units`` of those provinces and expected types.
    """
    return units[
        units["province_code"].isin(list(province_codes))
        & units["unit_type"].isin(qp["expected_unit_types"])
    ]


def range_warnings(survey: pd.DataFrame, qp: dict) -> pd.DataFrame:
    """Return the values outside the plausible ranges of ``datashare.quality.ranges``.

    Parameters
    ----------
    survey : pandas.DataFrame
    qp : dict
        ``datashare.quality`` params (``ranges``, ``ratios``).

    Returns
    -------
    pandas.DataFrame
        province_code, commune_code, commune_name, year, check, label, value, minimum,
        maximum, severity (``warning``), message.
    """
    found = []
    for check, rng in qp["ranges"].items():
        if check in qp["ratios"]:
            num, den = qp["ratios"][check]
            if num not in survey or den not in survey:
                continue
            values = survey[num].astype(float) / survey[den].astype(float).where(survey[den] > 0)
        elif check in survey.columns:
            values = pd.to_numeric(survey[check], errors="coerce").astype(float)
        else:
            continue
        lo, hi = rng.get("min"), rng.get("max")
        outside = (values < lo) if lo is not None else pd.Series(False, index=survey.index)
        if hi is not None:
            outside |= values > hi
        hit = survey.loc[outside, IDENT].assign(
            check=check, value=values[outside], minimum=lo, maximum=hi
        )
        found.append(hit)
    ranges = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame(columns=[*IDENT, "check", "value", "minimum", "maximum"])
    )
    ranges["label"] = ranges["check"].map(lambda c: schema.LABELS.get(c, RATIO_LABELS.get(c, c)))
    ranges["severity"] = "warning"
    ranges["message"] = (
        "Ngoài khoảng hợp lý ["
        + ranges["minimum"].astype(str)
        + "; "
        + ranges["maximum"].astype(str)
        + "] — kiểm tra lại số liệu (cảnh báo, không phải lỗi) / outside the plausible range — check (warning, not an error)"
    )
    return ranges[[*IDENT, "check", "label", "value", "minimum", "maximum", "severity", "message"]]


def duplicate_rows(survey: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Return units twice in a year, and units with figures identical to another's.

    Parameters
    ----------
    survey : pandas.DataFrame
    cols : list of str
        The survey columns present.

    Returns
    -------
    pandas.DataFrame
        province_code, commune_code, commune_name, year, check (``duplicate_key`` /
        ``identical_values``), message, severity (``warning``).
    """
    key_dup = survey.duplicated(["commune_code", "year"], keep=False)
    data_cols = [
        c for c in cols if c not in ("province_code", "commune_code", "commune_name", "unit_type")
    ]
    same_data = (
        survey.duplicated(data_cols, keep=False) & ~key_dup if data_cols else key_dup & False
    )
    duplicates = pd.concat(
        [
            survey.loc[key_dup, IDENT].assign(
                check="duplicate_key",
                message="Đơn vị xuất hiện nhiều lần trong cùng năm / unit appears more than once in a year",
            ),
            survey.loc[same_data, IDENT].assign(
                check="identical_values",
                message="Số liệu giống hệt một đơn vị khác (có thể sao chép nhầm) / figures identical to another unit (copy-paste?)",
            ),
        ],
        ignore_index=True,
    )
    duplicates["severity"] = "warning"
    return duplicates


def coverage(
    survey: pd.DataFrame, units: pd.DataFrame, expected: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compare the survey's units with the official list.

    Parameters
    ----------
    survey : pandas.DataFrame
    units : pandas.DataFrame
        Every official 2025 unit.
    expected : pandas.DataFrame
        The units expected in this survey (:func:`expected_units`).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Expected units missing from the survey (province_code, commune_code,
        commune_name, unit_type), and survey rows whose code is not an official unit
        (province_code, commune_code, commune_name, year).
    """
    codes = set(survey["commune_code"].astype(str))
    missing_units = expected.loc[
        ~expected["commune_code"].astype(str).isin(codes),
        ["province_code", "commune_code", "commune_name", "unit_type"],
    ]
    missing_units = missing_units.reset_index(drop=True)
    known = set(units["commune_code"].astype(str))
    unknown_units = survey.loc[~survey["commune_code"].astype(str).isin(known), IDENT].reset_index(
        drop=True
    )
    return missing_units, unknown_units


def overview(ranges, duplicates, missing_units, unknown_units, jumps_found) -> pd.DataFrame:
    """Return the number of findings of each check.

    Parameters
    ----------
    ranges, duplicates, missing_units, unknown_units, jumps_found : pandas.DataFrame
        The findings of each check.

    Returns
    -------
    pandas.DataFrame
        check, label, count, severity.
    """
    return pd.DataFrame(
        [
            (
                "ranges",
                "Giá trị ngoài khoảng hợp lý / values outside plausible ranges",
                len(ranges),
                "warning",
            ),
            ("duplicates", "Dòng trùng lặp / duplicate rows", len(duplicates), "warning"),
            (
                "missing_units",
                "Đơn vị có trong danh mục nhưng thiếu trong khảo sát / official units missing from the survey",
                len(missing_units),
                "warning",
            ),
            (
                "unknown_units",
                "Mã đơn vị không có trong danh mục 2025 / codes not in the 2025 unit list",
                len(unknown_units),
                "error",
            ),
            (
                "jumps",
                "Biến động bất thường so với năm trước / unusual year-to-year jumps",
                len(jumps_found),
                "warning",
            ),
        ],
        columns=["check", "label", "count", "severity"],
    )


def quality_report(
    survey: pd.DataFrame,
    params: dict | None = None,
    previous: pd.DataFrame | None = None,
    *,
    units: pd.DataFrame | None = None,
    province_codes=None,
) -> dict[str, pd.DataFrame]:
    """Check a survey (2025 units) for completeness, plausibility, duplicates, coverage and jumps.

    Range findings and jumps are **warnings** (values to check), distinct from the
    validation errors of :func:`ntmplan.survey.schema.validate_survey`.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (one or more provinces).
    params : dict, optional
        Resolved params (``datashare.quality``); defaults when None.
    previous : pandas.DataFrame, optional
        An earlier survey in the same (2025) units, e.g. a converted 2023 survey; the
        latest year of each unit in it is compared with the latest year in ``survey``.
    units : pandas.DataFrame, optional
        Official 2025 units (province_code, commune_code, commune_name, unit_type);
        default :func:`ntmplan.survey.units.current_units`.
    province_codes : list of str, optional
        Provinces whose units are expected; default those present in ``survey``.

    Returns
    -------
    dict of pandas.DataFrame
        ``overview`` (check, label, count, severity), ``completeness`` (column, label,
        n_rows, n_filled, completeness), ``completeness_matrix`` (see
        :func:`~ntmplan.tasks.datashare.completeness.completeness_matrix`),
        ``completeness_by_province`` (columns × provinces, share of expected units with
        a value), ``ranges``, ``duplicates``, ``missing_units``, ``unknown_units``,
        ``jumps``.

    Raises
    ------
    MissingColumnError
        If province_code, commune_code, commune_name or year is missing.
    """
    qp = params_or_defaults(params)["datashare"]["quality"]
    require_columns(survey, ["province_code", "commune_code", "commune_name", "year"], "survey")
    if units is None:
        units = admin_units.current_units()
    provinces = (
        sorted(set(survey["province_code"].astype(str)))
        if province_codes is None
        else [str(c) for c in province_codes]
    )
    expected = expected_units(units, provinces, qp)
    cols = [c for c in schema.COLUMNS if c in survey.columns]
    matrix = completeness_matrix(survey, expected)
    ranges = range_warnings(survey, qp)
    duplicates = duplicate_rows(survey, cols)
    missing_units, unknown_units = coverage(survey, units, expected)
    jumps_found = jumps(survey, previous, qp["jumps"])
    return {
        "overview": overview(ranges, duplicates, missing_units, unknown_units, jumps_found),
        "completeness": completeness_by_column(survey, cols),
        "completeness_matrix": matrix,
        "completeness_by_province": completeness_by_province(matrix, survey, expected),
        "ranges": ranges.reset_index(drop=True),
        "duplicates": duplicates,
        "missing_units": missing_units,
        "unknown_units": unknown_units,
        "jumps": jumps_found,
    }

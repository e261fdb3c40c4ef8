"""The provinces of each scheme: their table with unit counts, the printed list, folder names."""

from __future__ import annotations

import functools

import pandas as pd

from ntmplan.core.errors import UnknownProvinceError
from ntmplan.core.fmt import number
from ntmplan.survey.units.tables import check_scheme, public_columns, units_with_keys
from ntmplan.survey.units.text import normalise_code, slugify, with_folded

#: Unit type → its count column in the province table.
TYPE_COUNT_COLUMNS = {
    "xã": "n_xa",
    "phường": "n_phuong",
    "đặc khu": "n_dac_khu",
    "thị trấn": "n_thi_tran",
}


@functools.lru_cache(maxsize=2)
def province_table(scheme: str) -> pd.DataFrame:
    """Return the provinces of a scheme with the look-up columns (cached; do not modify).

    Parameters
    ----------
    scheme : {"current", "legacy"}

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`provinces` plus ``_province_keywords``, ``_fold_full``
        and ``_fold_short``.
    """
    units = units_with_keys(scheme)
    first = units.drop_duplicates("province_code")[
        ["province_code", "province_name", "province_short", "_province_keywords"]
    ]
    out = first.assign(slug=first["province_short"].map(slugify)).reset_index(drop=True)
    counts = units.groupby("province_code").size().rename("n_units")
    types = [t for t in TYPE_COUNT_COLUMNS if units["unit_type"].eq(t).any()]
    by_type = (
        pd.crosstab(units["province_code"], units["unit_type"])
        .reindex(columns=types, fill_value=0)
        .rename(columns=TYPE_COUNT_COLUMNS)
    )
    out = out.join(counts, on="province_code").join(by_type, on="province_code")
    cols = ["province_code", "province_name", "province_short", "slug", "n_units", *by_type.columns]
    cols.append("_province_keywords")
    out = with_folded(out, "province_name", "province_short")
    return out[[*cols, "_fold_full", "_fold_short"]].astype(
        {c: "int64" for c in ["n_units", *by_type.columns]}
    )


def provinces(scheme: str = "current") -> pd.DataFrame:
    """Return the provinces of a scheme with their unit counts.

    Parameters
    ----------
    scheme : {"current", "legacy"}

    Returns
    -------
    pandas.DataFrame
        province_code, province_name, province_short, slug, n_units and one
        count column per unit type (current: n_xa, n_phuong, n_dac_khu;
        legacy: n_xa, n_phuong, n_thi_tran). One row per province, by code.

    Raises
    ------
    ValueError
        For an unknown scheme.
    """
    return public_columns(province_table(check_scheme(scheme)))


def provinces_table_text(scheme: str = "current") -> str:
    """Return the province list as a plain-text table with Vietnamese / English headers.

    Used by ``ntmplan provinces``.

    Parameters
    ----------
    scheme : {"current", "legacy"}

    Returns
    -------
    str
        A title line, the aligned table and a totals line.

    Raises
    ------
    ValueError
        For an unknown scheme.
    """
    table = provinces(scheme).drop(columns="province_short")
    headers = {
        "province_code": "Mã / Code",
        "province_name": "Tỉnh, thành phố / Province",
        "slug": "Thư mục / Folder",
        "n_units": "Đơn vị / Units",
        "n_xa": "Xã",
        "n_phuong": "Phường",
        "n_dac_khu": "Đặc khu",
        "n_thi_tran": "Thị trấn",
    }
    table = table.assign(slug=table["province_code"] + "-" + table["slug"]).rename(columns=headers)
    title = (
        "Đơn vị hành chính từ 1/7/2025 / administrative units from 1 Jul 2025"
        if scheme == "current"
        else "Đơn vị hành chính trước 1/7/2025 (mã cũ) / legacy units before 1 Jul 2025"
    )
    counts = [c for c in table.columns if table[c].dtype == "int64"]
    total = ", ".join(f"{c}: {number(int(table[c].sum()))}" for c in counts)
    body = table.to_string(index=False)
    return f"{title}\n{body}\n{len(table)} tỉnh, thành phố / provinces — {total}"


def _province_row(code: str, scheme: str) -> pd.Series | None:
    table = province_table(scheme)
    hit = table[table["province_code"] == code]
    return None if hit.empty else hit.iloc[0]


def province_slug(code, scheme: str = "current") -> str:
    """Return the folder slug of a province: ASCII, hyphenated, no "Tỉnh"/"Thành phố".

    Parameters
    ----------
    code : str or int
        Province code (``"01"`` or ``1``).
    scheme : {"current", "legacy"}

    Returns
    -------
    str
        e.g. ``"ha-noi"`` for ``"01"``.

    Raises
    ------
    UnknownProvinceError
        For an unknown code (also a ``ValueError``).
    ValueError
        For an unknown scheme.
    """
    norm = normalise_code(code, 2)
    row = None if norm is None else _province_row(norm, check_scheme(scheme))
    if row is None:
        raise UnknownProvinceError(
            code,
            f"Không có mã tỉnh {code!r}",
            f"unknown province code {code!r} ({scheme}); xem / see `ntmplan provinces`",
        )
    return str(row["slug"])


def province_dir_name(code, scheme: str = "current") -> str:
    """Return the output folder name of a province, ``"<code>-<slug>"`` (``"01-ha-noi"``).

    Parameters
    ----------
    code : str or int
    scheme : {"current", "legacy"}

    Returns
    -------
    str

    Raises
    ------
    UnknownProvinceError
        For an unknown code (also a ``ValueError``).
    ValueError
        For an unknown scheme.
    """
    slug = province_slug(code, scheme)
    return f"{normalise_code(code, 2)}-{slug}"

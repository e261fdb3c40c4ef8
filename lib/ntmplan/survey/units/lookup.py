"""Finding a province or a commune-level unit by code or by name (the one province look-up).

Names are matched accent- and case-insensitively, with or without their prefix
("Tỉnh", "Thành phố", "Xã", …), and against the package's keywords (``"hcm"``).
:func:`find_province` raises one error type, :class:`~ntmplan.core.errors.UnknownProvinceError`,
when nothing or several provinces match.
"""

from __future__ import annotations

import functools
import json

import pandas as pd

from ntmplan.core.errors import UnknownProvinceError
from ntmplan.survey.units.provinces import province_table
from ntmplan.survey.units.tables import check_scheme, units_with_keys
from ntmplan.survey.units.text import (
    COMMUNE_PREFIXES,
    DISTRICT_PREFIXES,
    PROVINCE_PREFIXES,
    fold,
    normalise_code,
    strip_prefix,
    with_folded,
)


@functools.lru_cache(maxsize=2)
def _searchable(scheme: str) -> pd.DataFrame:
    """The units of a scheme with accent-folded names, for look-ups (built on first use)."""
    out = with_folded(units_with_keys(scheme), "commune_name", "commune_short")
    if "district_name" in out.columns:
        out["_fold_district"] = out["district_name"].map(
            lambda t: strip_prefix(fold(t), DISTRICT_PREFIXES)
        )
    return out


def _keywords(raw) -> set[str]:
    if not isinstance(raw, str):
        return set()
    try:
        return {str(k) for k in json.loads(raw)}
    except json.JSONDecodeError:
        return set()


def _ambiguity(hits: pd.DataFrame, text, describe) -> tuple[str, str]:
    """The message (Vietnamese, English) for a name matching several units, listing them."""
    listing = "; ".join(describe(r) for _, r in hits.iterrows())
    return (
        f"Tên {text!r} khớp nhiều đơn vị, hãy dùng mã",
        f"ambiguous name {text!r}, use a code: {listing}",
    )


def _row_dict(row: pd.Series) -> dict:
    """A table row as a dict of plain Python values, without the internal columns."""
    return {
        k: (v.item() if hasattr(v, "item") else v)
        for k, v in row.items()
        if not str(k).startswith("_")
    }


def _match_name(table: pd.DataFrame, text: str, prefixes, keywords: str):
    """Rows whose name matches ``text``: full name, then short name, then package keywords."""
    folded = fold(text)
    if not folded:
        return table.iloc[0:0]
    hits = table[table["_fold_full"] == folded]
    if hits.empty:
        hits = table[table["_fold_short"] == strip_prefix(folded, prefixes)]
    if hits.empty:
        squashed = folded.replace(" ", "")
        hits = table[table[keywords].map(lambda raw: squashed in _keywords(raw))]
    return hits


def _describe_province(row) -> str:
    return f"{row['province_code']} {row['province_name']}"


def _province_or_none(text, scheme: str) -> dict | None:
    """The province ``text`` names, or None when none does; raises when several do."""
    if text is None:
        return None
    code = normalise_code(text, 2)
    table = province_table(scheme)
    if code is not None:
        hits = table[table["province_code"] == code]
    else:
        hits = _match_name(table, str(text), PROVINCE_PREFIXES, "_province_keywords")
    if len(hits) > 1:
        raise UnknownProvinceError(text, *_ambiguity(hits, text, _describe_province))
    return None if hits.empty else _row_dict(hits.iloc[0])


def find_province(text, scheme: str = "current") -> dict:
    """Find a province by code or by name (accent-insensitive, prefix optional).

    Parameters
    ----------
    text : str or int
        A code (``"1"``, ``"01"``, ``1``) or a name with or without accents and
        with or without "Tỉnh"/"Thành phố"/"TP" (``"ha noi"``, ``"TP Hồ Chí Minh"``,
        ``"hcm"`` — the package's keywords are accepted too).
    scheme : {"current", "legacy"}

    Returns
    -------
    dict
        The row of :func:`~ntmplan.survey.units.provinces` as a dict of plain values.

    Raises
    ------
    UnknownProvinceError
        If nothing matches (message "Không có tỉnh/thành phố … / unknown province …"),
        or the name matches several provinces (the message lists them). It is an
        :class:`~ntmplan.core.errors.InputError` carrying one problem, and also a
        ``KeyError`` and a ``ValueError``.
    ValueError
        If the scheme is unknown.
    """
    check_scheme(scheme)
    found = _province_or_none(text, scheme)
    if found is None:
        raise UnknownProvinceError(
            text,
            f"Không có tỉnh/thành phố {text!r} (xem `ntmplan provinces`)",
            f"unknown province {text!r} (see `ntmplan provinces`)",
        )
    return found


def find_commune(text, province_code=None, scheme: str = "current") -> dict | None:
    """Find a commune-level unit by code or name (accent-insensitive, prefix optional).

    Parameters
    ----------
    text : str or int
        A commune code (``"4"``, ``"00004"``) or a name with or without accents
        and with or without "Xã"/"Phường"/"Đặc khu"/"Thị trấn". In the legacy
        scheme ``"<commune>, <district>"`` narrows the search to one district.
    province_code : str, int or None
        Province code or name (see :func:`find_province`); ``None`` searches
        every province.
    scheme : {"current", "legacy"}

    Returns
    -------
    dict or None
        The row of :func:`~ntmplan.survey.units.current_units` /
        :func:`~ntmplan.survey.units.legacy_units` as a dict, or ``None`` if
        nothing matches (also when the province is unknown or the code belongs
        to another province).

    Raises
    ------
    ValueError
        If the name matches several units (the message lists them with their
        codes), or the scheme is unknown. A province name matching several
        provinces raises :class:`~ntmplan.core.errors.UnknownProvinceError`
        (a ``ValueError`` too).
    """
    table = _searchable(check_scheme(scheme))
    if province_code is not None:
        prov = _province_or_none(province_code, scheme)
        if prov is None:
            return None
        table = table[table["province_code"] == prov["province_code"]]
    if text is None:
        return None
    code = normalise_code(text, 5)
    if code is not None:
        hits = table[table["commune_code"] == code]
    else:
        name = str(text)
        if scheme == "legacy" and "," in name:
            name, district = (part.strip() for part in name.split(",", 1))
            wanted = strip_prefix(fold(district), DISTRICT_PREFIXES)
            table = table[table["_fold_district"] == wanted]
        hits = _match_name(table, name, COMMUNE_PREFIXES, "_commune_keywords")

    def describe(r) -> str:
        where = f", {r['district_name']}" if "district_name" in r else ""
        return f"{r['commune_code']} {r['commune_name']}{where}, {r['province_name']}"

    if len(hits) > 1:
        vi, en = _ambiguity(hits, text, describe)
        raise ValueError(f"{vi} / {en}")
    return None if hits.empty else _row_dict(hits.iloc[0])

"""Administrative units of Vietnam in both schemes, and the legacy → 2025 crosswalk.

Built read-only from the data shipped with the installed package
``vietnamadminunits`` (its ``data/dataset.db`` tables ``admin_units`` and
``admin_units_legacy``, and ``data/converter_2025.json``). The package itself is
not imported (its import parses large JSON files); only its data folder is
located.

- **current** scheme (from 1 Jul 2025): 34 provinces, 3,321 commune-level units
  (2,621 xã, 687 phường, 13 đặc khu), no district level.
- **legacy** scheme (until 30 Jun 2025): 63 provinces, 696 districts, 10,040
  units: 10,035 communes (7,695 xã, 1,724 phường, 616 thị trấn) and 5 island
  districts without a commune level (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
  Côn Đảo). Those 5 rows have ``commune_code`` and ``unit_type`` missing (NaN)
  and carry the district's name and coordinates.

Codes are zero-padded strings (province ``"01"``, commune ``"00004"``), names
are NFC, unit types lower-case Vietnamese. Results are cached; every public
function returns a fresh copy, so callers may modify what they get.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pandas as pd

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

#: Name prefixes dropped when matching names (accent-folded, lower case).
_PROVINCE_PREFIXES = ("thanh pho", "tinh", "tp")
_COMMUNE_PREFIXES = ("dac khu", "thi tran", "phuong", "xa", "huyen")
_DISTRICT_PREFIXES = ("thanh pho", "thi xa", "huyen", "quan", "tp")

_TYPE_COUNT_COLUMNS = {
    "xã": "n_xa",
    "phường": "n_phuong",
    "đặc khu": "n_dac_khu",
    "thị trấn": "n_thi_tran",
}


# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Fold a name for comparison: lower case, no accents, ``đ`` → ``d``, single spaces.

    Parameters
    ----------
    text : str
        Any text (Vietnamese or not).

    Returns
    -------
    str
        ASCII lower-case words separated by single spaces
        (``"Thành phố Hồ Chí Minh"`` → ``"thanh pho ho chi minh"``).
    """
    text = unicodedata.normalize("NFC", str(text)).lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _strip_prefix(folded: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
            return folded[len(prefix) + 1 :]
    return folded


def _nfc(series: pd.Series) -> pd.Series:
    return series.str.normalize("NFC")


def _with_folded(frame: pd.DataFrame, full: str, short: str) -> pd.DataFrame:
    """Add accent-folded copies of the name columns, used for look-ups."""
    return frame.assign(
        _fold_full=frame[full].map(lambda t: fold(t) if isinstance(t, str) else ""),
        _fold_short=frame[short].map(lambda t: fold(t) if isinstance(t, str) else ""),
    )


def _check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise ValueError(
            f"Hệ mã không hợp lệ / unknown scheme {scheme!r}; dùng / use one of {SCHEMES}"
        )
    return scheme


def package_data_dir() -> Path:
    """Return the ``data`` folder of the installed ``vietnamadminunits`` package.

    Returns
    -------
    Path
        Folder holding ``dataset.db`` and ``converter_2025.json``.

    Raises
    ------
    ModuleNotFoundError
        If the package is not installed.
    """
    spec = importlib.util.find_spec("vietnamadminunits")  # locates without importing
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "Chưa cài gói vietnamadminunits / package vietnamadminunits is not installed"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


_COLUMNS = {
    "admin_units": (
        "province provinceShort provinceCode provinceKey provinceKeywords "
        "ward wardShort wardType wardCode wardLat wardLon wardAreaKm2 wardKey wardKeywords"
    ),
    "admin_units_legacy": (
        "province provinceShort provinceCode provinceKey provinceKeywords "
        "district districtShort districtCode districtKey districtLat districtLon "
        "ward wardShort wardType wardCode wardLat wardLon wardKey wardKeywords"
    ),
}


def _read_table(table: str) -> pd.DataFrame:
    db = package_data_dir() / "dataset.db"
    uri = db.resolve().as_uri() + "?mode=ro"
    columns = ", ".join(f"[{c}]" for c in _COLUMNS[table].split())
    with sqlite3.connect(uri, uri=True) as conn:
        return pd.read_sql_query(f"SELECT {columns} FROM [{table}]", conn)  # noqa: S608 - fixed names


@functools.lru_cache(maxsize=1)
def _converter() -> dict:
    path = package_data_dir() / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- unit tables


@functools.lru_cache(maxsize=1)
def _current() -> pd.DataFrame:
    raw = _read_table("admin_units")
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
def _legacy() -> pd.DataFrame:
    raw = _read_table("admin_units_legacy")
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


def _public(frame: pd.DataFrame) -> pd.DataFrame:
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
    return _public(_current())


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
    return _public(_legacy())


def _units(scheme: str) -> pd.DataFrame:
    return _current() if _check_scheme(scheme) == "current" else _legacy()


@functools.lru_cache(maxsize=2)
def _searchable(scheme: str) -> pd.DataFrame:
    """The units of a scheme with accent-folded names, for look-ups (built on first use)."""
    out = _with_folded(_units(scheme), "commune_name", "commune_short")
    if "district_name" in out.columns:
        out["_fold_district"] = out["district_name"].map(
            lambda t: _strip_prefix(fold(t), _DISTRICT_PREFIXES)
        )
    return out


def slugify(text: str) -> str:
    """Return an ASCII, hyphenated slug (``"Bà Rịa - Vũng Tàu"`` → ``"ba-ria-vung-tau"``).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return fold(text).replace(" ", "-")


@functools.lru_cache(maxsize=2)
def _provinces(scheme: str) -> pd.DataFrame:
    units = _units(scheme)
    first = units.drop_duplicates("province_code")[
        ["province_code", "province_name", "province_short", "_province_keywords"]
    ]
    out = first.assign(slug=first["province_short"].map(slugify)).reset_index(drop=True)
    counts = units.groupby("province_code").size().rename("n_units")
    types = [t for t in _TYPE_COUNT_COLUMNS if units["unit_type"].eq(t).any()]
    by_type = (
        pd.crosstab(units["province_code"], units["unit_type"])
        .reindex(columns=types, fill_value=0)
        .rename(columns=_TYPE_COUNT_COLUMNS)
    )
    out = out.join(counts, on="province_code").join(by_type, on="province_code")
    cols = ["province_code", "province_name", "province_short", "slug", "n_units", *by_type.columns]
    cols.append("_province_keywords")
    out = _with_folded(out, "province_name", "province_short")
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
    return _public(_provinces(_check_scheme(scheme)))


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
    total = ", ".join(f"{c}: {int(table[c].sum()):,}".replace(",", ".") for c in counts)
    body = table.to_string(index=False)
    return f"{title}\n{body}\n{len(table)} tỉnh, thành phố / provinces — {total}"


def _province_row(code: str, scheme: str) -> pd.Series | None:
    table = _provinces(scheme)
    hit = table[table["province_code"] == code]
    return None if hit.empty else hit.iloc[0]


def _normalise_code(value, width: int) -> str | None:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        return None
    return text.zfill(width)


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
    ValueError
        For an unknown code or scheme.
    """
    norm = _normalise_code(code, 2)
    row = None if norm is None else _province_row(norm, _check_scheme(scheme))
    if row is None:
        raise ValueError(
            f"Không có mã tỉnh {code!r} / unknown province code {code!r} ({scheme}); xem / see `ntmplan provinces`"
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
    ValueError
        For an unknown code or scheme.
    """
    slug = province_slug(code, scheme)
    return f"{_normalise_code(code, 2)}-{slug}"


def _keywords(raw) -> set[str]:
    if not isinstance(raw, str):
        return set()
    try:
        return {str(k) for k in json.loads(raw)}
    except json.JSONDecodeError:
        return set()


def _pick(hits: pd.DataFrame, text, describe) -> dict | None:
    if hits.empty:
        return None
    if len(hits) > 1:
        listing = "; ".join(describe(r) for _, r in hits.iterrows())
        raise ValueError(
            f"Tên {text!r} khớp nhiều đơn vị, hãy dùng mã / ambiguous name {text!r}, use a code: {listing}"
        )
    row = hits.iloc[0]
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
        hits = table[table["_fold_short"] == _strip_prefix(folded, prefixes)]
    if hits.empty:
        squashed = folded.replace(" ", "")
        hits = table[table[keywords].map(lambda raw: squashed in _keywords(raw))]
    return hits


def find_province(text, scheme: str = "current") -> dict | None:
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
    dict or None
        The row of :func:`provinces` as a dict, or ``None`` if nothing matches.

    Raises
    ------
    ValueError
        If the name matches several provinces (the message lists them), or the
        scheme is unknown.
    """
    _check_scheme(scheme)
    if text is None:
        return None
    code = _normalise_code(text, 2)
    table = _provinces(scheme)
    if code is not None:
        hits = table[table["province_code"] == code]
    else:
        hits = _match_name(table, str(text), _PROVINCE_PREFIXES, "_province_keywords")
    return _pick(hits, text, lambda r: f"{r['province_code']} {r['province_name']}")


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
        The row of :func:`current_units` / :func:`legacy_units` as a dict, or
        ``None`` if nothing matches (also when the province is unknown or the
        code belongs to another province).

    Raises
    ------
    ValueError
        If the name matches several units (the message lists them with their
        codes), or the scheme is unknown.
    """
    table = _searchable(_check_scheme(scheme))
    if province_code is not None:
        prov = find_province(province_code, scheme)
        if prov is None:
            return None
        table = table[table["province_code"] == prov["province_code"]]
    if text is None:
        return None
    code = _normalise_code(text, 5)
    if code is not None:
        hits = table[table["commune_code"] == code]
    else:
        name = str(text)
        if scheme == "legacy" and "," in name:
            name, district = (part.strip() for part in name.split(",", 1))
            wanted = _strip_prefix(fold(district), _DISTRICT_PREFIXES)
            table = table[table["_fold_district"] == wanted]
        hits = _match_name(table, name, _COMMUNE_PREFIXES, "_commune_keywords")

    def describe(r) -> str:
        where = f", {r['district_name']}" if "district_name" in r else ""
        return f"{r['commune_code']} {r['commune_name']}{where}, {r['province_name']}"

    return _pick(hits, text, describe)


# --------------------------------------------------------------------------- crosswalk

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
    conv = _converter()
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
    cur = _current()
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
    leg = _legacy()
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
    conv = _converter()
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


def _cli() -> None:  # pragma: no cover - convenience
    print(provinces_table_text("current"))


if __name__ == "__main__":  # pragma: no cover
    _cli()

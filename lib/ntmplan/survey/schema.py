"""The commune survey table: one declarative schema, its checks and its data dictionary.

Every column of DESIGN.md's survey table is described once in :data:`FIELDS`
(name, kind, Vietnamese label, English description, unit, rule). From that
description this module builds

- the header lookup used by :func:`ntmplan.survey.reading.read_table` (Vietnamese labels
  or English names, case- and accent-insensitive);
- the parsing of the strings read from CSV/XLSX into typed values, with an
  explanation for every cell that cannot be parsed;
- a pandera ``DataFrameSchema`` holding the per-column and cross-column
  checks, whose failure cases are turned into :class:`ntmplan.core.errors.Problem`;
- the reference rules against the administrative units (``ntmplan.survey.units``);
- the data dictionary (:func:`data_dictionary`) and the Excel template's lists.

Accepted spellings (documented in the data dictionary too):

- codes: digits; shorter codes are zero-padded (Excel drops leading zeros:
  ``1`` → ``"01"``, ``4`` → ``"00004"``);
- yes/no columns: ``survey.yes_values`` / ``survey.no_values`` in params
  (by default 1/0, có/không, x/–, yes/no, true/false, đạt/chưa đạt);
  an empty cell is *missing*, not "no";
- counts: whole numbers (``12`` or ``12.0``);
- shares: a number 0–1 (``0.65`` or ``0,65``) or a percentage written with
  ``%`` (``65%``); a bare number between 1 and ``survey.share_percent_max``
  is reported as a probable percentage;
- enumerations: the code (``dat_chuan``) or its label, case- and
  accent-insensitive.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.survey.units import fold

# ---------------------------------------------------------------- the declarative schema

#: Kinds of column: how a cell is parsed and which dtype it gets.
KINDS = ("code", "text", "enum", "int", "share", "bool", "year")


@dataclass(frozen=True)
class Field:
    """One column of the survey table.

    Parameters
    ----------
    name : str
        English snake_case column name (DESIGN.md).
    kind : str
        One of :data:`KINDS`.
    label_vi : str
        Vietnamese label (template header, data dictionary).
    description_en : str
        English description.
    unit_vi : str
        Unit, Vietnamese / English.
    minimum : int or None
        Smallest allowed value of an ``int`` column.
    at_most : tuple of str
        Columns this one must not exceed (cross-column rules).
    at_least : tuple of str
        Columns this one must not be below.
    width : int or None
        Number of digits of a ``code`` column.
    enum : str or None
        Name of the params list (in section ``survey``) of an ``enum`` column.
    optional : bool
        Whether an empty cell is allowed (it then reads as ``None``).
    """

    name: str
    kind: str
    label_vi: str
    description_en: str
    unit_vi: str = ""
    minimum: int | None = None
    at_most: tuple[str, ...] = ()
    at_least: tuple[str, ...] = ()
    width: int | None = None
    enum: str | None = None
    optional: bool = False


def _count(name, label, desc, unit, minimum=0, at_most=(), at_least=()):
    return Field(
        name, "int", label, desc, unit, minimum=minimum, at_most=at_most, at_least=at_least
    )


#: The survey table of DESIGN.md, in its column order (contract).
FIELDS: tuple[Field, ...] = (
    Field(
        "province_code",
        "code",
        "Mã tỉnh",
        "2-digit province code (2025 scheme unless scheme=legacy)",
        "mã / code",
        width=2,
    ),
    Field(
        "commune_code",
        "code",
        "Mã xã",
        "5-digit code of the commune-level unit",
        "mã / code",
        width=5,
    ),
    Field(
        "commune_name",
        "text",
        "Tên xã",
        "name of the commune-level unit as registered",
        "tên / name",
    ),
    Field(
        "unit_type",
        "enum",
        "Loại đơn vị",
        "unit type: xã / phường / đặc khu",
        "danh mục / list",
        enum="unit_types",
    ),
    Field("year", "year", "Năm khảo sát", "survey year", "năm / year"),
    _count("households", "Số hộ", "households", "hộ / households", minimum=1),
    _count(
        "population",
        "Số nhân khẩu",
        "residents",
        "người / persons",
        minimum=1,
        at_least=("households",),
    ),
    _count("villages", "Số thôn/bản/ấp", "villages (thôn, bản, ấp)", "thôn / villages", minimum=1),
    _count(
        "officials",
        "Số cán bộ công chức xã",
        "commune officials and civil servants",
        "người / persons",
        minimum=1,
    ),
    _count(
        "villages_fiber",
        "Số thôn có cáp quang",
        "villages with fixed broadband (fibre)",
        "thôn / villages",
        at_most=("villages",),
    ),
    _count(
        "villages_4g",
        "Số thôn phủ sóng 4G/5G",
        "villages covered by 4G/5G",
        "thôn / villages",
        at_most=("villages",),
    ),
    Field(
        "postal_point",
        "bool",
        "Đạt chỉ tiêu 8.1 (điểm phục vụ bưu chính)",
        "criterion 8.1 met (postal service point)",
        "có/không / yes/no",
    ),
    Field(
        "radio_it",
        "bool",
        "Đạt chỉ tiêu 8.3 (đài truyền thanh ứng dụng CNTT)",
        "criterion 8.3 met (IT-based loudspeaker radio reaching every village)",
        "có/không / yes/no",
    ),
    _count(
        "households_internet",
        "Số hộ có kết nối Internet",
        "households with an internet connection",
        "hộ / households",
        at_most=("households",),
    ),
    _count(
        "households_smart_device",
        "Số hộ có thiết bị thông minh",
        "households with a smart device",
        "hộ / households",
        at_most=("households",),
    ),
    _count(
        "households_internet_smart",
        "Số hộ có cả Internet và thiết bị thông minh",
        "households with both an internet connection and a smart device",
        "hộ / households",
        at_most=("households_internet", "households_smart_device"),
    ),
    _count(
        "officials_computer",
        "Số CBCC có máy tính kết nối Internet",
        "officials with an internet-connected computer",
        "người / persons",
        at_most=("officials",),
    ),
    _count(
        "officials_email",
        "Số CBCC dùng thư điện tử công vụ",
        "officials using official e-mail",
        "người / persons",
        at_most=("officials",),
    ),
    _count(
        "officials_eoffice",
        "Số CBCC dùng hệ thống quản lý văn bản và điều hành",
        "officials using the e-office system",
        "người / persons",
        at_most=("officials",),
    ),
    Field(
        "files_online_share",
        "share",
        "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
        "share of work files processed online (0–1)",
        "tỷ lệ 0–1 / share 0–1",
    ),
    Field(
        "criterion_8_4",
        "bool",
        "Đạt chỉ tiêu 8.4 (ứng dụng CNTT trong quản lý, điều hành)",
        "indicator 8.4 met (IT in management and administration)",
        "có/không / yes/no",
    ),
    _count(
        "digital_services",
        "Số dịch vụ thiết yếu trên nền tảng số",
        "essential services offered on a digital platform",
        "dịch vụ / services",
    ),
    _count(
        "community_tech_members",
        "Số thành viên tổ công nghệ số cộng đồng",
        "members of community technology teams",
        "người / persons",
    ),
    _count("cooperatives", "Số hợp tác xã", "cooperatives", "HTX / cooperatives"),
    _count(
        "cooperatives_digital",
        "Số HTX ứng dụng nền tảng số",
        "cooperatives using digital platforms",
        "HTX / cooperatives",
        at_most=("cooperatives",),
    ),
    _count("ocop_products", "Số sản phẩm OCOP", "OCOP products", "sản phẩm / products"),
    _count(
        "ocop_products_online",
        "Số sản phẩm OCOP bán trên sàn TMĐT",
        "OCOP products sold on e-commerce platforms",
        "sản phẩm / products",
        at_most=("ocop_products",),
    ),
    _count(
        "households_selling_online",
        "Số hộ bán hàng trực tuyến",
        "households selling online",
        "hộ / households",
        at_most=("households",),
    ),
    Field(
        "prominent_sector",
        "enum",
        "Lĩnh vực nổi trội (mã)",
        "outstanding sector (code from the params list survey.sectors)",
        "danh mục / list",
        enum="sectors",
        optional=True,
    ),
    _count(
        "digital_providers",
        "Số doanh nghiệp dịch vụ số có thể huy động",
        "digital service providers that can be mobilised",
        "doanh nghiệp / providers",
    ),
    Field(
        "dx_demand",
        "int",
        "Nhu cầu chuyển đổi số của lĩnh vực nổi trội (1–5)",
        "demand for DX in the prominent sector, 1 (low) – 5 (high)",
        "điểm 1–5 / score 1–5",
    ),
    Field(
        "ntm_level",
        "enum",
        "Mức đạt chuẩn nông thôn mới",
        "NTM recognition level",
        "danh mục / list",
        enum="ntm_levels",
    ),
    Field(
        "commune_category",
        "enum",
        "Nhóm xã phân bổ vốn",
        "allocation category (2026–2030 central-fund rule)",
        "danh mục / list",
        enum="commune_categories",
        optional=True,
    ),
)

#: Field by column name.
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

#: The survey columns, in order (contract).
COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS)

#: English column name → Vietnamese label (template header, exports).
LABELS: dict[str, str] = {f.name: f.label_vi for f in FIELDS}

#: Labels of the data dictionary's own columns.
DICTIONARY_LABELS: dict[str, str] = {
    "column": "Tên cột (tiếng Anh) / Column",
    "label_vi": "Tên cột tiếng Việt / Vietnamese label",
    "description_en": "Mô tả (tiếng Anh) / Description",
    "rule": "Quy tắc / Rule",
    "unit": "Đơn vị / Unit",
}

#: The note row that closes the data dictionary.
ILLUSTRATIVE_NOTE_VI = (
    "Bộ dữ liệu mẫu kèm theo (data/sample/…_du_lieu_minh_hoa.csv) là dữ liệu minh họa, "
    "sinh tự động trên danh mục đơn vị hành chính thật; không phải số liệu khảo sát thực tế."
)
ILLUSTRATIVE_NOTE_EN = (
    "The bundled sample (data/sample/…_du_lieu_minh_hoa.csv) is illustrative data generated "
    "on real administrative units; it is not real survey data."
)

#: Header of the note row in the data dictionary.
NOTE_COLUMN = "(ghi chú / note)"

#: Final dtypes of a validated survey frame.
_FINAL_DTYPES = {
    "code": "str",
    "text": "str",
    "enum": "str",
    "int": "int64",
    "year": "int64",
    "share": "float64",
    "bool": bool,
}

#: How each administrative scheme is named in messages (Vietnamese, English).
_SCHEME_NAMES = {
    "current": (
        "danh mục mới (34 tỉnh, từ 1/7/2025)",
        "current scheme (34 provinces, from 1 Jul 2025)",
    ),
    "legacy": (
        "danh mục cũ (63 tỉnh, trước 1/7/2025)",
        "legacy scheme (63 provinces, before 1 Jul 2025)",
    ),
}
SCHEMES = tuple(_SCHEME_NAMES)


# ---------------------------------------------------------------- small text helpers


def header_lookup() -> dict[str, str]:
    """Return folded header text → column name (English names and Vietnamese labels).

    Returns
    -------
    dict
        Keys are :func:`ntmplan.survey.units.fold` (lower case, no accents, words
        only) of each column name, Vietnamese label and ``"label / name"``;
        values are column names.
    """
    out: dict[str, str] = {}
    for f in FIELDS:
        for alias in (f.name, f.label_vi, f"{f.label_vi} / {f.name}", f"{f.label_vi} ({f.name})"):
            out[fold(alias)] = f.name
    return out


def column_for_header(text) -> str | None:
    """Return the survey column a header cell names, or None.

    Parameters
    ----------
    text : str or None

    Returns
    -------
    str or None
    """
    if text is None:
        return None
    return _HEADERS.get(fold(text))


_HEADERS = header_lookup()


# ---------------------------------------------------------------- params helpers


def _resolved(params: dict | None) -> dict:
    """The given params, or the defaults when None (resolved once per public call)."""
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def _survey_params(params: dict | None) -> dict:
    return _resolved(params)["survey"]


def allowed_values(field: str, params: dict | None = None, scheme: str = "current") -> list[str]:
    """Return the codes allowed in an enumerated column.

    Parameters
    ----------
    field : str
        ``unit_type``, ``ntm_level``, ``prominent_sector`` or ``commune_category``.
    params : dict, optional
        Resolved params (defaults when None).
    scheme : str
        ``current`` or ``legacy`` (changes the unit types).

    Returns
    -------
    list of str

    Raises
    ------
    KeyError
        If ``field`` is not an enumerated column.
    """
    sp = _survey_params(params)
    spec = FIELD_BY_NAME[field]
    if spec.kind != "enum":
        raise KeyError(field)
    key = spec.enum
    if field == "unit_type" and scheme == "legacy":
        key = "legacy_unit_types"
    values = sp[key]
    return list(values.keys()) if isinstance(values, dict) else list(values)


def enum_labels(field: str, params: dict | None = None, scheme: str = "current") -> dict[str, str]:
    """Return code → label of an enumerated column (the code itself when no label exists).

    Parameters
    ----------
    field : str
    params : dict, optional
    scheme : str

    Returns
    -------
    dict
    """
    sp = _survey_params(params)
    spec = FIELD_BY_NAME[field]
    labels = sp.get(spec.enum) if isinstance(sp.get(spec.enum), dict) else {}
    if field == "ntm_level":
        labels = sp.get("ntm_level_labels", {})
    return {code: labels.get(code, code) for code in allowed_values(field, params, scheme)}


def _enum_lookup(field: str, params: dict | None, scheme: str) -> dict[str, str]:
    """Folded code / label / Vietnamese part of the label → code."""
    out: dict[str, str] = {}
    for code, label in enum_labels(field, params, scheme).items():
        for alias in (label, label.split(" / ")[0], code):
            out[fold(alias)] = code
    return out


def _bool_lookup(params: dict | None) -> dict[str, bool]:
    sp = _survey_params(params)
    out = {fold(v): False for v in sp["no_values"]}
    out.update({fold(v): True for v in sp["yes_values"]})
    return out


def rule_text(field: Field, params: dict | None = None, scheme: str = "current") -> tuple[str, str]:
    """Return the rule of a column in Vietnamese and English (for the dictionary and messages).

    Parameters
    ----------
    field : Field
    params : dict, optional
    scheme : str

    Returns
    -------
    (str, str)
    """
    sp = _survey_params(params)
    vi: list[str] = []
    en: list[str] = []
    if field.kind == "code":
        vi.append(f"mã {field.width} chữ số, có trong danh mục đơn vị hành chính")
        en.append(f"{field.width}-digit code, present in the administrative units")
        if field.name == "commune_code":
            vi.append("thuộc tỉnh ở cột Mã tỉnh; không lặp lại trong cùng năm")
            en.append("belongs to the province in province_code; unique per year")
    elif field.kind == "text":
        vi.append("chữ, không để trống")
        en.append("text, not empty")
    elif field.kind == "enum":
        codes = ", ".join(allowed_values(field.name, params, scheme))
        vi.append(("để trống hoặc " if field.optional else "") + f"một trong: {codes}")
        en.append(("empty or " if field.optional else "") + f"one of: {codes}")
    elif field.kind == "year":
        vi.append(f"năm {sp['min_year']}–{sp['max_year']}")
        en.append(f"year {sp['min_year']}–{sp['max_year']}")
    elif field.kind == "bool":
        yes, no = ", ".join(sp["yes_values"]), ", ".join(sp["no_values"])
        vi.append(f"có/không — có: {yes}; không: {no}; không để trống")
        en.append(f"yes/no — yes: {yes}; no: {no}; not empty")
    elif field.kind == "share":
        vi.append("số thập phân 0–1 (ví dụ 0.65), hoặc phần trăm có dấu % (65%)")
        en.append("decimal 0–1 (e.g. 0.65), or a percentage with % (65%)")
    elif field.name == "dx_demand":
        vi.append(f"số nguyên {sp['dx_demand_min']}–{sp['dx_demand_max']}")
        en.append(f"whole number {sp['dx_demand_min']}–{sp['dx_demand_max']}")
    else:
        vi.append(f"số nguyên ≥ {field.minimum}")
        en.append(f"whole number ≥ {field.minimum}")
    for other in field.at_most:
        vi.append(f"≤ {LABELS[other]} ({other})")
        en.append(f"≤ {other}")
    for other in field.at_least:
        vi.append(f"≥ {LABELS[other]} ({other})")
        en.append(f"≥ {other}")
    return "; ".join(vi), "; ".join(en)


# ---------------------------------------------------------------- data dictionary


def data_dictionary(params: dict | None = None, scheme: str = "current") -> pd.DataFrame:
    """Return the survey's data dictionary, closed by a note that the bundled sample is illustrative.

    Parameters
    ----------
    params : dict, optional
        Resolved params (defaults when None): enumerations and ranges come from ``survey``.
    scheme : str
        ``current`` or ``legacy`` (unit types differ).

    Returns
    -------
    pandas.DataFrame
        Columns ``column, label_vi, description_en, rule, unit`` (labels in
        :data:`DICTIONARY_LABELS`); one row per survey column, then one note
        row whose ``column`` is :data:`NOTE_COLUMN`.
    """
    params = _resolved(params)
    rows = []
    for f in FIELDS:
        vi, en = rule_text(f, params, scheme)
        rows.append(
            {
                "column": f.name,
                "label_vi": f.label_vi,
                "description_en": f.description_en,
                "rule": f"{vi} / {en}",
                "unit": f.unit_vi,
            }
        )
    rows.append(
        {
            "column": NOTE_COLUMN,
            "label_vi": ILLUSTRATIVE_NOTE_VI,
            "description_en": ILLUSTRATIVE_NOTE_EN,
            "rule": "",
            "unit": "",
        }
    )
    return pd.DataFrame(rows, columns=list(DICTIONARY_LABELS))


# ---------------------------------------------------------------- raw frame → strings


def _as_text(raw: pd.DataFrame, clean: bool = False) -> pd.DataFrame:
    """Return ``raw`` as an object frame of stripped NFC strings or None (typed input is accepted).

    ``clean=True`` says text cells are already stripped and NFC (frames from read_table).
    """
    out = (
        raw.astype(object)
        if clean
        else pd.DataFrame(index=raw.index, columns=list(raw.columns), dtype=object)
    )
    if clean:
        return out.where(out.notna(), None)
    generic = []
    for j in range(raw.shape[1]):
        s = raw.iloc[:, j]
        if pd.api.types.is_bool_dtype(s.dtype):
            out.iloc[:, j] = s.map(
                lambda v: None if pd.isna(v) else ("true" if v else "false")
            ).astype(object)
        elif pd.api.types.is_integer_dtype(s.dtype):
            out.iloc[:, j] = s.astype("string").astype(object)
        elif pd.api.types.is_float_dtype(s.dtype):
            out.iloc[:, j] = s.map(_float_text).astype(object)
        else:
            generic.append(j)
    if generic:
        out.iloc[:, generic] = raw.iloc[:, generic].astype(object).map(_cell_text)
    return out.where(out.notna(), None)


def _float_text(v) -> str | None:
    if v is None or pd.isna(v):
        return None
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return format(v, ".15g")


def _cell_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float):
        return _float_text(v)
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    text = unicodedata.normalize("NFC", str(v)).strip()
    return text or None


# ---------------------------------------------------------------- parsing (strings → typed)

_DATE_RE = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}-[A-Za-z]{3}(?:-\d{2,4})?"
_THOUSANDS_RE = r"\d{1,3}(?:[.,  ]\d{3})+"
_NUMBER_RE = r"[+-]?(?:\d{1,15}(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?"


@dataclass
class _Found:
    """Problems found while parsing one column: a mask of rows and one message pair each."""

    mask: pd.Series
    rule_vi: str
    rule_en: str
    severity: str = "error"


def _matches(txt: pd.Series, pattern: str) -> pd.Series:
    """Boolean mask of the cells fully matching ``pattern`` (missing cells: False)."""
    if not len(txt):
        return pd.Series(False, index=txt.index)
    return txt.str.fullmatch(pattern).fillna(False).astype(bool)


def _parse_int(txt: pd.Series, label: str) -> tuple[pd.Series, list[_Found]]:
    present = txt.notna()
    num = pd.to_numeric(txt, errors="coerce").astype("float64")
    ok = present & np.isfinite(num) & (num == np.floor(num)) & (num.abs() < 1e15)
    values = num.where(ok).astype("Int64")
    bad = present & ~ok
    if not bad.any():
        return values, []
    sub = txt[bad]
    too_large = bad & np.isfinite(num) & (num.abs() >= 1e15)
    is_date = _matches(sub, _DATE_RE).reindex(txt.index, fill_value=False)
    is_thousands = ~is_date & _matches(sub, _THOUSANDS_RE).reindex(txt.index, fill_value=False)
    is_decimal = (
        ~too_large
        & ~is_date
        & ~is_thousands
        & _matches(sub, _NUMBER_RE).reindex(txt.index, fill_value=False)
    )
    other = bad & ~too_large & ~is_date & ~is_thousands & ~is_decimal
    found = [
        _Found(too_large, f"«{label}»: số quá lớn", "number too large"),
        _Found(
            is_date,
            f"«{label}» là số nguyên nhưng ô có giá trị ngày tháng — có lẽ Excel đã tự đổi số thành ngày; hãy định dạng cột là Số (Number) và nhập lại",
            "a whole number is expected but the cell holds a date — Excel probably turned the number into a date; format the column as Number and re-enter it",
        ),
        _Found(
            is_thousands,
            f"«{label}» phải là số nguyên, không dùng dấu phân cách hàng nghìn (viết 1234, không viết 1.234)",
            "must be a whole number without thousands separators (write 1234, not 1,234)",
        ),
        _Found(
            is_decimal,
            f"«{label}» phải là số nguyên (không có phần thập phân)",
            "must be a whole number (no decimals)",
        ),
        _Found(
            other,
            f"«{label}» phải là số nguyên, ô đang chứa chữ",
            "must be a whole number; the cell holds text",
        ),
    ]
    return values, found


def _parse_share(txt: pd.Series, label: str, percent_max: float) -> tuple[pd.Series, list[_Found]]:
    present = txt.notna()
    pct = _matches(txt, r"\s*" + _NUMBER_RE + r"\s*%")
    plain = ~pct & _matches(txt, _NUMBER_RE)
    number = txt.str.replace("%", "", regex=False).str.strip()
    has_comma = _matches(number, r".*,.*")
    has_dot = _matches(number, r".*\..*")
    number = number.where(
        ~(has_comma & ~has_dot), number.str.replace(",", ".", regex=False)
    )  # 0,65 → 0.65
    number = number.where(~(has_comma & has_dot))  # 1,234.5 → not a share
    values = pd.to_numeric(number.where(pct | plain), errors="coerce").astype("Float64")
    values = values.where(~pct, values / 100.0)
    unparsed = present & (values.isna())
    is_date = unparsed & _matches(txt, _DATE_RE)
    percentish = plain & (values > 1).fillna(False) & (values <= percent_max).fillna(False)
    values = values.where(~percentish)
    found = [
        _Found(
            percentish,
            f"«{label}» là tỷ lệ 0–1 nhưng giá trị lớn hơn 1 — có lẽ đã nhập theo phần trăm; hãy nhập 65% thành 0.65 (hoặc viết kèm dấu %)",
            "a share 0–1 is expected but the value is above 1 — probably a percentage; enter 65% as 0.65 (or write the % sign)",
        ),
        _Found(
            is_date,
            f"«{label}» là tỷ lệ 0–1 nhưng ô có giá trị ngày tháng — hãy định dạng cột là Số (Number)",
            "a share 0–1 is expected but the cell holds a date — format the column as Number",
        ),
        _Found(
            unparsed & ~is_date,
            f"«{label}» phải là số thập phân 0–1 (ví dụ 0.65), ô đang chứa chữ",
            "must be a decimal 0–1 (e.g. 0.65); the cell holds text",
        ),
    ]
    return values, found


def _parse_code(txt: pd.Series, width: int) -> pd.Series:
    digits = _matches(txt, r"\d+")
    short = digits & (txt.str.len() < width)
    return txt.where(~short, txt.str.zfill(width))


def _parse_lookup(txt: pd.Series, lookup: dict) -> pd.Series:
    """Map present cells through a folded lookup; unknown cells keep their text."""
    uniq = pd.unique(txt.dropna())
    mapping = {v: lookup.get(fold(v), v) for v in uniq}
    return txt.map(mapping)


def _parse_column(
    field: Field, txt: pd.Series, params: dict | None, scheme: str
) -> tuple[pd.Series, list[_Found]]:
    """Return the typed (nullable) column and the parse problems of one column."""
    sp = _survey_params(params)
    label = field.label_vi
    if field.kind == "code":
        return _parse_code(txt, field.width).astype(object), []
    if field.kind == "text":
        return txt.astype(object), []
    if field.kind == "enum":
        return _parse_lookup(txt, _enum_lookup(field.name, params, scheme)).astype(object), []
    if field.kind in ("int", "year"):
        return _parse_int(txt, label)
    if field.kind == "share":
        return _parse_share(txt, label, float(sp["share_percent_max"]))
    if field.kind == "bool":
        mapped = _parse_lookup(txt, _bool_lookup(params))
        ok = mapped.map(lambda v: isinstance(v, bool))
        bad = txt.notna() & ~ok
        yes = ", ".join(sp["yes_values"][:4])
        no = ", ".join(sp["no_values"][:4])
        found = [
            _Found(
                bad,
                f"«{label}» phải là có/không (có: {yes}; không: {no})",
                f"must be yes/no (yes: {yes}; no: {no})",
            )
        ]
        return mapped.where(ok, None).astype("boolean"), found
    raise ValueError(f"unknown kind {field.kind!r}")  # pragma: no cover - FIELDS is fixed


# ---------------------------------------------------------------- pandera schema


def _dtype(field: Field) -> str:
    return {
        "code": "object",
        "text": "object",
        "enum": "object",
        "int": "Int64",
        "year": "Int64",
        "share": "Float64",
        "bool": "boolean",
    }[field.kind]


def _column_checks(field: Field, params: dict | None, scheme: str) -> list[tuple[object, str, str]]:
    """Return (pandera Check, rule_vi, rule_en) for one column."""
    import pandera.pandas as pa

    sp = _survey_params(params)
    label = field.label_vi
    out = []
    if field.kind == "code":
        out.append(
            (
                pa.Check.str_matches(rf"^\d{{{field.width}}}$"),
                f"«{label}» phải là mã gồm {field.width} chữ số",
                f"must be a {field.width}-digit code",
            )
        )
    elif field.kind == "enum":
        allowed = allowed_values(field.name, params, scheme)
        out.append(
            (
                pa.Check.isin(allowed),
                f"«{label}» phải là một trong: {', '.join(allowed)}",
                f"must be one of: {', '.join(allowed)}",
            )
        )
    elif field.kind == "year":
        lo, hi = sp["min_year"], sp["max_year"]
        out.append(
            (
                pa.Check.in_range(lo, hi),
                f"«{label}» phải trong khoảng {lo}–{hi}",
                f"must be between {lo} and {hi}",
            )
        )
    elif field.kind == "share":
        out.append(
            (
                pa.Check.in_range(0.0, 1.0),
                f"«{label}» phải trong khoảng 0–1",
                "must be between 0 and 1",
            )
        )
    elif field.name == "dx_demand":
        lo, hi = sp["dx_demand_min"], sp["dx_demand_max"]
        out.append(
            (
                pa.Check.in_range(lo, hi),
                f"«{label}» phải từ {lo} đến {hi}",
                f"must be between {lo} and {hi}",
            )
        )
    elif field.kind == "int":
        m = field.minimum
        extra_vi = " (không được âm)" if m == 0 else ""
        out.append((pa.Check.ge(m), f"«{label}» phải ≥ {m}{extra_vi}", f"must be ≥ {m}"))
    return out


def _relations() -> list[tuple[str, str, str]]:
    """Return the cross-column rules as (column, op, other) with op ``le`` or ``ge``."""
    rel = [(f.name, "le", o) for f in FIELDS for o in f.at_most]
    rel += [(f.name, "ge", o) for f in FIELDS for o in f.at_least]
    return rel


def _relation_check(col: str, op: str, other: str):
    import pandera.pandas as pa

    def check(df: pd.DataFrame) -> pd.Series:
        a, b = df[col], df[other]
        bad = (a > b) if op == "le" else (a < b)
        return ~bad.fillna(False).astype(bool)

    return pa.Check(check, name=f"{op}:{col}:{other}")


def build_schema(
    params: dict | None = None, scheme: str = "current", columns: list[str] | None = None
):
    """Build the pandera schema of the typed (nullable) survey frame.

    Parameters
    ----------
    params : dict, optional
    scheme : str
    columns : list of str, optional
        The columns present (rules about absent columns are left out).

    Returns
    -------
    (pandera.DataFrameSchema, dict)
        The schema and a map from ``(column, check_number)`` or a frame-check
        name to ``(rule_vi, rule_en)``.
    """
    import pandera.pandas as pa

    params = _resolved(params)
    present = set(COLUMNS if columns is None else columns)
    cols = {}
    rules: dict = {}
    for f in FIELDS:
        if f.name not in present:
            continue
        checks = _column_checks(f, params, scheme)
        for i, (_, vi, en) in enumerate(checks):
            rules[(f.name, i)] = (vi, en)
        cols[f.name] = pa.Column(_dtype(f), [c for c, _, _ in checks], nullable=True, required=True)
    frame_checks = []
    for col, op, other in _relations():
        if col in present and other in present:
            frame_checks.append(_relation_check(col, op, other))
            word_vi = "không được lớn hơn" if op == "le" else "không được nhỏ hơn"
            word_en = "must not exceed" if op == "le" else "must not be below"
            rules[f"{op}:{col}:{other}"] = (
                f"«{LABELS[col]}» {word_vi} «{LABELS[other]}»",
                f"{col} {word_en} {other}",
            )
    return pa.DataFrameSchema(cols, checks=frame_checks, strict=False), rules


# ---------------------------------------------------------------- validation


def _row_numbers(raw: pd.DataFrame) -> pd.Index:
    """Excel row numbers of ``raw``'s rows (the index from read_table, else position + 2)."""
    if raw.index.name == "excel_row":
        return pd.Index(raw.index.astype("int64"), name="excel_row")
    return pd.RangeIndex(2, 2 + len(raw), name="excel_row")


def _final_dtype(field: Field):
    """dtype of a column in the validated frame (optional columns hold None, so object)."""
    return object if field.optional else _FINAL_DTYPES[field.kind]


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({f.name: pd.Series(dtype=_final_dtype(f)) for f in FIELDS})


def _rename_headers(raw: pd.DataFrame) -> pd.DataFrame:
    """Rename label headers to column names (a second header naming the same column is left as is)."""
    used = {c for c in raw.columns if c in FIELD_BY_NAME}
    mapping = {}
    for c in raw.columns:
        name = column_for_header(c) if isinstance(c, str) and c not in FIELD_BY_NAME else None
        if name is not None and name not in used:
            mapping[c] = name
            used.add(name)
    return raw.rename(columns=mapping)


def validate_survey(
    raw: pd.DataFrame, scheme: str = "current", file: str | None = None, params: dict | None = None
):
    """Type and check a survey table, collecting every problem in one pass.

    Parameters
    ----------
    raw : pandas.DataFrame
        The table as read by :func:`ntmplan.survey.reading.read_table` (strings, index =
        Excel row numbers named ``excel_row``) or any frame with the survey
        columns (row numbers are then position + 2). Typed columns are accepted.
        Problems noted while reading (``raw.attrs["problems"]``) are included.
    scheme : str
        ``current`` (2025 units) or ``legacy`` (63 provinces).
    file : str, optional
        File name for the problems (defaults to ``raw.attrs["file"]``).
    params : dict, optional
        Resolved params; the ``survey`` section is used (defaults when None).

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        The typed frame — exactly the survey columns, codes ``str``, yes/no
        ``bool``, counts ``int64``, shares ``float64``, optional enums ``str``
        or None, a fresh RangeIndex — without the rows that have an error; and
        every problem (errors and warnings), sorted by row then column.

    Raises
    ------
    ValueError
        If ``scheme`` is not ``current`` or ``legacy``.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {SCHEMES}")
    params = _resolved(params)
    file = file if file is not None else raw.attrs.get("file")
    problems: list[Problem] = list(raw.attrs.get("problems", []))
    rows = _row_numbers(raw)
    raw = _rename_headers(raw)
    text = _as_text(raw, clean="header_row" in raw.attrs)
    text.index = rows
    header_row = int(raw.attrs.get("header_row", 1))

    # -- columns: unknown (warning), missing (error, or warning for optional columns)
    for c in text.columns:
        if c not in FIELD_BY_NAME:
            problems.append(
                Problem(
                    file,
                    header_row,
                    str(c),
                    None,
                    "Cột không có trong mẫu khảo sát; sẽ bị bỏ qua",
                    "unknown column; it is ignored",
                    "warning",
                )
            )
    missing = [f for f in FIELDS if f.name not in text.columns]
    for f in missing:
        if f.optional:
            problems.append(
                Problem(
                    file,
                    header_row,
                    f.name,
                    None,
                    f"Thiếu cột «{f.label_vi}»; coi như để trống",
                    "optional column missing; read as empty",
                    "warning",
                )
            )
        else:
            problems.append(
                Problem(
                    file,
                    header_row,
                    f.name,
                    None,
                    f"Thiếu cột bắt buộc «{f.label_vi}»",
                    "required column missing",
                )
            )
    if len(text) == 0:
        problems.append(
            Problem(
                file,
                None,
                None,
                None,
                "Tệp không có dòng dữ liệu nào (chỉ có tiêu đề hoặc rỗng)",
                "the file has no data rows",
            )
        )
    fatal = any(not f.optional for f in missing) or len(text) == 0
    if fatal:
        return _empty_frame(), _sorted(problems)
    for f in missing:
        text[f.name] = None

    # -- parse every column; explain what cannot be parsed
    typed = {}
    for f in FIELDS:
        txt = text[f.name]
        values, found = _parse_column(f, txt, params, scheme)
        typed[f.name] = values
        if not f.optional:
            found.append(_Found(txt.isna(), f"Thiếu giá trị «{f.label_vi}»", "missing value"))
        problems.extend(_problems_from_masks(found, f.name, txt, file))
    frame = pd.DataFrame(typed, index=rows)

    # -- pandera: per-column and cross-column checks, lazily
    problems.extend(_pandera_problems(frame, text, params, scheme, file, problems))
    problems.extend(_duplicate_problems(frame, text, file))
    problems.extend(_reference_problems(frame, text, params, scheme, file))

    # -- drop rows with errors, cast to the final dtypes
    bad_rows = [
        p.row
        for p in problems
        if p.severity == "error" and p.row is not None and p.row != header_row
    ]
    keep = ~frame.index.isin(bad_rows)
    out = frame.loc[keep].reset_index(drop=True)
    for f in FIELDS:
        dtype = _final_dtype(f)
        if dtype is object:
            out[f.name] = out[f.name].astype(object).where(out[f.name].notna(), None)
        else:
            out[f.name] = out[f.name].astype(dtype)
    return out[list(COLUMNS)], _sorted(problems)


def _problems_from_masks(found: list[_Found], column: str, txt: pd.Series, file) -> list[Problem]:
    out = []
    for item in found:
        hits = txt[item.mask.fillna(False).astype(bool)]
        out.extend(
            Problem(file, int(r), column, v, item.rule_vi, item.rule_en, item.severity)
            for r, v in hits.items()
        )
    return out


def _pandera_problems(
    frame: pd.DataFrame, text: pd.DataFrame, params, scheme, file, known: list[Problem]
) -> list[Problem]:
    """Run the pandera schema lazily and turn its failure cases into problems.

    ``known`` are the problems found so far (parse errors), used to leave out
    cross-column findings that only echo them.
    """
    import pandera.pandas as pa

    schema, rules = build_schema(params, scheme, list(frame.columns))
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
    out = []
    column_level = fc[fc["schema_context"] == "Column"]
    for (col, num, idx), _ in column_level.groupby(
        ["column", "check_number", "index"], sort=False, dropna=False
    ):
        vi, en = rules.get((col, int(num)) if pd.notna(num) else None, (None, None))
        if vi is None:
            vi = en = str(column_level[(column_level["column"] == col)]["check"].iloc[0])
        row = int(idx) if pd.notna(idx) else None
        value = text.at[row, col] if row is not None else None
        out.append(Problem(file, row, col, value, vi, en))
    # a cross-column rule is not reported when the cell it compares with is already wrong
    wrong = {(p.row, p.column) for p in out} | {
        (p.row, p.column) for p in known if p.severity == "error"
    }
    frame_level = fc[fc["schema_context"] == "DataFrameSchema"].drop_duplicates(["check", "index"])
    for name, idx in zip(frame_level["check"], frame_level["index"], strict=True):
        if name in rules:
            _, col, other = name.split(":")
            vi, en = rules[name]
            row = int(idx)
            if (row, other) in wrong:
                continue
            a, b = text.at[row, col], text.at[row, other]
            out.append(Problem(file, row, col, a, f"{vi} ({b})", f"{en} ({b})"))
        else:
            out.append(
                Problem(file, None if pd.isna(idx) else int(idx), None, None, str(name), str(name))
            )
    return out


def _duplicate_problems(frame: pd.DataFrame, text: pd.DataFrame, file) -> list[Problem]:
    keys = frame[["commune_code", "year"]]
    dup = keys.notna().all(axis=1) & keys.duplicated(keep=False)
    if not dup.any():
        return []
    d = keys[dup].copy()
    d["row"] = d.index
    groups = d.groupby(["commune_code", "year"])["row"].agg(
        lambda r: ", ".join(str(int(x)) for x in sorted(r))
    )
    out = []
    for row, code, year in zip(d.index, d["commune_code"], d["year"], strict=True):
        listed = groups[(code, year)]
        out.append(
            Problem(
                file,
                int(row),
                "commune_code",
                text.at[row, "commune_code"],
                f"Xã {code} xuất hiện nhiều lần trong năm {year} (các dòng {listed})",
                f"commune {code} appears more than once in {year} (rows {listed})",
            )
        )
    return out


def _units(scheme: str) -> pd.DataFrame:
    from ntmplan.survey import units

    return units.current_units() if scheme == "current" else units.legacy_units()


def _reference_problems(
    frame: pd.DataFrame, text: pd.DataFrame, params, scheme: str, file
) -> list[Problem]:
    """Province and commune codes against the units of the chosen scheme (and the other one)."""
    other_scheme = "legacy" if scheme == "current" else "current"
    ref, other = _units(scheme), _units(other_scheme)
    this_vi, this_en = _SCHEME_NAMES[scheme]
    other_vi, other_en = _SCHEME_NAMES[other_scheme]
    prov, comm = frame["province_code"], frame["commune_code"]
    valid_prov = _matches(prov, r"\d{2}")
    valid_comm = _matches(comm, r"\d{5}")
    key = prov.fillna("") + "|" + comm.fillna("")
    ref_keys = pd.Index(ref["province_code"] + "|" + ref["commune_code"])
    oth_keys = pd.Index(other["province_code"] + "|" + other["commune_code"])
    prov_known = prov.isin(ref["province_code"])
    prov_other = prov.isin(other["province_code"])
    comm_known = comm.isin(ref["commune_code"])
    comm_other = comm.isin(other["commune_code"])
    pair_ok = key.isin(ref_keys)
    pair_other = key.isin(oth_keys)
    hint_vi = (
        "hãy chuyển sang đơn vị 2025 (ntmplan convert-legacy) hoặc dùng danh mục cũ (--scheme legacy)"
        if scheme == "current"
        else "hãy dùng danh mục mới (--scheme current)"
    )
    hint_en = (
        "convert it to the 2025 units (ntmplan convert-legacy) or use the legacy scheme (--scheme legacy)"
        if scheme == "current"
        else "use the current scheme (--scheme current)"
    )
    out: list[Problem] = []

    def add(mask, column, vi, en, severity="error"):
        for row in frame.index[mask.fillna(False).astype(bool)]:
            out.append(Problem(file, int(row), column, text.at[row, column], vi, en, severity))

    bad_prov = valid_prov & ~prov_known
    add(
        bad_prov & prov_other,
        "province_code",
        f"Mã tỉnh này thuộc {other_vi}, không có trong {this_vi}; {hint_vi}",
        f"this province code belongs to the {other_en}, not the {this_en}; {hint_en}",
    )
    add(
        bad_prov & ~prov_other,
        "province_code",
        f"Mã tỉnh không có trong {this_vi}",
        f"unknown province code in the {this_en}",
    )
    bad_comm = valid_comm & ~comm_known
    add(
        bad_comm & comm_other,
        "commune_code",
        f"Mã xã này thuộc {other_vi}, không có trong {this_vi}; {hint_vi}",
        f"this commune code belongs to the {other_en}, not the {this_en}; {hint_en}",
    )
    add(
        bad_comm & ~comm_other,
        "commune_code",
        f"Mã xã không có trong {this_vi}",
        f"unknown commune code in the {this_en}",
    )
    # both codes exist but do not go together
    mismatch = valid_prov & valid_comm & prov_known & comm_known & ~pair_ok
    if mismatch.any():
        owner = ref.drop_duplicates("commune_code").set_index("commune_code")["province_code"]
        actual = comm.map(owner)
        add(
            mismatch & pair_other,
            "commune_code",
            f"Cặp mã tỉnh – mã xã này khớp {other_vi}, không khớp {this_vi}; {hint_vi}",
            f"this province–commune pair matches the {other_en}, not the {this_en}; {hint_en}",
        )
        for row in frame.index[(mismatch & ~pair_other).fillna(False).astype(bool)]:
            out.append(
                Problem(
                    file,
                    int(row),
                    "commune_code",
                    text.at[row, "commune_code"],
                    f"Xã {comm[row]} thuộc tỉnh {actual[row]}, không thuộc tỉnh {prov[row]}",
                    f"commune {comm[row]} belongs to province {actual[row]}, not {prov[row]}",
                )
            )
    # a file keyed by the other scheme: say it once, plainly
    share_other = (
        float(((bad_prov & prov_other) | (bad_comm & comm_other) | (mismatch & pair_other)).mean())
        if len(frame)
        else 0.0
    )
    if share_other >= float(_survey_params(params)["other_scheme_hint_share"]):
        out.append(
            Problem(
                file,
                None,
                None,
                f"{share_other:.0%}",
                f"Phần lớn mã trong tệp thuộc {other_vi}; {hint_vi}",
                f"most codes in the file belong to the {other_en}; {hint_en}",
            )
        )
    out.extend(_name_warnings(frame, text, ref, pair_ok, file))
    return out


def _name_warnings(frame, text, ref, pair_ok, file) -> list[Problem]:
    """Warn when a known commune's name or unit type differs from the reference."""
    if not pair_ok.any():
        return []
    refk = ref.drop_duplicates(["province_code", "commune_code"]).set_index(
        ["province_code", "commune_code"]
    )
    idx = pd.MultiIndex.from_arrays([frame["province_code"], frame["commune_code"]])

    def looked_up(column: str) -> pd.Series:
        return pd.Series(refk[column].reindex(idx).to_numpy(), index=frame.index)

    ref_name, ref_short, ref_type = (
        looked_up("commune_name"),
        looked_up("commune_short"),
        looked_up("unit_type"),
    )
    names = pd.unique(pd.concat([frame["commune_name"], ref_name, ref_short]).dropna())
    folded = {n: fold(n) for n in names}
    mine = frame["commune_name"].map(folded)
    bad_name = (
        pair_ok
        & frame["commune_name"].notna()
        & (mine != ref_name.map(folded))
        & (mine != ref_short.map(folded))
    )
    bad_type = (
        pair_ok
        & frame["unit_type"].isin(ref["unit_type"].dropna().unique())
        & ref_type.notna()
        & (frame["unit_type"] != ref_type)
    )
    out = []
    for row in frame.index[bad_name.fillna(False).astype(bool)]:
        out.append(
            Problem(
                file,
                int(row),
                "commune_name",
                text.at[row, "commune_name"],
                f"Tên xã khác danh mục («{ref_name[row]}»); hãy kiểm tra mã xã",
                f"name differs from the reference ('{ref_name[row]}'); check the commune code",
                "warning",
            )
        )
    for row in frame.index[bad_type.fillna(False).astype(bool)]:
        out.append(
            Problem(
                file,
                int(row),
                "unit_type",
                text.at[row, "unit_type"],
                f"Loại đơn vị khác danh mục («{ref_type[row]}»)",
                f"unit type differs from the reference ('{ref_type[row]}')",
                "warning",
            )
        )
    return out


def _sorted(problems: list[Problem]) -> list[Problem]:
    order = {c: i for i, c in enumerate(COLUMNS)}

    def key(p: Problem):
        return (
            p.row is not None,
            p.row or 0,
            order.get(p.column, len(order)),
            p.severity != "error",
        )

    return sorted(problems, key=key)

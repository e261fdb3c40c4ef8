"""Parsing the cells of a raw survey table (strings read from CSV/XLSX) into typed columns.

Every cell that cannot be parsed is explained: a :class:`Found` holds the rows
concerned and one message pair (Vietnamese, English).

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

from ntmplan.survey.schema.fields import Field
from ntmplan.survey.schema.rules import bool_lookup, enum_lookup, survey_params
from ntmplan.survey.units.text import fold


def as_text(raw: pd.DataFrame, clean: bool = False) -> pd.DataFrame:
    """Return ``raw`` as an object frame of stripped NFC strings or None (typed input is accepted).

    Parameters
    ----------
    raw : pandas.DataFrame
        The table as read, or a typed frame (bools become ``"true"``/``"false"``,
        whole floats lose their ``.0``).
    clean : bool
        True when text cells are already stripped and NFC (frames from read_table).

    Returns
    -------
    pandas.DataFrame
        Same index and columns, object dtype, ``str`` or None.
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
#: Digits grouped by thousands: dot, comma, space, or the no-break / narrow / thin spaces
#: that Excel and word processors insert (U+00A0, U+202F, U+2009).
_THOUSANDS_RE = "\\d{1,3}(?:[., \u00a0\u202f\u2009]\\d{3})+"
_NUMBER_RE = r"[+-]?(?:\d{1,15}(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?"


@dataclass
class Found:
    """Problems found while parsing one column: a mask of rows and one message pair each.

    Parameters
    ----------
    mask : pandas.Series
        True for the rows concerned.
    rule_vi, rule_en : str
        The message, in Vietnamese and English.
    severity : str
        ``"error"`` or ``"warning"``.
    """

    mask: pd.Series
    rule_vi: str
    rule_en: str
    severity: str = "error"


def matches(txt: pd.Series, pattern: str) -> pd.Series:
    """Return the boolean mask of the cells fully matching ``pattern`` (missing cells: False).

    Parameters
    ----------
    txt : pandas.Series
        Strings or None.
    pattern : str
        Regular expression.

    Returns
    -------
    pandas.Series
        bool, same index.
    """
    if not len(txt):
        return pd.Series(False, index=txt.index)
    return txt.str.fullmatch(pattern).fillna(False).astype(bool)


def _parse_int(txt: pd.Series, label: str) -> tuple[pd.Series, list[Found]]:
    present = txt.notna()
    num = pd.to_numeric(txt, errors="coerce").astype("float64")
    ok = present & np.isfinite(num) & (num == np.floor(num)) & (num.abs() < 1e15)
    values = num.where(ok).astype("Int64")
    bad = present & ~ok
    if not bad.any():
        return values, []
    sub = txt[bad]
    too_large = bad & np.isfinite(num) & (num.abs() >= 1e15)
    is_date = matches(sub, _DATE_RE).reindex(txt.index, fill_value=False)
    is_thousands = ~is_date & matches(sub, _THOUSANDS_RE).reindex(txt.index, fill_value=False)
    is_decimal = (
        ~too_large
        & ~is_date
        & ~is_thousands
        & matches(sub, _NUMBER_RE).reindex(txt.index, fill_value=False)
    )
    other = bad & ~too_large & ~is_date & ~is_thousands & ~is_decimal
    found = [
        Found(too_large, f"«{label}»: số quá lớn", "number too large"),
        Found(
            is_date,
            f"«{label}» là số nguyên nhưng ô có giá trị ngày tháng — có lẽ Excel đã tự đổi số thành ngày; hãy định dạng cột là Số (Number) và nhập lại",
            "a whole number is expected but the cell holds a date — Excel probably turned the number into a date; format the column as Number and re-enter it",
        ),
        Found(
            is_thousands,
            f"«{label}» phải là số nguyên, không dùng dấu phân cách hàng nghìn (viết 1234, không viết 1.234)",
            "must be a whole number without thousands separators (write 1234, not 1,234)",
        ),
        Found(
            is_decimal,
            f"«{label}» phải là số nguyên (không có phần thập phân)",
            "must be a whole number (no decimals)",
        ),
        Found(
            other,
            f"«{label}» phải là số nguyên, ô đang chứa chữ",
            "must be a whole number; the cell holds text",
        ),
    ]
    return values, found


def _parse_share(txt: pd.Series, label: str, percent_max: float) -> tuple[pd.Series, list[Found]]:
    present = txt.notna()
    pct = matches(txt, r"\s*" + _NUMBER_RE + r"\s*%")
    plain = ~pct & matches(txt, _NUMBER_RE)
    number = txt.str.replace("%", "", regex=False).str.strip()
    has_comma = matches(number, r".*,.*")
    has_dot = matches(number, r".*\..*")
    number = number.where(
        ~(has_comma & ~has_dot), number.str.replace(",", ".", regex=False)
    )  # 0,65 → 0.65
    number = number.where(~(has_comma & has_dot))  # 1,234.5 → not a share
    values = pd.to_numeric(number.where(pct | plain), errors="coerce").astype("Float64")
    values = values.where(~pct, values / 100.0)
    unparsed = present & (values.isna())
    is_date = unparsed & matches(txt, _DATE_RE)
    percentish = plain & (values > 1).fillna(False) & (values <= percent_max).fillna(False)
    values = values.where(~percentish)
    found = [
        Found(
            percentish,
            f"«{label}» là tỷ lệ 0–1 nhưng giá trị lớn hơn 1 — có lẽ đã nhập theo phần trăm; hãy nhập 65% thành 0,65 (hoặc viết kèm dấu %)",
            "a share 0–1 is expected but the value is above 1 — probably a percentage; enter 65% as 0.65 (or write the % sign)",
        ),
        Found(
            is_date,
            f"«{label}» là tỷ lệ 0–1 nhưng ô có giá trị ngày tháng — hãy định dạng cột là Số (Number)",
            "a share 0–1 is expected but the cell holds a date — format the column as Number",
        ),
        Found(
            unparsed & ~is_date,
            f"«{label}» phải là số thập phân 0–1 (ví dụ 0,65), ô đang chứa chữ",
            "must be a decimal 0–1 (e.g. 0.65); the cell holds text",
        ),
    ]
    return values, found


def _parse_code(txt: pd.Series, width: int) -> pd.Series:
    digits = matches(txt, r"\d+")
    short = digits & (txt.str.len() < width)
    return txt.where(~short, txt.str.zfill(width))


def _parse_lookup(txt: pd.Series, lookup: dict) -> pd.Series:
    """Map present cells through a folded lookup; unknown cells keep their text."""
    uniq = pd.unique(txt.dropna())
    mapping = {v: lookup.get(fold(v), v) for v in uniq}
    return txt.map(mapping)


def parse_column(
    field: Field, txt: pd.Series, params: dict | None, scheme: str
) -> tuple[pd.Series, list[Found]]:
    """Return the typed (nullable) column and the parse problems of one column.

    Parameters
    ----------
    field : Field
    txt : pandas.Series
        The column's cells as text (see :func:`as_text`).
    params : dict or None
        Resolved params (defaults when None).
    scheme : str
        ``current`` or ``legacy``.

    Returns
    -------
    (pandas.Series, list of Found)
        Nullable values (``Int64``, ``Float64``, ``boolean`` or object) and what could not be parsed.

    Raises
    ------
    ValueError
        For a field of unknown kind (never for :data:`FIELDS`).
    """
    sp = survey_params(params)
    label = field.label_vi
    if field.kind == "code":
        return _parse_code(txt, field.width).astype(object), []
    if field.kind == "text":
        return txt.astype(object), []
    if field.kind == "enum":
        return _parse_lookup(txt, enum_lookup(field.name, params, scheme)).astype(object), []
    if field.kind in ("int", "year"):
        return _parse_int(txt, label)
    if field.kind == "share":
        return _parse_share(txt, label, float(sp["share_percent_max"]))
    if field.kind == "bool":
        mapped = _parse_lookup(txt, bool_lookup(params))
        ok = mapped.map(lambda v: isinstance(v, bool))
        bad = txt.notna() & ~ok
        yes = ", ".join(sp["yes_values"][:4])
        no = ", ".join(sp["no_values"][:4])
        found = [
            Found(
                bad,
                f"«{label}» phải là có/không (có: {yes}; không: {no})",
                f"must be yes/no (yes: {yes}; no: {no})",
            )
        ]
        return mapped.where(ok, None).astype("boolean"), found
    raise ValueError(f"unknown kind {field.kind!r}")  # pragma: no cover - FIELDS is fixed

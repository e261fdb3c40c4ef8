"""Validating a survey table: type every cell and collect every problem in one pass.

:func:`validate_survey` is the one check of a survey: unknown and missing
columns, cells that cannot be parsed (:mod:`~ntmplan.survey.schema.parsing`),
the pandera per-column and cross-column checks (:mod:`~ntmplan.survey.schema.checks`),
duplicate communes, and the codes against the administrative units
(:mod:`~ntmplan.survey.schema.references`). Rows with an error are dropped.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.schema.checks import pandera_problems
from ntmplan.survey.schema.fields import COLUMNS, FIELD_BY_NAME, FIELDS, Field
from ntmplan.survey.schema.headers import column_for_header, rename_headers
from ntmplan.survey.schema.parsing import Found, as_text, parse_column
from ntmplan.survey.schema.references import SCHEMES, reference_problems

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
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {SCHEMES}")
    params = params_or_defaults(params)
    file = file if file is not None else raw.attrs.get("file")
    problems: list[Problem] = list(raw.attrs.get("problems", []))
    rows = _row_numbers(raw)
    raw = rename_headers(raw, FIELD_BY_NAME, column_for_header)
    text = as_text(raw, clean="header_row" in raw.attrs)
    text.index = rows
    header_row = int(raw.attrs.get("header_row", 1))

    missing = [f for f in FIELDS if f.name not in text.columns]
    problems.extend(_column_problems(text, missing, file, header_row))
    if any(not f.optional for f in missing) or len(text) == 0:
        return _empty_frame(), _sorted(problems)
    for f in missing:
        text[f.name] = None

    frame = _parsed(text, params, scheme, file, problems)
    problems.extend(pandera_problems(frame, text, params, scheme, file, problems))
    problems.extend(_duplicate_problems(frame, text, file))
    problems.extend(_other_sector_problems(frame, text, file))
    problems.extend(reference_problems(frame, text, params, scheme, file))
    final = {f.name: _final_dtype(f) for f in FIELDS}
    return without_error_rows(frame, problems, header_row, final), _sorted(problems)


def _column_problems(
    text: pd.DataFrame, missing: list[Field], file, header_row: int
) -> list[Problem]:
    """Unknown columns (warning), missing columns (error, or warning if optional), no data rows."""
    problems: list[Problem] = []
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
    return problems


def _parsed(text: pd.DataFrame, params, scheme: str, file, problems: list[Problem]) -> pd.DataFrame:
    """Parse every column; explain what cannot be parsed (appended to ``problems``)."""
    typed = {}
    for f in FIELDS:
        txt = text[f.name]
        values, found = parse_column(f, txt, params, scheme)
        typed[f.name] = values
        if not f.optional:
            found.append(Found(txt.isna(), f"Thiếu giá trị «{f.label_vi}»", "missing value"))
        problems.extend(_problems_from_masks(found, f.name, txt, file))
    return pd.DataFrame(typed, index=text.index)


def error_rows(problems: list[Problem], header_row: int) -> list[int]:
    """Return the rows (as seen in Excel) that hold an error, the header row not counted.

    Parameters
    ----------
    problems : list of Problem
    header_row : int
        Row of the header cells (a problem there is about a column, not a row).

    Returns
    -------
    list of int
        In the problems' order; a row may appear more than once.
    """
    return [
        p.row
        for p in problems
        if p.severity == "error" and p.row is not None and p.row != header_row
    ]


def without_error_rows(
    frame: pd.DataFrame, problems: list[Problem], header_row: int, dtypes: dict
) -> pd.DataFrame:
    """Drop the rows with an error and cast the columns to their final dtypes.

    Parameters
    ----------
    frame : pandas.DataFrame
        Typed rows, indexed by their row as seen in Excel.
    problems : list of Problem
    header_row : int
        See :func:`error_rows`.
    dtypes : dict
        Column → final dtype, in the output's column order; ``object`` columns hold
        None for a missing value.

    Returns
    -------
    pandas.DataFrame
        The columns of ``dtypes`` only, fresh RangeIndex.
    """
    out = frame.loc[~frame.index.isin(error_rows(problems, header_row))].reset_index(drop=True)
    for name, dtype in dtypes.items():
        if dtype is object:
            out[name] = out[name].astype(object).where(out[name].notna(), None)
        else:
            out[name] = out[name].astype(dtype)
    return out[list(dtypes)]


def _problems_from_masks(found: list[Found], column: str, txt: pd.Series, file) -> list[Problem]:
    out = []
    for item in found:
        hits = txt[item.mask.fillna(False).astype(bool)]
        out.extend(
            Problem(file, int(r), column, v, item.rule_vi, item.rule_en, item.severity)
            for r, v in hits.items()
        )
    return out


def _duplicate_problems(frame: pd.DataFrame, text: pd.DataFrame, file) -> list[Problem]:
    """A commune listed more than once in the same year (every row concerned)."""
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


def _other_sector_problems(frame: pd.DataFrame, text: pd.DataFrame, file) -> list[Problem]:
    """A warning where the outstanding sector is "khác" (other) but not written out."""
    other = frame["prominent_sector_other"]
    written = other.notna() & (other.astype("string").str.strip().fillna("") != "")
    rows = frame.index[(frame["prominent_sector"] == "khac").fillna(False).to_numpy() & ~written]
    return [
        Problem(
            file,
            int(row),
            "prominent_sector_other",
            text.at[row, "prominent_sector"],
            "Lĩnh vực nổi trội là «Khác»: hãy ghi rõ tên lĩnh vực ở cột «Lĩnh vực nổi trội khác "
            "(ghi rõ)»; nếu không, xã chưa đạt điều kiện lĩnh vực của mô hình thí điểm",
            "the outstanding sector is 'khac' (other): write the sector in prominent_sector_other; "
            "otherwise the commune does not meet the pilots' sector condition",
            "warning",
        )
        for row in rows
    ]


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Problems by row (file-level first), then column order, errors before warnings."""
    order = {c: i for i, c in enumerate(COLUMNS)}

    def key(p: Problem):
        return (
            p.row is not None,
            p.row or 0,
            order.get(p.column, len(order)),
            p.severity != "error",
        )

    return sorted(problems, key=key)

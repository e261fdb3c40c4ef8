"""Validating a village table: type every cell and collect every problem in one pass.

:func:`validate_villages` is the one check of village rows (``thon`` sheet or ``*_thon.csv``):
unknown and missing columns, cells that cannot be parsed, ranges and lists, counts that
exceed the households, duplicate villages, and each village against its commune (the commune
table of the same survey when given, else the 2025 units). Problems carry the file, sheet,
row (as seen in Excel), column and rule in Vietnamese and English.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.schema.headers import rename_headers
from ntmplan.survey.schema.parsing import as_text
from ntmplan.survey.schema.validation import error_rows, without_error_rows
from ntmplan.survey.villages.checks import (
    duplicate_rows,
    parse_villages,
    range_checks,
    relation_checks,
)
from ntmplan.survey.villages.fields import (
    VILLAGE_COLUMNS,
    VILLAGE_FIELD_BY_NAME,
    VILLAGE_FIELDS,
    village_column_for_header,
)
from ntmplan.survey.villages.references import commune_sheet_problems, total_warnings, unit_problems

_FINAL_DTYPES = {"code": "str", "text": "str", "int": "int64", "year": "int64", "bool": bool}


def empty_villages() -> pd.DataFrame:
    """Return an empty village table with the final dtypes.

    Returns
    -------
    pandas.DataFrame
    """
    return pd.DataFrame({f.name: pd.Series(dtype=_final_dtype(f)) for f in VILLAGE_FIELDS})


def _final_dtype(field):
    return object if field.optional or field.kind == "enum" else _FINAL_DTYPES[field.kind]


def _column_problems(text: pd.DataFrame, file, sheet, header_row: int) -> list[Problem]:
    out = [
        Problem(
            file,
            header_row,
            str(c),
            None,
            "Cột không có trong mẫu danh sách thôn; sẽ bị bỏ qua",
            "unknown column of the village table; it is ignored",
            "warning",
            sheet,
        )
        for c in text.columns
        if c not in VILLAGE_FIELD_BY_NAME
    ]
    for f in VILLAGE_FIELDS:
        if f.name in text.columns:
            continue
        if f.optional:
            vi, en, sev = (
                f"Thiếu cột «{f.label_vi}»; coi như để trống",
                "optional column missing; read as empty",
                "warning",
            )
        else:
            vi, en, sev = f"Thiếu cột bắt buộc «{f.label_vi}»", "required column missing", "error"
        out.append(Problem(file, header_row, f.name, None, vi, en, sev, sheet))
    return out


def _from_found(found: dict, text: pd.DataFrame, file, sheet) -> list[Problem]:
    out = []
    for column, items in found.items():
        for item in items:
            hits = text[column][
                item.mask.reindex(text.index, fill_value=False).fillna(False).astype(bool)
            ]
            out.extend(
                Problem(file, int(r), column, v, item.rule_vi, item.rule_en, item.severity, sheet)
                for r, v in hits.items()
            )
    return out


def _wrong_cells(problems: list[Problem], text: pd.DataFrame) -> pd.DataFrame:
    """bool frame: the cells with an error."""
    wrong = pd.DataFrame(False, index=text.index, columns=list(VILLAGE_COLUMNS))
    for p in problems:
        if p.severity == "error" and p.row in wrong.index and p.column in wrong.columns:
            wrong.at[p.row, p.column] = True
    return wrong


def validate_villages(
    raw: pd.DataFrame,
    *,
    communes: pd.DataFrame | None = None,
    file: str | None = None,
    sheet: str | None = None,
    params: dict | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Type and check a village table, collecting every problem in one pass.

    Parameters
    ----------
    raw : pandas.DataFrame
        The table as read by :func:`ntmplan.survey.reading.read_table` (strings, index =
        Excel rows named ``excel_row``) or any frame with the village columns (rows are then
        position + 2). Headers may be column names or Vietnamese labels. Problems noted while
        reading (``raw.attrs["problems"]``) are included.
    communes : pandas.DataFrame, optional
        The validated commune table of the same survey (every province and year): each
        village's commune must be in it for the village's year, in the same province, and the
        villages' totals are compared with the commune's (warnings). Without it, each commune
        code is checked against the 2025 units.
    file, sheet : str, optional
        Where the table was read (defaults to ``raw.attrs["file"]``), for the problems.
    params : dict, optional
        Resolved params; the ``survey`` section is used (defaults when None).

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        The typed table — exactly :data:`VILLAGE_COLUMNS`; codes and names ``str``; counts,
        year and demand ``int64``; broadband ``bool``; ``village_type`` and ``prominent_sector``
        codes or None; a fresh RangeIndex — without the rows that have an error; and every
        problem (errors and warnings), sorted by row then column.

    Raises
    ------
    MissingColumnError
        If ``communes`` lacks ``province_code``, ``commune_code`` or ``year``.
    """
    params = params_or_defaults(params)
    file = file if file is not None else raw.attrs.get("file")
    read = [dataclasses.replace(p, sheet=p.sheet or sheet) for p in raw.attrs.get("problems", [])]
    header_row = int(raw.attrs.get("header_row", 1))
    rows = (
        pd.Index(raw.index.astype("int64"), name="excel_row")
        if raw.index.name == "excel_row"
        else pd.RangeIndex(2, 2 + len(raw), name="excel_row")
    )
    raw = rename_headers(raw, VILLAGE_FIELD_BY_NAME, village_column_for_header)
    text = as_text(raw, clean="header_row" in raw.attrs)
    text.index = rows
    problems = read + _column_problems(text, file, sheet, header_row)
    if any(p.severity == "error" and p.row == header_row for p in problems) or text.empty:
        return empty_villages(), _sorted(problems)
    for f in VILLAGE_FIELDS:
        if f.name not in text.columns:
            text[f.name] = None
    typed, found = parse_villages(text, params)
    problems += _from_found(found, text, file, sheet)
    problems += _from_found(range_checks(typed, params), text, file, sheet)
    wrong = _wrong_cells(problems, text)
    for column, pairs in relation_checks(typed, wrong).items():
        for item, other in pairs:
            hits = item.mask[item.mask].index
            problems += [
                Problem(
                    file,
                    int(r),
                    column,
                    text.at[r, column],
                    f"{item.rule_vi} ({text.at[r, other]})",
                    f"{item.rule_en} ({text.at[r, other]})",
                    "error",
                    sheet,
                )
                for r in hits
            ]
    dups = duplicate_rows(typed)
    problems += [
        Problem(
            file,
            int(r),
            "village_name",
            text.at[r, "village_name"],
            f"Thôn «{name}» của xã {code} xuất hiện nhiều lần trong năm {year} (các dòng {listed})",
            f"village '{name}' of commune {code} appears more than once in {year} (rows {listed})",
            "error",
            sheet,
        )
        for r, code, year, name, listed in zip(
            dups.index,
            dups["commune_code"],
            dups["year"],
            dups["village_name"],
            dups["rows"],
            strict=True,
        )
    ]
    wrong = _wrong_cells(problems, text)
    usable = ~(wrong["province_code"] | wrong["commune_code"] | wrong["year"])
    if communes is not None:
        problems += commune_sheet_problems(typed, text, usable, communes, file, sheet)
    else:
        problems += unit_problems(typed, text, usable, file, sheet)
    final = {f.name: _final_dtype(f) for f in VILLAGE_FIELDS}
    good = without_error_rows(typed, problems, header_row, final)
    if communes is not None:
        kept = typed.index[~typed.index.isin(error_rows(problems, header_row))]
        problems += total_warnings(good.set_axis(kept), text, communes, file, sheet)
    return good, _sorted(problems)


def _sorted(problems: list[Problem]) -> list[Problem]:
    """Problems by row (file-level first), then column order, errors before warnings."""
    order = {c: i for i, c in enumerate(VILLAGE_COLUMNS)}
    return sorted(
        problems,
        key=lambda p: (
            p.row is not None,
            p.row or 0,
            order.get(p.column, len(order)),
            p.severity != "error",
        ),
    )

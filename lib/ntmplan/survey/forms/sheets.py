"""Table sheets of a form or a merged survey: two header rows, typed cells, dropdowns, locks.

The layout is the province-wide template's (:mod:`ntmplan.survey.template`): row 1 the
Vietnamese labels (bold, wrapped, with a comment giving the English description and the
rule), row 2 the English column names (grey), data from row 3; code columns formatted as
text so that leading zeros stay; printed on A4 fitted to the width, the header rows repeated.
Dropdowns offer Vietnamese labels, which the readers take back as codes.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.survey.schema.rules import rule_text, survey_params
from ntmplan.survey.villages.checks import enum_codes, offered_labels

#: First data row of a table sheet (below the Vietnamese labels and the English names).
FIRST_DATA_ROW = 3
#: Widths of the columns: numbers, codes and yes/no; text and lists.
NARROW, WIDE = 11, 18
NARROW_KINDS = ("code", "bool", "year", "int", "share")
#: The yes/no values a dropdown offers (params survey.yes_values / no_values are accepted too).
YES, NO = "Có", "Không"
#: Sheet of the lists behind the dropdowns, and the column whose values they offer.
LISTS_SHEET = "danh_muc"
OFFERED_COLUMN = "C"
#: Fill of the cells a commune fills in (unlocked); locked cells keep the header fill.
INPUT_FILL = "FFF9E5"
LOCKED_FILL = "EDEDED"


def offered_pairs(field, params: dict | None) -> list[tuple[str, str]]:
    """Return (code, Vietnamese label offered) of an enumerated column, commune or village.

    Parameters
    ----------
    field : Field
    params : dict or None

    Returns
    -------
    list of (str, str)
    """
    from ntmplan.survey.schema.fields import FIELD_BY_NAME
    from ntmplan.survey.schema.rules import allowed_values, vietnamese_labels

    if FIELD_BY_NAME.get(field.name) is not None and FIELD_BY_NAME[field.name].kind == "enum":
        codes = allowed_values(field.name, params)
        return list(zip(codes, vietnamese_labels(field.name, params), strict=True))
    return list(
        zip(enum_codes(field.enum, params), offered_labels(field.enum, params), strict=True)
    )


def dropdown_table(fields, params: dict | None) -> pd.DataFrame:
    """Return the lists behind the dropdowns of ``fields`` (yes/no first, then each list once).

    Parameters
    ----------
    fields : sequence of Field
    params : dict or None

    Returns
    -------
    pandas.DataFrame
        Columns ``list`` (``yes_no`` or a params list name), ``list_vi`` (its Vietnamese name),
        ``code``, ``label`` (offered in the dropdown).
    """
    rows = [
        {"list": "yes_no", "list_vi": "Có/Không", "code": "có", "label": YES},
        {"list": "yes_no", "list_vi": "Có/Không", "code": "không", "label": NO},
    ]
    seen = set()
    for f in fields:
        if f.kind != "enum" or f.enum in seen:
            continue
        seen.add(f.enum)
        rows += [
            {"list": f.enum, "list_vi": f.label_vi, "code": c, "label": lab}
            for c, lab in offered_pairs(f, params)
        ]
    return pd.DataFrame(rows, columns=["list", "list_vi", "code", "label"])


def write_lists_sheet(ws, lists: pd.DataFrame) -> dict[str, str]:
    """Write the lists sheet (rows from 2) and return list name → range the dropdowns use.

    Parameters
    ----------
    ws : openpyxl worksheet
        The empty lists sheet (named :data:`LISTS_SHEET`).
    lists : pandas.DataFrame
        As :func:`dropdown_table` returns.

    Returns
    -------
    dict
    """
    from openpyxl.styles import Font

    ws.append(["Danh mục / List", "Mã / Code", "Nhãn chọn trong phiếu / Label offered"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for name_vi, code, label in zip(lists["list_vi"], lists["code"], lists["label"], strict=True):
        ws.append([name_vi, code, label])
    for letter, width in (("A", 30), ("B", 22), ("C", 34)):
        ws.column_dimensions[letter].width = width
    spans = {}
    for name, grp in lists.groupby("list", sort=False):
        first, last = grp.index.min() + 2, grp.index.max() + 2
        spans[name] = f"{LISTS_SHEET}!${OFFERED_COLUMN}${first}:${OFFERED_COLUMN}${last}"
    return spans


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validation(field, params: dict, spans: dict, choices: dict):
    """The Excel data validation of one column (None for text and codes)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    sp = survey_params(params)
    if field.kind in ("enum", "bool"):
        key = field.enum if field.kind == "enum" else "yes_no"
        dv = DataValidation(type="list", formula1=spans[key], allow_blank=True)
        dv.prompt = _short(f"Chọn trong danh sách: {choices[key]}", 255)
        dv.error = _short(f"Chọn một giá trị trong danh sách: {choices[key]}", 255)
    else:
        if field.kind == "share":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1")
        elif field.kind == "year":
            lo, hi = sp["min_year"], sp["max_year"]
            dv = DataValidation(
                type="whole", operator="between", formula1=str(lo), formula2=str(hi)
            )
        elif field.name == "dx_demand":
            lo, hi = sp["dx_demand_min"], sp["dx_demand_max"]
            dv = DataValidation(
                type="whole", operator="between", formula1=str(lo), formula2=str(hi)
            )
        elif field.kind == "int":
            dv = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1=str(field.minimum)
            )
        else:
            return None
        dv.allow_blank = True
        vi, en = _rule(field, params)
        dv.prompt = _short(vi, 255)
        dv.error = _short(f"{vi} / {en}", 255)
    dv.showErrorMessage = dv.showInputMessage = True
    dv.errorTitle = "Giá trị không hợp lệ"
    dv.promptTitle = _short(field.label_vi, 32)
    return dv


def _rule(field, params) -> tuple[str, str]:
    """The rule of a column in Vietnamese and English (the commune survey's wording)."""
    from ntmplan.survey.schema.fields import FIELD_BY_NAME

    if field.name in FIELD_BY_NAME and FIELD_BY_NAME[field.name].kind == field.kind:
        return rule_text(FIELD_BY_NAME[field.name], params)
    if field.kind == "enum":
        offered = ", ".join(offered_labels(field.enum, params))
        return (f"để trống hoặc một trong: {offered}", "empty or one of the list")
    if field.kind == "bool":
        return ("có/không; không để trống", "yes/no; not empty")
    if field.kind == "text":
        return ("chữ, không để trống", "text, not empty")
    return (f"số nguyên ≥ {field.minimum}", f"whole number ≥ {field.minimum}")


def table_header(ws, fields, params: dict, title: str, keep: int = 0) -> None:
    """Write the two header rows, column widths, text format of codes, frozen panes and print setup.

    Parameters
    ----------
    ws : openpyxl worksheet
    fields : sequence of Field
    params : dict
    title : str
        Printed at the top of every page.
    keep : int
        Leading columns kept in view when scrolling right (codes and name).
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ntmplan.core.sheet_layout import BOLD_WIDTH, LINE_HEIGHT, print_setup, wrapped_lines

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap, grey = (
        Alignment(wrap_text=True, vertical="top"),
        Font(italic=True, color="666666", size=9),
    )
    ws.append([f.label_vi for f in fields])
    ws.append([f.name for f in fields])
    widths = []
    for j, f in enumerate(fields, start=1):
        head = ws.cell(row=1, column=j)
        head.font, head.fill, head.alignment = bold, fill, wrap
        vi, en = _rule(f, params)
        head.comment = Comment(f"{f.description_en}\n{vi}\n{en}", "ntmplan", width=320, height=160)
        ws.cell(row=2, column=j).font = grey
        width = NARROW if f.kind in NARROW_KINDS else WIDE
        widths.append(width)
        ws.column_dimensions[get_column_letter(j)].width = width
    lines = max(
        wrapped_lines(f.label_vi, w / BOLD_WIDTH) for f, w in zip(fields, widths, strict=True)
    )
    ws.row_dimensions[1].height = LINE_HEIGHT * lines
    ws.freeze_panes = f"{get_column_letter(keep + 1)}{FIRST_DATA_ROW}"
    print_setup(ws, len(fields), title_rows=FIRST_DATA_ROW - 1, title=title)


def input_rows(
    ws, fields, first: int, last: int, locked: tuple[str, ...], params: dict, spans: dict
) -> None:
    """Format rows ``first``–``last`` as input: dropdowns and number checks, locked columns greyed.

    Parameters
    ----------
    ws : openpyxl worksheet
    fields : sequence of Field
    first, last : int
        Excel rows.
    locked : tuple of str
        Columns filled in advance and locked (the others are unlocked for the commune).
    params : dict
    spans : dict
        From :func:`write_lists_sheet`.
    """
    from openpyxl.styles import PatternFill, Protection
    from openpyxl.utils import get_column_letter

    lists = dropdown_table(fields, params)
    choices = {n: ", ".join(g["label"]) for n, g in lists.groupby("list", sort=False)}
    open_cell, shut = Protection(locked=False), Protection(locked=True)
    fills = {
        True: PatternFill("solid", fgColor=LOCKED_FILL),
        False: PatternFill("solid", fgColor=INPUT_FILL),
    }
    for j, f in enumerate(fields, start=1):
        col = get_column_letter(j)
        is_locked = f.name in locked
        for r in range(first, last + 1):
            cell = ws.cell(row=r, column=j)
            cell.protection = shut if is_locked else open_cell
            cell.fill = fills[is_locked]
            if f.kind == "code":
                cell.number_format = "@"
        dv = None if is_locked else _validation(f, params, spans, choices)
        if dv is not None:
            dv.add(f"{col}{first}:{col}{last}")
            ws.add_data_validation(dv)


def protect(ws) -> None:
    """Protect a sheet without a password (locked cells cannot be edited, others can).

    Parameters
    ----------
    ws : openpyxl worksheet
    """
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False


def cell_value(value, field, params: dict | None):
    """The value written in a cell: codes as text, yes/no as Có/Không, list codes as their labels.

    Parameters
    ----------
    value : object
        A typed survey value (or None / NaN).
    field : Field
    params : dict or None

    Returns
    -------
    object
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if field.kind == "bool":
        return YES if bool(value) else NO
    if field.kind == "enum":
        return dict(offered_pairs(field, params)).get(value, value)
    if field.kind in ("int", "year"):
        return int(value)
    if field.kind == "share":
        return float(value)
    return str(value)

"""The Excel survey form (``ntmplan template``): headers, dropdowns, number checks, dictionary.

Layout of the workbook written by :func:`write_template`:

- ``khao_sat`` — the form. Row 1: Vietnamese labels (each with a comment
  giving the English description and the rule); row 2: the English column
  names (what the reader maps back to, kept so that either header works);
  data from row 3. Dropdowns offering Vietnamese labels (read back as their
  codes by :mod:`ntmplan.survey.schema`; typed codes are accepted too) for unit
  type, yes/no columns ("Có"/"Không"), NTM level, prominent sector and commune
  category; whole-number checks for counts and years, decimal 0–1 for shares;
  code columns formatted as text so that leading zeros stay. Printed on A4
  landscape, fitted to the page width, the two header rows repeated.
- ``tu_dien`` — the data dictionary (:func:`ntmplan.survey.schema.data_dictionary`).
- ``danh_muc`` — the lists behind the dropdowns (list, code, Vietnamese label
  offered in the dropdown, English label).
- ``huong_dan`` — short filling instructions.

A filled form reads back through :func:`ntmplan.survey.reading.read_table` (header on
row 1, the English row skipped, first data row = Excel row 3).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.survey import schema
from ntmplan.survey.reading import SURVEY_SHEET

#: Rows of the form (below the two header rows) that carry dropdowns and number checks.
TEMPLATE_ROWS = 5000
#: First data row of the form.
FIRST_DATA_ROW = 3
#: Sheet names (the form is :data:`ntmplan.survey.reading.SURVEY_SHEET`, "khao_sat").
DICTIONARY_SHEET = "tu_dien"
LISTS_SHEET = "danh_muc"
HELP_SHEET = "huong_dan"

#: Printed at the top of each page of the form's sheets (their names are fixed short codes).
PRINT_TITLES: dict[str, str] = {
    SURVEY_SHEET: "Phiếu khảo sát chuyển đổi số cấp xã",
    DICTIONARY_SHEET: "Từ điển dữ liệu của phiếu khảo sát",
    LISTS_SHEET: "Danh mục lựa chọn của phiếu khảo sát",
    HELP_SHEET: "Hướng dẫn điền phiếu khảo sát",
}

#: Labels of the lists sheet's columns (the dropdowns offer the ``label`` column).
LABELS: dict[str, str] = {
    "list": "Danh mục / List",
    "code": "Mã / Code",
    "label": "Nhãn chọn trong phiếu / Label offered",
    "label_en": "Tiếng Anh / English",
}
#: Widths of the form's columns: numbers, codes and yes/no; text and lists.
NARROW, WIDE = 11, 18
NARROW_KINDS = ("code", "bool", "year", "int", "share")
#: Width of the instructions' column (fits an A4 portrait page).
HELP_WIDTH = 80
#: Column of the lists sheet whose values the dropdowns offer (``label``).
OFFERED_COLUMN = "C"

#: Yes/no values offered in the dropdowns (params survey.yes_values / no_values are also accepted).
_YES, _NO = "Có", "Không"

_HELP_LINES = (
    "Hướng dẫn điền phiếu khảo sát / How to fill in the survey form",
    "1. Mỗi dòng là một xã (phường, đặc khu) trong một năm khảo sát; điền từ dòng 3 của trang «khao_sat». / One row per unit and survey year, from row 3.",
    "2. Không sửa hai dòng tiêu đề (dòng 1 tiếng Việt, dòng 2 tên cột tiếng Anh). / Do not change the two header rows.",
    "3. Mã tỉnh 2 chữ số, mã xã 5 chữ số theo danh mục đơn vị hành chính (giữ số 0 ở đầu). / Codes keep their leading zeros.",
    "4. Cột có/không: chọn «Có» hoặc «Không» (cũng nhận 1/0). Không để trống. / Yes/no columns: Có or Không (1/0 accepted); not empty.",
    "5. Cột danh mục (loại đơn vị, mức đạt chuẩn NTM, lĩnh vực nổi bật, loại xã): chọn nhãn tiếng Việt trong danh sách; gõ mã (ví dụ dat_chuan) cũng được nhận. / Pick the Vietnamese label; typed codes are accepted too.",
    "6. Tỷ lệ nhập số thập phân 0–1 với dấu phẩy thập phân (75% → 0,75), hoặc kèm dấu % (75%). Số lượng là số nguyên ≥ 0, không dùng dấu phân cách hàng nghìn. / Shares 0–1 (0,75 or 75%); counts whole numbers.",
    "7. Danh mục ở trang «danh_muc»; ý nghĩa và quy tắc từng cột ở trang «tu_dien». / Lists in danh_muc, rules in tu_dien.",
    "8. Kiểm tra tệp trước khi dùng: ntmplan validate <tệp.xlsx>. / Check the file with: ntmplan validate <file.xlsx>.",
)


def dropdown_lists(params: dict | None = None, scheme: str = "current") -> pd.DataFrame:
    """Return the values offered in the form's dropdowns.

    Parameters
    ----------
    params : dict, optional
        Resolved params (defaults when None).
    scheme : str
        ``current`` or ``legacy`` (unit types differ).

    Returns
    -------
    pandas.DataFrame
        Columns ``list`` (``yes_no`` or an enumerated column name), ``code``, ``label``
        (the Vietnamese label the dropdown offers: ``"Đạt chuẩn NTM"``, ``"Xã"``,
        ``"Có"``) and ``label_en``. :mod:`ntmplan.survey.schema` reads every
        ``label`` back as its ``code``.
    """
    rows = [
        {"list": "yes_no", "code": "có", "label": _YES, "label_en": "yes"},
        {"list": "yes_no", "code": "không", "label": _NO, "label_en": "no"},
    ]
    for f in schema.FIELDS:
        if f.kind == "enum":
            labels = schema.enum_labels(f.name, params, scheme)
            offered = schema.vietnamese_labels(f.name, params, scheme)
            rows += [
                {
                    "list": f.name,
                    "code": c,
                    "label": vi,
                    "label_en": lab.split(" / ", 1)[1] if " / " in lab else "",
                }
                for (c, lab), vi in zip(labels.items(), offered, strict=True)
            ]
    return pd.DataFrame(rows, columns=list(LABELS))


def _list_names() -> dict[str, str]:
    """List key → the Vietnamese name shown on the lists sheet."""
    return {"yes_no": "Có/Không", **{f.name: f.label_vi for f in schema.FIELDS if f.kind == "enum"}}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validations(ws, lists: pd.DataFrame, params: dict, scheme: str) -> None:
    """Add dropdowns and number checks to the form's data rows."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sp = params["survey"]
    last = FIRST_DATA_ROW + TEMPLATE_ROWS - 1
    # where each list sits on the lists sheet (rows 2.. in list order)
    spans: dict[str, str] = {}
    for name, grp in lists.groupby("list", sort=False):
        first, lastrow = grp.index.min() + 2, grp.index.max() + 2
        spans[name] = f"{LISTS_SHEET}!${OFFERED_COLUMN}${first}:${OFFERED_COLUMN}${lastrow}"
    offered = {name: ", ".join(grp["label"]) for name, grp in lists.groupby("list", sort=False)}
    for j, f in enumerate(schema.FIELDS, start=1):
        col = get_column_letter(j)
        rule_vi, rule_en = schema.rule_text(f, params, scheme)
        if f.kind in ("enum", "bool"):
            dv = DataValidation(
                type="list",
                formula1=spans[f.name if f.kind == "enum" else "yes_no"],
                allow_blank=f.optional,
            )
        elif f.kind == "share":
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2="1",
                allow_blank=f.optional,
            )
        elif f.kind == "year":
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1=str(sp["min_year"]),
                formula2=str(sp["max_year"]),
            )
        elif f.name == "dx_demand":
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1=str(sp["dx_demand_min"]),
                formula2=str(sp["dx_demand_max"]),
            )
        elif f.kind == "int" and f.maximum is not None:
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1=str(f.minimum),
                formula2=str(f.maximum),
                allow_blank=f.optional,
            )
        elif f.kind == "int":
            dv = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1=str(f.minimum)
            )
        else:
            continue
        dv.showErrorMessage = True
        dv.showInputMessage = True
        dv.errorTitle = "Giá trị không hợp lệ"
        dv.error = _short(f"{rule_vi} / {rule_en}", 255)
        dv.promptTitle = _short(f.label_vi, 32)
        if f.kind in ("enum", "bool"):
            choices = offered[f.name if f.kind == "enum" else "yes_no"]
            dv.prompt = _short(f"Chọn trong danh sách: {choices}", 255)
            dv.error = _short(f"Chọn một giá trị trong danh sách: {choices}", 255)
        else:
            dv.prompt = _short(rule_vi, 255)
        dv.add(f"{col}{FIRST_DATA_ROW}:{col}{last}")
        ws.add_data_validation(dv)


def _form_sheet(ws, params: dict, scheme: str, lists: pd.DataFrame) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ntmplan.core.sheet_layout import BOLD_WIDTH, LINE_HEIGHT, print_setup, wrapped_lines

    bold, fill, wrap = (
        Font(bold=True),
        PatternFill("solid", fgColor="DDEBF7"),
        Alignment(wrap_text=True, vertical="top"),
    )
    grey = Font(italic=True, color="666666", size=9)
    ws.append([f.label_vi for f in schema.FIELDS])
    ws.append([f.name for f in schema.FIELDS])
    for j, f in enumerate(schema.FIELDS, start=1):
        head = ws.cell(row=1, column=j)
        head.font, head.fill, head.alignment = bold, fill, wrap
        rule_vi, rule_en = schema.rule_text(f, params, scheme)
        head.comment = Comment(
            f"{f.description_en}\n{rule_vi}\n{rule_en}", "ntmplan", width=320, height=160
        )
        ws.cell(row=2, column=j).font = grey
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = NARROW if f.kind in NARROW_KINDS else WIDE
        if f.kind == "code":
            ws.column_dimensions[letter].number_format = "@"
    widths = [NARROW if f.kind in NARROW_KINDS else WIDE for f in schema.FIELDS]
    lines = max(
        wrapped_lines(f.label_vi, w / BOLD_WIDTH)
        for f, w in zip(schema.FIELDS, widths, strict=True)
    )
    ws.row_dimensions[1].height = LINE_HEIGHT * lines
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    print_setup(
        ws, len(schema.FIELDS), title_rows=FIRST_DATA_ROW - 1, title=PRINT_TITLES[SURVEY_SHEET]
    )
    _validations(ws, lists, params, scheme)


def write_template(path: str | Path, params: dict | None = None, scheme: str = "current") -> Path:
    """Write the Excel survey form with dropdowns, number checks and the data dictionary.

    Parameters
    ----------
    path : str or Path
        The .xlsx to write (atomically; same params → same bytes).
    params : dict, optional
        Resolved params (defaults when None): lists, year and score ranges.
    scheme : str
        ``current`` or ``legacy`` (unit types in the dropdown).

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``scheme`` is unknown.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ntmplan.core.sheet_layout import LINE_HEIGHT, print_setup, wrapped_lines
    from ntmplan.core.writers import fill_sheet, save_workbook

    if scheme not in schema.SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {schema.SCHEMES}")
    params = params_or_defaults(params)
    lists = dropdown_lists(params, scheme)
    wb = Workbook()
    form = wb.active
    form.title = SURVEY_SHEET
    _form_sheet(form, params, scheme, lists)
    dictionary = wb.create_sheet(DICTIONARY_SHEET)
    fill_sheet(dictionary, schema.data_dictionary(params, scheme), schema.DICTIONARY_LABELS)
    shown = lists.assign(list=lists["list"].map(_list_names()))
    lists_ws = wb.create_sheet(LISTS_SHEET)
    fill_sheet(lists_ws, shown, LABELS)
    for ws in (dictionary, lists_ws):
        ws.oddHeader.center.text = PRINT_TITLES[ws.title]
    help_ws = wb.create_sheet(HELP_SHEET)
    for line in _HELP_LINES:
        help_ws.append([line])
    help_ws.column_dimensions["A"].width = HELP_WIDTH
    for (cell,) in help_ws.iter_rows():
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = wrapped_lines(cell.value, HELP_WIDTH)
        help_ws.row_dimensions[cell.row].height = LINE_HEIGHT * lines
    help_ws["A1"].font = Font(bold=True)
    print_setup(help_ws, 1, title=PRINT_TITLES[HELP_SHEET])
    return save_workbook(wb, path)

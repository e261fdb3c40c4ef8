"""Forms out: one Excel form per commune of a province (``ntmplan forms``).

Each form (``<commune code>_<ascii name>.xlsx``) holds, in order:

- ``huong_dan`` — what to fill in and how to return it, in Vietnamese;
- ``khao_sat`` — the commune's row of the survey (row 3): codes, name, unit type and year
  filled in and locked, every other cell open, with dropdowns of Vietnamese labels and
  number checks; when a last survey is given, each open cell's comment gives last time's value;
- ``thon`` — the commune's villages, one per row from row 3: codes and year filled in and
  locked on every row, the village's own cells open;
- ``xem_lai`` — one line per column: what the commune entered (formulas reading its row) and,
  with a last survey, last time's value — to check and print before sending;
- ``danh_muc`` — the lists behind the dropdowns.

The sheets are protected without a password: a commune cannot overwrite its codes by
mistake, an office can lift the protection in Excel. The province-wide form stays
:func:`ntmplan.survey.template.write_template`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.survey.forms.sheets import (
    FIRST_DATA_ROW,
    LISTS_SHEET,
    cell_value,
    dropdown_table,
    input_rows,
    protect,
    table_header,
    write_lists_sheet,
)
from ntmplan.survey.reading import SURVEY_SHEET
from ntmplan.survey.schema.fields import FIELDS
from ntmplan.survey.units.text import slugify
from ntmplan.survey.villages.fields import VILLAGE_FIELDS

#: Sheets of a commune form.
HELP_SHEET, REVIEW_SHEET = "huong_dan", "xem_lai"
#: Columns of the commune row filled in from the administrative units and locked.
LOCKED_COMMUNE = ("province_code", "commune_code", "commune_name", "unit_type", "year")
#: Columns of each village row filled in and locked.
LOCKED_VILLAGE = ("province_code", "commune_code", "year")
#: Village rows offered: at least this many, and this many more than last survey's villages.
VILLAGE_ROWS_MIN, VILLAGE_ROWS_SPARE = 60, 10
#: Width of the instructions' column (fits an A4 portrait page, as the province-wide form's).
HELP_WIDTH = 80


def form_file_name(commune_code: str, commune_name: str) -> str:
    """Return a form's file name: code and ASCII name, e.g. ``26734_xa_tan_lap.xlsx``.

    Parameters
    ----------
    commune_code : str
    commune_name : str

    Returns
    -------
    str
    """
    return f"{commune_code}_{slugify(commune_name).replace('-', '_')}.xlsx"


def _help_lines(unit: pd.Series, year: int, village_sheet: str, has_reference: bool) -> list[str]:
    name = unit["commune_name"]
    lines = [
        "PHIẾU KHẢO SÁT CHUYỂN ĐỔI SỐ TRONG XÂY DỰNG NÔNG THÔN MỚI",
        f"{name.upper()} — {unit['province_name'].upper()}",
        f"Mã xã {unit['commune_code']} · năm khảo sát {year}",
        "",
        "Cách điền phiếu",
        f"1. Trang «{SURVEY_SHEET}»: điền dòng 3 — số liệu của {name}. Mã tỉnh, mã xã, tên xã, loại đơn vị và năm đã điền sẵn và được khóa.",
        "2. Ô nền vàng là ô cần điền; ô nền xám đã điền sẵn. Di chuột lên tiêu đề cột để xem ý nghĩa và quy tắc của cột.",
        "3. Cột có/không: chọn «Có» hoặc «Không» trong danh sách; không để trống. Cột danh mục: chọn nhãn trong danh sách.",
        "4. Số lượng là số nguyên, không dùng dấu phân cách hàng nghìn (viết 1234). Tỷ lệ nhập 0–1 (75% → 0,75) hoặc kèm dấu %.",
        f"5. Trang «{village_sheet}»: mỗi thôn (bản, ấp, buôn, làng…) của xã một dòng, từ dòng 3; điền tên thôn và các cột nền vàng. Để trống các dòng thừa.",
        "6. Số hộ có Internet và số hộ có thiết bị thông minh của một thôn không được lớn hơn số hộ của thôn.",
    ]
    lines.append(
        f"7. Trang «{REVIEW_SHEET}» liệt kê từng chỉ tiêu với số liệu xã đã điền"
        + (
            " và số liệu kỳ khảo sát trước (chú thích ở từng ô cũng ghi giá trị kỳ trước)"
            if has_reference
            else ""
        )
        + " — kiểm tra, có thể in trang này để lãnh đạo xã ký trước khi gửi."
    )
    lines += [
        "",
        "Gửi lại phiếu",
        "• Lưu tệp dưới dạng Excel (.xlsx), giữ nguyên tên các trang; có thể đổi tên tệp.",
        "• Không đặt mật khẩu cho tệp. Mỗi xã gửi một phiếu; nếu gửi lại bản sửa, hãy báo Văn phòng Điều phối để thay bản cũ.",
        "• Hạn gửi và nơi nhận phiếu: theo văn bản của Văn phòng Điều phối nông thôn mới tỉnh.",
    ]
    return lines


def _help_sheet(ws, lines: list[str]) -> None:
    from openpyxl.styles import Alignment, Font

    from ntmplan.core.sheet_layout import LINE_HEIGHT, print_setup, wrapped_lines

    width = HELP_WIDTH
    ws.column_dimensions["A"].width = width
    for i, text in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if text and (i <= 3 or text in ("Cách điền phiếu", "Gửi lại phiếu")):
            cell.font = Font(bold=True, size=12 if i <= 2 else 11)
        ws.row_dimensions[i].height = LINE_HEIGHT * wrapped_lines(text, width)
    print_setup(ws, 1, title_rows=0, title="Hướng dẫn điền phiếu khảo sát")
    protect(ws)


def _review_sheet(ws, last: pd.Series | None, params: dict) -> None:
    """One line per column: what the commune entered (formulas on its row), last survey's value."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ntmplan.core.sheet_layout import LINE_HEIGHT, print_setup, wrapped_lines

    head = ["Chỉ tiêu", "Số liệu xã đã điền"]
    if last is not None:
        head.append(f"Kỳ trước (năm {int(last['year'])})")
    head.append("Đơn vị")
    ws.append(
        [
            "Xem lại số liệu trước khi gửi — trang này tự cập nhật theo trang «khao_sat», không điền ở đây"
        ]
    )
    ws.append(head)
    ws["A1"].font = Font(bold=True, size=12)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[2]:
        cell.font, cell.fill = Font(bold=True), fill
    for j, f in enumerate(FIELDS, start=1):
        ref = f"{SURVEY_SHEET}!{get_column_letter(j)}{FIRST_DATA_ROW}"
        row = [f.label_vi, f'=IF({ref}="","",{ref})']
        if last is not None:
            row.append(cell_value(last.get(f.name), f, params))
        row.append(f.unit_vi.split(" / ")[0])
        ws.append(row)
        if f.kind == "share":
            for c in ws[ws.max_row][1 : 3 if last is not None else 2]:
                c.number_format = "0.0%"
    widths = (56, 22, 22, 16) if last is not None else (56, 22, 16)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for row in ws.iter_rows(min_row=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * wrapped_lines(row[0].value, widths[0])
    print_setup(ws, len(head), title_rows=2, title="Xem lại phiếu khảo sát")
    protect(ws)


def write_commune_form(
    path: str | Path,
    unit: pd.Series,
    year: int,
    *,
    last: pd.Series | None = None,
    params: dict | None = None,
) -> Path:
    """Write the form of one commune.

    Parameters
    ----------
    path : str or Path
        The .xlsx to write (atomically; the same inputs give the same bytes).
    unit : pandas.Series
        The commune's row of :func:`ntmplan.survey.units.current_units`.
    year : int
        Survey year filled in on the form.
    last : pandas.Series, optional
        The commune's row of the last (validated) survey, shown for reference.
    params : dict, optional
        Resolved params (lists, ranges; defaults when None).

    Returns
    -------
    Path
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    from ntmplan.core.writers import save_workbook

    params = params_or_defaults(params)
    village_sheet = params["survey"]["village_sheet"]
    wb = Workbook()
    _help_sheet(wb.active, _help_lines(unit, year, village_sheet, last is not None))
    wb.active.title = HELP_SHEET
    form = wb.create_sheet(SURVEY_SHEET)
    villages = wb.create_sheet(village_sheet)
    review = wb.create_sheet(REVIEW_SHEET)
    lists_ws = wb.create_sheet(LISTS_SHEET)
    spans = write_lists_sheet(lists_ws, dropdown_table((*FIELDS, *VILLAGE_FIELDS), params))
    protect(lists_ws)

    known = {
        "province_code": unit["province_code"],
        "commune_code": unit["commune_code"],
        "year": int(year),
    }
    commune = {**known, "commune_name": unit["commune_name"], "unit_type": unit["unit_type"]}
    table_header(
        form, FIELDS, params, f"Phiếu khảo sát chuyển đổi số — {unit['commune_name']}", keep=3
    )
    input_rows(form, FIELDS, FIRST_DATA_ROW, FIRST_DATA_ROW, LOCKED_COMMUNE, params, spans)
    for j, f in enumerate(FIELDS, start=1):
        cell = form.cell(
            row=FIRST_DATA_ROW, column=j, value=cell_value(commune.get(f.name), f, params)
        )
        if last is not None and f.name not in LOCKED_COMMUNE:
            shown = cell_value(last.get(f.name), f, params)
            text = "—" if shown is None else str(shown)
            cell.comment = Comment(
                f"Kỳ trước (năm {int(last['year'])}): {text}", "ntmplan", width=220, height=60
            )
    protect(form)

    n_rows = max(
        VILLAGE_ROWS_MIN, (int(last["villages"]) if last is not None else 0) + VILLAGE_ROWS_SPARE
    )
    last_row = FIRST_DATA_ROW + n_rows - 1
    table_header(
        villages, VILLAGE_FIELDS, params, f"Danh sách thôn — {unit['commune_name']}", keep=4
    )
    input_rows(villages, VILLAGE_FIELDS, FIRST_DATA_ROW, last_row, LOCKED_VILLAGE, params, spans)
    for j, f in enumerate(VILLAGE_FIELDS, start=1):
        if f.name in known:
            value = cell_value(known[f.name], f, params)
            for r in range(FIRST_DATA_ROW, last_row + 1):
                villages.cell(row=r, column=j, value=value)
    protect(villages)
    _review_sheet(review, last, params)
    wb.active = 0
    return save_workbook(wb, path)


def last_values(survey: pd.DataFrame | None, province_code: str) -> pd.DataFrame:
    """Return each commune's row of its latest year in a validated survey (index = commune code).

    Parameters
    ----------
    survey : pandas.DataFrame or None
    province_code : str

    Returns
    -------
    pandas.DataFrame
        Empty when ``survey`` is None.
    """
    if survey is None:
        return pd.DataFrame()
    rows = survey[survey["province_code"] == province_code]
    return (
        rows.sort_values("year")
        .drop_duplicates("commune_code", keep="last")
        .set_index("commune_code")
    )


def write_forms(
    province_code: str,
    out_dir: str | Path,
    year: int,
    *,
    survey: pd.DataFrame | None = None,
    params: dict | None = None,
) -> list[Path]:
    """Write one form per commune of a province that the survey covers (``survey.form_unit_types``).

    Parameters
    ----------
    province_code : str
        2-digit code of the province (2025 scheme).
    out_dir : str or Path
        Folder for the forms (created if needed).
    year : int
        Survey year filled in on every form.
    survey : pandas.DataFrame, optional
        A validated survey: each commune's latest row is shown on its form for reference.
    params : dict, optional

    Returns
    -------
    list of Path
        The forms written, in the order of the commune codes.

    Raises
    ------
    UnknownProvinceError
        If ``province_code`` is not a 2025 province.
    """
    from ntmplan.survey.forms.scope import form_units
    from ntmplan.survey.units import find_province

    province = find_province(province_code)
    units = form_units([province["province_code"]], params)
    last = last_values(survey, province["province_code"])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for _, unit in units.iterrows():
        row = last.loc[unit["commune_code"]] if unit["commune_code"] in last.index else None
        path = out / form_file_name(unit["commune_code"], unit["commune_name"])
        paths.append(write_commune_form(path, unit, year, last=row, params=params))
    return paths

"""Forms out: one Excel form per commune of a province (``ntmplan forms``).

Each form (``<commune code>_<ascii name>.xlsx``) holds, in order:

- ``huong_dan`` — what to fill in and how to return it, in Vietnamese;
- ``khao_sat`` — the commune's row of the survey (row 3): codes, name, unit type and year
  filled in and locked, every other cell open, with dropdowns of Vietnamese labels and
  number checks; when a last survey is given, each open cell's comment gives last time's value;
- ``thon`` — the commune's villages, one per row from row 3: codes and year filled in and
  locked on every row, the village's own cells open;
- ``ky_truoc`` — last survey's values of the commune, one per line (only with a survey);
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
HELP_SHEET, REFERENCE_SHEET = "huong_dan", "ky_truoc"
#: Columns of the commune row filled in from the administrative units and locked.
LOCKED_COMMUNE = ("province_code", "commune_code", "commune_name", "unit_type", "year")
#: Columns of each village row filled in and locked.
LOCKED_VILLAGE = ("province_code", "commune_code", "year")
#: Village rows offered: at least this many, and this many more than last survey's villages.
VILLAGE_ROWS_MIN, VILLAGE_ROWS_SPARE = 60, 10


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
        f"PHIẾU KHẢO SÁT CHUYỂN ĐỔI SỐ TRONG XÂY DỰNG NÔNG THÔN MỚI — {name.upper()}",
        f"{unit['province_name']} · mã xã {unit['commune_code']} · năm khảo sát {year}",
        "",
        "Cách điền phiếu",
        f"1. Trang «{SURVEY_SHEET}»: điền dòng 3 — số liệu của {name}. Mã tỉnh, mã xã, tên xã, loại đơn vị và năm đã điền sẵn và được khóa.",
        "2. Ô nền vàng là ô cần điền; ô nền xám đã điền sẵn. Di chuột lên tiêu đề cột để xem ý nghĩa và quy tắc của cột.",
        "3. Cột có/không: chọn «Có» hoặc «Không» trong danh sách; không để trống. Cột danh mục: chọn nhãn trong danh sách.",
        "4. Số lượng là số nguyên, không dùng dấu phân cách hàng nghìn (viết 1234). Tỷ lệ nhập 0–1 (75% → 0,75) hoặc kèm dấu %.",
        f"5. Trang «{village_sheet}»: mỗi thôn (bản, ấp, buôn, làng…) của xã một dòng, từ dòng 3; điền tên thôn và các cột nền vàng. Để trống các dòng thừa.",
        "6. Số hộ có Internet và số hộ có thiết bị thông minh của một thôn không được lớn hơn số hộ của thôn.",
    ]
    if has_reference:
        lines.append(
            f"7. Trang «{REFERENCE_SHEET}» ghi số liệu kỳ khảo sát trước để đối chiếu (chú thích ở từng ô cũng ghi giá trị kỳ trước). Không chép lại nếu số liệu đã thay đổi."
        )
    lines += [
        "",
        "Gửi lại phiếu",
        "• Lưu tệp dưới dạng Excel (.xlsx), giữ nguyên tên các trang; có thể đổi tên tệp.",
        "• Không đặt mật khẩu cho tệp. Mỗi xã gửi một phiếu; nếu gửi lại bản sửa, hãy báo Văn phòng Điều phối để thay bản cũ.",
        "• Văn phòng kiểm tra phiếu bằng lệnh: ntmplan collect <thư mục phiếu> (hoặc ntmplan validate <tệp phiếu>).",
    ]
    return lines


def _help_sheet(ws, lines: list[str]) -> None:
    from openpyxl.styles import Alignment, Font

    from ntmplan.core.sheet_layout import LINE_HEIGHT, print_setup, wrapped_lines

    width = 100
    ws.column_dimensions["A"].width = width
    for i, text in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if text and (i <= 2 or text in ("Cách điền phiếu", "Gửi lại phiếu")):
            cell.font = Font(bold=True, size=13 if i == 1 else 11)
        ws.row_dimensions[i].height = LINE_HEIGHT * wrapped_lines(text, width)
    print_setup(ws, 1, title_rows=0, title="Hướng dẫn điền phiếu khảo sát")
    protect(ws)


def _reference_sheet(ws, last: pd.Series, params: dict) -> None:
    """Last survey's values, one per line: label, value, unit."""
    from openpyxl.styles import Alignment, Font

    from ntmplan.core.sheet_layout import print_setup

    ws.append(
        [
            f"Số liệu kỳ khảo sát trước (năm {int(last['year'])}) — để đối chiếu, không sửa",
            None,
            None,
        ]
    )
    ws.append(["Chỉ tiêu", f"Năm {int(last['year'])}", "Đơn vị"])
    ws["A1"].font = Font(bold=True, size=12)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for f in FIELDS:
        value = cell_value(last.get(f.name), f, params)
        ws.append([f.label_vi, value, f.unit_vi.split(" / ")[0]])
        if f.kind == "share" and value is not None:
            ws.cell(row=ws.max_row, column=2).number_format = "0.0%"
    for letter, width in (("A", 60), ("B", 22), ("C", 16)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    print_setup(ws, 3, title_rows=2, title="Số liệu kỳ trước")
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
    reference = wb.create_sheet(REFERENCE_SHEET) if last is not None else None
    lists_ws = wb.create_sheet(LISTS_SHEET)
    spans = write_lists_sheet(lists_ws, dropdown_table((*FIELDS, *VILLAGE_FIELDS), params))
    protect(lists_ws)

    known = {
        "province_code": unit["province_code"],
        "commune_code": unit["commune_code"],
        "year": int(year),
    }
    commune = {**known, "commune_name": unit["commune_name"], "unit_type": unit["unit_type"]}
    table_header(form, FIELDS, params, f"Phiếu khảo sát chuyển đổi số — {unit['commune_name']}")
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
    table_header(villages, VILLAGE_FIELDS, params, f"Danh sách thôn — {unit['commune_name']}")
    input_rows(villages, VILLAGE_FIELDS, FIRST_DATA_ROW, last_row, LOCKED_VILLAGE, params, spans)
    for j, f in enumerate(VILLAGE_FIELDS, start=1):
        if f.name in known:
            value = cell_value(known[f.name], f, params)
            for r in range(FIRST_DATA_ROW, last_row + 1):
                villages.cell(row=r, column=j, value=value)
    protect(villages)
    if reference is not None:
        _reference_sheet(reference, last, params)
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
    """Write one form per commune-level unit (2025 units) of a province.

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
    from ntmplan.survey.units import current_units, find_province

    province = find_province(province_code)
    units = current_units()
    units = units[units["province_code"] == province["province_code"]].sort_values("commune_code")
    last = last_values(survey, province["province_code"])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for _, unit in units.iterrows():
        row = last.loc[unit["commune_code"]] if unit["commune_code"] in last.index else None
        path = out / form_file_name(unit["commune_code"], unit["commune_name"])
        paths.append(write_commune_form(path, unit, year, last=row, params=params))
    return paths

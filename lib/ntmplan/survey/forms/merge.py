"""The merged survey of the collected forms: one workbook, commune sheet and village sheet.

Written as the province-wide form is laid out (Vietnamese labels on row 1, English names on
row 2, one commune per row from row 3; lists as their Vietnamese labels, yes/no as Có/Không),
so that :func:`ntmplan.survey.loading.load_survey` and
:func:`ntmplan.survey.villages.load_villages` read it back and an office can open it. A
partial survey (``--partial``) opens on a sheet ``ghi_chu`` saying so, lists the communes
left out, and says so in every printed page header.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.survey.forms.sheets import FIRST_DATA_ROW, cell_value, table_header
from ntmplan.survey.reading import SURVEY_SHEET
from ntmplan.survey.schema.fields import FIELDS
from ntmplan.survey.villages.fields import VILLAGE_FIELDS

#: First sheet of a partial merged survey.
NOTE_SHEET = "ghi_chu"
#: Title of a partial merged survey (sheet ``ghi_chu`` and page headers).
PARTIAL_TITLE = "BẢN TỔNG HỢP MỘT PHẦN — CHƯA ĐỦ CÁC XÃ"


def _rows(frame: pd.DataFrame, fields, params: dict) -> list[list]:
    """The frame's values as written in the cells, row by row (column by column conversion)."""
    columns = [frame[f.name].map(lambda v, f=f: cell_value(v, f, params)).tolist() for f in fields]
    return [list(r) for r in zip(*columns, strict=True)] if columns else []


def _table(ws, frame: pd.DataFrame, fields, params: dict, title: str, keep: int) -> None:
    table_header(ws, fields, params, title, keep=keep)
    for row in _rows(frame, fields, params):
        ws.append(row)
    codes = [j for j, f in enumerate(fields, start=1) if f.kind == "code"]
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW):
        for j in codes:
            row[j - 1].number_format = "@"  # codes stay text (leading zeros) when edited


def write_merged_survey(
    path: str | Path,
    communes: pd.DataFrame,
    villages: pd.DataFrame,
    *,
    partial_note: list[str] | None = None,
    params: dict | None = None,
) -> Path:
    """Write the merged survey (sheets ``khao_sat`` and ``thon``).

    Parameters
    ----------
    path : str or Path
        The .xlsx to write (atomically).
    communes : pandas.DataFrame
        Typed commune rows (the survey columns).
    villages : pandas.DataFrame
        Typed village rows (the village columns); may be empty.
    partial_note : list of str, optional
        When given, the survey is marked partial: the sheet ``ghi_chu`` comes first with
        :data:`PARTIAL_TITLE` and these lines (what is left out), and every page header says so.
    params : dict, optional

    Returns
    -------
    Path
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ntmplan.core.writers import save_workbook

    params = params_or_defaults(params)
    wb = Workbook()
    first = wb.active
    prefix = f"{PARTIAL_TITLE} — " if partial_note is not None else ""
    if partial_note is not None:
        first.title = NOTE_SHEET
        first.column_dimensions["A"].width = 110
        first.append([PARTIAL_TITLE])
        first["A1"].font = Font(bold=True, size=14, color="C00000")
        for line in partial_note:
            first.append([line])
        for (cell,) in first.iter_rows(min_row=2):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        form = wb.create_sheet(SURVEY_SHEET)
        wb.properties.title = PARTIAL_TITLE
    else:
        form = first
        form.title = SURVEY_SHEET
    _table(form, communes, FIELDS, params, f"{prefix}Khảo sát chuyển đổi số cấp xã", 3)
    village_ws = wb.create_sheet(params["survey"]["village_sheet"])
    _table(village_ws, villages, VILLAGE_FIELDS, params, f"{prefix}Danh sách thôn", 4)
    return save_workbook(wb, path)

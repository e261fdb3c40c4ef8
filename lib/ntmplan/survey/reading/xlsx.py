"""XLSX workbooks: choosing the sheet, reading its cells as text, and noting merged cells and formulas."""

from __future__ import annotations

import datetime as _dt
import io as _io
import math
import re
import unicodedata
import zipfile

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.headers import HEADER_MIN_MATCHES, HEADER_SCAN_ROWS, header_score
from ntmplan.survey.reading.source import MAX_XLSX_UNCOMPRESSED, fail
from ntmplan.survey.reading.text import clean_text
from ntmplan.survey.units.text import fold

#: The survey sheet of the Excel template, read first when present.
SURVEY_SHEET = "khao_sat"


def excel_cell_text(value) -> str | None:
    """Return the text of an openpyxl cell value (numbers without spurious decimals, dates as ISO).

    Parameters
    ----------
    value : object
        A cell value as openpyxl gives it.

    Returns
    -------
    str or None
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    return clean_text(str(value))


def _nfc_rows(rows: list[list], name: str, problems: list[Problem]) -> list[list]:
    """NFC-normalise the text cells of XLSX rows, noting once if any were decomposed."""
    if all(c is None or unicodedata.is_normalized("NFC", c) for r in rows for c in r):
        return rows
    problems.append(
        Problem(
            name,
            None,
            None,
            "NFD",
            "Văn bản dùng dạng Unicode tổ hợp (NFD, dấu tách rời); đã chuẩn hóa sang dạng dựng sẵn (NFC)",
            "the text uses decomposed Unicode (NFD); it was normalised to NFC",
            "warning",
        )
    )
    return [[None if c is None else unicodedata.normalize("NFC", c) for c in r] for r in rows]


def xlsx_rows(data: bytes, name: str, sheet: str | None) -> tuple[list[list], list[Problem], dict]:
    """Read the chosen sheet of an XLSX into rows; note merged cells and formulas.

    Parameters
    ----------
    data : bytes
        The workbook's bytes.
    name : str
        The file's name, for the problems.
    sheet : str or None
        The sheet asked for (see :func:`choose_sheet`).

    Returns
    -------
    (list of list, list of Problem, dict)
        Rows of cell text, warnings, and ``meta`` (``merged`` ranges, ``formulas``
        by cell, the ``sheet`` read) for :func:`xlsx_notes`.

    Raises
    ------
    InputError
        For a corrupt workbook, one that expands beyond :data:`MAX_XLSX_UNCOMPRESSED`,
        or a missing sheet.
    """
    import openpyxl

    problems: list[Problem] = []
    corrupt_vi = (
        "Tệp Excel (.xlsx) bị hỏng hoặc không đúng định dạng — hãy mở trong Excel và lưu lại"
    )
    corrupt_en = (
        "the Excel file (.xlsx) is corrupt or not a real .xlsx — open it in Excel and save it again"
    )
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            sheets = [i for i in zf.infolist() if i.filename.startswith("xl/worksheets/")]
            total = sum(i.file_size for i in zf.infolist())
            # formulas are looked for only to explain them; the data-only load below reads the values
            has_formulas = total <= MAX_XLSX_UNCOMPRESSED and any(
                re.search(rb"<(?:\w+:)?f[ >/]", zf.read(i)) for i in sheets
            )
    except Exception as exc:  # noqa: BLE001 - zipfile/zlib raise many kinds for a damaged archive
        raise fail(name, corrupt_vi, f"{corrupt_en} ({type(exc).__name__})") from None
    if total > MAX_XLSX_UNCOMPRESSED:
        raise fail(
            name,
            "Tệp Excel giải nén quá lớn",
            f"the Excel file expands to more than {MAX_XLSX_UNCOMPRESSED} bytes",
        )
    try:
        wb = openpyxl.load_workbook(_io.BytesIO(data), data_only=True)
        wb_formulas = (
            openpyxl.load_workbook(_io.BytesIO(data), data_only=False) if has_formulas else None
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure means a corrupt file
        raise fail(name, corrupt_vi, f"{corrupt_en} ({type(exc).__name__})") from None

    names = [w.title for w in wb.worksheets]  # chartsheets hold no cells
    chosen = choose_sheet(wb, sheet, name)
    ws = wb[chosen]
    rows = _nfc_rows(
        [[excel_cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)], name, problems
    )
    meta = {
        "merged": [
            (m.min_row, m.min_col, m.max_row, m.max_col, m.coord) for m in ws.merged_cells.ranges
        ],
        "formulas": {},
        "sheet": chosen,
    }
    if wb_formulas is not None:
        wf = wb_formulas[chosen]
        cells = (c for r in wf.iter_rows() for c in r if c.data_type == "f")
        meta["formulas"] = {
            (c.row, c.column): (str(c.value), _cached(rows, c.row, c.column)) for c in cells
        }
    if len(names) > 1 and sheet is None and chosen != SURVEY_SHEET:
        if any(fold(n) == fold(SURVEY_SHEET) for n in names):
            vi = f"Trang tính «{SURVEY_SHEET}» không có dòng tiêu đề của mẫu khảo sát"
            en = f"sheet '{SURVEY_SHEET}' has no survey header row"
        else:
            vi, en = f"Không có trang tính «{SURVEY_SHEET}»", f"no sheet named '{SURVEY_SHEET}'"
        problems.append(
            Problem(
                name,
                None,
                None,
                chosen,
                f"{vi}; đã đọc trang «{chosen}» (các trang: {', '.join(names)})",
                f"{en}; read sheet '{chosen}' (sheets: {', '.join(names)})",
                "warning",
            )
        )
    return rows, problems, meta


def _cached(rows: list[list], row: int, col: int) -> bool:
    """Whether the cell at (row, col), 1-based, has a value in the data-only rows."""
    return row <= len(rows) and col <= len(rows[row - 1]) and rows[row - 1][col - 1] is not None


def choose_sheet(wb, sheet: str | None, name: str) -> str:
    """Pick the sheet to read: the one asked for, else khao_sat, else the only one or the one with a survey header.

    Parameters
    ----------
    wb : openpyxl.Workbook
    sheet : str or None
        The sheet asked for (matched exactly, then accent- and case-insensitively).
    name : str
        The file's name, for the problems.

    Returns
    -------
    str
        The sheet's title.

    Raises
    ------
    InputError
        If the sheet asked for does not exist, or no sheet is a survey sheet.
    """
    names = [w.title for w in wb.worksheets]  # chartsheets hold no cells
    if sheet is not None:
        if sheet in names:
            return sheet
        match = [n for n in names if fold(n) == fold(sheet)]
        if match:
            return match[0]
        raise fail(
            name,
            f"Không có trang tính «{sheet}»; tệp có các trang: {', '.join(names)}",
            f"no sheet named '{sheet}'; the workbook has: {', '.join(names)}",
            sheet,
        )

    def has_header(n: str) -> bool:
        top = [
            [excel_cell_text(v) for v in r]
            for r in wb[n].iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)
        ]
        return any(header_score(r) >= HEADER_MIN_MATCHES for r in top)

    # khao_sat first — unless it is left empty (the template) and the survey was pasted elsewhere
    match = (
        [SURVEY_SHEET]
        if SURVEY_SHEET in names
        else [n for n in names if fold(n) == fold(SURVEY_SHEET)]
    )
    if match and (len(names) == 1 or has_header(match[0])):
        return match[0]
    if len(names) == 1:
        return names[0]
    for n in names:
        if has_header(n):
            return n
    if match:
        return match[0]
    raise fail(
        name,
        f"Không tìm thấy trang khảo sát: không có trang «{SURVEY_SHEET}» và không trang nào có dòng tiêu đề của mẫu khảo sát (các trang: {', '.join(names)})",
        f"no survey sheet: no sheet named '{SURVEY_SHEET}' and no sheet with the survey's header row (sheets: {', '.join(names)})",
    )


def xlsx_notes(meta: dict, names: list, header_row: int, file: str) -> list[Problem]:
    """Return problems for merged cells and formula cells within the header and data area.

    Parameters
    ----------
    meta : dict
        As returned by :func:`xlsx_rows`.
    names : list
        Column name of each sheet column (None for a dropped one).
    header_row : int
        Excel row of the header.
    file : str
        The file's name.

    Returns
    -------
    list of Problem
        Merged cells (errors), formulas with a saved value (one warning per column),
        formulas without one (one error per column).
    """
    out: list[Problem] = []

    def col_name(c: int) -> str | None:
        return names[c - 1] if 0 < c <= len(names) else None

    for r1, c1, r2, _c2, coord in meta["merged"]:
        if r2 < header_row:
            continue
        out.append(
            Problem(
                file,
                max(r1, header_row),
                col_name(c1),
                coord,
                f"Ô gộp (merged) {coord} trong vùng tiêu đề/dữ liệu — hãy bỏ gộp ô và điền giá trị cho từng dòng",
                f"merged cells {coord} in the header/data area — unmerge them and fill every row",
            )
        )
    by_col: dict[tuple[str, bool], list] = {}
    for (r, c), (formula, cached) in sorted(meta["formulas"].items()):
        if r > header_row and col_name(c) is not None:
            by_col.setdefault((col_name(c), cached), []).append((r, formula))
    for (col, cached), cells in by_col.items():
        first_row, first_formula = cells[0]
        if cached:
            vi = f"Cột có {len(cells)} ô chứa công thức; đã dùng giá trị Excel đã tính và lưu trong tệp — nên dán giá trị (Paste Values)"
            en = f"{len(cells)} cell(s) of this column hold formulas; the values Excel saved were used — better paste values"
            out.append(Problem(file, first_row, col, first_formula, vi, en, "warning"))
            continue
        rows = ", ".join(str(r) for r, _ in cells[:10]) + ("…" if len(cells) > 10 else "")
        vi = f"{len(cells)} ô chứa công thức nhưng tệp không lưu giá trị đã tính (dòng {rows}) — hãy mở tệp bằng Excel và lưu lại, hoặc dán giá trị"
        en = f"{len(cells)} formula cell(s) without a saved value (rows {rows}) — open and save the file in Excel, or paste values"
        out.append(Problem(file, first_row, col, first_formula, vi, en))
    return out

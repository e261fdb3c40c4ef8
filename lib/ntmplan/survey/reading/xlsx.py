"""XLSX workbooks: reading the survey sheets' cells as text, and noting merged cells and formulas."""

from __future__ import annotations

import datetime as _dt
import io as _io
import math
import unicodedata

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.limits import check_workbook_archive
from ntmplan.survey.reading.sheets import choose_sheets
from ntmplan.survey.reading.source import CORRUPT_XLSX_EN, CORRUPT_XLSX_VI, fail
from ntmplan.survey.reading.text import clean_text


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


def nfc_rows(
    rows: list[list], name: str, problems: list[Problem], sheet: str | None = None
) -> list[list]:
    """NFC-normalise the text cells of a sheet's rows, noting once if any were decomposed.

    Parameters
    ----------
    rows : list of list
        Cells as text (str or None), as :func:`excel_cell_text` gives them.
    name : str
        File name for the problem.
    problems : list of Problem
        Appended to (one ``NFD`` warning) when a cell was not NFC.
    sheet : str, optional
        Sheet named in the problem.

    Returns
    -------
    list of list
        ``rows`` itself when every cell is NFC, else new rows with the text normalised.
    """
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
            sheet,
        )
    )
    return [[None if c is None else unicodedata.normalize("NFC", c) for c in r] for r in rows]


def xlsx_tables(
    data: bytes, name: str, sheet: str | None
) -> tuple[list[tuple[list[list], dict]], list[Problem]]:
    """Read the survey sheet(s) of an XLSX into rows; note merged cells and formulas.

    Parameters
    ----------
    data : bytes
        The workbook's bytes.
    name : str
        The file's name, for the problems.
    sheet : str or None
        The sheet asked for (see :func:`~ntmplan.survey.reading.sheets.choose_sheets`).

    Returns
    -------
    (list of (list of list, dict), list of Problem)
        For each sheet read, in workbook order: its rows of cell text and ``meta``
        (``merged`` ranges, ``formulas`` by cell, the ``sheet`` read) for
        :func:`xlsx_notes`; and the warnings about the workbook (sheets merged,
        ignored, hidden; decomposed Unicode).

    Raises
    ------
    InputError
        For a corrupt workbook, an OpenDocument file, one beyond the limits of
        :mod:`~ntmplan.survey.reading.source`, or a missing sheet.
    """
    import openpyxl

    problems: list[Problem] = []
    has_formulas = check_workbook_archive(data, name)
    try:
        wb = openpyxl.load_workbook(_io.BytesIO(data), data_only=True)
        wb_formulas = (
            openpyxl.load_workbook(_io.BytesIO(data), data_only=False) if has_formulas else None
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure means a corrupt file
        raise fail(name, CORRUPT_XLSX_VI, f"{CORRUPT_XLSX_EN} ({type(exc).__name__})") from None

    chosen, notes = choose_sheets(wb, sheet, name, excel_cell_text)
    problems.extend(notes)
    tables = []
    for title in chosen:
        ws = wb[title]
        rows = nfc_rows(
            [[excel_cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)],
            name,
            problems,
        )
        meta = {
            "merged": [
                (m.min_row, m.min_col, m.max_row, m.max_col, m.coord)
                for m in ws.merged_cells.ranges
            ],
            "formulas": {},
            "sheet": title,
        }
        if wb_formulas is not None:
            wf = wb_formulas[title]
            cells = (c for r in wf.iter_rows() for c in r if c.data_type == "f")
            meta["formulas"] = {
                (c.row, c.column): (str(c.value), _cached(rows, c.row, c.column)) for c in cells
            }
        tables.append((rows, meta))
    return tables, problems


def _cached(rows: list[list], row: int, col: int) -> bool:
    """Whether the cell at (row, col), 1-based, has a value in the data-only rows."""
    return row <= len(rows) and col <= len(rows[row - 1]) and rows[row - 1][col - 1] is not None


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

"""Rows of cells → the frame of strings: column names from the header, Excel row numbers as index."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.headers import find_header
from ntmplan.survey.reading.text import INVISIBLE_CHARS, show_invisible
from ntmplan.survey.reading.xlsx import xlsx_notes
from ntmplan.survey.schema.headers import column_for_header


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def frame_from_rows(
    rows: list[list], name: str, problems: list[Problem], meta: dict
) -> pd.DataFrame:
    """Find the header, name the columns, keep the data rows with their Excel row numbers.

    Parameters
    ----------
    rows : list of list
        Cells (``str`` or None); row i is Excel row i + 1.
    name : str
        The file's name.
    problems : list of Problem
        Problems noted so far; appended to, and stored in ``attrs["problems"]``.
    meta : dict
        ``{}`` for a CSV file, else as returned by :func:`~ntmplan.survey.reading.xlsx.xlsx_rows`.

    Returns
    -------
    pandas.DataFrame
        As :func:`~ntmplan.survey.reading.read_table` describes.

    Raises
    ------
    InputError
        If every row is empty.
    """
    is_xlsx = "sheet" in meta
    header_row, header, start = find_header(rows, name, problems)
    width = len(header)
    data_rows = [
        (i + 1, list(rows[i]) + [None] * (width - len(rows[i])))
        for i in range(start, len(rows))
        if any(c is not None for c in rows[i])
    ]
    names = _column_names(header, data_rows, is_xlsx, name, header_row, problems)
    keep = [j for j, n in enumerate(names) if n is not None]
    frame = pd.DataFrame(
        [[r[j] for j in keep] for _, r in data_rows],
        columns=[names[j] for j in keep],
        index=pd.Index([n for n, _ in data_rows], name="excel_row", dtype="int64"),
        dtype=object,
    )
    if is_xlsx:
        problems.extend(xlsx_notes(meta, names, header_row, name))
    frame.attrs.update({"file": name, "header_row": header_row, "problems": problems})
    return frame


def _column_names(
    header: list, data_rows: list, is_xlsx: bool, name: str, header_row: int, problems: list
) -> list[str | None]:
    """Name of each column (None to drop it): survey names, other headers as written,
    a placeholder for data without a header; duplicates are dropped with a problem."""
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for j, cell in enumerate(header):
        if cell is not None and any(ch in INVISIBLE_CHARS for ch in cell):
            shown, cell = show_invisible(cell), "".join(c for c in cell if c not in INVISIBLE_CHARS)
            problems.append(
                Problem(
                    name,
                    header_row,
                    column_for_header(cell) or cell,
                    shown,
                    f"Tiêu đề cột có ký tự ẩn ({shown}); đã bỏ ký tự ẩn khi đọc — nên gõ lại tiêu đề",
                    f"the column header holds invisible characters ({shown}); they were removed — better retype the header",
                    "warning",
                )
            )
        label = column_for_header(cell) or cell
        has_data = any(r[j] is not None for _, r in data_rows)
        if label is None:
            if not has_data:
                names.append(None)
                continue
            letter = _column_letter(j) if is_xlsx else str(j + 1)
            label = f"(cột {letter} không có tiêu đề / column {letter} without header)"
            if not is_xlsx:
                for rownum, r in data_rows:
                    if r[j] is not None:
                        problems.append(
                            Problem(
                                name,
                                rownum,
                                None,
                                r[j],
                                "Dòng có nhiều ô hơn dòng tiêu đề — có thể một tên chứa dấu phẩy mà không đặt trong ngoặc kép",
                                "the row has more cells than the header — perhaps a name contains a comma without quotes",
                            )
                        )
        if label in seen:
            problems.append(
                Problem(
                    name,
                    header_row,
                    label,
                    cell,
                    f"Cột bị trùng tên (cột thứ {seen[label] + 1} và {j + 1}); chỉ dùng cột đầu",
                    f"duplicate column (positions {seen[label] + 1} and {j + 1}); the first is used",
                )
            )
            names.append(None)
            continue
        seen[label] = j
        names.append(label)
    return names

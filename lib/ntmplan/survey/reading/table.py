"""Reading survey tables from a CSV or XLSX file (:func:`read_tables`, :func:`read_table`)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pandas as pd

from ntmplan.survey.reading.frame import frame_from_rows
from ntmplan.survey.reading.limits import refuse_opendocument
from ntmplan.survey.reading.source import OLE_MAGIC, ZIP_MAGIC, fail, read_input_bytes
from ntmplan.survey.reading.text import csv_rows, decode_text
from ntmplan.survey.reading.xlsx import xlsx_tables


def read_tables(path: str | Path, sheet: str | None = None) -> list[pd.DataFrame]:
    """Read the survey table(s) of a CSV or XLSX file, one frame per sheet read.

    A CSV file, or a workbook whose survey is on one sheet, gives one frame (as
    :func:`read_table` describes). A workbook with several visible survey-shaped sheets
    gives one frame per sheet, in workbook order, each with ``attrs["file"]`` naming the
    file and the sheet (``"khao_sat.xlsx › Khu vực 2"``) so that every problem points to
    its sheet; the first frame's problems also carry the workbook-level notes (sheets
    merged, hidden sheets ignored). See :mod:`~ntmplan.survey.reading.sheets`.

    Parameters
    ----------
    path : str or Path
    sheet : str, optional
        Sheet to read from an XLSX file (then exactly one frame).

    Returns
    -------
    list of pandas.DataFrame

    Raises
    ------
    InputError
        As :func:`read_table`.
    """
    path = Path(path)
    name = str(path)
    data = read_input_bytes(path)
    suffix = path.suffix.lower()
    if data.startswith(OLE_MAGIC) or suffix == ".xls":
        raise fail(
            name,
            "Tệp Excel cũ (.xls) hoặc tệp Excel có mật khẩu — hãy mở trong Excel và lưu lại thành .xlsx (không đặt mật khẩu) hoặc CSV UTF-8",
            "old Excel file (.xls) or password-protected workbook — save it as .xlsx (no password) or CSV UTF-8",
        )
    if suffix == ".ods":
        refuse_opendocument(name)
    if suffix in (".xlsx", ".xlsm") or data.startswith(ZIP_MAGIC):
        tables, problems = xlsx_tables(data, name, sheet)
        several = len(tables) > 1
        frames = []
        for i, (rows, meta) in enumerate(tables):
            label = f"{name} › {meta['sheet']}" if several else name
            sheet_problems = list(problems) if i == 0 else []
            frames.append(frame_from_rows(rows, label, sheet_problems, meta))
        return frames
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise fail(name, "Tệp rỗng", "the file is empty")
    text, problems = decode_text(data, name)
    rows = csv_rows(text, name, problems)
    return [frame_from_rows(rows, name, problems, {})]


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX table into a frame of strings, without ever writing the file.

    CSV: UTF-8 with or without BOM; UTF-16 (Excel's "Unicode text") and the
    Vietnamese Windows code page cp1258 are read with a warning; other
    encodings (TCVN3, VNI, …) are refused with an explanation. The delimiter
    (``,`` ``;`` or tab) is the one that splits the header row into survey columns.
    XLSX: the visible sheet that holds a survey header (``khao_sat`` in the
    template), else ``sheet``; cached values of formulas are used. A workbook
    with several survey sheets is read by :func:`read_tables`.

    The header row is the first of the top rows naming at least
    :data:`HEADER_MIN_MATCHES` survey columns (title rows above it are
    skipped), else the first non-empty row. A row right below it that repeats
    the column names (the template's English row) is skipped too. Headers that
    are survey labels (Vietnamese) or names (English), in any case and with or
    without accents, are renamed to the English column names; other headers
    are kept as written. Text is NFC-normalised and stripped; empty cells are
    None; fully empty rows are skipped.

    Parameters
    ----------
    path : str or Path
    sheet : str, optional
        Sheet to read from an XLSX file.

    Returns
    -------
    pandas.DataFrame
        Object columns of ``str`` or None. The index, named ``excel_row``, is
        the row number a user sees in Excel (header = row 1 in a plain file).
        ``attrs``: ``file`` (str), ``header_row`` (int), ``problems`` (list of
        :class:`~ntmplan.core.errors.Problem` noted while reading).

    Raises
    ------
    InputError
        If the file is missing, empty, too large or beyond the limits of
        :mod:`~ntmplan.survey.reading.limits`, an old .xls or an .ods, a corrupt
        or unreadable XLSX, in an encoding that cannot be identified, the
        requested sheet does not exist, or several sheets hold survey data.
    """
    frames = read_tables(path, sheet)
    if len(frames) > 1:
        sheets = ", ".join(f.attrs["file"].rsplit(" › ", 1)[-1] for f in frames)
        raise fail(
            str(path),
            f"Tệp có nhiều trang dạng khảo sát ({sheets}); hãy chỉ định một trang",
            f"several sheets look like survey data ({sheets}); name one sheet",
        )
    return frames[0]

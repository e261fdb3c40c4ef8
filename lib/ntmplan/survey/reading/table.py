"""Reading a survey table from a CSV or XLSX file (:func:`read_table`)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pandas as pd

from ntmplan.survey.reading.frame import frame_from_rows
from ntmplan.survey.reading.source import OLE_MAGIC, ZIP_MAGIC, fail, read_input_bytes
from ntmplan.survey.reading.text import csv_rows, decode_text
from ntmplan.survey.reading.xlsx import xlsx_rows


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX table into a frame of strings, without ever writing the file.

    CSV: UTF-8 with or without BOM; UTF-16 (Excel's "Unicode text") and the
    Vietnamese Windows code page cp1258 are read with a warning; other
    encodings (TCVN3, VNI, …) are refused with an explanation. The delimiter
    (``,`` ``;`` or tab) is detected from the header line.
    XLSX: the sheet ``khao_sat`` when present (else ``sheet``, else the sheet
    that holds a survey header); cached values of formulas are used.

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
        If the file is missing, empty, too large, an old .xls, a corrupt or
        unreadable XLSX, in an encoding that cannot be identified, or the
        requested sheet does not exist.
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
    if suffix in (".xlsx", ".xlsm") or data.startswith(ZIP_MAGIC):
        rows, problems, meta = xlsx_rows(data, name, sheet)
    else:
        if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
            raise fail(name, "Tệp rỗng", "the file is empty")
        text, problems = decode_text(data, name)
        rows, meta = csv_rows(text, name), {}
    return frame_from_rows(rows, name, problems, meta)

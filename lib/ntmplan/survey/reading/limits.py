"""Limits on the work a survey file may ask for, checked before the expensive parse.

A survey of the whole country has about 3,300 communes a year; the limits below leave
room for many years and wide sheets, and refuse what would take minutes and gigabytes
(a zip bomb, millions of tiny shared strings, a sheet of a million rows) with a message
giving the limit. They are technical limits of this tool, not policy.
"""

from __future__ import annotations

import io as _io
import re
import zipfile

from ntmplan.core.errors import InputError
from ntmplan.survey.reading.source import (
    CORRUPT_XLSX_EN,
    CORRUPT_XLSX_VI,
    MAX_XLSX_UNCOMPRESSED,
    fail,
)

#: Most data rows read from one file or sheet (about 30 years of the whole country).
MAX_ROWS = 100_000
#: Most cells read from one file (all its sheets together): about 10 s of parsing on an
#: ordinary machine (3 million cells took 31 s of processor time).
MAX_CELLS = 1_000_000
#: Most shared strings in a workbook (every distinct text of a real survey is far fewer).
MAX_SHARED_STRINGS = 1_000_000
#: First bytes of an OpenDocument file's ``mimetype`` member.
ODS_MIMETYPE = b"application/vnd.oasis.opendocument"

_ROW_TAG = re.compile(rb"<(?:\w+:)?row[ >]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[ >]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_COUNT_ATTR = re.compile(rb'uniqueCount="(\d+)"|count="(\d+)"')


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def refuse_opendocument(name: str) -> None:
    """Raise the message for an OpenDocument spreadsheet (.ods), which is not read.

    Parameters
    ----------
    name : str
        The file's name.

    Raises
    ------
    InputError
        Always, saying how to save the file as .xlsx or CSV.
    """
    raise fail(
        name,
        "Tệp bảng tính OpenDocument (.ods) chưa được hỗ trợ — hãy mở bằng LibreOffice Calc hoặc Excel và "
        "lưu lại thành Excel (.xlsx) hoặc CSV UTF-8",
        "OpenDocument spreadsheet (.ods) is not read — open it in LibreOffice Calc or Excel and save it as "
        ".xlsx or CSV UTF-8",
    )


def check_rows(n_rows: int, n_cells: int, name: str, where: str = "") -> None:
    """Refuse a table with more rows or cells than :data:`MAX_ROWS` / :data:`MAX_CELLS`.

    Parameters
    ----------
    n_rows, n_cells : int
        Rows and cells of the table.
    name : str
        The file's name.
    where : str
        The sheet's number in the workbook, for the message ("" for a CSV file or the whole file).

    Raises
    ------
    InputError
        Naming the limit exceeded.
    """
    at_vi = f" (trang tính thứ {where})" if where else ""
    at_en = f" (sheet {where})" if where else ""
    if n_rows > MAX_ROWS:
        raise fail(
            name,
            f"Bảng có {_n(n_rows)} dòng{at_vi}, vượt giới hạn {_n(MAX_ROWS)} dòng — hãy tách tệp theo tỉnh hoặc theo năm",
            f"the table has {n_rows:,} rows{at_en}, beyond the limit of {MAX_ROWS:,} — split the file by province or year",
        )
    if n_cells > MAX_CELLS:
        raise fail(
            name,
            f"Bảng có {_n(n_cells)} ô{at_vi}, vượt giới hạn {_n(MAX_CELLS)} ô — hãy xóa các cột, dòng thừa",
            f"the table has {n_cells:,} cells{at_en}, beyond the limit of {MAX_CELLS:,} — delete the unused rows and columns",
        )


def check_workbook_archive(data: bytes, name: str) -> bool:
    """Check an .xlsx archive before parsing it; return whether any sheet holds formulas.

    Parameters
    ----------
    data : bytes
        The workbook's bytes.
    name : str
        The file's name.

    Returns
    -------
    bool
        True when a worksheet holds a formula cell (explained later by ``xlsx_notes``).

    Raises
    ------
    InputError
        A damaged archive, an OpenDocument file, an uncompressed size beyond
        :data:`MAX_XLSX_UNCOMPRESSED`, more shared strings than :data:`MAX_SHARED_STRINGS`,
        or a sheet beyond :data:`MAX_ROWS` / :data:`MAX_CELLS`.
    """
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if "mimetype" in zf.namelist() and zf.read("mimetype").startswith(ODS_MIMETYPE):
                refuse_opendocument(name)
            total = sum(i.file_size for i in infos)
            if total > MAX_XLSX_UNCOMPRESSED:
                raise fail(
                    name,
                    f"Tệp Excel giải nén quá lớn (tối đa {_n(MAX_XLSX_UNCOMPRESSED)} byte)",
                    f"the Excel file expands to more than {MAX_XLSX_UNCOMPRESSED} bytes",
                )
            strings = [i for i in infos if i.filename.lower() == "xl/sharedstrings.xml"]
            if strings:
                _check_shared_strings(zf, strings[0], name)
            has_formulas, total_cells = False, 0
            for info in infos:
                if not info.filename.startswith("xl/worksheets/"):
                    continue
                xml = zf.read(info)
                n_cells = len(_CELL_TAG.findall(xml))
                number = re.search(r"(\d+)\.xml$", info.filename)
                where = number.group(1) if number else info.filename
                check_rows(len(_ROW_TAG.findall(xml)), n_cells, name, where)
                total_cells += n_cells
                has_formulas = has_formulas or bool(_FORMULA_TAG.search(xml))
            check_rows(0, total_cells, name)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zlib and zipfile raise many kinds for a damaged archive
        raise fail(name, CORRUPT_XLSX_VI, f"{CORRUPT_XLSX_EN} ({type(exc).__name__})") from None
    return has_formulas


def _check_shared_strings(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a shared-string table beyond :data:`MAX_SHARED_STRINGS` entries."""
    with zf.open(info) as fh:
        head = fh.read(2048)
    declared = [int(a or b) for a, b in _COUNT_ATTR.findall(head)]
    count = max(declared) if declared else 0
    if count <= MAX_SHARED_STRINGS and info.file_size > 40 * MAX_SHARED_STRINGS:
        count = zf.read(info).count(b"<si")
    if count > MAX_SHARED_STRINGS:
        raise fail(
            name,
            f"Tệp Excel có {_n(count)} chuỗi văn bản, vượt giới hạn {_n(MAX_SHARED_STRINGS)} — tệp không giống một bảng khảo sát; "
            "hãy chép riêng bảng khảo sát sang một tệp mới",
            f"the workbook holds {count:,} shared strings, beyond the limit of {MAX_SHARED_STRINGS:,} — it does not look like a "
            "survey table; copy the survey alone into a new file",
        )

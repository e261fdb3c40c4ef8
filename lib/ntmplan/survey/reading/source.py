"""The input file itself: size limits, and reading its bytes once (never writing it)."""

from __future__ import annotations

from pathlib import Path

from ntmplan.core.errors import InputError, Problem

#: Largest input file accepted, in bytes.
MAX_INPUT_BYTES = 200_000_000
#: Largest total uncompressed size of an .xlsx accepted (guards against zip bombs).
MAX_XLSX_UNCOMPRESSED = 1_000_000_000
#: What is said of a workbook that cannot be opened.
CORRUPT_XLSX_VI = (
    "Tệp Excel (.xlsx) bị hỏng hoặc không đúng định dạng — hãy mở trong Excel và lưu lại"
)
CORRUPT_XLSX_EN = (
    "the Excel file (.xlsx) is corrupt or not a real .xlsx — open it in Excel and save it again"
)
#: First bytes of an old Excel (.xls) or password-protected workbook (OLE compound file).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: First bytes of a zip archive (.xlsx).
ZIP_MAGIC = b"PK\x03\x04"


def fail(file: str, vi: str, en: str, value=None) -> InputError:
    """Return the error for an input that cannot be read (one file-level problem).

    Parameters
    ----------
    file : str
        The file's name.
    vi, en : str
        What is wrong, in Vietnamese and English.
    value : object, optional
        The offending value.

    Returns
    -------
    InputError
        To be raised by the caller.
    """
    return InputError([Problem(file, None, None, value, vi, en)])


def require_data_file(path: str | Path) -> Path:
    """Return a survey data file's path, refusing one that is not an existing file.

    Parameters
    ----------
    path : str or Path
        The data file given by the user.

    Returns
    -------
    Path

    Raises
    ------
    InputError
        "data file not found" if ``path`` is missing or not a regular file.
    """
    path = Path(path)
    if not path.is_file():
        raise fail(str(path), "Không tìm thấy tệp dữ liệu", "data file not found")
    return path


def read_input_bytes(path: Path) -> bytes:
    """Return the bytes of an input file, refusing what is missing, not a file or too large.

    Parameters
    ----------
    path : Path
        The file; it is only read.

    Returns
    -------
    bytes

    Raises
    ------
    InputError
        If the file is missing, not a regular file, larger than :data:`MAX_INPUT_BYTES`
        or cannot be read.
    """
    name = str(path)
    if not path.exists():
        raise fail(name, "Không tìm thấy tệp", "file not found")
    if not path.is_file():
        raise fail(name, "Đường dẫn không phải là một tệp", "path is not a file")
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise fail(
            name,
            f"Tệp quá lớn ({size} byte, tối đa {MAX_INPUT_BYTES})",
            f"file too large ({size} bytes, at most {MAX_INPUT_BYTES})",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise fail(
            name, f"Không đọc được tệp: {exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None

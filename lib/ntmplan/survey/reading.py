"""Reading and writing files: survey tables, Excel, CSV, JSON, atomic writes.

Reading (:func:`read_table`) never writes the input: the file's bytes are read
once and parsed in memory. What makes a file unreadable raises
:class:`~ntmplan.core.errors.InputError`; what was read but deserves a word
(another encoding, decomposed Unicode, title rows, merged cells, formulas) is
returned as problems in ``frame.attrs["problems"]`` and reported by
:func:`ntmplan.survey.schema.validate_survey`.

Writing is deterministic (same input → same bytes) and atomic (temporary file
and rename). Text cells that a spreadsheet would run as a formula (starting
with ``= + - @``, tab or carriage return) are neutralised with a leading
apostrophe in every CSV and XLSX export.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io as _io
import json
import math
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd

from ntmplan.core.errors import InputError, Problem

#: Largest input file accepted, in bytes.
MAX_INPUT_BYTES = 200_000_000
#: Largest total uncompressed size of an .xlsx accepted (guards against zip bombs).
MAX_XLSX_UNCOMPRESSED = 1_000_000_000
#: The survey sheet of the Excel template, read first when present.
SURVEY_SHEET = "khao_sat"
#: How many rows from the top are searched for the header row.
HEADER_SCAN_ROWS = 30
#: A row naming at least this many survey columns is taken as the header.
HEADER_MIN_MATCHES = 3
#: First characters that make a spreadsheet treat text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Fixed timestamp written into every XLSX (document properties and zip entries).
FIXED_TIMESTAMP = _dt.datetime(2025, 1, 1, 0, 0, 0)

#: The process umask (read once; new files get 0666 minus it, like open() would give).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
#: Typographic characters that do not count against a Vietnamese code-page guess.
_TYPOGRAPHIC = set("–—‘’“”…•°№€\u00a0«»·")


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write bytes to ``path`` via a temporary file in the same folder and a rename.

    Parameters
    ----------
    path : Path
    data : bytes

    Returns
    -------
    Path
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


# ---------------------------------------------------------------- reading


def _fail(file: str, vi: str, en: str, value=None) -> InputError:
    return InputError([Problem(file, None, None, value, vi, en)])


def _read_input_bytes(path: Path) -> bytes:
    name = str(path)
    if not path.exists():
        raise _fail(name, "Không tìm thấy tệp", "file not found")
    if not path.is_file():
        raise _fail(name, "Đường dẫn không phải là một tệp", "path is not a file")
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise _fail(
            name,
            f"Tệp quá lớn ({size} byte, tối đa {MAX_INPUT_BYTES})",
            f"file too large ({size} bytes, at most {MAX_INPUT_BYTES})",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _fail(
            name, f"Không đọc được tệp: {exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None


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
    data = _read_input_bytes(path)
    suffix = path.suffix.lower()
    if data.startswith(_OLE_MAGIC) or suffix == ".xls":
        raise _fail(
            name,
            "Tệp Excel cũ (.xls) hoặc tệp Excel có mật khẩu — hãy mở trong Excel và lưu lại thành .xlsx (không đặt mật khẩu) hoặc CSV UTF-8",
            "old Excel file (.xls) or password-protected workbook — save it as .xlsx (no password) or CSV UTF-8",
        )
    if suffix in (".xlsx", ".xlsm") or data.startswith(_ZIP_MAGIC):
        rows, problems, meta = _xlsx_rows(data, name, sheet)
    else:
        if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
            raise _fail(name, "Tệp rỗng", "the file is empty")
        text, problems = _decode_text(data, name)
        rows, meta = _csv_rows(text, name), {}
    return _frame_from_rows(rows, name, problems, meta)


def _vietnamese_letter(ch: str) -> bool:
    """Whether a character is a letter of the Vietnamese alphabet (with its marks)."""
    if ch in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    return (
        base.isascii()
        and base.isalpha()
        and all(m in "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b" for m in marks)
    )


def _looks_vietnamese(text: str) -> bool:
    """Whether the non-ASCII characters of a decoded text are Vietnamese letters (≥ 90%)."""
    odd = [
        ch
        for ch in set(unicodedata.normalize("NFC", text))
        if not ch.isascii() and ch not in _TYPOGRAPHIC
    ]
    if not odd:
        return True
    good = sum(_vietnamese_letter(ch) for ch in odd)
    return good / len(odd) >= 0.9


def _decode_text(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Decode a CSV file's bytes; return NFC text and the problems noted."""
    problems: list[Problem] = []

    def note(vi: str, en: str, value=None):
        problems.append(Problem(name, None, None, value, vi, en, "warning"))

    save_hint_vi = "nên lưu lại bằng «CSV UTF-8 (Comma delimited)» trong Excel"
    save_hint_en = "better save it as 'CSV UTF-8 (Comma delimited)' in Excel"
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(
                name,
                f"Tệp đánh dấu UTF-8 (BOM) nhưng có byte không hợp lệ ở vị trí {exc.start}; {save_hint_vi}",
                f"the file is marked UTF-8 (BOM) but has invalid bytes at offset {exc.start}; {save_hint_en}",
            ) from None
    elif (
        data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or data[:4096].count(0) > len(data[:4096]) // 4
    ):
        encoding = "utf-16"
        if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            head = data[:4096]
            encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise _fail(
                name,
                f"Tệp có byte 0 (NUL) nhưng không phải UTF-16 hợp lệ — có thể không phải tệp văn bản; {save_hint_vi}",
                f"the file has NUL bytes but is not valid UTF-16 — perhaps not a text file; {save_hint_en}",
            ) from None
        text = text.lstrip("\ufeff")
        note(
            f"Tệp mã hóa UTF-16 (Excel «Unicode Text»); đã đọc được, {save_hint_vi}",
            f"the file is UTF-16 (Excel 'Unicode Text'); it was read, but {save_hint_en}",
            "UTF-16",
        )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                guess = data.decode("cp1258")
            except UnicodeDecodeError:
                guess = None
            if guess is None or not _looks_vietnamese(guess):
                raise _fail(
                    name,
                    "Không nhận ra bảng mã của tệp: không phải UTF-8, UTF-16 hay Windows-1258 (có thể là TCVN3/ABC hoặc VNI); "
                    f"hãy mở tệp, chuyển sang Unicode (ví dụ bằng Unikey) và {save_hint_vi}",
                    "unknown text encoding: not UTF-8, UTF-16 or Windows-1258 (perhaps TCVN3/ABC or VNI); "
                    f"convert it to Unicode (e.g. with Unikey) and {save_hint_en}",
                ) from None
            text = guess
            note(
                f"Tệp dùng bảng mã Windows-1258 (cp1258), không phải UTF-8; đã chuyển đổi — hãy kiểm tra tên có dấu, và {save_hint_vi}",
                f"the file uses the Windows-1258 code page (cp1258), not UTF-8; it was converted — check accented names, and {save_hint_en}",
                "cp1258",
            )
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text and not any(p.value == "cp1258" for p in problems):
        note(
            "Văn bản dùng dạng Unicode tổ hợp (NFD, dấu tách rời); đã chuẩn hóa sang dạng dựng sẵn (NFC)",
            "the text uses decomposed Unicode (NFD); it was normalised to NFC",
            "NFD",
        )
    return nfc, problems


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _csv_rows(text: str, name: str) -> list[list]:
    """Split CSV text into rows of stripped cells (row i is Excel row i + 1)."""
    delimiter = _sniff_delimiter(text)
    try:
        rows = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _fail(name, f"Tệp CSV không đọc được: {exc}", f"unreadable CSV: {exc}") from None
    return [[_clean_text(c) for c in r] for r in rows]


def _clean_text(value: str) -> str | None:
    value = value.strip().strip(_INVISIBLE).strip()
    return value or None


def _excel_cell_text(value) -> str | None:
    """Text of an openpyxl cell value (numbers without spurious decimals, dates as ISO)."""
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
    return _clean_text(str(value))


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


def _header_score(row: list) -> int:
    from ntmplan.survey.schema import column_for_header

    return len({column_for_header(c) for c in row if c is not None} - {None})


def _xlsx_rows(data: bytes, name: str, sheet: str | None) -> tuple[list[list], list[Problem], dict]:
    """Read the chosen sheet of an XLSX into rows; note merged cells and formulas."""
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
        raise _fail(name, corrupt_vi, f"{corrupt_en} ({type(exc).__name__})") from None
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _fail(
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
        raise _fail(name, corrupt_vi, f"{corrupt_en} ({type(exc).__name__})") from None

    names = [w.title for w in wb.worksheets]  # chartsheets hold no cells
    chosen = _choose_sheet(wb, sheet, name)
    ws = wb[chosen]
    rows = _nfc_rows(
        [[_excel_cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)], name, problems
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
        from ntmplan.survey.units import fold

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


def _choose_sheet(wb, sheet: str | None, name: str) -> str:
    """Pick the sheet to read: the one asked for, else khao_sat, else the only one or the one with a survey header."""
    from ntmplan.survey.units import fold

    names = [w.title for w in wb.worksheets]  # chartsheets hold no cells
    if sheet is not None:
        if sheet in names:
            return sheet
        match = [n for n in names if fold(n) == fold(sheet)]
        if match:
            return match[0]
        raise _fail(
            name,
            f"Không có trang tính «{sheet}»; tệp có các trang: {', '.join(names)}",
            f"no sheet named '{sheet}'; the workbook has: {', '.join(names)}",
            sheet,
        )

    def has_header(n: str) -> bool:
        top = [
            [_excel_cell_text(v) for v in r]
            for r in wb[n].iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)
        ]
        return any(_header_score(r) >= HEADER_MIN_MATCHES for r in top)

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
    raise _fail(
        name,
        f"Không tìm thấy trang khảo sát: không có trang «{SURVEY_SHEET}» và không trang nào có dòng tiêu đề của mẫu khảo sát (các trang: {', '.join(names)})",
        f"no survey sheet: no sheet named '{SURVEY_SHEET}' and no sheet with the survey's header row (sheets: {', '.join(names)})",
    )


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _frame_from_rows(
    rows: list[list], name: str, problems: list[Problem], meta: dict
) -> pd.DataFrame:
    """Find the header, name the columns, keep the data rows with their Excel row numbers."""
    from ntmplan.survey.schema import column_for_header

    is_xlsx = "sheet" in meta
    nonempty = [i for i, r in enumerate(rows) if any(c is not None for c in r)]
    if not nonempty:
        raise _fail(name, "Tệp (hoặc trang tính) không có dữ liệu", "the file (or sheet) is empty")
    top = nonempty[:HEADER_SCAN_ROWS]
    scored = [i for i in top if _header_score(rows[i]) >= HEADER_MIN_MATCHES]
    h = scored[0] if scored else nonempty[0]
    header_row = h + 1
    if h > 0 and scored:
        problems.append(
            Problem(
                name,
                header_row,
                None,
                None,
                f"Dòng tiêu đề nằm ở dòng {header_row}; đã bỏ qua {h} dòng phía trên (tiêu đề bảng, ghi chú)",
                f"the header is on row {header_row}; the {h} row(s) above it were skipped",
                "warning",
            )
        )
    width = max(len(r) for r in rows)
    header = list(rows[h]) + [None] * (width - len(rows[h]))
    start = h + 1
    sub = rows[start] if start < len(rows) else []
    if sub and _header_score(sub) >= HEADER_MIN_MATCHES:
        sub = list(sub) + [None] * (width - len(sub))
        header = [
            hc if column_for_header(hc) or sc is None else sc
            for hc, sc in zip(header, sub, strict=True)
        ]
        start += 1
    data_rows = [
        (i + 1, list(rows[i]) + [None] * (width - len(rows[i])))
        for i in range(start, len(rows))
        if any(c is not None for c in rows[i])
    ]

    names: list[str | None] = []
    seen: dict[str, int] = {}
    for j, cell in enumerate(header):
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

    keep = [j for j, n in enumerate(names) if n is not None]
    frame = pd.DataFrame(
        [[r[j] for j in keep] for _, r in data_rows],
        columns=[names[j] for j in keep],
        index=pd.Index([n for n, _ in data_rows], name="excel_row", dtype="int64"),
        dtype=object,
    )
    if is_xlsx:
        problems.extend(_xlsx_notes(meta, names, header_row, name))
    frame.attrs.update({"file": name, "header_row": header_row, "problems": problems})
    return frame


def _xlsx_notes(meta: dict, names: list, header_row: int, file: str) -> list[Problem]:
    """Problems for merged cells and formula cells within the header and data area."""
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


# ---------------------------------------------------------------- survey


def load_survey(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Read and validate a survey file.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX (see :func:`read_table`).
    scheme : str
        ``current`` (2025 units) or ``legacy``.
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    pandas.DataFrame
        The typed survey (see :func:`ntmplan.survey.schema.validate_survey`). Warnings,
        if any, are in ``attrs["problems"]``.

    Raises
    ------
    InputError
        If the file cannot be read or any row has an error; ``.problems``
        lists every problem (errors and warnings).
    """
    from ntmplan.survey.schema import validate_survey

    raw = read_table(path)
    typed, problems = validate_survey(raw, scheme=scheme, file=str(path), params=params)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if problems:
        typed.attrs["problems"] = problems
    return typed


#: Modules whose code decides what a validated survey looks like (part of the disk-cache key).
_SURVEY_CODE = ("survey/schema.py", "survey/reading.py", "survey/units.py", "core/errors.py")
_SURVEY_MEMORY: dict[str, pd.DataFrame] = {}


def _survey_cache_key(data: bytes, scheme: str, params: dict | None) -> str:
    import hashlib
    import json

    from ntmplan.core.params import default_params

    survey_params = (params or default_params())["survey"]
    h = hashlib.sha256(scheme.encode())
    h.update(data)
    h.update(json.dumps(survey_params, sort_keys=True, ensure_ascii=False).encode())
    here = Path(__file__).resolve().parents[1]
    for name in _SURVEY_CODE:
        f = here / name
        if f.is_file():
            h.update(f.read_bytes())
    return h.hexdigest()[:32]


def load_survey_cached(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Like :func:`load_survey`, cached in memory and on disk across processes.

    Validating the national survey takes about a second and every notebook
    kernel needs it, so the first kernel stores the validated frame in
    ``paths.CACHE_DIR/surveys/`` (pickle, written atomically) and the others
    read it in milliseconds. The key is the file's bytes, the scheme, the
    ``survey`` params and the reader's code, so any change revalidates. Only
    files this function wrote are unpickled.

    Parameters
    ----------
    path : str or Path
    scheme : str
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        A copy (callers may modify it).

    Raises
    ------
    InputError
        As :func:`load_survey`.
    """
    import pickle

    from ntmplan.core import paths

    path = Path(path)
    data = _read_input_bytes(path)
    key = _survey_cache_key(data, scheme, params)
    if key in _SURVEY_MEMORY:
        return _SURVEY_MEMORY[key].copy()
    cache = paths.CACHE_DIR / "surveys" / f"{key}.pkl"
    survey = None
    if cache.is_file():
        try:
            survey = pickle.loads(cache.read_bytes())  # noqa: S301 - our own cache file
        except Exception:  # noqa: BLE001 - a damaged cache is rebuilt
            cache.unlink(missing_ok=True)
    if survey is None:
        survey = load_survey(path, scheme=scheme, params=params)
        try:
            atomic_write_bytes(cache, pickle.dumps(survey, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only outputs folder only costs speed
    _SURVEY_MEMORY.clear()  # keep one survey per process
    _SURVEY_MEMORY[key] = survey
    return survey.copy()


# ---------------------------------------------------------------- writing


def neutralise(value):
    """Return a text value that a spreadsheet will not run as a formula.

    Parameters
    ----------
    value : object
        Any cell value; only ``str`` values are changed.

    Returns
    -------
    object
        ``"'" + value`` when a string starts with ``= + - @``, tab or CR;
        otherwise ``value`` unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _excel_value(value):
    """Turn a frame value into something openpyxl writes as a plain cell."""
    import numpy as np
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if math.isfinite(v) else (None if math.isnan(v) else str(v))
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return neutralise(text)


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "_", str(name)).strip("'")[:31] or "Sheet"
    base, n = title, 2
    while title.lower() in used:
        suffix = f"_{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _normalised_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed entry timestamps and fixed document dates."""
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = _io.BytesIO()
    with (
        zipfile.ZipFile(_io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp.encode() + rb"\g<3>",
                    content,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, content)
    return out.getvalue()


def save_workbook(wb, path: str | Path) -> Path:
    """Save an openpyxl workbook deterministically and atomically.

    Parameters
    ----------
    wb : openpyxl.Workbook
    path : str or Path

    Returns
    -------
    Path

    Notes
    -----
    Document properties (creator, created, modified) and zip entry times are
    fixed, so the same content always gives the same bytes.
    """
    wb.properties.creator = "ntmplan"
    wb.properties.lastModifiedBy = "ntmplan"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    buf = _io.BytesIO()
    wb.save(buf)
    return atomic_write_bytes(Path(path), _normalised_zip(buf.getvalue()))


def _column_width(header: str, values: pd.Series) -> float:
    sample = values.head(1000).map(
        lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    )
    longest = int(sample.str.len().max()) if len(sample) else 0
    head = max((len(w) for w in str(header).split()), default=0)
    return float(min(60, max(8, longest + 2, head + 2, min(len(str(header)), 30) * 0.6)))


def fill_sheet(
    ws, df: pd.DataFrame, labels: dict[str, str] | None = None, header_rows: int = 1
) -> None:
    """Write a frame into an openpyxl worksheet: styled header, values, widths, frozen header.

    Parameters
    ----------
    ws : openpyxl worksheet
        An empty worksheet.
    df : pandas.DataFrame
    labels : dict, optional
        Column name → header text; other columns keep their names.
    header_rows : int
        Rows frozen at the top (1 = the header row).

    Returns
    -------
    None
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    labels = labels or {}
    bold, fill, wrap = (
        Font(bold=True),
        PatternFill("solid", fgColor="DDEBF7"),
        Alignment(wrap_text=True, vertical="top"),
    )
    headers = [neutralise(str(labels.get(c, c))) for c in df.columns]
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for row in df.itertuples(index=False, name=None):
        ws.append([_excel_value(v) for v in row])
    for j, col in enumerate(df.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _column_width(headers[j - 1], df[col])
    ws.freeze_panes = f"A{header_rows + 1}"
    if len(df.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"


def write_excel(
    path: str | Path, sheets: dict[str, pd.DataFrame], labels: dict[str, str] | None = None
) -> Path:
    """Write frames to an XLSX workbook, one sheet each, deterministically.

    Parameters
    ----------
    path : str or Path
    sheets : dict of str → DataFrame
        Sheet name → frame, in order (names are cut to Excel's 31 characters).
    labels : dict, optional
        Column name → header text (Vietnamese labels, e.g. a module's ``LABELS``);
        other columns keep their names.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``sheets`` is empty.

    Notes
    -----
    Bold, wrapped header row, frozen below the header, with an auto-filter;
    column widths from the content; text starting with ``= + - @`` is
    neutralised with a leading apostrophe; NaN becomes an empty cell; fixed
    dates, so two writes of the same frames give identical bytes.
    """
    from openpyxl import Workbook

    if not sheets:
        raise ValueError("write_excel needs at least one sheet")
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for sheet_name, df in sheets.items():
        fill_sheet(wb.create_sheet(_sheet_title(sheet_name, used)), df, labels)
    return save_workbook(wb, path)


def write_csv(path: str | Path, df: pd.DataFrame) -> Path:
    """Write a frame as UTF-8 CSV (no BOM, ``\\n`` line ends, no index), deterministically.

    Parameters
    ----------
    path : str or Path
    df : pandas.DataFrame

    Returns
    -------
    Path

    Notes
    -----
    Text cells (and headers) starting with ``= + - @``, tab or CR are
    neutralised with a leading apostrophe. Text is NFC-normalised.
    """
    out = df.copy()
    for col in out.columns:
        if not (
            pd.api.types.is_numeric_dtype(out[col].dtype)
            or pd.api.types.is_bool_dtype(out[col].dtype)
        ):
            out[col] = (
                out[col]
                .map(
                    lambda v: (
                        neutralise(unicodedata.normalize("NFC", v)) if isinstance(v, str) else v
                    )
                )
                .astype(object)
            )
    out.columns = [neutralise(str(c)) for c in out.columns]
    text = out.to_csv(index=False, lineterminator="\n")
    return atomic_write_text(Path(path), text)


def _jsonable(obj):
    """Convert an object tree to plain JSON types (NaN → null, numpy → Python)."""
    import dataclasses

    import numpy as np

    if obj is None or isinstance(obj, (str, bool)):
        return obj
    if isinstance(obj, (int, np.integer)) and not isinstance(obj, (bool, np.bool_)):
        return int(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        return v if math.isfinite(v) else None
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(
            (_jsonable(v) for v in obj),
            key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False),
        )
    if isinstance(obj, pd.DataFrame):
        return [_jsonable(r) for r in obj.to_dict(orient="records")]
    if isinstance(obj, pd.Series):
        return {str(k): _jsonable(v) for k, v in obj.to_dict().items()}
    if isinstance(obj, np.ndarray):
        return [_jsonable(v) for v in obj.tolist()]
    if obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, (pd.Timestamp, _dt.datetime, _dt.date, _dt.time)):
        return obj.isoformat()
    if isinstance(obj, Path):
        return obj.as_posix()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _jsonable(obj.as_dict() if hasattr(obj, "as_dict") else dataclasses.asdict(obj))
    raise TypeError(f"cannot write {type(obj).__name__} to JSON")


def write_json(path: str | Path, obj) -> Path:
    """Write an object as JSON: sorted keys, UTF-8 (ensure_ascii=False), indent 2, atomic.

    Parameters
    ----------
    path : str or Path
    obj : object
        Dicts, lists, numbers, strings, numpy scalars, DataFrames (as
        records), dates, Paths, dataclasses; NaN and infinities become null.

    Returns
    -------
    Path

    Raises
    ------
    TypeError
        If ``obj`` holds something that has no JSON form.
    """
    text = (
        json.dumps(_jsonable(obj), sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
        + "\n"
    )
    return atomic_write_text(Path(path), text)

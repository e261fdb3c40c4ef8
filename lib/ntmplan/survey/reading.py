"""Reading survey tables from CSV and XLSX files.

Reading (:func:`read_table`) never writes the input: the file's bytes are read
once and parsed in memory. What makes a file unreadable raises
:class:`~ntmplan.core.errors.InputError`; what was read but deserves a word
(another encoding, decomposed Unicode, title rows, merged cells, formulas) is
returned as problems in ``frame.attrs["problems"]`` and reported by
:func:`ntmplan.survey.schema.validate_survey`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io as _io
import math
import re
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
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
#: Typographic characters that do not count against a Vietnamese code-page guess.
_TYPOGRAPHIC = set("–—‘’“”…•°№€\u00a0«»·")


# ---------------------------------------------------------------- reading


def _fail(file: str, vi: str, en: str, value=None) -> InputError:
    return InputError([Problem(file, None, None, value, vi, en)])


def read_input_bytes(path: Path) -> bytes:
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
    data = read_input_bytes(path)
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

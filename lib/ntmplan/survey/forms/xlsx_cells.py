"""Fast reading of a returned form's two tables straight from the workbook's XML.

Collecting a hundred or more forms with openpyxl costs tens of milliseconds per workbook
(styles, every sheet's dimensions). A returned form is small and simple, so its cell values
are read here from the sheet XML (shared strings, inline strings, numbers, booleans, errors,
and numbers formatted as dates or times turned into dates as openpyxl does). Only "plain"
workbooks take this way (:func:`plain_form_sheets`): the survey sheet present by name, no
formula and no merged cell in the two tables — anything else is read by the general reader, which
explains formulas and merged cells.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from ntmplan.survey.reading.source import MAX_XLSX_UNCOMPRESSED

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_TEXT = "{" + _NS["m"] + "}t"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FORMULA_OR_MERGE = re.compile(rb"<(?:\w+:)?(?:f|mergeCell)[ >/]")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _sheet_paths(zf: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Sheet name → part name in the archive, and whether dates count from 1904."""
    wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for s in wb.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(s.get(_REL), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[s.get("name")] = target
    pr = wb.find("m:workbookPr", _NS)
    return out, pr is not None and pr.get("date1904") in ("1", "true")


def plain_form_sheets(data: bytes, wanted: tuple[str, ...]) -> dict[str, str] | None:
    """Return sheet name → XML part of the ``wanted`` sheets of a plain workbook, else None.

    Parameters
    ----------
    data : bytes
        The workbook's bytes.
    wanted : tuple of str
        Sheet names; the first must be present (the survey sheet).

    Returns
    -------
    dict or None
        None when the archive cannot be opened, is larger than allowed uncompressed, lacks the
        first sheet, or holds a formula or a merged cell in one of the ``wanted`` sheets.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_XLSX_UNCOMPRESSED:
                return None
            paths, _ = _sheet_paths(zf)
            if wanted[0] not in paths:
                return None
            for n in wanted:
                if n in paths and _FORMULA_OR_MERGE.search(zf.read(paths[n])):
                    return None
    except Exception:  # noqa: BLE001 - anything odd goes to the general reader, which explains it
        return None
    return {n: paths[n] for n in wanted if n in paths}


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    try:
        root = ElementTree.fromstring(zf.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return ["".join(x.text or "" for x in si.iter(_TEXT)) for si in root.iterfind("m:si", _NS)]


def _date_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles whose number format shows a date or a time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    try:
        root = ElementTree.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return set()
    custom = {
        int(n.get("numFmtId")): n.get("formatCode")
        for n in root.iterfind("m:numFmts/m:numFmt", _NS)
    }
    out = set()
    for i, xf in enumerate(root.iterfind("m:cellXfs/m:xf", _NS)):
        fid = int(xf.get("numFmtId", 0))
        code = custom.get(fid, BUILTIN_FORMATS.get(fid))
        if code and is_date_format(code):
            out.add(i)
    return out


def _number(text: str):
    return float(text) if any(c in text for c in ".eE") else int(text)


def _value(c, strings: list[str], dates: set[int], epoch):
    """The value openpyxl would give a cell (data only)."""
    from openpyxl.utils.datetime import from_excel

    kind = c.get("t", "n")
    v = c.find("m:v", _NS)
    if kind == "inlineStr":
        return "".join(x.text or "" for x in c.iter(_TEXT))
    if v is None or v.text is None:
        return None
    if kind == "s":
        return strings[int(v.text)]
    if kind == "b":
        return v.text in ("1", "true")
    if kind in ("str", "e"):
        return v.text
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601

        return from_ISO8601(v.text)
    value = _number(v.text)
    if int(c.get("s", 0)) in dates:
        return from_excel(value, epoch)
    return value


def sheet_rows(data: bytes, parts: dict[str, str]) -> dict[str, list[list]]:
    """Return the cell values of each sheet as rows (row i = Excel row i + 1), openpyxl's way.

    Parameters
    ----------
    data : bytes
        The workbook's bytes.
    parts : dict
        Sheet name → XML part, from :func:`plain_form_sheets`.

    Returns
    -------
    dict
        Sheet name → list of rows of values (None for an empty cell); trailing columns of a row
        are padded to the widest row.
    """
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        _, is_1904 = _sheet_paths(zf)
        epoch = CALENDAR_MAC_1904 if is_1904 else CALENDAR_WINDOWS_1900
        strings, dates = _shared_strings(zf), _date_styles(zf)
        for name, part in parts.items():
            root = ElementTree.fromstring(zf.read(part))
            cells: dict[tuple[int, int], object] = {}
            r_no = 0
            for row in root.iterfind("m:sheetData/m:row", _NS):
                r_no = int(row.get("r", r_no + 1))
                c_no = 0
                for c in row.iterfind("m:c", _NS):
                    ref = _CELL_REF.fullmatch(c.get("r", ""))
                    c_no = _column_index(ref.group(1)) if ref else c_no + 1
                    if not len(c):  # a styled cell without a value
                        continue
                    value = _value(c, strings, dates, epoch)
                    if value is not None:
                        cells[(r_no, c_no)] = value
            n_rows = max((r for r, _ in cells), default=0)
            n_cols = max((c for _, c in cells), default=0)
            grid = [[None] * n_cols for _ in range(n_rows)]
            for (r, c), value in cells.items():
                grid[r - 1][c - 1] = value
            out[name] = grid
    return out

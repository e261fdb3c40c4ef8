"""Which sheets of a workbook hold the survey: every visible survey-shaped sheet, never a hidden one silently.

A workbook may carry the survey on one sheet (``khao_sat`` in the template), on several
(a province split by area), next to an older copy kept on a hidden sheet, or next to the
villages' sheet (``thon``). The rule, in order:

1. a sheet asked for by name is read (with a warning if it is hidden);
2. otherwise every **visible** sheet whose top rows hold the survey's header is read —
   several are merged, with a message naming them;
3. hidden survey-shaped sheets are never read while a visible one exists; they are named
   as ignored. Only when every survey-shaped sheet is hidden are they read, with a warning;
4. a workbook with no survey-shaped sheet falls back to ``khao_sat`` or its only sheet.

The villages' sheet (named ``thon``, or whose header names the village column) is not a
survey sheet: it is read by :mod:`ntmplan.survey.villages`.
"""

from __future__ import annotations

from ntmplan.core.errors import Problem
from ntmplan.survey.reading.headers import HEADER_MIN_MATCHES, HEADER_SCAN_ROWS, header_score
from ntmplan.survey.reading.source import fail
from ntmplan.survey.units.text import fold

#: The survey sheet of the Excel template.
SURVEY_SHEET = "khao_sat"
#: The villages' sheet of a commune form (folded names); never read as the commune survey.
VILLAGE_SHEETS = ("thon",)
#: Header cells (folded) that mark a table of villages rather than of communes.
VILLAGE_HEADERS = ("village_name", "ten thon", "ten thon/ban/ap", "ten thon, ban, ap")


def _top_rows(ws, cell_text) -> list[list]:
    return [
        [cell_text(v) for v in r] for r in ws.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)
    ]


def sheet_kind(ws, cell_text) -> str:
    """Classify a worksheet as ``"survey"``, ``"village"`` or ``"other"`` from its name and top rows.

    Parameters
    ----------
    ws : openpyxl worksheet
    cell_text : callable
        Turns an openpyxl cell value into text (``xlsx.excel_cell_text``).

    Returns
    -------
    str
    """
    if fold(ws.title) in VILLAGE_SHEETS:
        return "village"
    top = _top_rows(ws, cell_text)
    if any(fold(c) in VILLAGE_HEADERS for r in top for c in r if c):
        return "village"
    return "survey" if any(header_score(r) >= HEADER_MIN_MATCHES for r in top) else "other"


def _listed(names: list[str]) -> str:
    return "; ".join(f"«{n}»" for n in names)


def _note(name: str, value, vi: str, en: str) -> Problem:
    return Problem(name, None, None, value, vi, en, "warning")


def choose_sheets(wb, sheet: str | None, name: str, cell_text) -> tuple[list[str], list[Problem]]:
    """Pick the sheets to read as the survey (see the module docstring for the rule).

    Parameters
    ----------
    wb : openpyxl.Workbook
    sheet : str or None
        The sheet asked for (matched exactly, then accent- and case-insensitively).
    name : str
        The file's name, for the problems.
    cell_text : callable
        Turns an openpyxl cell value into text.

    Returns
    -------
    (list of str, list of Problem)
        The sheets' titles in workbook order, and warnings naming what was merged,
        ignored or read although hidden.

    Raises
    ------
    InputError
        If the sheet asked for does not exist, or no sheet can be the survey.
    """
    sheets = list(wb.worksheets)  # chartsheets hold no cells
    names = [w.title for w in sheets]
    hidden = {w.title for w in sheets if w.sheet_state != "visible"}
    if sheet is not None:
        match = [n for n in names if n == sheet] or [n for n in names if fold(n) == fold(sheet)]
        if not match:
            raise fail(
                name,
                f"Không có trang tính «{sheet}»; tệp có các trang: {', '.join(names)}",
                f"no sheet named '{sheet}'; the workbook has: {', '.join(names)}",
                sheet,
            )
        notes = []
        if match[0] in hidden:
            notes.append(
                _note(
                    name,
                    match[0],
                    f"Trang «{match[0]}» đang bị ẩn; đã đọc vì được chỉ định",
                    f"sheet '{match[0]}' is hidden; it was read because it was asked for",
                )
            )
        return [match[0]], notes

    kinds = {w.title: sheet_kind(w, cell_text) for w in sheets}
    shaped = [n for n in names if kinds[n] == "survey"]
    visible = [n for n in shaped if n not in hidden]
    ignored = [n for n in shaped if n in hidden]
    notes: list[Problem] = []
    if visible:
        chosen = visible
        if ignored:
            notes.append(
                _note(
                    name,
                    ", ".join(ignored),
                    f"Bỏ qua trang ẩn có dạng khảo sát {_listed(ignored)}; đã đọc trang đang hiện {_listed(visible)}. "
                    "Nếu cần dùng trang ẩn, hãy hiện trang đó và xóa hoặc ẩn trang kia",
                    f"hidden survey-shaped sheet(s) {', '.join(ignored)} ignored; the visible sheet(s) "
                    f"{', '.join(visible)} were read. To use a hidden sheet, unhide it and remove or hide the other",
                )
            )
    elif ignored:
        chosen = ignored
        notes.append(
            _note(
                name,
                ", ".join(ignored),
                f"Chỉ có trang ẩn mang dữ liệu khảo sát; đã đọc trang ẩn {_listed(ignored)} — hãy kiểm tra đó đúng là số liệu cần dùng",
                f"only hidden sheets hold survey data; the hidden sheet(s) {', '.join(ignored)} were read — check they hold the figures meant",
            )
        )
    else:
        chosen = _fallback(names, name)
    if len(chosen) > 1:
        notes.append(
            _note(
                name,
                ", ".join(chosen),
                f"Tệp có {len(chosen)} trang dạng khảo sát; đã đọc và gộp cả {len(chosen)} trang: {_listed(chosen)}",
                f"{len(chosen)} sheets look like survey data; all were read and merged: {', '.join(chosen)}",
            )
        )
    elif len(names) > 1 and chosen[0] != SURVEY_SHEET and not notes:
        notes.append(_other_sheet_note(name, names, chosen[0]))
    return chosen, notes


def _fallback(names: list[str], name: str) -> list[str]:
    """No survey-shaped sheet: ``khao_sat`` (the empty template) or the only sheet, else refuse."""
    match = [n for n in names if fold(n) == fold(SURVEY_SHEET)]
    if match:
        return match[:1]
    if len(names) == 1:
        return names
    raise fail(
        name,
        f"Không tìm thấy trang khảo sát: không có trang «{SURVEY_SHEET}» và không trang nào có dòng tiêu đề của mẫu khảo sát (các trang: {', '.join(names)})",
        f"no survey sheet: no sheet named '{SURVEY_SHEET}' and no sheet with the survey's header row (sheets: {', '.join(names)})",
    )


def _other_sheet_note(name: str, names: list[str], chosen: str) -> Problem:
    """The survey was read from a sheet other than ``khao_sat``: say which, and list the sheets."""
    if any(fold(n) == fold(SURVEY_SHEET) for n in names):
        vi = f"Trang tính «{SURVEY_SHEET}» không có dòng tiêu đề của mẫu khảo sát"
        en = f"sheet '{SURVEY_SHEET}' has no survey header row"
    else:
        vi, en = f"Không có trang tính «{SURVEY_SHEET}»", f"no sheet named '{SURVEY_SHEET}'"
    return _note(
        name,
        chosen,
        f"{vi}; đã đọc trang «{chosen}» (các trang: {', '.join(names)})",
        f"{en}; read sheet '{chosen}' (sheets: {', '.join(names)})",
    )

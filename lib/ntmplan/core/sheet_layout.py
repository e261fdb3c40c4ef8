"""How an exported worksheet looks on screen and on paper: number formats, widths, print setup.

One rule for every XLSX the project writes (used by :func:`ntmplan.core.writers.fill_sheet`
and the survey template): the number format follows the kind of the column
(:func:`ntmplan.core.presentation.column_kind`), widths fit the text shown (capped), and every
sheet prints on A4 — landscape when it has more than :data:`LANDSCAPE_COLUMNS` columns —
fitted to the page width, with the header rows repeated on every page and page numbers.
Excel shows the formats with the reader's own separators, so a Vietnamese Excel writes
``1.234,5`` and ``67,9%``.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ntmplan.core.presentation import column_kind, format_value

#: Excel number format for each column kind of :func:`~ntmplan.core.presentation.column_kind`.
NUMBER_FORMATS: dict[str, str] = {
    "count": "#,##0",
    "money": "#,##0.0",
    "score": "#,##0.0",
    "number": "#,##0.0#",
    "share": "0.0%",
    "unit": "0.00",
    "year": "0",
    "code": "@",
}
#: Sheets with more columns than this print in landscape.
LANDSCAPE_COLUMNS = 8
#: Widest column (characters) for text and for headers' share of the width.
MAX_WIDTH, MIN_WIDTH = 40.0, 6.0
#: Header text per line (characters) before it wraps onto another line.
HEADER_LINE = 18
#: Characters of ordinary text per unit of column width (Excel's unit is a digit's width).
CHARS_PER_WIDTH = 1.2
#: How the header of a code column starts ("Mã nhóm", "Mã kênh").
CODE_HEADER = "Mã "
#: A machine id: lower-case ASCII letters, digits and underscores, starting with a letter.
ID_RE = re.compile(r"[a-z][a-z0-9_]*")
#: How much wider bold header text is than ordinary text.
BOLD_WIDTH = 1.2
#: Height (points) of one line of 11-point text, and the most lines a header row shows.
LINE_HEIGHT, MAX_HEADER_LINES = 15.0, 8
#: Texts written for yes/no (:data:`ntmplan.core.presentation.YES`, ``NO``): centred.
FLAG_TEXTS = frozenset({"✓", "✗"})


def number_format(kind: str) -> str | None:
    """The Excel number format of a column kind (None: leave Excel's General).

    Parameters
    ----------
    kind : str
        From :func:`~ntmplan.core.presentation.column_kind`.

    Returns
    -------
    str or None
    """
    return NUMBER_FORMATS.get(kind)


#: Words of a (Vietnamese or bilingual) header that say how its numbers read, checked in order.
HEADER_KINDS: tuple[tuple[str, str], ...] = (
    ("(0–100)", "score"),
    ("(0–1)", "unit"),
    ("triệu đồng", "money"),
    ("million vnd", "money"),
    ("tỷ lệ", "share"),
    ("năm", "year"),
)


def _header_kind(header: str, kind: str, values: pd.Series) -> str:
    """Refine a numeric column's kind from its header (for frames already renamed)."""
    if kind not in ("count", "number"):
        return kind
    text = str(header).lower()
    for word, refined in HEADER_KINDS:
        if word == "năm":
            if text == "năm" or text.startswith("năm /") or text.endswith("/ year"):
                return "year" if kind == "count" else kind
            continue
        if word in text:
            if refined == "share" and values.dropna().abs().gt(1 + 1e-9).any():
                return kind
            return refined
    return kind


def column_kinds(df: pd.DataFrame, headers: list[str] | None = None) -> list[str]:
    """The kind of every column of ``df`` (by position), from its name, header and values.

    Parameters
    ----------
    df : pandas.DataFrame
    headers : list of str, optional
        The header texts written (labels); a numeric column whose header says
        ``(0–100)``, ``triệu đồng``, ``Tỷ lệ`` or ``Năm`` is a score, money, share or year.

    Returns
    -------
    list of str
    """
    kinds = []
    for i, c in enumerate(df.columns):
        values = df.iloc[:, i]
        kind = column_kind(str(c), values)
        if headers is not None and pd.api.types.is_numeric_dtype(values):
            kind = _header_kind(headers[i], kind, values)
        kinds.append(kind)
    return kinds


def _shown_length(value, kind: str) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    return len(format_value(value, kind))


def column_width(header: str, values: pd.Series, kind: str) -> float:
    """A width (characters) that fits the shown values and lets the header wrap by words.

    Parameters
    ----------
    header : str
        The header text.
    values : pandas.Series
        The values written (labelled), of which the first 1000 are measured.
    kind : str
        The column kind (numbers are measured as Excel shows them).

    Returns
    -------
    float
        Between :data:`MIN_WIDTH` and :data:`MAX_WIDTH`.
    """
    sample = values.head(1000)
    longest = max((_shown_length(v, kind) for v in sample), default=0)
    words = str(header).split()
    head_word = max((len(w) for w in words), default=0) * BOLD_WIDTH
    head_lines = min(len(str(header)), HEADER_LINE * 4) / 4
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2, head_word + 1, head_lines)))


def wrapped_lines(text, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (word wrap).

    Parameters
    ----------
    text : object
        The cell value (None: one line).
    width : float
        The column width in characters.

    Returns
    -------
    int
        At least 1.
    """
    if text is None or not isinstance(text, str):
        return 1
    room = max(1, int(width * CHARS_PER_WIDTH))
    lines = 0
    for paragraph in text.splitlines() or [""]:
        used, lines = 0, lines + 1
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= room:
                used = need
            else:
                lines += (len(word) - 1) // room + (1 if used else 0)
                used = len(word) % room or room
    return max(1, lines)


def is_id_column(values: pd.Series) -> bool:
    """True when every value is a machine id (``gate_rural``, ``officials``, ``radio_tv``).

    Such columns sit next to the label they stand for; they are kept in the workbook (for
    merging and filtering) but hidden, so that neither the screen nor the print shows codes.

    Parameters
    ----------
    values : pandas.Series
        The values written (labelled).

    Returns
    -------
    bool
    """
    present = [v for v in values.head(1000) if v is not None and not pd.isna(v)]
    return bool(present) and all(isinstance(v, str) and ID_RE.fullmatch(v) for v in present)


def code_columns(df: pd.DataFrame, headers: list[str]) -> list[int]:
    """Positions of the columns that hold codes on purpose: header ``Mã …``, values machine ids.

    Parameters
    ----------
    df : pandas.DataFrame
        The frame as the task gives it (before labelling).
    headers : list of str
        The header texts written.

    Returns
    -------
    list of int
        These columns keep their codes (not labelled) and are hidden (:func:`is_id_column`).
    """
    return [
        j
        for j, head in enumerate(headers)
        if str(head).startswith(CODE_HEADER) and is_id_column(df.iloc[:, j])
    ]


def _is_flag_column(values: pd.Series) -> bool:
    present = [v for v in values.head(1000) if isinstance(v, str)]
    return bool(present) and all(v in FLAG_TEXTS for v in present)


def style_columns(ws, headers: list[str], shown: pd.DataFrame, kinds: list[str], top: int) -> None:
    """Set widths, number formats and alignment of a table written from row ``top``.

    Parameters
    ----------
    ws : openpyxl worksheet
    headers : list of str
        The header texts (row ``top``).
    shown : pandas.DataFrame
        The values written below the header (labelled), by position.
    kinds : list of str
        The kind of every column (:func:`column_kinds` of the frame before labelling).
    top : int
        The header row.

    Returns
    -------
    None
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    centre = Alignment(horizontal="center", vertical="top")
    top_align = Alignment(vertical="top")
    text_wrap = Alignment(wrap_text=True, vertical="top")
    widths, wrapped = [], []
    for j, kind in enumerate(kinds, start=1):
        values = shown.iloc[:, j - 1]
        width = column_width(headers[j - 1], values, kind)
        ws.column_dimensions[get_column_letter(j)].width = width
        if kind in ("text", "code") and len(kinds) > 1 and is_id_column(values):
            ws.column_dimensions[get_column_letter(j)].hidden = True
        widths.append(width)
        fmt_code = number_format(kind)
        long_text = kind == "text" and width >= MAX_WIDTH
        if long_text:
            wrapped.append(j - 1)
        flag = kind == "flag" or (kind == "text" and _is_flag_column(values))
        align = centre if flag else text_wrap if long_text else top_align
        cells = ws.iter_rows(min_row=top + 1, max_row=top + len(shown), min_col=j, max_col=j)
        for (cell,) in cells:
            value = cell.value
            if fmt_code and isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = fmt_code
            cell.alignment = align
    header_lines = max(
        (wrapped_lines(h, w / BOLD_WIDTH) for h, w in zip(headers, widths, strict=True)),
        default=1,
    )
    ws.row_dimensions[top].height = LINE_HEIGHT * min(MAX_HEADER_LINES, header_lines)
    for i, row in enumerate(shown.itertuples(index=False, name=None), start=top + 1):
        lines = max((wrapped_lines(row[k], widths[k]) for k in wrapped), default=1)
        if lines > 1:
            ws.row_dimensions[i].height = LINE_HEIGHT * lines


def print_setup(
    ws, n_columns: int, title_rows: int = 1, first_row: int = 1, title: str | None = None
) -> None:
    """Set a worksheet to print on A4, fitted to the page width, header rows repeated.

    Parameters
    ----------
    ws : openpyxl worksheet
    n_columns : int
        Columns of the table; more than :data:`LANDSCAPE_COLUMNS` → landscape.
    title_rows : int
        Header rows repeated at the top of every printed page.
    first_row : int
        The first of those rows (after any title rows above the header).
    title : str, optional
        Printed at the top of every page; the sheet's name when None.

    Returns
    -------
    None
    """
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if n_columns > LANDSCAPE_COLUMNS else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = True
    if title_rows > 0:
        ws.print_title_rows = f"{first_row}:{first_row + title_rows - 1}"
    ws.oddHeader.center.text = title.replace("&", "&&") if title else "&A"
    ws.oddFooter.center.text = "Trang &P/&N"

"""Deterministic, atomic file writers: bytes, text, Excel, CSV, JSON.

Writing is deterministic (same input → same bytes) and atomic (temporary file
and rename). Text cells that a spreadsheet would run as a formula (starting
with ``= + - @``, tab or carriage return) are neutralised with a leading
apostrophe in every CSV and XLSX export.
"""

from __future__ import annotations

import datetime as _dt
import io as _io
import json
import math
import re
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd

from ntmplan.core.atomic import atomic_write_bytes, atomic_write_text

__all__ = [
    "FIXED_TIMESTAMP",
    "FORMULA_TRIGGERS",
    "atomic_write_bytes",
    "atomic_write_text",
    "fill_sheet",
    "neutralise",
    "save_workbook",
    "write_csv",
    "write_excel",
    "write_json",
]
#: First characters that make a spreadsheet treat text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Fixed timestamp written into every XLSX (document properties and zip entries).
FIXED_TIMESTAMP = _dt.datetime(2025, 1, 1, 0, 0, 0)


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
        return "✓" if value else "✗"
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


def fill_sheet(
    ws,
    df: pd.DataFrame,
    labels: dict[str, str] | None = None,
    header_rows: int = 1,
    params: dict | None = None,
    value_labels: dict | None = None,
    kinds: dict[str, str] | None = None,
) -> None:
    """Write a frame into a worksheet as an office forwards it: labels, formats, print setup.

    Parameters
    ----------
    ws : openpyxl worksheet
        An empty worksheet, or one with title rows already written above the table
        (the header goes below them and the frozen panes, filter and printed header
        rows follow it).
    df : pandas.DataFrame
    labels : dict, optional
        Column name → header text; other columns keep their names.
    header_rows : int
        Rows of the table's header frozen at the top and repeated on printed pages
        (1 = the header row).
    params : dict, optional
        Resolved params: coded values (sector, category, NTM level, pilot type, source,
        activity, training lists) are written as their labels
        (:func:`ntmplan.core.presentation.label_values`); the defaults when None.
    value_labels : dict, optional
        More ``{column: {code: label}}`` from the caller.
    kinds : dict, optional
        Column name → kind (``"share"``, ``"money"``…) where the name does not tell it
        (e.g. a task's ``KINDS``: ``value``, ``target`` hold 0–1 shares).

    Returns
    -------
    None

    Notes
    -----
    Yes/no becomes ``✓``/``✗``; numbers stay numbers with a format chosen by the kind of
    their column (:func:`ntmplan.core.presentation.column_kind`): ``#,##0`` counts,
    ``#,##0.0`` money and scores, ``0.0%`` shares. Widths fit the shown text (capped);
    A4, landscape when wide, fitted to the page width (:func:`ntmplan.core.sheet_layout.print_setup`).
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ntmplan.core import sheet_layout
    from ntmplan.core.presentation import label_values

    labels = labels or {}
    bold, fill, wrap = (
        Font(bold=True),
        PatternFill("solid", fgColor="DDEBF7"),
        Alignment(wrap_text=True, vertical="top"),
    )
    headers = [neutralise(str(labels.get(c, c))) for c in df.columns]
    given = kinds or {}
    kinds = [
        given.get(c, k) if isinstance(c, str) else k
        for c, k in zip(df.columns, sheet_layout.column_kinds(df, headers), strict=True)
    ]
    shown = label_values(df, params, value_labels)
    for j in sheet_layout.code_columns(
        df, headers
    ):  # "Mã …" stays a code (hidden) beside its label
        shown.isetitem(j, df.iloc[:, j].reset_index(drop=True).astype(object))
    top = ws.max_row + 1 if ws.max_row > 1 or ws["A1"].value is not None else 1
    for j, text in enumerate(headers, start=1):
        cell = ws.cell(row=top, column=j, value=text)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for i, row in enumerate(shown.itertuples(index=False, name=None), start=top + 1):
        for j, v in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=_excel_value(v))
    sheet_layout.style_columns(ws, headers, shown, kinds, top)
    last_header = top + header_rows - 1
    ws.freeze_panes = f"A{last_header + 1}"
    if len(df.columns):
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(df.columns))}{top + len(df)}"
    sheet_layout.print_setup(ws, len(df.columns), title_rows=header_rows, first_row=top)


def write_excel(
    path: str | Path,
    sheets: dict[str, pd.DataFrame],
    labels: dict[str, str] | None = None,
    params: dict | None = None,
    value_labels: dict | None = None,
    kinds: dict[str, str] | None = None,
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
    params : dict, optional
        Resolved params, for the labels of coded values (defaults when None).
    value_labels : dict, optional
        More ``{column: {code: label}}`` (e.g. a task's status codes).
    kinds : dict, optional
        Column name → kind, as :func:`fill_sheet`.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``sheets`` is empty.

    Notes
    -----
    Each sheet through :func:`fill_sheet`: bold wrapped header frozen at the top with an
    auto-filter, coded values as labels and yes/no as ``✓``/``✗``, number formats by
    column kind, widths from the content, A4 print setup fitted to the width with the
    header repeated. Text starting with ``= + - @`` is neutralised with a leading
    apostrophe; NaN becomes an empty cell; fixed dates, so two writes of the same frames
    give identical bytes.
    """
    from openpyxl import Workbook

    if not sheets:
        raise ValueError("write_excel needs at least one sheet")
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for sheet_name, df in sheets.items():
        ws = wb.create_sheet(_sheet_title(sheet_name, used))
        fill_sheet(ws, df, labels, params=params, value_labels=value_labels, kinds=kinds)
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

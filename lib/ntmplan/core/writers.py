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
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd

#: First characters that make a spreadsheet treat text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Fixed timestamp written into every XLSX (document properties and zip entries).
FIXED_TIMESTAMP = _dt.datetime(2025, 1, 1, 0, 0, 0)

#: The process umask (read once; new files get 0666 minus it, like open() would give).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


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

"""A survey file as a whole: its sheets validated and merged, and what only the whole file shows.

:func:`validate_file` is the one way from a survey file to the typed table and every
problem, used by :func:`~ntmplan.survey.loading.load_survey` and by ``ntmplan validate``.
Each survey sheet is validated on its own (its problems name the file and the sheet);
then the whole file is checked for what no single sheet shows:

- a commune listed on two sheets for the same year (an error on both rows);
- a **sparse year** — a year that only a few of a province's rows carry (one row typed
  2026 in a 2025 survey): a warning listing the rows, because the run would otherwise
  analyse that year's handful of communes as if they were the province.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.core.params import params_or_defaults

#: Most rows listed in one message (the rest are counted).
MAX_ROWS_LISTED = 20


def _rows_text(rows: list[int]) -> str:
    shown = "; ".join(str(r) for r in rows[:MAX_ROWS_LISTED])
    return shown + (f" … (+{len(rows) - MAX_ROWS_LISTED})" if len(rows) > MAX_ROWS_LISTED else "")


def _keys(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Province, commune and year text of every row of every sheet, with its file label and row."""
    parts = []
    for f in frames:
        cols = {
            c: f[c] if c in f.columns else None for c in ("province_code", "commune_code", "year")
        }
        part = pd.DataFrame(cols, index=f.index)
        part["file"] = f.attrs.get("file")
        part["row"] = f.index.to_numpy() if f.index.name == "excel_row" else range(2, 2 + len(f))
        parts.append(part)
    keys = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for c in ("province_code", "commune_code", "year"):
        if c in keys:
            keys[c] = keys[c].astype("string").str.strip()
    return keys


def cross_sheet_duplicates(frames: list[pd.DataFrame]) -> list[Problem]:
    """Errors for a commune listed on more than one sheet in the same year.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        The sheets as read by :func:`~ntmplan.survey.reading.read_tables`.

    Returns
    -------
    list of Problem
        One error per row concerned, naming the other sheets' rows.
    """
    if len(frames) < 2:
        return []
    keys = _keys(frames).dropna(subset=["commune_code", "year"])
    n_files = keys.groupby(["commune_code", "year"])["file"].transform("nunique")
    dup = keys[n_files > 1]
    out = []
    for (code, year), g in dup.groupby(["commune_code", "year"], sort=True):
        where = "; ".join(f"{f} dòng/row {r}" for f, r in zip(g["file"], g["row"], strict=True))
        for f, r in zip(g["file"], g["row"], strict=True):
            out.append(
                Problem(
                    f,
                    int(r),
                    "commune_code",
                    code,
                    f"Xã {code} có mặt ở nhiều trang trong năm {year} ({where})",
                    f"commune {code} is on more than one sheet in {year} ({where})",
                )
            )
    return out


def sparse_year_problems(frames: list[pd.DataFrame], params: dict | None = None) -> list[Problem]:
    """Warnings for a year that only a few of a province's rows carry.

    For each province, a year whose rows are fewer than ``survey.sparse_year_share`` of
    the province's best-covered year in the file is named, with its rows.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        The sheets as read (text cells).
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    list of Problem
        One warning per province and sparse year, at its first row.
    """
    share = float(params_or_defaults(params)["survey"]["sparse_year_share"])
    keys = _keys(frames)
    if keys.empty or keys[["province_code", "year"]].isna().all().any():
        return []
    keys = keys.dropna(subset=["province_code", "year"])
    counts = keys.groupby(["province_code", "year"]).size()
    best = counts.groupby(level="province_code").transform("max")
    sparse = counts[counts < share * best]
    out = []
    for (province, year), n in sparse.items():
        g = keys[(keys["province_code"] == province) & (keys["year"] == year)]
        full = int(best[(province, year)])
        rows = [int(r) for r in g["row"]]
        out.append(
            Problem(
                g["file"].iloc[0],
                rows[0],
                "year",
                year,
                f"Năm {year} chỉ có {n} dòng của tỉnh {province} (năm nhiều nhất có {full} dòng) — dòng {_rows_text(rows)}; "
                "kiểm tra năm khảo sát đã gõ đúng chưa (khi chạy, năm phân tích là năm gần nhất có đủ các xã)",
                f"year {year} has only {n} row(s) of province {province} (the best-covered year has {full}) — rows "
                f"{_rows_text(rows)}; check the survey year (runs analyse the latest year that covers the province)",
                "warning",
            )
        )
    return out


def validate_file(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and validate every survey sheet of a file; merge them; add the whole-file checks.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX; it is only read.
    scheme : str
        ``current`` (2025 units) or ``legacy``.
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        The typed survey of all sheets (fresh RangeIndex) without the rows that have an
        error, and every problem (errors and warnings), sheet by sheet.

    Raises
    ------
    InputError
        If the file cannot be read (see :func:`~ntmplan.survey.reading.read_tables`).
    """
    from ntmplan.survey.reading import read_tables
    from ntmplan.survey.schema import validate_survey

    frames = read_tables(path)
    typed_parts, problems = [], []
    for raw in frames:
        label = raw.attrs.get("file") if len(frames) > 1 else str(path)
        typed, found = validate_survey(raw, scheme=scheme, file=label, params=params)
        typed_parts.append(typed)
        problems.extend(found)
    problems.extend(cross_sheet_duplicates(frames))
    problems.extend(sparse_year_problems(frames, params))
    typed = (
        typed_parts[0]
        if len(typed_parts) == 1
        else pd.concat(typed_parts, ignore_index=True).astype(typed_parts[0].dtypes.to_dict())
    )
    return typed, problems
